"""The floor for HTTP + database work: bare Sanic in one process (as ../shared/bench's floor)
with an asyncpg pool, answering refresh and GET /api/v1/me with the statements Yiwang runs
for them (imported from the code) and nothing else: no middleware, ORM, token signing or
checking, vault, masking or log. What a server doing this SQL over HTTP could reach at best.

Its "access token" is the person's and session's public ids, joined by a dot: the floor
checks no signature, so it needs nothing more. Answers keep Yiwang's field names, so the
bench's wrk script chains refresh tokens here as it does there.

Usage: python bench/sql_floor_server.py PORT DATABASE_URL POLICY_VERSION
"""

from __future__ import annotations

import hashlib
import secrets
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
from sanic import DefaultSanic, Request, Sanic
from sanic.response import HTTPResponse, json

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from auth.authenticators import _LIVE_PERSON
from auth.persons import _BINDINGS_AND_CONSENT
from auth.sessions import _ROTATE

app = Sanic("sql_floor")
REFRESH_LIFETIME = timedelta(days=30)


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
    return json(
        {
            "access_token": f"{held['subject']}.{held['session_public_id']}",
            "refresh_token": new_token,
            "session_id": held["session_public_id"],
        }
    )


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
    app.run(host="127.0.0.1", port=int(port), single_process=True, access_log=False, debug=False)
