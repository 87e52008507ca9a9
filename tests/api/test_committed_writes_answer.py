"""A write that has committed answers its success, even when the database goes away at once
(issue 16): each reads its answer inside its transaction or builds it from what it wrote, so
nothing is left to fail between the commit and the answer. Otherwise the citizen or clerk is
told 503 for a change that stands (and a retried ticket is refused as a second one)."""

from __future__ import annotations

import pytest

from api.kit.ids import new_public_id
from booking.models import Ticket, TicketStatus, Window
from tests.booking.test_booking import citizen, make_hall
from tests.booking.test_checkin import clerk, code, soon_appointment
from tests.booking.test_tickets import clerk_headers, take
from tests.db_faults import gone_after_commit

# ---------------------------------------------------------------------------- tickets


async def test_a_ticket_taken_answers_its_place_in_the_queue(server, client) -> None:
    await make_hall()
    _, first = await citizen(server, level=1)
    _, second = await citizen(server, level=1)
    assert (await take(client, first)).status_code == 201
    with gone_after_commit("ticket"):
        taken = await take(client, second)
    assert taken.status_code == 201, taken.text
    answer = taken.json()
    assert (answer["number"], answer["ahead"], answer["estimated_wait_minutes"]) == ("A002", 1, 10)
    assert await Ticket.filter(public_id=answer["ticket_id"]).exists()


async def test_a_check_in_answers_its_priority_ticket(server, client) -> None:
    _, _, _, headers, appointment_id = await soon_appointment(server, client)
    _, walk_in = await citizen(server, level=1)
    assert (await take(client, walk_in)).status_code == 201
    token = await code(client, headers, appointment_id)
    staff = await clerk(client)
    with gone_after_commit("ticket"):
        checked_in = await client.post(
            "/api/v1/staff/checkin", json={"token": token}, headers=staff
        )
    assert checked_in.status_code == 201, checked_in.text
    assert checked_in.json()["ahead"] == 0  # a priority ticket goes before the walk-in


async def test_a_cancelled_ticket_answers_cancelled(server, client) -> None:
    await make_hall()
    _, headers = await citizen(server, level=1)
    ticket_id = (await take(client, headers)).json()["ticket_id"]
    with gone_after_commit("ticket"):
        cancelled = await client.post(f"/api/v1/tickets/{ticket_id}/cancel", headers=headers)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"


@pytest.mark.parametrize(
    ("action", "status", "window"), [("complete", "completed", 1), ("missed", "waiting", None)]
)
async def test_a_called_ticket_moved_on_answers_where_it_went(
    server, client, action, status, window
) -> None:
    hall, category = await make_hall()
    counter = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    _, headers = await citizen(server, level=1)
    await take(client, headers)
    staff = await clerk_headers(client)
    called = await client.post(
        f"/api/v1/staff/windows/{counter.public_id}/call-next", headers=staff
    )
    ticket_id = called.json()["ticket_id"]
    with gone_after_commit("ticket"):
        moved = await client.post(f"/api/v1/staff/tickets/{ticket_id}/{action}", headers=staff)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["status"], moved.json()["window"]) == (status, window)
    assert (await Ticket.get(public_id=ticket_id)).status == TicketStatus(status)


async def test_a_window_paused_answers_paused(server, client) -> None:
    hall, category = await make_hall()
    window = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    staff = await clerk_headers(client)
    with gone_after_commit("window"):
        paused = await client.post(f"/api/v1/staff/windows/{window.public_id}/pause", headers=staff)
    assert paused.status_code == 200, paused.text
    assert paused.json()["status"] == "paused"
