"""The hall's queue as citizens, kiosks and windows change it, each change told to the hall's
displays: a method commits its change first (queue.py and checkin.py hold the rules and the
transactions), then publishes the hall's live status. After the commit, so a display never
shows a ticket a rollback took back; a publish that fails loses no ticket, only that status,
and the next change (or a display reconnecting) brings the display up to date.

The methods are called outside any transaction: inside one, they would publish before it
commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from redis.asyncio import Redis

from booking import checkin, live, queue
from booking.models import Ticket, Window
from notify.service import Notifier

log = logging.getLogger("yiwang.booking.live")


@dataclass(frozen=True)
class LiveStatus:
    """Tells a hall's displays (in every process) that its queue changed."""

    redis: Redis | None  # None in an app that never started: no display can be watching

    async def hall_changed(self, hall_id: int) -> None:
        if self.redis is None:
            return
        try:
            await live.publish(self.redis, await live.hall_code_of(hall_id))
        except Exception:  # the change has committed: it stands, only this status is lost
            log.exception("live status: a change was not published; displays catch up later")


@dataclass(frozen=True)
class LiveQueue:
    notifier: Notifier
    status: LiveStatus

    async def take_online(
        self,
        hall_code: str,
        category_code: str,
        person_id: int,
        location: tuple[float, float] | None,
    ) -> queue.Taken:
        taken = await queue.take_online(hall_code, category_code, person_id, location)
        return await self._joined(taken)

    async def take_at_kiosk(
        self, hall_code: str, category_code: str, person_id: int | None
    ) -> queue.Taken:
        return await self._joined(await queue.take_at_kiosk(hall_code, category_code, person_id))

    async def cancel_ticket(self, person_id: int, ticket_public_id: str) -> Ticket:
        return await self._shown(await queue.cancel_ticket(person_id, ticket_public_id))

    async def check_in(self, appointment_public_id: str, hall_code: str | None) -> queue.Taken:
        """The appointment's priority ticket joins the queue."""
        return await self._joined(await checkin.check_in(appointment_public_id, hall_code))

    async def check_in_by_id_number(self, identity_index: str, hall_code: str) -> queue.Taken:
        taken = await checkin.check_in_by_id_number(identity_index, hall_code)
        return await self._joined(taken)

    async def call_next(self, window_public_id: str, hall_code: str | None) -> Ticket | None:
        """The next ticket at this window, or None when nobody waits (nothing changed)."""
        ticket = await queue.call_next(self.notifier, window_public_id, hall_code)
        return None if ticket is None else await self._shown(ticket)

    async def recall(self, ticket_public_id: str, hall_code: str | None) -> Ticket:
        """Called again: the same status, published again, so the display calls it again."""
        ticket = await queue.recall(self.notifier, ticket_public_id, hall_code)
        return await self._shown(ticket)

    async def complete(self, ticket_public_id: str, hall_code: str | None) -> Ticket:
        return await self._shown(await queue.complete(ticket_public_id, hall_code))

    async def mark_missed(self, ticket_public_id: str, hall_code: str | None) -> Ticket:
        return await self._shown(await queue.mark_missed(ticket_public_id, hall_code))

    async def transfer(
        self, ticket_public_id: str, hall_code: str | None, category_code: str
    ) -> Ticket:
        ticket = await queue.transfer(ticket_public_id, hall_code, category_code)
        return await self._shown(ticket)

    async def set_window_status(
        self, window_public_id: str, hall_code: str | None, status: str
    ) -> Window:
        window = await queue.set_window_status(window_public_id, hall_code, status)
        await self.status.hall_changed(window.hall_id)
        return window

    async def _shown(self, ticket: Ticket) -> Ticket:
        await self.status.hall_changed(ticket.hall_id)
        return ticket

    async def _joined(self, taken: queue.Taken) -> queue.Taken:
        await self._shown(taken.ticket)
        return taken
