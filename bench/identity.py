"""Refresh + authenticated GET /api/v1/me against the bare-Sanic floor and against pgbench.

Yiwang runs as `yiwang serve` (one worker, like the floor's one process) on PostgreSQL and
Redis, with the access log on. Citizens sign in through the mini-program sandbox first. Each
wrk thread holds one connection and one session: refresh tokens rotate and a reused one revokes
its family, so a thread chains the refresh token each answer gives it. Scenarios:

- me: every request is GET /api/v1/me with the thread's access token;
- refresh+me: a refresh, then GET /api/v1/me with the new access token, over and over.

The floor gets the same wrk settings. Target: refresh+me at least 0.50 of the floor. The
database floor is reported beside it: pgbench running the statements the two endpoints run
(taken from the code), one pgbench client per session as wrk has one connection per session.
A refresh commits a rotation, so that floor sits far below the HTTP one.

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
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ROOT, floor_server, free_port, report, server, wrk
from scratch import on_scratch_database, pgbench_one_client_each, yiwang_env

TARGET = 0.50
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


async def fresh_sessions(base: str, count: int) -> list[dict[str, str]]:
    """New citizens signed in through the mini-program sandbox: every wrk run starts with
    unused refresh tokens (a reused one revokes its session, as it should)."""
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
            server(yiwang, f"{base}/healthz", env),
        ):
            for name, template in (("me", ME_SCRIPT), ("refresh_me", REFRESH_ME_SCRIPT)):
                ratios.update(
                    scenario(args, base, floor_url, sql_floor_url, scratch, name, template)
                )
                ratios[f"{name}_vs_pgbench"] = against_pgbench(
                    args, base, database_url, scratch, name, ratios.pop("_project_rps")
                )
    print(json.dumps({k: round(v, 3) for k, v in ratios.items()}))
    return 0 if ratios["refresh_me"] >= TARGET else 1


def scenario(
    args: argparse.Namespace,
    base: str,
    floor_url: str,
    sql_floor_url: str,
    scratch: Path,
    name: str,
    template: str,
) -> dict[str, float]:
    """Rounds alternate: the bare floor, the HTTP + SQL floor, Yiwang; each with fresh
    sessions (a refresh token chain cannot be replayed)."""

    def script(label: str, sql_floor: bool = False) -> Path:
        tokens = asyncio.run(fresh_sessions(base, args.threads))
        if sql_floor:
            tokens = asyncio.run(as_sql_floor_tokens(base, tokens))
        return write_script(scratch / f"{name}-{label}.lua", template, tokens)

    me_url, sql_me_url = f"{base}/api/v1/me", f"{sql_floor_url}api/v1/me"
    wrk(floor_url, args.threads, 3, threads=args.threads)
    wrk(sql_me_url, args.threads, 3, script("sql-warm", True), threads=args.threads)
    wrk(me_url, args.threads, 3, script("warm"), threads=args.threads)
    floor, sql_floor, project = [], [], []
    for round_ in range(args.rounds):
        floor.append(wrk(floor_url, args.threads, args.seconds, threads=args.threads))
        sql_floor.append(
            wrk(
                sql_me_url,
                args.threads,
                args.seconds,
                script(f"sql-{round_}", True),
                threads=args.threads,
            )
        )
        project.append(
            wrk(me_url, args.threads, args.seconds, script(str(round_)), threads=args.threads)
        )
    conditions = {
        "processes": "1 each",
        "threads_and_connections": args.threads,
        "duration_s": args.seconds,
        "rounds": args.rounds,
        "storage": "PostgreSQL + Redis",
        "scenario": name,
        "command": "python bench/identity.py",
    }
    target = TARGET if name == "refresh_me" else 0.0
    return {
        name: report(f"identity-{name}", conditions, floor, project, target),
        f"{name}_vs_sql_floor": report(
            f"identity-{name}-vs-sql-floor",
            {**conditions, "floor": "bench/sql_floor_server.py (Sanic + asyncpg, same SQL)"},
            sql_floor,
            project,
            0.0,
        ),
        "_project_rps": statistics.median(run.requests_per_second for run in project),
    }


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
def sql_floor_server(database_url: str) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, str(SQL_FLOOR_SERVER), str(port), database_url, POLICY]
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

    tokens = asyncio.run(fresh_sessions(base, args.threads))
    rows = asyncio.run(session_rows(database_url, tokens))
    scripts = pgbench_scripts(scratch, rows, refresh)
    first_hashes = [{"current": hash_refresh_token(t["refresh_token"])} for t in tokens]
    return pgbench_one_client_each(database_url, scripts, args.seconds, first_hashes)


if __name__ == "__main__":
    sys.exit(main())
