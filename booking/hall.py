"""A hall's own set-up, managed by its admins: rules, opening hours, the calendar of closures
and make-up working days (调休), queues, windows, slot templates and which queue serves which
service item. Also when the hall is open and whether a citizen is near it.

Changes that touch the slots take effect at once: a closed day's appointments are cancelled
(the citizens told through notify) and its slots withdrawn; new templates and working days get
their slots generated over the booking horizon.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError

from api.kit import clock
from api.kit.db import transaction
from api.kit.ids import new_public_id
from auth.audit import audit
from booking import errors
from booking.models import (
    Appointment,
    AppointmentStatus,
    CalendarDay,
    Category,
    Hall,
    OpeningHours,
    ServiceCategory,
    Slot,
    SlotTemplate,
    Window,
)
from booking.schemas import (
    CalendarDayOut,
    CategoryOut,
    DayHours,
    DayPeriod,
    HallOut,
    HallRulesOut,
    HallSetupOut,
    HallSummary,
    WindowOut,
    clock_text,
)
from booking.service import FullSlots, announce, fill_horizon, hall_time, hall_zone
from notify.service import Notifier

EARTH_RADIUS_METRES = 6_371_000
LOOK_AHEAD_DAYS = 14
MAX_WINDOW = 999
RULES = (
    "name",
    "release_days_ahead",
    "release_hour",
    "lead_minutes",
    "cancel_cutoff_minutes",
    "max_active_per_person",
    "no_show_grace_minutes",
    "no_show_limit",
    "no_show_window_days",
    "suspension_days",
    "latitude",
    "longitude",
    "geofence_metres",
    "announcement",
)


@dataclass(frozen=True)
class Period:
    """Minutes after midnight, hall time, on one weekday."""

    weekday: int
    start_minute: int
    end_minute: int
    capacity: int = 0


async def hall_by_code(code: str, scope: str | None = None) -> Hall:
    """The hall, if the caller may see it: staff bound to a hall see only that one."""
    hall = await Hall.get_or_none(code=code)
    if hall is None or (scope is not None and scope != code):
        raise errors.HallNotFound()
    return hall


async def category_by_code(hall: Hall, code: str) -> Category:
    category = await Category.get_or_none(hall=hall, code=code)
    if category is None:
        raise errors.CategoryNotFound()
    return category


# -- when the hall is open ----------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    """A hall's opening hours by weekday and its calendar around a day: enough to say when
    it is open over the next LOOK_AHEAD_DAYS without another query."""

    zone: ZoneInfo
    hours: Mapping[int, tuple[int, int]]  # weekday -> opens, closes (minutes, hall time)
    calendar: Mapping[date, int | None]  # day -> the weekday whose hours it keeps (None: closed)

    def period_on(self, day: date) -> tuple[int, int] | None:
        """The day's hours in minutes after midnight: its own weekday's, a make-up day's, or
        None when it is closed."""
        weekday = self.calendar[day] if day in self.calendar else day.weekday()
        return None if weekday is None else self.hours.get(weekday)

    def hours_on(self, day: date) -> tuple[datetime, datetime] | None:
        period = self.period_on(day)
        if period is None:
            return None
        midnight = datetime.combine(day, time(0), tzinfo=self.zone)
        return midnight + timedelta(minutes=period[0]), midnight + timedelta(minutes=period[1])

    def opening(self, now: datetime) -> datetime | None:
        """The opening in force when the hall is open, else the next one (None: none within
        LOOK_AHEAD_DAYS)."""
        today = now.astimezone(self.zone).date()
        for offset in range(LOOK_AHEAD_DAYS):
            hours = self.hours_on(today + timedelta(days=offset))
            if hours is not None and hours[1] > now:
                return hours[0]
        return None


async def weeks_of(halls: Sequence[Hall], around: date) -> dict[int, Week]:
    """Each hall's week (by hall id), in two queries whatever the number of halls. The
    calendar starts the day before `around`: a hall's today may be a day behind UTC's."""
    ids = [hall.id for hall in halls]
    hours: dict[int, dict[int, tuple[int, int]]] = {i: {} for i in ids}
    for row in await OpeningHours.filter(hall_id__in=ids):
        hours[row.hall_id][row.weekday] = (row.opens_minute, row.closes_minute)
    calendar: dict[int, dict[date, int | None]] = {i: {} for i in ids}
    for entry in await CalendarDay.filter(
        hall_id__in=ids,
        day__gte=around - timedelta(days=1),
        day__lte=around + timedelta(days=LOOK_AHEAD_DAYS + 1),
    ):
        calendar[entry.hall_id][entry.day] = entry.works_as_weekday
    return {h.id: Week(hall_zone(h), hours[h.id], calendar[h.id]) for h in halls}


async def hours_on(hall: Hall, day: date) -> tuple[datetime, datetime] | None:
    return (await weeks_of([hall], day))[hall.id].hours_on(day)


async def next_opening(hall: Hall, now: datetime) -> datetime | None:
    """The opening in force when the hall is open, else the next one."""
    return (await weeks_of([hall], now.date()))[hall.id].opening(now)


def is_open(opening: datetime | None, now: datetime) -> bool:
    return opening is not None and opening <= now


async def check_open(hall: Hall, now: datetime) -> None:
    opening = await next_opening(hall, now)
    if not is_open(opening, now):
        opens_at = hall_time(hall, opening).isoformat() if opening is not None else None
        raise errors.HallClosed(opens_at=opens_at)


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); ample for a radius of a few hundred metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(math.sqrt(a))


def check_near(hall: Hall, location: tuple[float, float] | None) -> None:
    """Online tickets only from near the hall, when the hall has set a geofence."""
    if hall.latitude is None or hall.longitude is None or not hall.geofence_metres:
        return
    if location is None:
        raise errors.LocationRequired()
    distance = distance_metres(hall.latitude, hall.longitude, *location)
    if distance > hall.geofence_metres:
        raise errors.OutsideGeofence(radius_metres=hall.geofence_metres)


# -- what a hall admin changes --------------------------------------------------------------


async def _lock(hall: Hall) -> None:
    """Two admins replacing the same set-up at once take turns (PostgreSQL), so neither gets
    a uniqueness failure half-way through the other's rows."""
    await Hall.filter(id=hall.id).select_for_update().first()


# The set-up changes below answer from inside the transaction that makes them, and write their
# audit row in it: once the change has committed, nothing is left to fail before the answer (a
# 503 then would tell the admin a change that stands had failed, and the retry would be refused
# as a duplicate).


async def create_hall(code: str, name: str, timezone: str, actor: str) -> HallSetupOut:
    """A new hall, described as staff see it."""
    async with transaction():
        try:
            hall = await Hall.create(code=code, name=name, timezone=timezone)
        except IntegrityError:
            raise errors.HallExists() from None
        await audit("booking.hall_created", actor=actor, detail={"hall": code})
        return await describe_for_staff(hall)


async def change_rules(hall: Hall, changes: Mapping[str, Any], actor: str) -> HallSetupOut:
    """The hall with its rules changed, described as staff see it."""
    unknown = set(changes) - set(RULES)
    if unknown:
        raise ValueError(f"not a hall rule: {sorted(unknown)}")
    async with transaction():
        if changes:
            await Hall.filter(id=hall.id).update(**changes)
            await audit("booking.hall_changed", actor=actor, detail={"hall": hall.code, **changes})
        return await describe_for_staff(await Hall.get(id=hall.id))


async def set_opening_hours(hall: Hall, periods: list[Period], actor: str) -> HallSetupOut:
    """The whole week at once: a weekday left out is closed. The hall as staff see it."""
    async with transaction():
        await _lock(hall)
        await OpeningHours.filter(hall=hall).delete()
        for p in periods:
            await OpeningHours.create(
                hall=hall,
                weekday=p.weekday,
                opens_minute=p.start_minute,
                closes_minute=p.end_minute,
            )
        await audit(
            "booking.opening_hours_changed",
            actor=actor,
            detail={"hall": hall.code, "weekdays": sorted(p.weekday for p in periods)},
        )
        return await describe_for_staff(hall)


# Told to the citizens whose appointments go when a make-up working day (调休) is taken back.
MAKE_UP_DAY_CANCELLED = "调休上班安排取消"


@dataclass(frozen=True)
class HallSetup:
    """The set-up changes that withdraw, cancel or draw slots. Once each has committed, it
    forgets what the slot memory held of the slots it touched (a day's list, a slot known
    full), so citizens see the change at once, not when the memory lapses."""

    notifier: Notifier
    slots: FullSlots

    async def set_calendar_day(
        self, hall: Hall, day: date, works_as_weekday: int | None, reason: str, actor: str
    ) -> int:
        """See the module function. Returns the appointments cancelled."""
        held = await _slot_ids_on(hall, day)
        cancelled = await set_calendar_day(
            self.notifier, hall, day, works_as_weekday, reason, actor
        )
        await self.slots.forget_days(hall.id, [day], held)
        return cancelled

    async def clear_calendar_day(self, hall: Hall, day: date, actor: str) -> int:
        """See the module function. Returns the appointments cancelled."""
        held = await _slot_ids_on(hall, day)
        cancelled = await clear_calendar_day(self.notifier, hall, day, actor)
        await self.slots.forget_days(hall.id, [day], held)
        return cancelled

    async def set_templates(self, category: Category, periods: list[Period], actor: str) -> int:
        """See the module function. Returns the slots created."""
        redrawn = await set_templates(category, periods, actor)
        await self.slots.forget_days(category.hall_id, redrawn.days)
        return redrawn.created


async def _slot_ids_on(hall: Hall, day: date) -> list[str]:
    """The day's slots, before a change that may withdraw them (they are gone after it)."""
    ids = await Slot.filter(hall_id=hall.id, local_date=day).values_list("public_id", flat=True)
    return [str(public_id) for public_id in ids]


async def set_calendar_day(
    notifier: Notifier,
    hall: Hall,
    day: date,
    works_as_weekday: int | None,
    reason: str,
    actor: str,
) -> int:
    """Close a day (holiday), or make it a working day with another weekday's pattern; the
    citizens whose appointments it cancels are told `reason`.

    Returns how many appointments were cancelled because the day closed.
    """
    async with transaction():
        await _lock(hall)
        before = await _pattern_of(hall, day)
        await CalendarDay.update_or_create(
            hall=hall, day=day, defaults={"works_as_weekday": works_as_weekday, "note": reason}
        )
        cancelled = await _withdraw_unplanned(notifier, hall, day, before, works_as_weekday, reason)
        await audit(
            "booking.calendar_changed",
            actor=actor,
            detail={
                "hall": hall.code,
                "day": day.isoformat(),
                "works_as": works_as_weekday,
                "reason": reason,
            },
        )
        await fill_horizon(hall)
        return cancelled


async def clear_calendar_day(notifier: Notifier, hall: Hall, day: date, actor: str) -> int:
    """Back to the weekly pattern for that day: its slots come back if it is a working day,
    and those of a make-up working day go if it is not. Returns the appointments cancelled."""
    async with transaction():
        await _lock(hall)
        before = await _pattern_of(hall, day)
        await CalendarDay.filter(hall=hall, day=day).delete()
        cancelled = await _withdraw_unplanned(
            notifier, hall, day, before, day.weekday(), MAKE_UP_DAY_CANCELLED
        )
        await audit(
            "booking.calendar_changed",
            actor=actor,
            detail={"hall": hall.code, "day": day.isoformat(), "works_as": "weekly"},
        )
        await fill_horizon(hall)
        return cancelled


async def _pattern_of(hall: Hall, day: date) -> int | None:
    """The weekday whose pattern the day follows: its own, a make-up day's, None if closed."""
    entry = await CalendarDay.get_or_none(hall=hall, day=day)
    return day.weekday() if entry is None else entry.works_as_weekday


async def _withdraw_unplanned(
    notifier: Notifier,
    hall: Hall,
    day: date,
    before: int | None,
    weekday: int | None,
    reason: str,
) -> int:
    """When the day changes pattern, its slots that the weekday pattern it now follows does not
    have (all of them on a closed day, `weekday` None): their appointments cancelled, each
    citizen told why, and the slots gone. A day keeping its pattern keeps its slots, even those
    released under an older template. Returns the appointments cancelled."""
    if before == weekday:
        return 0
    planned: set[tuple[int, int]] = set()
    if weekday is not None:
        planned = set(
            await SlotTemplate.filter(category__hall_id=hall.id, weekday=weekday).values_list(
                "category_id", "start_minute"
            )
        )
    zone = hall_zone(hall)
    now = clock.now()
    cancelled = 0
    for slot in await Slot.filter(hall_id=hall.id, local_date=day):
        local = slot.starts_at.astimezone(zone)
        if (slot.category_id, local.hour * 60 + local.minute) not in planned:
            cancelled += await _withdraw_slot(notifier, hall, slot, now, reason)
    return cancelled


async def _withdraw_slot(
    notifier: Notifier, hall: Hall, slot: Slot, now: datetime, reason: str
) -> int:
    cancelled = 0
    for appointment in await Appointment.filter(slot=slot, status=AppointmentStatus.ACTIVE):
        changed = await Appointment.filter(
            id=appointment.id, status=AppointmentStatus.ACTIVE
        ).update(status=AppointmentStatus.CANCELLED, cancelled_at=now)
        if changed:
            cancelled += 1
            await announce(
                notifier, "booking.cancelled_by_hall", appointment, slot, hall, reason=reason
            )
    if await Appointment.exists(slot=slot):
        await Slot.filter(id=slot.id).update(booked=0, capacity=0)  # kept for history
    else:
        await slot.delete()
    return cancelled


async def add_category(
    hall: Hall, code: str, name: str, prefix: str, service_minutes: int, actor: str
) -> Category:
    try:
        async with transaction():
            category = await Category.create(
                hall=hall,
                code=code,
                name=name,
                prefix=prefix,
                default_service_minutes=service_minutes,
            )
            await audit(
                "booking.category_created", actor=actor, detail={"hall": hall.code, "code": code}
            )
    except IntegrityError:
        raise errors.CategoryExists() from None
    return category


@dataclass(frozen=True)
class Redrawn:
    created: int  # slots
    days: set[date]  # whose slot lists changed: slots withdrawn or drawn on them


async def set_templates(category: Category, periods: list[Period], actor: str) -> Redrawn:
    """The category's whole weekly pattern. Slots not yet released and not booked are redrawn;
    released ones stay as citizens have seen them."""
    now = clock.now()
    async with transaction():
        hall = await Hall.get(id=category.hall_id)
        await _lock(hall)
        await SlotTemplate.filter(category=category).delete()
        for p in periods:
            await SlotTemplate.create(
                category=category,
                weekday=p.weekday,
                start_minute=p.start_minute,
                end_minute=p.end_minute,
                capacity=p.capacity,
            )
        unreleased = dict(
            await Slot.filter(category=category, released_at__gt=now, booked=0).values_list(
                "id", "local_date"
            )
        )
        with_history = await Appointment.filter(slot_id__in=list(unreleased)).values_list(
            "slot_id", flat=True
        )
        withdrawn = set(unreleased) - set(with_history)
        await Slot.filter(id__in=withdrawn).delete()
        await audit(
            "booking.templates_changed",
            actor=actor,
            detail={"category": category.code, "periods": len(periods)},
        )
        created = await fill_horizon(hall)
    return Redrawn(created, {unreleased[i] for i in withdrawn} | _horizon_days(hall))


def _horizon_days(hall: Hall) -> set[date]:
    """The days fill_horizon draws slots on."""
    today = clock.now().astimezone(hall_zone(hall)).date()
    return {today + timedelta(days=n) for n in range(hall.release_days_ahead + 1)}


async def add_window(hall: Hall, number: int, category_codes: list[str], actor: str) -> Window:
    category_ids = [(await category_by_code(hall, c)).id for c in category_codes]
    try:
        async with transaction():
            window = await Window.create(
                public_id=new_public_id("win"),
                hall=hall,
                number=number,
                category_ids=category_ids,
            )
            await audit(
                "booking.window_created", actor=actor, detail={"hall": hall.code, "no": number}
            )
    except IntegrityError:
        raise errors.WindowExists() from None
    return window


async def set_window_categories(
    hall: Hall, number: int, category_codes: list[str], actor: str
) -> Window:
    window = (
        await Window.get_or_none(hall=hall, number=number) if 1 <= number <= MAX_WINDOW else None
    )  # a number past the column's range is simply no window, not a database error
    if window is None:
        raise errors.WindowNotFound()
    category_ids = [(await category_by_code(hall, c)).id for c in category_codes]
    async with transaction():
        await Window.filter(id=window.id).update(category_ids=category_ids)
        await audit("booking.window_changed", actor=actor, detail={"hall": hall.code, "no": number})
    window.category_ids = category_ids  # the answer is what was written: nothing to read after
    return window


async def map_service(hall: Hall, service_code: str, category_code: str, actor: str) -> None:
    category = await category_by_code(hall, category_code)
    async with transaction():
        await _lock(hall)
        await ServiceCategory.update_or_create(
            hall=hall, service_code=service_code, defaults={"category": category}
        )
        await audit(
            "booking.service_mapped",
            actor=actor,
            detail={"hall": hall.code, "service": service_code, "category": category_code},
        )


async def unmap_service(hall: Hall, service_code: str, actor: str) -> None:
    async with transaction():
        removed = await ServiceCategory.filter(hall=hall, service_code=service_code).delete()
        if not removed:
            raise errors.ServiceNotMapped()
        await audit(
            "booking.service_unmapped",
            actor=actor,
            detail={"hall": hall.code, "service": service_code},
        )


async def category_for_service(hall: Hall, service_code: str) -> Category:
    route = await ServiceCategory.get_or_none(hall=hall, service_code=service_code)
    if route is None:
        raise errors.ServiceNotMapped()
    return await Category.get(id=route.category_id)


# -- what clients read ------------------------------------------------------------------------


async def list_halls() -> list[HallSummary]:
    """Every hall by code, with whether it is open now and today's hours: three queries
    whatever the number of halls."""
    now = clock.now()
    halls = await Hall.all().order_by("code")
    weeks = await weeks_of(halls, now.date())
    return [_summary(hall, weeks[hall.id], now) for hall in halls]


def _summary(hall: Hall, week: Week, now: datetime) -> HallSummary:
    opening = week.opening(now)
    today = week.period_on(now.astimezone(week.zone).date())
    return HallSummary(
        code=hall.code,
        name=hall.name,
        timezone=hall.timezone,
        open_now=is_open(opening, now),
        next_opening=hall_time(hall, opening) if opening is not None else None,
        hours_today=None
        if today is None
        else DayPeriod(starts_at=clock_text(today[0]), ends_at=clock_text(today[1])),
    )


async def describe(hall: Hall) -> HallOut:
    """The hall as citizens see it."""
    return await _described(hall, await Category.filter(hall=hall).order_by("prefix"))


async def _described(hall: Hall, categories: list[Category]) -> HallOut:
    now = clock.now()
    week = (await weeks_of([hall], now.date()))[hall.id]
    opening = week.opening(now)
    code_of = {c.id: c.code for c in categories}
    return HallOut(
        code=hall.code,
        name=hall.name,
        timezone=hall.timezone,
        open_now=is_open(opening, now),
        next_opening=hall_time(hall, opening) if opening is not None else None,
        opening_hours=[
            DayHours(weekday=weekday, starts_at=clock_text(opens), ends_at=clock_text(closes))
            for weekday, (opens, closes) in sorted(week.hours.items())
        ],
        categories=[CategoryOut(code=c.code, name=c.name, prefix=c.prefix) for c in categories],
        services={
            s.service_code: code_of[s.category_id]
            for s in await ServiceCategory.filter(hall=hall).order_by("service_code")
        },
        geofence=hall.geofence_metres is not None and hall.latitude is not None,
    )


async def describe_for_staff(hall: Hall) -> HallSetupOut:
    """The hall as its staff see it: also its rules, its calendar from today on and its
    windows."""
    categories = await Category.filter(hall=hall).order_by("prefix")
    code_of = {c.id: c.code for c in categories}
    today = clock.now().astimezone(hall_zone(hall)).date()
    return HallSetupOut(
        **dict(await _described(hall, categories)),
        rules=HallRulesOut.model_validate(hall, from_attributes=True),
        calendar=[
            CalendarDayOut(date=d.day, works_as_weekday=d.works_as_weekday, reason=d.note)
            for d in await CalendarDay.filter(hall=hall, day__gte=today).order_by("day")
        ],
        windows=[
            WindowOut(
                window_id=w.public_id,
                number=w.number,
                status=w.status,  # type: ignore[arg-type]  # the column holds one of the three
                categories=[code_of[i] for i in w.category_ids if i in code_of],
            )
            for w in await Window.filter(hall=hall).order_by("number")
        ],
    )
