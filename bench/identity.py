"""Refresh + authenticated GET /api/v1/me against bare Sanic + asyncpg running the same SQL.

Yiwang runs as `yiwang serve` (one worker, like the floors' one process) on PostgreSQL and
Redis, with the access log on. Citizens sign in through the mini-program sandbox first. Each
wrk thread holds one connection and one session: refresh tokens rotate and a reused one revokes
its family, so a thread chains the refresh token each answer gives it. Scenarios:

- me: every request is GET /api/v1/me with the thread's access token;
- refresh+me: a refresh, then GET /api/v1/me with the new access token, over and over.

Both commit to or read from PostgreSQL on every request, so they are bounded by the database on
these cores, not by HTTP: the floor that counts is `bench/sql_floor_server.py`, bare Sanic +
asyncpg running the endpoints' own statements (imported from the code) and nothing else, with
the same wrk settings. TARGET (issue 11): refresh+me at least 0.85 of it.

Beside it, for refresh+me, the same floor signing the ES256 access token each refresh must mint
(`sql_floor_server.py ... sign`): the one piece of token work no server of this contract can
skip, so the fair measure of everything else Yiwang does (FAIR_TARGET). Also reported: the bare
HTTP floor (`../shared/bench/floor_server.py`), and pgbench running the same statements, one
client per session, chaining refresh tokens by hash as a client does.

Usage: python bench/identity.py [--rounds 3] [--seconds 10] [--threads 16]
       (YIWANG_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, is used
       to create and drop a scratch database; YIWANG_BENCH_REDIS_URL, default db 14)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ROOT, WrkRun, floor_server, free_port, report, server, wrk
from scratch import empty_redis, on_scratch_database, pgbench_one_client_each, yiwang_env

TARGET = 0.85  # refresh+me vs sql_floor_server (issue 11)
FAIR_TARGET = 0.85  # refresh+me vs sql_floor_server signing its access tokens
SQL_FLOOR_SERVER = Path(__file__).resolve().parent / "sql_floor_server.py"
POLICY = "2026-11"

# Each wrk thread (one connection each) gets its own session from the token list.
SESSION_PER_THREAD = """
local tokens = {TOKENS}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
"""

ME_SCRIPT = (
    SESSION_PER_THREAD
    + """
function init(args)
  access = tokens[id].access
end
function request()
  return wrk.format("GET", "/api/v1/me", {["Authorization"] = "Bearer " .. access})
end
"""
)

REFRESH_ME_SCRIPT = (
    SESSION_PER_THREAD
    + """
function init(args)
  access = tokens[id].access
  refresh = tokens[id].refresh
  step = 0
end
function request()
  step = step + 1
  if step % 2 == 1 then
    return wrk.format("POST", "/api/v1/auth/refresh", {["Content-Type"] = "application/json"},
      '{"refresh_token":"' .. refresh .. '"}')
  end
  return wrk.format("GET", "/api/v1/me", {["Authorization"] = "Bearer " .. access})
end
function response(status, headers, body)
  local new_refresh = string.match(body, '"refresh_token":"([^"]+)"')
  if new_refresh then
    refresh = new_refresh
    access = string.match(body, '"access_token":"([^"]+)"')
  end
end
"""
)


def lua_tokens(tokens: list[dict[str, str]]) -> str:
    rows = ",".join(
        f'{{access="{t["access_token"]}", refresh="{t["refresh_token"]}"}}' for t in tokens
    )
    return "{" + rows + "}"


async def fresh_sessions(base: str, count: int, redis_url: str) -> list[dict[str, str]]:
    """New citizens signed in through the mini-program sandbox: every wrk run starts with
    unused refresh tokens (a reused one revokes its session, as it should). The sign-in limits
    count per address, and every citizen of the bench comes from one: its Redis database is
    emptied first (sessions live in PostgreSQL; nothing the load needs is in Redis)."""
    await empty_redis(redis_url)
    tokens = []
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        for _ in range(count):
            openid = f"bench-{uuid.uuid4().hex[:16]}"
            minted = await http.post("/sandbox/wechat/_test/login-code", json={"openid": openid})
            answer = await http.post(
                "/api/v1/auth/miniprogram",
                json={"code": minted.json()["code"], "privacy_policy_version": POLICY},
            )
            answer.raise_for_status()
            tokens.append(answer.json())
    return tokens


def write_script(path: Path, template: str, tokens: list[dict[str, str]]) -> Path:
    path.write_text(template.replace("{TOKENS}", lua_tokens(tokens)))
    return path


async def session_rows(database_url: str, tokens: list[dict[str, str]]) -> list[dict[str, object]]:
    """The ids behind each token, for pgbench scripts that run the endpoint's own SQL."""
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        rows = []
        for token in tokens:
            row = await connection.fetchrow(
                "SELECT s.id AS sid, s.public_id AS spub, p.id AS pid, p.public_id AS ppub"
                " FROM auth_session s JOIN person p ON p.id = s.person_id WHERE s.public_id = $1",
                token["session_id"],
            )
            rows.append(dict(row))
        return rows
    finally:
        await connection.close()


def endpoint_sql() -> tuple[str, str]:
    """The statements the two endpoints run on PostgreSQL, taken from the code itself, with
    pgbench's values in place of the parameters. The refresh chains its tokens as a client
    does: it claims the token whose hash it holds (`:current`, first from `-D`) and keeps the
    hash of the one it mints (`\\gset`), so each rotation finds its row through the same
    unique index the server uses."""
    from auth.authenticators import _LIVE_PERSON
    from auth.persons import _BINDINGS_AND_CONSENT
    from auth.sessions import _ROTATE

    me = (
        _LIVE_PERSON.replace("$1", "'{ppub}'").replace("$2", "'{spub}'").replace("$3", "now()")
        + ";\n"
        + _BINDINGS_AND_CONSENT.replace("$1", "{pid}")
        + ";\n"
    )
    minting = "SELECT c.session_id, $4, $2 FROM claimed c\n)"
    answer = "SELECT a.*, EXISTS (SELECT 1 FROM claimed) AS claimed FROM allowed a\n"
    assert minting in _ROTATE and answer in _ROTATE, "the rotation's SQL changed: update this bench"
    refresh = (
        _ROTATE.replace(minting, minting[:-1] + "    RETURNING token_hash\n)")
        .replace(answer, "SELECT minted.token_hash AS current FROM minted \\gset\n")
        .replace("$1", ":current")
        .replace("$2", "now()")
        .replace("$3", "now() + interval '30 days'")
        .replace("$4", "encode(sha256(gen_random_uuid()::text::bytea), 'hex')")
        .replace("$5", f"'{POLICY}'")
        .replace("$6", "NULL")
    )
    return me, refresh


def pgbench_scripts(directory: Path, rows: list[dict[str, object]], refresh: bool) -> list[Path]:
    paths = []
    for index, row in enumerate(rows):
        me_sql, refresh_sql = endpoint_sql()
        sql = (refresh_sql + me_sql if refresh else me_sql).format(**row)
        path = directory / f"{'refresh_me' if refresh else 'me'}-{index}.sql"
        path.write_text(sql)
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    return on_scratch_database(lambda database, redis: run(args, database, redis), 14)


def run(args: argparse.Namespace, database_url: str, redis_url: str) -> int:
    args.redis_url = redis_url
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as var_dir:
        scratch = Path(var_dir)
        env = yiwang_env(var_dir, port, database_url, redis_url)
        subprocess.run(
            [sys.executable, "-m", "api.cli", "migrate"],
            env={**os.environ, **env},
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        yiwang = [sys.executable, "-m", "api.cli", "serve"]
        ratios: dict[str, float] = {}
        with (
            floor_server() as floor_url,
            sql_floor_server(database_url) as sql_floor_url,
            sql_floor_server(database_url, sign=True) as signing_floor_url,
            server(yiwang, f"{base}/healthz", env),
        ):
            floors = Floors(floor_url, sql_floor_url, signing_floor_url)
            for name, template in (("me", ME_SCRIPT), ("refresh_me", REFRESH_ME_SCRIPT)):
                ratios.update(scenario(args, base, floors, scratch, name, template))
                ratios[f"{name}_vs_pgbench"] = against_pgbench(
                    args, base, database_url, scratch, name, ratios.pop("_project_rps")
                )
    print(json.dumps({k: round(v, 3) for k, v in ratios.items()}))
    return 0 if ratios["refresh_me_vs_sql_floor"] >= TARGET else 1


@dataclass(frozen=True)
class Floors:
    bare: str  # ../shared/bench/floor_server.py
    sql: str  # sql_floor_server.py
    signing: str  # sql_floor_server.py ... sign


def scenario(
    args: argparse.Namespace,
    base: str,
    floors: Floors,
    scratch: Path,
    name: str,
    template: str,
) -> dict[str, float]:
    """Rounds alternate: the bare floor, the HTTP + SQL floor (and for refresh+me the same
    floor signing its access tokens), Yiwang; each with fresh sessions (a refresh token chain
    cannot be replayed)."""

    def script(label: str, sql_floor: bool = False) -> Path:
        tokens = asyncio.run(fresh_sessions(base, args.threads, args.redis_url))
        if sql_floor:
            tokens = asyncio.run(as_sql_floor_tokens(base, tokens))
        return write_script(scratch / f"{name}-{label}.lua", template, tokens)

    def load(url: str, seconds: int, lua: Path | None = None) -> WrkRun:
        return wrk(url, args.threads, seconds, lua, threads=args.threads)

    me_url, sql_me_url = f"{base}/api/v1/me", f"{floors.sql}api/v1/me"
    signing_me_url = f"{floors.signing}api/v1/me" if name == "refresh_me" else None
    load(floors.bare, 3)
    load(sql_me_url, 3, script("sql-warm", True))
    if signing_me_url:
        load(signing_me_url, 3, script("signing-warm", True))
    load(me_url, 3, script("warm"))
    floor: list[WrkRun] = []
    sql_floor: list[WrkRun] = []
    signing_floor: list[WrkRun] = []
    project: list[WrkRun] = []
    for round_ in range(args.rounds):
        floor.append(load(floors.bare, args.seconds))
        sql_floor.append(load(sql_me_url, args.seconds, script(f"sql-{round_}", True)))
        if signing_me_url:
            signing_floor.append(
                load(signing_me_url, args.seconds, script(f"signing-{round_}", True))
            )
        project.append(load(me_url, args.seconds, script(str(round_))))
    conditions = {
        "processes": "1 each",
        "threads_and_connections": args.threads,
        "duration_s": args.seconds,
        "rounds": args.rounds,
        "storage": "PostgreSQL + Redis",
        "scenario": name,
        "command": "python bench/identity.py",
    }
    sql_floor_name = "bench/sql_floor_server.py (Sanic + asyncpg, same SQL)"
    ratios = {
        name: report(f"identity-{name}", conditions, floor, project, 0.0),
        f"{name}_vs_sql_floor": report(
            f"identity-{name}-vs-sql-floor",
            {**conditions, "floor": sql_floor_name},
            sql_floor,
            project,
            TARGET if name == "refresh_me" else 0.0,
        ),
        "_project_rps": statistics.median(each.requests_per_second for each in project),
    }
    if signing_floor:
        ratios[f"{name}_vs_signing_floor"] = report(
            f"identity-{name}-vs-signing-floor",
            {**conditions, "floor": sql_floor_name + " signing an ES256 access token per refresh"},
            signing_floor,
            project,
            FAIR_TARGET,
        )
    return ratios


async def as_sql_floor_tokens(base: str, tokens: list[dict[str, str]]) -> list[dict[str, str]]:
    """The SQL floor's access token: the person's and session's public ids."""
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:
        converted = []
        for token in tokens:
            me = await http.get(
                "/api/v1/me", headers={"Authorization": f"Bearer {token['access_token']}"}
            )
            me.raise_for_status()
            access = f"{me.json()['person_id']}.{token['session_id']}"
            converted.append({**token, "access_token": access})
        return converted


@contextmanager
def sql_floor_server(database_url: str, sign: bool = False) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, str(SQL_FLOOR_SERVER), str(port), database_url, POLICY]
    command += ["sign"] if sign else []
    with server(command, f"http://127.0.0.1:{port}/healthz"):
        yield f"http://127.0.0.1:{port}/"


def against_pgbench(
    args: argparse.Namespace,
    base: str,
    database_url: str,
    scratch: Path,
    name: str,
    project_rps: float,
) -> float:
    """The database floor: pgbench running the endpoint's own SQL, one client per session as
    wrk has one connection per session, same time."""
    tps = [
        pgbench_round(args, base, database_url, scratch, name == "refresh_me")
        for _ in range(args.rounds)
    ]
    # A pgbench transaction is one request's SQL (me) or one pair's SQL (refresh + me).
    per_transaction = 2 if name == "refresh_me" else 1
    ours = project_rps / per_transaction
    ratio = ours / statistics.median(tps)
    print(
        f"  vs pgbench of the same SQL: pgbench median {statistics.median(tps):.0f} tps, "
        f"Yiwang {ours:.0f}/s -> ratio {ratio:.3f}"
    )
    return ratio


def pgbench_round(
    args: argparse.Namespace, base: str, database_url: str, scratch: Path, refresh: bool
) -> float:
    """Fresh sessions each round, as for wrk: a claimed token cannot start another chain."""
    from auth.tokens import hash_refresh_token

    tokens = asyncio.run(fresh_sessions(base, args.threads, args.redis_url))
    rows = asyncio.run(session_rows(database_url, tokens))
    scripts = pgbench_scripts(scratch, rows, refresh)
    first_hashes = [{"current": hash_refresh_token(t["refresh_token"])} for t in tokens]
    return pgbench_one_client_each(database_url, scripts, args.seconds, first_hashes)


if __name__ == "__main__":
    sys.exit(main())
