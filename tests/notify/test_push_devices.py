"""App push devices: a citizen registers, refreshes, replaces and removes their app's push
token; app push goes through the registered tokens; a token the gateway reports invalid goes."""

from __future__ import annotations

import itertools
import logging

import httpx

from auth.models import Person
from notify import devices, service
from notify.models import DeliveryStatus, PushDevice
from tests.auth.conftest import bearer, mini_program_sign_in, new_phone
from tests.notify.conftest import dedupe, delivery_on, person_with

_openids = itertools.count(1)
DEVICES = "/api/v1/me/push-devices"


async def citizen(client: httpx.AsyncClient) -> dict[str, str]:
    return bearer(await mini_program_sign_in(client, f"mp-devices-{next(_openids):05d}"))


async def register(client, who, token: str, platform: str = "ios", **extra) -> httpx.Response:
    return await client.post(
        DEVICES, json={"platform": platform, "token": token, **extra}, headers=who
    )


async def listed(client, who) -> list[dict[str, str]]:
    response = await client.get(DEVICES, headers=who)
    assert response.status_code == 200, response.text
    return list(response.json()["devices"])


async def test_register_refresh_list_and_remove(client) -> None:
    me = await citizen(client)
    token = "a1b2c3d4" * 8  # an APNs token: 64 hex digits
    first = await register(client, me, token)
    assert first.status_code == 201, first.text
    again = await register(client, me, token)
    assert again.status_code == 200 and again.json()["device_id"] == first.json()["device_id"]
    assert again.json()["registered_at"] >= first.json()["registered_at"]
    assert again.json()["registered_at"].endswith("+08:00")
    [device] = await listed(client, me)
    assert device == {**again.json()}
    assert device["token_hint"] == "…" + token[-4:] and device["platform"] == "ios"
    for answer in (first, again, await client.get(DEVICES, headers=me)):
        assert token not in answer.text  # the token is never given back

    removed = await client.delete(f"{DEVICES}/{device['device_id']}", headers=me)
    assert removed.status_code == 204
    assert await listed(client, me) == []
    gone = await client.delete(f"{DEVICES}/{device['device_id']}", headers=me)
    assert gone.status_code == 404 and gone.json()["code"] == "notify.push_device_not_found"


async def test_a_new_token_replaces_the_old_one(client) -> None:
    me = await citizen(client)
    await register(client, me, "fcm-old-token-0001", "android")
    await register(client, me, "fcm-other-phone-0002", "android")
    replaced = await register(
        client, me, "fcm-new-token-0003", "android", replaces="fcm-old-token-0001"
    )
    assert replaced.status_code == 201
    tokens = await devices.tokens_of((await person_of(client, me)).id)
    assert sorted(tokens) == ["fcm-new-token-0003", "fcm-other-phone-0002"]


async def person_of(client, who) -> Person:
    public_id = (await client.get("/api/v1/me", headers=who)).json()["person_id"]
    return await Person.get(public_id=public_id)


async def test_a_token_belongs_to_one_person_and_moves(client) -> None:
    first, second = await citizen(client), await citizen(client)
    token = "hms-shared-phone-token-0001"
    assert (await register(client, first, token, "harmony")).status_code == 201
    # The phone changes hands: the other citizen signs in on it and registers it.
    moved = await register(client, second, token, "harmony")
    assert moved.status_code == 201
    assert await listed(client, first) == []
    assert [d["device_id"] for d in await listed(client, second)] == [moved.json()["device_id"]]
    # Nobody can remove another citizen's device.
    refused = await client.delete(f"{DEVICES}/{moved.json()['device_id']}", headers=first)
    assert refused.status_code == 404
    assert await PushDevice.filter(token=token).count() == 1


async def test_a_person_keeps_the_newest_devices(client) -> None:
    me = await citizen(client)
    for n in range(devices.MAX_DEVICES_PER_PERSON + 2):
        assert (await register(client, me, f"reinstalled-{n:04d}")).status_code == 201
    kept = await PushDevice.all().values_list("token", flat=True)
    assert len(kept) == devices.MAX_DEVICES_PER_PERSON
    assert "reinstalled-0000" not in kept and "reinstalled-0011" in kept


async def test_registrations_are_validated(client) -> None:
    me = await citizen(client)
    for body in (
        {"platform": "windows", "token": "good-token-0001"},
        {"platform": "ios", "token": "has a space"},
        {"platform": "ios", "token": "short"},
        {"platform": "ios"},
    ):
        answer = await client.post(DEVICES, json=body, headers=me)
        assert answer.status_code == 422, body
    anonymous = await client.post(DEVICES, json={"platform": "ios", "token": "good-token-0001"})
    assert anonymous.status_code == 401


async def test_app_push_goes_to_the_registered_devices(server, client, dispatcher) -> None:
    me = await citizen(client)
    await register(client, me, "tok-phone-0001", "android")
    await register(client, me, "tok-tablet-0002", "harmony")
    person = await person_of(client, me)
    event = await server.app.ctx.services.notifier.publish(
        "payment.refunded",  # app push first
        dedupe_key=dedupe("devices"),
        data={"service": "护照", "amount": "120.00"},
        person_id=person.id,
    )
    await dispatcher().run_until_idle()
    delivery = await delivery_on(event, "app_push")
    assert delivery.status == DeliveryStatus.SENT
    received = (await client.get("/sandbox/push/_test/received")).json()["messages"]
    [message] = [m for m in received if m["message_id"] == delivery.public_id]
    assert sorted(message["device_tokens"]) == ["tok-phone-0001", "tok-tablet-0002"]


async def test_an_invalid_token_is_dropped(server, client, dispatcher, caplog) -> None:
    person = await person_with(server, devices=("bad-uninstalled-0001", "tok-still-there-02"))
    caplog.set_level(logging.INFO, logger="yiwang.notify.devices")
    first = await server.app.ctx.services.notifier.publish(
        "payment.refunded",
        dedupe_key=dedupe("invalid"),
        data={"service": "护照", "amount": "120.00"},
        person_id=person.id,
    )
    await dispatcher().run_until_idle()
    assert (await delivery_on(first, "app_push")).status == DeliveryStatus.SENT
    assert await devices.tokens_of(person.id) == ["tok-still-there-02"]
    assert "bad-uninstalled-0001" not in caplog.text  # logged by its hint only

    # Every token invalid: dropped, and the next channel takes over.
    alone = await person_with(server, phone=new_phone(), devices=("bad-expired-0003",))
    second = await server.app.ctx.services.notifier.publish(
        "payment.refunded",
        dedupe_key=dedupe("invalid"),
        data={"service": "护照", "amount": "120.00"},
        person_id=alone.id,
    )
    await dispatcher().run_until_idle()
    push = await delivery_on(second, "app_push")
    assert push.status == DeliveryStatus.FAILED and push.last_error == "invalid_token"
    assert await devices.tokens_of(alone.id) == []
    assert (await delivery_on(second, "sms")).status == DeliveryStatus.SENT


async def test_merged_and_deleted_persons_take_their_devices_along(server, client) -> None:
    merged = await person_with(server, devices=("tok-merged-0001",))
    survivor = await person_with(server, devices=("tok-survivor-0002",))
    await service.move_person(merged.id, survivor.id)
    assert sorted(await devices.tokens_of(survivor.id)) == ["tok-merged-0001", "tok-survivor-0002"]
    await service.forget_person(survivor.id)
    assert await devices.tokens_of(survivor.id) == []
