"""Booking's periodic work: no-shows (爽约) and suspensions, reminders, tickets left open at
closing time, and the slots up to each hall's horizon. `periodic_jobs` declares their schedule."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from redis.asyncio import Redis

from api.kit import clock
from api.kit.db import transaction
from api.kit.ids import new_public_id
from api.kit.outages import is_outage
from api.kit.periodic import PeriodicJob
from auth.audit import audit
from booking import errors
from booking.hall import hours_on
from booking.live_queue import LiveStatus
from booking.models import (
    Appointment,
    AppointmentStatus,
    Hall,
    Slot,
    Suspension,
    Ticket,
    TicketStatus,
)
from booking.schemas import SuspensionOut
from booking.service import (
    active_suspension,
    announce,
    fill_horizon,
    hall_zone,
    suspension_out,
)
from notify.service import Notifier

log = logging.getLogger("yiwang.booking.jobs")


def periodic_jobs(notifier: Notifier, redis: Redis | None) -> list[PeriodicJob]:
    """Booking's sweeps, each run once per tick by one of the workers. `redis` carries the
    closing sweep's news to the hall displays."""
    minute = timedelta(minutes=1)
    return [
        PeriodicJob("booking.mark_no_shows", minute, lambda: mark_no_shows(notifier)),
        PeriodicJob("booking.send_reminders", minute, lambda: send_reminders(notifier)),
        PeriodicJob("booking.close_open_tickets", minute, lambda: close_open_tickets(redis)),
        PeriodicJob("booking.fill_every_horizon", 10 * minute, fill_every_horizon),
    ]


async def mark_no_shows(notifier: Notifier, limit: int = 500) -> int:
    """Appointments not checked in by start + the hall's grace become no-shows."""
    now = clock.now()
    marked = 0
    for hall in await Hall.all():
        late = (
            await Appointment.filter(
                hall_id=hall.id,
                status=AppointmentStatus.ACTIVE,
                slot__starts_at__lt=now - timedelta(minutes=hall.no_show_grace_minutes),
            )
            .order_by("id")
            .limit(limit)
        )
        for appointment in late:
            async with transaction():
                changed = await Appointment.filter(
                    id=appointment.id, status=AppointmentStatus.ACTIVE
                ).update(status=AppointmentStatus.NO_SHOW)
                if changed:
                    marked += 1
                    await _apply_rule(notifier, hall, appointment, now)
    return marked


async def _apply_rule(
    notifier: Notifier, hall: Hall, appointment: Appointment, now: datetime
) -> None:
    since = now - timedelta(days=hall.no_show_window_days)
    count = await Appointment.filter(
        person_id=appointment.person_id,
        hall_id=hall.id,
        status=AppointmentStatus.NO_SHOW,
        slot__starts_at__gte=since,
    ).count()
    if count >= hall.no_show_limit and not await active_suspension(
        appointment.person_id, hall.id, now
    ):
        until = now + timedelta(days=hall.suspension_days)
        await Suspension.create(
            public_id=new_public_id("sus"),
            person_id=appointment.person_id,
            hall_id=hall.id,
            starts_at=now,
            ends_at=until,
        )
        await notifier.publish(
            "booking.suspended",
            dedupe_key=f"booking:{appointment.public_id}:suspended",
            data={"until": until.astimezone(hall_zone(hall)).strftime("%Y-%m-%d")},
            person_id=appointment.person_id,
        )
    elif count >= 1:
        await notifier.publish(
            "booking.no_show_warning",
            dedupe_key=f"booking:{appointment.public_id}:no_show",
            data={"count": count},
            person_id=appointment.person_id,
        )


async def lift(suspension_public_id: str, by: str, hall_code: str | None) -> SuspensionOut:
    """A hall admin lifts a suspension in force at their hall (any hall for an admin bound to
    none); it and its audit row commit together, so no suspension is lifted unaccounted for.
    The answer is read inside that transaction."""
    async with transaction():
        suspension = await Suspension.get_or_none(public_id=suspension_public_id, lifted_at=None)
        hall = await Hall.get(id=suspension.hall_id) if suspension is not None else None
        if suspension is None or hall is None or hall_code not in (None, hall.code):
            raise errors.SuspensionNotFound()
        lifted = await Suspension.filter(id=suspension.id, lifted_at=None).update(
            lifted_at=clock.now(), lifted_by=by
        )
        if not lifted:
            raise errors.SuspensionNotFound()
        await audit(
            "booking.suspension_lifted", actor=by, detail={"suspension": suspension_public_id}
        )
        return suspension_out(await Suspension.get(id=suspension.id), hall)


REMIND_EVENING_HOUR = 18
REMIND_BEFORE = timedelta(hours=1)
DAY_BEFORE = "reminded_day_before_at"
HOUR_BEFORE = "reminded_hour_before_at"


async def send_reminders(notifier: Notifier) -> int:
    """Reminders at 18:00 hall time the day before, and an hour before the start; returns how
    many were published.

    Each is marked on the appointment in the transaction that publishes it, so the sweep
    considers each reminder once, not once a minute all evening.
    """
    now = clock.now()
    sent = 0
    for hall in await Hall.all():
        for appointment, mark in await _reminders_due(hall, now):
            sent += await _remind(notifier, hall, appointment, mark, now)
    return sent


async def _reminders_due(hall: Hall, now: datetime) -> list[tuple[Appointment, str]]:
    """(appointment, the mark its reminder sets) for each reminder of the hall not yet sent."""
    local = now.astimezone(hall_zone(hall))
    due: list[tuple[Appointment, str]] = []
    if local.hour >= REMIND_EVENING_HOUR:
        tomorrow = local.date() + timedelta(days=1)
        due += [
            (a, DAY_BEFORE)
            for a in await Appointment.filter(
                hall_id=hall.id,
                local_date=tomorrow,
                status=AppointmentStatus.ACTIVE,
                reminded_day_before_at=None,
            )
        ]
    due += [
        (a, HOUR_BEFORE)
        for a in await Appointment.filter(
            hall_id=hall.id,
            status=AppointmentStatus.ACTIVE,
            reminded_hour_before_at=None,
            slot__starts_at__gt=now,
            slot__starts_at__lte=now + REMIND_BEFORE,
        )
    ]
    return due


async def _remind(
    notifier: Notifier, hall: Hall, appointment: Appointment, mark: str, now: datetime
) -> int:
    """1 when this sweep set the mark and published the reminder; 0 when another had."""
    async with transaction():
        claimed = await Appointment.filter(
            id=appointment.id, status=AppointmentStatus.ACTIVE, **{mark: None}
        ).update(**{mark: now})
        if not claimed:
            return 0
        slot = await Slot.get(id=appointment.slot_id)
        occasion = ":day-before" if mark == DAY_BEFORE else ":hour-before"
        await announce(notifier, "booking.reminder", appointment, slot, hall, occasion)
    return 1


async def close_open_tickets(redis: Redis | None = None) -> int:
    """Tickets still waiting or called when their hall has closed for the day are closed, so a
    queue never carries over to the next morning; the displays of each hall whose queue
    closed are told, through `redis` (without it, they learn on the next change)."""
    now = clock.now()
    displays = LiveStatus(redis)
    closed = 0
    for hall in await Hall.all():
        today = now.astimezone(hall_zone(hall)).date()
        hours = await hours_on(hall, today)
        over = today if hours is None or now >= hours[1] else today - timedelta(days=1)
        # One statement, committed by itself: the displays are told after it.
        closed_here = await Ticket.filter(
            hall_id=hall.id,
            local_date__lte=over,
            status__in=[TicketStatus.WAITING, TicketStatus.CALLED],
        ).update(status=TicketStatus.CLOSED, finished_at=now)
        if closed_here:
            await displays.hall_changed(hall.id)
        closed += closed_here
    return closed


async def fill_every_horizon() -> int:
    """Hall by hall: one whose slots cannot be drawn does not keep the others' from release.
    Returns how many slots were drawn."""
    created = 0
    for hall in await Hall.all():
        try:
            created += await fill_horizon(hall)
        except Exception as exc:
            if is_outage(exc) is not None:
                raise  # not this hall's fault: the runner backs off and retries
            log.exception("slots of hall %s not drawn", hall.code)
    return created
