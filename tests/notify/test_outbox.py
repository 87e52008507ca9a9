"""The outbox: publishing in the caller's transaction, dispatching, fallback, retries, dead."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest

from api.kit import clock
from api.kit.db import transaction
from auth.models import Person
from notify.models import Delivery, DeliveryStatus, Event, InboxMessage
from notify.service import redrive_dead
from tests.auth.conftest import bearer, new_phone, sign_in_by_phone
from tests.conftest import LiveServer
from tests.notify.conftest import booking_data, dedupe, delivery_on, person_with


class Rollback(Exception):
    pass


async def received(client: httpx.AsyncClient) -> dict[str, Any]:
    return (await client.get("/sandbox/push/_test/received")).json()


async def test_a_rolled_back_publish_leaves_nothing(server, client, dispatcher) -> None:
    person = await person_with(server, devices=("tok-rollback",))
    with pytest.raises(Rollback):
        async with transaction():
            await server.app.ctx.services.notifier.publish(
                "booking.confirmed",
                dedupe_key=dedupe("rb"),
                data=booking_data(),
                person_id=person.id,
            )
            raise Rollback
    assert await Event.all().count() == 0 and await InboxMessage.all().count() == 0
    assert await dispatcher().run_until_idle() == 0


async def test_the_same_dedupe_key_gives_one_event(server, client) -> None:
    person = await person_with(server, devices=("tok-dedupe",))
    key = dedupe("same")
    async with transaction():
        first = await server.app.ctx.services.notifier.publish(
            "booking.confirmed", dedupe_key=key, data=booking_data(), person_id=person.id
        )
        again = await server.app.ctx.services.notifier.publish(
            "booking.confirmed", dedupe_key=key, data=booking_data(), person_id=person.id
        )
        # The caller's transaction is still usable after the duplicate.
        await Person.filter(id=person.id).update(level=1)
    later = await server.app.ctx.services.notifier.publish(
        "booking.confirmed", dedupe_key=key, data=booking_data(), person_id=person.id
    )
    assert first.id == again.id == later.id
    assert await Event.all().count() == 1 and await Delivery.all().count() == 1
    assert await InboxMessage.all().count() == 1


async def test_a_published_event_reaches_the_inbox_and_the_app(server, client, dispatcher) -> None:
    person = await person_with(server, devices=("tok-happy",))
    event = await server.app.ctx.services.notifier.publish(
        "booking.confirmed", dedupe_key=dedupe("happy"), data=booking_data(), person_id=person.id
    )
    inbox = await InboxMessage.get(event_id=event.id)
    assert inbox.title == "预约成功" and "市民中心" in inbox.body
    await dispatcher().run_until_idle()  # no mini-program binding: on to app push
    assert (await delivery_on(event, "mp_subscribe")).status == DeliveryStatus.FAILED
    delivery = await delivery_on(event, "app_push")
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 1
    last = (await received(client))["messages"][-1]
    assert last["message_id"] == delivery.public_id and last["device_tokens"] == ["tok-happy"]
    assert last["title"] == "预约成功"


async def test_a_permanent_failure_hands_over_to_the_next_channel(
    server, client, dispatcher
) -> None:
    phone = new_phone()
    person = await person_with(server, phone=phone, devices=("bad-token",))
    event = await server.app.ctx.services.notifier.publish(
        "booking.cancelled", dedupe_key=dedupe("fallback"), data=booking_data(), person_id=person.id
    )
    await dispatcher().run_until_idle()
    push, sms = await delivery_on(event, "app_push"), await delivery_on(event, "sms")
    assert (push.channel, push.status, push.last_error) == (
        "app_push",
        DeliveryStatus.FAILED,
        "invalid_token",
    )
    assert (sms.channel, sms.status) == ("sms", DeliveryStatus.SENT)
    messages = (await client.get("/sandbox/sms/messages", params={"phone": phone})).json()
    assert messages["messages"][-1]["out_id"] == sms.public_id
    assert messages["messages"][-1]["template_code"] == "SMS_BOOK_0002"
    text = (await client.get("/metrics")).text
    assert (
        'yiwang_notify_deliveries_total{channel="app_push",event_type="booking.cancelled",'
        'outcome="failed"}'
    ) in text
    assert (
        'yiwang_notify_deliveries_total{channel="sms",event_type="booking.cancelled",'
        'outcome="sent"}'
    ) in text


async def test_a_temporary_failure_is_retried_after_a_backoff(server, client, dispatcher) -> None:
    person = await person_with(server, devices=("flaky-1",))
    event = await server.app.ctx.services.notifier.publish(
        "booking.reminder", dedupe_key=dedupe("retry"), data=booking_data(), person_id=person.id
    )
    worker = dispatcher()
    await worker.run_until_idle()
    waiting = await delivery_on(event, "app_push")
    assert waiting.status == DeliveryStatus.SENDING and waiting.lease_until is None
    assert waiting.due_at > clock.now() + timedelta(seconds=3)
    assert await worker.run_until_idle() == 0  # not due yet
    real = clock.clock
    clock.clock = clock.FrozenClock(real.now() + timedelta(seconds=10))
    try:
        assert await worker.run_until_idle() == 1
    finally:
        clock.clock = real
    done = await delivery_on(event, "app_push")
    assert done.status == DeliveryStatus.SENT and done.attempts == 2


async def test_exhausted_retries_die_and_a_redrive_sends_them(server, client, dispatcher) -> None:
    person = await person_with(server, devices=("flaky-2",))
    event = await server.app.ctx.services.notifier.publish(
        "ticket.near",
        dedupe_key=dedupe("dead"),
        data={"ticket": "A023", "ahead": 3},
        person_id=person.id,
    )
    await dispatcher(dispatch_max_attempts=1).run_until_idle()
    dead = await delivery_on(event, "app_push")
    assert dead.status == DeliveryStatus.DEAD and dead.last_error == "busy"
    assert await redrive_dead() == 1
    assert await redrive_dead() == 0  # that round exists already
    worker = dispatcher()
    await worker.run_until_idle()  # the sandbox refuses each new message once: a retry waits
    real = clock.clock
    clock.clock = clock.FrozenClock(real.now() + timedelta(seconds=30))
    try:
        await worker.run_until_idle()
    finally:
        clock.clock = real
    rounds = await Delivery.filter(event_id=event.id, channel="app_push").order_by("round")
    assert [(d.round, d.status) for d in rounds] == [
        (0, DeliveryStatus.DEAD),
        (1, DeliveryStatus.SENT),
    ]


async def test_with_no_way_to_reach_the_person_it_ends_dead(server, client, dispatcher) -> None:
    person = await person_with(server)
    event = await server.app.ctx.services.notifier.publish(
        "express.failed",
        dedupe_key=dedupe("nowhere"),
        data={"mail_number": "1234567890123", "reason": "地址不详"},
        person_id=person.id,
    )
    await dispatcher().run_until_idle()
    statuses = [d.status for d in await Delivery.filter(event_id=event.id).order_by("position")]
    assert statuses == [DeliveryStatus.FAILED, DeliveryStatus.FAILED, DeliveryStatus.DEAD]


async def test_statuses_only_move_forward_in_the_database(server, client, dispatcher) -> None:
    person = await person_with(server, devices=("tok-forward",))
    event = await server.app.ctx.services.notifier.publish(
        "payment.paid",
        dedupe_key=dedupe("fwd"),
        data={"service": "护照", "amount": "120.00"},
        person_id=person.id,
    )
    await dispatcher().run_until_idle()
    delivery = await Delivery.get(event_id=event.id)
    with pytest.raises(Exception, match="forward"):
        await Delivery.filter(id=delivery.id).update(status=DeliveryStatus.CREATED)
    assert (await Delivery.get(id=delivery.id)).status == DeliveryStatus.SENT


async def test_unrenderable_data_is_refused_at_publish(server, client) -> None:
    person = await person_with(server)
    with pytest.raises(ValueError, match="needs"):
        await server.app.ctx.services.notifier.publish(
            "booking.confirmed", dedupe_key=dedupe("bad"), data={"hall": "x"}, person_id=person.id
        )
    with pytest.raises(ValueError, match="unknown event type"):
        await server.app.ctx.services.notifier.publish("nope", dedupe_key=dedupe("nope"), data={})


async def test_the_inbox_lists_counts_and_marks_read(server, client) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    me = (await client.get("/api/v1/me", headers=bearer(tokens))).json()
    person = await Person.get(public_id=me["person_id"])
    for number in range(3):
        await server.app.ctx.services.notifier.publish(
            "application.accepted",
            dedupe_key=dedupe(f"inbox{number}"),
            data={"service": "营业执照", "number": f"BJ-{number}"},
            person_id=person.id,
        )
    listed = (
        await client.get("/api/v1/me/inbox", params={"limit": 2}, headers=bearer(tokens))
    ).json()
    assert [m["title"] for m in listed["messages"]] == ["办件已受理", "办件已受理"]
    assert listed["next_before"] is not None
    created = listed["messages"][0]["created_at"]  # the hall's offset, whole seconds
    assert created.endswith("+08:00") and "." not in created
    count = await client.get("/api/v1/me/inbox/unread-count", headers=bearer(tokens))
    assert count.json() == {"unread": 3}
    first = listed["messages"][0]["message_id"]
    read = await client.post(f"/api/v1/me/inbox/{first}/read", headers=bearer(tokens))
    assert read.status_code == 204
    assert (await client.get("/api/v1/me/inbox/unread-count", headers=bearer(tokens))).json() == {
        "unread": 2
    }
    other = await sign_in_by_phone(client, new_phone())
    foreign = await client.post(f"/api/v1/me/inbox/{first}/read", headers=bearer(other))
    assert foreign.status_code == 404
    bad = await client.get("/api/v1/me/inbox", params={"limit": 0}, headers=bearer(tokens))
    assert bad.status_code == 422


async def test_the_embedded_mode_dispatches_inside_the_server(make_app, clean, server) -> None:
    # Its own server, stopped at the end: a dispatcher left running would take later tests'
    # deliveries.
    embedded = LiveServer(make_app(worker_in_process=True))
    await embedded.start()
    try:
        person = await person_with(server, devices=("tok-embedded",))
        event = await embedded.app.ctx.services.notifier.publish(
            "express.shipped",
            dedupe_key=dedupe("embedded"),
            data={"mail_number": "EA123456785CN"},
            person_id=person.id,
        )
        for _ in range(100):
            push = await Delivery.filter(event_id=event.id, channel="app_push").first()
            if push is not None and push.status == DeliveryStatus.SENT:
                break
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("the in-process dispatcher did not send it")
    finally:
        await embedded.stop()
