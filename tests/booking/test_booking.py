"""Booking under load: capacity, idempotency, one per day, churn, and people kept apart."""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx

from api.kit.ids import new_public_id
from api.kit.models import IdempotencyRecord
from auth.audit import Origin
from auth.models import Person
from booking.models import Appointment, AppointmentStatus, Category, Hall, OpeningHours, Slot
from notify.models import InboxMessage

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def make_hall(code: str = "H1") -> tuple[Hall, Category]:
    """A hall open round the clock every day, so tests may take tickets at any hour."""
    hall = await Hall.create(code=code, name="市民中心", max_active_per_person=3)
    category = await Category.create(hall=hall, code="passport", name="护照办理", prefix="A")
    for weekday in range(7):
        await OpeningHours.create(hall=hall, weekday=weekday, opens_minute=0, closes_minute=1440)
    return hall, category


async def make_slot(
    hall: Hall,
    category: Category,
    *,
    days: int = 1,
    hour: int = 10,
    capacity: int = 5,
    released: bool = True,
) -> Slot:
    day = (datetime.now(SHANGHAI) + timedelta(days=days)).date()
    starts = datetime.combine(day, time(hour), tzinfo=SHANGHAI)
    return await Slot.create(
        public_id=new_public_id("slt"),
        category=category,
        hall_id=hall.id,
        local_date=day,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        capacity=capacity,
        released_at=datetime.now(SHANGHAI) - timedelta(hours=1)
        if released
        else datetime.now(SHANGHAI) + timedelta(days=1),
    )


async def appointment_in(slot: Slot, person_id: int, channel: str = "app") -> Appointment:
    """An appointment row in `slot`, written directly (test setup; the slot's `booked` count
    is the caller's to set, as booking would)."""
    return await Appointment.create(
        public_id=new_public_id("apt"),
        slot=slot,
        person_id=person_id,
        category_id=slot.category_id,
        hall_id=slot.hall_id,
        local_date=slot.local_date,
        channel=channel,
    )


async def citizen(
    server, level: int = 2, channel: str = "app", person: Person | None = None
) -> tuple[Person, dict[str, str]]:
    """A person at `level` with a session on `channel`, through identity's own service."""
    person = person or await Person.create(public_id=new_public_id("per"), level=level)
    pair = await server.app.ctx.services.identity.sessions.start_session(
        person, Origin(channel=channel)
    )
    return person, {"Authorization": f"Bearer {pair.access_token}"}


async def book(
    client: httpx.AsyncClient, headers: dict[str, str], slot: Slot, key: str | None = None
):
    extra = {"Idempotency-Key": key} if key else {}
    return await client.post(
        "/api/v1/appointments", json={"slot_id": slot.public_id}, headers={**headers, **extra}
    )


async def test_capacity_five_two_hundred_bookers(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=5)
    people = [await citizen(server) for _ in range(200)]
    responses = await asyncio.gather(*(book(client, headers, slot) for _, headers in people))
    statuses = [r.status_code for r in responses]
    assert statuses.count(201) == 5 and statuses.count(409) == 195
    assert all(r.json()["code"] == "booking.slot_full" for r in responses if r.status_code == 409)
    assert (await Slot.get(id=slot.id)).booked == 5
    assert await Appointment.filter(slot_id=slot.id, status=AppointmentStatus.ACTIVE).count() == 5


async def test_twenty_identical_requests_make_one_appointment(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category)
    _, headers = await citizen(server)
    responses = await asyncio.gather(
        *(book(client, headers, slot, key="retry-1") for _ in range(20))
    )
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["appointment_id"] for r in responses}) == 1
    assert (await Slot.get(id=slot.id)).booked == 1
    # One did the work; each of the others waited for its commit and replayed its answer.
    replayed = [r for r in responses if r.headers.get("Idempotent-Replayed") == "true"]
    assert len(replayed) == 19 and len({r.content for r in responses}) == 1
    assert await IdempotencyRecord.filter(key="retry-1").count() == 1


async def test_one_person_on_two_channels_racing_for_one_day(server, client) -> None:
    hall, category = await make_hall()
    morning = await make_slot(hall, category, hour=9)
    afternoon = await make_slot(hall, category, hour=15)
    person, on_app = await citizen(server, channel="app")
    _, on_mini = await citizen(server, channel="miniprogram", person=person)
    first, second = await asyncio.gather(
        book(client, on_app, morning), book(client, on_mini, afternoon)
    )
    assert sorted([first.status_code, second.status_code]) == [201, 409]
    refused = first if first.status_code == 409 else second
    assert refused.json()["code"] == "booking.one_per_day"
    booked = (await Slot.get(id=morning.id)).booked + (await Slot.get(id=afternoon.id)).booked
    assert booked == 1


async def test_churn_keeps_capacity_and_counts_true(server, client) -> None:
    hall, category = await make_hall()
    slots = [
        await make_slot(hall, category, days=d, hour=h, capacity=3) for d in (1, 2) for h in (9, 14)
    ]
    people = [await citizen(server) for _ in range(12)]
    rng = random.Random(7)

    async def act(headers: dict[str, str]) -> None:
        for _ in range(6):
            mine = (await client.get("/api/v1/me/appointments", headers=headers)).json()
            active = [a for a in mine["appointments"] if a["status"] == "active"]
            move = rng.random()
            if active and move < 0.3:
                await client.post(
                    f"/api/v1/appointments/{active[0]['appointment_id']}/cancel", headers=headers
                )
            elif active and move < 0.6:
                await client.post(
                    f"/api/v1/appointments/{active[0]['appointment_id']}/reschedule",
                    json={"slot_id": rng.choice(slots).public_id},
                    headers=headers,
                )
            else:
                await book(client, headers, rng.choice(slots))

    await asyncio.gather(*(act(headers) for _, headers in people))
    for slot in slots:
        fresh = await Slot.get(id=slot.id)
        active = await Appointment.filter(slot_id=slot.id, status=AppointmentStatus.ACTIVE).count()
        assert 0 <= fresh.booked <= fresh.capacity
        assert fresh.booked == active


async def test_people_cannot_touch_each_others_appointments(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category)
    other_slot = await make_slot(hall, category, hour=15, days=2)
    _, alice = await citizen(server)
    _, bob = await citizen(server)
    appointment = (await book(client, alice, slot)).json()["appointment_id"]
    for path, body in (
        (f"/api/v1/appointments/{appointment}/cancel", None),
        (f"/api/v1/appointments/{appointment}/reschedule", {"slot_id": other_slot.public_id}),
    ):
        response = await client.post(path, json=body, headers=bob)
        assert response.status_code == 404, path
    listed = (await client.get("/api/v1/me/appointments", headers=bob)).json()
    assert listed["appointments"] == []
    assert (await Slot.get(id=slot.id)).booked == 1


async def test_booking_rules_and_the_confirmation(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category)
    closed = await make_slot(hall, category, hour=16, released=False)
    soon = await make_slot(hall, category, days=0, hour=0)  # already past or within the lead
    _low, low_headers = await citizen(server, level=1)
    refused = await book(client, low_headers, slot)
    assert refused.status_code == 403 and refused.json()["required_level"] == 2
    person, headers = await citizen(server)
    assert (await book(client, headers, closed)).json()["code"] == "booking.not_released"
    assert (await book(client, headers, soon)).json()["code"] == "booking.too_late"
    made = await book(client, headers, slot)
    assert made.status_code == 201
    inbox = await InboxMessage.get(person_id=person.id)
    assert inbox.title == "预约成功" and "市民中心" in inbox.body
    cancelled = await client.post(
        f"/api/v1/appointments/{made.json()['appointment_id']}/cancel", headers=headers
    )
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert (await Slot.get(id=slot.id)).booked == 0
    again = await client.post(
        f"/api/v1/appointments/{made.json()['appointment_id']}/cancel", headers=headers
    )
    assert again.status_code == 409 and again.json()["code"] == "booking.not_cancellable"


async def test_a_key_reused_for_another_slot_is_refused_not_replayed(server, client) -> None:
    hall, category = await make_hall()
    first, second = await make_slot(hall, category), await make_slot(hall, category, days=2)
    _, headers = await citizen(server)
    assert (await book(client, headers, first, key="same-key")).status_code == 201
    again = await book(client, headers, second, key="same-key")
    assert again.status_code == 422 and again.json()["code"] == "request.idempotency_key_reused"
    assert (await Slot.get(id=second.id)).booked == 0
    replay = await book(client, headers, first, key="same-key")
    assert replay.status_code == 201


async def test_a_refused_booking_keeps_no_key_and_a_replay_is_the_first_answer(
    server, client
) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=1)
    _, first = await citizen(server)
    _, second = await citizen(server)
    assert (await book(client, first, slot)).status_code == 201
    full = await book(client, second, slot, key="try-again")
    assert full.status_code == 409 and full.json()["code"] == "booking.slot_full"
    assert await IdempotencyRecord.filter(key="try-again").count() == 0
    await Slot.filter(id=slot.id).update(capacity=2)
    await server.app.ctx.services.booking.full_slots.freed(slot)
    made = await book(client, second, slot, key="try-again")
    assert made.status_code == 201 and "Idempotent-Replayed" not in made.headers
    cancelled = await client.post(
        f"/api/v1/appointments/{made.json()['appointment_id']}/cancel", headers=second
    )
    assert cancelled.json()["status"] == "cancelled"
    replay = await book(client, second, slot, key="try-again")  # within the day: as answered
    assert replay.status_code == 201 and replay.content == made.content
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert (await Slot.get(id=slot.id)).booked == 1


async def test_a_cancel_racing_a_reschedule_of_one_appointment_settles_one(server, client) -> None:
    """Both take the person's lock first: before, they locked in opposite orders and
    PostgreSQL broke the deadlock with a 500."""
    hall, category = await make_hall()
    for round_ in range(5):
        slot = await make_slot(hall, category, days=2, hour=8 + round_)
        target = await make_slot(hall, category, days=3, hour=8 + round_)
        _, headers = await citizen(server)
        appointment = (await book(client, headers, slot)).json()["appointment_id"]
        cancelled, moved = await asyncio.gather(
            client.post(f"/api/v1/appointments/{appointment}/cancel", headers=headers),
            client.post(
                f"/api/v1/appointments/{appointment}/reschedule",
                json={"slot_id": target.public_id},
                headers=headers,
            ),
        )
        assert sorted([cancelled.status_code, moved.status_code]) in ([200, 409], [201, 409]), (
            cancelled.text,
            moved.text,
        )
        booked = (await Slot.get(id=slot.id)).booked + (await Slot.get(id=target.id)).booked
        assert booked == (1 if moved.status_code == 201 else 0)


async def test_a_booking_racing_the_accounts_deletion_leaves_no_place_taken(server, client) -> None:
    hall, category = await make_hall()
    for round_ in range(4):
        slot = await make_slot(hall, category, days=2, hour=8 + round_)
        person, headers = await citizen(server)
        await asyncio.gather(
            client.request("DELETE", "/api/v1/me", json={"confirm": "注销账号"}, headers=headers),
            book(client, headers, slot, key=f"d{round_}"),
        )
        assert (
            await Appointment.filter(person_id=person.id, status=AppointmentStatus.ACTIVE).count()
            == 0
        )
        assert (await Slot.get(id=slot.id)).booked == 0


async def test_a_reschedule_keeps_the_new_halls_limit(server, client) -> None:
    hall, category = await make_hall()
    other, other_category = await make_hall("H2")
    await Hall.filter(id=other.id).update(max_active_per_person=1)
    _, headers = await citizen(server)
    assert (await book(client, headers, await make_slot(other, other_category))).status_code == 201
    here = (await book(client, headers, await make_slot(hall, category))).json()["appointment_id"]
    moved = await client.post(
        f"/api/v1/appointments/{here}/reschedule",
        json={"slot_id": (await make_slot(other, other_category, days=2)).public_id},
        headers=headers,
    )
    assert moved.status_code == 409 and moved.json()["code"] == "booking.too_many_active"
    kept = await Appointment.get(public_id=here)
    assert kept.status == AppointmentStatus.ACTIVE  # nothing moved


async def test_two_people_swapping_slots_at_once_both_get_an_answer(server, client) -> None:
    """Each move holds two slots' rows: taken in opposite orders they deadlocked, and
    PostgreSQL's way out was a 500 for one of the two."""
    hall, category = await make_hall()
    first = await make_slot(hall, category, hour=9, capacity=2)
    second = await make_slot(hall, category, hour=14, capacity=2)
    (_, alice), (_, bob) = await citizen(server), await citizen(server)
    on = {"alice": first, "bob": second}
    appointments = {
        "alice": (await book(client, alice, first)).json()["appointment_id"],
        "bob": (await book(client, bob, second)).json()["appointment_id"],
    }
    headers = {"alice": alice, "bob": bob}

    async def move(who: str) -> None:
        target = second if on[who] is first else first
        answer = await client.post(
            f"/api/v1/appointments/{appointments[who]}/reschedule",
            json={"slot_id": target.public_id},
            headers=headers[who],
        )
        assert answer.status_code == 201, answer.text
        appointments[who], on[who] = answer.json()["appointment_id"], target

    for _ in range(15):
        await asyncio.gather(move("alice"), move("bob"))
    for slot in (first, second):
        active = await Appointment.filter(slot_id=slot.id, status=AppointmentStatus.ACTIVE).count()
        assert (await Slot.get(id=slot.id)).booked == active == 1
