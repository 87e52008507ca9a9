"""Release day at 08:00: thousands of citizens at once on a slot with 100 places.

Yiwang runs as `yiwang serve --workers 2` on PostgreSQL and Redis, with the access log on.
The bench seeds a scratch database: one hall, 2,000 citizens at L2 each with a session, one
100-place slot per rush round (each on its own day), and "flow" slots with room to spare.

- rush: 2,000 wrk connections, each request a booking by the next of the 2,000 citizens (with
  its own Idempotency-Key) on the round's slot. Reports (a) the 201s and the slot's booked
  count and active appointments, which must all be exactly 100, and (b) the rate of sold-out
  answers (409 booking.slot_full) as a ratio of the bare-Sanic floor under the same wrk
  settings (target at least 0.40), with p50 / p99.
- flow: every request a booking that succeeds (each citizen books each flow slot once), as
  bookings per second against pgbench running the same booking transaction (the endpoint's
  statements, captured from PostgreSQL's statement log) with as many clients as the two
  workers have database connections (target at least 0.50).

Usage: python bench/release_rush.py [--rounds 3] [--seconds 10] [--clients 2000]
       (YIWANG_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, is used
       to create and drop a scratch database; YIWANG_BENCH_REDIS_URL, default db 13)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TypedDict
from zoneinfo import ZoneInfo

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ROOT, WrkRun, floor_server, free_port, parse_wrk, report, server
from scratch import on_scratch_database, pgbench, yiwang_env

SOLD_OUT_TARGET = 0.40
FLOW_TARGET = 0.50
CAPACITY = 100
CATEGORIES = 20  # prefix letters A..T; the first is the rush queue
FLOW_DAYS = 20  # wrk and pgbench each book their own half of the flow slots
WORKERS = 2
POOL_PER_WORKER = 20
FLOW_CONNECTIONS = 64
ZONE = ZoneInfo("Asia/Shanghai")

# Every request books; which citizen and which slot depend on a per-thread counter, so no two
# requests of the run repeat a (citizen, slot) pair. Status counts come back through done().
LUA = """
local tokens = {TOKENS}
local slots = {SLOTS}
local threads = {}
local offset = {OFFSET}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  n = 0
  created, full, other = 0, 0, 0
  nthreads = {THREADS}
end
function request()
  local k = offset + (tid - 1) + n * nthreads
  n = n + 1
  local person = tokens[(k % #tokens) + 1]
  local slot = slots[(math.floor(k / #tokens) % #slots) + 1]
  return wrk.format("POST", "/api/v1/appointments", {
    ["Authorization"] = "Bearer " .. person,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "{LABEL}-" .. k,
  }, '{"slot_id":"' .. slot .. '"}')
end
function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 and string.find(body, "booking.slot_full", 1, true) then full = full + 1
  else
    other = other + 1
    if other <= 3 then io.write("OTHER " .. status .. " " .. string.sub(body, 1, 160) .. "\\n") end
  end
end
function done(summary, latency, requests)
  local c, f, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); f = f + t:get("full"); o = o + t:get("other")
  end
  io.write(string.format("STATUSES created=%d full=%d other=%d\\n", c, f, o))
end
"""


def lua_list(values: list[str]) -> str:
    return "{" + ",".join(f'"{v}"' for v in values) + "}"


def write_lua(path: Path, tokens: list[str], slots: list[str], threads: int, offset: int) -> Path:
    path.write_text(
        LUA.replace("{LABEL}", path.stem)
        .replace("{TOKENS}", lua_list(tokens))
        .replace("{SLOTS}", lua_list(slots))
        .replace("{THREADS}", str(threads))
        .replace("{OFFSET}", str(offset))
    )
    return path


def run_wrk(
    url: str, connections: int, seconds: int, script: Path | None, threads: int = 2
) -> tuple[WrkRun, dict[str, int]]:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("OTHER "):
            print("   ", line[:200])
    counts = re.search(r"STATUSES created=(\d+) full=(\d+) other=(\d+)", output)
    statuses = (
        dict(zip(("created", "full", "other"), map(int, counts.groups()), strict=True))
        if counts
        else {}
    )
    return parse_wrk(output), statuses


# -- seeding, run inside the project's own environment ---------------------------------------


def seed(out: Path, clients: int, rush_rounds: int) -> None:
    out.write_text(json.dumps(asyncio.run(seeded(clients, rush_rounds))))


async def seeded(clients: int, rush_rounds: int) -> dict[str, list[str]]:
    from api.kit.db import start_database, stop_database
    from api.kit.ids import new_public_id
    from api.kit.settings import load_settings
    from api.lifecycle import MODEL_MODULES
    from auth.keys import signer_from_settings
    from auth.models import Audience, AuthSession, Person
    from auth.tokens import CITIZEN_AUDIENCE
    from booking.models import Category, Hall, Slot

    settings = load_settings()
    signer = signer_from_settings(settings)
    await start_database(settings.db_url, MODEL_MODULES)
    try:
        now = datetime.now(UTC)
        hall = await Hall.create(
            code="RUSH", name="发布日大厅", max_active_per_person=1000, lead_minutes=0
        )
        categories = [
            await Category.create(hall=hall, code=f"q{i:02d}", name=f"业务{i}", prefix=chr(65 + i))
            for i in range(CATEGORIES)
        ]
        today = now.astimezone(ZONE).date()

        async def slot(category: Category, day: date, capacity: int) -> str:
            starts = datetime.combine(day, time(10), tzinfo=ZONE)
            made = await Slot.create(
                public_id=new_public_id("slt"),
                category=category,
                hall_id=hall.id,
                local_date=day,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                capacity=capacity,
                released_at=now - timedelta(minutes=1),
            )
            return made.public_id

        rush = [
            await slot(categories[0], today + timedelta(days=1 + r), CAPACITY)
            for r in range(rush_rounds)
        ]
        flow = [
            await slot(category, today + timedelta(days=1 + d), 30_000)
            for category in categories[1:]
            for d in range(FLOW_DAYS)
        ]
        tokens = []
        for _ in range(clients):
            person = await Person.create(public_id=new_public_id("per"), level=2)
            session = await AuthSession.create(
                public_id=new_public_id("ses"),
                audience=Audience.CITIZEN,
                person=person,
                channel="app",
                expires_at=now + timedelta(days=1),
                last_used_at=now,
            )
            tokens.append(
                signer.issue(
                    audience=CITIZEN_AUDIENCE,
                    subject=person.public_id,
                    session_id=session.public_id,
                    channel="app",
                    level=2,
                    roles=(),
                    now=now,
                )
            )
        return {"tokens": tokens, "rush": rush, "flow": flow}
    finally:
        await stop_database()


# -- the database floor ---------------------------------------------------------------------

# The booking endpoint's statements, in order, as PostgreSQL's statement log showed them for
# one POST /api/v1/appointments (authentication, then the booking transaction with its
# savepoints, the outbox event, the inbox message and the delivery). Three bench statements
# come first: pick this transaction's citizen and slot, as wrk's script does. Literals hold no
# colons, which pgbench would read as variables.
BOOKING_SQL = """
SELECT nextval('bench_k') AS k \\gset
SELECT pid, ppub, spub FROM bench_person WHERE n = :k % {PERSONS} \\gset
SELECT sid, slotpub, cid, hid, day FROM bench_slot WHERE n = (:k / {PERSONS}) % {SLOTS} \\gset
{ENDPOINT}
"""


async def prepare_pgbench(database_url: str, payload: dict[str, list[str]]) -> None:
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(
            """
            CREATE SEQUENCE bench_k;
            CREATE TABLE bench_person AS
              SELECT (row_number() OVER (ORDER BY p.id)) - 1 AS n, p.id AS pid,
                     p.public_id AS ppub, s.public_id AS spub
                FROM person p JOIN auth_session s ON s.person_id = p.id;
            CREATE UNIQUE INDEX ON bench_person (n);
            CREATE TABLE bench_slot (n int PRIMARY KEY, sid bigint, slotpub text, cid bigint,
                                     hid bigint, day date);
            """
        )
        for n, public_id in enumerate(payload["flow"][1::2]):
            await connection.execute(
                "INSERT INTO bench_slot SELECT $1, id, public_id, category_id, hall_id,"
                " local_date FROM slot WHERE public_id = $2",
                n,
                public_id,
            )
    finally:
        await connection.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        seed(args.seed, args.clients, args.rounds + 1)
        return 0
    return on_scratch_database(lambda database, redis: run(args, database, redis), 13)


def run(args: argparse.Namespace, database_url: str, redis_url: str) -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as var_dir:
        scratch = Path(var_dir)
        env = {
            **yiwang_env(var_dir, port, database_url, redis_url),
            "YIWANG_WORKERS": str(WORKERS),
            "YIWANG_DATABASE_POOL_SIZE": str(POOL_PER_WORKER),
        }
        full_env = {**os.environ, **env}
        subprocess.run(
            [sys.executable, "-m", "api.cli", "migrate"],
            env=full_env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        seeded = scratch / "seed.json"
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--seed",
                str(seeded),
                "--clients",
                str(args.clients),
                "--rounds",
                str(args.rounds),
            ],
            env=full_env,
            cwd=ROOT,
            check=True,
        )
        payload = json.loads(seeded.read_text())
        subprocess.run(["redis-cli", "-u", redis_url, "FLUSHDB"], check=True, capture_output=True)
        yiwang = [sys.executable, "-m", "api.cli", "serve", "--workers", str(WORKERS)]
        with floor_server() as floor_url, server(yiwang, f"{base}/healthz", env):
            rush = rush_rounds(args, base, floor_url, database_url, scratch, payload)
            flow = flow_rounds(args, base, database_url, scratch, payload)
    print(json.dumps({**rush, **flow}))
    ok = rush["exactly_100"] and rush["sold_out_ratio"] >= SOLD_OUT_TARGET
    return 0 if ok and flow["bookings_vs_pgbench"] >= FLOW_TARGET else 1


class RushResult(TypedDict):
    exactly_100: bool
    sold_out_ratio: float


class FlowResult(TypedDict):
    bookings_per_s: int
    pgbench_tps: int
    bookings_vs_pgbench: float
    flow_p50_ms: float
    flow_p99_ms: float


def rush_rounds(
    args: argparse.Namespace,
    base: str,
    floor_url: str,
    database_url: str,
    scratch: Path,
    payload: dict[str, list[str]],
) -> RushResult:
    url = f"{base}/api/v1/appointments"
    tokens = payload["tokens"]
    warm = write_lua(scratch / "rush-warm.lua", tokens, [payload["rush"][0]], 2, 0)
    run_wrk(floor_url, args.clients, 3, None)
    run_wrk(url, args.clients, 3, warm)
    floor: list[WrkRun] = []
    sold_out: list[WrkRun] = []
    exact = True
    for round_ in range(args.rounds):
        slot = payload["rush"][round_ + 1]
        script = write_lua(scratch / f"rush-{round_}.lua", tokens, [slot], 2, 0)
        floor.append(run_wrk(floor_url, args.clients, args.seconds, None)[0])
        run, statuses = run_wrk(url, args.clients, args.seconds, script)
        booked, active = asyncio.run(slot_state(database_url, slot))
        print(
            f"  rush round {round_}: {statuses}, slot booked {booked}, active appointments "
            f"{active}, {run.requests_per_second:.0f} req/s, p50 {run.p50_ms:.1f} ms, "
            f"p99 {run.p99_ms:.1f} ms"
        )
        # "other" may hold one_per_day: a citizen's second request while places were left.
        exact = exact and statuses.get("created") == CAPACITY == booked == active
        # Only the sold-out answers count towards (b): their rate over the run.
        sold_out.append(
            WrkRun(
                requests_per_second=statuses.get("full", 0) / args.seconds,
                p50_ms=run.p50_ms,
                p99_ms=run.p99_ms,
                non_2xx=statuses.get("other", 0),
                socket_errors=run.socket_errors,
            )
        )
    conditions = {
        "processes": f"Yiwang {WORKERS} workers, floor 1",
        "connections": args.clients,
        "wrk_threads": 2,
        "duration_s": args.seconds,
        "rounds": args.rounds,
        "storage": "PostgreSQL + Redis",
        "scenario": "sold-out answers on a 100-place slot",
        "command": "python bench/release_rush.py",
    }
    ratio = report("release-rush-sold-out", conditions, floor, sold_out, SOLD_OUT_TARGET)
    return {"exactly_100": exact, "sold_out_ratio": round(ratio, 3)}


def flow_rounds(
    args: argparse.Namespace,
    base: str,
    database_url: str,
    scratch: Path,
    payload: dict[str, list[str]],
) -> FlowResult:
    url = f"{base}/api/v1/appointments"
    tokens, slots = payload["tokens"], payload["flow"][0::2]
    asyncio.run(prepare_pgbench(database_url, payload))
    pg_script = scratch / "booking.sql"
    pg_script.write_text(
        BOOKING_SQL.replace("{PERSONS}", str(len(tokens)))
        .replace("{SLOTS}", str(len(payload["flow"][1::2])))
        .replace("{ENDPOINT}", ENDPOINT_SQL)
    )
    clients = WORKERS * POOL_PER_WORKER
    offset = 0
    ours: list[float] = []
    theirs: list[float] = []
    latencies: list[WrkRun] = []
    warm = write_lua(scratch / "flow-warm.lua", tokens, slots, 2, offset)
    offset += run_wrk(url, FLOW_CONNECTIONS, 3, warm)[1]["created"] * 4 + 10_000
    pgbench(database_url, [pg_script], clients, 3)
    for round_ in range(args.rounds):
        theirs.append(pgbench(database_url, [pg_script], clients, args.seconds))
        script = write_lua(scratch / f"flow-{round_}.lua", tokens, slots, 2, offset)
        run, statuses = run_wrk(url, FLOW_CONNECTIONS, args.seconds, script)
        offset += (statuses["created"] + statuses["full"] + statuses["other"]) * 2 + 10_000
        ours.append(statuses["created"] / args.seconds)
        latencies.append(run)
        print(
            f"  flow round {round_}: pgbench {theirs[-1]:.0f} tps, Yiwang "
            f"{ours[-1]:.0f} bookings/s {statuses}, p50 {run.p50_ms:.1f} ms, "
            f"p99 {run.p99_ms:.1f} ms"
        )
    ratios = [o / t for o, t in zip(ours, theirs, strict=True)]
    ratio = statistics.median(ratios)
    print(
        f"  flow: Yiwang median {statistics.median(ours):.0f} bookings/s, pgbench median "
        f"{statistics.median(theirs):.0f} tps ({clients} clients), ratios "
        f"{[round(r, 3) for r in ratios]} -> {ratio:.3f} (target {FLOW_TARGET})"
    )
    return {
        "bookings_per_s": round(statistics.median(ours)),
        "pgbench_tps": round(statistics.median(theirs)),
        "bookings_vs_pgbench": round(ratio, 3),
        "flow_p50_ms": statistics.median(r.p50_ms for r in latencies),
        "flow_p99_ms": statistics.median(r.p99_ms for r in latencies),
    }


async def slot_state(database_url: str, public_id: str) -> tuple[int, int]:
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        row = await connection.fetchrow(
            "SELECT s.booked, (SELECT count(*) FROM appointment a WHERE a.slot_id = s.id"
            " AND a.status = 'active') AS active FROM slot s WHERE s.public_id = $1",
            public_id,
        )
        return int(row["booked"]), int(row["active"])
    finally:
        await connection.close()


ENDPOINT_SQL = """
SELECT p.public_id, p.id_number_sealed, p.merged_into, p.created_at, p.name_sealed, p.status,
       p.id, p.level, p.updated_at, p.verified_at, p.deleted_at, p.face_verified_at,
       p.id_number_index
  FROM person p LEFT OUTER JOIN auth_session s ON p.id = s.person_id
 WHERE p.public_id = :ppub AND p.status = 'active' AND s.public_id = :spub
   AND s.audience = 'citizen' AND s.revoked_at IS NULL AND s.expires_at > now() LIMIT 1;
BEGIN;
SELECT * FROM person WHERE id = :pid LIMIT 1 FOR UPDATE;
INSERT INTO idempotency_key (subject, key, request_digest, created_at)
VALUES ('citizen:' || :ppub, 'bench-' || :k::text, md5(:k::text) || md5(:k::text), now())
ON CONFLICT (subject, key) DO UPDATE
   SET request_digest = EXCLUDED.request_digest, created_at = EXCLUDED.created_at,
       response_status = NULL, response_body = NULL
 WHERE idempotency_key.created_at <= now() - interval '1 day'
RETURNING id;
SELECT * FROM slot WHERE public_id = :slotpub LIMIT 2;
SELECT * FROM hall WHERE id = :hid LIMIT 2;
SELECT * FROM suspension WHERE person_id = :pid AND hall_id = :hid AND lifted_at IS NULL
   AND ends_at > now() LIMIT 1;
SELECT COUNT(*) FROM appointment WHERE person_id = :pid AND hall_id = :hid AND status = 'active';
SAVEPOINT a;
INSERT INTO appointment (public_id, category_id, hall_id, local_date, status, channel,
                         created_at, cancelled_at, person_id, slot_id)
VALUES ('apt_' || :k::text, :cid, :hid, :day, 'active', 'app', now(), NULL, :pid, :sid)
RETURNING id;
RELEASE SAVEPOINT a;
SELECT * FROM category WHERE id = :cid LIMIT 2;
SAVEPOINT d;
INSERT INTO notify_event (public_id, event_type, dedupe_key, data_sealed, urgent, subject,
                          template_version, created_at, person_id)
VALUES ('evt_' || :k::text, 'booking.confirmed', 'booking-apt_' || :k::text || '-booking.confirmed',
        '1-A-' || repeat(md5(:k::text), 9), false, NULL, 1, now(), :pid) RETURNING id \\gset e_
RELEASE SAVEPOINT d;
INSERT INTO inbox_message (public_id, event_type, title, body, created_at, read_at, event_id,
                           person_id)
VALUES ('msg_' || :k::text, 'booking.confirmed', '预约成功',
        '您已预约 发布日大厅 2026-11-23 10:00 的业务1，请准时到达。', now(), NULL, :e_id, :pid)
RETURNING id;
SELECT 1 FROM notify_preference WHERE person_id = :pid AND category = 'booking'
   AND opted_out = true LIMIT 1;
INSERT INTO notify_delivery (public_id, channel, position, round, status, attempts, due_at,
                             lease_until, leased_by, provider_ref, last_error, created_at,
                             sent_at, finished_at, event_id)
VALUES ('dlv_' || :k::text, 'mp_subscribe', 0, 0, 'created', 0, now(), NULL, NULL, NULL, NULL,
        now(), NULL, NULL, :e_id) RETURNING id;
NOTIFY yiwang_notify;
UPDATE idempotency_key SET response_status = 201,
       response_body = '{"appointment_id":"apt_' || :k::text || '","status":"active"}'
 WHERE subject = 'citizen:' || :ppub AND key = 'bench-' || :k::text;
UPDATE slot SET booked = booked + 1 WHERE id = :sid AND booked < capacity AND released_at <= now();
COMMIT;
"""

if __name__ == "__main__":
    sys.exit(main())
