"""Helpers for identity tests: read codes from the SMS sandbox, sign in like a client would."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from redis.asyncio import Redis

POLICY = "2026-11"
_phones = itertools.count(13800000001)


def new_phone() -> str:
    return str(next(_phones))


async def last_sms_code(client: httpx.AsyncClient, phone: str) -> str:
    response = await client.get("/sandbox/sms/messages", params={"phone": phone})
    messages = response.json()["messages"]
    assert messages, "the SMS sandbox received nothing for this phone"
    return str(messages[-1]["parameters"]["code"])


async def sign_in_by_phone(client: httpx.AsyncClient, phone: str) -> dict[str, str]:
    sent = await client.post("/api/v1/auth/sms-code", json={"phone": phone})
    assert sent.status_code == 202, sent.text
    code = await last_sms_code(client, phone)
    response = await client.post(
        "/api/v1/auth/phone",
        json={"phone": phone, "code": code, "privacy_policy_version": POLICY},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def let_a_minute_pass(redis: Redis) -> None:
    """Expire the per-minute send counters early, as if a minute had gone by."""
    keys = await redis.keys("auth:send:minute:*")
    if keys:
        await redis.delete(*keys)


def bearer(tokens: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def mini_program_sign_in(
    client: httpx.AsyncClient, openid: str, unionid: str | None = None
) -> dict[str, str]:
    code = (
        await client.post(
            "/sandbox/wechat/_test/login-code", json={"openid": openid, "unionid": unionid}
        )
    ).json()["code"]
    response = await client.post(
        "/api/v1/auth/miniprogram", json={"code": code, "privacy_policy_version": POLICY}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def official_account_sign_in(
    client: httpx.AsyncClient, openid: str, unionid: str | None, scope: str = "snsapi_userinfo"
) -> dict[str, str]:
    started = await client.post(
        "/api/v1/auth/official-account/authorize",
        json={"redirect_uri": "http://127.0.0.1/h5/after-login", "scope": scope},
    )
    assert started.status_code == 200, started.text
    code = (
        await client.post(
            "/sandbox/wechat/_test/oauth-code",
            json={"openid": openid, "unionid": unionid, "scope": scope},
        )
    ).json()["code"]
    response = await client.post(
        "/api/v1/auth/official-account",
        json={
            "code": code,
            "state": started.json()["state"],
            "verifier": started.json()["verifier"],
            "privacy_policy_version": POLICY,
        },
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def register_citizen(client: httpx.AsyncClient, name: str, id_number: str) -> None:
    """Put a citizen in the identity-verification sandbox's register."""
    await client.post(
        "/sandbox/idverify/_test/citizens", json={"name": name, "id_number": id_number}
    )


async def me(client: httpx.AsyncClient, tokens: dict[str, str]) -> dict[str, Any]:
    response = await client.get("/api/v1/me", headers=bearer(tokens))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def join_by_face(
    client: httpx.AsyncClient, tokens: dict[str, str], verify_ret: int = 10000
) -> httpx.Response:
    """Face verification for the account behind `tokens`, WeChat's sandbox answering
    `verify_ret` (10000: passed): L3, and the proof that gives it the real name it claimed."""
    started = await client.post("/api/v1/me/face/start", headers=bearer(tokens))
    assert started.status_code == 200, started.text
    verify_id = started.json()["verify_id"]
    await client.post(
        "/sandbox/wechat/_test/face-result", json={"verify_id": verify_id, "verify_ret": verify_ret}
    )
    return await client.post(
        "/api/v1/me/face/finish", json={"verify_id": verify_id}, headers=bearer(tokens)
    )


async def face_verified_citizen(
    client: httpx.AsyncClient, name: str, id_number: str, openid: str
) -> dict[str, str]:
    """A mini-program account verified by real name and then by face (L3). The name and
    number must be in the verification sandbox's register (`register_citizen`)."""
    tokens = await mini_program_sign_in(client, openid)
    verified = await client.post(
        "/api/v1/me/real-name",
        json={"name": name, "id_number": id_number},
        headers=bearer(tokens),
    )
    assert verified.status_code == 200, verified.text
    assert (await join_by_face(client, tokens)).status_code == 200
    return tokens


@contextmanager
def policy_version(server: Any, version: str) -> Iterator[None]:
    """The service asks for a new privacy-policy version, for the length of the block."""
    consents = server.app.ctx.services.identity.consents
    accepted = consents.policy_version
    consents.policy_version = version
    try:
        yield
    finally:
        consents.policy_version = accepted
