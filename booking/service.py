"""Slots and appointments: the busiest moment of a hall's digital life is 08:00 on release day.

Who gets a place is decided by the database alone: a conditional UPDATE takes a place only
while `booked < capacity` (and a CHECK keeps it so), a partial unique index allows one active
appointment per person, category and day, and a row lock on the person serialises that
person's bookings from every channel, so the per-person limits hold. An Idempotency-Key is
the kernel's (api.kit.idempotency): claimed under that lock, its answer recorded in the
booking's own transaction.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic
from zoneinfo import ZoneInfo

from pydantic import BaseModel, TypeAdapter
from redis.asyncio import Redis
from redis.exceptions import RedisError
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from api.kit import clock
from api.kit.db import transaction
from api.kit.idempotency import Once, Replay, move_subject, subject_for
from api.kit.ids import new_public_id
from api.kit.policy import PolicyKind
from auth.errors import PersonNotFound
from auth.models import Person, PersonStatus
from auth.service import AfterCommit
from booking import errors
from booking.models import (
    Appointment,
    AppointmentStatus,
    CalendarDay,
    Category,
    Hall,
    ServiceCategory,
    Slot,
    SlotTemplate,
    Suspension,
    Ticket,
    TicketStatus,
)
from booking.schemas import MyAppointment, SlotOut, SuspensionOut
from notify.service import Notifier


def hall_zone(hall: Hall) -> ZoneInfo:
    return ZoneInfo(hall.timezone)


def hall_time(hall: Hall, moment: datetime) -> datetime:
    """An instant as the hall's answers give it: in the hall's time, to the second."""
    return moment.astimezone(hall_zone(hall)).replace(microsecond=0)


def release_moment(hall: Hall, day: date) -> datetime:
    """Day D's slots open at the hall's release hour on D - release_days_ahead, hall time."""
    opens = datetime.combine(
        day - timedelta(days=hall.release_days_ahead),
        time(hour=hall.release_hour),
        tzinfo=hall_zone(hall),
    )
    return opens


def hall_minute(day: date, minute: int, zone: ZoneInfo) -> datetime:
    """A minute of a hall's day (1440: the midnight that ends it), as an instant in UTC."""
    midnight = datetime.combine(day, time(0), tzinfo=zone)
    return (midnight + timedelta(minutes=minute)).astimezone(UTC)


# The appointments that hold one of a slot's places (its `booked` count).
HOLDING_A_PLACE = (AppointmentStatus.ACTIVE, AppointmentStatus.CHECKED_IN)


async def _reopen(category: Category, starts: datetime, capacity: int) -> None:
    """A day that closed and opened again gets its places back, less those still held: a
    citizen checked in before the day closed keeps theirs (closing released only the rest)."""
    slot = await Slot.get_or_none(category=category, starts_at=starts, capacity=0)
    if slot is None:
        return
    held = await Appointment.filter(slot_id=slot.id, status__in=HOLDING_A_PLACE).count()
    await Slot.filter(id=slot.id, capacity=0).update(capacity=max(capacity, held), booked=held)


async def generate_slots(hall: Hall, first_day: date, days: int) -> int:
    """Slots from the weekly templates for `days` days from `first_day`; idempotent.

    Closed days (holidays) get none; a make-up working day gets the slots of the weekday it
    works as.
    """
    new_slots: list[Slot] = []
    zone = hall_zone(hall)
    calendar = {c.day: c.works_as_weekday for c in await CalendarDay.filter(hall=hall)}
    categories = await Category.filter(hall=hall)
    for category in categories:
        templates = await SlotTemplate.filter(category=category)
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            weekday = calendar[day] if day in calendar else day.weekday()
            if weekday is None:
                continue  # closed
            for template in (t for t in templates if t.weekday == weekday):
                starts = hall_minute(day, template.start_minute, zone)
                if await Slot.exists(category=category, starts_at=starts):
                    await _reopen(category, starts, template.capacity)
                    continue
                new_slots.append(
                    Slot(
                        public_id=new_public_id("slt"),
                        category=category,
                        hall_id=hall.id,
                        local_date=day,
                        starts_at=starts,
                        ends_at=hall_minute(day, template.end_minute, zone),
                        capacity=template.capacity,
                        released_at=release_moment(hall, day),
                    )
                )
    # Two admins' changes (or an admin and the nightly fill) may generate the same slots at
    # once: the unique index keeps one of each, the other insert is skipped, not a 500.
    await Slot.bulk_create(new_slots, ignore_conflicts=True)
    return len(new_slots)


# How long Redis remembers a full slot. A place freed by a cancellation or a reschedule clears
# it at once; one freed otherwise (an account deleted, a day closed) waits this long at most.
# Shorter means a herd of requests reaching the database each time it lapses in a rush.
FULL_SECONDS = 30
LOCAL_FULL_SECONDS = 1.0  # how long a process trusts its own memory of that
AVAILABILITY_SECONDS = 5


@dataclass
class FullSlots:
    """Slots known to be full, so a rush on a sold-out slot is refused without the database.

    Redis holds the fact, with the public ids of the persons holding the slot's places (so
    their retries still reach the database and get their appointment back); each process
    trusts its own copy for a second. It only ever refuses: who gets a place is the
    database's decision alone. A stale entry refuses a freed place for a few seconds at most,
    and a Redis outage sheds nothing.
    """

    redis: Redis | None
    _seen: dict[str, tuple[float, frozenset[str]]] = field(default_factory=dict)

    async def refuses(self, slot_public_id: str, person_public_id: str) -> bool:
        """A booking the slot would refuse anyway: full, and the person holds no place."""
        holders = await self.holders_if_full(slot_public_id)
        return holders is not None and person_public_id not in holders

    async def holders_if_full(self, slot_public_id: str) -> frozenset[str] | None:
        seen = self._seen.get(slot_public_id)
        if seen is not None and monotonic() - seen[0] < LOCAL_FULL_SECONDS:
            return seen[1]
        try:
            stored = self.redis and await self.redis.get(_full_key(slot_public_id))
        except RedisError:
            return None
        if not stored:
            self._seen.pop(slot_public_id, None)
            return None
        holders = frozenset(json.loads(stored))
        self._remember(slot_public_id, holders)
        return holders

    async def mark_full(self, slot_public_id: str) -> None:
        seen = self._seen.get(slot_public_id)
        if seen is not None and monotonic() - seen[0] < LOCAL_FULL_SECONDS:
            return  # marked a moment ago, by a request that raced this one to the database
        holders = frozenset(await _holders(slot_public_id))
        self._remember(slot_public_id, holders)
        with suppress(RedisError):
            if self.redis is not None:
                await self.redis.set(
                    _full_key(slot_public_id), json.dumps(sorted(holders)), ex=FULL_SECONDS
                )

    async def freed(self, slot: Slot) -> None:
        self._seen.pop(slot.public_id, None)
        with suppress(RedisError):
            if self.redis is not None:
                await self.redis.delete(
                    _full_key(slot.public_id), _availability_key(slot.hall_id, slot.local_date)
                )

    async def forget_days(
        self, hall_id: int, days: Iterable[date], slot_public_ids: Iterable[str] = ()
    ) -> None:
        """A hall's set-up changed these days' slots: their lists, and these slots' being
        full, are wrong now."""
        public_ids = list(slot_public_ids)
        for public_id in public_ids:
            self._seen.pop(public_id, None)
        keys = [_full_key(i) for i in public_ids] + [_availability_key(hall_id, d) for d in days]
        with suppress(RedisError):
            if self.redis is not None and keys:
                await self.redis.delete(*keys)

    def _remember(self, slot_public_id: str, holders: frozenset[str]) -> None:
        if len(self._seen) > 10_000:
            self._seen.clear()
        self._seen[slot_public_id] = (monotonic(), holders)


async def _holders(slot_public_id: str) -> list[str]:
    person_ids = await Appointment.filter(
        slot__public_id=slot_public_id,
        status__in=HOLDING_A_PLACE,
    ).values_list("person_id", flat=True)
    public_ids = await Person.filter(id__in=list(person_ids)).values_list("public_id", flat=True)
    return [str(public_id) for public_id in public_ids]


def _full_key(slot_public_id: str) -> str:
    return f"booking:full:{slot_public_id}"


def _availability_key(hall_id: int, day: date) -> str:
    return f"booking:slots:{hall_id}:{day.isoformat()}"


# Tells a hall's displays that its queue changed (by the hall's id). Booking's own module
# cannot publish (the live status reads the queue, which reads this module): the composition
# root hands it booking.live_queue's LiveStatus.
QueueChanged = Callable[[int], Awaitable[None]]


async def _no_display_watches(hall_id: int) -> None:
    """The queue hook of an app that never started (it has no Redis to publish on)."""


@dataclass
class Booking:
    notifier: Notifier
    redis: Redis | None = None
    queue_changed: QueueChanged = _no_display_watches
    full_slots: FullSlots = field(init=False)

    def __post_init__(self) -> None:
        self.full_slots = FullSlots(self.redis)

    async def book(
        self,
        person: Person,
        slot_public_id: str,
        channel: str,
        once: Once[Appointment] | None = None,
        service_code: str | None = None,
    ) -> Appointment | Replay:
        """A new appointment, or, for a request repeating an earlier one's Idempotency-Key,
        that request's answer to give again. `service_code`: the service item the visit is
        for, which the slot's queue must serve at its hall."""
        if await self.full_slots.refuses(slot_public_id, person.public_id):
            raise errors.SlotFull()
        try:
            booked = await self._book(person, slot_public_id, channel, once, service_code)
        except errors.SlotFull:
            await self.full_slots.mark_full(slot_public_id)
            raise
        if isinstance(booked, Appointment):
            await self._forget_availability(booked)
        return booked

    async def _book(
        self,
        person: Person,
        slot_public_id: str,
        channel: str,
        once: Once[Appointment] | None,
        service_code: str | None,
    ) -> Appointment | Replay:
        now = clock.now()
        async with transaction():
            await _lock(person)
            # Under the person's lock: a retry racing its first request waits here for that
            # one's commit and replays its answer.
            replay = await once.claim(now) if once is not None else None
            if replay is not None:
                return replay
            slot, hall = await _bookable_slot(slot_public_id, now)
            if service_code is not None:
                await _check_served(slot, service_code)
            await _check_not_suspended(person, hall, now)
            await _check_active_limit(person, hall)
            appointment = await _create(person, slot, channel, service_code)
            await self._announce("booking.confirmed", appointment, slot, hall)
            if once is not None:
                await once.record(appointment)  # refused below, it is taken back with the rest
            # Last, so the slot's row (the one every booker wants) stays locked only until
            # the commit that follows; refused, it takes everything above back with it.
            await _take_place(slot, now)
            return appointment

    async def cancel(self, person: Person, appointment_public_id: str) -> Appointment:
        now = clock.now()
        async with transaction():
            await _lock(person)  # first, as every change of the person's bookings does
            appointment, slot, hall = await _own_active(person, appointment_public_id, now)
            await _release(appointment, slot, now)
            await self._announce("booking.cancelled", appointment, slot, hall)
            # Read inside the transaction: once it has committed, the answer is a success
            # whatever the database does next.
            cancelled = await Appointment.get(id=appointment.id)
        await self.full_slots.freed(slot)
        return cancelled

    async def reschedule(
        self, person: Person, appointment_public_id: str, slot_public_id: str, channel: str
    ) -> Appointment:
        """The new place is taken and the old one released in one transaction, or neither."""
        now = clock.now()
        async with transaction():
            await _lock(person)
            old, old_slot, _ = await _own_active(person, appointment_public_id, now)
            slot, hall = await _bookable_slot(slot_public_id, now)
            await _lock_slots_in_order(old_slot, slot)
            await _release(old, old_slot, now)
            # The new slot's hall's rules, counted without the appointment being moved.
            await _check_not_suspended(person, hall, now)
            await _check_active_limit(person, hall)
            # The service item goes along where the new slot's queue serves it too.
            service_code = (
                old.service_code
                if old.service_code is not None and await _serves(slot, old.service_code)
                else None
            )
            appointment = await _create(person, slot, channel, service_code)
            await self._announce("booking.confirmed", appointment, slot, hall)
            await _take_place(slot, now)  # last, as in book()
        await self.full_slots.freed(old_slot)
        await self._forget_availability(appointment)
        return appointment

    async def move_person(self, from_person_id: int, to_person_id: int) -> AfterCommit:
        """Identity's merge hook (see the module function of the same name). Once the merge
        has committed, what was remembered of the slots involved is forgotten (their places
        came free or changed hands, and the full-slot memory names who holds them), and the
        displays of the halls where a ticket gave way are told."""
        moved = await move_person(from_person_id, to_person_id)

        async def settle() -> None:
            await self._forget_slots(moved.slots)
            for hall_id in sorted(moved.queue_halls):
                await self.queue_changed(hall_id)

        return settle

    async def forget_person(self, person_id: int) -> AfterCommit:
        """Identity's deletion hook: once it has committed, places released are bookable at
        once, not after the full-slot memory lapses."""
        freed = await forget_person(person_id)
        return lambda: self._forget_slots(freed)

    async def _forget_slots(self, slots: list[Slot]) -> None:
        for slot in slots:
            await self.full_slots.freed(slot)

    async def _forget_availability(self, appointment: Appointment) -> None:
        with suppress(RedisError):
            if self.redis is not None:
                await self.redis.delete(
                    _availability_key(appointment.hall_id, appointment.local_date)
                )

    async def slots_of(self, hall_code: str, category_code: str, day: date) -> list[SlotOut]:
        """A day's slots in one queue, as citizens see them; cached briefly in Redis."""
        hall = await Hall.get_or_none(code=hall_code)
        if hall is None:
            raise errors.HallNotFound()
        day_slots = await self._cached_day(hall, day)
        if day_slots is None:
            day_slots = await _day_slots(hall, day)
            with suppress(RedisError):
                if self.redis is not None:
                    await self.redis.set(
                        _availability_key(hall.id, day),
                        _DAY_SLOTS.dump_json(day_slots),
                        ex=AVAILABILITY_SECONDS,
                    )
        now = clock.now()
        return [
            SlotOut(
                slot_id=s.slot_id,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                capacity=s.capacity,
                remaining=s.remaining,
                released=s.released_at <= now,
            )
            for s in day_slots
            if s.category == category_code
        ]

    async def _cached_day(self, hall: Hall, day: date) -> list[_DaySlot] | None:
        try:
            cached = self.redis and await self.redis.get(_availability_key(hall.id, day))
        except RedisError:
            return None
        return _DAY_SLOTS.validate_json(cached) if cached else None

    async def _announce(
        self, event_type: str, appointment: Appointment, slot: Slot, hall: Hall
    ) -> None:
        await announce(self.notifier, event_type, appointment, slot, hall)


async def announce(
    notifier: Notifier,
    event_type: str,
    appointment: Appointment,
    slot: Slot,
    hall: Hall,
    occasion: str = "",
    *,
    reason: str | None = None,
) -> None:
    """An appointment message through the outbox; `occasion` tells reminders apart, `reason`
    says why the hall cancelled it."""
    local = slot.starts_at.astimezone(hall_zone(hall))
    category = await Category.get(id=slot.category_id)
    data = {
        "hall": hall.name,
        "date": f"{local:%Y-%m-%d}",
        "time": f"{local:%H:%M}",
        "service": category.name,
        "appointment": appointment.public_id,
    }
    if reason is not None:
        data["reason"] = reason
    await notifier.publish(
        event_type,
        dedupe_key=f"booking:{appointment.public_id}:{event_type}{occasion}",
        data=data,
        person_id=appointment.person_id,
    )


async def _lock(person: Person) -> None:
    """Serialise this person's bookings, whatever channel they come from (PostgreSQL), and
    refuse once the account is gone: a deletion may have committed while this one waited,
    and its appointments are already released."""
    locked = await Person.filter(id=person.id).select_for_update().only("id", "status").first()
    if locked is None or locked.status != PersonStatus.ACTIVE:
        raise PersonNotFound()


async def _bookable_slot(slot_public_id: str, now: datetime) -> tuple[Slot, Hall]:
    slot = await Slot.get_or_none(public_id=slot_public_id)
    if slot is None:
        raise errors.SlotNotFound()
    hall = await Hall.get(id=slot.hall_id)
    if slot.released_at > now:
        raise errors.NotReleased(released_at=hall_time(hall, slot.released_at).isoformat())
    if slot.starts_at - timedelta(minutes=hall.lead_minutes) < now:
        raise errors.TooLate()
    if slot.booked >= slot.capacity:
        raise errors.SlotFull()  # seen without waiting for the row's lock; taking decides
    return slot, hall


async def active_suspension(person_id: int, hall_id: int, now: datetime) -> Suspension | None:
    return await Suspension.filter(
        person_id=person_id, hall_id=hall_id, lifted_at=None, ends_at__gt=now
    ).first()


async def suspensions_in_force(person_id: int) -> list[SuspensionOut]:
    """The person's booking suspensions not lifted and not yet over, at any hall."""
    suspensions = await Suspension.filter(
        person_id=person_id, lifted_at=None, ends_at__gt=clock.now()
    ).order_by("ends_at")
    halls = {h.id: h for h in await Hall.filter(id__in={s.hall_id for s in suspensions})}
    return [suspension_out(s, halls[s.hall_id]) for s in suspensions]


def suspension_out(suspension: Suspension, hall: Hall) -> SuspensionOut:
    return SuspensionOut(
        suspension_id=suspension.public_id,
        hall=hall.code,
        starts_at=hall_time(hall, suspension.starts_at),
        ends_at=hall_time(hall, suspension.ends_at),
        lifted_at=hall_time(hall, suspension.lifted_at) if suspension.lifted_at else None,
    )


async def _check_not_suspended(person: Person, hall: Hall, now: datetime) -> None:
    suspension = await active_suspension(person.id, hall.id, now)
    if suspension is not None:
        raise errors.Suspended(until=hall_time(hall, suspension.ends_at).isoformat())


async def _check_active_limit(person: Person, hall: Hall) -> None:
    # Counted under the person's lock: two bookings of one person cannot both slip under it.
    active = await Appointment.filter(
        person_id=person.id, hall_id=hall.id, status=AppointmentStatus.ACTIVE
    ).count()
    if active >= hall.max_active_per_person:
        raise errors.TooManyActive(limit=hall.max_active_per_person)


async def _lock_slots_in_order(*slots: Slot) -> None:
    """A move changes two slots' rows. Two people swapping places between the same two slots
    would each hold one row and wait for the other's (a deadlock, which PostgreSQL ends by
    failing one of them); locked in one order, the second waits for the first instead."""
    # `.only`, not `.values_list`: Tortoise drops FOR UPDATE from a values query.
    await Slot.filter(id__in={s.id for s in slots}).order_by("id").select_for_update().only("id")


async def _take_place(slot: Slot, now: datetime) -> None:
    taken = await Slot.filter(id=slot.id, booked__lt=F("capacity"), released_at__lte=now).update(
        booked=F("booked") + 1
    )
    if not taken:
        raise errors.SlotFull()


async def _serves(slot: Slot, service_code: str) -> bool:
    return await ServiceCategory.exists(
        hall_id=slot.hall_id, service_code=service_code, category_id=slot.category_id
    )


async def _check_served(slot: Slot, service_code: str) -> None:
    if not await _serves(slot, service_code):
        raise errors.ServiceNotInQueue()


async def _create(
    person: Person, slot: Slot, channel: str, service_code: str | None = None
) -> Appointment:
    try:
        async with transaction():  # a savepoint, so the refusal below is a clean 409
            return await Appointment.create(
                public_id=new_public_id("apt"),
                slot=slot,
                person_id=person.id,
                category_id=slot.category_id,
                hall_id=slot.hall_id,
                local_date=slot.local_date,
                channel=channel,
                service_code=service_code,
            )
    except IntegrityError:
        raise errors.OnePerDay() from None


async def _own_active(
    person: Person, appointment_public_id: str, now: datetime
) -> tuple[Appointment, Slot, Hall]:
    appointment = await Appointment.get_or_none(
        public_id=appointment_public_id, person_id=person.id
    )
    if appointment is None:
        raise errors.AppointmentNotFound()
    slot = await Slot.get(id=appointment.slot_id)
    hall = await Hall.get(id=slot.hall_id)
    cutoff = slot.starts_at - timedelta(minutes=hall.cancel_cutoff_minutes)
    if appointment.status != AppointmentStatus.ACTIVE or now >= cutoff:
        raise errors.NotCancellable()
    return appointment, slot, hall


async def _release(appointment: Appointment, slot: Slot, now: datetime) -> None:
    cancelled = await Appointment.filter(id=appointment.id, status=AppointmentStatus.ACTIVE).update(
        status=AppointmentStatus.CANCELLED, cancelled_at=now
    )
    if not cancelled:
        raise errors.NotCancellable()
    await Slot.filter(id=slot.id, booked__gt=0).update(booked=F("booked") - 1)


async def fill_horizon(hall: Hall | None = None) -> int:
    """The hall's slots (every hall's without one) from today to its booking horizon
    (release days ahead + 1)."""
    created = 0
    for each in [hall] if hall is not None else await Hall.all():
        today = clock.now().astimezone(hall_zone(each)).date()
        created += await generate_slots(each, today, each.release_days_ahead + 1)
    return created


MY_APPOINTMENTS_SHOWN = 50


async def my_appointments(person: Person) -> list[MyAppointment]:
    """The person's latest appointments, newest first. One query whatever their number: the
    slot, its queue and the queue's hall come joined (the list was 3 queries per line)."""
    appointments = (
        await Appointment.filter(person_id=person.id)
        .select_related("slot__category__hall")
        .order_by("-id")
        .limit(MY_APPOINTMENTS_SHOWN)
    )
    return [_mine(appointment) for appointment in appointments]


async def my_appointment(person: Person, appointment_public_id: str) -> MyAppointment:
    """One of the person's appointments; another's is not found (not refused: its id says
    nothing about it then)."""
    appointment = (
        await Appointment.filter(public_id=appointment_public_id, person_id=person.id)
        .select_related("slot__category__hall")
        .first()
    )
    if appointment is None:
        raise errors.AppointmentNotFound()
    return _mine(appointment)


def _mine(appointment: Appointment) -> MyAppointment:
    slot = appointment.slot
    category = slot.category
    hall = category.hall
    return MyAppointment(
        appointment_id=appointment.public_id,
        status=appointment.status,
        hall=hall.name,
        category=category.name,
        starts_at=hall_time(hall, slot.starts_at),
        ends_at=hall_time(hall, slot.ends_at),
        date=appointment.local_date,
        hall_code=hall.code,
        category_code=category.code,
    )


class _DaySlot(BaseModel):
    """A slot of a hall's day as the availability cache keeps it."""

    slot_id: str
    category: str | None
    starts_at: datetime
    ends_at: datetime
    capacity: int
    remaining: int
    released_at: datetime


_DAY_SLOTS = TypeAdapter(list[_DaySlot])


async def _day_slots(hall: Hall, day: date) -> list[_DaySlot]:
    codes = dict(await Category.filter(hall=hall).values_list("id", "code"))
    slots = await Slot.filter(hall_id=hall.id, local_date=day, capacity__gt=0).order_by("starts_at")
    return [
        _DaySlot(
            slot_id=s.public_id,
            category=codes.get(s.category_id),
            starts_at=hall_time(hall, s.starts_at),
            ends_at=hall_time(hall, s.ends_at),
            capacity=s.capacity,
            remaining=s.capacity - s.booked,
            released_at=s.released_at.astimezone(UTC),
        )
        for s in slots
    ]


@dataclass(frozen=True)
class Moved:
    """What a merge changed beyond the rows' owner."""

    slots: list[Slot]  # whose places came free or changed hands
    queue_halls: set[int]  # halls where a waiting ticket gave way (their queues are shorter)


async def move_person(from_person_id: int, to_person_id: int) -> Moved:
    """Identity merged two persons: appointments, tickets and no-show suspensions move to the
    survivor. Where the survivor already holds an active appointment or an open ticket in the
    same queue that day, the merged person's is cancelled (a place released) instead: one per
    person is the rule."""
    touched = await _move_appointments(from_person_id, to_person_id)
    await _move_idempotency_keys(from_person_id, to_person_id)
    queue_halls = await _move_tickets(from_person_id, to_person_id)
    await Suspension.filter(person_id=from_person_id).update(person_id=to_person_id)
    return Moved(slots=touched, queue_halls=queue_halls)


async def _move_appointments(from_person_id: int, to_person_id: int) -> list[Slot]:
    now = clock.now()
    survivor_days = set(
        await Appointment.filter(
            person_id=to_person_id, status=AppointmentStatus.ACTIVE
        ).values_list("category_id", "local_date")
    )
    touched = []
    for appointment in await Appointment.filter(
        person_id=from_person_id,
        status__in=HOLDING_A_PLACE,
    ):
        slot = await Slot.get(id=appointment.slot_id)
        touched.append(slot)
        if (
            appointment.status == AppointmentStatus.ACTIVE
            and (appointment.category_id, appointment.local_date) in survivor_days
        ):
            await _release(appointment, slot, now)
    await Appointment.filter(person_id=from_person_id).update(person_id=to_person_id)
    return touched


async def _move_idempotency_keys(from_person_id: int, to_person_id: int) -> None:
    """A booking's Idempotency-Key moves with it: a retry from the survivor gets it back (the
    survivor's own keys win)."""
    public_ids = dict(
        await Person.filter(id__in=[from_person_id, to_person_id]).values_list("id", "public_id")
    )
    await move_subject(
        subject_for(PolicyKind.CITIZEN, public_ids[from_person_id]),
        subject_for(PolicyKind.CITIZEN, public_ids[to_person_id]),
    )


async def _move_tickets(from_person_id: int, to_person_id: int) -> set[int]:
    """Returns the halls where a waiting ticket was cancelled."""
    open_statuses = (TicketStatus.WAITING, TicketStatus.CALLED)
    # Locked, so a window calling one of them cannot slip between the look and the change.
    held = (
        await Ticket.filter(person_id__in=[from_person_id, to_person_id], status__in=open_statuses)
        .order_by("id")
        .select_for_update()
    )
    survivor_open = {(t.category_id, t.local_date): t for t in held if t.person_id == to_person_id}
    staying = []  # both called at two windows at once: each stays with its own person
    gave_way_in: set[int] = set()
    for ticket in (t for t in held if t.person_id == from_person_id):
        theirs = survivor_open.get((ticket.category_id, ticket.local_date))
        if theirs is None:
            continue
        waiting = ticket if ticket.status == TicketStatus.WAITING else theirs
        gave_way = waiting.status == TicketStatus.WAITING and await Ticket.filter(
            id=waiting.id, status=TicketStatus.WAITING
        ).update(status=TicketStatus.CANCELLED, finished_at=clock.now())
        if gave_way:
            gave_way_in.add(waiting.hall_id)
        else:
            staying.append(ticket.id)
    await (
        Ticket.filter(person_id=from_person_id)
        .exclude(id__in=staying)
        .update(person_id=to_person_id)
    )
    return gave_way_in


async def forget_person(person_id: int) -> list[Slot]:
    """Identity deleted an account: its active appointments are cancelled, places released.
    Returns the slots that got a place back."""
    now = clock.now()
    freed = []
    for appointment in await Appointment.filter(
        person_id=person_id, status=AppointmentStatus.ACTIVE
    ):
        slot = await Slot.get(id=appointment.slot_id)
        await _release(appointment, slot, now)
        freed.append(slot)
    return freed
