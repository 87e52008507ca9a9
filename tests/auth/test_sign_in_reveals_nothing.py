"""Issue 18: before a sign-in proves its code, nothing in the answer says whether the phone
has an account; and signing in is rate-limited per target and per address like code sends."""

from __future__ import annotations

from auth.limits import IP_SIGN_IN_LIMITS, TARGET_SIGN_IN_LIMITS
from tests.auth.conftest import (
    POLICY,
    last_sms_code,
    let_a_minute_pass,
    new_phone,
    sign_in_by_phone,
)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


async def test_a_wrong_code_answers_alike_for_a_phone_with_and_without_an_account(
    client, clean
) -> None:
    known, unknown = new_phone(), new_phone()
    await sign_in_by_phone(client, known)
    await let_a_minute_pass(clean.redis)
    answers = []
    for phone in (known, unknown):
        await client.post("/api/v1/auth/sms-code", json={"phone": phone})
        code = await last_sms_code(client, phone)
        answer = await client.post("/api/v1/auth/phone", json={"phone": phone, "code": wrong(code)})
        answers.append((answer.status_code, answer.json()["code"]))
    assert answers == [(401, "auth.code_invalid")] * 2


async def test_a_phone_with_no_code_sent_answers_like_one_with_an_account(client) -> None:
    known = new_phone()
    await sign_in_by_phone(client, known)
    for phone in (known, new_phone()):
        answer = await client.post("/api/v1/auth/phone", json={"phone": phone, "code": "123456"})
        assert answer.status_code == 401 and answer.json()["code"] == "auth.code_invalid"


async def test_the_right_code_without_consent_asks_for_it_and_keeps_the_code(client) -> None:
    phone = new_phone()
    await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    code = await last_sms_code(client, phone)
    asked = await client.post("/api/v1/auth/phone", json={"phone": phone, "code": code})
    assert asked.status_code == 403 and asked.json()["code"] == "auth.consent_required"
    body = {"phone": phone, "code": code, "privacy_policy_version": POLICY}
    assert (await client.post("/api/v1/auth/phone", json=body)).status_code == 200
    assert (await client.post("/api/v1/auth/phone", json=body)).status_code == 401  # spent


async def test_one_phone_cannot_be_tried_without_end(client) -> None:
    phone = new_phone()
    limit = TARGET_SIGN_IN_LIMITS[0][2]
    body = {"phone": phone, "code": "000000", "privacy_policy_version": POLICY}
    statuses = [
        (await client.post("/api/v1/auth/phone", json=body)).status_code for _ in range(limit + 1)
    ]
    assert statuses == [401] * limit + [429]


async def test_one_address_cannot_try_phones_without_end(client, clean) -> None:
    limit = IP_SIGN_IN_LIMITS[0][2]
    # Most of the window already used by this address, on other phones.
    await clean.redis.set("auth:sign-in-ip:minute:127.0.0.1", limit - 1, ex=60)
    body = {"code": "000000", "privacy_policy_version": POLICY}
    first = await client.post("/api/v1/auth/phone", json={**body, "phone": new_phone()})
    assert first.status_code == 401
    refused = await client.post("/api/v1/auth/phone", json={**body, "phone": new_phone()})
    assert refused.status_code == 429 and refused.json()["code"] == "auth.rate_limited"
    assert 0 < int(refused.headers["retry-after"]) <= 60


async def test_one_wechat_login_code_or_address_cannot_be_tried_without_end(client, clean) -> None:
    limit = TARGET_SIGN_IN_LIMITS[0][2]
    body = {"code": "forged-login-code", "privacy_policy_version": POLICY}
    statuses = [
        (await client.post("/api/v1/auth/miniprogram", json=body)).status_code
        for _ in range(limit + 1)
    ]
    assert statuses == [401] * limit + [429]
    await clean.redis.set("auth:sign-in-ip:minute:127.0.0.1", IP_SIGN_IN_LIMITS[0][2], ex=60)
    other = await client.post("/api/v1/auth/miniprogram", json={**body, "code": "another-code"})
    assert other.status_code == 429
