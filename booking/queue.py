"""Same-day tickets (取号) and calling them at the windows (叫号).

Numbers are gap-free per hall, category and day: a counter row is advanced by an atomic
upsert in the same transaction that writes the ticket, so a refused take (the person already
holds a ticket) rolls the number back too. Calling claims the oldest waiting ticket across a
window's categories with FOR UPDATE SKIP LOCKED: two windows never get the same ticket.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from api.kit import clock
from api.kit.errors import DomainError
from api.kit.ids import new_public_id
from booking import errors
from booking.models import Category, Hall, Ticket, TicketStatus, Window
from booking.service import hall_zone
from notify.service import Notifier


class OneTicket(DomainError):
    code = "booking.one_ticket"
    status = 409
    title = "您已有该业务的排队号"
    when = "The person already holds a waiting or called ticket in this category today."


class WindowNotFound(DomainError):
    code = "booking.window_not_found"
    status = 404
    title = "窗口不存在"
    when = "No window with that id in the clerk's hall."


class TicketNotFound(DomainError):
    code = "booking.ticket_not_found"
    status = 404
    title = "排队号不存在"
    when = "No ticket with that id belongs to the caller."


_NEXT_NUMBER = """
INSERT INTO ticket_counter (category_id, local_date, last_number) VALUES ({a}, {b}, 1)
ON CONFLICT (category_id, local_date) DO UPDATE SET last_number = ticket_counter.last_number + 1
RETURNING last_number
"""

_CALL_NEXT_POSTGRES = """
UPDATE ticket SET status = 'called', called_at = $1, window_number = $2
 WHERE id = (SELECT id FROM ticket
              WHERE local_date = $3 AND status = 'waiting' AND category_id = ANY($4::bigint[])
              ORDER BY priority DESC, created_at, id
              LIMIT 1
                FOR UPDATE SKIP LOCKED)
RETURNING id
"""


def today_in(hall: Hall) -> date:
    return clock.now().astimezone(hall_zone(hall)).date()


async def _next_number(category_id: int, day: date) -> int:
    connection = connections.get("default")
    postgres = connection.capabilities.dialect == "postgres"
    sql = _NEXT_NUMBER.format(a="$1" if postgres else "?", b="$2" if postgres else "?")
    rows = await connection.execute_query_dict(sql, [category_id, day])
    return int(rows[0]["last_number"])


async def take_ticket(
    hall_code: str, category_code: str, person_id: int | None, *, priority: bool = False
) -> Ticket:
    hall = await Hall.get_or_none(code=hall_code)
    if hall is None:
        raise errors.HallNotFound()
    category = await Category.get_or_none(hall=hall, code=category_code)
    if category is None:
        raise errors.CategoryNotFound()
    day = today_in(hall)
    async with in_transaction():
        number = await _next_number(category.id, day)
        try:
            async with in_transaction():
                return await Ticket.create(
                    public_id=new_public_id("tkt"),
                    hall_id=hall.id,
                    category_id=category.id,
                    local_date=day,
                    number=number,
                    label=f"{category.prefix}{number:03d}",
                    person_id=person_id,
                    priority=priority,
                )
        except IntegrityError:
            raise OneTicket() from None  # rolls the number back with the whole transaction


async def ahead_of(ticket: Ticket) -> int:
    """前面还有 N 人: waiting tickets called before this one in its category (priority first,
    then time in the queue; `created_at` moves to now when a missed ticket is queued again)."""
    if ticket.status != TicketStatus.WAITING:
        return 0
    earlier = Q(created_at__lt=ticket.created_at) | Q(
        created_at=ticket.created_at, id__lt=ticket.id
    )
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


async def call_next(
    notifier: Notifier, window_public_id: str, hall_code: str | None
) -> Ticket | None:
    window = await Window.get_or_none(public_id=window_public_id)
    if window is None:
        raise WindowNotFound()
    hall = await Hall.get(id=window.hall_id)
    if hall_code is not None and hall.code != hall_code:
        raise WindowNotFound()  # a clerk calls only in their own hall
    if window.status != "open":
        raise WindowClosed()
    now, day = clock.now(), today_in(hall)
    async with in_transaction():
        ticket_id = await _claim_next(window, now, day)
        if ticket_id is None:
            return None
        ticket = await Ticket.get(id=ticket_id)
        await _announce_called(notifier, ticket)
        await announce_near(notifier, ticket)
        return ticket


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
    connection = connections.get("default")
    if connection.capabilities.dialect == "postgres":
        rows = await connection.execute_query_dict(
            _CALL_NEXT_POSTGRES, [now, window.number, day, list(window.category_ids)]
        )
        return int(rows[0]["id"]) if rows else None
    # SQLite (the embedded mode) has one writer at a time: look, then change if still waiting.
    nxt = (
        await Ticket.filter(
            local_date=day, status=TicketStatus.WAITING, category_id__in=list(window.category_ids)
        )
        .order_by("-priority", "created_at", "id")
        .first()
    )
    if nxt is None:
        return None
    changed = await Ticket.filter(id=nxt.id, status=TicketStatus.WAITING).update(
        status=TicketStatus.CALLED, called_at=now, window_number=window.number
    )
    return nxt.id if changed else None


async def complete(ticket_public_id: str) -> Ticket:
    ticket = await Ticket.get_or_none(public_id=ticket_public_id)
    if ticket is None:
        raise TicketNotFound()
    await Ticket.filter(id=ticket.id, status=TicketStatus.CALLED).update(
        status=TicketStatus.COMPLETED, finished_at=clock.now()
    )
    return await Ticket.get(id=ticket.id)


NEAR_AHEAD = 3


class WindowClosed(DomainError):
    code = "booking.window_closed"
    status = 409
    title = "窗口暂停或已关闭"
    when = "A paused or closed window calls no ticket; open it first."


async def _window_in_hall(window_public_id: str, hall_code: str | None) -> Window:
    window = await Window.get_or_none(public_id=window_public_id)
    if window is None:
        raise WindowNotFound()
    if hall_code is not None and (await Hall.get(id=window.hall_id)).code != hall_code:
        raise WindowNotFound()
    return window


async def set_window_status(window_public_id: str, hall_code: str | None, status: str) -> Window:
    window = await _window_in_hall(window_public_id, hall_code)
    await Window.filter(id=window.id).update(status=status)
    return await Window.get(id=window.id)


async def _called_ticket(ticket_public_id: str) -> Ticket:
    ticket = await Ticket.get_or_none(public_id=ticket_public_id, status=TicketStatus.CALLED)
    if ticket is None:
        raise TicketNotFound()
    return ticket


async def recall(notifier: Notifier, ticket_public_id: str) -> Ticket:
    """Call the same ticket again (the citizen did not come up yet)."""
    ticket = await _called_ticket(ticket_public_id)
    await _announce_called(notifier, ticket)
    return ticket


async def mark_missed(ticket_public_id: str) -> Ticket:
    """过号: the first time back into the queue (behind the others), the second time dropped."""
    ticket = await _called_ticket(ticket_public_id)
    if ticket.missed_count == 0:
        await Ticket.filter(id=ticket.id, status=TicketStatus.CALLED).update(
            status=TicketStatus.WAITING, missed_count=1, window_number=None, created_at=clock.now()
        )  # back of the queue
    else:
        await Ticket.filter(id=ticket.id, status=TicketStatus.CALLED).update(
            status=TicketStatus.MISSED, finished_at=clock.now()
        )
    return await Ticket.get(id=ticket.id)


async def transfer(ticket_public_id: str, category_code: str) -> Ticket:
    """Send a called ticket to another queue of the same hall; it keeps its number."""
    ticket = await _called_ticket(ticket_public_id)
    target = await Category.get_or_none(hall_id=ticket.hall_id, code=category_code)
    if target is None:
        raise errors.CategoryNotFound()
    await Ticket.filter(id=ticket.id, status=TicketStatus.CALLED).update(
        status=TicketStatus.WAITING, category_id=target.id, window_number=None
    )
    return await Ticket.get(id=ticket.id)


async def announce_near(notifier: Notifier, called: Ticket) -> None:
    """Tell the holder who now has NEAR_AHEAD tickets before them to get ready."""
    waiting = (
        await Ticket.filter(
            category_id=called.category_id,
            local_date=called.local_date,
            status=TicketStatus.WAITING,
        )
        .order_by("-priority", "created_at", "id")
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
