"""Payment orders (one per fee notice), their refunds and their timeline.

The rules that money depends on are the database's, so that no code path (a callback, a sweep,
an operator's SQL) can break them:

- an order's status is one of a fixed set and moves only by the transition table of
  `payments.transitions` (a trigger holds the same table and refuses any other move);
- `0 <= refunded_fen <= paid_fen`, and the amounts agree with the status (nothing paid before
  payment, a refunded order refunded in full), by CHECKs;
- the refunds of an order that are requested or succeeded never sum above what was paid: a
  trigger on the refund table locks the order row and checks the sum, so two refunds racing
  each other are serialised and the second sees the first;
- one order per fee notice (`notice_number` unique), one refund per refund number.

Money is integer fen throughout.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auth.models import Person


class OrderStatus(StrEnum):
    CREATED = "created"  # made from the fee notice; not paid yet
    PAYING = "paying"  # the citizen chose a channel and is paying
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"  # everything paid went back
    CLOSED = "closed"  # expired or cancelled before payment
    # Exception states: money arrived that does not fit; an officer resolves them.
    AMOUNT_MISMATCH = "amount_mismatch"  # the platform reports a paid amount other than the total
    PAID_AFTER_CLOSE = "paid_after_close"  # a payment arrived after the order was closed


class Channel(StrEnum):
    NONTAX = "nontax"  # the provincial non-tax payment platform (统一公共支付平台)
    WECHAT = "wechat"  # WeChat Pay


class RefundStatus(StrEnum):
    REQUESTED = "requested"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class PaymentOrder(Model):
    """A citizen's order for one fee notice (缴款通知书)."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="payment_orders", on_delete=fields.RESTRICT
    )
    person_id: int
    # The approval application's public id: a plain column, payments must not import approval.
    application_ref = fields.CharField(max_length=32)
    notice_number = fields.CharField(max_length=32, unique=True)  # one order per fee notice
    # What the fee is for, as the citizen and the payment page see it: the service item's name.
    service_name = fields.CharField(max_length=100, default="")
    payee_code = fields.CharField(max_length=32)  # 执收单位
    region_code = fields.CharField(max_length=12)
    # [{code, name, amount_fen, late_fee_fen, penalty_fen}], as the notice lists them.
    items: fields.JSONField[list[dict[str, Any]]] = fields.JSONField()
    total_fen = fields.BigIntField()
    due_date = fields.DateField()
    payment_code = fields.CharField(max_length=20, null=True)  # 缴款码, once the platform issues it
    pay_url = fields.CharField(max_length=500, null=True)  # the platform's cashier page for it
    status = fields.CharEnumField(OrderStatus, max_length=20, default=OrderStatus.CREATED)
    channel = fields.CharEnumField(Channel, max_length=8, null=True)  # chosen when paying
    # Since when the order waits for a channel's word: the sweep queries it after a while.
    paying_since = fields.DatetimeField(null=True)
    paid_fen = fields.BigIntField(default=0)
    refunded_fen = fields.BigIntField(default=0)  # the succeeded refunds' sum
    paid_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "payment_order"
        indexes = (("person", "created_at"), ("status", "due_date"))


class Refund(Model):
    """A refund of (part of) an order, known by the refund number sent to the channel."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    order: fields.ForeignKeyRelation[PaymentOrder] = fields.ForeignKeyField(
        "models.PaymentOrder", related_name="refunds", on_delete=fields.RESTRICT
    )
    order_id: int
    refund_no = fields.CharField(max_length=64, unique=True)
    amount_fen = fields.BigIntField()
    reason = fields.CharField(max_length=200)
    status = fields.CharEnumField(RefundStatus, max_length=12, default=RefundStatus.REQUESTED)
    operator = fields.CharField(max_length=32)  # the staff account's public id
    # When the channel took the request; none while it has not (an outage): the sweep resends.
    sent_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "payment_refund"
        indexes = (("order", "status"),)


class ReceiptStatus(StrEnum):
    DUE = "due"  # paid is final: the receipt is to be asked for
    ISSUED = "issued"
    REVERSAL_DUE = "reversal_due"  # refunded in full: the red reversal (冲红) is to be asked for
    REVERSED = "reversed"


class EReceipt(Model):
    """The fiscal e-receipt (财政电子票据) of a paid order. Made `due` in the transaction that
    makes the payment final; a job asks the platform for it (the same answer if asked twice)
    and, after a full refund, for its red reversal. One per order."""

    id = fields.BigIntField(primary_key=True)
    order: fields.OneToOneRelation[PaymentOrder] = fields.OneToOneField(
        "models.PaymentOrder", related_name="receipt", on_delete=fields.RESTRICT
    )
    order_id: int
    status = fields.CharEnumField(ReceiptStatus, max_length=16, default=ReceiptStatus.DUE)
    code = fields.CharField(max_length=32, null=True)  # 票据代码
    number = fields.CharField(max_length=32, null=True)  # 票据号码
    check_code = fields.CharField(max_length=32, null=True)  # 校验码
    url = fields.CharField(max_length=500, null=True)
    issued_at = fields.DatetimeField(null=True)
    reversed_at = fields.DatetimeField(null=True)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    last_error = fields.CharField(max_length=200, default="")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "payment_receipt"
        indexes = (("status", "next_attempt_at"),)


class PaymentEvent(Model):
    """One step of an order's timeline: every status change, and who or what made it."""

    id = fields.BigIntField(primary_key=True)
    order: fields.ForeignKeyRelation[PaymentOrder] = fields.ForeignKeyField(
        "models.PaymentOrder", related_name="events", on_delete=fields.CASCADE
    )
    order_id: int
    from_status = fields.CharField(max_length=20, null=True)  # none for the order's creation
    to_status = fields.CharField(max_length=20)
    source = fields.CharField(max_length=32)  # "citizen", "nontax_callback", "staff:stf_..."
    note = fields.CharField(max_length=500, default="")
    at = fields.DatetimeField()

    class Meta:
        table = "payment_event"
        indexes = (("order", "at"),)


class PaymentOrphan(Model):
    """Money a channel reported that fits no order or refund of ours: an unknown order number,
    a refund number we never sent. Acknowledged to the channel (it would only retry), kept here
    for an officer to reconcile. No personal data: the payer stays in the channel's records."""

    id = fields.BigIntField(primary_key=True)
    source = fields.CharField(max_length=32)  # "wechatpay"
    notification_id = fields.CharField(max_length=128)  # the channel's id of the notification
    kind = fields.CharField(max_length=16)  # "transaction" or "refund"
    out_trade_no = fields.CharField(max_length=64)  # the order number the channel names
    out_refund_no = fields.CharField(max_length=64, null=True)
    channel_ref = fields.CharField(max_length=64)  # the channel's transaction or refund id
    amount_fen = fields.BigIntField()
    reason = fields.CharField(max_length=200)
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "payment_orphan"
        unique_together = (("source", "notification_id"),)


# Reconciliation (对账): a channel's daily statement matched against our orders. Appended here,
# below the orders' models, so that the two parts of this file are edited apart.


class DifferenceKind(StrEnum):
    MISSING_LOCALLY = "missing_locally"  # the channel has money we have no order or payment for
    MISSING_AT_CHANNEL = "missing_at_channel"  # we have it paid; the channel's statement lacks it
    AMOUNT_DIFFERS = "amount_differs"  # paid or refunded amounts differ
    STATUS_DIFFERS = "status_differs"  # e.g. refunded at the channel, paid here


class ReconciliationRun(Model):
    """One reconciliation of one channel's statement of one day (a re-run is another run)."""

    id = fields.BigIntField(primary_key=True)
    day = fields.DateField()  # the hall's business day the statement covers
    channel = fields.CharEnumField(Channel, max_length=8)
    source = fields.CharField(max_length=8)  # "file" or "download"
    file_sha256 = fields.CharField(max_length=64)
    rows_read = fields.IntField()  # detail lines of the statement (no header, no totals)
    # The order numbers of the statement's payments and the refund numbers of its refunds: a
    # payment or refund on the other side of midnight is looked up in the neighbouring day's
    # statement before it is called missing.
    order_ids: fields.JSONField[list[str]] = fields.JSONField(default=list)
    refund_nos: fields.JSONField[list[str]] = fields.JSONField(default=list)  # refund lines'
    missing_locally = fields.IntField(default=0)
    missing_at_channel = fields.IntField(default=0)
    amount_differs = fields.IntField(default=0)
    status_differs = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "payment_reconciliation_run"
        indexes = (("channel", "day"),)


class ReconciliationDifference(Model):
    """One difference a run found, for an operator to look into and resolve with a note.
    Amounts in fen; statuses in the common words of `payments.reconcile`. No personal data."""

    id = fields.BigIntField(primary_key=True)
    run: fields.ForeignKeyRelation[ReconciliationRun] = fields.ForeignKeyField(
        "models.ReconciliationRun", related_name="differences", on_delete=fields.RESTRICT
    )
    run_id: int
    day = fields.DateField()  # the run's, kept here so one day's open differences are found
    channel = fields.CharEnumField(Channel, max_length=8)
    kind = fields.CharEnumField(DifferenceKind, max_length=20)
    order_public_id = fields.CharField(max_length=64)  # the order number the channel names
    channel_ref = fields.CharField(max_length=64, default="")  # transaction or refund id
    refund_no = fields.CharField(max_length=64, default="")  # a refund line's refund number
    local_paid_fen = fields.BigIntField(null=True)
    local_refunded_fen = fields.BigIntField(null=True)
    local_status = fields.CharField(max_length=20, default="")
    channel_paid_fen = fields.BigIntField(null=True)
    channel_refunded_fen = fields.BigIntField(null=True)
    channel_status = fields.CharField(max_length=20, default="")
    orphan: fields.ForeignKeyNullableRelation[PaymentOrphan] = fields.ForeignKeyField(
        "models.PaymentOrphan", related_name="differences", null=True, on_delete=fields.RESTRICT
    )
    orphan_id: int | None
    resolved_at = fields.DatetimeField(null=True)
    resolved_by = fields.CharField(max_length=64, null=True)
    resolution_note = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "payment_reconciliation_difference"
        indexes = (("channel", "day", "resolved_at"), ("order_public_id",))
