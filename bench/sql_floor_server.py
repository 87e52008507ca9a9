"""The floor for HTTP + database work: bare Sanic in one process (as ../shared/bench's floor)
with an asyncpg pool, answering refresh and GET /api/v1/me with the statements Yiwang runs
for them (imported from the code) and nothing else: no middleware, ORM, token signing or
checking, vault, masking or log. What a server doing this SQL over HTTP could reach at best.

Its "access token" is the person's and session's public ids, joined by a dot: the floor
checks no signature, so it needs nothing more. Answers keep Yiwang's field names, so the
bench's wrk script chains refresh tokens here as it does there.

With `sign` it also does the one piece of token work no server of Yiwang's contract can skip:
a refresh signs an ES256 access token (the published JWKS lets other systems verify them, so
the signature is asymmetric), with PyJWT as Yiwang does, and answers it beside the floor's own
token. A GET /me checks nothing more here: Yiwang too skips the signature check of a token it
signed itself (the bench presents no other kind).

Usage: python bench/sql_floor_server.py PORT DATABASE_URL POLICY_VERSION [sign]
"""

from __future__ import annotations

import hashlib
import json as stdlib_json
import secrets
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from sanic import DefaultSanic, Request, Sanic
from sanic.response import HTTPResponse, json

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auth.authenticators import _LIVE_PERSON
from auth.persons import _BINDINGS_AND_CONSENT
from auth.sessions import _ROTATE

app = Sanic("sql_floor")
REFRESH_LIFETIME = timedelta(days=30)
ACCESS_LIFETIME = timedelta(minutes=15)
SIGNING_KEY = ec.generate_private_key(ec.SECP256R1())
JWS = jwt.PyJWS()


@app.before_server_start
async def open_pool(app: DefaultSanic) -> None:
    url = app.config.DATABASE_URL.replace("postgres://", "postgresql://", 1)
    app.ctx.pool = await asyncpg.create_pool(url, min_size=2, max_size=20, reset=_no_reset)


async def _no_reset(connection: asyncpg.Connection) -> None:
    """asyncpg's default reset is a round trip per release; the floor leaves nothing to undo."""


@app.after_server_stop
async def close_pool(app: DefaultSanic) -> None:
    await app.ctx.pool.close()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@app.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json({"ok": True})


@app.post("/api/v1/auth/refresh")
async def refresh(request: Request) -> HTTPResponse:
    now = datetime.now(UTC)
    new_token = secrets.token_urlsafe(32)
    rows = await app.ctx.pool.fetch(
        _ROTATE,
        _hash(request.json["refresh_token"]),
        now,
        now + REFRESH_LIFETIME,
        _hash(new_token),
        app.config.POLICY_VERSION,
        None,
    )
    if not rows or not rows[0]["claimed"]:
        return json({"code": "auth.refresh_invalid"}, status=401)
    held = rows[0]
    answer = {
        "access_token": f"{held['subject']}.{held['session_public_id']}",
        "refresh_token": new_token,
        "session_id": held["session_public_id"],
    }
    if app.config.SIGN:
        answer["signed_access_token"] = signed_access_token(held, now)
    return json(answer)


def signed_access_token(held: asyncpg.Record, now: datetime) -> str:
    """The claims and headers Yiwang's access tokens carry, signed the way it signs them."""
    issued = int(now.timestamp())
    claims = {
        "iss": "yiwang",
        "aud": "yiwang:citizen",
        "sub": held["subject"],
        "sid": held["session_public_id"],
        "chn": held["channel"],
        "lvl": held["level"],
        "roles": [],
        "iat": issued,
        "exp": issued + int(ACCESS_LIFETIME.total_seconds()),
        "jti": secrets.token_urlsafe(12),
    }
    payload = stdlib_json.dumps(claims, separators=(",", ":")).encode()
    headers = {"kid": "floor", "typ": "at+jwt"}
    return JWS.encode(payload, SIGNING_KEY, algorithm="ES256", headers=headers)


@app.get("/api/v1/me")
async def me(request: Request) -> HTTPResponse:
    person_id, _, session_id = request.headers.get("authorization", "")[7:].partition(".")
    pool = app.ctx.pool
    people = await pool.fetch(_LIVE_PERSON, person_id, session_id, datetime.now(UTC))
    if not people:
        return json({"code": "auth.token_invalid"}, status=401)
    person = people[0]
    rows = await pool.fetch(_BINDINGS_AND_CONSENT, person["id"])
    return json(
        {
            "person_id": person["public_id"],
            "level": person["level"],
            "bindings": [{"kind": row["kind"]} for row in rows if row["id"] is not None],
            "privacy_policy_version": rows[0]["accepted_policy_version"],
        }
    )


if __name__ == "__main__":
    port, database_url, policy_version = sys.argv[1], sys.argv[2], sys.argv[3]
    app.config.DATABASE_URL = database_url
    app.config.POLICY_VERSION = policy_version
    app.config.SIGN = sys.argv[4:] == ["sign"]
    app.run(host="127.0.0.1", port=int(port), single_process=True, access_log=False, debug=False)
