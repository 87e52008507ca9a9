"""Paying through a channel, and keeping our orders in step with the channels.

Every call to a channel happens outside a database transaction (a slow channel must not hold
an order's row lock), and every answer is applied afterwards by the rules of
`payments.service`, under the row lock, exactly as a callback would be:

- paying: the citizen chooses the cashier (a payment code, confirmed by the platform's query,
  and its cashier page) or WeChat Pay in the mini-program (prepay, then the signed parameters
  of `wx.requestPayment`). Switching channel closes the order at the first one first, so one
  bill cannot be paid twice;
- closing (expired, or an officer's cancel): at the channel first, then here; a channel that
  says the order was paid meanwhile has its payment applied instead;
- the sweeps: an order paying for a while with no callback is queried at its channel; an
  order past its due date is closed; a refund an outage kept from its channel is sent again.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from api.kit import clock
from api.kit.callbacks import record_once
from api.kit.db import transaction
from auth.models import Person
from payments import errors
from payments.gateways.channel import (
    CashierChannel,
    CashierStart,
    ChannelRefused,
    ChannelUnavailable,
    FeeLine,
    JsapiChannel,
    OrderToPay,
    PaymentChannel,
    RefundToSend,
    RemoteOrder,
    RemoteState,
    RequestPayment,
)
from payments.gateways.nontax_client import is_payment_code
from payments.models import Channel, OrderStatus, PaymentOrder, Refund, RefundStatus
from payments.service import Applied, PaymentNotice, Payments

S = OrderStatus
ORDER_PAID = "ORDER_PAID"  # the channels' word for "this order is paid: it cannot be closed"
UNPAID_STATES = frozenset({S.CREATED, S.PAYING})
log = logging.getLogger("yiwang.payments.checkout")
T = TypeVar("T")

# The mini-program's openid of a person, or None when they never signed in there.
OpenIdLookup = Callable[[Person], Awaitable[str | None]]


@dataclass(frozen=True)
class CashierPayment:
    order: PaymentOrder
    start: CashierStart


@dataclass(frozen=True)
class MiniProgramPayment:
    order: PaymentOrder
    request_payment: RequestPayment


class Checkout:
    def __init__(
        self,
        payments: Payments,
        cashier: CashierChannel,
        jsapi: JsapiChannel,
        *,
        openid_of: OpenIdLookup,
        province_prefix: str,
        query_after: timedelta,
    ) -> None:
        self._payments = payments
        self._cashier = cashier
        self._jsapi = jsapi
        self._openid_of = openid_of
        self._province_prefix = province_prefix
        self._query_after = query_after
        self._channels: Mapping[Channel, PaymentChannel] = {
            Channel.NONTAX: cashier,
            Channel.WECHAT: jsapi,
        }

    @property
    def channels(self) -> Mapping[Channel, PaymentChannel]:
        return self._channels

    # -- the citizen pays ------------------------------------------------------------------

    async def pay_at_cashier(self, person: Person, order_public_id: str) -> CashierPayment:
        """The payment code and cashier page of the citizen's order; the same code again for
        an order already paying there. The code is confirmed by the platform's query before
        it is shown."""
        order = await self._payable(person, order_public_id, Channel.NONTAX)
        start = await self._at(Channel.NONTAX, self._cashier.start(order_to_pay(order)))
        if not is_payment_code(start.payment_code, self._province_prefix):
            log.error("the platform issued a payment code of the wrong shape")
            raise errors.ChannelUnavailable("缴款码格式不正确")
        remote = await self._at(Channel.NONTAX, self._cashier.query(order.public_id))
        if remote.state is RemoteState.PAID:
            await self.apply_remote(order, remote, Channel.NONTAX)
            raise errors.AlreadyPaid()
        if remote.state is not RemoteState.UNPAID:
            log.error("the platform does not confirm the payment code it issued")
            raise errors.ChannelUnavailable("支付平台未确认缴款码")
        order = await self._payments.start_paying(
            order.id,
            Channel.NONTAX,
            source="citizen",
            payment_code=start.payment_code,
            pay_url=start.pay_url,
        )
        return CashierPayment(order, start)

    async def pay_in_mini_program(self, person: Person, order_public_id: str) -> MiniProgramPayment:
        """Prepay at WeChat Pay for the person's mini-program openid, and the signed
        parameters of `wx.requestPayment`."""
        openid = await self._openid_of(person)
        if openid is None:
            raise errors.MiniProgramRequired()
        order = await self._payable(person, order_public_id, Channel.WECHAT)
        signed = await self._at(Channel.WECHAT, self._jsapi.prepay(order_to_pay(order), openid))
        order = await self._payments.start_paying(order.id, Channel.WECHAT, source="citizen")
        return MiniProgramPayment(order, signed)

    async def _payable(
        self, person: Person, order_public_id: str, channel: Channel
    ) -> PaymentOrder:
        order = await self._payments.my_order(person, order_public_id)
        if order.status not in UNPAID_STATES:
            raise errors.NotPayable(f"订单状态为 {order.status.value}")
        if order.due_date < clock.local(clock.now()).date():
            await self.close(order, source="expiry", note="已过限缴日期")
            raise errors.NotPayable("已过限缴日期")
        # One bill, one channel at a time: the first one closes before the second starts,
        # unless it was paid meanwhile (the payment is then recorded, and nothing is due).
        switching = order.channel is not None and order.channel is not channel
        if switching and not await self._close_at(order, order.channel or channel):
            raise errors.AlreadyPaid()
        return order

    # -- keeping in step -------------------------------------------------------------------

    async def refresh(self, order: PaymentOrder) -> PaymentOrder:
        """Ask the order's channel where it stands and apply the answer."""
        if order.channel is None or order.status not in UNPAID_STATES:
            return order
        remote = await self._at(order.channel, self._channels[order.channel].query(order.public_id))
        await self.apply_remote(order, remote, order.channel)
        return await self._payments.order_by_public_id(order.public_id)

    async def apply_remote(
        self, order: PaymentOrder, remote: RemoteOrder, channel: Channel
    ) -> Applied | None:
        """A channel's answer to a query, applied as its callback would be: a payment through
        the same rules (recorded once per channel transaction), a close where the channel
        closed it. Unpaid or unknown changes nothing."""
        if remote.state is RemoteState.PAID:
            source = f"{channel.value}_query"
            notice = PaymentNotice(
                source=source,
                notification_id=f"{order.public_id}:{remote.channel_ref}",
                channel=channel,
                order_public_id=order.public_id,
                channel_ref=remote.channel_ref,
                paid_fen=remote.paid_fen,
                payee_is_us=remote.payee_is_us,
                paid_at=remote.paid_at or clock.now(),
            )
            async with transaction():
                if not await record_once(source, notice.notification_id):
                    return Applied.DUPLICATE
                return await self._payments.payment_notified(notice)
        if remote.state is RemoteState.CLOSED and order.status is S.PAYING:
            await self._payments.close_locally(order.id, source=f"{channel.value}_query", note="")
        return None

    async def close(self, order: PaymentOrder, *, source: str, note: str) -> PaymentOrder:
        """Close an unpaid order: at the channel first (every channel, when none was chosen:
        one may have it from a start whose answer was lost), then here. An order the channel
        says was paid is not closed: its payment is applied."""
        channels = [order.channel] if order.channel is not None else list(self._channels)
        for channel in channels:
            if not await self._close_at(order, channel):
                return await self._payments.order_by_public_id(order.public_id)
        return await self._payments.close_locally(order.id, source=source, note=note)

    async def _close_at(self, order: PaymentOrder, channel: Channel) -> bool:
        """Closed at the channel; False when the channel refused because it was paid (the
        payment is then applied here)."""
        try:
            await self._at(channel, self._channels[channel].close(order.public_id))
        except errors.ChannelRefusedError as refused:
            if refused.channel_code != ORDER_PAID:
                raise
            remote = await self._at(channel, self._channels[channel].query(order.public_id))
            await self.apply_remote(order, remote, channel)
            return False
        return True

    async def refund(
        self, order_public_id: str, amount_fen: int, reason: str, *, operator: str, refund_no: str
    ) -> Refund:
        """An operator's refund: recorded (the database bounds the sum), then handed to the
        channel after the commit; the channel's callback finishes it."""
        refund = await self._payments.request_refund(
            order_public_id, amount_fen, reason, operator, refund_no
        )
        if refund.sent_at is None and refund.status is RefundStatus.REQUESTED:
            order = await self._payments.order_by_public_id(order_public_id)
            await self.send_refund(refund, order)
            await refund.refresh_from_db()
        return refund

    async def send_refund(self, refund: Refund, order: PaymentOrder) -> bool:
        """Hand a requested refund to the order's channel. True when it took it; an outage
        leaves it for the sweep; a refusal fails the refund (its amount is free again)."""
        if order.channel is None:
            raise errors.NotRefundable("订单没有支付渠道")
        channel = self._channels[order.channel]
        try:
            await channel.refund(
                RefundToSend(
                    order_id=order.public_id,
                    refund_no=refund.refund_no,
                    amount_fen=refund.amount_fen,
                    order_total_fen=order.paid_fen,
                    reason=refund.reason,
                )
            )
        except ChannelUnavailable:
            log.warning(
                "refund not sent: the channel is unreachable", extra={"refund": refund.refund_no}
            )
            return False
        except ChannelRefused as refused:
            log.warning(
                "the channel refused a refund",
                extra={"refund": refund.refund_no, "code": refused.code[:64]},
            )
            await self._payments.finish_refund(refund.refund_no, succeeded=False)
            return False
        await self._payments.refund_sent(refund.refund_no)
        return True

    # -- the sweeps ------------------------------------------------------------------------

    async def query_stale(self, limit: int = 100) -> int:
        """Orders paying longer than the set while with no callback, asked at their channel."""
        before = clock.now() - self._query_after
        stale = (
            await PaymentOrder.filter(status=S.PAYING, paying_since__lte=before)
            .order_by("paying_since")
            .limit(limit)
        )
        moved = 0
        for order in stale:
            try:
                refreshed = await self.refresh(order)
            except errors.ChannelUnavailable:
                continue  # the next tick asks again
            moved += refreshed.status is not S.PAYING
        return moved

    async def close_expired(self, limit: int = 100) -> int:
        """Unpaid orders past their due date, closed (at the channel first)."""
        expired = (
            await PaymentOrder.filter(
                status__in=list(UNPAID_STATES), due_date__lt=clock.local(clock.now()).date()
            )
            .order_by("due_date", "id")
            .limit(limit)
        )
        closed = 0
        for order in expired:
            try:
                after = await self.close(order, source="expiry", note="已过限缴日期")
            except errors.ChannelUnavailable:
                continue
            closed += after.status is S.CLOSED
        return closed

    async def resend_refunds(self, limit: int = 50) -> int:
        """Refunds an outage kept from their channel, sent again."""
        sent = 0
        for refund in await self._payments.refunds_to_send(timedelta(minutes=1), limit):
            sent += await self.send_refund(refund, refund.order)
        return sent

    async def _at(self, channel: Channel, call: Awaitable[T]) -> T:
        """The channel's answer; its failures as the payments errors a caller answers."""
        try:
            return await call
        except ChannelUnavailable as outage:
            log.warning("payment channel unreachable", extra={"channel": channel.value})
            raise errors.ChannelUnavailable(channel.value) from outage
        except ChannelRefused as refused:
            raise errors.ChannelRefusedError(refused.code, refused.message) from refused


def order_to_pay(order: PaymentOrder) -> OrderToPay:
    return OrderToPay(
        order_id=order.public_id,
        notice_number=order.notice_number,
        payee_code=order.payee_code,
        region_code=order.region_code,
        total_fen=order.total_fen,
        description=(order.service_name or "行政事业性收费")[:100],
        due_date=order.due_date,
        lines=tuple(
            FeeLine(
                code=str(item["code"]),
                name=str(item["name"]),
                amount_fen=int(item["amount_fen"])
                + int(item.get("late_fee_fen", 0))
                + int(item.get("penalty_fen", 0)),
            )
            for item in order.items
        ),
    )
