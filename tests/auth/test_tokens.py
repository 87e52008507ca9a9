"""Access tokens are refused in every way that matters; refresh tokens rotate; sessions end."""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from api.kit import clock
from api.kit.policy import citizen, requires
from auth.models import AuditEvent, AuthSession, Consent, Person, PersonStatus, RefreshToken
from auth.tokens import STAFF_AUDIENCE, TokenSigner
from tests.auth.conftest import (
    bearer,
    let_a_minute_pass,
    new_phone,
    policy_version,
    sign_in_by_phone,
)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def forged_unsigned(token: str) -> str:
    _header, payload, _ = token.split(".")
    none_header = b64(json.dumps({"alg": "none", "typ": "at+jwt"}).encode())
    return f"{none_header}.{payload}."


def claims_of(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


async def status_of(client: httpx.AsyncClient, token: str) -> int:
    response = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    if response.status_code == 401:
        assert response.json()["code"] == "auth.token_invalid"
    return response.status_code


async def test_the_real_token_works(client: httpx.AsyncClient) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    assert await status_of(client, tokens["access_token"]) == 200


async def test_forged_tokens_are_refused(client: httpx.AsyncClient, server) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    real = tokens["access_token"]
    signer: TokenSigner = server.app.ctx.services.signer
    claims = claims_of(real)
    public_pem = signer._private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    kid = jwt.get_unverified_header(real)["kid"]
    stranger = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    forged = {
        "alg none": forged_unsigned(real),
        "HS256 signed with the public key": _hs256_with(public_pem, claims, kid),
        "wrong audience": jwt.encode(
            {**claims, "aud": STAFF_AUDIENCE},
            signer._private_key,
            algorithm="ES256",
            headers={"kid": kid, "typ": "at+jwt"},
        ),
        "wrong typ": jwt.encode(
            claims, signer._private_key, algorithm="ES256", headers={"kid": kid, "typ": "JWT"}
        ),
        "unknown kid": jwt.encode(
            claims, stranger, algorithm="ES256", headers={"kid": "not-ours", "typ": "at+jwt"}
        ),
        "our kid, another key": jwt.encode(
            claims, stranger, algorithm="ES256", headers={"kid": kid, "typ": "at+jwt"}
        ),
        "expired": signer.issue(
            audience="yiwang:citizen",
            subject=claims["sub"],
            session_id=claims["sid"],
            channel="app",
            now=now - timedelta(minutes=16),
        ),
        "wrong issuer": jwt.encode(
            {**claims, "iss": "someone-else"},
            signer._private_key,
            algorithm="ES256",
            headers={"kid": kid, "typ": "at+jwt"},
        ),
        "garbage": "not.a.token",
    }
    for name, token in forged.items():
        assert await status_of(client, token) == 401, name
    missing = await client.get("/api/v1/me")
    assert missing.status_code == 401


def _hs256_with(key: bytes, claims: dict[str, Any], kid: str) -> str:
    import hashlib
    import hmac

    header = b64(json.dumps({"alg": "HS256", "typ": "at+jwt", "kid": kid}).encode())
    payload = b64(json.dumps(claims).encode())
    signature = hmac.new(key, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"


async def test_a_revoked_session_ends_its_access_token(client: httpx.AsyncClient) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    assert (await client.post("/api/v1/auth/logout", headers=bearer(tokens))).status_code == 204
    assert await status_of(client, tokens["access_token"]) == 401
    refresh = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refresh.status_code == 401


async def test_refresh_rotates_and_reuse_revokes_the_family(client: httpx.AsyncClient) -> None:
    first = await sign_in_by_phone(client, new_phone())
    second = (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    ).json()
    third = (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    ).json()
    assert third["session_id"] == first["session_id"]
    assert len({first["refresh_token"], second["refresh_token"], third["refresh_token"]}) == 3
    reused = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert reused.status_code == 401 and reused.json()["code"] == "auth.refresh_reused"
    newest = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": third["refresh_token"]}
    )
    assert newest.status_code == 401
    assert await status_of(client, third["access_token"]) == 401
    assert await AuditEvent.filter(kind="auth.refresh_reused").count() == 1


async def test_racing_uses_of_one_refresh_token_let_at_most_one_through(client) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    body = {"refresh_token": tokens["refresh_token"]}
    responses = await asyncio.gather(
        *(client.post("/api/v1/auth/refresh", json=body) for _ in range(10))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(200) == 1 and statuses.count(401) == 9
    assert await AuditEvent.filter(kind="auth.refresh_reused").count() >= 1


async def test_a_refresh_carries_the_person_and_session_over(client: httpx.AsyncClient) -> None:
    first = await sign_in_by_phone(client, new_phone())
    second = (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    ).json()
    before, after = claims_of(first["access_token"]), claims_of(second["access_token"])
    kept = ("aud", "sub", "sid", "chn", "lvl")
    assert [after[k] for k in kept] == [before[k] for k in kept]
    assert after["chn"] == "app" and after["aud"] == "yiwang:citizen"
    assert await status_of(client, second["access_token"]) == 200
    session = await AuthSession.get(public_id=first["session_id"])
    assert session.expires_at > clock.now() + timedelta(days=29)
    assert await RefreshToken.filter(session=session).count() == 2
    assert await RefreshToken.filter(session=session, used_at__isnull=True).count() == 1


async def test_an_unknown_or_merged_holders_refresh_token_is_invalid_not_reused(
    client: httpx.AsyncClient,
) -> None:
    unknown = await client.post("/api/v1/auth/refresh", json={"refresh_token": "x" * 43})
    assert unknown.status_code == 401 and unknown.json()["code"] == "auth.refresh_invalid"
    tokens = await sign_in_by_phone(client, new_phone())
    await Person.filter(public_id=claims_of(tokens["access_token"])["sub"]).update(
        status=PersonStatus.MERGED
    )
    body = {"refresh_token": tokens["refresh_token"]}
    for _ in range(2):
        refused = await client.post("/api/v1/auth/refresh", json=body)
        assert refused.status_code == 401 and refused.json()["code"] == "auth.refresh_invalid"
    assert await RefreshToken.filter(used_at__not_isnull=True).count() == 0
    assert await AuditEvent.filter(kind="auth.refresh_reused").count() == 0


async def test_an_expired_sessions_refresh_token_is_invalid_not_reused(client) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    rotated = (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    ).json()
    await AuthSession.filter(public_id=tokens["session_id"]).update(
        expires_at=clock.now() - timedelta(seconds=1)
    )
    for used_or_not in (tokens["refresh_token"], rotated["refresh_token"]):
        refused = await client.post("/api/v1/auth/refresh", json={"refresh_token": used_or_not})
        assert refused.status_code == 401 and refused.json()["code"] == "auth.refresh_invalid"
    assert await RefreshToken.filter(used_at__isnull=True).count() == 1  # the newest, unclaimed
    assert await AuditEvent.filter(kind="auth.refresh_reused").count() == 0
    assert (await AuthSession.get(public_id=tokens["session_id"])).revoked_at is None


async def test_a_person_lists_and_revokes_sessions(client: httpx.AsyncClient, clean) -> None:
    phone = new_phone()
    on_app = await sign_in_by_phone(client, phone)
    await let_a_minute_pass(clean.redis)
    on_other = await sign_in_by_phone(client, phone)
    listed = (await client.get("/api/v1/me/sessions", headers=bearer(on_app))).json()["sessions"]
    assert sorted(s["channel"] for s in listed) == ["app", "app"]
    assert {s["session_id"]: s["current"] for s in listed} == {
        on_app["session_id"]: True,
        on_other["session_id"]: False,
    }
    gone = await client.delete(
        f"/api/v1/me/sessions/{on_other['session_id']}", headers=bearer(on_app)
    )
    assert gone.status_code == 204
    assert await status_of(client, on_other["access_token"]) == 401
    assert await status_of(client, on_app["access_token"]) == 200
    unknown = await client.delete("/api/v1/me/sessions/ses_nope", headers=bearer(on_app))
    assert unknown.status_code == 404 and unknown.json()["code"] == "auth.session_not_found"


async def test_jwks_lets_another_system_verify_our_tokens(client: httpx.AsyncClient) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    jwks = (await client.get("/.well-known/jwks.json")).json()
    kid = jwt.get_unverified_header(tokens["access_token"])["kid"]
    key = next(k for k in jwks["keys"] if k["kid"] == kid)
    public_key = jwt.algorithms.ECAlgorithm.from_jwk(json.dumps(key))
    assert isinstance(public_key, ec.EllipticCurvePublicKey), "a JWKS publishes public keys only"
    claims = jwt.decode(
        tokens["access_token"],
        public_key,
        algorithms=["ES256"],
        audience="yiwang:citizen",
        issuer="yiwang",
    )
    assert claims["sid"] == tokens["session_id"]
    assert "d" not in key  # never the private part


def _step_up_blueprint() -> Blueprint:
    bp = Blueprint("step_up_probe")

    @bp.get("/probe/needs-real-name")
    @requires(citizen(2))
    async def needs_real_name(request: Request) -> HTTPResponse:
        return json_response({"ok": True})

    return bp


async def test_below_the_required_level_the_client_is_told_to_step_up(
    make_app, start_server, clean
) -> None:
    app = make_app()
    app.blueprint(_step_up_blueprint())
    live = await start_server(app)
    async with httpx.AsyncClient(base_url=live.url) as http:
        tokens = await sign_in_by_phone(http, new_phone())
        response = await http.get("/probe/needs-real-name", headers=bearer(tokens))
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "auth.level_required"
    assert body["required_level"] == 2 and body["current_level"] == 1


async def test_a_new_privacy_policy_must_be_accepted_to_stay_signed_in(server, client) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    accepted = server.app.ctx.services.identity.consents.policy_version
    with policy_version(server, "2027-01"):
        body = {"refresh_token": tokens["refresh_token"]}
        refused = await client.post("/api/v1/auth/refresh", json=body)
        assert refused.status_code == 403 and refused.json()["code"] == "auth.consent_required"
        assert refused.json()["policy_version"] == "2027-01"
        assert await RefreshToken.filter(used_at__not_isnull=True).count() == 0  # kept
        stale = await client.post(
            "/api/v1/auth/refresh", json={**body, "privacy_policy_version": accepted}
        )
        assert stale.status_code == 403 and stale.json()["policy_version"] == "2027-01"
        assert await Consent.filter(policy_version="2027-01").count() == 0
        agreed = await client.post(
            "/api/v1/auth/refresh", json={**body, "privacy_policy_version": "2027-01"}
        )
        assert agreed.status_code == 200, agreed.text
        person = await Person.get(public_id=claims_of(tokens["access_token"])["sub"])
        versions = await Consent.filter(person=person).values_list("policy_version", flat=True)
        assert sorted(versions) == sorted([accepted, "2027-01"])
        again = await client.post(
            "/api/v1/auth/refresh", json={"refresh_token": agreed.json()["refresh_token"]}
        )
        assert again.status_code == 200  # accepted once is enough


async def test_no_token_at_all_asks_to_sign_in(client) -> None:
    for path in ("/api/v1/me", "/api/v1/staff/halls/H1"):
        response = await client.get(path)
        assert response.status_code == 401, path
        assert response.json()["code"] == "auth.unauthenticated"
        assert response.json()["title"] == "请先登录"
