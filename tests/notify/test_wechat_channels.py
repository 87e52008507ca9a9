"""Mini-program subscribe messages (one-time grants) and official-account template messages."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import httpx

from notify.models import DeliveryStatus, SubscribeGrant
from notify.wechat import FieldRuleBroken, checked, record_grants
from tests.auth.conftest import bearer, mini_program_sign_in
from tests.notify.conftest import dedupe, delivery_on, person_with

TICKET_TEMPLATE = "tmpl-ticket.called"
_openids = itertools.count(1)


def openid(kind: str = "mp") -> str:
    return f"{kind}-notify-{next(_openids):05d}"


async def sandbox_grant(client: httpx.AsyncClient, who: str, template: str) -> None:
    await client.post("/sandbox/wechat/_test/grant", json={"openid": who, "template_id": template})


async def wechat_sent(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    return (await client.get("/sandbox/wechat/_test/sent")).json()["messages"]


async def call_ticket(server, person, label: str, ticket: str = "A023"):
    return await server.app.ctx.services.notifier.publish(
        "ticket.called",
        dedupe_key=dedupe(label),
        data={"ticket": ticket, "window": "5"},
        person_id=person.id,
    )


async def test_no_grant_falls_back_and_one_grant_sends_once(server, client, dispatcher) -> None:
    who = openid()
    person = await person_with(server, mp_openid=who, devices=("tok-grant",))
    first = await call_ticket(server, person, "nogrant")
    await dispatcher().run_until_idle()
    assert (await delivery_on(first, "mp_subscribe")).last_error == "no_grant"
    assert (await delivery_on(first, "app_push")).status == DeliveryStatus.SENT

    await record_grants(person.id, [TICKET_TEMPLATE])
    await sandbox_grant(client, who, TICKET_TEMPLATE)
    second = await call_ticket(server, person, "onegrant", "A024")
    third = await call_ticket(server, person, "spent", "A025")
    await dispatcher().run_until_idle()
    # Sent concurrently: whichever takes the one grant first gets the subscribe message.
    subscribe = {e: await delivery_on(e, "mp_subscribe") for e in (second, third)}
    winners = [e for e, d in subscribe.items() if d.status == DeliveryStatus.SENT]
    losers = [e for e, d in subscribe.items() if d.last_error == "no_grant"]
    assert len(winners) == 1 and len(losers) == 1
    assert (await delivery_on(losers[0], "app_push")).status == DeliveryStatus.SENT
    message = (await wechat_sent(client))[-1]
    assert message["touser"] == who and message["template_id"] == TICKET_TEMPLATE
    ticket = "A024" if winners[0] == second else "A025"
    assert message["data"]["character_string1"]["value"] == ticket
    assert await SubscribeGrant.get(person_id=person.id).values_list("remaining", flat=True) == 0


async def test_43101_clears_the_ledger(server, client, dispatcher) -> None:
    person = await person_with(server, mp_openid=openid(), devices=("tok-43101",))
    await record_grants(person.id, [TICKET_TEMPLATE, TICKET_TEMPLATE])  # WeChat knows none
    event = await call_ticket(server, person, "43101")
    await dispatcher().run_until_idle()
    assert (await delivery_on(event, "mp_subscribe")).last_error == "no_grant"
    assert (await SubscribeGrant.get(person_id=person.id)).remaining == 0


async def test_template_messages_need_a_follower(server, client, dispatcher) -> None:
    follower, stranger = openid("oa"), openid("oa")
    await client.post("/sandbox/wechat/_test/follow", json={"openid": follower})
    data = {"service": "营业执照", "number": "BJ-9"}
    sent_to = await person_with(server, oa_openid=follower)
    fallback = await person_with(server, oa_openid=stranger, devices=("tok-oa",))
    ok = await server.app.ctx.services.notifier.publish(
        "application.completed", dedupe_key=dedupe("oa1"), data=data, person_id=sent_to.id
    )
    not_following = await server.app.ctx.services.notifier.publish(
        "application.completed", dedupe_key=dedupe("oa2"), data=data, person_id=fallback.id
    )
    await dispatcher().run_until_idle()
    delivery = await delivery_on(ok, "oa_template")
    assert delivery.status == DeliveryStatus.SENT
    message = next(m for m in await wechat_sent(client) if m.get("touser") == follower)
    assert message["client_msg_id"] == delivery.public_id
    assert message["data"]["first"]["value"] == "办件已办结"
    assert (await delivery_on(not_following, "oa_template")).last_error == "wechat:43004"
    assert (await delivery_on(not_following, "app_push")).status == DeliveryStatus.SENT


async def test_field_rules_are_checked_before_any_call(server, client, dispatcher) -> None:
    assert checked("thing1", "thing", "一" * 25) == "一" * 19 + "…"
    for kind, value in (
        ("phrase", "太长的短语了"),
        ("character_string", "A 023"),
        ("number", "三"),
        ("date", "11/23"),
        ("time", "九点"),
    ):
        try:
            checked("k", kind, value)
        except FieldRuleBroken:
            continue
        raise AssertionError(f"{kind} {value!r} passed")
    who = openid()
    person = await person_with(server, mp_openid=who, devices=("tok-rules",))
    await record_grants(person.id, [TICKET_TEMPLATE])
    await sandbox_grant(client, who, TICKET_TEMPLATE)
    before = len(await wechat_sent(client))
    event = await call_ticket(server, person, "rules", ticket="取号 A023")
    await dispatcher().run_until_idle()
    refused = await delivery_on(event, "mp_subscribe")
    assert refused.status == DeliveryStatus.FAILED and "character_string" in refused.last_error
    assert len(await wechat_sent(client)) == before  # no call was made
    assert (await SubscribeGrant.get(person_id=person.id)).remaining == 1  # nor a grant spent


async def test_fifty_sends_meeting_an_expired_token_cause_one_refresh(
    server, client, dispatcher
) -> None:
    people = []
    for _ in range(50):
        who = openid()
        person = await person_with(server, mp_openid=who)
        await record_grants(person.id, [TICKET_TEMPLATE])
        await sandbox_grant(client, who, TICKET_TEMPLATE)
        people.append(person)
    worker = dispatcher(dispatch_concurrency=50)
    await worker.channels["mp_subscribe"]._client.access_token("mp")  # a token in the cache
    await client.post("/sandbox/wechat/_test/expire-tokens")  # which WeChat now refuses
    appid = server.app.ctx.settings.wechat_mp_appid
    before = (await client.get("/sandbox/wechat/_test/token-calls")).json().get(appid, 0)
    events = await asyncio.gather(
        *(call_ticket(server, p, f"t{i}", f"B{i:03d}") for i, p in enumerate(people))
    )
    await worker.run_until_idle()
    after = (await client.get("/sandbox/wechat/_test/token-calls")).json()[appid]
    assert after - before == 1
    statuses = {(await delivery_on(e, "mp_subscribe")).status for e in events}
    assert statuses == {DeliveryStatus.SENT}


async def test_the_client_reports_grants(server, client) -> None:
    tokens = await mini_program_sign_in(client, openid())
    reported = await client.post(
        "/api/v1/me/subscribe-grants",
        json={"template_ids": [TICKET_TEMPLATE, TICKET_TEMPLATE]},
        headers=bearer(tokens),
    )
    assert reported.status_code == 200 and reported.json()["remaining"][TICKET_TEMPLATE] == 2
    unknown = await client.post(
        "/api/v1/me/subscribe-grants", json={"template_ids": ["x"]}, headers=bearer(tokens)
    )
    assert unknown.status_code == 422


async def test_first_grants_reported_at_once_all_count(server, client) -> None:
    tokens = await mini_program_sign_in(client, openid())
    answers = await asyncio.gather(
        *[
            client.post(
                "/api/v1/me/subscribe-grants",
                json={"template_ids": [TICKET_TEMPLATE]},
                headers=bearer(tokens),
            )
            for _ in range(20)
        ]
    )
    assert [a.status_code for a in answers] == [200] * 20
    assert (await SubscribeGrant.get(template_id=TICKET_TEMPLATE)).remaining == 20
