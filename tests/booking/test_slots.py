"""Slots from weekly templates: holidays closed, make-up working days open, release times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking.models import CalendarDay, Slot, SlotTemplate
from booking.service import generate_slots, release_moment
from tests.booking.test_booking import book, citizen, make_hall, make_slot

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


async def test_a_full_slot_is_refused_from_redis_and_a_freed_place_is_bookable_at_once(
    server, client
) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=1)
    (_, first), (_, second), (_, third) = [await citizen(server) for _ in range(3)]
    taken = await book(client, first, slot, key="k-1")
    assert taken.status_code == 201
    full = await book(client, second, slot)
    assert full.status_code == 409 and full.json()["code"] == "booking.slot_full"
    redis = server.app.ctx.redis
    assert await redis.exists(f"booking:full:{slot.public_id}")  # the next ones are shed
    shed = await book(client, third, slot)
    assert shed.status_code == 409 and shed.json()["code"] == "booking.slot_full"
    retry = await book(client, first, slot, key="k-1")  # a client's retry still gets its place
    assert retry.status_code == 201
    assert retry.json()["appointment_id"] == taken.json()["appointment_id"]
    cancelled = await client.post(
        f"/api/v1/appointments/{taken.json()['appointment_id']}/cancel", headers=first
    )
    assert cancelled.status_code == 200
    assert not await redis.exists(f"booking:full:{slot.public_id}")
    assert (await book(client, third, slot)).status_code == 201
    assert (await Slot.get(id=slot.id)).booked == 1


async def test_redis_may_refuse_but_never_gives_a_place(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=2)
    full_slots = server.app.ctx.services.booking.full_slots
    await full_slots.mark_full(slot.public_id)  # wrong: the slot has room
    _, headers = await citizen(server)
    assert (await book(client, headers, slot)).status_code == 409
    assert (await Slot.get(id=slot.id)).booked == 0
    await full_slots.freed(slot)
    assert (await book(client, headers, slot)).status_code == 201
    assert (await Slot.get(id=slot.id)).booked == 1


async def test_availability_is_cached_and_a_booking_refreshes_it(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=3)
    params = {"category": "passport", "date": slot.local_date.isoformat()}
    listed = (await client.get("/api/v1/halls/H1/slots", params=params)).json()["slots"]
    assert [s["remaining"] for s in listed] == [3]
    assert await server.app.ctx.redis.exists(f"booking:slots:{hall.id}:{slot.local_date}")
    _, headers = await citizen(server)
    assert (await book(client, headers, slot)).status_code == 201
    again = (await client.get("/api/v1/halls/H1/slots", params=params)).json()["slots"]
    assert [s["remaining"] for s in again] == [2]
    other = await client.get("/api/v1/halls/H1/slots", params={**params, "category": "none"})
    assert other.json()["slots"] == []


async def test_a_place_freed_by_a_deleted_account_is_bookable_at_once(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=1)
    (_, leaving), (_, waiting) = [await citizen(server) for _ in range(2)]
    assert (await book(client, leaving, slot)).status_code == 201
    assert (await book(client, waiting, slot)).status_code == 409  # full, and remembered
    deleted = await client.request(
        "DELETE", "/api/v1/me", json={"confirm": "注销账号"}, headers=leaving
    )
    assert deleted.status_code == 204, deleted.text
    assert not await server.app.ctx.redis.exists(f"booking:full:{slot.public_id}")
    assert (await book(client, waiting, slot)).status_code == 201
