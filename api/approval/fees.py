"""A fee notice the core system issued becomes a payment order (payments never imports
approval: this hook, which `api.wiring` installs, hands the notice over)."""

from __future__ import annotations

from api.approval.models import Application, FeeNotice
from api.approval.progress import FeeNoticeHook
from payments.service import FeeItemIn, FeeNoticeIn, Payments


def order_for_each_fee_notice(payments: Payments) -> FeeNoticeHook:
    """Called inside the transaction that records the notice: the order commits with it."""

    async def make_order(notice: FeeNotice) -> None:
        application = await Application.get(id=notice.application_id)
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
            ),
            application.person_id,
            application.public_id,
        )

    return make_order
