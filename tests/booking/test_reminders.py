"""Reminders: 18:00 the day before and an hour before, each sent once."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from api.kit import clock
from booking.jobs import send_reminders
from notify.models import Event
from tests.booking.test_booking import SHANGHAI, book, citizen, make_hall, make_slot


async def test_evening_before_and_an_hour_before(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, days=2, hour=10)
    _, headers = await citizen(server)
    assert (await book(client, headers, slot)).status_code == 201
    day_before = datetime.combine(slot.local_date - timedelta(days=1), time(18, 5), tzinfo=SHANGHAI)
    notifier = server.app.ctx.services.notifier
    real = clock.clock
    try:
        clock.clock = clock.FrozenClock(day_before - timedelta(hours=1))  # 17:05: not yet
        await send_reminders(notifier)
        assert await Event.filter(event_type="booking.reminder").count() == 0
        clock.clock = clock.FrozenClock(day_before)
        assert await send_reminders(notifier) == 1
        clock.clock = clock.FrozenClock(day_before + timedelta(minutes=1))
        assert await send_reminders(notifier) == 0  # considered once, not every minute
        assert await Event.filter(event_type="booking.reminder").count() == 1
        clock.clock = clock.FrozenClock(slot.starts_at - timedelta(minutes=55))
        assert await send_reminders(notifier) == 1
        assert await send_reminders(notifier) == 0
        assert await Event.filter(event_type="booking.reminder").count() == 2
    finally:
        clock.clock = real
