"""Service items, applications, their materials, timelines and evaluations; the embedded core
engine's cases.

The rules that status and evaluation depend on are the database's: an application's status is
one of a fixed set and moves only by the transition table (a trigger refuses any other move);
one evaluation per application; stars between 1 and 5; a progress event is applied once (its
`(source, external_id)` in api.kit's callback record) and a case's events in sequence order
(`core_sequence` only grows). Personal data in forms, addresses and e-licence numbers is
sealed by the vault; the rows keep only what is safe to show.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auth.models import Person
    from booking.models import Ticket


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    CORRECTION_REQUESTED = "correction_requested"
    SUPPLEMENTED = "supplemented"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    RESULT_READY = "result_ready"
    COMPLETED = "completed"


class Delivery(StrEnum):
    WINDOW = "window"  # collect at the window
    EMS = "ems"  # sent by EMS to an address


class MaterialSource(StrEnum):
    UPLOAD = "upload"
    ELICENCE = "elicence"  # an e-licence attached by reference
    REUSE = "reuse"  # a file accepted in an earlier application of the same person


class MaterialState(StrEnum):
    PROVIDED = "provided"
    TO_CORRECT = "to_correct"  # named in the correction notice
    SUPERSEDED = "superseded"  # replaced by a supplement


class Department(Model):
    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=64)

    class Meta:
        table = "approval_department"


class ServiceItem(Model):
    """A service item (事项) as the core system publishes it; refreshed by `yiwang catalog sync`."""

    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=64, unique=True)
    name = fields.CharField(max_length=128)
    department: fields.ForeignKeyRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="items", on_delete=fields.RESTRICT
    )
    department_id: int
    kind = fields.CharField(max_length=32)
    conditions = fields.TextField()
    materials: fields.JSONField[list[dict[str, Any]]] = fields.JSONField()  # [MaterialSpec]
    legal_limit_days = fields.SmallIntField()
    promised_limit_days = fields.SmallIntField()
    fees: fields.JSONField[list[dict[str, Any]]] = fields.JSONField()  # [FeeSpec]
    visits = fields.SmallIntField()  # 0, 1, 2 (2 or more)
    online_depth = fields.SmallIntField()
    appointment = fields.BooleanField()
    online = fields.BooleanField()
    ems_delivery = fields.BooleanField()
    payment = fields.BooleanField()
    queue_code = fields.CharField(max_length=32, null=True)
    required_level = fields.SmallIntField(default=2)
    form_schema: fields.JSONField[dict[str, Any]] = fields.JSONField()
    version = fields.IntField(default=1)
    active = fields.BooleanField(default=True)  # withdrawn from the catalogue: kept for history
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "approval_item"


class StoredFile(Model):
    """One upload of a person: the bytes are stored once per content (by digest, encrypted);
    this row is who uploaded them, as what."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="files", on_delete=fields.CASCADE
    )
    person_id: int
    digest = fields.CharField(max_length=64)
    size = fields.IntField()
    media_type = fields.CharField(max_length=32)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "approval_file"
        indexes = (("person", "digest"),)


class Application(Model):
    """An application (办件) of a person for a service item."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="applications", on_delete=fields.RESTRICT
    )
    person_id: int
    item: fields.ForeignKeyRelation[ServiceItem] = fields.ForeignKeyField(
        "models.ServiceItem", related_name="applications", on_delete=fields.RESTRICT
    )
    item_id: int
    status = fields.CharEnumField(ApplicationStatus, max_length=24)
    core_ref = fields.CharField(max_length=64, null=True, unique=True)
    # The last core event applied: events are applied in sequence order, each once.
    core_sequence = fields.IntField(default=0)
    form_sealed = fields.TextField()
    delivery = fields.CharEnumField(Delivery, max_length=8, default=Delivery.WINDOW)
    address_sealed: str | None = fields.TextField(null=True)
    address_masked = fields.CharField(max_length=128, null=True)
    # An address of the citizen's address book (express), for an EMS delivery: what a waybill
    # is made from (a typed address has no division codes).
    address_ref = fields.CharField(max_length=32, null=True)
    submitted_at = fields.DatetimeField()
    due_at = fields.DatetimeField(null=True)  # the promised limit, in working days
    decided_at = fields.DatetimeField(null=True)
    overdue_flagged_at = fields.DatetimeField(null=True)
    dispatched_at = fields.DatetimeField(null=True)  # the result left (no delivery change after)
    # The hall window that last took a step on it (好差评 by window), as the core system says.
    window = fields.CharField(max_length=32, null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "approval_application"
        indexes = (("person", "submitted_at"), ("status", "due_at"))


class ApplicationMaterial(Model):
    id = fields.BigIntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="materials", on_delete=fields.CASCADE
    )
    application_id: int
    material_code = fields.CharField(max_length=32)
    source = fields.CharEnumField(MaterialSource, max_length=8)
    file: fields.ForeignKeyNullableRelation[StoredFile] = fields.ForeignKeyField(
        "models.StoredFile", related_name="uses", null=True, on_delete=fields.RESTRICT
    )
    file_id: int | None
    licence_type = fields.CharField(max_length=32, null=True)
    licence_number_sealed = fields.TextField(null=True)
    licence_number_masked = fields.CharField(max_length=64, null=True)
    state = fields.CharEnumField(MaterialState, max_length=12, default=MaterialState.PROVIDED)
    round = fields.SmallIntField(default=0)  # 0 at submission, 1 for the supplement
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "approval_material"
        # An application's materials, and every submission's look for a reused file (the
        # person's accepted applications, then their materials of that code): without it
        # that look read the whole table, and submissions slowed as the table grew.
        indexes = (("application", "material_code"),)


class CorrectionNotice(Model):
    """The one correction notice of an application (一次性告知): everything missing or wrong,
    at once. A second notice is refused by the unique key."""

    id = fields.BigIntField(primary_key=True)
    application: fields.OneToOneRelation[Application] = fields.OneToOneField(
        "models.Application", related_name="correction", on_delete=fields.CASCADE
    )
    application_id: int
    items: fields.JSONField[list[dict[str, str]]] = fields.JSONField()  # material_code, reason
    requested_at = fields.DatetimeField()
    answered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "approval_correction"


class TimelineEntry(Model):
    id = fields.BigIntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="timeline", on_delete=fields.CASCADE
    )
    application_id: int
    status = fields.CharField(max_length=24)
    at = fields.DatetimeField()
    department = fields.CharField(max_length=64)
    note = fields.CharField(max_length=500, default="")
    sequence = fields.IntField(null=True)  # the core event's, when it came from the core system

    class Meta:
        table = "approval_timeline"
        unique_together = (("application", "sequence"),)
        indexes = (("application", "at"),)


class PendingProgress(Model):
    """A core event that arrived before an earlier one of its case: kept until the gap fills."""

    id = fields.BigIntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="pending", on_delete=fields.CASCADE
    )
    application_id: int
    sequence = fields.IntField()
    event: fields.JSONField[dict[str, Any]] = fields.JSONField()
    received_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "approval_pending_progress"
        unique_together = (("application", "sequence"),)


class FeeNotice(Model):
    """A fee notice (缴款通知书) the core system issued for an application; payments makes its
    order from it."""

    id = fields.BigIntField(primary_key=True)
    application: fields.ForeignKeyRelation[Application] = fields.ForeignKeyField(
        "models.Application", related_name="fee_notices", on_delete=fields.CASCADE
    )
    application_id: int
    notice_number = fields.CharField(max_length=32, unique=True)
    payee_code = fields.CharField(max_length=32)
    region_code = fields.CharField(max_length=12)
    total_fen = fields.BigIntField()
    due_date = fields.DateField()
    items: fields.JSONField[list[dict[str, Any]]] = fields.JSONField()
    issued_at = fields.DatetimeField()
    paid_at = fields.DatetimeField(null=True)  # payments' word that its order is paid

    class Meta:
        table = "approval_fee_notice"


class Evaluation(Model):
    """好差评: one per application, after it is decided (online), or one per same-day ticket,
    rated on the window's evaluation pad once the clerk completes it. Exactly one of the two
    is set (a CHECK), and each is unique: a second rating of either is refused by the
    database."""

    id = fields.BigIntField(primary_key=True)
    application: fields.OneToOneNullableRelation[Application] = fields.OneToOneField(
        "models.Application", related_name="evaluation", on_delete=fields.CASCADE, null=True
    )
    application_id: int | None
    ticket: fields.OneToOneNullableRelation[Ticket] = fields.OneToOneField(
        "models.Ticket", related_name="evaluation", on_delete=fields.CASCADE, null=True
    )
    ticket_id: int | None
    # The hall window rated on its pad (`CIVIC-3`); an online rating's window is its
    # application's.
    window = fields.CharField(max_length=32, null=True)
    stars = fields.SmallIntField()
    tags: fields.JSONField[list[str]] = fields.JSONField()
    comment = fields.CharField(max_length=500, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    # Two stars or fewer: the hall follows it up (整改) by this time, and says what it did.
    follow_up_due_at = fields.DatetimeField(null=True)
    followed_up_at = fields.DatetimeField(null=True)
    follow_up_note = fields.CharField(max_length=500, null=True)
    followed_up_by = fields.CharField(max_length=32, null=True)  # the staff account's public id

    class Meta:
        table = "approval_evaluation"


class CoreCase(Model):
    """A case of the embedded core engine (`api.approval.local_engine`): what the hall's own
    approval system would hold, kept here when there is none."""

    id = fields.BigIntField(primary_key=True)
    core_ref = fields.CharField(max_length=64, unique=True)
    application_id_ref = fields.CharField(max_length=32, unique=True)  # our public id
    item_code = fields.CharField(max_length=64)
    status = fields.CharField(max_length=24)
    events: fields.JSONField[list[dict[str, Any]]] = fields.JSONField()  # in sequence order
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "approval_core_case"
