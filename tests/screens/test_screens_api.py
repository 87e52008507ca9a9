"""What the screens read and send, without a browser: one pad rating per ticket under
concurrency (the database decides), who may read what, the satisfaction figures the pad feeds,
an appointment booked for a service item, and the pages' security headers."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest
from tortoise.exceptions import IntegrityError

from api.approval.models import Evaluation
from api.contract import contract_document
from api.kit import clock
from api.screens.routes import PAGES, STATIC
from booking.models import Appointment, Hall, ServiceCategory, Ticket, Window
from tests.booking.test_booking import citizen, make_slot
from tests.booking.test_hall import staff_headers as hall_staff_headers
from tests.booking.test_tickets import take
from tests.screens.support import device_key, hall_with_window, named_citizen, staff_headers


async def completed_ticket(server, client, window: Window) -> tuple[str, dict[str, str]]:
    """A ticket taken, called to `window` and completed there; its id and the clerk."""
    _, headers = await citizen(server, level=1)
    assert (await take(client, headers)).status_code == 201
    clerk = await staff_headers(client)
    called = await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk)
    ticket_id = called.json()["ticket_id"]
    await client.post(f"/api/v1/staff/tickets/{ticket_id}/complete", headers=clerk)
    return ticket_id, clerk


def rate(client, window: Window, key: str, ticket_id: str, stars: int = 5):
    return client.post(
        f"/api/v1/screens/windows/{window.public_id}/evaluations",
        json={"ticket_id": ticket_id, "stars": stars, "tags": ["服务态度好"]},
        headers={"X-Device-Key": key},
    )


async def test_two_ratings_at_once_store_one(server, client) -> None:
    _, _, window = await hall_with_window(number=1)
    ticket_id, _ = await completed_ticket(server, client, window)
    key = await device_key("pad")
    answers = await asyncio.gather(*(rate(client, window, key, ticket_id, s) for s in (5, 1)))
    assert sorted(a.status_code for a in answers) == [201, 409]
    refused = next(a for a in answers if a.status_code == 409)
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "approval.ticket_already_evaluated"
    assert refused.json()["title"] == "本次服务已评价"
    ticket = await Ticket.get(public_id=ticket_id)
    assert await Evaluation.filter(ticket_id=ticket.id).count() == 1
    pad = await client.get(
        f"/api/v1/screens/windows/{window.public_id}/pad", headers={"X-Device-Key": key}
    )
    assert pad.json()["ticket_id"] == ticket_id and pad.json()["evaluated"] is True


async def test_the_database_holds_one_rating_of_one_thing(server, client) -> None:
    _, _, window = await hall_with_window(number=1)
    ticket_id, _ = await completed_ticket(server, client, window)
    ticket = await Ticket.get(public_id=ticket_id)
    await Evaluation.create(ticket_id=ticket.id, stars=4, tags=[])
    with pytest.raises(IntegrityError):  # the unique index, whatever the service checks
        await Evaluation.create(ticket_id=ticket.id, stars=3, tags=[])
    with pytest.raises(IntegrityError):  # the CHECK: a rating rates something
        await Evaluation.create(stars=3, tags=[])


async def test_the_pad_rates_only_the_ticket_its_window_just_completed(server, client) -> None:
    _, _, window = await hall_with_window(number=1)
    first, _ = await completed_ticket(server, client, window)
    key = await device_key("pad")
    second, _ = await completed_ticket(server, client, window)
    older = await rate(client, window, key, first)  # the citizen before: gone from the pad
    assert (older.status_code, older.json()["code"]) == (409, "booking.ticket_not_evaluable")
    # Both finished more than ten minutes ago: nobody at the window to rate either now.
    await Ticket.filter(public_id=first).update(finished_at=clock.now() - timedelta(minutes=12))
    await Ticket.filter(public_id=second).update(finished_at=clock.now() - timedelta(minutes=11))
    stale = await rate(client, window, key, second)
    assert (stale.status_code, stale.json()["code"]) == (409, "booking.ticket_not_evaluable")
    pad = await client.get(
        f"/api/v1/screens/windows/{window.public_id}/pad", headers={"X-Device-Key": key}
    )
    assert pad.json()["ticket_id"] is None
    assert await Evaluation.all().count() == 0


async def test_devices_read_only_their_own_kind_and_hall(server, client) -> None:
    _, _, window = await hall_with_window(number=1)
    await Hall.create(code="H2", name="出入境大厅")
    display, pad, elsewhere, kiosk = (
        await device_key("display"),
        await device_key("pad"),
        await device_key("pad", "H2"),
        await device_key("kiosk"),
    )
    pad_path = f"/api/v1/screens/windows/{window.public_id}/pad"
    assert (await client.get(pad_path, headers={"X-Device-Key": display})).status_code == 403
    other_hall = await client.get(pad_path, headers={"X-Device-Key": elsewhere})
    assert (other_hall.status_code, other_hall.json()["code"]) == (404, "booking.window_not_found")
    assert (await client.get(pad_path, headers={"X-Device-Key": pad})).status_code == 200
    board = "/api/v1/screens/halls/H1/board"
    assert (await client.get(board, headers={"X-Device-Key": kiosk})).status_code == 403
    assert (await client.get(board, headers={"X-Device-Key": pad})).status_code == 403
    assert (await client.get(board)).status_code == 401
    own = await client.get(board, headers={"X-Device-Key": display})
    assert own.status_code == 200 and own.json()["calls"] == []
    other = await client.get("/api/v1/screens/halls/H2/board", headers={"X-Device-Key": display})
    assert (other.status_code, other.json()["code"]) == (404, "booking.hall_not_found")


async def test_the_board_shows_names_masked_and_the_latest_call_first(server, client) -> None:
    _, _, window = await hall_with_window(number=5)
    for name in ("欧阳小明", "王五"):
        _, headers = await named_citizen(server, name)
        await take(client, headers)
    clerk = await staff_headers(client)
    first = await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk)
    await client.post(f"/api/v1/staff/tickets/{first.json()['ticket_id']}/complete", headers=clerk)
    second = await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk)
    display = {"X-Device-Key": await device_key("display")}
    board = await client.get("/api/v1/screens/halls/H1/board", headers=display)
    calls = [(c["number"], c["window"], c["name"], c["calls"]) for c in board.json()["calls"]]
    assert calls == [("A002", 5, "*五", 1), ("A001", 5, "欧**明", 1)]
    assert "欧阳小明" not in board.text and "王五" not in board.text
    await client.post(f"/api/v1/staff/tickets/{second.json()['ticket_id']}/missed", headers=clerk)
    board = await client.get("/api/v1/screens/halls/H1/board", headers=display)
    assert [c["number"] for c in board.json()["calls"]] == ["A001"]  # A002 waits again


async def test_a_clerk_sees_only_their_halls_windows(server, client) -> None:
    _, _, window = await hall_with_window(number=1)
    other_hall = await Hall.create(code="H2", name="出入境大厅")
    other = await Window.create(public_id="win_elsewhere01", hall=other_hall, number=1)
    clerk = await staff_headers(client)  # bound to H1
    own = await client.get(f"/api/v1/screens/windows/{window.public_id}/desk", headers=clerk)
    assert own.status_code == 200 and own.json()["ticket"] is None
    assert [q["code"] for q in own.json()["queues"]] == ["passport"]
    refused = await client.get(f"/api/v1/screens/windows/{other.public_id}/desk", headers=clerk)
    assert (refused.status_code, refused.json()["code"]) == (404, "booking.window_not_found")


async def test_pad_ratings_count_by_window_not_by_item(server, client) -> None:
    _, _, window = await hall_with_window(number=1)
    ticket_id, _ = await completed_ticket(server, client, window)
    assert (await rate(client, window, await device_key("pad"), ticket_id, 4)).status_code == 201
    evaluations = server.app.ctx.services.approval.evaluations
    by_window = await evaluations.satisfaction("window")
    assert [(r.key, r.evaluations, r.average_stars) for r in by_window.rows] == [("H1-1", 1, 4.0)]
    assert (await evaluations.satisfaction("item")).rows == []
    admin = await hall_staff_headers(client, "screens-admin", {"hall_admin"}, None)
    listed = await client.get("/api/v1/staff/approval/evaluations", headers=admin)
    assert listed.status_code == 200 and listed.json()["total"] == 0


async def test_an_appointment_names_a_service_item_its_queue_serves(server, client) -> None:
    hall, category, _ = await hall_with_window()
    await ServiceCategory.create(hall=hall, service_code="11440100007501-002", category=category)
    slot = await make_slot(hall, category)
    _, headers = await citizen(server)
    refused = await client.post(
        "/api/v1/appointments",
        json={"slot_id": slot.public_id, "service": "99999999999999-001"},
        headers=headers,
    )
    assert (refused.status_code, refused.json()["code"]) == (409, "booking.service_not_in_queue")
    booked = await client.post(
        "/api/v1/appointments",
        json={"slot_id": slot.public_id, "service": "11440100007501-002"},
        headers=headers,
    )
    assert booked.status_code == 201
    appointment = await Appointment.get(public_id=booked.json()["appointment_id"])
    assert appointment.service_code == "11440100007501-002"


@pytest.mark.parametrize(
    "path", ["/screens/halls/H1/board", "/screens/windows/win_x1/pad", "/screens/windows/win_x1"]
)
async def test_the_pages_forbid_inline_script_and_framing(server, client, path: str) -> None:
    page = await client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert page.headers["x-frame-options"] == "DENY"


def test_the_pages_hold_no_inline_script_or_style() -> None:
    for name, html in PAGES.items():
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), name
        assert not re.search(r"\son[a-z]+\s*=", html), name
        assert not re.search(r"\sstyle\s*=", html), name
    assert {p.name for p in STATIC.iterdir()} >= {"board.js", "console.js", "pad.js", "common.js"}


async def test_only_the_screens_json_is_in_the_contract(server, client) -> None:
    paths = contract_document(server.app.router, server.app.ctx)["paths"]
    assert "/api/v1/screens/windows/{window_id}/evaluations" in paths
    assert not [p for p in paths if p.startswith("/screens")]
    assert (
        (await client.get("/screens/assets/common.js"))
        .headers["content-type"]
        .startswith("text/javascript")
    )
    missing = await client.get("/screens/assets/secrets.py")
    assert missing.status_code == 404


async def test_a_poor_pad_rating_is_listed_for_the_hall_and_followed_up_once(
    server, client
) -> None:
    _, _, window = await hall_with_window(number=1)
    poor, _ = await completed_ticket(server, client, window)
    key = await device_key("pad")
    assert (await rate(client, window, key, poor, 2)).status_code == 201
    good, _ = await completed_ticket(server, client, window)
    assert (await rate(client, window, key, good, 5)).status_code == 201
    admin = await hall_staff_headers(client, "screens-admin", {"hall_admin"}, None)
    everything = await client.get("/api/v1/staff/approval/window-evaluations", headers=admin)
    assert everything.json()["total"] == 2
    open_ones = await client.get(
        "/api/v1/staff/approval/window-evaluations?open_only=true", headers=admin
    )
    [listed] = open_ones.json()["evaluations"]
    assert listed["ticket_id"] == poor and listed["stars"] == 2 and listed["window"] == "H1-1"
    assert listed["follow_up_due_at"] is not None and listed["followed_up_at"] is None

    follow_up = f"/api/v1/staff/approval/window-evaluations/{poor}/follow-up"
    done = await client.post(follow_up, json={"note": "已与窗口人员谈话"}, headers=admin)
    assert done.status_code == 200, done.text
    assert done.json()["followed_up_at"] is not None
    again = await client.post(follow_up, json={"note": "再次整改"}, headers=admin)
    assert again.status_code == 409 and again.json()["code"] == "approval.follow_up_not_needed"
    satisfied = f"/api/v1/staff/approval/window-evaluations/{good}/follow-up"
    assert (
        await client.post(satisfied, json={"note": "无需整改"}, headers=admin)
    ).status_code == 409
    still_open = await client.get(
        "/api/v1/staff/approval/window-evaluations?open_only=true", headers=admin
    )
    assert still_open.json()["total"] == 0
