"""No-shows: the sweep marks them, warns after the first, suspends after the third."""

from __future__ import annotations

from datetime import timedelta

import asyncpg

from api.kit import clock
from api.kit.ids import new_public_id
from auth.models import AuditEvent
from auth.staff import create_staff
from booking.jobs import mark_no_shows
from booking.models import Appointment, AppointmentStatus, Suspension
from notify.models import Event
from tests.booking.test_booking import book, citizen, make_hall, make_slot
from tests.booking.test_hall import staff_headers

PASSWORD = "Window-07-counter!"


async def test_three_no_shows_suspend_booking_until_lifted(server, client) -> None:
    hall, category = await make_hall()
    slots = [await make_slot(hall, category, days=d) for d in (1, 2, 3)]
    later = await make_slot(hall, category, days=5)
    person, headers = await citizen(server)
    for slot in slots:
        assert (await book(client, headers, slot)).status_code == 201
    real = clock.clock
    notifier = server.app.ctx.services.notifier
    try:
        clock.clock = clock.FrozenClock(slots[0].starts_at + timedelta(minutes=16))
        assert await mark_no_shows(notifier) == 1
        assert await Event.filter(event_type="booking.no_show_warning").count() == 1
        clock.clock = clock.FrozenClock(slots[2].starts_at + timedelta(minutes=16))
        assert await mark_no_shows(notifier) == 2
        assert await mark_no_shows(notifier) == 0  # nothing twice
        assert (
            await Appointment.filter(person_id=person.id, status=AppointmentStatus.NO_SHOW).count()
            == 3
        )
        assert await Event.filter(event_type="booking.suspended").count() == 1
        _, headers = await citizen(server, person=person)  # a fresh token at the frozen time
        refused = await book(client, headers, later)
        assert refused.status_code == 403 and refused.json()["code"] == "booking.suspended"
        mine = (await client.get("/api/v1/me/suspensions", headers=headers)).json()
        assert (
            len(mine["suspensions"]) == 1
            and mine["suspensions"][0]["ends_at"] == refused.json()["until"]
        )

        await create_staff("admin-lift", PASSWORD, {"hall_admin"}, "H1")
        admin = (
            await client.post(
                "/api/v1/staff/auth/login", json={"username": "admin-lift", "password": PASSWORD}
            )
        ).json()
        lifted = await client.post(
            f"/api/v1/staff/suspensions/{mine['suspensions'][0]['suspension_id']}/lift",
            headers={"Authorization": f"Bearer {admin['access_token']}"},
        )
        assert lifted.status_code == 200
        assert await AuditEvent.filter(kind="booking.suspension_lifted").count() == 1
        assert (await book(client, headers, later)).status_code == 201
    finally:
        clock.clock = real


async def test_a_lift_whose_audit_row_fails_is_not_lifted(server, client, monkeypatch) -> None:
    hall, _ = await make_hall()
    person, _ = await citizen(server)
    now = clock.now()
    suspension = await Suspension.create(
        public_id=new_public_id("sus"),
        person_id=person.id,
        hall_id=hall.id,
        starts_at=now,
        ends_at=now + timedelta(days=30),
    )
    admin = await staff_headers(client, "admin-audit", {"hall_admin"}, "H1")
    lift = f"/api/v1/staff/suspensions/{suspension.public_id}/lift"

    async def audit_store_down(*args: object, **kwargs: object) -> None:
        raise asyncpg.exceptions.ConnectionDoesNotExistError("the audit row could not be written")

    monkeypatch.setattr(AuditEvent, "create", audit_store_down)
    assert (await client.post(lift, headers=admin)).status_code == 503
    # Lifted together with its audit row, or not at all.
    assert (await Suspension.get(id=suspension.id)).lifted_at is None
    monkeypatch.undo()
    assert (await client.post(lift, headers=admin)).status_code == 200
    assert (await Suspension.get(id=suspension.id)).lifted_at is not None
    assert await AuditEvent.filter(kind="booking.suspension_lifted").count() == 1


async def test_an_admin_bound_to_another_hall_cannot_lift_a_suspension(server, client) -> None:
    hall, _ = await make_hall()
    await make_hall("H2")
    person, _ = await citizen(server)
    now = clock.now()
    suspension = await Suspension.create(
        public_id=new_public_id("sus"),
        person_id=person.id,
        hall_id=hall.id,
        starts_at=now,
        ends_at=now + timedelta(days=30),
    )
    lift = f"/api/v1/staff/suspensions/{suspension.public_id}/lift"
    elsewhere = await staff_headers(client, "h2-admin", {"hall_admin"}, "H2")
    refused = await client.post(lift, headers=elsewhere)
    assert refused.status_code == 404 and refused.json()["code"] == "booking.suspension_not_found"
    assert (await Suspension.get(id=suspension.id)).lifted_at is None
    here = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    lifted = await client.post(lift, headers=here)
    assert lifted.status_code == 200, lifted.text
    assert (lifted.json()["suspension_id"], lifted.json()["hall"]) == (suspension.public_id, "H1")
    assert lifted.json()["lifted_at"].endswith("+08:00")
