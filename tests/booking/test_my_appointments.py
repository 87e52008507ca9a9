"""A citizen's list of appointments: what it shows, and a cost that does not grow with it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from tortoise import connections

from api.kit.ids import new_public_id
from auth.models import Person
from booking.models import Appointment, Category, Hall, Slot
from tests.booking.test_booking import SHANGHAI, appointment_in, citizen, make_hall, make_slot


@contextmanager
def counting_queries(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement sent through the default connection while the block runs (the test
    server runs in this process, so its queries are counted too)."""
    connection = connections.get("default")
    sent: list[str] = []
    for name in ("execute_query", "execute_query_dict"):
        original = getattr(connection, name)

        def counted(sql: str, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            sent.append(sql)
            return _original(sql, *args, **kwargs)

        monkeypatch.setattr(connection, name, counted)
    try:
        yield sent
    finally:
        monkeypatch.undo()


async def appointments_for(
    person: Person, hall: Hall, category: Category, count: int, hour: int = 10
) -> None:
    """`count` appointments on as many days, each in a slot of its own."""
    for days in range(1, count + 1):
        slot = await make_slot(hall, category, days=days, hour=hour)
        await appointment_in(slot, person.id)


async def statements_for_the_list(client, headers, monkeypatch) -> tuple[int, list[dict[str, Any]]]:
    with counting_queries(monkeypatch) as sent:
        answer = await client.get("/api/v1/me/appointments", headers=headers)
    assert answer.status_code == 200, answer.text
    return len(sent), answer.json()["appointments"]


async def test_the_list_costs_the_same_few_queries_for_one_or_thirty_appointments(
    server, client, monkeypatch
) -> None:
    hall, category = await make_hall()
    few, few_headers = await citizen(server, level=1)
    many, many_headers = await citizen(server, level=1)
    await appointments_for(few, hall, category, 1, hour=9)
    await appointments_for(many, hall, category, 30)
    for_one, listed_one = await statements_for_the_list(client, few_headers, monkeypatch)
    for_thirty, listed_thirty = await statements_for_the_list(client, many_headers, monkeypatch)
    assert (len(listed_one), len(listed_thirty)) == (1, 30)
    print(f"\n/me/appointments: {for_one} queries for 1 appointment, {for_thirty} for 30")
    assert for_thirty == for_one


async def test_the_list_shows_hall_queue_and_hall_time_newest_first(server, client) -> None:
    hall, category = await make_hall()
    other_queue = await Category.create(hall=hall, code="visa", name="签证", prefix="B")
    person, headers = await citizen(server, level=1)
    await appointments_for(person, hall, category, 1)
    day = (datetime.now(SHANGHAI) + timedelta(days=2)).date()
    starts = datetime.combine(day, time(14, 30), tzinfo=SHANGHAI)
    later = await Slot.create(
        public_id=new_public_id("slt"),
        category=other_queue,
        hall_id=hall.id,
        local_date=day,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        capacity=5,
        released_at=starts - timedelta(days=3),
    )
    newest = await Appointment.create(
        public_id=new_public_id("apt"),
        slot=later,
        person_id=person.id,
        category_id=other_queue.id,
        hall_id=hall.id,
        local_date=day,
        channel="app",
    )
    listed = (await client.get("/api/v1/me/appointments", headers=headers)).json()
    first = listed["appointments"][0]
    assert first == {
        "appointment_id": newest.public_id,
        "status": "active",
        "date": day.isoformat(),
        "starts_at": f"{day.isoformat()}T14:30:00+08:00",
        "ends_at": f"{day.isoformat()}T15:00:00+08:00",
        "hall": "市民中心",
        "hall_code": "H1",
        "category": "签证",
        "category_code": "visa",
    }
    assert listed["appointments"][1]["category"] == "护照办理"


async def test_one_appointment_shows_its_slot_hall_and_queue_to_its_holder_alone(
    server, client
) -> None:
    hall, category = await make_hall()
    person, headers = await citizen(server, level=1)
    slot = await make_slot(hall, category, days=2, hour=9)
    appointment = await appointment_in(slot, person.id)
    shown = await client.get(f"/api/v1/appointments/{appointment.public_id}", headers=headers)
    assert shown.status_code == 200, shown.text
    day = slot.local_date.isoformat()
    assert shown.json() == {
        "appointment_id": appointment.public_id,
        "status": "active",
        "date": day,
        "starts_at": f"{day}T09:00:00+08:00",
        "ends_at": f"{day}T09:30:00+08:00",
        "hall": "市民中心",
        "hall_code": "H1",
        "category": "护照办理",
        "category_code": "passport",
    }
    _, stranger = await citizen(server, level=1)
    hidden = await client.get(f"/api/v1/appointments/{appointment.public_id}", headers=stranger)
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "booking.appointment_not_found"
    assert appointment.public_id not in hidden.text
    unknown = await client.get(f"/api/v1/appointments/{new_public_id('apt')}", headers=headers)
    assert unknown.status_code == 404
