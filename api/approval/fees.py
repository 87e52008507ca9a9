"""Fees between approval and payments (payments never imports approval: `api.wiring`
installs these hooks): a fee notice the core system issued becomes a payment order, and a paid
order settles its notice, which lets the result be released."""

from __future__ import annotations

from api.approval.models import Application, FeeNotice, TimelineEntry
from api.approval.progress import FeeNoticeHook
from api.kit import clock
from payments.models import PaymentOrder
from payments.service import FeeItemIn, FeeNoticeIn, PaidHook, Payments, yuan

FEE_PAID = "fee_paid"  # the timeline's word for a settled fee notice


def order_for_each_fee_notice(payments: Payments) -> FeeNoticeHook:
    """Called inside the transaction that records the notice: the order commits with it."""

    async def make_order(notice: FeeNotice) -> None:
        application = await Application.get(id=notice.application_id).prefetch_related("item")
        await payments.order_for_fee_notice(
            FeeNoticeIn(
                notice_number=notice.notice_number,
                payee_code=notice.payee_code,
                region_code=notice.region_code,
                total_fen=notice.total_fen,
                due_date=notice.due_date,
                items=tuple(
                    FeeItemIn(code=item["code"], name=item["name"], amount_fen=item["amount_fen"])
                    for item in notice.items
                ),
                service_name=application.item.name,
            ),
            application.person_id,
            application.public_id,
        )

    return make_order


def settle_fee_notice() -> PaidHook:
    """Called inside the transaction that makes the order paid: the notice is settled and
    the application's timeline says so, or neither."""

    async def settle(order: PaymentOrder) -> None:
        notice = await FeeNotice.get_or_none(notice_number=order.notice_number)
        if notice is None or notice.paid_at is not None:
            return
        notice.paid_at = order.paid_at or clock.now()
        await notice.save(update_fields=["paid_at"])
        await TimelineEntry.create(
            application_id=notice.application_id,
            status=FEE_PAID,
            at=notice.paid_at,
            department="",
            note=f"已缴费 {yuan(order.paid_fen)} 元（{order.notice_number}）",
        )

    return settle


async def has_unpaid_fees(application: Application) -> bool:
    return await FeeNotice.exists(application_id=application.id, paid_at__isnull=True)
