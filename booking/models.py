"""Halls, categories, slots and appointments.

Capacity and the per-person rules are the database's to enforce: a slot's `booked` moves only
by conditional UPDATE under a CHECK (0 <= booked <= capacity), one active appointment per
person, category and day is a partial unique index, and a person's bookings are serialised
by a row lock on the person (see booking.service).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from auth.models import Person


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
    no_show_grace_minutes = fields.SmallIntField(default=15)
    no_show_limit = fields.SmallIntField(default=3)  # this many no-shows ...
    no_show_window_days = fields.SmallIntField(default=90)  # ... within this many days ...
    suspension_days = fields.SmallIntField(default=30)  # ... suspend booking this long
    # Online tickets only from within this many metres of the hall, when all three are set.
    latitude = fields.FloatField(null=True)
    longitude = fields.FloatField(null=True)
    geofence_metres = fields.IntField(null=True)
    # The line the hall's display boards show under the calls (闭厅通知, 温馨提示).
    announcement = fields.CharField(max_length=120, default="")

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
    # The estimate of a service's length until the day has finished tickets to learn from.
    default_service_minutes = fields.SmallIntField(default=10)

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
    # Minutes after midnight, hall time.
    # 1440 is the midnight that ends the day ("24:00"), which `datetime.time` cannot hold.
    start_minute = fields.SmallIntField()
    end_minute = fields.SmallIntField()
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
    person: fields.ForeignKeyRelation[Person] = fields.ForeignKeyField(
        "models.Person", related_name="appointments", on_delete=fields.RESTRICT
    )
    person_id: int
    category_id = fields.BigIntField()
    hall_id = fields.BigIntField()
    local_date = fields.DateField()
    status = fields.CharEnumField(
        AppointmentStatus, max_length=16, default=AppointmentStatus.ACTIVE
    )
    channel = fields.CharField(max_length=16)
    # The service item (事项, by its service code) the citizen booked for, when they named one:
    # the window clerk sees its materials checklist when the appointment's ticket is called.
    service_code = fields.CharField(max_length=64, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    cancelled_at = fields.DatetimeField(null=True)
    # Set in the transaction that publishes each reminder, so the sweep considers it once.
    reminded_day_before_at = fields.DatetimeField(null=True)
    reminded_hour_before_at = fields.DatetimeField(null=True)

    class Meta:
        table = "appointment"


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    MISSED = "missed"
    CLOSED = "closed"  # still open at closing time


class Window(Model):
    """A numbered counter serving some categories."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    hall: fields.ForeignKeyRelation[Hall] = fields.ForeignKeyField(
        "models.Hall", related_name="windows", on_delete=fields.CASCADE
    )
    hall_id: int
    number = fields.SmallIntField()
    category_ids: fields.JSONField[list[int]] = fields.JSONField(default=list)
    status = fields.CharField(max_length=8, default="open")  # open | paused | closed

    class Meta:
        table = "window"
        unique_together = (("hall", "number"),)


class TicketCounter(Model):
    """The last number given per hall, category and day: numbers are gap-free and daily."""

    id = fields.BigIntField(primary_key=True)
    category_id = fields.BigIntField()
    local_date = fields.DateField()
    last_number = fields.IntField(default=0)

    class Meta:
        table = "ticket_counter"
        unique_together = (("category_id", "local_date"),)


class Ticket(Model):
    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    hall_id = fields.BigIntField()
    category_id = fields.BigIntField()
    local_date = fields.DateField()
    number = fields.IntField()
    label = fields.CharField(max_length=8)  # prefix + 3 digits: A023
    person_id = fields.BigIntField(null=True)
    priority = fields.BooleanField(default=False)  # from an appointment's check-in
    # The appointment whose check-in issued it (each check-in issues one ticket).
    appointment_id = fields.BigIntField(null=True, unique=True)
    status = fields.CharEnumField(TicketStatus, max_length=16, default=TicketStatus.WAITING)
    window_number = fields.SmallIntField(null=True)
    missed_count = fields.SmallIntField(default=0)  # 过号: back in the queue once, then dropped
    created_at = fields.DatetimeField(auto_now_add=True)
    # The calling order: when the ticket joined the queue, or joined it again after being
    # missed; `created_at` keeps when it was taken, for the hall's statistics.
    queued_at = fields.DatetimeField()
    called_at = fields.DatetimeField(null=True)
    # The latest call and how many there were: a recall calls the ticket again, and the
    # display boards say it again.
    last_called_at = fields.DatetimeField(null=True)
    calls = fields.SmallIntField(default=0)
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "ticket"
        # The label, not the number: a ticket transferred from another queue keeps its label
        # (A005 waits in the C queue) and may share its number with one taken there.
        unique_together = (("category_id", "local_date", "label"),)
        # A window's current ticket, looked up on every call (one called ticket per window).
        indexes = (("hall_id", "local_date", "window_number"),)


class Suspension(Model):
    """Booking suspended at a hall after repeated no-shows; a hall admin may lift it."""

    id = fields.BigIntField(primary_key=True)
    public_id = fields.CharField(max_length=32, unique=True)
    person_id = fields.BigIntField(db_index=True)
    hall_id = fields.BigIntField()
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    lifted_at = fields.DatetimeField(null=True)
    lifted_by = fields.CharField(max_length=32, null=True)

    class Meta:
        table = "suspension"


class CalendarDay(Model):
    """A day off the weekly pattern: closed (holiday), or a make-up working day (调休) that
    works as the weekday named."""

    id = fields.BigIntField(primary_key=True)
    hall: fields.ForeignKeyRelation[Hall] = fields.ForeignKeyField(
        "models.Hall", related_name="calendar", on_delete=fields.CASCADE
    )
    hall_id: int
    day = fields.DateField()
    works_as_weekday = fields.SmallIntField(null=True)  # None: closed
    note = fields.CharField(max_length=64, default="")

    class Meta:
        table = "calendar_day"
        unique_together = (("hall", "day"),)


class OpeningHours(Model):
    """When the hall's doors are open on a weekday (hall time); a weekday without a row is
    closed. A make-up working day (调休) keeps the hours of the weekday it works as."""

    id = fields.BigIntField(primary_key=True)
    hall: fields.ForeignKeyRelation[Hall] = fields.ForeignKeyField(
        "models.Hall", related_name="opening_hours", on_delete=fields.CASCADE
    )
    hall_id: int
    weekday = fields.SmallIntField()  # 0 Monday ... 6 Sunday
    opens_minute = fields.SmallIntField()  # minutes after midnight, hall time
    closes_minute = fields.SmallIntField()  # up to 1440 (midnight)

    class Meta:
        table = "opening_hours"
        unique_together = (("hall", "weekday"),)


class ServiceCategory(Model):
    """Which queue (业务类别) serves a service item (事项, by its service code) at this hall."""

    id = fields.BigIntField(primary_key=True)
    hall: fields.ForeignKeyRelation[Hall] = fields.ForeignKeyField(
        "models.Hall", related_name="service_categories", on_delete=fields.CASCADE
    )
    hall_id: int
    service_code = fields.CharField(max_length=64)
    category: fields.ForeignKeyRelation[Category] = fields.ForeignKeyField(
        "models.Category", related_name="service_categories", on_delete=fields.CASCADE
    )
    category_id: int

    class Meta:
        table = "service_category"
        unique_together = (("hall", "service_code"),)
