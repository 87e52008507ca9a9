"""Same-day tickets (取号) and calling them at the windows (叫号).

Numbers are gap-free per hall, category and day: a counter row is advanced by an atomic
upsert in the same transaction that writes the ticket, so a refused take (the person already
holds a ticket) rolls the number back too. Calling claims the oldest waiting ticket across a
window's categories with FOR UPDATE SKIP LOCKED: two windows never get the same ticket.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q

from api.kit import clock
from api.kit.db import rows_of, transaction
from api.kit.ids import new_public_id
from booking import errors
from booking.hall import category_by_code, check_near, check_open, hall_by_code
from booking.models import (
    Appointment,
    Category,
    Hall,
    ServiceCategory,
    Ticket,
    TicketStatus,
    Window,
)
from booking.service import hall_zone
from notify.service import Notifier

_CALL_NEXT = """
UPDATE ticket SET status = 'called', called_at = $1, last_called_at = $1, calls = calls + 1,
                  window_number = $2
 WHERE id = (SELECT id FROM ticket
              WHERE local_date = $3 AND status = 'waiting' AND category_id = ANY($4::bigint[])
              ORDER BY priority DESC, queued_at, id
              LIMIT 1
                FOR UPDATE SKIP LOCKED)
RETURNING id
"""


def today_in(hall: Hall) -> date:
    return clock.now().astimezone(hall_zone(hall)).date()


@dataclass(frozen=True)
class Taken:
    """A ticket just taken, with what its holder is shown: the waiting tickets called before
    it and the estimated wait. Both are counted before the number is taken, so once the ticket
    has committed its answer needs nothing more from the database: a read after the commit
    could fail and tell a citizen now holding a ticket 503, and their retry would be refused
    as a second ticket. (A ticket taken at the same moment may be missing from the count;
    `GET /tickets/{id}` counts again.)"""

    ticket: Ticket
    ahead: int
    wait_minutes: int


async def take_online(
    hall_code: str, category_code: str, person_id: int, location: tuple[float, float] | None
) -> Taken:
    """网上取号: while the hall is open, and from near it where the hall has a geofence."""
    hall = await hall_by_code(hall_code)
    check_near(hall, location)
    category = await category_by_code(hall, category_code)
    await check_open(hall, clock.now())
    return await take_ticket(hall, category, person_id)


async def take_at_kiosk(hall_code: str, category_code: str, person_id: int | None) -> Taken:
    """The hall's own machine: anonymous, or the person's when they showed their ID card."""
    hall = await hall_by_code(hall_code)
    category = await category_by_code(hall, category_code)
    await check_open(hall, clock.now())
    return await take_ticket(hall, category, person_id)


async def take_ticket(
    hall: Hall,
    category: Category,
    person_id: int | None,
    *,
    priority: bool = False,
    appointment_id: int | None = None,
) -> Taken:
    """The next number of the queue today; refused (and the number not spent) if the person
    already holds an open ticket in this queue."""
    now = clock.now()
    day = today_in(hall)
    ahead = await _waiting_before_a_new_ticket(category.id, day, priority=priority)
    pace = await pace_of(category, hall.id)
    ticket = Ticket(
        public_id=new_public_id("tkt"),
        hall_id=hall.id,
        category_id=category.id,
        local_date=day,
        person_id=person_id,
        priority=priority,
        appointment_id=appointment_id,
        created_at=now,
        queued_at=now,
    )
    try:
        await _number_and_insert(ticket, category.prefix)
    except IntegrityError:
        raise errors.OneTicket() from None
    return Taken(ticket, ahead, pace.wait_minutes(ahead))


async def _waiting_before_a_new_ticket(category_id: int, day: date, *, priority: bool) -> int:
    """The waiting tickets a ticket taken now joins behind: all of them, or for a priority
    ticket the other priority ones (the order `ahead_of` counts in)."""
    waiting = Ticket.filter(category_id=category_id, local_date=day, status=TicketStatus.WAITING)
    return await (waiting.filter(priority=True) if priority else waiting).count()


# One statement: the counter row stays locked for one round trip, not for a transaction's
# worth of them, and a refused insert takes the counter's increment back with it.
_TAKE = """
WITH counter AS (
    INSERT INTO ticket_counter (category_id, local_date, last_number) VALUES ($2, $3, 1)
    ON CONFLICT (category_id, local_date)
    DO UPDATE SET last_number = ticket_counter.last_number + 1
    RETURNING last_number
)
INSERT INTO ticket (public_id, hall_id, category_id, local_date, number, label, person_id,
                    priority, appointment_id, status, missed_count, created_at, queued_at)
SELECT $1, $4, $2, $3, last_number,
       $5 || CASE WHEN last_number < 1000 THEN lpad(last_number::text, 3, '0')
                  ELSE last_number::text END,
       $6, $7, $9, 'waiting', 0, $8, $8
  FROM counter
RETURNING id, number, label
"""


async def _number_and_insert(ticket: Ticket, prefix: str) -> None:
    rows = await rows_of(
        _TAKE,
        [
            ticket.public_id,
            ticket.category_id,
            ticket.local_date,
            ticket.hall_id,
            prefix,
            ticket.person_id,
            ticket.priority,
            ticket.created_at,
            ticket.appointment_id,
        ],
    )
    ticket.id, ticket.number, ticket.label = rows[0]["id"], rows[0]["number"], rows[0]["label"]
    ticket._saved_in_db = True


async def ahead_of(ticket: Ticket) -> int:
    """前面还有 N 人: waiting tickets called before this one in its category (priority first,
    then time in the queue)."""
    if ticket.status != TicketStatus.WAITING:
        return 0
    earlier = Q(queued_at__lt=ticket.queued_at) | Q(queued_at=ticket.queued_at, id__lt=ticket.id)
    before = (
        (Q(priority=True) & earlier)
        if ticket.priority
        else (Q(priority=True) | (Q(priority=False) & earlier))
    )
    return await Ticket.filter(
        before,
        category_id=ticket.category_id,
        local_date=ticket.local_date,
        status=TicketStatus.WAITING,
    ).count()


RECENT_SERVICES = 20


@dataclass(frozen=True)
class Pace:
    """How fast a queue moves: the recent average service time in it (the queue's default
    length until there is history) and the open windows that serve it."""

    average_minutes: float
    open_windows: int

    def wait_minutes(self, ahead: int) -> int:
        """The tickets ahead times the average service time, shared among the windows."""
        return math.ceil(ahead * self.average_minutes / max(self.open_windows, 1))


async def pace_of(category: Category, hall_id: int) -> Pace:
    recent = (
        await Ticket.filter(
            category_id=category.id, status=TicketStatus.COMPLETED, called_at__isnull=False
        )
        .order_by("-finished_at")
        .limit(RECENT_SERVICES)
        .values_list("called_at", "finished_at")
    )
    lengths = [(done - called).total_seconds() / 60 for called, done in recent if done]
    average = sum(lengths) / len(lengths) if lengths else float(category.default_service_minutes)
    windows = [
        w
        for w in await Window.filter(hall_id=hall_id, status="open")
        if category.id in w.category_ids
    ]
    return Pace(average, len(windows))


async def estimated_wait_minutes(ticket: Ticket, ahead: int) -> int:
    if ticket.status != TicketStatus.WAITING:
        return 0
    category = await Category.get(id=ticket.category_id)
    return (await pace_of(category, ticket.hall_id)).wait_minutes(ahead)


async def own_ticket(person_id: int, ticket_public_id: str) -> Ticket:
    """The person's ticket; another's is not found."""
    ticket = await Ticket.get_or_none(public_id=ticket_public_id, person_id=person_id)
    if ticket is None:
        raise errors.TicketNotFound()
    return ticket


async def cancel_ticket(person_id: int, ticket_public_id: str) -> Ticket:
    """The holder gives up a waiting ticket; one already called is the window's to finish."""
    ticket = await Ticket.get_or_none(public_id=ticket_public_id, person_id=person_id)
    if ticket is None:
        raise errors.TicketNotFound()
    return await _change_waiting(ticket, status=TicketStatus.CANCELLED, finished_at=clock.now())


async def call_next(
    notifier: Notifier, window_public_id: str, hall_code: str | None
) -> Ticket | None:
    window = await Window.get_or_none(public_id=window_public_id)
    if window is None:
        raise errors.WindowNotFound()
    hall = await Hall.get(id=window.hall_id)
    if not _in_clerks_hall(hall, hall_code):
        raise errors.WindowNotFound()  # a clerk calls only in their own hall
    if window.status != "open":
        raise errors.WindowClosed()
    now, day = clock.now(), today_in(hall)
    try:
        async with transaction():
            await _require_window_free(window, day)
            ticket_id = await _claim_next(window, now, day)
            if ticket_id is None:
                return None
            ticket = await Ticket.get(id=ticket_id)
            await _announce_called(notifier, ticket)
            await announce_near(notifier, ticket)
            return ticket
    except IntegrityError:  # the database's own rule, should the lock ever be bypassed
        raise errors.WindowBusy() from None


async def _require_window_free(window: Window, day: date) -> None:
    """One citizen at a window at a time. The window's row is locked first, so calls racing
    at one window (a double click) are taken one after the other and only the first calls."""
    await Window.filter(id=window.id).select_for_update().first()
    current = await Ticket.filter(
        hall_id=window.hall_id,
        local_date=day,
        status=TicketStatus.CALLED,
        window_number=window.number,
    ).first()
    if current is not None:
        raise errors.WindowBusy(ticket_id=current.public_id)


async def _announce_called(notifier: Notifier, ticket: Ticket) -> None:
    """Tell the holder which window calls them (each call, and each recall, is a message)."""
    if ticket.person_id is not None:
        await notifier.publish(
            "ticket.called",
            dedupe_key=f"ticket:{ticket.public_id}:called:{clock.now().timestamp()}",
            data={"ticket": ticket.label, "window": str(ticket.window_number)},
            person_id=ticket.person_id,
        )


async def _claim_next(window: Window, now: Any, day: date) -> int | None:
    rows = await rows_of(_CALL_NEXT, [now, window.number, day, list(window.category_ids)])
    return int(rows[0]["id"]) if rows else None


async def complete(ticket_public_id: str, hall_code: str | None) -> Ticket:
    ticket = await _called_ticket(ticket_public_id, hall_code)
    return await _move_on(ticket, status=TicketStatus.COMPLETED, finished_at=clock.now())


NEAR_AHEAD = 3


async def _window_in_hall(window_public_id: str, hall_code: str | None) -> Window:
    window = await Window.get_or_none(public_id=window_public_id)
    if window is None:
        raise errors.WindowNotFound()
    if not _in_clerks_hall(await Hall.get(id=window.hall_id), hall_code):
        raise errors.WindowNotFound()
    return window


def _in_clerks_hall(hall: Hall, hall_code: str | None) -> bool:
    """Staff bound to a hall act in it alone; those bound to none (hall_code None) in all."""
    return hall_code is None or hall.code == hall_code


async def set_window_status(window_public_id: str, hall_code: str | None, status: str) -> Window:
    window = await _window_in_hall(window_public_id, hall_code)
    await Window.filter(id=window.id).update(status=status)
    window.status = status  # the answer is what was written: nothing to read after it
    return window


async def _called_ticket(ticket_public_id: str, hall_code: str | None) -> Ticket:
    """A called ticket of the clerk's hall (any hall for staff who belong to none): another
    hall's ticket is not found, one waiting or finished is not called."""
    ticket = await Ticket.get_or_none(public_id=ticket_public_id)
    if ticket is None or not _in_clerks_hall(await Hall.get(id=ticket.hall_id), hall_code):
        raise errors.TicketNotFound()
    if ticket.status != TicketStatus.CALLED:
        raise errors.TicketNotCalled()
    return ticket


async def _move_on(ticket: Ticket, **changes: Any) -> Ticket:
    """A called ticket leaves the window: one condition in the database, so of a complete,
    missed or transfer racing for it one wins and the others find it no longer called."""
    if not await Ticket.filter(id=ticket.id, status=TicketStatus.CALLED).update(**changes):
        raise errors.TicketNotCalled()
    return _as_written(ticket, changes)


async def _change_waiting(ticket: Ticket, **changes: Any) -> Ticket:
    """The holder's change of a ticket still waiting (one condition, as `_move_on`)."""
    if not await Ticket.filter(id=ticket.id, status=TicketStatus.WAITING).update(**changes):
        raise errors.TicketNotCancellable()
    return _as_written(ticket, changes)


def _as_written(ticket: Ticket, changes: dict[str, Any]) -> Ticket:
    """The ticket as its conditional UPDATE left it, for the answer, which then needs no read
    after the write committed. What an answer shows of it is the fields set here and those
    that the condition keeps as they were read (its number; its window while it is called,
    none while it waits)."""
    for field, value in changes.items():
        setattr(ticket, field, value)
    return ticket


async def recall(notifier: Notifier, ticket_public_id: str, hall_code: str | None) -> Ticket:
    """Call the same ticket again (the citizen did not come up yet): the displays say it
    again, as its latest call is now."""
    ticket = await _called_ticket(ticket_public_id, hall_code)
    now = clock.now()
    async with transaction():
        if not await Ticket.filter(id=ticket.id, status=TicketStatus.CALLED).update(
            last_called_at=now, calls=F("calls") + 1
        ):
            raise errors.TicketNotCalled()
        await _announce_called(notifier, ticket)
    ticket.last_called_at, ticket.calls = now, ticket.calls + 1
    return ticket


async def mark_missed(ticket_public_id: str, hall_code: str | None) -> Ticket:
    """过号: the first time back into the queue (behind the others), the second time dropped."""
    ticket = await _called_ticket(ticket_public_id, hall_code)
    if ticket.missed_count == 0:  # back of the queue
        return await _move_on(
            ticket,
            status=TicketStatus.WAITING,
            missed_count=1,
            window_number=None,
            queued_at=clock.now(),
        )
    return await _move_on(ticket, status=TicketStatus.MISSED, finished_at=clock.now())


async def transfer(ticket_public_id: str, hall_code: str | None, category_code: str) -> Ticket:
    """Send a called ticket to another queue of the same hall; it keeps its label (A005 waits
    in the C queue as A005), so the holder still knows their number."""
    ticket = await _called_ticket(ticket_public_id, hall_code)
    target = await Category.get_or_none(hall_id=ticket.hall_id, code=category_code)
    if target is None:
        raise errors.CategoryNotFound()
    try:
        return await _move_on(
            ticket, status=TicketStatus.WAITING, category_id=target.id, window_number=None
        )
    except IntegrityError:  # the holder already waits in that queue: one ticket per queue
        raise errors.OneTicket("该市民已在该业务排队，不能再转入") from None


async def announce_near(notifier: Notifier, called: Ticket) -> None:
    """Tell the holder who now has NEAR_AHEAD tickets before them to get ready."""
    waiting = (
        await Ticket.filter(
            category_id=called.category_id,
            local_date=called.local_date,
            status=TicketStatus.WAITING,
        )
        .order_by("-priority", "queued_at", "id")
        .offset(NEAR_AHEAD)
        .limit(1)
    )
    if waiting and waiting[0].person_id is not None:
        ticket = waiting[0]
        await notifier.publish(
            "ticket.near",
            dedupe_key=f"ticket:{ticket.public_id}:near",
            data={"ticket": ticket.label, "ahead": NEAR_AHEAD},
            person_id=ticket.person_id,
        )


# -- what the hall's screens show -------------------------------------------------------------


@dataclass(frozen=True)
class Desk:
    """A window as its clerk's console shows it: the ticket called to it now, the appointment
    that ticket came from (its check-in), the service items to check the materials of (the
    appointment's own, or else every item the ticket's queue serves here), and the hall's
    queues a ticket can be transferred to."""

    window: Window
    hall: Hall
    ticket: Ticket | None
    appointment: Appointment | None
    service_codes: list[str]
    categories: list[Category]


async def desk(window_public_id: str, hall_code: str | None) -> Desk:
    window = await _window_in_hall(window_public_id, hall_code)
    hall = await Hall.get(id=window.hall_id)
    ticket = await Ticket.filter(
        hall_id=hall.id,
        local_date=today_in(hall),
        status=TicketStatus.CALLED,
        window_number=window.number,
    ).first()
    appointment = None
    if ticket is not None and ticket.appointment_id is not None:
        appointment = await Appointment.get_or_none(id=ticket.appointment_id)
    return Desk(
        window=window,
        hall=hall,
        ticket=ticket,
        appointment=appointment,
        service_codes=await _services_to_check(ticket, appointment),
        categories=await Category.filter(hall_id=hall.id).order_by("prefix"),
    )


async def _services_to_check(ticket: Ticket | None, appointment: Appointment | None) -> list[str]:
    if ticket is None:
        return []
    if appointment is not None and appointment.service_code is not None:
        return [appointment.service_code]
    mapped = await ServiceCategory.filter(
        hall_id=ticket.hall_id, category_id=ticket.category_id
    ).order_by("service_code")
    return [m.service_code for m in mapped]


async def recent_calls(hall_code: str, limit: int) -> tuple[Hall, list[Ticket]]:
    """The hall's latest calls today, the latest first (a recall counts as a call). A ticket
    sent back to a queue since (missed, transferred) has left its window: not listed."""
    hall = await Hall.get_or_none(code=hall_code)
    if hall is None:
        raise errors.HallNotFound()
    calls = (
        await Ticket.filter(
            hall_id=hall.id,
            local_date=today_in(hall),
            last_called_at__isnull=False,
            window_number__isnull=False,
        )
        .order_by("-last_called_at", "-id")
        .limit(limit)
    )
    return hall, list(calls)


EVALUATION_MINUTES = 10  # how long after completing a ticket its holder may rate it at the pad


@dataclass(frozen=True)
class PadTicket:
    """The ticket a window's evaluation pad may rate now, if any."""

    window: Window
    hall: Hall
    ticket: Ticket | None


async def ticket_to_rate(window_public_id: str, device_hall_code: str) -> PadTicket:
    """The ticket this window completed last today, while it is recent enough to rate: the
    citizen who just left the window, not anyone before them."""
    window = await _window_in_hall(window_public_id, device_hall_code)
    hall = await Hall.get(id=window.hall_id)
    last = (
        await Ticket.filter(
            hall_id=hall.id,
            local_date=today_in(hall),
            status=TicketStatus.COMPLETED,
            window_number=window.number,
        )
        .order_by("-finished_at", "-id")
        .first()
    )
    recent = (
        last is not None
        and last.finished_at is not None
        and clock.now() - last.finished_at <= timedelta(minutes=EVALUATION_MINUTES)
    )
    return PadTicket(window, hall, last if recent else None)


async def rateable_ticket(
    window_public_id: str, device_hall_code: str, ticket_public_id: str
) -> PadTicket:
    """The pad's ticket, provided it is the one named; refused otherwise."""
    found = await ticket_to_rate(window_public_id, device_hall_code)
    if found.ticket is None or found.ticket.public_id != ticket_public_id:
        raise errors.TicketNotEvaluable()
    return found
