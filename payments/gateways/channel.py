"""What payments asks of a payment channel, whichever it is: one protocol per kind of call, so
the service, the sweeps, the receipts and reconciliation are written once and each channel
(the non-tax platform's cashier, WeChat Pay JSAPI) is a gateway with a real client and a
sandbox that speaks its wire protocol over loopback HTTP.

Amounts are integer fen, instants aware datetimes. The order number a channel knows is our
order's public id (`pay_…`), the refund number our refund number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from payments.models import Channel


class ChannelUnavailable(Exception):
    """The channel did not answer in time, could not be reached, or answered 5xx: an outage,
    answered 503 with Retry-After; a sweep tries again on its next tick."""

    def __init__(self, channel: Channel, detail: str = "") -> None:
        super().__init__(f"{channel.value}: {detail}" if detail else channel.value)
        self.channel = channel


class ChannelRefused(Exception):
    """The channel answered and said no (a business refusal, 4xx): `code` is the channel's own
    code, `message` its words (never personal data)."""

    def __init__(self, channel: Channel, code: str, message: str = "") -> None:
        super().__init__(f"{channel.value}: {code} {message}".strip())
        self.channel = channel
        self.code = code
        self.message = message


@dataclass(frozen=True)
class FeeLine:
    code: str
    name: str
    amount_fen: int  # the line's total: amount, late fee and penalty


@dataclass(frozen=True)
class OrderToPay:
    """What a channel needs to take payment for one of our orders."""

    order_id: str  # our public id: the channel's out_trade_no / 订单号
    notice_number: str  # 缴款通知书编号
    payee_code: str  # 执收单位
    region_code: str
    total_fen: int
    description: str  # shown to the payer, e.g. the first fee item's name
    due_date: date
    lines: tuple[FeeLine, ...]


class RemoteState(StrEnum):
    """An order as the channel sees it, in words common to every channel."""

    UNKNOWN = "unknown"  # the channel has no such order (never started, or not ours)
    UNPAID = "unpaid"  # started, not paid (NOTPAY, USERPAYING, 待缴款)
    PAID = "paid"  # paid; refunds may have followed
    CLOSED = "closed"  # closed (by us or expired) without payment


@dataclass(frozen=True)
class RemoteOrder:
    """The channel's answer to a query of one order: a sweep applies it like a callback."""

    state: RemoteState
    order_id: str
    paid_fen: int = 0
    channel_ref: str = ""  # the channel's transaction id / 平台流水号, once paid
    paid_at: datetime | None = None
    payee_is_us: bool = True  # paid to our merchant account / our payee


@dataclass(frozen=True)
class RefundToSend:
    order_id: str
    refund_no: str  # our refund number, unique per request: a retry sends the same one
    amount_fen: int
    order_total_fen: int  # WeChat Pay asks for the order's total beside the refund
    reason: str


@dataclass(frozen=True)
class CashierStart:
    """The non-tax platform's answer to starting payment: the payment code (缴款码) it issued
    and its cashier page, which the citizen opens or scans."""

    payment_code: str  # 20 digits, the first two the province's code
    pay_url: str


@dataclass(frozen=True)
class RequestPayment:
    """The signed parameters of the mini-program's `wx.requestPayment`, field names as WeChat
    spells them (`timeStamp` has a capital S)."""

    app_id: str
    time_stamp: str
    nonce_str: str
    package: str  # "prepay_id=…"
    sign_type: str  # "RSA"
    pay_sign: str

    def as_wx(self) -> Mapping[str, str]:
        return {
            "appId": self.app_id,
            "timeStamp": self.time_stamp,
            "nonceStr": self.nonce_str,
            "package": self.package,
            "signType": self.sign_type,
            "paySign": self.pay_sign,
        }


@dataclass(frozen=True)
class Receipt:
    """A fiscal e-receipt (财政电子票据) the platform issued for a paid order."""

    code: str  # 票据代码
    number: str  # 票据号码
    check_code: str  # 校验码
    url: str  # where the citizen views or downloads it
    issued_at: datetime


class PaymentChannel(Protocol):
    """What every channel does: query, close, refund, and give its daily statement."""

    @property
    def channel(self) -> Channel: ...

    async def query(self, order_id: str) -> RemoteOrder: ...

    async def close(self, order_id: str) -> None:
        """Close the order at the channel so it can no longer be paid. Closing a closed or
        unknown order is no error; a paid one raises ChannelRefused with code "ORDER_PAID"."""
        ...

    async def refund(self, refund: RefundToSend) -> None:
        """Ask for a refund; its outcome arrives by callback (or a query). The same refund
        number sent again is the same refund."""
        ...

    async def statement(self, day: date) -> bytes:
        """The channel's statement (对账单) of one day, in the channel's own file format."""
        ...


class CashierChannel(PaymentChannel, Protocol):
    """The non-tax platform: a payment code and a cashier page, and the fiscal e-receipts."""

    async def start(self, order: OrderToPay) -> CashierStart:
        """Issue (or, for an order started before, return again) the payment code."""
        ...

    async def issue_receipt(self, order_id: str, paid_fen: int) -> Receipt:
        """The e-receipt of a paid order; asked again, the same receipt."""
        ...

    async def reverse_receipt(self, order_id: str, receipt: Receipt, reason: str) -> None:
        """The red reversal (冲红) of an order's receipt after a full refund; asked again, no
        error."""
        ...


class JsapiChannel(PaymentChannel, Protocol):
    """WeChat Pay JSAPI in the mini-program."""

    async def prepay(self, order: OrderToPay, openid: str) -> RequestPayment:
        """Prepay, then sign the parameters for `wx.requestPayment`. Asked again for the same
        order, WeChat Pay gives the same prepay id while it is valid."""
        ...
