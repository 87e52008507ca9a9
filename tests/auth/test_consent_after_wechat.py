"""A WeChat sign-in that still needs the privacy policy accepted keeps the identity WeChat
proved for a single-use consent step, instead of spending the one-time code for nothing."""

from __future__ import annotations

import httpx

from tests.auth.conftest import POLICY, bearer, me


async def login_code(client: httpx.AsyncClient, openid: str) -> str:
    minted = await client.post("/sandbox/wechat/_test/login-code", json={"openid": openid})
    return str(minted.json()["code"])


async def test_a_mini_program_sign_in_without_consent_is_completed_by_the_ticket(
    client, clean
) -> None:
    code = await login_code(client, "o-consent-later")
    asked = await client.post("/api/v1/auth/miniprogram", json={"code": code})
    assert asked.status_code == 403, asked.text
    problem = asked.json()
    assert problem["code"] == "auth.consent_required"
    assert problem["policy_version"] == POLICY
    assert problem["consent_ticket_expires_in"] == 300
    # The code is spent at WeChat: the retry the old flow needed fails there.
    again = await client.post(
        "/api/v1/auth/miniprogram", json={"code": code, "privacy_policy_version": POLICY}
    )
    assert again.status_code != 200
    signed_in = await client.post(
        "/api/v1/auth/consent",
        json={"consent_ticket": problem["consent_ticket"], "privacy_policy_version": POLICY},
    )
    assert signed_in.status_code == 200, signed_in.text
    tokens = signed_in.json()
    profile = await me(client, tokens)
    assert profile["privacy_policy_version"] == POLICY
    assert [b["kind"] for b in profile["bindings"]] == ["mp_openid"]
    # The same WeChat user signing in again lands on the same person, consent on record.
    next_time = await client.post(
        "/api/v1/auth/miniprogram", json={"code": await login_code(client, "o-consent-later")}
    )
    assert next_time.status_code == 200, next_time.text
    assert (await me(client, next_time.json()))["person_id"] == profile["person_id"]
    sessions = await client.get("/api/v1/me/sessions", headers=bearer(tokens))
    assert {s["channel"] for s in sessions.json()["sessions"]} == {"miniprogram"}


async def test_a_consent_ticket_is_single_use_and_needs_the_current_version(client, clean) -> None:
    asked = await client.post(
        "/api/v1/auth/miniprogram", json={"code": await login_code(client, "o-once")}
    )
    ticket = asked.json()["consent_ticket"]
    old_version = await client.post(
        "/api/v1/auth/consent",
        json={"consent_ticket": ticket, "privacy_policy_version": "2020-01"},
    )
    assert old_version.status_code == 403
    assert old_version.json()["code"] == "auth.consent_required"
    renewed = old_version.json()["consent_ticket"]  # the identity is held again, afresh
    assert renewed != ticket
    spent = await client.post(
        "/api/v1/auth/consent", json={"consent_ticket": ticket, "privacy_policy_version": POLICY}
    )
    assert spent.status_code == 400 and spent.json()["code"] == "auth.consent_ticket_invalid"
    accepted = await client.post(
        "/api/v1/auth/consent", json={"consent_ticket": renewed, "privacy_policy_version": POLICY}
    )
    assert accepted.status_code == 200, accepted.text
    replayed = await client.post(
        "/api/v1/auth/consent", json={"consent_ticket": renewed, "privacy_policy_version": POLICY}
    )
    assert replayed.status_code == 400


async def test_an_official_account_sign_in_keeps_its_identity_for_consent(client, clean) -> None:
    started = await client.post(
        "/api/v1/auth/official-account/authorize",
        json={"redirect_uri": "http://127.0.0.1/h5/after-login", "scope": "snsapi_base"},
    )
    code = (
        await client.post("/sandbox/wechat/_test/oauth-code", json={"openid": "oa-consent"})
    ).json()["code"]
    asked = await client.post(
        "/api/v1/auth/official-account",
        json={
            "code": code,
            "state": started.json()["state"],
            "verifier": started.json()["verifier"],
        },
    )
    assert asked.status_code == 403 and "consent_ticket" in asked.json()
    signed_in = await client.post(
        "/api/v1/auth/consent",
        json={"consent_ticket": asked.json()["consent_ticket"], "privacy_policy_version": POLICY},
    )
    assert signed_in.status_code == 200, signed_in.text
    sessions = await client.get("/api/v1/me/sessions", headers=bearer(signed_in.json()))
    assert {s["channel"] for s in sessions.json()["sessions"]} == {"official_account"}
