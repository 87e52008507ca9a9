"""Payment orders and refunds: the business rules, each change in one transaction.

An order is made once per fee notice (the notice number is unique: a repeat, or ten at once,
get the same order). Every status change goes through `move` or `finish_refund`: the order's
row is locked, the transition table consulted, the timeline written, in one transaction; the
database's trigger refuses what the table lacks even if some other code forgets. Refunds take
the same row lock, so two refunds of one order are decided one after the other, and the
database bounds their sum by what was paid (see payments.models).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from tortoise.exceptions import IntegrityError

from api.kit import clock
from api.kit.db import atomic, rows_of, transaction
from api.kit.ids import new_public_id
from auth.models import Person
from notify.service import Notifier
from payments import errors
from payments.models import (
    Channel,
    EReceipt,
    OrderStatus,
    PaymentEvent,
    PaymentOrder,
    PaymentOrphan,
    ReceiptStatus,
    Refund,
    RefundStatus,
)
from payments.transitions import EXCEPTIONS, MONEY_IN, PAYMENT_ARRIVES, REFUNDABLE, can_move

S = OrderStatus
# Reached only through finish_refund, which moves the refunded amount with the status.
_REFUND_STATES = frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED})
NOTICE_SOURCE = "fee_notice"
# One statement (get_or_create would wrap its look and insert in a savepoint): a paid order's
# receipt, due now; an order has one at most.
_RECEIPT_DUE = (
    "INSERT INTO payment_receipt (order_id, status, attempts, next_attempt_at, last_error,"
    " updated_at) VALUES ($1, 'due', 0, $2, '', $2) ON CONFLICT (order_id) DO NOTHING"
)
log = logging.getLogger("yiwang.payments")


@dataclass(frozen=True)
class FeeItemIn:
    """One line of a fee notice; the amounts in fen."""

    code: str
    name: str
    amount_fen: int
    late_fee_fen: int = 0  # 滞纳金
    penalty_fen: int = 0  # 加处罚款

    @property
    def total_fen(self) -> int:
        return self.amount_fen + self.late_fee_fen + self.penalty_fen


@dataclass(frozen=True)
class FeeNoticeIn:
    """A fee notice (缴款通知书) as payments takes it: the approval side fills it in, so that
    payments never imports approval."""

    notice_number: str
    payee_code: str
    region_code: str
    total_fen: int
    due_date: date
    items: tuple[FeeItemIn, ...]
    service_name: str = ""  # the service item the fee is for, as the citizen knows it


# Told, inside the transaction that makes an order paid, that its fee is settled: the approval
# package fills it in (payments never imports approval) and the application moves on with it.
PaidHook = Callable[[PaymentOrder], Awaitable[None]]


@dataclass(frozen=True)
class PaymentNotice:
    """A channel's word that money arrived for one of our orders (its number is the order's
    public id), as a callback reports it."""

    source: str  # the channel's callback source, "wechatpay"
    notification_id: str  # the channel's id of this notification
    channel: Channel
    order_public_id: str
    channel_ref: str  # the channel's transaction id
    paid_fen: int
    payee_is_us: bool  # paid to our merchant account
    paid_at: datetime
    payee_code: str | None = None  # the 执收单位 paid, where the channel names one


@dataclass(frozen=True)
class RefundNotice:
    """A channel's word on the outcome of a refund, as a callback reports it."""

    source: str
    notification_id: str
    refund_no: str
    order_public_id: str
    channel_ref: str  # the channel's refund id
    refund_fen: int
    succeeded: bool


class Applied(StrEnum):
    """What a channel's notice did: stable words for the log and the tests."""

    PAID = "paid"
    AMOUNT_MISMATCH = "amount_mismatch"
    PAID_AFTER_CLOSE = "paid_after_close"
    ALREADY_PAID = "already_paid"  # the money was in already: nothing changes
    REFUND_FINISHED = "refund_finished"
    REFUND_CONFLICT = "refund_conflict"  # the refund already has the other outcome
    ORPHAN = "orphan"  # fits no order or refund of ours: kept for an officer
    DUPLICATE = "duplicate"  # this notification was applied before: nothing changes


class Payments:
    """The payments service: orders, their moves, refunds.

    `notifier` tells the citizen (a fee due, paid, refunded) in the transaction of the change;
    `paid_hooks` are told of each order that becomes paid, in that transaction too."""

    def __init__(
        self, notifier: Notifier | None = None, paid_hooks: Sequence[PaidHook] = ()
    ) -> None:
        self._notifier = notifier
        self._paid_hooks = list(paid_hooks)

    def add_paid_hook(self, hook: PaidHook) -> None:
        self._paid_hooks.append(hook)

    async def order_for_fee_notice(
        self, notice: FeeNoticeIn, person_id: int, application_ref: str
    ) -> PaymentOrder:
        """The order of this fee notice, made on the first call; every later call (or a
        concurrent one) returns that same order."""
        _check_notice(notice)
        order = await PaymentOrder.get_or_none(notice_number=notice.notice_number)
        if order is None:
            order, made = await _create_once(notice, person_id, application_ref)
            if made:
                await self._tell(order, "payment.due", f"payment_due:{order.public_id}")
        _check_same_notice(order, notice, person_id, application_ref)
        return order

    async def start_paying(
        self,
        order_id: int,
        channel: Channel,
        *,
        source: str,
        payment_code: str | None = None,
        pay_url: str | None = None,
    ) -> PaymentOrder:
        """The order is being paid through `channel` (the channel has its order now): created
        or paying through another channel moves to paying through this one; paying through
        this one already changes nothing but what the channel issued."""
        async with transaction():
            order = await _locked(order_id)
            changed: list[str] = []
            if order.status is not S.PAYING or order.channel is not channel:
                changed = _prepare_move(order, S.PAYING, paid_fen=None, channel=channel)
            if payment_code is not None or (changed and order.payment_code is not None):
                # A code closed at the platform by a switch to another channel is not shown.
                order.payment_code, order.pay_url = payment_code, pay_url
                changed += ["payment_code", "pay_url"]
            if changed:
                order.paying_since = clock.now()
                changed.append("paying_since")
                if "channel" in changed:
                    await _move_locked(order, S.PAYING, changed, source=source, note=channel.value)
                else:
                    await order.save(update_fields=[*changed, "updated_at"])
        return order

    async def close_locally(self, order_id: int, *, source: str, note: str) -> PaymentOrder:
        """Closed here, once the channel closed it (or never had it): unpaid orders only; one
        already closed stays as it is."""
        async with transaction():
            order = await _locked(order_id)
            if order.status is S.CLOSED:
                return order
            changed = _prepare_move(order, S.CLOSED, paid_fen=None, channel=None)
            await _move_locked(order, S.CLOSED, changed, source=source, note=note)
        return order

    async def refund_sent(self, refund_no: str) -> None:
        """The channel took the refund request: the sweep stops resending it."""
        await Refund.filter(refund_no=refund_no, sent_at__isnull=True).update(sent_at=clock.now())

    async def refunds_to_send(self, older_than: timedelta, limit: int = 50) -> list[Refund]:
        """Refunds requested but not yet taken by their channel (an outage met them), oldest
        first, with their orders."""
        return (
            await Refund.filter(
                status=RefundStatus.REQUESTED,
                sent_at__isnull=True,
                created_at__lte=clock.now() - older_than,
            )
            .order_by("created_at")
            .limit(limit)
            .prefetch_related("order")
        )

    async def resolve_exception(
        self, order_public_id: str, to: OrderStatus, *, operator: str, note: str
    ) -> PaymentOrder:
        """An officer resolves an order in an exception state: `paid` accepts the payment as it
        is, `refunded` records that all of it went back outside our refunds. The note is kept
        on the order's timeline."""
        if to not in (S.PAID, S.REFUNDED):
            raise errors.TransitionRefused(f"-> {to.value}")
        async with transaction():
            order = await _locked_by_public_id(order_public_id)
            if order.status not in EXCEPTIONS:
                raise errors.NotAnException()
            changed = _prepare_move(order, to, paid_fen=None, channel=None)
            await _move_locked(order, to, changed, source=operator, note=note)
            if to is S.PAID:
                await self._paid(order)
        return order

    async def timeline(self, order: PaymentOrder) -> list[PaymentEvent]:
        return await PaymentEvent.filter(order_id=order.id).order_by("at", "id")

    async def receipt_of(self, order: PaymentOrder) -> EReceipt | None:
        return await EReceipt.get_or_none(order_id=order.id)

    async def refunds_of(self, order: PaymentOrder) -> list[Refund]:
        return await Refund.filter(order_id=order.id).order_by("created_at", "id")

    async def exceptions(self) -> list[PaymentOrder]:
        """Orders in an exception state, for an officer: the oldest first."""
        return await PaymentOrder.filter(status__in=list(EXCEPTIONS)).order_by("updated_at", "id")

    async def order_by_public_id(self, public_id: str) -> PaymentOrder:
        order = await PaymentOrder.get_or_none(public_id=public_id)
        if order is None:
            raise errors.OrderNotFound()
        return order

    async def _paid(self, order: PaymentOrder) -> None:
        """The payment is final: the receipt becomes due, the citizen and the hooks are told,
        all in the transaction that made it so."""
        await rows_of(_RECEIPT_DUE, [order.id, clock.now()])
        await self._tell(order, "payment.paid", f"payment_paid:{order.public_id}")
        for hook in self._paid_hooks:
            await hook(order)

    async def _tell(self, order: PaymentOrder, event_type: str, dedupe_key: str) -> None:
        if self._notifier is None:
            return
        data: dict[str, object] = {
            "service": order.service_name or "行政事业性收费",
            "amount": yuan(
                order.refunded_fen if event_type == "payment.refunded" else order.total_fen
            ),
            "order_id": order.public_id,
        }
        if event_type == "payment.due":
            data["deadline"] = order.due_date.isoformat()
        await self._notifier.publish(
            event_type, dedupe_key=dedupe_key, data=data, person_id=order.person_id
        )

    async def my_orders(self, person: Person) -> list[PaymentOrder]:
        """The person's orders, newest first."""
        return await PaymentOrder.filter(person_id=person.id).order_by("-created_at", "-id")

    async def my_order(self, person: Person, public_id: str) -> PaymentOrder:
        """One of the person's orders; another person's is not found, as a missing one."""
        order = await PaymentOrder.get_or_none(public_id=public_id, person_id=person.id)
        if order is None:
            raise errors.OrderNotFound()
        return order

    async def move(
        self,
        order: PaymentOrder,
        to: OrderStatus,
        *,
        source: str,
        note: str = "",
        paid_fen: int | None = None,
        channel: Channel | None = None,
    ) -> PaymentOrder:
        """Move the order to `to` if the transition table allows it from its current status
        (read under the row lock, not from the caller's copy). Moving into paying names the
        channel; a payment arriving names what was paid. The refund states are reached by
        `finish_refund` only, which moves the refunded amount with them."""
        async with transaction():
            locked = await _locked(order.id)
            changed = _prepare_move(locked, to, paid_fen=paid_fen, channel=channel)
            await _move_locked(locked, to, changed, source=source, note=note)
        return locked

    async def request_refund(
        self, order_public_id: str, amount_fen: int, reason: str, operator: str, refund_no: str
    ) -> Refund:
        """A refund of part or all of a paid order. A repeat of a refund number returns its
        first refund; a refund over what remains (what was paid less the refunds requested
        or made) is refused."""
        if amount_fen <= 0:
            raise errors.RefundAmountInvalid()
        async with transaction():
            order = await _locked_by_public_id(order_public_id)
            earlier = await Refund.get_or_none(refund_no=refund_no)
            if earlier is not None:
                return _same_refund(earlier, order, amount_fen)
            if order.status not in REFUNDABLE:
                raise errors.NotRefundable(f"订单状态为 {order.status.value}")
            remaining = order.paid_fen - await _held_fen(order.id)
            if amount_fen > remaining:
                raise errors.RefundExceedsPaid(f"最多可退 {remaining} 分", remaining_fen=remaining)
            refund, new = await _create_refund(order, amount_fen, reason, operator, refund_no)
            if new:
                await _record(order, order.status, order.status, operator, f"退款申请 {refund_no}")
        return refund

    async def finish_refund(self, refund_no: str, succeeded: bool) -> Refund:
        """The channel's outcome of a refund. Success moves the order to partially refunded
        or refunded; a repeat of the same outcome changes nothing."""
        outcome = RefundStatus.SUCCEEDED if succeeded else RefundStatus.FAILED
        async with transaction():
            found = await Refund.get_or_none(refund_no=refund_no)
            if found is None:
                raise errors.RefundNotFound()
            order = await _locked(found.order_id)  # the order first, as every refund change
            refund = await Refund.filter(id=found.id).select_for_update().get()
            if refund.status is not RefundStatus.REQUESTED:
                if refund.status is outcome:
                    return refund
                raise errors.RefundAlreadyFinished()
            refund.status = outcome
            await refund.save(update_fields=["status", "updated_at"])
            if succeeded:
                await _refunded(order, refund)
                await self._tell(order, "payment.refunded", f"payment_refunded:{refund_no}")
                if order.status is S.REFUNDED:
                    await _reversal_due(order)
            else:
                await _record(order, order.status, order.status, "refund", f"退款失败 {refund_no}")
        return refund

    async def payment_notified(self, notice: PaymentNotice) -> Applied:
        """Apply a channel's payment to its order by the transition table, under the order's
        row lock. Call it inside the transaction that recorded the notification once.

        Unpaid (created, paying) and the exact total to our account: paid. Another amount, or
        money paid to another merchant: amount_mismatch, for an officer (the order is not
        released). Closed: paid_after_close. Money already in through this channel with this
        amount (an earlier notification, or the payment learnt another way): nothing changes,
        so a paid notice arriving after its refund leaves the order refunded. An unknown order,
        or a second, different payment of a paid one: an orphan."""
        async with atomic():  # the caller's transaction, which recorded the notification
            order = await _locked_or_none(notice.order_public_id)
            if order is None:
                return await _orphan_payment(notice, "无此订单")
            if order.status in MONEY_IN:
                return await _money_already_in(order, notice)
            if order.status is not S.CLOSED and order.channel is not notice.channel:
                # Paying through the channel that reports the money, whatever was chosen first.
                to_paying = _prepare_move(order, S.PAYING, paid_fen=None, channel=notice.channel)
                await _move_locked(order, S.PAYING, to_paying, source=notice.source, note="")
            to = _status_for_payment(order, notice)
            changed = _prepare_move(order, to, paid_fen=notice.paid_fen, channel=None)
            order.paid_at = notice.paid_at  # when the citizen paid, not when we heard of it
            order.channel = notice.channel  # a payment after the close has none yet
            await _move_locked(
                order, to, [*changed, "channel"], source=notice.source, note=notice.channel_ref
            )
            if to is S.PAID:
                await self._paid(order)
        if to is not S.PAID:
            log.warning(
                "payment does not fit its order",
                extra={"order": order.public_id, "status": to.value, "paid_fen": notice.paid_fen},
            )
        return Applied(to.value)

    async def refund_notified(self, notice: RefundNotice) -> Applied:
        """Apply a channel's refund outcome (`finish_refund`). A refund number we never sent is
        an orphan; an outcome opposite to the one recorded is logged and left as it is (the
        channel retrying would not change it)."""
        refund = await Refund.get_or_none(refund_no=notice.refund_no)
        if refund is None:
            return await _orphan_refund(notice, "无此退款单")
        if refund.amount_fen != notice.refund_fen:
            log.warning(
                "refund amount differs from the one requested",
                extra={"refund": notice.refund_no, "reported_fen": notice.refund_fen},
            )
        try:
            await self.finish_refund(notice.refund_no, notice.succeeded)
        except errors.RefundAlreadyFinished:
            log.warning(
                "refund outcome contradicts the recorded one", extra={"refund": notice.refund_no}
            )
            return Applied.REFUND_CONFLICT
        return Applied.REFUND_FINISHED


def _status_for_payment(order: PaymentOrder, notice: PaymentNotice) -> OrderStatus:
    if order.status is S.CLOSED:
        return S.PAID_AFTER_CLOSE
    payee_fits = notice.payee_code is None or notice.payee_code == order.payee_code
    exact = notice.paid_fen == order.total_fen and notice.payee_is_us and payee_fits
    return S.PAID if exact else S.AMOUNT_MISMATCH


async def _money_already_in(order: PaymentOrder, notice: PaymentNotice) -> Applied:
    if order.channel is notice.channel and order.paid_fen == notice.paid_fen:
        return Applied.ALREADY_PAID
    # A second payment of one bill (paid twice, or through two channels): not this order's.
    return await _orphan_payment(notice, f"订单已收款 (状态 {order.status.value})")


async def _orphan_payment(notice: PaymentNotice, reason: str) -> Applied:
    log.warning("payment fits no order", extra={"order": notice.order_public_id, "reason": reason})
    await PaymentOrphan.create(
        source=notice.source,
        notification_id=notice.notification_id,
        kind="transaction",
        out_trade_no=notice.order_public_id,
        channel_ref=notice.channel_ref,
        amount_fen=notice.paid_fen,
        reason=reason,
    )
    return Applied.ORPHAN


async def _orphan_refund(notice: RefundNotice, reason: str) -> Applied:
    log.warning("refund fits no refund of ours", extra={"refund": notice.refund_no})
    await PaymentOrphan.create(
        source=notice.source,
        notification_id=notice.notification_id,
        kind="refund",
        out_trade_no=notice.order_public_id,
        out_refund_no=notice.refund_no,
        channel_ref=notice.channel_ref,
        amount_fen=notice.refund_fen,
        reason=reason,
    )
    return Applied.ORPHAN


def _check_notice(notice: FeeNoticeIn) -> None:
    if notice.total_fen <= 0 or not notice.items:
        raise errors.NoticeInvalid()
    for item in notice.items:
        if item.amount_fen < 0 or item.late_fee_fen < 0 or item.penalty_fen < 0:
            raise errors.NoticeInvalid(f"{item.code} 的金额为负")
    if sum(item.total_fen for item in notice.items) != notice.total_fen:
        raise errors.NoticeInvalid("各项金额之和与合计金额不符")


def _check_same_notice(
    order: PaymentOrder, notice: FeeNoticeIn, person_id: int, application_ref: str
) -> None:
    """A repeat of a notice is the same notice: one number sent with other contents is a
    conflict to look into, not a second order nor a silent answer about the first."""
    same = (
        order.person_id == person_id
        and order.application_ref == application_ref
        and order.total_fen == notice.total_fen
    )
    if not same:
        raise errors.NoticeConflict()


async def _create_once(
    notice: FeeNoticeIn, person_id: int, application_ref: str
) -> tuple[PaymentOrder, bool]:
    """The order, and whether this call made it."""
    try:
        async with transaction():  # a savepoint, when the caller has a transaction
            order = await PaymentOrder.create(
                public_id=new_public_id("pay"),
                person_id=person_id,
                application_ref=application_ref,
                notice_number=notice.notice_number,
                service_name=notice.service_name[:100],
                payee_code=notice.payee_code,
                region_code=notice.region_code,
                items=[asdict(item) for item in notice.items],
                total_fen=notice.total_fen,
                due_date=notice.due_date,
                created_at=clock.now(),  # business time, as every instant a citizen reads
            )
            await _record(order, None, S.CREATED, NOTICE_SOURCE, notice.notice_number)
            return order, True
    except IntegrityError:
        # A concurrent call made it first: the unique notice number held this insert until
        # that one committed, and then refused it.
        first = await PaymentOrder.get_or_none(notice_number=notice.notice_number)
        if first is None:
            raise
        return first, False


async def _locked(order_id: int) -> PaymentOrder:
    return await PaymentOrder.filter(id=order_id).select_for_update().get()


async def _locked_or_none(public_id: str) -> PaymentOrder | None:
    return await PaymentOrder.filter(public_id=public_id).select_for_update().first()


async def _locked_by_public_id(public_id: str) -> PaymentOrder:
    order = await PaymentOrder.filter(public_id=public_id).select_for_update().first()
    if order is None:
        raise errors.OrderNotFound()
    return order


def _prepare_move(
    order: PaymentOrder, to: OrderStatus, *, paid_fen: int | None, channel: Channel | None
) -> list[str]:
    """Set on `order` what moving it to `to` changes besides its status; the fields changed."""
    if not can_move(order.status, to) or (to in _REFUND_STATES and order.status not in EXCEPTIONS):
        raise errors.TransitionRefused(f"{order.status.value} -> {to.value}")
    if to is S.PAYING:
        if channel is None:
            raise ValueError("moving into paying names the channel")
        order.channel = channel
        return ["channel"]
    if to in PAYMENT_ARRIVES and order.status not in MONEY_IN:
        return _payment_arrives(order, to, paid_fen)
    if to is S.CLOSED:
        order.closed_at = clock.now()
        return ["closed_at"]
    if to is S.REFUNDED:  # out of an exception state: all of it went back outside our refunds
        order.refunded_fen = order.paid_fen
        return ["refunded_fen"]
    return []


def _payment_arrives(order: PaymentOrder, to: OrderStatus, paid_fen: int | None) -> list[str]:
    if paid_fen is None or paid_fen <= 0:
        raise ValueError("a payment arriving names the positive amount paid")
    # Out of paying, paid means the whole bill; any other amount is the exception an officer
    # looks at. The exact amount may be an exception too: paid to another merchant account.
    # (A payment after the close is an exception whatever its amount.)
    if order.status is S.PAYING and to is S.PAID and paid_fen != order.total_fen:
        raise errors.TransitionRefused(f"已付 {paid_fen} 分，应付 {order.total_fen} 分")
    order.paid_fen = paid_fen
    order.paid_at = clock.now()
    return ["paid_fen", "paid_at"]


async def _move_locked(
    order: PaymentOrder, to: OrderStatus, changed: list[str], *, source: str, note: str
) -> None:
    """The move and its timeline entry in one statement (`_move_sql`): every callback, sweep
    and officer's change comes through here, and the ORM would send two and build a model."""
    before = order.status
    now = clock.now()
    order.status, order.updated_at = to, now
    fields = tuple(dict.fromkeys(["status", *changed]))
    values = [_column_value(getattr(order, field)) for field in fields]
    await rows_of(
        _move_sql(fields),
        [*values, now, order.id, before.value, to.value, source, note[:500]],
    )


_MOVES: dict[tuple[str, ...], str] = {}


def _move_sql(fields: tuple[str, ...]) -> str:
    """UPDATE the order's `fields` (and updated_at) and INSERT its event, as one statement."""
    sql = _MOVES.get(fields)
    if sql is None:
        assignments = ", ".join(f"{field} = ${n}" for n, field in enumerate(fields, start=1))
        k = len(fields)
        sql = _MOVES[fields] = (
            f"WITH moved AS (UPDATE payment_order SET {assignments}, updated_at = ${k + 1}"  # noqa: S608 - our field names, placeholders only
            f" WHERE id = ${k + 2} RETURNING id)"
            " INSERT INTO payment_event (order_id, from_status, to_status, source, note, at)"
            f" SELECT id, ${k + 3}, ${k + 4}, ${k + 5}, ${k + 6}, ${k + 1} FROM moved"
        )
    return sql


def _column_value(value: object) -> object:
    return value.value if isinstance(value, StrEnum) else value


async def _refunded(order: PaymentOrder, refund: Refund) -> None:
    order.refunded_fen += refund.amount_fen
    to = S.REFUNDED if order.refunded_fen == order.paid_fen else S.PARTIALLY_REFUNDED
    if not can_move(order.status, to):  # the refund was requested of a refundable order
        raise errors.TransitionRefused(f"{order.status.value} -> {to.value}")
    await _move_locked(
        order, to, ["refunded_fen"], source="refund", note=f"退款成功 {refund.refund_no}"
    )


async def _held_fen(order_id: int) -> int:
    """What the order's refunds requested or made hold of what was paid."""
    rows = await rows_of(
        "SELECT COALESCE(SUM(amount_fen), 0) AS held FROM payment_refund"
        " WHERE order_id = $1 AND status IN ('requested', 'succeeded')",
        [order_id],
    )
    return int(rows[0]["held"])


async def _create_refund(
    order: PaymentOrder, amount_fen: int, reason: str, operator: str, refund_no: str
) -> tuple[Refund, bool]:
    """The refund, and whether this call made it."""
    try:
        async with transaction():
            made = await Refund.create(
                public_id=new_public_id("rfd"),
                order_id=order.id,
                refund_no=refund_no,
                amount_fen=amount_fen,
                reason=reason,
                operator=operator,
                created_at=clock.now(),
            )
            return made, True
    except IntegrityError:
        # The number was taken meanwhile, by a refund of another order (this order's are
        # serialised by its lock and were looked up under it).
        earlier = await Refund.get_or_none(refund_no=refund_no)
        if earlier is None:
            raise
        return _same_refund(earlier, order, amount_fen), False


def _same_refund(earlier: Refund, order: PaymentOrder, amount_fen: int) -> Refund:
    if earlier.order_id != order.id or earlier.amount_fen != amount_fen:
        raise errors.RefundNumberReused()
    return earlier


async def _record(
    order: PaymentOrder, before: OrderStatus | None, to: OrderStatus, source: str, note: str
) -> None:
    await PaymentEvent.create(
        order_id=order.id,
        from_status=None if before is None else before.value,
        to_status=to.value,
        source=source,
        note=note[:500],
        at=clock.now(),
    )


async def _reversal_due(order: PaymentOrder) -> None:
    """Refunded in full: an issued receipt is to be reversed (冲红); one never issued is
    issued first by the receipts job, which then sees the refund and reverses it."""
    await EReceipt.filter(order_id=order.id, status=ReceiptStatus.ISSUED).update(
        status=ReceiptStatus.REVERSAL_DUE, next_attempt_at=clock.now(), attempts=0
    )


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals, for what a citizen reads: 2000 -> "20.00"."""
    return f"{fen // 100}.{fen % 100:02d}"
