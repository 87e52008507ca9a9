"""Phone + SMS code sign-in, against the SMS sandbox over HTTP."""

from __future__ import annotations

import httpx
import pytest

from auth.models import AuditEvent, Binding, BindingKind
from tests.auth.conftest import (
    POLICY,
    bearer,
    last_sms_code,
    let_a_minute_pass,
    new_phone,
    sign_in_by_phone,
)


async def test_sign_in_creates_one_person_with_a_verified_phone(client, clean) -> None:
    phone = new_phone()
    tokens = await sign_in_by_phone(client, phone)
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 900
    me = (await client.get("/api/v1/me", headers=bearer(tokens))).json()
    assert me["level"] == 1
    assert me["bindings"] == [
        {"kind": "phone", "value": phone[:3] + "****" + phone[-4:], "verified": True}
    ]
    assert me["privacy_policy_version"] == POLICY
    await let_a_minute_pass(clean.redis)
    again = await sign_in_by_phone(client, phone)
    me_again = (await client.get("/api/v1/me", headers=bearer(again))).json()
    assert me_again["person_id"] == me["person_id"]
    assert await Binding.filter(kind=BindingKind.PHONE).count() == 1


async def test_the_sms_carries_the_code_in_the_gateway_wire_format(client) -> None:
    phone = new_phone()
    await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    message = (await client.get("/sandbox/sms/messages", params={"phone": phone})).json()[
        "messages"
    ][-1]
    assert message["template_code"] == "SMS_CODE_0001"
    assert message["sign_name"] == "一网通办"
    assert len(message["parameters"]["code"]) == 6 and message["out_id"].startswith("sms_")


async def test_signing_in_needs_the_current_privacy_policy(client: httpx.AsyncClient) -> None:
    phone = new_phone()
    await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    code = await last_sms_code(client, phone)
    refused = await client.post("/api/v1/auth/phone", json={"phone": phone, "code": code})
    assert refused.status_code == 403
    assert refused.json()["code"] == "auth.consent_required"
    assert refused.json()["policy_version"] == POLICY
    # The code was not spent by the refusal.
    accepted = await client.post(
        "/api/v1/auth/phone",
        json={"phone": phone, "code": code, "privacy_policy_version": POLICY},
    )
    assert accepted.status_code == 200


async def test_a_code_works_once(client: httpx.AsyncClient) -> None:
    phone = new_phone()
    await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    code = await last_sms_code(client, phone)
    body = {"phone": phone, "code": code, "privacy_policy_version": POLICY}
    assert (await client.post("/api/v1/auth/phone", json=body)).status_code == 200
    second = await client.post("/api/v1/auth/phone", json=body)
    assert second.status_code == 401 and second.json()["code"] == "auth.code_invalid"


async def test_the_sixth_try_fails_even_with_the_right_code(client: httpx.AsyncClient) -> None:
    phone = new_phone()
    await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    code = await last_sms_code(client, phone)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        response = await client.post(
            "/api/v1/auth/phone",
            json={"phone": phone, "code": wrong, "privacy_policy_version": POLICY},
        )
        assert response.status_code == 401
    right = await client.post(
        "/api/v1/auth/phone", json={"phone": phone, "code": code, "privacy_policy_version": POLICY}
    )
    assert right.status_code == 401 and right.json()["code"] == "auth.code_invalid"
    assert await AuditEvent.filter(kind="auth.sign_in_failed").count() == 6


async def test_a_second_send_within_a_minute_gets_429_with_retry_after(client) -> None:
    phone = new_phone()
    assert (await client.post("/api/v1/auth/sms-code", json={"phone": phone})).status_code == 202
    refused = await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    assert refused.status_code == 429
    assert refused.json()["code"] == "auth.rate_limited"
    assert 0 < int(refused.headers["retry-after"]) <= 60


async def test_the_hourly_limit_holds_when_the_minute_has_passed(client, clean) -> None:
    phone = new_phone()
    for _ in range(5):
        assert (
            await client.post("/api/v1/auth/sms-code", json={"phone": phone})
        ).status_code == 202
        # Let the minute window pass without waiting: its counter expires early.
        for key in await clean.redis.keys("auth:send:minute:*"):
            await clean.redis.delete(key)
    refused = await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    assert refused.status_code == 429
    assert 60 < int(refused.headers["retry-after"]) <= 3600


async def test_one_address_cannot_send_to_many_phones(client: httpx.AsyncClient) -> None:
    statuses = [
        (await client.post("/api/v1/auth/sms-code", json={"phone": new_phone()})).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [202] * 30
    assert statuses[30] == 429


async def test_code_expires_after_five_minutes(client, clean) -> None:
    phone = new_phone()
    await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    keys = await clean.redis.keys("auth:code:*")
    assert len(keys) == 1
    assert 290 <= await clean.redis.ttl(keys[0]) <= 300
    stored = await clean.redis.hgetall(keys[0])
    assert await last_sms_code(client, phone) not in str(stored)  # only a salted digest


async def test_a_phone_typed_in_fullwidth_digits_is_the_same_phone(client, clean) -> None:
    phone = new_phone()
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in phone)
    assert (
        await client.post("/api/v1/auth/sms-code", json={"phone": fullwidth})
    ).status_code == 202
    again = await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    assert again.status_code == 429  # the same number: one blind index, one send limit


@pytest.mark.parametrize(
    "phone", ["12345", "23800000000", "1380000000a", "+1 555 0100", "١٣٨٠٠٠٠٠٠٠٠"]
)
async def test_bad_phone_numbers_are_refused_without_sending(client, phone: str) -> None:
    response = await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    assert response.status_code in (422,)
    assert response.json()["code"] in ("auth.phone_invalid", "request.validation_failed")


async def test_behind_the_load_balancer_each_citizen_has_their_own_address(
    make_app, start_server, clean
) -> None:
    behind_proxy = await start_server(make_app(proxies_count=1))
    async with httpx.AsyncClient(base_url=behind_proxy.url, timeout=10) as http:

        async def send_from(address: str) -> int:
            response = await http.post(
                "/api/v1/auth/sms-code",
                json={"phone": new_phone()},
                headers={"X-Forwarded-For": address},
            )
            return response.status_code

        assert [await send_from("203.0.113.7") for _ in range(31)] == [202] * 30 + [429]
        assert await send_from("198.51.100.20") == 202  # another citizen, same proxy
    sent = await AuditEvent.filter(kind="auth.code_sent").order_by("-id").first()
    assert sent is not None and sent.detail["ip"] == "198.51.100.*"


async def test_a_code_typed_in_fullwidth_digits_is_the_same_code(client) -> None:
    phone = new_phone()
    assert (await client.post("/api/v1/auth/sms-code", json={"phone": phone})).status_code == 202
    code = await last_sms_code(client, phone)
    other_script = "".join(chr(0x0660 + int(d)) for d in code)  # Arabic-Indic digits
    refused = await client.post(
        "/api/v1/auth/phone",
        json={"phone": phone, "code": other_script, "privacy_policy_version": POLICY},
    )
    assert refused.status_code == 422  # not a code we sent, and no try spent on it
    fullwidth = "".join(chr(0xFF10 + int(d)) for d in code)
    signed_in = await client.post(
        "/api/v1/auth/phone",
        json={"phone": phone, "code": fullwidth, "privacy_policy_version": POLICY},
    )
    assert signed_in.status_code == 200, signed_in.text


async def test_an_sms_gateway_that_does_not_answer_is_a_503_with_retry_after(
    make_app, start_server, clean
) -> None:
    """An outside system's outage is expected, like the database's: 503, and when to retry."""
    server = await start_server(make_app(sms_base_url="http://127.0.0.1:9"))
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        answer = await http.post("/api/v1/auth/sms-code", json={"phone": new_phone()})
    assert answer.status_code == 503
    assert answer.json()["code"] == "auth.gateway_unavailable"
    assert answer.headers["Retry-After"] == "5"
