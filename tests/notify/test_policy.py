"""Policy: quiet hours, opt-outs and mandatory notices, stale messages, our SMS cap."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from api.kit import clock
from notify import policy
from notify.models import Delivery, DeliveryStatus, InboxMessage
from tests.auth.conftest import bearer, new_phone, sign_in_by_phone
from tests.notify.conftest import booking_data, dedupe, delivery_on, person_with, shifted_to


async def publish(server, event_type: str, person, data: dict[str, Any], label: str):
    return await server.app.ctx.services.notifier.publish(
        event_type, dedupe_key=dedupe(label), data=data, person_id=person.id
    )


async def test_quiet_hours_defer_the_non_urgent_and_let_the_urgent_through(
    server, client, dispatcher
) -> None:
    clock.clock = shifted_to(23)  # 23:00 in the hall
    person = await person_with(server, devices=("tok-night",))
    reminder = await publish(server, "booking.reminder", person, booking_data(), "night")
    called = await publish(
        server, "ticket.called", person, {"ticket": "A023", "window": "5"}, "called"
    )
    waiting = await Delivery.get(event_id=reminder.id)
    local_due = waiting.due_at.astimezone(clock.HALL_TIMEZONE)
    assert (local_due.hour, local_due.minute) == (8, 0)
    assert (
        local_due.date() == (clock.now().astimezone(clock.HALL_TIMEZONE) + timedelta(days=1)).date()
    )
    await dispatcher().run_until_idle()
    assert (await delivery_on(called, "app_push")).status == DeliveryStatus.SENT
    assert (await Delivery.get(event_id=reminder.id)).status == DeliveryStatus.CREATED


async def test_a_retry_falling_in_quiet_hours_waits_for_the_morning(
    server, client, dispatcher
) -> None:
    clock.clock = shifted_to(21, 59)
    person = await person_with(server, devices=("flaky-night",))
    event = await publish(
        server,
        "payment.due",
        person,
        {"service": "护照", "amount": "120.00", "deadline": "11-30"},
        "late",
    )
    worker = dispatcher()
    await worker.run_until_idle()  # the gateway is busy: retry in ~5 s, now in quiet hours
    clock.clock = shifted_to(22, 5)
    await worker.run_until_idle()
    held = await delivery_on(event, "app_push")
    assert held.status == DeliveryStatus.SENDING and held.attempts == 1
    assert held.due_at.astimezone(clock.HALL_TIMEZONE).hour == 8


async def test_an_opt_out_stops_optional_messages_but_not_mandatory_ones(
    server, client, dispatcher
) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    changed = await client.put(
        "/api/v1/me/notification-preferences", json={"application": True}, headers=bearer(tokens)
    )
    assert changed.status_code == 200 and changed.json()["opted_out"]["application"] is True
    assert (
        await client.put(
            "/api/v1/me/notification-preferences", json={"spam": True}, headers=bearer(tokens)
        )
    ).status_code == 422
    from auth.models import Person

    me = (await client.get("/api/v1/me", headers=bearer(tokens))).json()
    person = await Person.get(public_id=me["person_id"])
    data = {"service": "营业执照", "number": "BJ-1", "reason": "材料不全", "materials": "身份证"}
    accepted = await publish(server, "application.accepted", person, data, "optional")
    refused = await publish(server, "application.refused", person, data, "mandatory")
    assert await Delivery.filter(event_id=accepted.id).count() == 0
    assert await Delivery.filter(event_id=refused.id).count() == 1
    assert await InboxMessage.filter(person_id=person.id).count() == 2  # the inbox gets both


async def test_a_message_overtaken_by_a_later_one_is_dropped(server, client, dispatcher) -> None:
    person = await person_with(server, devices=("tok-stale",))
    data = {"service": "营业执照", "number": "BJ-7"}
    completed = await publish(server, "application.completed", person, data, "done")
    await dispatcher().run_until_idle()
    assert (await delivery_on(completed, "app_push")).status == DeliveryStatus.SENT
    late = await publish(server, "application.accepted", person, data, "late")  # arrives late
    other = await publish(
        server, "application.accepted", person, {"service": "营业执照", "number": "BJ-8"}, "other"
    )
    await dispatcher().run_until_idle()
    stale = await Delivery.get(event_id=late.id)
    assert stale.status == DeliveryStatus.DEAD and stale.last_error == "stale"
    assert (await delivery_on(other, "app_push")).status == DeliveryStatus.SENT


async def test_our_sms_cap_defers_instead_of_failing(server, client, dispatcher) -> None:
    phone = new_phone()
    person = await person_with(server, phone=phone)  # no app: everything falls back to SMS
    for number in range(policy.SMS_DAILY_CAP + 1):
        await publish(
            server,
            "payment.refunded",
            person,
            {"service": "护照", "amount": f"{number}.00"},
            f"cap{number}",
        )
    await dispatcher().run_until_idle()
    sms = await Delivery.filter(channel="sms", event__person_id=person.id)
    sent = [d for d in sms if d.status == DeliveryStatus.SENT]
    deferred = [d for d in sms if d.status == DeliveryStatus.SENDING]
    assert len(sent) == policy.SMS_DAILY_CAP and len(deferred) == 1
    assert deferred[0].due_at.astimezone(clock.HALL_TIMEZONE).hour == 8
    assert deferred[0].attempts == 0


async def test_preferences_changed_by_several_requests_at_once_all_land(server, client) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    bodies = [{"booking": True}, {"queue": True}] * 3
    responses = await asyncio.gather(
        *(
            client.put("/api/v1/me/notification-preferences", json=body, headers=bearer(tokens))
            for body in bodies
        )
    )
    assert [r.status_code for r in responses] == [200] * len(bodies)
    final = await client.get("/api/v1/me/notification-preferences", headers=bearer(tokens))
    assert final.json()["opted_out"]["booking"] is True
    assert final.json()["opted_out"]["queue"] is True
