"""Calling at the windows: missed, recall, transfer, pause, and the 'near' message."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tortoise.exceptions import IntegrityError

from api.kit.ids import new_public_id
from booking.models import Category, Ticket, TicketStatus, Window
from notify.models import Event
from tests.booking.test_booking import citizen, make_hall
from tests.booking.test_hall import staff_headers
from tests.booking.test_tickets import clerk_headers, take


async def setup_queue(server, client, people: int):
    hall, category = await make_hall()
    window = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    holders = []
    for _ in range(people):
        person, headers = await citizen(server, level=1)
        ticket = (await take(client, headers)).json()
        holders.append((person, ticket))
    return hall, category, window, holders, await clerk_headers(client)


async def call(client, window, clerk) -> dict[str, Any]:
    response = await client.post(
        f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk
    )
    return response.json() if response.status_code == 200 else {}


async def test_a_missed_ticket_comes_back_once(server, client) -> None:
    _, _, window, _, clerk = await setup_queue(server, client, 2)
    first = await call(client, window, clerk)
    assert first["number"] == "A001"
    taken = await Ticket.get(public_id=first["ticket_id"])
    back = await client.post(f"/api/v1/staff/tickets/{first['ticket_id']}/missed", headers=clerk)
    assert back.json()["status"] == "waiting"
    requeued = await Ticket.get(public_id=first["ticket_id"])
    assert requeued.created_at == taken.created_at  # when it was taken stays, for statistics
    assert requeued.queued_at > taken.queued_at  # behind those waiting now
    second = await call(client, window, clerk)
    assert second["number"] == "A002"
    finished = await client.post(
        f"/api/v1/staff/tickets/{second['ticket_id']}/complete", headers=clerk
    )
    assert finished.json()["status"] == "completed"
    again = await call(client, window, clerk)
    assert again["number"] == "A001"
    dropped = await client.post(f"/api/v1/staff/tickets/{again['ticket_id']}/missed", headers=clerk)
    assert dropped.json()["status"] == "missed"
    assert await call(client, window, clerk) == {}


async def test_recall_transfer_and_pause(server, client) -> None:
    hall, _, window, holders, clerk = await setup_queue(server, client, 1)
    other = await Category.create(hall=hall, code="visa", name="签证", prefix="V")
    other_window = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=2, category_ids=[other.id]
    )
    ticket = await call(client, window, clerk)
    await client.post(f"/api/v1/staff/tickets/{ticket['ticket_id']}/recall", headers=clerk)
    assert await Event.filter(event_type="ticket.called").count() == 2
    moved = await client.post(
        f"/api/v1/staff/tickets/{ticket['ticket_id']}/transfer",
        json={"category": "visa"},
        headers=clerk,
    )
    assert moved.json()["status"] == "waiting" and moved.json()["number"] == "A001"
    paused = await client.post(
        f"/api/v1/staff/windows/{other_window.public_id}/pause", headers=clerk
    )
    assert paused.json()["status"] == "paused"
    refused = await client.post(
        f"/api/v1/staff/windows/{other_window.public_id}/call-next", headers=clerk
    )
    assert refused.status_code == 409 and refused.json()["code"] == "booking.window_closed"
    await client.post(f"/api/v1/staff/windows/{other_window.public_id}/open", headers=clerk)
    assert (await call(client, other_window, clerk))["number"] == "A001"
    assert (await Ticket.get(public_id=ticket["ticket_id"])).category_id == other.id
    assert holders


async def test_the_holder_three_places_back_hears_near(server, client) -> None:
    _, _, window, holders, clerk = await setup_queue(server, client, 5)
    await call(client, window, clerk)  # A001 called; A002, A003, A004 ahead of A005
    near = await Event.filter(event_type="ticket.near")
    assert len(near) == 1 and near[0].person_id == holders[4][0].id
    assert (await Ticket.get(public_id=holders[4][1]["ticket_id"])).status == TicketStatus.WAITING


async def test_a_clerk_acts_only_on_called_tickets_of_their_own_hall(server, client) -> None:
    _, category, window, holders, clerk = await setup_queue(server, client, 2)
    called = (await call(client, window, clerk))["ticket_id"]
    waiting = holders[1][1]["ticket_id"]
    elsewhere = await staff_headers(client, "clerk-elsewhere", {"clerk"}, "H2")
    for action, body in (
        ("complete", None),
        ("recall", None),
        ("missed", None),
        ("transfer", {"category": category.code}),
    ):
        refused = await client.post(
            f"/api/v1/staff/tickets/{called}/{action}", json=body, headers=elsewhere
        )
        assert refused.status_code == 404, (action, refused.text)
        assert refused.json()["code"] == "booking.ticket_not_found"
    assert (await Ticket.get(public_id=called)).status == TicketStatus.CALLED
    not_called = await client.post(f"/api/v1/staff/tickets/{waiting}/complete", headers=clerk)
    assert not_called.status_code == 409
    assert not_called.json()["code"] == "booking.ticket_not_called"
    assert (await Ticket.get(public_id=waiting)).status == TicketStatus.WAITING
    done = await client.post(f"/api/v1/staff/tickets/{called}/complete", headers=clerk)
    assert done.json()["status"] == "completed"
    twice = await client.post(f"/api/v1/staff/tickets/{called}/complete", headers=clerk)
    assert twice.status_code == 409


async def test_a_double_click_on_call_next_calls_one_ticket(server, client) -> None:
    _, _, window, _, clerk = await setup_queue(server, client, 5)
    url = f"/api/v1/staff/windows/{window.public_id}/call-next"
    answers = await asyncio.gather(*[client.post(url, headers=clerk) for _ in range(10)])
    assert sorted(a.status_code for a in answers) == [200] + [409] * 9, [a.text for a in answers]
    called = await Ticket.filter(status=TicketStatus.CALLED)
    assert len(called) == 1
    for busy in (a.json() for a in answers if a.status_code == 409):
        assert busy["code"] == "booking.window_busy" and busy["ticket_id"] == called[0].public_id
    await client.post(f"/api/v1/staff/tickets/{called[0].public_id}/complete", headers=clerk)
    assert (await client.post(url, headers=clerk)).status_code == 200  # the window is free again


async def take_in(client, headers, category: str) -> dict[str, Any]:
    taken = await client.post(
        "/api/v1/halls/H1/tickets", json={"category": category}, headers=headers
    )
    assert taken.status_code == 201, taken.text
    return dict(taken.json())


async def test_a_transferred_ticket_keeps_its_label_and_the_queue_keeps_numbering(
    server, client
) -> None:
    hall, _, window, _, clerk = await setup_queue(server, client, 1)
    await Category.create(hall=hall, code="visa", name="签证", prefix="V")
    for _ in range(2):  # V001 and V002: the transferred A001 shares its number with V001
        _, headers = await citizen(server, level=1)
        await take_in(client, headers, "visa")
    called = await call(client, window, clerk)
    moved = await client.post(
        f"/api/v1/staff/tickets/{called['ticket_id']}/transfer",
        json={"category": "visa"},
        headers=clerk,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["number"] == "A001" and moved.json()["status"] == "waiting"
    _, later = await citizen(server, level=1)
    assert (await take_in(client, later, "visa"))["number"] == "V003"


async def test_a_ticket_is_not_transferred_into_a_queue_its_holder_waits_in(server, client) -> None:
    hall, _, window, _, clerk = await setup_queue(server, client, 0)
    await Category.create(hall=hall, code="visa", name="签证", prefix="V")
    _, headers = await citizen(server, level=1)
    await take(client, headers)  # A001
    await take_in(client, headers, "visa")  # V001, the same person
    called = await call(client, window, clerk)
    refused = await client.post(
        f"/api/v1/staff/tickets/{called['ticket_id']}/transfer",
        json={"category": "visa"},
        headers=clerk,
    )
    assert refused.status_code == 409 and refused.json()["code"] == "booking.one_ticket"
    assert (await Ticket.get(public_id=called["ticket_id"])).status == TicketStatus.CALLED


async def test_the_database_keeps_one_called_ticket_per_window(server, client) -> None:
    _, _, window, holders, clerk = await setup_queue(server, client, 2)
    await call(client, window, clerk)
    waiting = await Ticket.get(public_id=holders[1][1]["ticket_id"])
    with pytest.raises(IntegrityError):  # past the window's lock, straight to the table
        await Ticket.filter(id=waiting.id).update(
            status=TicketStatus.CALLED, window_number=window.number
        )
