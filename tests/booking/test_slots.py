"""Slots from weekly templates: holidays closed, make-up working days open, release times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.models import CalendarDay, Slot, SlotTemplate
from booking.service import generate_slots, release_moment
from tests.booking.test_booking import make_hall

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 12, 7)  # a Monday


async def test_holidays_close_and_make_up_days_open(server, client) -> None:
    hall, category = await make_hall()
    for weekday in range(5):
        await SlotTemplate.create(
            category=category,
            weekday=weekday,
            start_minute=9 * 60,
            end_minute=10 * 60,
            capacity=4,
        )
    saturday = MONDAY + timedelta(days=5)
    await CalendarDay.create(hall=hall, day=MONDAY, works_as_weekday=None, note="元旦")
    await CalendarDay.create(hall=hall, day=saturday, works_as_weekday=0, note="调休上班")
    assert await generate_slots(hall, MONDAY, 7) == 5  # Tue-Fri, and the make-up Saturday
    assert await generate_slots(hall, MONDAY, 7) == 0  # idempotent
    days = sorted(await Slot.filter(hall_id=hall.id).values_list("local_date", flat=True))
    assert MONDAY not in days and saturday in days and len(days) == 5
    slot = await Slot.get(local_date=saturday)
    assert slot.starts_at.astimezone(SHANGHAI).time() == time(9) and slot.capacity == 4


async def test_day_d_opens_at_eight_on_d_minus_seven(server, client) -> None:
    hall, _ = await make_hall()
    opens = release_moment(hall, MONDAY).astimezone(SHANGHAI)
    assert opens == datetime(2026, 11, 30, 8, 0, tzinfo=SHANGHAI)


async def test_the_slot_listing_shows_what_is_left(server, client) -> None:
    hall, category = await make_hall()
    for weekday in range(7):
        await SlotTemplate.create(
            category=category,
            weekday=weekday,
            start_minute=14 * 60,
            end_minute=15 * 60,
            capacity=6,
        )
    tomorrow = (datetime.now(SHANGHAI) + timedelta(days=1)).date()
    await generate_slots(hall, tomorrow, 1)
    listed = await client.get(
        "/api/v1/halls/H1/slots", params={"category": "passport", "date": tomorrow.isoformat()}
    )
    assert listed.status_code == 200
    (slot,) = listed.json()["slots"]
    assert slot["capacity"] == 6 and slot["remaining"] == 6
    missing = await client.get(
        "/api/v1/halls/NOPE/slots", params={"category": "passport", "date": tomorrow.isoformat()}
    )
    assert missing.status_code == 404 and missing.json()["code"] == "booking.hall_not_found"
    bad = await client.get(
        "/api/v1/halls/H1/slots", params={"category": "passport", "date": "tomorrow"}
    )
    assert bad.status_code == 422
