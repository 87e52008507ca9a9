"""A real `yiwang worker` rides out PostgreSQL going away: stopped for a few seconds, then its
postmaster killed. It stays up, says once that the database is down and once that it is back,
shows no traceback, and sends what is published afterwards, woken by NOTIFY on a listener it
connected again."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from api.kit.ids import new_public_id
from api.kit.private_postgres import PrivatePostgres, start_private_postgres, tune_for_tests
from notify.service import WAKE_CHANNEL
from tests.notify.test_workers import ROOT, start_worker, stop

DOWN = "database is down"
BACK_PREFIX = "database is back after"
PHONE = "13800000001"  # the README's demo number


@pytest.fixture
async def own_postgres(tmp_path: Path) -> AsyncIterator[PrivatePostgres]:
    """A private cluster this test may stop and crash; the suite's own is never touched."""
    cluster = await asyncio.to_thread(start_private_postgres, tmp_path / "pg" / "data")
    await asyncio.to_thread(tune_for_tests, cluster)
    await migrate(cluster.url())
    yield cluster
    await asyncio.to_thread(cluster.server.cleanup)


async def migrate(url: str) -> None:
    """`apply_migrations(url)` in a process of its own: in this one, aerich would run through
    the suite's Tortoise connections instead of this cluster's."""
    script = (
        "import asyncio; from api.schema import apply_migrations; "
        f"asyncio.run(apply_migrations({url!r}))"
    )
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", script, cwd=ROOT)
    assert await process.wait() == 0


def log_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines()]


async def wait_for_log(path: Path, message_start: str, count: int, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        lines = [line for line in _readable_lines(path) if line.startswith(message_start)]
        if len(lines) >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"no {count}x {message_start!r} in the worker's log")


def _readable_lines(path: Path) -> list[str]:
    messages = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            messages.append(json.loads(raw)["message"])
        except (ValueError, KeyError):
            messages.append(raw)  # a traceback, say: the final checks will refuse it
    return messages


async def publish_sms(url: str, server, label: str) -> str:
    """A sign-in code by SMS, written into the test's own database as `Notifier.publish`
    would (sealed by the same vault), followed by the NOTIFY that wakes the workers."""
    vault = server.app.ctx.services.notifier.vault
    public_id = new_public_id("evt")
    payload = json.dumps({"data": {"code": "246810"}, "phone": PHONE})
    sealed = vault.seal(payload, table="notify_event", column="data", row=public_id)
    delivery_id = new_public_id("dlv")
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        async with connection.transaction():
            event_id = await connection.fetchval(
                "INSERT INTO notify_event (public_id, event_type, dedupe_key, data_sealed, urgent,"
                " template_version, created_at) VALUES ($1, 'auth.code', $2, $3, true, 1, now())"
                " RETURNING id",
                public_id,
                f"outage:{label}",
                sealed,
            )
            await connection.execute(
                "INSERT INTO notify_delivery (public_id, event_id, channel, position, round,"
                " status, attempts, due_at, created_at)"
                " VALUES ($1, $2, 'sms', 0, 0, 'created', 0, now(), now())",
                delivery_id,
                event_id,
            )
            await connection.execute(f"NOTIFY {WAKE_CHANNEL}")
    finally:
        await connection.close()
    return delivery_id


async def wait_until_sent(url: str, delivery_id: str, within: float = 30) -> None:
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            status = await connection.fetchval(
                "SELECT status FROM notify_delivery WHERE public_id = $1", delivery_id
            )
            if status == "sent":
                return
            await asyncio.sleep(0.2)
    finally:
        await connection.close()
    raise AssertionError(f"delivery not sent (status {status})")


async def test_a_worker_rides_out_a_database_stop_and_crash(
    server, settings, own_postgres: PrivatePostgres, tmp_path: Path
) -> None:
    url = own_postgres.url()
    output = tmp_path / "worker.log"
    worker = await start_worker(
        server,
        settings,
        output=output,
        database_url=url,
        sms_base_url=f"{server.url}/sandbox/sms",
        log_level="INFO",
        sweep_seconds="1",  # the periodic jobs meet the outage too
        dispatch_poll_seconds="300",  # only NOTIFY wakes it: the listener must come back
    )
    try:
        await wait_for_log(output, "worker started", 1)
        await wait_until_sent(url, await publish_sms(url, server, "before"))

        await asyncio.to_thread(own_postgres.stop)
        await wait_for_log(output, DOWN, 1)
        await asyncio.sleep(3)  # the outage lasts a few seconds: many attempts fail
        await asyncio.to_thread(own_postgres.start)
        await wait_for_log(output, BACK_PREFIX, 1)
        await wait_until_sent(url, await publish_sms(url, server, "after-stop"))

        own_postgres.kill_postmaster()
        await wait_for_log(output, DOWN, 2)
        await asyncio.to_thread(own_postgres.start)
        await wait_for_log(output, BACK_PREFIX, 2)
        await wait_until_sent(url, await publish_sms(url, server, "after-crash"))

        assert worker.returncode is None  # still running
    finally:
        code = await stop(worker)
    assert code == 0

    text = output.read_text(encoding="utf-8")
    assert "Traceback" not in text
    lines = log_lines(output)  # every line is a JSON log line
    assert not [line for line in lines if "exc_info" in line or line["level"] == "ERROR"]
    outage_lines = [
        (line["level"], line["message"])
        for line in lines
        if line["message"] == DOWN or line["message"].startswith(BACK_PREFIX)
    ]
    assert [message == DOWN for _, message in outage_lines] == [True, False, True, False]
    assert {level for level, _ in outage_lines} == {"WARNING"}
    failed = [line["failed_attempts"] for line in lines if "failed_attempts" in line]
    assert all(attempts >= 1 for attempts in failed)
    assert PHONE not in text  # masked, if it appears at all
