"""Answer shapes of payment orders (the contract will name them once routes exist).

Amounts are integer fen; instants are ISO 8601 with the hall's offset, to the second, as
everywhere (`booking.schemas.HallTime`).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from api.kit import clock
from booking.schemas import HallTime, Strict
from payments.gateways.channel import RequestPayment
from payments.models import (
    Channel,
    DifferenceKind,
    EReceipt,
    OrderStatus,
    PaymentEvent,
    PaymentOrder,
    ReceiptStatus,
    ReconciliationDifference,
    Refund,
    RefundStatus,
)


class FeeItemOut(BaseModel):
    code: str = Field(examples=["0101"])
    name: str = Field(examples=["居民身份证工本费"])
    amount_fen: int = Field(ge=0, examples=[2000])
    late_fee_fen: int = Field(ge=0, examples=[0], description="滞纳金")
    penalty_fen: int = Field(ge=0, examples=[0], description="加处罚款")


class OrderOut(BaseModel):
    """A payment order: the fee notice it pays, what it costs, and where it stands."""

    order_id: str = Field(examples=["pay_3kq8x2m4n7p1Xb9QwErTyU"])
    status: OrderStatus
    application_id: str = Field(description="the application the fee is for")
    service_name: str = Field(description="the service item the fee is for", examples=["护照"])
    notice_number: str = Field(description="缴款通知书编号")
    payee_code: str = Field(description="执收单位编码")
    region_code: str
    items: list[FeeItemOut]
    total_fen: int = Field(gt=0, examples=[2000])
    paid_fen: int = Field(ge=0)
    refunded_fen: int = Field(ge=0)
    due_date: date
    payment_code: str | None = Field(description="缴款码, once the platform issued it")
    channel: Channel | None
    paid_at: HallTime | None
    closed_at: HallTime | None
    created_at: HallTime

    @classmethod
    def of(cls, order: PaymentOrder) -> OrderOut:
        return cls(
            order_id=order.public_id,
            status=order.status,
            application_id=order.application_ref,
            service_name=order.service_name,
            notice_number=order.notice_number,
            payee_code=order.payee_code,
            region_code=order.region_code,
            items=[FeeItemOut.model_validate(item) for item in order.items],
            total_fen=order.total_fen,
            paid_fen=order.paid_fen,
            refunded_fen=order.refunded_fen,
            due_date=order.due_date,
            payment_code=order.payment_code,
            channel=order.channel,
            paid_at=None if order.paid_at is None else clock.shown(order.paid_at),
            closed_at=None if order.closed_at is None else clock.shown(order.closed_at),
            created_at=clock.shown(order.created_at),
        )


class OrdersOut(BaseModel):
    """The citizen's orders, newest first."""

    orders: list[OrderOut]


class RefundOut(BaseModel):
    refund_id: str
    refund_no: str
    amount_fen: int = Field(gt=0)
    status: RefundStatus
    reason: str
    created_at: HallTime

    @classmethod
    def of(cls, refund: Refund) -> RefundOut:
        return cls(
            refund_id=refund.public_id,
            refund_no=refund.refund_no,
            amount_fen=refund.amount_fen,
            status=refund.status,
            reason=refund.reason,
            created_at=clock.shown(refund.created_at),
        )


class ReceiptOut(BaseModel):
    """The fiscal e-receipt (财政电子票据), once the platform issued it."""

    status: ReceiptStatus = Field(description="due: being asked for; reversed: 已冲红")
    code: str | None = Field(description="票据代码")
    number: str | None = Field(description="票据号码")
    check_code: str | None = Field(description="校验码")
    url: str | None = Field(description="where to view or download it")
    issued_at: HallTime | None
    reversed_at: HallTime | None

    @classmethod
    def of(cls, receipt: EReceipt) -> ReceiptOut:
        return cls(
            status=receipt.status,
            code=receipt.code,
            number=receipt.number,
            check_code=receipt.check_code,
            url=receipt.url,
            issued_at=None if receipt.issued_at is None else clock.shown(receipt.issued_at),
            reversed_at=None if receipt.reversed_at is None else clock.shown(receipt.reversed_at),
        )


class OrderEventOut(BaseModel):
    from_status: OrderStatus | None
    to_status: OrderStatus
    at: HallTime

    @classmethod
    def of(cls, event: PaymentEvent) -> OrderEventOut:
        return cls(
            from_status=None if event.from_status is None else OrderStatus(event.from_status),
            to_status=OrderStatus(event.to_status),
            at=clock.shown(event.at),
        )


class OrderDetailOut(BaseModel):
    """An order with its refunds, its e-receipt and its timeline (oldest first)."""

    order: OrderOut
    pay_url: str | None = Field(description="the platform's cashier page, while paying there")
    refunds: list[RefundOut]
    receipt: ReceiptOut | None
    timeline: list[OrderEventOut]


class CashierOut(BaseModel):
    """Pay at the non-tax platform's cashier: open `pay_url`, or show its QR code
    (GET /payments/{order_id}/qr?format=png|svg) to be scanned; any bank or wallet the
    platform takes pays the 缴款码."""

    order: OrderOut
    payment_code: str = Field(description="缴款码: 20 digits", examples=["35012026120700000017"])
    pay_url: str


class RequestPaymentOut(BaseModel):
    """The parameters of `wx.requestPayment`, exactly as WeChat names them."""

    appId: str
    timeStamp: str
    nonceStr: str
    package: str = Field(examples=["prepay_id=wx201410272009395522657a690389285100"])
    signType: Literal["RSA"]
    paySign: str

    @classmethod
    def of(cls, signed: RequestPayment) -> RequestPaymentOut:
        return cls.model_validate(dict(signed.as_wx()))


class MiniProgramPayOut(BaseModel):
    """Call `wx.requestPayment(request_payment)`; the order turns paid when WeChat Pay's
    notification arrives (or ask POST /payments/{order_id}/sync)."""

    order: OrderOut
    request_payment: RequestPaymentOut


class RefundRequest(Strict):
    amount_fen: int = Field(gt=0, le=100_000_000_00, examples=[2000])
    reason: str = Field(min_length=2, max_length=200, examples=["重复缴费，申请退回"])


class ResolutionRequest(Strict):
    """`paid` accepts the payment as it is; `refunded` records that it all went back."""

    to: Literal["paid", "refunded"]
    note: str = Field(min_length=2, max_length=500)


class CloseRequest(Strict):
    note: str = Field(min_length=2, max_length=500, examples=["通知书作废"])


class DifferenceOut(BaseModel):
    """One difference between a channel's statement and our orders (对账差异)."""

    difference_id: int
    day: date
    channel: Channel
    kind: DifferenceKind
    order_id: str = Field(description="the order number the channel names")
    channel_ref: str
    refund_no: str
    local_paid_fen: int | None
    local_refunded_fen: int | None
    local_status: str
    channel_paid_fen: int | None
    channel_refunded_fen: int | None
    channel_status: str
    orphan: bool = Field(description="money a callback reported that fits no order of ours")
    resolved_at: HallTime | None
    resolved_by: str | None
    resolution_note: str | None

    @classmethod
    def of(cls, difference: ReconciliationDifference) -> DifferenceOut:
        return cls(
            difference_id=difference.id,
            day=difference.day,
            channel=difference.channel,
            kind=difference.kind,
            order_id=difference.order_public_id,
            channel_ref=difference.channel_ref,
            refund_no=difference.refund_no,
            local_paid_fen=difference.local_paid_fen,
            local_refunded_fen=difference.local_refunded_fen,
            local_status=difference.local_status,
            channel_paid_fen=difference.channel_paid_fen,
            channel_refunded_fen=difference.channel_refunded_fen,
            channel_status=difference.channel_status,
            orphan=difference.orphan_id is not None,
            resolved_at=None
            if difference.resolved_at is None
            else clock.shown(difference.resolved_at),
            resolved_by=difference.resolved_by,
            resolution_note=difference.resolution_note,
        )


class DifferencesOut(BaseModel):
    differences: list[DifferenceOut]


class DifferencesQuery(Strict):
    day: date | None = Field(default=None, description="one day's only")
    all: bool = Field(default=False, description="resolved ones too")


class DifferenceResolution(Strict):
    note: str = Field(min_length=2, max_length=500, examples=["渠道次日补单，已核实"])
