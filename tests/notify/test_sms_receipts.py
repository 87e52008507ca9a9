"""SMS delivery receipts: signed, recorded once, idempotent, late ones ignored."""

from __future__ import annotations

import json
import time
from datetime import timedelta
from typing import Any

import httpx
import redis.asyncio as redis

from api.kit import clock
from api.kit.models import CallbackRecord
from notify.gateways.sms import receipt_signature
from notify.models import DeliveryStatus
from notify.service import expire_unconfirmed
from tests.auth.conftest import new_phone
from tests.notify.conftest import dedupe, delivery_on, person_with


async def sent_sms(server, dispatcher):
    person = await person_with(server, phone=new_phone())  # no app: push fails, SMS follows
    event = await server.app.ctx.services.notifier.publish(
        "payment.refunded",
        dedupe_key=dedupe("receipt"),
        data={"service": "护照", "amount": "120.00"},
        person_id=person.id,
    )
    await dispatcher().run_until_idle()
    delivery = await delivery_on(event, "sms")
    assert delivery.status == DeliveryStatus.SENT
    return event, delivery


async def push(client, out_id: str, success: bool = True, times: int = 1) -> dict[str, Any]:
    response = await client.post(
        "/sandbox/sms/_test/push-receipts",
        json={"out_ids": [out_id], "success": success, "times": times},
    )
    return response.json()


async def test_a_receipt_delivers_and_repeats_change_nothing(server, client, dispatcher) -> None:
    event, delivery = await sent_sms(server, dispatcher)
    answer = await push(client, delivery.public_id, times=3)
    assert [a["status"] for a in answer["answers"]] == [200, 200, 200]
    assert {json.dumps(a["body"], ensure_ascii=False) for a in answer["answers"]} == {
        '{"code": 0, "msg": "接收成功"}'
    }
    assert (await delivery_on(event, "sms")).status == DeliveryStatus.DELIVERED
    assert await CallbackRecord.filter(source="sms").count() == 1


async def test_a_failure_receipt_on_the_last_channel_ends_dead(server, client, dispatcher) -> None:
    event, delivery = await sent_sms(server, dispatcher)
    await push(client, delivery.public_id, success=False)
    failed = await delivery_on(event, "sms")
    assert failed.status == DeliveryStatus.DEAD and failed.last_error == "receipt:failed"


async def test_forged_stale_and_replayed_receipts_are_refused(server, client, dispatcher) -> None:
    _event, delivery = await sent_sms(server, dispatcher)
    body = json.dumps([{"out_id": delivery.public_id, "biz_id": "x", "success": True}]).encode()
    secret = server.app.ctx.settings.sms_access_key_secret

    async def post(timestamp: str, nonce: str, signature: str):
        return await client.post(
            "/callbacks/sms/receipts",
            content=body,
            headers={
                "Content-Type": "application/json",
                "X-Sms-Timestamp": timestamp,
                "X-Sms-Nonce": nonce,
                "X-Sms-Signature": signature,
            },
        )

    now = str(int(time.time()))
    forged = await post(now, "n1", receipt_signature("not-the-secret", now, "n1", body))
    old = str(int(time.time()) - 3600)
    stale = await post(old, "n2", receipt_signature(secret, old, "n2", body))
    good = await post(now, "n3", receipt_signature(secret, now, "n3", body))
    replay = await post(now, "n3", receipt_signature(secret, now, "n3", body))
    assert [r.status_code for r in (forged, stale, good, replay)] == [401, 401, 200, 401]
    assert forged.json()["code"] == "callback.refused"
    assert await CallbackRecord.filter(source="sms").count() == 1


async def test_no_receipt_in_time_and_a_late_receipt(server, client, dispatcher) -> None:
    event, delivery = await sent_sms(server, dispatcher)
    assert await expire_unconfirmed(timedelta(minutes=10)) == 0
    real = clock.clock
    clock.clock = clock.FrozenClock(real.now() + timedelta(minutes=11))
    try:
        assert await expire_unconfirmed(timedelta(minutes=10)) == 1
    finally:
        clock.clock = real
    expired = await delivery_on(event, "sms")
    assert expired.status == DeliveryStatus.DEAD and expired.last_error == "no_receipt"
    await push(client, delivery.public_id)  # arrives late
    assert (await delivery_on(event, "sms")).status == DeliveryStatus.DEAD


def signed_receipt(secret: str, out_id: str, nonce: str, timestamp: str | None = None):
    body = json.dumps([{"out_id": out_id, "biz_id": "x", "success": True}]).encode()
    timestamp = timestamp or str(int(time.time()))
    return body, {
        "Content-Type": "application/json",
        "X-Sms-Timestamp": timestamp,
        "X-Sms-Nonce": nonce,
        "X-Sms-Signature": receipt_signature(secret, timestamp, nonce, body),
    }


async def test_a_forged_receipt_burns_no_nonce_and_changes_nothing(
    server, client, dispatcher
) -> None:
    event, delivery = await sent_sms(server, dispatcher)
    secret = server.app.ctx.settings.sms_access_key_secret
    body, headers = signed_receipt("not-the-secret", delivery.public_id, "shared-nonce")
    forged = await client.post("/callbacks/sms/receipts", content=body, headers=headers)
    assert forged.status_code == 401 and forged.json()["code"] == "callback.refused"
    assert (await delivery_on(event, "sms")).status == DeliveryStatus.SENT
    assert not await server.app.ctx.redis.exists("callback:sms:nonce:shared-nonce")
    body, headers = signed_receipt(secret, delivery.public_id, "shared-nonce")
    genuine = await client.post("/callbacks/sms/receipts", content=body, headers=headers)
    assert genuine.status_code == 200
    assert (await delivery_on(event, "sms")).status == DeliveryStatus.DELIVERED


async def test_with_redis_down_a_receipt_answers_503_and_nothing_is_stored(
    make_app, start_server, server, client, dispatcher
) -> None:
    event, delivery = await sent_sms(server, dispatcher)
    app = make_app()
    live_redis = app.ctx.redis
    dead = redis.Redis(host="127.0.0.1", port=9, socket_connect_timeout=0.5)
    app.ctx.redis = dead
    live = await start_server(app)
    secret = app.ctx.settings.sms_access_key_secret
    body, headers = signed_receipt(secret, delivery.public_id, "during-the-outage")
    try:
        async with httpx.AsyncClient(base_url=live.url) as http:
            answer = await http.post("/callbacks/sms/receipts", content=body, headers=headers)
    finally:
        app.ctx.redis = live_redis  # its outage probe finds Redis back
        await dead.aclose()
    assert answer.status_code == 503, answer.text
    assert answer.json()["code"] == "service.unavailable"
    assert answer.json()["dependency"] == "redis" and "Retry-After" in answer.headers
    assert await CallbackRecord.filter(source="sms").count() == 0
    assert (await delivery_on(event, "sms")).status == DeliveryStatus.SENT
