"""Two persons found to be one: what they hold at the hall moves to the survivor."""

from __future__ import annotations

from datetime import timedelta

from api.kit import clock
from api.kit.ids import new_public_id
from auth.models import Person
from booking.models import Appointment, Suspension, Ticket, TicketStatus
from tests.auth.conftest import (
    bearer,
    face_verified_citizen,
    join_by_face,
    me,
    mini_program_sign_in,
    register_citizen,
)
from tests.booking.test_booking import book, make_hall, make_slot
from tests.booking.test_tickets import take

NUMBER = "440524188001010014"
REAL_NAME = {"name": "郑十一", "id_number": NUMBER}


async def test_a_merge_moves_appointments_tickets_and_suspensions(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=3)
    await register_citizen(client, REAL_NAME["name"], NUMBER)
    on_app = await face_verified_citizen(client, REAL_NAME["name"], NUMBER, "o-merge-first")
    first = await Person.get(public_id=(await me(client, on_app))["person_id"])
    assert (await book(client, bearer(on_app), slot, key="k-1")).status_code == 201
    first_ticket = (await take(client, bearer(on_app))).json()["ticket_id"]
    now = clock.now()
    await Suspension.create(
        public_id=new_public_id("sus"),
        person_id=first.id,
        hall_id=hall.id,
        starts_at=now,
        ends_at=now + timedelta(days=30),
    )

    on_mp = await mini_program_sign_in(client, "o-merge-booking")
    second_ticket = (await take(client, bearer(on_mp))).json()["ticket_id"]
    held = await client.post("/api/v1/me/real-name", json=REAL_NAME, headers=bearer(on_mp))
    assert held.status_code == 409
    assert (await join_by_face(client, on_mp)).status_code == 200

    survivor = await Person.get(public_id=(await me(client, on_mp))["person_id"])
    assert survivor.id != first.id
    assert await Appointment.filter(person_id=survivor.id).count() == 1
    assert await Suspension.filter(person_id=survivor.id).count() == 1
    tickets = {t.public_id: t for t in await Ticket.filter(person_id=survivor.id)}
    # One open ticket per person and queue: the merged person's waiting one gave way.
    assert tickets[first_ticket].status == TicketStatus.CANCELLED
    assert tickets[second_ticket].status == TicketStatus.WAITING
    for table in (Appointment, Ticket, Suspension):
        assert await table.filter(person_id=first.id).count() == 0
    # The booking moved with its Idempotency-Key: a retry from the survivor gets it back.
    moved = await Appointment.get(person_id=survivor.id)
    retried = await book(client, bearer(on_mp), slot, key="k-1")
    assert retried.status_code == 201 and retried.json()["appointment_id"] == moved.public_id
