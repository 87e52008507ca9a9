"""A merge moves a person's messages to the survivor; a deletion erases them and stops sending."""

from __future__ import annotations

from auth.models import Person
from notify.models import Delivery, DeliveryStatus, Event, InboxMessage
from tests.auth.conftest import (
    bearer,
    face_verified_citizen,
    join_by_face,
    me,
    mini_program_sign_in,
    new_phone,
    register_citizen,
    sign_in_by_phone,
)
from tests.notify.conftest import dedupe


async def inbox_count(client, tokens) -> int:
    response = await client.get("/api/v1/me/inbox/unread-count", headers=bearer(tokens))
    return int(response.json()["unread"])


async def test_merging_two_persons_moves_their_messages(server, client) -> None:
    await register_citizen(client, "周九", "53010219200508011X")
    holder = await face_verified_citizen(client, "周九", "53010219200508011X", "o-merge-first")
    first = await Person.get(public_id=(await me(client, holder))["person_id"])
    await server.app.ctx.services.notifier.publish(
        "application.accepted",
        dedupe_key=dedupe("m1"),
        data={"service": "护照", "number": "M-1"},
        person_id=first.id,
    )
    on_mp = await mini_program_sign_in(client, "o-merge-notify")
    assert await inbox_count(client, on_mp) == 0
    held = await client.post(
        "/api/v1/me/real-name",
        json={"name": "周九", "id_number": "53010219200508011X"},
        headers=bearer(on_mp),
    )
    assert held.status_code == 409
    assert (await join_by_face(client, on_mp)).status_code == 200
    assert await inbox_count(client, on_mp) == 1
    survivor = await Person.get(public_id=(await me(client, on_mp))["person_id"])
    assert await Event.filter(person_id=survivor.id).count() == 1


async def test_deleting_an_account_erases_its_messages_and_stops_sending(server, client) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    person = await Person.get(public_id=(await me(client, tokens))["person_id"])
    event = await server.app.ctx.services.notifier.publish(
        "payment.due",
        dedupe_key=dedupe("del"),
        data={"service": "护照", "amount": "120.00", "deadline": "11-30"},
        person_id=person.id,
    )
    gone = await client.request(
        "DELETE", "/api/v1/me", json={"confirm": "注销账号"}, headers=bearer(tokens)
    )
    assert gone.status_code == 204
    assert await InboxMessage.filter(person_id=person.id).count() == 0
    stopped = await Delivery.get(event_id=event.id)
    assert stopped.status == DeliveryStatus.DEAD and stopped.last_error == "account_deleted"
    erased = await Event.get(id=event.id)
    assert erased.person_id is None and erased.data_sealed == ""
