"""Every change of a hall's queue reaches its displays within a second, whoever makes it: a
citizen, a kiosk, a clerk at a window, a check-in, the closing-time sweep or a merge of two
persons. Each test watches the hall's status stream as a display does."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest

from api.kit.ids import new_public_id
from auth.models import Person
from auth.staff import create_device
from booking.jobs import close_open_tickets
from booking.models import Category, OpeningHours, Slot, Window
from tests.auth.conftest import (
    bearer,
    face_verified_citizen,
    join_by_face,
    me,
    mini_program_sign_in,
    register_citizen,
)
from tests.booking.test_booking import SHANGHAI, citizen, make_hall
from tests.booking.test_checkin import clerk as checkin_clerk
from tests.booking.test_checkin import code, soon_appointment
from tests.booking.test_live_streams import Stream
from tests.booking.test_tickets import clerk_headers, take

WITHIN = 1.0  # seconds a display may lag behind a change

Status = dict[str, Any]


@pytest.fixture
async def display(server, clean) -> AsyncIterator[Callable[[], Awaitable[tuple[Stream, Status]]]]:
    """Opens hall H1's status stream (the hall is the test's to make first); gives the stream
    past its first status, and that status."""
    streams: list[Stream] = []

    async def open_stream() -> tuple[Stream, Status]:
        stream = await Stream.open(server.port)
        assert stream.status == 200
        streams.append(stream)
        return stream, await stream.next_status()

    yield open_stream
    for stream in streams:
        await stream.close()


async def sees(stream: Stream, holds: Callable[[Status], bool]) -> Status:
    """The first status that `holds`, within WITHIN seconds of asking: a display that sees the
    change only when something else changes the hall later fails here."""
    while not holds(status := await stream.next_status(within=WITHIN)):
        pass
    return status


async def call_next(client, window: Window, clerk: dict[str, str]) -> dict[str, Any]:
    called = await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk)
    assert called.status_code == 200, called.text
    return dict(called.json())


def waiting(status: Status) -> int:
    return int(status["waiting"][0]["waiting"])


def serving(status: Status, window: int = 1) -> str | None:
    return next(w["serving"] for w in status["windows"] if w["number"] == window)


async def test_tickets_taken_online_at_the_kiosk_and_cancelled_reach_the_display(
    server, client, display
) -> None:
    await make_hall()
    stream, _ = await display()
    _, headers = await citizen(server, level=1)
    online = (await take(client, headers)).json()
    await sees(stream, lambda s: waiting(s) == 1)
    _, key = await create_device("取号机", "kiosk", "H1")
    at_kiosk = await client.post(
        "/api/v1/kiosk/tickets", json={"category": "passport"}, headers={"X-Device-Key": key}
    )
    assert at_kiosk.status_code == 201, at_kiosk.text
    await sees(stream, lambda s: waiting(s) == 2)
    cancelled = await client.post(f"/api/v1/tickets/{online['ticket_id']}/cancel", headers=headers)
    assert cancelled.status_code == 200, cancelled.text
    await sees(stream, lambda s: waiting(s) == 1)


async def test_calling_completing_missed_recall_and_transfer_reach_the_display(
    server, client, display
) -> None:
    hall, category = await make_hall()
    await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    window = await Window.get(hall=hall, number=1)
    for _ in range(2):
        _, headers = await citizen(server, level=1)
        await take(client, headers)
    clerk = await clerk_headers(client)
    stream, _ = await display()
    staff = "/api/v1/staff"  # the clerk's routes

    first = await call_next(client, window, clerk)
    await sees(stream, lambda s: serving(s) == "A001" and waiting(s) == 1)
    await client.post(f"{staff}/tickets/{first['ticket_id']}/missed", headers=clerk)
    await sees(stream, lambda s: serving(s) is None and waiting(s) == 2)
    second = await call_next(client, window, clerk)
    await sees(stream, lambda s: serving(s) == "A002")
    recalled = await client.post(f"{staff}/tickets/{second['ticket_id']}/recall", headers=clerk)
    assert recalled.status_code == 200
    await sees(stream, lambda s: serving(s) == "A002")  # a new event: the display calls again
    await client.post(f"{staff}/tickets/{second['ticket_id']}/complete", headers=clerk)
    await sees(stream, lambda s: serving(s) is None and waiting(s) == 1)

    await client.post("/api/v1/staff/halls/H1/categories", json={}, headers=clerk)  # no rights

    await Category.create(hall=hall, code="visa", name="签证", prefix="V")
    third = await call_next(client, window, clerk)
    await sees(stream, lambda s: serving(s) == "A001")
    moved = await client.post(
        f"{staff}/tickets/{third['ticket_id']}/transfer", json={"category": "visa"}, headers=clerk
    )
    assert moved.status_code == 200, moved.text
    await sees(
        stream,
        lambda s: (
            serving(s) is None
            and {q["category"]: q["waiting"] for q in s["waiting"]} == {"passport": 0, "visa": 1}
        ),
    )


async def test_a_window_opened_paused_or_closed_reaches_the_display(
    server, client, display
) -> None:
    hall, category = await make_hall()
    window = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    clerk = await clerk_headers(client)
    stream, _ = await display()
    for action, status in (("pause", "paused"), ("close", "closed"), ("open", "open")):
        changed = await client.post(
            f"/api/v1/staff/windows/{window.public_id}/{action}", headers=clerk
        )
        assert changed.status_code == 200, changed.text

        def shows(s: Status, status: str = status) -> bool:
            return bool(s["windows"][0]["status"] == status)

        await sees(stream, shows)


async def test_a_check_in_by_qr_or_id_card_puts_its_ticket_on_the_display(
    server, client, display
) -> None:
    _, _, person, headers, appointment_id = await soon_appointment(server, client)
    stream, _ = await display()
    token = await code(client, headers, appointment_id)
    checked = await client.post(
        "/api/v1/staff/checkin", json={"token": token}, headers=await checkin_clerk(client)
    )
    assert checked.status_code == 201, checked.text
    await sees(stream, lambda s: waiting(s) == 1)

    other, other_headers = await citizen(server)
    slot = await Slot.get(appointments__public_id=appointment_id)
    booked = await client.post(
        "/api/v1/appointments", json={"slot_id": slot.public_id}, headers=other_headers
    )
    assert booked.status_code == 201, booked.text
    number = "11010519491231002X"
    other.id_number_index = server.app.ctx.services.identity.persons.index("id_number", number)
    await other.save(update_fields=["id_number_index"])
    _, key = await create_device("1号签到机", "kiosk", "H1")
    at_kiosk = await client.post(
        "/api/v1/kiosk/checkin-by-id", json={"id_number": number}, headers={"X-Device-Key": key}
    )
    assert at_kiosk.status_code == 201, at_kiosk.text
    await sees(stream, lambda s: waiting(s) == 2)
    assert person.id != other.id


async def test_the_closing_sweep_empties_the_display(server, client, display) -> None:
    hall, _ = await make_hall()
    for _ in range(2):
        _, headers = await citizen(server, level=1)
        await take(client, headers)
    stream, first = await display()
    assert waiting(first) == 2
    # Today the hall closed a minute after midnight: its queue is over.
    today = datetime.now(SHANGHAI).weekday()
    await OpeningHours.filter(hall=hall, weekday=today).update(closes_minute=1)
    assert await close_open_tickets(server.app.ctx.redis) == 2
    await sees(stream, lambda s: waiting(s) == 0)


async def test_a_merge_that_cancels_a_ticket_reaches_the_display(server, client, display) -> None:
    await make_hall()
    number, name = "440524188001010057", "周十四"
    await register_citizen(client, name, number)
    on_app = await face_verified_citizen(client, name, number, "o-live-first")
    assert (await take(client, bearer(on_app))).status_code == 201
    on_mp = await mini_program_sign_in(client, "o-live-second")
    assert (await take(client, bearer(on_mp))).status_code == 201
    await client.post(
        "/api/v1/me/real-name", json={"name": name, "id_number": number}, headers=bearer(on_mp)
    )
    stream, first = await display()
    assert waiting(first) == 2
    assert (await join_by_face(client, on_mp)).status_code == 200
    # One open ticket per person and queue: the merged person's gave way.
    await sees(stream, lambda s: waiting(s) == 1)
    survivor = await Person.get(public_id=(await me(client, on_mp))["person_id"])
    assert survivor.public_id
