"""Answer shapes of payment orders (the contract will name them once routes exist).

Amounts are integer fen; instants are ISO 8601 with the hall's offset, to the second, as
everywhere (`booking.schemas.HallTime`).
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.kit import clock
from booking.schemas import HallTime
from payments.models import Channel, OrderStatus, PaymentOrder, Refund, RefundStatus


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
