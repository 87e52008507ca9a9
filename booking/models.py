"""Halls, categories, slots and appointments.

Capacity and the per-person rules are the database's to enforce: a slot's `booked` moves only
by conditional UPDATE under a CHECK (0 <= booked <= capacity), one active appointment per
person, category and day is a partial unique index, and a person's bookings are serialised
by a row lock on the person (see booking.service).
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model


class AppointmentStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    CHECKED_IN = "checked_in"
    NO_SHOW = "no_show"
    COMPLETED = "completed"


class Hall(Model):
    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=64)
    timezone = fields.CharField(max_length=64, default="Asia/Shanghai")
    release_days_ahead = fields.SmallIntField(default=7)  # day D opens on D - 7 ...
    release_hour = fields.SmallIntField(default=8)  # ... at 08:00 hall time
    lead_minutes = fields.SmallIntField(default=60)
    cancel_cutoff_minutes = fields.SmallIntField(default=120)
    max_active_per_person = fields.SmallIntField(default=3)

    class Meta:
        table = "hall"


class Category(Model):
    """A queue inside a hall, with its ticket prefix letter."""

    id = fields.BigIntField(primary_key=True)
    hall: fields.ForeignKeyRelation[Hall] = fields.ForeignKeyField(
        "models.Hall", related_name="categories", on_delete=fields.CASCADE
    )
    hall_id: int
    code = fields.CharField(max_length=32)
    name = fields.CharField(max_length=64)
    prefix = fields.CharField(max_length=1)

    class Meta:
        table = "category"
        unique_together = (("hall", "code"), ("hall", "prefix"))


class SlotTemplate(Model):
    """Weekly pattern: on this weekday, this period, this many places."""

    id = fields.BigIntField(primary_key=True)
    category: fields.ForeignKeyRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="slot_templates", on_delete=fields.CASCADE
    )
    category_id: int
    weekday = fields.SmallIntField()  # 0 Monday ... 6 Sunday
    start = fields.TimeField()
    end = fields.TimeField()
    capacity = fields.SmallIntField()

    class Meta:
        table = "slot_template"


class Slot(Model):
    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    category: fields.ForeignKeyRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="slots", on_delete=fields.CASCADE
    )
    category_id: int
    hall_id = fields.BigIntField()
    local_date = fields.DateField()
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    capacity = fields.SmallIntField()
    booked = fields.SmallIntField(default=0)
    released_at = fields.DatetimeField()  # bookable from this moment

    class Meta:
        table = "slot"
        unique_together = (("category", "starts_at"),)


class Appointment(Model):
    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    slot: fields.ForeignKeyRelation[Slot] = fields.ForeignKeyField(
        "models.Slot", related_name="appointments", on_delete=fields.RESTRICT
    )
    slot_id: int
    person: fields.ForeignKeyRelation = fields.ForeignKeyField(
        "models.Person", related_name="appointments", on_delete=fields.RESTRICT
    )
    person_id: int
    category_id = fields.BigIntField()
    hall_id = fields.BigIntField()
    local_date = fields.DateField()
    status = fields.CharEnumField(
        AppointmentStatus, max_length=16, default=AppointmentStatus.ACTIVE
    )
    idempotency_key = fields.CharField(max_length=64, null=True)
    channel = fields.CharField(max_length=16)
    created_at = fields.DatetimeField(auto_now_add=True)
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "appointment"
        unique_together = (("person", "idempotency_key"),)
