"""Express's tables: the citizen's address book, and below it the shipments and their trace.

Addresses are personal data: the recipient's name, phone and street detail are sealed by the
vault (`address.<column>.<public_id>`); the division codes and the postcode are not personal
and stay plain. The rules of the book are the database's, so no code path can break them:

- at most one default address per person: a partial unique index on `(person_id) WHERE
  is_default`;
- at most `MAX_ADDRESSES` per person: a trigger on insert locks the person's row and counts,
  so concurrent inserts for one person are serialised and the one over the cap is refused
  (an integrity violation the service turns into `express.address_book_full`);
- codes and postcode have their shapes (CHECKs).

That a book with addresses has a default is kept by the service in the same transactions (the
first address becomes default; deleting the default promotes the newest remaining one).

Shipments (results sent, originals picked up) are held the same way (migrations 11 and 13):
one result per application and one live pickup per application (partial unique indexes);
delivered final, cancelled only from pending or created and then final, never back to pending
(triggers); a pickup has its hall and window, a charged result leaves pending only once its
fee is paid (CHECKs); and a result that becomes delivered gets its `DeliveryReport` in that
transaction (a trigger), for the core system to be told.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auth.models import Person

MAX_ADDRESSES = 20


class Address(Model):
    """One entry of a person's address book (收货地址)."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="addresses", on_delete=fields.CASCADE
    )
    person_id: int
    name_sealed = fields.TextField()
    phone_sealed = fields.TextField()
    province_code = fields.CharField(max_length=6)
    city_code = fields.CharField(max_length=6)
    district_code = fields.CharField(max_length=6)
    detail_sealed = fields.TextField()
    postcode = fields.CharField(max_length=6)
    is_default = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "address"
        indexes = (("person", "created_at"),)


class ShipmentKind(StrEnum):
    RESULT = "result"  # the result of an application, sent to the citizen (结果寄递)
    PICKUP = "pickup"  # the citizen's originals, picked up at their door (上门揽收)


class ShipmentStatus(StrEnum):
    """Where a shipment is: the courier's word (`express.tracking`) once it has a mail number."""

    PENDING = "pending"  # to be handed to the courier (its waybill or pickup not created yet)
    CREATED = "created"  # the courier has it: a mail number, no event yet
    ACCEPTED = "accepted"  # 收寄
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"  # 派送
    DELIVERED = "delivered"  # 妥投: final
    DELIVERY_FAILED = "delivery_failed"  # 未妥投
    RETURNED = "returned"
    CANCELLED = "cancelled"  # a pickup cancelled before the courier came


class Shipment(Model):
    """A result on its way to the citizen, or their originals on their way to the hall."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)  # also our logistics order number
    kind = fields.CharEnumField(ShipmentKind, max_length=8)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="shipments", on_delete=fields.RESTRICT
    )
    person_id: int
    application_ref = fields.CharField(max_length=32)  # the application's public id
    # The address of the person's book it goes to (a result) or comes from (a pickup).
    address_ref = fields.CharField(max_length=32, null=True)
    # The address as the citizen and the hall see it (masked: `张*三 138****5678 福建省福州市
    # 鼓楼区五四路**号`), kept when it is chosen: the book may change later, the parcel not.
    address_masked = fields.CharField(max_length=160, null=True)
    status = fields.CharEnumField(ShipmentStatus, max_length=20, default=ShipmentStatus.PENDING)
    mail_no = fields.CharField(max_length=32, null=True, unique=True)
    # When the courier last had news of it: the sweep asks about shipments quiet for a day.
    last_event_at = fields.DatetimeField(null=True)
    checked_at = fields.DatetimeField(null=True)  # when the sweep last asked
    # A pickup's: the hall (booking's code) the originals go to, and the courier's window.
    hall_code = fields.CharField(max_length=32, null=True)
    window_starts_at = fields.DatetimeField(null=True)
    window_ends_at = fields.DatetimeField(null=True)
    # A result's: what its delivery costs the citizen (fen; 0 when the hall pays) and when it
    # was paid. The waybill waits for the payment (a CHECK holds it).
    fee_fen = fields.BigIntField(default=0)
    fee_paid_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "shipment"
        # One result delivery per application, and one live pickup: partial unique indexes
        # (the migrations').
        indexes = (
            ("person", "created_at"),
            ("status", "last_event_at"),
            ("hall_code", "window_starts_at"),
        )


class TrackingEvent(Model):
    """One event of a mail's trace, recorded once by (mail_no, op_code, op_time, office)
    however often EMS pushes it or a query brings it back."""

    id = fields.BigIntField(primary_key=True)
    shipment: fields.ForeignKeyRelation[Shipment] = fields.ForeignKeyField(
        "models.Shipment", related_name="events", on_delete=fields.CASCADE
    )
    shipment_id: int
    mail_no = fields.CharField(max_length=32)
    op_code = fields.CharField(max_length=16)
    operation = fields.CharField(max_length=20)
    op_time = fields.DatetimeField()
    office = fields.CharField(max_length=100)
    description = fields.CharField(max_length=200)
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "tracking_event"
        unique_together = (("mail_no", "op_code", "op_time", "office"),)
        # A shipment's events by its id: its timeline, the delivered report's 妥投 time (a
        # trigger on every delivery) and the cascade; the unique index leads with mail_no.
        indexes = (("shipment", "op_time"),)


class ReportStatus(StrEnum):
    DUE = "due"  # to be told
    REPORTED = "reported"  # the core system took it
    REFUSED = "refused"  # the core system said no (its reason kept): for the hall to look at


class DeliveryReport(Model):
    """A result delivered (妥投), to be told to the hall's core approval system once.

    The database makes the row, in the transaction that makes a result shipment delivered (a
    trigger on `shipment`, whatever code path moves the status), so no delivered result is
    ever without one; a job (`api.approval.delivery`) claims due rows with `FOR UPDATE SKIP
    LOCKED` and a lease, tells the core system (which takes a repeat as the first), and backs
    off while it is down. No personal data: the application, the mail number, the time."""

    id = fields.BigIntField(primary_key=True)
    shipment: fields.OneToOneRelation[Shipment] = fields.OneToOneField(
        "models.Shipment", related_name="delivery_report", on_delete=fields.CASCADE
    )
    shipment_id: int
    application_ref = fields.CharField(max_length=32)
    mail_no = fields.CharField(max_length=32)
    delivered_at = fields.DatetimeField()  # the 妥投 event's time
    status = fields.CharEnumField(ReportStatus, max_length=12, default=ReportStatus.DUE)
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    last_error = fields.CharField(max_length=200, default="")
    reported_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "shipment_delivery_report"
        indexes = (("status", "next_attempt_at"),)
