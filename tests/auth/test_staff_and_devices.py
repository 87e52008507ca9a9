"""Staff accounts and lockout, audiences kept apart, device keys, staff looking at citizens."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import jwt
import pytest

from api.kit import clock
from auth import errors
from auth.models import AuditEvent, AuthSession, RefreshToken, StaffAccount
from auth.staff import create_device, create_staff, revoke_device
from tests.auth.conftest import bearer, me, new_phone, sign_in_by_phone
from tests.clocks import later

PASSWORD = "Window-07-counter!"


async def staff_tokens(client: httpx.AsyncClient, username: str) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/staff/auth/login", json={"username": username, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_staff_sign_in_and_profile(client) -> None:
    await create_staff("clerk01", PASSWORD, {"clerk"}, "H001")
    tokens = await staff_tokens(client, "clerk01")
    profile = await client.get("/api/v1/staff/me", headers=bearer(tokens))
    assert profile.json()["roles"] == ["clerk"] and profile.json()["hall_code"] == "H001"
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 200
    assert (
        await client.get("/api/v1/staff/me", headers=bearer(refreshed.json()))
    ).status_code == 200
    before = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    after = jwt.decode(refreshed.json()["access_token"], options={"verify_signature": False})
    kept = ("aud", "sub", "sid", "chn", "roles")
    assert [after[k] for k in kept] == [before[k] for k in kept]
    assert after["aud"] == "yiwang:staff" and after["roles"] == ["clerk"]
    session = await AuthSession.get(public_id=tokens["session_id"])
    assert session.expires_at <= session.created_at + timedelta(hours=12)  # does not slide


async def test_a_disabled_account_cannot_refresh(client) -> None:
    await create_staff("clerk04", PASSWORD, {"clerk"}, None)
    tokens = await staff_tokens(client, "clerk04")
    await StaffAccount.filter(username="clerk04").update(disabled=True)
    refused = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refused.status_code == 401 and refused.json()["code"] == "auth.refresh_invalid"
    assert await RefreshToken.filter(used_at__not_isnull=True).count() == 0


@pytest.mark.parametrize(
    "password",
    ["short-1!", "onlyletters!!!!", "1234567890123!", "NoSymbols12345", "clerk02-Passw0rd!"],
)
async def test_weak_passwords_are_refused(client, password: str) -> None:
    with pytest.raises(errors.PasswordTooWeak):
        await create_staff("clerk02", password, {"clerk"}, None)


async def test_five_failures_lock_the_account_for_fifteen_minutes(client) -> None:
    await create_staff("clerk03", PASSWORD, {"clerk"}, None)
    for _ in range(5):
        wrong = await client.post(
            "/api/v1/staff/auth/login", json={"username": "clerk03", "password": "Wrong-password-1"}
        )
        assert wrong.status_code == 401
        assert wrong.json()["code"] == "auth.staff_credentials_invalid"
    locked = await client.post(
        "/api/v1/staff/auth/login", json={"username": "clerk03", "password": PASSWORD}
    )
    assert locked.status_code == 423 and locked.json()["code"] == "auth.staff_locked"
    assert 800 < int(locked.headers["retry-after"]) <= 901
    real = clock.clock
    clock.clock = clock.FrozenClock(real.now() + timedelta(minutes=16))
    try:
        assert (await staff_tokens(client, "clerk03"))["access_token"]
    finally:
        clock.clock = real
    assert await AuditEvent.filter(kind="staff.locked").count() == 1


async def test_an_unknown_username_gets_the_same_answers_as_a_real_one(client) -> None:
    await create_staff("clerk06", PASSWORD, {"clerk"}, None)
    answers = {}
    for username in ("nobody", "clerk06"):
        wrong = {"username": username, "password": "Wrong-password-1"}
        answers[username] = [
            (r.status_code, r.json()["code"], "retry-after" in r.headers)
            for r in [await client.post("/api/v1/staff/auth/login", json=wrong) for _ in range(6)]
        ]
    assert answers["nobody"] == answers["clerk06"]
    assert answers["nobody"][0] == (401, "auth.staff_credentials_invalid", False)
    assert answers["nobody"][5] == (423, "auth.staff_locked", True)


async def test_citizen_and_staff_tokens_do_not_cross(client) -> None:
    await create_staff("clerk04", PASSWORD, {"clerk"}, None)
    staff = await staff_tokens(client, "clerk04")
    citizen = await sign_in_by_phone(client, new_phone())
    assert (await client.get("/api/v1/me", headers=bearer(staff))).status_code == 401
    assert (await client.get("/api/v1/staff/me", headers=bearer(citizen))).status_code == 401
    person = (await me(client, citizen))["person_id"]
    clerk_look = await client.get(f"/api/v1/staff/persons/{person}", headers=bearer(staff))
    assert clerk_look.status_code == 403 and clerk_look.json()["code"] == "auth.wrong_audience"


async def test_a_hall_admin_sees_a_masked_citizen_and_the_look_is_audited(client) -> None:
    await create_staff("admin01", PASSWORD, {"hall_admin"}, "H001")
    admin = await staff_tokens(client, "admin01")
    phone = new_phone()
    person = (await me(client, await sign_in_by_phone(client, phone)))["person_id"]
    response = await client.get(f"/api/v1/staff/persons/{person}", headers=bearer(admin))
    assert response.status_code == 200
    assert phone not in response.text and response.json()["bindings"][0]["value"].count("*") == 4
    event = await AuditEvent.get(kind="staff.viewed_person")
    staff_id = (await client.get("/api/v1/staff/me", headers=bearer(admin))).json()["staff_id"]
    assert event.actor == staff_id and event.person_public_id == person


async def test_device_keys_work_until_revoked(client) -> None:
    device, key = await create_device("1号取号机", "kiosk", "H001")
    seen = await client.get("/api/v1/device/me", headers={"X-Device-Key": key})
    assert seen.status_code == 200 and seen.json()["hall_code"] == "H001"
    assert (
        await client.get("/api/v1/device/me", headers={"X-Device-Key": key + "x"})
    ).status_code == 401
    assert (await client.get("/api/v1/device/me")).status_code == 401
    assert await revoke_device(device.public_id)
    revoked = await client.get("/api/v1/device/me", headers={"X-Device-Key": key})
    assert revoked.status_code == 401 and revoked.json()["code"] == "auth.device_key_invalid"


async def test_guesses_sent_all_at_once_get_five_tries_between_them(client) -> None:
    await create_staff("clerk05", PASSWORD, {"clerk"}, None)
    wrong = {"username": "clerk05", "password": "Wrong-password-1"}
    responses = await asyncio.gather(
        *(client.post("/api/v1/staff/auth/login", json=wrong) for _ in range(20))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [401] * 5 + [423] * 15
    assert await AuditEvent.filter(kind="staff.sign_in_failed").count() == 5
    right = await client.post(
        "/api/v1/staff/auth/login", json={"username": "clerk05", "password": PASSWORD}
    )
    assert right.status_code == 423  # locked for the 15 minutes, the right password too


async def test_attempts_whose_requests_died_hold_the_account_a_moment_only(client) -> None:
    account = await create_staff("clerk07", PASSWORD, {"clerk"}, None)
    await StaffAccount.filter(id=account.id).update(failed_attempts=5)  # five never resolved
    login = {"username": "clerk07", "password": PASSWORD}
    held = await client.post("/api/v1/staff/auth/login", json=login)
    assert held.status_code == 423 and int(held.headers["retry-after"]) <= 31  # a moment only
    with later(timedelta(minutes=16)):
        assert (await client.post("/api/v1/staff/auth/login", json=login)).status_code == 200


async def test_parallel_guesses_at_an_unknown_username_are_answered_as_for_a_real_one(
    client,
) -> None:
    await create_staff("clerk08", PASSWORD, {"clerk"}, None)
    answers = {}
    for username in ("nobody-at-all", "clerk08"):
        wrong = {"username": username, "password": "Wrong-password-1"}
        responses = await asyncio.gather(
            *(client.post("/api/v1/staff/auth/login", json=wrong) for _ in range(12))
        )
        answers[username] = sorted(r.status_code for r in responses)
    assert answers["nobody-at-all"] == answers["clerk08"] == [401] * 5 + [423] * 7


async def test_a_burst_of_right_passwords_does_not_lock_the_account(client) -> None:
    await create_staff("clerk09", PASSWORD, {"clerk"}, None)
    login = {"username": "clerk09", "password": PASSWORD}
    responses = await asyncio.gather(
        *(client.post("/api/v1/staff/auth/login", json=login) for _ in range(12))
    )
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) >= 5 and set(statuses) <= {200, 423}
    held = [int(r.headers["retry-after"]) for r in responses if r.status_code == 423]
    assert all(seconds <= 31 for seconds in held)  # a moment, not the 15-minute lock
    with later(timedelta(minutes=1)):
        assert (await client.post("/api/v1/staff/auth/login", json=login)).status_code == 200
