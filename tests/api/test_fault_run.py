"""The fault run: citizens book and cancel over keep-alive connections while PostgreSQL is
restarted, its postmaster killed, and Redis killed and started again empty.

The test owns its PostgreSQL cluster and its Redis (the suite's are never touched) and runs
`yiwang serve` as a real process on them. What must hold: every error during a gap is 503
problem+json with Retry-After; every client succeeds again within 10 s of the dependency's
return; the log has no traceback and says once per outage that it began and that it ended;
nothing is lost (each booking answered 201 is a row, and no row lacks its 201).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import asyncpg
import httpx
import pytest

from api.kit.private_postgres import PrivatePostgres, start_private_postgres
from auth.idnumber import check_character
from tests.api.test_serve import serving
from tests.auth.conftest import POLICY
from tests.conftest import free_port
from tests.private_redis import PrivateRedis

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 12
RECOVERY_SECONDS = 10.0


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[PrivatePostgres]:
    # Durable commits, unlike the suite's cluster: a killed postmaster must lose no commit.
    owned = start_private_postgres(tmp_path / "pg", delete_on_exit=True)
    try:
        yield owned
    finally:
        owned.server.cleanup()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    directory = tmp_path / "redis"
    directory.mkdir()
    server = PrivateRedis(directory, free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def environment(cluster: PrivatePostgres, own_redis: PrivateRedis, var: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("YIWANG_")}
    return {
        **base,
        "PYTHONPATH": str(ROOT),
        "YIWANG_VAR_DIR": str(var),
        "YIWANG_DATABASE_URL": cluster.url(),
        "YIWANG_REDIS_URL": own_redis.url,
        "YIWANG_DEMO_DATA": "1",
        "YIWANG_ACCESS_LOG": "false",
        "YIWANG_LOG_LEVEL": "WARNING",
    }


def id_number(n: int) -> str:
    first17 = f"110105{date(1980, 1, 1) + timedelta(days=n):%Y%m%d}{n % 1000:03d}"
    return first17 + check_character(first17)


def name_of(n: int) -> str:
    return "王" + "甲乙丙丁戊己庚辛壬癸"[n % 10] + "子丑寅卯辰巳午未申酉"[n // 10 % 10]


@dataclass
class Answer:
    at: float
    status: int
    problem: dict[str, object] | None = None
    retry_after: str | None = None


@dataclass
class Citizen:
    number: int
    client: httpx.AsyncClient
    headers: dict[str, str] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    booked: set[str] = field(default_factory=set)

    async def send(
        self,
        method: str,
        path: str,
        json: object = None,
        headers_extra: dict[str, str] | None = None,
    ) -> httpx.Response:
        response = await self.client.request(
            method, path, json=json, headers={**self.headers, **(headers_extra or {})}
        )
        problem = None
        if response.headers.get("content-type") == "application/problem+json":
            problem = response.json()
        retry_after = response.headers.get("retry-after")
        self.answers.append(Answer(time.monotonic(), response.status_code, problem, retry_after))
        return response


async def sign_up(citizen: Citizen) -> None:
    http = citizen.client
    code = (
        await http.post("/sandbox/wechat/_test/login-code", json={"openid": f"o-f{citizen.number}"})
    ).json()["code"]
    tokens = (
        await http.post(
            "/api/v1/auth/miniprogram", json={"code": code, "privacy_policy_version": POLICY}
        )
    ).json()
    citizen.headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    person = {"name": name_of(citizen.number), "id_number": id_number(citizen.number)}
    await http.post("/sandbox/idverify/_test/citizens", json=person)
    verified = await http.post("/api/v1/me/real-name", json=person, headers=citizen.headers)
    assert verified.status_code == 200, verified.text


async def open_slots(http: httpx.AsyncClient) -> list[str]:
    found: list[str] = []
    for days in range(1, 10):
        day = date.today() + timedelta(days=days)
        answer = await http.get(
            "/api/v1/halls/CIVIC/slots", params={"category": "business", "date": day.isoformat()}
        )
        found += [s["slot_id"] for s in answer.json()["slots"] if s["released"]]
    assert found, "the demo data has no released slot"
    return found


async def book_and_cancel(citizen: Citizen, slots: list[str], stop: asyncio.Event) -> None:
    """Book with one Idempotency-Key until the booking is settled, then cancel it until that
    is settled: a 503 leaves the client unsure, and the key makes the retry safe."""
    turn = citizen.number
    while not stop.is_set():
        turn += 1
        slot = slots[turn % len(slots)]
        key = str(uuid.uuid4())
        appointment = None
        while not stop.is_set():
            answer = await citizen.send(
                "POST",
                "/api/v1/appointments",
                json={"slot_id": slot},
                headers_extra={"Idempotency-Key": key},
            )
            if answer.status_code == 201:
                appointment = answer.json()["appointment_id"]
                citizen.booked.add(appointment)
                break
            if answer.status_code != 503:
                break  # full, or a rule: another slot next turn
            await asyncio.sleep(0.1)
        while appointment and not stop.is_set():
            answer = await citizen.send("POST", f"/api/v1/appointments/{appointment}/cancel")
            if answer.status_code != 503:
                break
            await asyncio.sleep(0.1)
        await citizen.send("GET", "/api/v1/me/appointments")


async def ask_for_codes(citizen: Citizen, stop: asyncio.Event) -> None:
    """Sign-in codes cannot be sent safely without Redis (their limits live there): 503."""
    phone = 13700000000
    while not stop.is_set():
        phone += 1
        await citizen.send("POST", "/api/v1/auth/sms-code", json={"phone": str(phone)})
        await asyncio.sleep(0.2)


async def in_thread(work: Callable[[], object]) -> None:
    await asyncio.to_thread(work)


async def run_faults(cluster: PrivatePostgres, own_redis: PrivateRedis) -> dict[str, float]:
    """Each fault, then the moment its dependency was back."""
    back: dict[str, float] = {}
    await asyncio.sleep(2)
    await in_thread(lambda: cluster.stop("fast"))
    await asyncio.sleep(3)
    await in_thread(cluster.start)
    back["postgres restarted"] = time.monotonic()
    await asyncio.sleep(4)
    await in_thread(cluster.kill_postmaster)
    await asyncio.sleep(2)
    await in_thread(cluster.start)
    back["postmaster killed"] = time.monotonic()
    await asyncio.sleep(4)
    await in_thread(own_redis.kill)
    await asyncio.sleep(2)
    await in_thread(own_redis.start)
    back["redis killed"] = time.monotonic()
    await asyncio.sleep(4)
    return back


async def rows_of(cluster: PrivatePostgres, sql: str) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(cluster.url().replace("postgres://", "postgresql://", 1))
    try:
        return list(await connection.fetch(sql))
    finally:
        await connection.close()


# The SMS gateway's sandbox keeps its state in the same Redis (as the sandboxes do), so while
# Redis is down the sign-in code's gateway is down too: either outage is a 503 with Retry-After.
OUTAGE_CODES = {"service.unavailable", "auth.gateway_unavailable"}


def errors_are_503_problems(citizens: list[Citizen]) -> list[str]:
    wrong = []
    for citizen in citizens:
        for answer in citizen.answers:
            if answer.status >= 500 and not (
                answer.status == 503
                and answer.problem is not None
                and answer.problem.get("code") in OUTAGE_CODES
                and answer.retry_after
            ):
                wrong.append(f"citizen {citizen.number}: {answer.status} {answer.problem}")
    return wrong


def slowest_recovery(citizens: list[Citizen], back_at: float) -> float:
    """Seconds from the dependency's return to the last client's first success after it."""
    slowest = 0.0
    for citizen in citizens:
        successes = [a.at for a in citizen.answers if a.at >= back_at and a.status < 500]
        assert successes, f"citizen {citizen.number} never succeeded after the fault"
        slowest = max(slowest, successes[0] - back_at)
    return slowest


async def test_the_fault_run(cluster, own_redis, tmp_path: Path) -> None:
    env = environment(cluster, own_redis, tmp_path / "var")
    migrated = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "api.cli", "migrate"],
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    assert migrated.returncode == 0, migrated.stderr
    log = tmp_path / "serve.log"
    with log.open("w") as server_log, serving(env, output=server_log) as (url, _process):
        clients = [
            httpx.AsyncClient(base_url=url, timeout=15, limits=httpx.Limits(max_connections=1))
            for _ in range(CLIENTS + 1)
        ]
        citizens = [Citizen(n, client) for n, client in enumerate(clients)]
        for citizen in citizens[:CLIENTS]:
            await sign_up(citizen)
        slots = await open_slots(clients[0])
        stop = asyncio.Event()
        load = [asyncio.create_task(book_and_cancel(c, slots, stop)) for c in citizens[:CLIENTS]]
        load.append(asyncio.create_task(ask_for_codes(citizens[CLIENTS], stop)))
        back = await run_faults(cluster, own_redis)
        stop.set()
        await asyncio.gather(*load)
        for client in clients:
            await client.aclose()
    output = log.read_text()
    booked = set().union(*(c.booked for c in citizens))
    rows = await rows_of(cluster, "SELECT public_id FROM appointment")
    counters = await rows_of(
        cluster,
        "SELECT s.public_id, s.booked, count(a.id) FILTER (WHERE a.status IN"
        " ('active', 'checked_in')) AS holding FROM slot s LEFT JOIN appointment a"
        " ON a.slot_id = s.id GROUP BY s.id",
    )
    unavailable = [a for c in citizens for a in c.answers if a.status == 503]
    recoveries = {fault: slowest_recovery(citizens, at) for fault, at in back.items()}
    print(
        f"fault run: {sum(len(c.answers) for c in citizens)} answers, {len(unavailable)} x 503,"
        f" {len(booked)} bookings; slowest recovery per fault (s): {recoveries}"
    )
    assert errors_are_503_problems(citizens) == []
    assert unavailable, "the faults were never felt: the run proves nothing"
    assert all(seconds <= RECOVERY_SECONDS for seconds in recoveries.values()), recoveries
    assert {row["public_id"] for row in rows} == booked  # no 201 lost, no row without its 201
    assert [c for c in counters if c["booked"] != c["holding"]] == []
    assert "Traceback" not in output, output[-5000:]
    for dependency in ("database", "redis"):
        assert f"{dependency} is down" in output, output[-3000:]
        assert f"{dependency} is back after" in output, output[-3000:]
