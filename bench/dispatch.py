"""One `yiwang worker` dispatching app pushes to the loopback sandbox, against a bare loop
that makes only the same HTTP calls, in the same run.

The sandbox is served by a `yiwang serve` process. Each round inserts a fresh batch of
deliveries while the worker is already running (so its start-up is not timed) and waits for
all of them to be sent; the bare loop posts the same push payloads to the same sandbox with
the same concurrency. Rounds alternate (loop, worker, loop, worker, ...). Target: 0.50.

Usage: python bench/dispatch.py [--rounds 3] [--count 5000] [--concurrency 32]
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
import time
import uuid
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import RESULTS, ROOT, free_port, server
from scratch import create_database, drop_database

TARGET = 0.50
TOKEN = "bench-device-token"


async def bare_loop(base: str, api_key: str, count: int, concurrency: int) -> float:
    """The floor: the same POSTs the push channel makes, and nothing else."""
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(
        base_url=f"{base}/sandbox/push",
        timeout=10,
        headers={"Authorization": f"Bearer {api_key}"},
        limits=httpx.Limits(max_connections=concurrency),
    ) as http:

        async def one(number: int) -> None:
            async with limit:
                response = await http.post(
                    "/v1/messages",
                    json={
                        "message_id": f"bare-{uuid.uuid4().hex}",
                        "device_tokens": [TOKEN],
                        "title": "即将轮到您",
                        "body": f"A{number:03d} 号前面还有 3 人，请留意叫号。",
                        "data": {"event_type": "ticket.near"},
                    },
                )
                response.raise_for_status()

        started = time.perf_counter()
        await asyncio.gather(*(one(n) for n in range(count)))
        return count / (time.perf_counter() - started)


async def seed_person(env: dict[str, str]) -> int:
    from api.kit.db import start_database, stop_database
    from api.kit.ids import new_public_id
    from api.kit.settings import Settings
    from api.lifecycle import MODEL_MODULES
    from auth.models import Person
    from notify import devices
    from notify.models import Platform

    settings = Settings(
        var_dir=Path(env["YIWANG_VAR_DIR"]), database_url=env["YIWANG_DATABASE_URL"]
    )
    await start_database(settings.db_url, MODEL_MODULES)
    try:
        person = await Person.create(public_id=new_public_id("per"), level=1)
        await devices.register(person.id, Platform.ANDROID, TOKEN)
        return int(person.id)
    finally:
        await stop_database()


async def insert_batch(env: dict[str, str], person_id: int, count: int, round_: int) -> None:
    """Write `count` due deliveries in one transaction, then NOTIFY the worker."""
    from tortoise.transactions import in_transaction

    from api.kit.db import start_database, stop_database
    from api.kit.ids import new_public_id
    from api.kit.settings import Settings
    from api.lifecycle import MODEL_MODULES
    from auth.keys import vault_from_settings
    from notify.models import Delivery, Event
    from notify.service import wake_workers

    settings = Settings(
        var_dir=Path(env["YIWANG_VAR_DIR"]), database_url=env["YIWANG_DATABASE_URL"]
    )
    await start_database(settings.db_url, MODEL_MODULES)
    try:
        vault = vault_from_settings(settings)
        events = []
        for number in range(count):
            public_id = new_public_id("evt")
            payload = json.dumps({"data": {"ticket": f"A{number:03d}", "ahead": 3}, "phone": None})
            events.append(
                Event(
                    public_id=public_id,
                    event_type="ticket.near",
                    person_id=person_id,
                    dedupe_key=f"bench:{round_}:{number}",
                    urgent=True,
                    data_sealed=vault.seal(
                        payload, table="notify_event", column="data", row=public_id
                    ),
                )
            )
        async with in_transaction():
            await Event.bulk_create(events, batch_size=1000)
            ids = await Event.filter(dedupe_key__startswith=f"bench:{round_}:").values_list(
                "id", flat=True
            )
            from api.kit import clock

            now = clock.now()
            await Delivery.bulk_create(
                [
                    Delivery(
                        public_id=new_public_id("dlv"),
                        event_id=i,
                        channel="app_push",
                        position=0,
                        due_at=now,
                    )
                    for i in ids
                ],
                batch_size=1000,
            )
            await wake_workers()
    finally:
        await stop_database()


async def wait_sent(database_url: str, round_: int, count: int, within: float = 600) -> None:
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            done = await connection.fetchval(
                "SELECT count(*) FROM notify_delivery d JOIN notify_event e ON e.id = d.event_id"
                " WHERE e.dedupe_key LIKE $1 AND d.status IN ('sent', 'dead')",
                f"bench:{round_}:%",
            )
            if done >= count:
                return
            await asyncio.sleep(0.05)
        raise RuntimeError("the worker did not finish in time")
    finally:
        await connection.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    admin_url = os.environ.get(
        "YIWANG_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    )
    database_url = asyncio.run(create_database(admin_url))
    try:
        return run(args, database_url)
    finally:
        asyncio.run(drop_database(admin_url, database_url))


def run(args: argparse.Namespace, database_url: str) -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as var_dir:
        env = {
            "YIWANG_VAR_DIR": var_dir,
            "YIWANG_PORT": str(port),
            "YIWANG_DATABASE_URL": database_url,
            "YIWANG_REDIS_URL": os.environ.get(
                "YIWANG_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"
            ),
            "YIWANG_WORKER_IN_PROCESS": "false",
            "YIWANG_LOG_LEVEL": "WARNING",
            "YIWANG_PUSH_BASE_URL": f"{base}/sandbox/push",
            "YIWANG_DISPATCH_CONCURRENCY": str(args.concurrency),
        }
        full_env = {**os.environ, **env}
        subprocess.run(
            [sys.executable, "-m", "api.cli", "migrate"],
            env=full_env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        serve = [sys.executable, "-m", "api.cli", "serve"]
        worker = [sys.executable, "-m", "api.cli", "worker"]
        with server(serve, f"{base}/healthz", env):
            person_id = asyncio.run(seed_person(full_env))
            api_key = "sandbox-push-key"
            process = subprocess.Popen(
                worker,
                env=full_env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                time.sleep(3)  # the worker starts and goes idle
                asyncio.run(bare_loop(base, api_key, 500, args.concurrency))  # warm-up
                floor, ours = [], []
                for round_ in range(args.rounds):
                    floor.append(
                        asyncio.run(bare_loop(base, api_key, args.count, args.concurrency))
                    )
                    asyncio.run(insert_batch(full_env, person_id, args.count, round_))
                    started = time.perf_counter()
                    asyncio.run(wait_sent(database_url, round_, args.count))
                    ours.append(args.count / (time.perf_counter() - started))
            finally:
                process.terminate()
                process.wait(timeout=60)
    ratios = [o / f for o, f in zip(ours, floor, strict=True)]
    summary = {
        "scenario": "dispatch",
        "conditions": {
            "worker_processes": 1,
            "concurrency": args.concurrency,
            "deliveries_per_round": args.count,
            "rounds": args.rounds,
            "storage": "PostgreSQL + Redis",
            "command": "python bench/dispatch.py",
        },
        "bare_loop_calls_per_s": [round(f) for f in floor],
        "worker_deliveries_per_s": [round(o) for o in ours],
        "ratios": [round(r, 3) for r in ratios],
        "ratio_median": round(statistics.median(ratios), 3),
        "target": TARGET,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"dispatch-{time.strftime('%Y%m%dT%H%M%S')}.json").write_text(
        json.dumps(summary, indent=2)
    )
    print(f"\ndispatch: {summary['conditions']}")
    print(f"  bare loop   {summary['bare_loop_calls_per_s']} calls/s")
    print(f"  one worker  {summary['worker_deliveries_per_s']} deliveries/s")
    print(
        f"  ratios {summary['ratios']}  median {summary['ratio_median']}  target >= {TARGET}  "
        f"{'MET' if summary['ratio_median'] >= TARGET else 'NOT MET'}"
    )
    return 0 if summary["ratio_median"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
