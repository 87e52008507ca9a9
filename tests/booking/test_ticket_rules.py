"""Same-day tickets: opening hours, geofence, the kiosk, cancelling, the estimated wait and the
closing-time sweep."""

from __future__ import annotations

from datetime import datetime, timedelta

from api.kit import clock
from api.kit.ids import new_public_id
from auth.staff import create_device
from booking.jobs import close_open_tickets
from booking.models import Hall, OpeningHours, Ticket, TicketStatus, Window
from tests.booking.test_booking import SHANGHAI, citizen, make_hall
from tests.booking.test_hall import at_hall_time, next_weekday
from tests.booking.test_tickets import clerk_headers
from tests.clocks import frozen

MONDAY = next_weekday(0, datetime.now(SHANGHAI).date())
# 市民中心 at 23 Tianfu Square, roughly; 300 m is a few streets.
HALL_AT = (30.6570, 104.0657)


async def office_hours_hall() -> Hall:
    """Open Monday to Friday, 09:00 to 17:00."""
    hall, _ = await make_hall()
    await OpeningHours.filter(hall=hall).delete()
    for weekday in range(5):
        await OpeningHours.create(hall=hall, weekday=weekday, opens_minute=540, closes_minute=1020)
    return hall


async def take(client, headers, **extra):
    return await client.post(
        "/api/v1/halls/H1/tickets", json={"category": "passport", **extra}, headers=headers
    )


async def test_online_tickets_only_while_the_hall_is_open(server, client) -> None:
    await office_hours_hall()
    with frozen(at_hall_time(MONDAY, 8, 30)):
        _, headers = await citizen(server, level=1)
        early = await take(client, headers)
        assert early.status_code == 409 and early.json()["code"] == "booking.hall_closed"
        assert early.json()["opens_at"] == f"{MONDAY.isoformat()}T09:00:00+08:00"
    with frozen(at_hall_time(MONDAY, 17, 0)):
        _, headers = await citizen(server, level=1)
        late = await take(client, headers)
        assert late.status_code == 409
        tuesday = MONDAY + timedelta(days=1)
        assert late.json()["opens_at"] == f"{tuesday.isoformat()}T09:00:00+08:00"
    with frozen(at_hall_time(MONDAY + timedelta(days=5), 10)):  # Saturday
        _, headers = await citizen(server, level=1)
        assert (await take(client, headers)).json()["code"] == "booking.hall_closed"
    with frozen(at_hall_time(MONDAY, 9, 0)):
        _, headers = await citizen(server, level=1)
        opened = await take(client, headers)
        assert opened.status_code == 201, opened.text
        assert opened.json()["number"] == "A001"


async def test_a_geofenced_hall_wants_the_citizen_nearby(server, client) -> None:
    hall, _ = await make_hall()
    hall.latitude, hall.longitude, hall.geofence_metres = *HALL_AT, 300
    await hall.save()
    _, headers = await citizen(server, level=1)
    blind = await take(client, headers)
    assert blind.status_code == 422 and blind.json()["code"] == "booking.location_required"
    far = await take(client, headers, latitude=30.6700, longitude=104.0657)  # ~1.4 km north
    assert far.status_code == 403 and far.json()["code"] == "booking.outside_geofence"
    near = await take(client, headers, latitude=30.6585, longitude=104.0665)  # ~190 m
    assert near.status_code == 201, near.text
    out_of_range = await take(client, headers, latitude=91, longitude=0)
    assert out_of_range.status_code == 422


async def test_the_kiosk_gives_tickets_with_or_without_an_id_card(server, client) -> None:
    await make_hall()
    person, headers = await citizen(server, level=2)
    number = "11010519491231002X"
    person.id_number_index = server.app.ctx.services.identity.persons.index("id_number", number)
    await person.save(update_fields=["id_number_index"])
    _, key = await create_device("取号机", "kiosk", "H1")
    kiosk = {"X-Device-Key": key}
    anonymous = await client.post(
        "/api/v1/kiosk/tickets", json={"category": "passport"}, headers=kiosk
    )
    assert anonymous.status_code == 201, anonymous.text
    mine = await client.post(
        "/api/v1/kiosk/tickets", json={"category": "passport", "id_number": number}, headers=kiosk
    )
    assert mine.status_code == 201 and mine.json()["ahead"] == 1
    assert number not in mine.text
    seen = await client.get(f"/api/v1/tickets/{mine.json()['ticket_id']}", headers=headers)
    assert seen.status_code == 200  # the person's own ticket, in the app
    twice = await client.post(
        "/api/v1/kiosk/tickets", json={"category": "passport", "id_number": number}, headers=kiosk
    )
    assert twice.status_code == 409 and twice.json()["code"] == "booking.one_ticket"
    no_key = await client.post("/api/v1/kiosk/tickets", json={"category": "passport"})
    assert no_key.status_code == 401


async def test_a_holder_cancels_a_waiting_ticket_only_their_own(server, client) -> None:
    hall, category = await make_hall()
    await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    _, alice = await citizen(server, level=1)
    _, bob = await citizen(server, level=1)
    first = (await take(client, alice)).json()
    second = (await take(client, bob)).json()
    assert second["ahead"] == 1
    stolen = await client.post(f"/api/v1/tickets/{first['ticket_id']}/cancel", headers=bob)
    assert stolen.status_code == 404
    clerk = await clerk_headers(client)
    window = await Window.get(hall=hall)
    called = await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk)
    assert called.json()["number"] == first["number"]
    too_late = await client.post(f"/api/v1/tickets/{first['ticket_id']}/cancel", headers=alice)
    assert too_late.status_code == 409
    assert too_late.json()["code"] == "booking.ticket_not_cancellable"
    cancelled = await client.post(f"/api/v1/tickets/{second['ticket_id']}/cancel", headers=bob)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = await take(client, bob)
    assert again.status_code == 201  # a cancelled ticket no longer counts as the person's one


async def test_the_estimated_wait_follows_recent_service_times_and_open_windows(
    server, client
) -> None:
    hall, category = await make_hall()
    category.default_service_minutes = 10
    await category.save()
    _, first = await citizen(server, level=1)
    fresh = (await take(client, first)).json()
    assert fresh["ahead"] == 0 and fresh["estimated_wait_minutes"] == 0
    _, second = await citizen(server, level=1)
    no_history = (await take(client, second)).json()
    assert no_history["estimated_wait_minutes"] == 10  # one ahead, the queue's default length
    now = clock.now()
    for n, minutes in enumerate((4, 6, 5), start=900):  # finished earlier: 5 minutes each
        await Ticket.create(
            public_id=new_public_id("tkt"),
            hall_id=hall.id,
            category_id=category.id,
            local_date=(now - timedelta(days=1)).date(),
            number=n,
            label=f"A{n}",
            status=TicketStatus.COMPLETED,
            queued_at=now - timedelta(hours=3),
            called_at=now - timedelta(hours=2, minutes=minutes),
            finished_at=now - timedelta(hours=2),
        )
    for number in (1, 2):
        await Window.create(
            public_id=new_public_id("win"), hall=hall, number=number, category_ids=[category.id]
        )
    _, third = await citizen(server, level=1)
    learned = (await take(client, third)).json()
    assert learned["ahead"] == 2
    assert learned["estimated_wait_minutes"] == 5  # 2 ahead x 5 minutes / 2 open windows


async def test_tickets_still_open_at_closing_time_are_closed(server, client) -> None:
    await office_hours_hall()
    with frozen(at_hall_time(MONDAY, 16, 30)):
        people = [await citizen(server, level=1) for _ in range(3)]
        tickets = [(await take(client, headers)).json() for _, headers in people]
        assert [t["number"] for t in tickets] == ["A001", "A002", "A003"]
        assert await close_open_tickets() == 0  # still open
    with frozen(at_hall_time(MONDAY, 17, 1)):
        assert await close_open_tickets() == 3
        assert await close_open_tickets() == 0
    statuses = set(await Ticket.all().values_list("status", flat=True))
    assert statuses == {TicketStatus.CLOSED}
    with frozen(at_hall_time(MONDAY + timedelta(days=1), 9, 0)):
        _, headers = await citizen(server, level=1)
        tomorrow = await take(client, headers)
        assert tomorrow.json()["number"] == "A001"  # numbers start again each day


async def test_a_hall_display_issues_no_tickets_and_checks_nobody_in(server, client) -> None:
    await make_hall()
    _, key = await create_device("大厅显示屏", "display", "H1")
    display = {"X-Device-Key": key}
    for path, body in (
        ("/api/v1/kiosk/tickets", {"category": "passport"}),
        ("/api/v1/kiosk/checkin", {"token": "x" * 40}),
        ("/api/v1/kiosk/checkin-by-id", {"id_number": "11010519491231002X"}),
    ):
        refused = await client.post(path, json=body, headers=display)
        assert refused.status_code == 403 and refused.json()["code"] == "auth.forbidden", path
    assert await Ticket.all().count() == 0
    assert (await client.get("/api/v1/device/me", headers=display)).status_code == 200
