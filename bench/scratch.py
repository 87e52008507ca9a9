"""A scratch PostgreSQL database for a bench run, the environment `yiwang` runs with there,
and pgbench, the database floor."""

from __future__ import annotations

import asyncio
import os
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import redis.asyncio

DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def on_scratch_database(run: Callable[[str, str], int], redis_db: int) -> int:
    """Create a database through YIWANG_BENCH_DATABASE_URL, run, and drop it whatever happens.
    Redis: YIWANG_BENCH_REDIS_URL, or the given logical database on the local server, emptied
    first like the database is new: a run signs hundreds of citizens in from one address, and
    the last run's sign-in counters would refuse the next run's within the hour."""
    admin_url = os.environ.get("YIWANG_BENCH_DATABASE_URL", DEFAULT_ADMIN_URL)
    redis_url = os.environ.get("YIWANG_BENCH_REDIS_URL", f"redis://127.0.0.1:6379/{redis_db}")
    asyncio.run(empty_redis(redis_url))
    database_url = asyncio.run(create_database(admin_url))
    try:
        return run(database_url, redis_url)
    finally:
        asyncio.run(drop_database(admin_url, database_url))


def yiwang_env(var_dir: str, port: int, database_url: str, redis_url: str) -> dict[str, str]:
    return {
        "YIWANG_VAR_DIR": var_dir,
        "YIWANG_PORT": str(port),
        "YIWANG_DATABASE_URL": database_url,
        "YIWANG_REDIS_URL": redis_url,
    }


async def empty_redis(url: str) -> None:
    client = redis.asyncio.from_url(url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()


async def create_database(admin_url: str) -> str:
    name = f"yiwang_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))


async def drop_database(admin_url: str, url: str) -> None:
    admin = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1))
    try:
        await admin.execute(
            f'DROP DATABASE IF EXISTS "{urlsplit(url).path.strip("/")}" WITH (FORCE)'
        )
    finally:
        await admin.close()


def pgbench(database_url: str, scripts: list[Path], clients: int, seconds: int) -> float:
    finished = subprocess.run(
        _pgbench_command(database_url, scripts, clients, seconds),
        capture_output=True,
        text=True,
        check=False,
    )
    return _tps(finished.returncode, finished.stdout, finished.stderr)


def pgbench_one_client_each(
    database_url: str,
    scripts: list[Path],
    seconds: int,
    variables: list[dict[str, str]] | None = None,
) -> float:
    """One pgbench client per script, all at once, their tps summed: each script keeps to its
    own rows, as each of Yiwang's connections keeps to its own session (one pgbench with many
    clients picks scripts at random, and two clients on one row would wait for each other).
    `variables[i]` are the i-th client's starting values (pgbench -D)."""
    runs = [
        subprocess.Popen(
            _pgbench_command(
                database_url, [script], 1, seconds, variables[index] if variables else None
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for index, script in enumerate(scripts)
    ]
    total = 0.0
    for run in runs:
        stdout, stderr = run.communicate()
        total += _tps(run.returncode, stdout, stderr)
    return total


def _pgbench_command(
    database_url: str,
    scripts: list[Path],
    clients: int,
    seconds: int,
    variables: dict[str, str] | None = None,
) -> list[str]:
    url = urlsplit(database_url)
    command = [
        "pgbench",
        "-n",
        "-M",
        "prepared",
        "-c",
        str(clients),
        "-j",
        str(min(2, clients)),
        "-T",
        str(seconds),
        "-h",
        url.hostname or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
    ]
    for name, value in (variables or {}).items():
        command += ["-D", f"{name}={value}"]
    for script in scripts:
        command += ["-f", f"{script}@1"]
    return [*command, url.path.lstrip("/")]


def _tps(returncode: int, stdout: str, stderr: str) -> float:
    if returncode != 0:
        raise RuntimeError(f"pgbench failed:\n{stderr[-2000:]}")
    for line in stdout.splitlines():
        if line.startswith("tps ="):
            return float(line.split()[2])
    raise RuntimeError(f"pgbench gave no tps:\n{stdout}")
