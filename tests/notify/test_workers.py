"""Worker processes, for real: two workers share 3,000 deliveries; a killed one loses none."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from tortoise import connections

from api.kit import clock
from api.kit.ids import new_public_id
from notify.models import Delivery, DeliveryStatus, Event
from tests.notify.conftest import person_with

ROOT = Path(__file__).resolve().parents[2]
COUNT = 3_000  # enough for both workers to interleave many claims; 10,000 took a minute


async def many_deliveries(server, count: int, token: str) -> list[str]:
    """`count` app-push deliveries for one person, written in bulk (test setup)."""
    person = await person_with(server, devices=(token,))
    vault = server.app.ctx.services.notifier.vault
    events = []
    for number in range(count):
        public_id = new_public_id("evt")
        payload = json.dumps({"data": {"ticket": f"A{number:03d}", "ahead": 3}, "phone": None})
        events.append(
            Event(
                public_id=public_id,
                event_type="ticket.near",
                person_id=person.id,
                dedupe_key=f"load:{token}:{number}",
                urgent=True,
                data_sealed=vault.seal(payload, table="notify_event", column="data", row=public_id),
            )
        )
    await Event.bulk_create(events, batch_size=1000)
    ids = await Event.filter(person_id=person.id).order_by("id").values_list("id", flat=True)
    now = datetime.now(UTC)  # the worker processes run on the real clock
    deliveries = [
        Delivery(
            public_id=new_public_id("dlv"),
            event_id=event_id,
            channel="app_push",
            position=0,
            due_at=now,
        )
        for event_id in ids
    ]
    await Delivery.bulk_create(deliveries, batch_size=1000)
    return [d.public_id for d in deliveries]


async def start_worker(
    server,
    settings,
    lease_seconds: int = 60,
    output: Path | None = None,
    database_url: str | None = None,
    **extra: str,
) -> asyncio.subprocess.Process:
    """A `yiwang worker` on the suite's database (or `database_url`); its log lines and anything
    else it writes go to `output` when given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("YIWANG_")}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "YIWANG_VAR_DIR": str(settings.var_dir),  # the same dev keys: the same vault
            "YIWANG_DATABASE_URL": database_url or settings.db_url,
            "YIWANG_REDIS_URL": settings.cache_url,
            "YIWANG_PUSH_BASE_URL": f"{server.url}/sandbox/push",
            "YIWANG_DISPATCH_LEASE_SECONDS": str(lease_seconds),
            "YIWANG_LOG_LEVEL": "WARNING",
            **{f"YIWANG_{name.upper()}": value for name, value in extra.items()},
        }
    )
    sink = output.open("ab") if output else None
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "api.cli",
            "worker",
            env=env,
            cwd=ROOT,
            stdout=sink or asyncio.subprocess.DEVNULL,
            stderr=sink or asyncio.subprocess.DEVNULL,
        )
    finally:
        if sink:
            sink.close()  # the child has its own copy


async def finished() -> int:
    return await Delivery.filter(
        status__in=[DeliveryStatus.SENT, DeliveryStatus.DEAD], channel="app_push"
    ).count()


async def wait_until(condition, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await condition():
            return
        await asyncio.sleep(0.2)
    raise AssertionError("timed out")


async def listening(workers: int = 1) -> None:
    """Until `workers` worker processes wait on LISTEN for new work on this test's database:
    from then on, what is published wakes them (what the server sees, not a fixed sleep)."""

    async def enough() -> bool:
        rows = await connections.get("default").execute_query_dict(
            "SELECT count(*) AS n FROM pg_stat_activity"
            " WHERE datname = current_database() AND query LIKE 'LISTEN %'"
        )
        return int(rows[0]["n"]) >= workers

    await wait_until(enough, within=60)


async def stop(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), timeout=60)


async def test_two_workers_send_each_delivery_exactly_once(server, settings, clean) -> None:
    sandbox = server.app.ctx.sandboxes.push
    ids = await many_deliveries(server, COUNT, "tok-two-workers")
    workers = [await start_worker(server, settings) for _ in range(2)]
    try:
        await wait_until(lambda: _done(COUNT), within=300)
    finally:
        codes = [await stop(worker) for worker in workers]
    assert codes == [0, 0]
    received = await sandbox.received(server.app.ctx.redis)
    counts = [received.get(delivery_id, 0) for delivery_id in ids]
    assert counts.count(1) == COUNT, (
        f"repeats: {sum(c > 1 for c in counts)}, missing: {counts.count(0)}"
    )
    sent = await Delivery.filter(public_id__in=ids, status=DeliveryStatus.SENT).count()
    assert sent == COUNT
    workers_used = (
        await Delivery.filter(public_id__in=ids).distinct().values_list("leased_by", flat=True)
    )
    assert len(set(workers_used)) == 2  # both workers took part


async def _done(count: int) -> bool:
    return await finished() >= count


async def test_a_killed_worker_loses_nothing(server, settings, clean) -> None:
    sandbox = server.app.ctx.sandboxes.push
    ids = await many_deliveries(server, COUNT, "tok-kill")
    first = await start_worker(server, settings, lease_seconds=5)
    await wait_until(lambda: _done(COUNT // 4), within=300)
    first.send_signal(signal.SIGKILL)
    await first.wait()
    in_flight = await Delivery.filter(public_id__in=ids, status=DeliveryStatus.SENDING).count()
    assert 0 < await finished() < COUNT
    second = await start_worker(server, settings, lease_seconds=5)
    try:
        await wait_until(lambda: _done(COUNT), within=300)
    finally:
        assert await stop(second) == 0
    statuses = set(await Delivery.filter(public_id__in=ids).values_list("status", flat=True))
    assert statuses <= {DeliveryStatus.SENT, DeliveryStatus.DEAD}
    received = await sandbox.received(server.app.ctx.redis)
    counts = [received.get(delivery_id, 0) for delivery_id in ids]
    assert counts.count(0) == 0  # none lost
    repeats = sum(count - 1 for count in counts if count > 1)
    assert repeats <= in_flight


async def test_sigterm_finishes_in_flight_and_gives_back_the_rest(server, settings, clean) -> None:
    sandbox = server.app.ctx.sandboxes.push
    sandbox.delay_seconds = 0.3  # a slow gateway: the batch is still being worked on
    worker = await start_worker(server, settings, dispatch_concurrency="2", dispatch_batch="50")
    try:
        await listening()  # started and idle
        ids = await many_deliveries(server, 50, "tok-sigterm")
        await wait_until(lambda: _done(2), within=60)
        assert await stop(worker) == 0
    finally:
        sandbox.delay_seconds = 0.0
    rows = await Delivery.filter(public_id__in=ids).values(
        "status", "leased_by", "attempts", "public_id"
    )
    sent = [r for r in rows if r["status"] == DeliveryStatus.SENT]
    waiting = [r for r in rows if r["status"] != DeliveryStatus.SENT]
    assert sent and waiting  # it stopped part-way
    assert all(r["leased_by"] is None and r["attempts"] == 0 for r in waiting)  # given back
    received = await sandbox.received(server.app.ctx.redis)
    assert {r["public_id"] for r in sent} == {i for i in ids if received.get(i)}


async def test_a_worker_wakes_on_notify_not_only_by_polling(server, settings, clean) -> None:
    clock.clock = clock.Clock()  # the worker process runs on the real clock
    worker = await start_worker(server, settings, dispatch_poll_seconds="60")
    try:
        await listening()  # idle, its next poll a minute away
        person = await person_with(server, devices=("tok-wake",))
        event = await server.app.ctx.services.notifier.publish(
            "ticket.called",
            dedupe_key="wake:1",
            data={"ticket": "A001", "window": "3"},
            person_id=person.id,
        )

        async def pushed() -> bool:
            return await Delivery.filter(
                event_id=event.id, channel="app_push", status=DeliveryStatus.SENT
            ).exists()

        await wait_until(pushed, within=15)
    finally:
        assert await stop(worker) == 0


async def test_work_published_while_a_claim_finds_none_does_not_wait_for_the_next_poll(
    server, dispatcher
) -> None:
    """The NOTIFY for new work can land while a claim is finding nothing. The wake it sets
    must survive into the idle wait that follows (it was cleared there, and the work waited
    for the next poll: five minutes in production)."""
    clock.clock = clock.Clock()
    worker = dispatcher(dispatch_poll_seconds=300)
    person = await person_with(server, devices=("tok-race",))
    published: list[Event] = []
    claim = worker.claim

    async def claim_while_work_arrives():  # the race, made certain: NOTIFY mid-claim
        claimed = await claim()
        if not published:
            published.append(
                await server.app.ctx.services.notifier.publish(
                    "ticket.called",
                    dedupe_key="race:1",
                    data={"ticket": "A002", "window": "1"},
                    person_id=person.id,
                )
            )
            await asyncio.wait_for(worker._wake.wait(), timeout=10)  # the NOTIFY arrived
        return claimed

    worker.claim = claim_while_work_arrives
    running = asyncio.create_task(worker.run())
    try:

        async def pushed() -> bool:
            return (
                bool(published)
                and await Delivery.filter(
                    event_id=published[0].id, channel="app_push", status=DeliveryStatus.SENT
                ).exists()
            )

        await wait_until(pushed, within=15)
    finally:
        worker.stop()
        await running
