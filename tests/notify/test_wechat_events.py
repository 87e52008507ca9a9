"""WeChat's event pushes, received over the real wire protocol: the WeChat sandbox signs and
encrypts each event (safe mode) and posts it to our callback URL, as WeChat does."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.kit.models import CallbackRecord
from auth.gateways.wechat import push_plaintext, sealed_push
from notify.errors import WeChatEventUnreadable
from notify.models import DeliveryStatus, SubscribeGrant
from notify.wechat_events import read_push
from tests.auth.conftest import bearer, mini_program_sign_in
from tests.notify.conftest import dedupe, delivery_on, person_with

TICKET_TEMPLATE = "tmpl-ticket.called"
VECTORS = json.loads(
    (Path(__file__).resolve().parents[1] / "vectors" / "wechat_subscribe_events.json").read_text(
        "utf-8"
    )
)
_openids = itertools.count(1)


def openid(kind: str) -> str:
    return f"{kind}-events-{next(_openids):05d}"


async def push(
    client: httpx.AsyncClient,
    app: str,
    event: dict[str, Any] | None = None,
    *,
    format: str = "xml",
    times: int = 1,
    forge: str | None = None,
    plaintext: str | None = None,
) -> list[dict[str, Any]]:
    body: dict[str, Any] = {"app": app, "format": format, "times": times}
    if event is not None:
        body["event"] = event
    if plaintext is not None:
        body["plaintext"] = plaintext
    if forge is not None:
        body["forge"] = forge
    response = await client.post("/sandbox/wechat/_test/push-event", json=body)
    assert response.status_code == 200, response.text
    return list(response.json()["answers"])


def popup(who: str, *answers: tuple[str, str], at: int | None = None) -> dict[str, Any]:
    """A popup event as the mini-program pushes it in JSON (List an object for one entry)."""
    entries = [{"TemplateId": t, "SubscribeStatusString": s, "PopupScene": "0"} for t, s in answers]
    return {
        "CreateTime": at or int(time.time()),
        "FromUserName": who,
        "Event": "subscribe_msg_popup_event",
        "List": entries[0] if len(entries) == 1 else entries,
    }


async def remaining(template: str = TICKET_TEMPLATE) -> int:
    grant = await SubscribeGrant.get_or_none(template_id=template)
    return grant.remaining if grant is not None else 0


def ok(answers: list[dict[str, Any]]) -> bool:
    return all(a["status"] == 200 and a["body"] == "success" for a in answers)


# ---------------------------------------------------------------------------- the edge


@pytest.mark.parametrize("app", ["mp", "oa"])
async def test_the_url_check_answers_echostr_only_when_signed(client, app) -> None:
    verified = await client.post("/sandbox/wechat/_test/verify-url", json={"app": app})
    assert verified.json() == {"status": 200, "verified": True}
    forged = await client.post("/sandbox/wechat/_test/verify-url", json={"app": app, "forge": 1})
    assert forged.json() == {"status": 401, "verified": False}


@pytest.mark.parametrize("forge", ["signature", "msg_signature", "aes_key", "appid", "plaintext"])
async def test_forged_or_undecryptable_pushes_are_refused(client, forge) -> None:
    who = openid("mp")
    await mini_program_sign_in(client, who)
    answers = await push(client, "mp", popup(who, (TICKET_TEMPLATE, "accept")), forge=forge)
    assert [a["status"] for a in answers] == [401]
    assert json.loads(answers[0]["body"])["code"] == "callback.refused"
    assert await CallbackRecord.all().count() == 0
    assert await remaining() == 0


async def test_a_stale_push_is_refused(server, client) -> None:
    target = server.app.ctx.sandboxes.wechat.push_targets["oa"]
    event = push_plaintext(
        {"MsgType": "event", **follow_event("oa-stale", "subscribe", int(time.time()))}, False
    )
    for sent_at, status in ((time.time() - 3600, 401), (time.time(), 200)):
        query, body, content_type = sealed_push(
            target, event, "oa-stale", as_json=False, sent_at=sent_at
        )
        answer = await client.post(
            "/callbacks/wechat/oa",
            params=query,
            content=body,
            headers={"Content-Type": content_type},
        )
        assert answer.status_code == status, answer.text
    assert await CallbackRecord.all().count() == 1


async def test_a_decrypted_push_that_is_no_event_is_unreadable(client) -> None:
    for plaintext in ("not xml at all", "<xml><MsgType>event</MsgType></xml>"):
        answers = await push(client, "oa", plaintext=plaintext, format="xml")
        assert [a["status"] for a in answers] == [400], plaintext
        assert json.loads(answers[0]["body"])["code"] == WeChatEventUnreadable.code
    assert await CallbackRecord.all().count() == 0


async def test_a_message_that_is_not_an_event_is_answered_and_ignored(client) -> None:
    text = {"FromUserName": openid("oa"), "MsgType": "text", "Content": "你好", "MsgId": 42}
    assert ok(await push(client, "oa", text))


# ---------------------------------------------------------------------------- parsing


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_the_shared_vectors_parse(case) -> None:
    body = case["body"] if case["format"] == "xml" else json.dumps(case["body"])
    parsed = read_push("mp", body)
    expected = case["expect"]
    assert parsed.openid == expected["openid"]
    if "grants" in expected:
        assert {e.template_id: e.status for e in parsed.entries} == expected["grants"]
    if "sent" in expected:
        assert {
            e.template_id: {"msg_id": e.msg_id, "error_code": e.error_code} for e in parsed.entries
        } == expected["sent"]


# ---------------------------------------------------------------------------- grants


@pytest.mark.parametrize("format", ["json", "xml"])
async def test_an_accepted_popup_grants_one_send_and_a_rejection_clears(
    server, client, dispatcher, format
) -> None:
    who = openid("mp")
    await mini_program_sign_in(client, who)
    event = popup(who, (TICKET_TEMPLATE, "accept"), ("tmpl-booking.reminder", "reject"))
    if format == "xml":  # XML nests the entries under an element named after the event
        event = {**event, "SubscribeMsgPopupEvent": {"List": event.pop("List")}}
    assert ok(await push(client, "mp", event, format=format, times=3))  # WeChat's retries
    assert await CallbackRecord.filter(source="wechat_mp").count() == 1
    assert await remaining() == 1

    change = {
        "FromUserName": who,
        "Event": "subscribe_msg_change_event",
        "List": {"TemplateId": TICKET_TEMPLATE, "SubscribeStatusString": "reject"},
    }
    assert ok(await push(client, "mp", change, format="json"))
    assert await remaining() == 0


async def test_one_acceptance_reported_by_the_client_and_by_wechat_counts_once(client) -> None:
    who = openid("mp")
    me = bearer(await mini_program_sign_in(client, who))
    reported = await client.post(
        "/api/v1/me/subscribe-grants", json={"template_ids": [TICKET_TEMPLATE]}, headers=me
    )
    assert reported.json()["remaining"] == {TICKET_TEMPLATE: 1}
    assert ok(await push(client, "mp", popup(who, (TICKET_TEMPLATE, "accept")), format="json"))
    assert await remaining() == 1
    # A second acceptance (a popup a second later), WeChat's report first this time.
    later = popup(who, (TICKET_TEMPLATE, "accept"), at=int(time.time()) + 1)
    assert ok(await push(client, "mp", later, format="json"))
    assert await remaining() == 2
    await client.post(
        "/api/v1/me/subscribe-grants", json={"template_ids": [TICKET_TEMPLATE]}, headers=me
    )
    assert await remaining() == 2


async def test_a_grant_from_wechat_lets_the_subscribe_message_go(
    server, client, dispatcher
) -> None:
    who = openid("mp")
    await mini_program_sign_in(client, who)
    assert ok(await push(client, "mp", popup(who, (TICKET_TEMPLATE, "accept")), format="json"))
    event = await publish_ticket(server, await person_of_openid(server, who))
    await dispatcher().run_until_idle()
    assert (await delivery_on(event, "mp_subscribe")).status == DeliveryStatus.SENT


# ---------------------------------------------------------------------------- send results


async def sent_subscribe_message(server, client, dispatcher):
    who = openid("mp")
    await mini_program_sign_in(client, who)
    person = await person_of_openid(server, who)
    from notify import devices
    from notify.models import Platform

    await devices.register(person.id, Platform.ANDROID, f"tok-{who}")
    assert ok(await push(client, "mp", popup(who, (TICKET_TEMPLATE, "accept")), format="json"))
    event = await publish_ticket(server, person)
    await dispatcher().run_until_idle()
    delivery = await delivery_on(event, "mp_subscribe")
    assert delivery.status == DeliveryStatus.SENT and delivery.provider_ref
    return who, event, delivery


def sent_result(who: str, msg_id: str, code: int, status: str) -> dict[str, Any]:
    return {
        "FromUserName": who,
        "Event": "subscribe_msg_sent_event",
        "SubscribeMsgSentEvent": {
            "List": {
                "TemplateId": TICKET_TEMPLATE,
                "MsgID": msg_id,
                "ErrorCode": code,
                "ErrorStatus": status,
            }
        },
    }


async def test_a_failed_send_result_hands_over_to_the_next_channel(
    server, client, dispatcher
) -> None:
    who, event, delivery = await sent_subscribe_message(server, client, dispatcher)
    result = sent_result(who, delivery.provider_ref, 43101, "fail_user_refuse")
    assert ok(await push(client, "mp", result))
    failed = await delivery_on(event, "mp_subscribe")
    assert failed.status == DeliveryStatus.FAILED and failed.last_error.startswith("wechat:43101")
    await dispatcher().run_until_idle()
    assert (await delivery_on(event, "app_push")).status == DeliveryStatus.SENT


async def test_a_successful_send_result_marks_it_delivered(server, client, dispatcher) -> None:
    who, event, delivery = await sent_subscribe_message(server, client, dispatcher)
    result = sent_result(who, delivery.provider_ref, 0, "success")
    assert ok(await push(client, "mp", result, times=2))
    assert (await delivery_on(event, "mp_subscribe")).status == DeliveryStatus.DELIVERED


# ---------------------------------------------------------------------------- the official account


def follow_event(who: str, event: str, at: int) -> dict[str, Any]:
    return {"FromUserName": who, "Event": event, "CreateTime": at}


async def publish_completed(server, person):
    return await server.app.ctx.services.notifier.publish(
        "application.completed",
        dedupe_key=dedupe("oa-events"),
        data={"service": "营业执照", "number": "BJ-9"},
        person_id=person.id,
    )


async def wechat_sent_total(client) -> int:
    return int((await client.get("/sandbox/wechat/_test/sent")).json()["total"])


async def test_an_unfollower_gets_no_template_message_and_falls_back(
    server, client, dispatcher
) -> None:
    who = openid("oa")
    person = await person_with(server, oa_openid=who, devices=(f"tok-{who}",))
    now = int(time.time())
    assert ok(await push(client, "oa", follow_event(who, "subscribe", now - 60)))
    followed = await publish_completed(server, person)
    await dispatcher().run_until_idle()
    assert (await delivery_on(followed, "oa_template")).status == DeliveryStatus.SENT

    # The unfollow arrives before a follow WeChat recorded earlier: the later one still wins.
    assert ok(await push(client, "oa", follow_event(who, "unsubscribe", now)))
    assert ok(await push(client, "oa", follow_event(who, "subscribe", now - 30)))
    calls = await wechat_sent_total(client)
    unfollowed = await publish_completed(server, person)
    await dispatcher().run_until_idle()
    refused = await delivery_on(unfollowed, "oa_template")
    assert refused.status == DeliveryStatus.FAILED and refused.last_error == "not_following"
    assert await wechat_sent_total(client) == calls  # no call was made
    assert (await delivery_on(unfollowed, "app_push")).status == DeliveryStatus.SENT


async def test_a_failed_template_send_hands_over(server, client, dispatcher) -> None:
    who = openid("oa")
    person = await person_with(server, oa_openid=who, devices=(f"tok-{who}",))
    assert ok(await push(client, "oa", follow_event(who, "subscribe", int(time.time()))))
    event = await publish_completed(server, person)
    await dispatcher().run_until_idle()
    delivery = await delivery_on(event, "oa_template")
    finished = {
        "FromUserName": who,
        "Event": "TEMPLATESENDJOBFINISH",
        "MsgID": delivery.provider_ref,
        "Status": "failed:user block",
    }
    assert ok(await push(client, "oa", finished))
    failed = await delivery_on(event, "oa_template")
    assert (
        failed.status == DeliveryStatus.FAILED and failed.last_error == "wechat:failed:user block"
    )
    await dispatcher().run_until_idle()
    assert (await delivery_on(event, "app_push")).status == DeliveryStatus.SENT


# ---------------------------------------------------------------------------- helpers


async def person_of_openid(server, who: str):
    from auth.models import BindingKind

    return await server.app.ctx.services.identity.persons.person_by_binding(
        BindingKind.MP_OPENID, who
    )


async def publish_ticket(server, person):
    return await server.app.ctx.services.notifier.publish(
        "ticket.called",
        dedupe_key=dedupe("events"),
        data={"ticket": "A023", "window": "5"},
        person_id=person.id,
    )


async def test_hostile_envelopes_signed_with_our_token_are_refused_not_500(server, client) -> None:
    """Whatever a body holds, once its signature checks: a refusal, never a 500."""
    import base64

    from auth.gateways.wechat import push_signature

    token = server.app.ctx.sandboxes.wechat.push_targets["mp"].token
    aligned = base64.b64encode(b"\x00" * 32).decode()
    for encrypted in ("!!!", "QUJD", base64.b64encode(b"x" * 16).decode(), aligned, "A" * 9999):
        timestamp, nonce = str(int(time.time())), "n0nce"
        query = {
            "signature": push_signature(token, timestamp, nonce),
            "timestamp": timestamp,
            "nonce": nonce,
            "encrypt_type": "aes",
            "msg_signature": push_signature(token, timestamp, nonce, encrypted),
        }
        for content, kind in (
            (json.dumps({"Encrypt": encrypted}).encode(), "application/json"),
            (f"<xml><Encrypt>{encrypted}</Encrypt></xml>".encode(), "text/xml"),
            (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>', "text/xml"),
            (b"\xff\xfe<xml>", "text/xml"),
            (b"[1, 2]", "application/json"),
        ):
            answer = await client.post(
                "/callbacks/wechat/mp",
                params=query,
                content=content,
                headers={"Content-Type": kind},
            )
            assert answer.status_code == 401, (encrypted[:8], content[:20], answer.text)
    assert await CallbackRecord.all().count() == 0
