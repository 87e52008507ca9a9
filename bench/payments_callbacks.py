"""Payments' WeChat Pay callbacks: signed TRANSACTION.SUCCESS notifications applied per second,
as a ratio of pgbench running the same statements in the same run (the payments issue: at
least 0.50), with zero double transitions.

Yiwang runs as `yiwang serve` (one worker, its pool of 20) on PostgreSQL and Redis (a scratch
database, Redis database 8) in the sandbox gateway mode, with the access log on. Orders are
made through the service (`Payments.order_for_fee_notice`, then moved to paying through WeChat
Pay as the citizen's prepay does), in a seeding subprocess. Before each round the bench signs
one TRANSACTION.SUCCESS notification per unpaid order with the sandbox's platform key
(`payments.sandbox`: RSA-SHA256 over timestamp, a fresh nonce and the body; the resource sealed
with our APIv3 key), close to the round so every timestamp is inside the ±300 s window, and
writes them to a file wrk's Lua script reads: each request its own body, timestamp, nonce and
signature (wrk varies headers per request through `wrk.format`, so no async client is needed).

- Yiwang: `POST /callbacks/payments/wechat`, wrk 2 threads, `--connections` (default 20, the
  pool) connections, each notification sent once. Callbacks applied per second are counted in
  the database (new `callback_record` rows of the round / its seconds), not from wrk's figure.
- pgbench: the statements one callback runs, captured from PostgreSQL's statement log
  (`log_statement = 'all'` on the scratch database for one callback after a warm-up one, as
  bench/approval.py does), replayed with each transaction's own order (its id and public id,
  from a pool of paying orders cloned in SQL from a service-made one) and notification id,
  `--connections` clients. Its p50 / p99 from pgbench's per-transaction log.
- the SQL floor: `bench/callback_floor_server.py`, bare Sanic + asyncpg (one process, a pool of
  20) sending the captured statements in their transaction with each request's own order and
  notification id, and nothing else, wrk with Yiwang's settings (started for its rounds only):
  what any Python server on this stack could do with this SQL, for orientation.
- Yiwang's CPU per callback: its processes' CPU time during a round over the callbacks applied
  (less noisy than the rate on a shared machine, to compare two versions of the code).
- the load generator's ceiling: the same wrk script, settings and bodies against the bare Sanic
  floor (`../shared/bench/floor_server.py`, which answers the POST 405 at once): what wrk can
  send on this machine at most, to show it is not what bounds Yiwang.

Rounds alternate ceiling, Yiwang, SQL floor, pgbench after a warm-up of each; medians of each
and of the ratios. Then the duplicates phase: for `--duplicates` more orders, each notification
delivered three times at once (two freshly signed deliveries of the same notification id, as
WeChat Pay's retries are, and a verbatim replay of the first): 204, 204 and 401 (the replayed
nonce). Last, the check: every order Yiwang was sent a notification for moved to paid exactly
once (one `payment_event` to paid, one `callback_record`), no order anywhere has two paid
events, and no orphan was recorded.

Usage: python bench/payments_callbacks.py [--rounds 3] [--seconds 10] [--connections 20]
                                          [--orders 40000] [--duplicates 500] [--profile]
       (YIWANG_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, is used
       to create and drop a scratch database; YIWANG_BENCH_REDIS_URL, default db 8;
       YIWANG_BENCH_PG_LOG, the server's log file, default the Debian cluster's;
       YIWANG_BENCH_PY_SPY, py-spy's path for --profile, default the one on PATH)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import asyncpg
import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# The project's packages from this checkout (the venv's editable install may name another).
sys.path.insert(0, str(HERE.parent))

from approval import Statement, _statements, pg_log_path  # noqa: E402
from harness import RESULTS, ROOT, WrkRun, floor_server, free_port, parse_wrk, wait_for  # noqa: E402
from scratch import _pgbench_command, on_scratch_database, yiwang_env  # noqa: E402

TARGET = 0.50  # of pgbench running the same statements (the payments issue)
# The fair measure: the bare SQL floor sending the same statements reaches only about 0.7 of
# pgbench here, so it is the floor that bounds a Python server (as for the approval submission).
FAIR_TARGET = 0.50
REDIS_DB = 8
TOTAL_FEN = 2_500
YIWANG_REF = "bench-yw"  # the application_ref of the orders Yiwang is sent callbacks for
PGBENCH_REF = "bench-pg"  # of the orders pgbench pays
PGBENCH_ID_PREFIX = "pgb-"  # pgbench's notification ids (and the SQL floor's, "pgb-floor-")
FLOOR_ID_PREFIX = PGBENCH_ID_PREFIX + "floor-"
CALLBACK_FLOOR = HERE / "callback_floor_server.py"
CALLBACK_PATH = "/callbacks/payments/wechat"
SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048"

# Each wrk thread takes every nthreads-th line of the round's file: body, timestamp, nonce,
# signature, tab-separated. Past its last line a thread starts over (those answer 401, the
# nonce replayed, and say the round had too few notifications).
CALLBACK_LUA = """
local path = "{PATH}"
local file = "{FILE}"
local serial = "{SERIAL}"
local nthreads = {THREADS}
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  bodies, stamps, nonces, signatures = {}, {}, {}, {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == tid - 1 then
      local b, t, n, s = line:match("^(.-)\\t(.-)\\t(.-)\\t(.-)$")
      table.insert(bodies, b); table.insert(stamps, t)
      table.insert(nonces, n); table.insert(signatures, s)
    end
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
    ["Content-Type"] = "application/json",
    ["Wechatpay-Serial"] = serial,
    ["Wechatpay-Timestamp"] = stamps[i],
    ["Wechatpay-Nonce"] = nonces[i],
    ["Wechatpay-Signature"] = signatures[i],
    ["Wechatpay-Signature-Type"] = "{SIGNATURE_TYPE}",
  }, bodies[i])
end
function response(status, headers, body)
  if status == 204 then ok = ok + 1
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

CLONE_ORDERS = """
INSERT INTO payment_order (public_id, person_id, application_ref, notice_number, payee_code,
    region_code, items, total_fen, due_date, status, channel, paid_fen, refunded_fen,
    created_at, updated_at)
SELECT 'pay_pgb' || lpad(g::text, 9, '0'), t.person_id, $2, 'PGB' || lpad(g::text, 9, '0'),
       t.payee_code, t.region_code, t.items, t.total_fen, t.due_date, t.status, t.channel,
       t.paid_fen, t.refunded_fen, now(), now()
  FROM payment_order t, generate_series($3::int, $4::int - 1) g
 WHERE t.public_id = $1;
INSERT INTO bench_order (n, id, public_id)
SELECT g, o.id, o.public_id FROM generate_series($1::int, $2::int - 1) g
  JOIN payment_order o ON o.public_id = 'pay_pgb' || lpad(g::text, 9, '0');
"""


# -- seeding, run inside the project's own environment ---------------------------------------


def seed(out: Path, orders: int) -> None:
    out.write_text(json.dumps(asyncio.run(seeded(orders))))


async def seeded(count: int) -> list[str]:
    """`count` orders through the service, each moved to paying through WeChat Pay."""
    from datetime import date

    from api.kit.db import start_database, stop_database
    from api.kit.ids import new_public_id
    from api.kit.settings import load_settings
    from api.lifecycle import MODEL_MODULES
    from auth.models import Person
    from payments.models import Channel, OrderStatus
    from payments.service import FeeItemIn, FeeNoticeIn, Payments

    settings = load_settings()
    await start_database(settings.db_url, MODEL_MODULES)
    payments = Payments()
    try:
        persons = [
            (await Person.create(public_id=new_public_id("per"), level=2)).id
            for _ in range(max(1, count // 20))
        ]
        made: list[str] = [""] * count
        gate = asyncio.Semaphore(16)

        async def one(i: int) -> None:
            notice = FeeNoticeIn(
                notice_number=f"B{i:09d}",
                payee_code="110101001",
                region_code="110101",
                total_fen=TOTAL_FEN,
                due_date=date(2026, 12, 31),
                items=(FeeItemIn(code="0101", name="工本费", amount_fen=TOTAL_FEN),),
            )
            async with gate:
                order = await payments.order_for_fee_notice(
                    notice, persons[i % len(persons)], YIWANG_REF
                )
                await payments.move(
                    order, OrderStatus.PAYING, source="citizen", channel=Channel.WECHAT
                )
            made[i] = order.public_id

        await asyncio.gather(*(one(i) for i in range(count)))
        return made
    finally:
        await stop_database()


# -- signing, in this process with the same settings (and so the same dev keys) --------------


@dataclass(frozen=True)
class Delivery:
    body: bytes
    headers: dict[str, str]

    def line(self) -> str:
        lower = {k.lower(): v for k, v in self.headers.items()}
        body = self.body.decode()
        assert "\t" not in body and "\n" not in body
        return "\t".join(
            [
                body,
                lower["wechatpay-timestamp"],
                lower["wechatpay-nonce"],
                lower["wechatpay-signature"],
            ]
        )


class Signer:
    def __init__(self, base: str) -> None:
        from api.kit.settings import load_settings
        from payments.sandbox import sandbox_from_settings

        self.sandbox = sandbox_from_settings(load_settings(), base)

    def paid(self, order_public_id: str) -> Delivery:
        body = self.sandbox.paid(order_public_id, TOTAL_FEN)
        return Delivery(body, self.sandbox.signed(body))

    def again(self, delivery: Delivery) -> Delivery:
        """The same notification delivered again, freshly signed (WeChat Pay's retry)."""
        return Delivery(delivery.body, self.sandbox.signed(delivery.body))

    def batch(self, path: Path, orders: list[str]) -> Path:
        started = time.monotonic()
        path.write_text("\n".join(self.paid(order).line() for order in orders) + "\n")
        print(f"    signed {len(orders)} notifications in {time.monotonic() - started:.1f} s")
        return path


def write_lua(path: Path, data: Path, serial: str, url_path: str, threads: int) -> Path:
    path.write_text(
        CALLBACK_LUA.replace("{PATH}", url_path)
        .replace("{FILE}", str(data))
        .replace("{SERIAL}", serial)
        .replace("{THREADS}", str(threads))
        .replace("{SIGNATURE_TYPE}", SIGNATURE_TYPE)
    )
    return path


@dataclass
class Round:
    wrk: WrkRun
    ok: int
    other: int
    wrapped: int
    cpu_share: float = 0.0  # of one core, Yiwang's processes during the round


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (`yiwang serve` and its worker)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def run_wrk(url: str, connections: int, seconds: int, script: Path, threads: int) -> Round:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    output = subprocess.run(
        [*command, "-s", str(script), url], capture_output=True, text=True, check=True
    ).stdout
    counts = re.search(r"STATUSES ok=(\d+) other=(\d+) wrapped=(\d+)", output)
    assert counts is not None, output
    ok, other, wrapped = map(int, counts.groups())
    return Round(parse_wrk(output), ok, other, wrapped)


# -- the server, with its process id for py-spy ----------------------------------------------


@contextmanager
def yiwang_server(env: dict[str, str], ready_url: str) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--workers", "1"],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        wait_for(ready_url)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def sql_floor_server(command: list[str], ready_url: str) -> Iterator[None]:
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    try:
        wait_for(ready_url)
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


# -- the database's side ---------------------------------------------------------------------


def pg_url(database_url: str) -> str:
    return database_url.replace("postgres://", "postgresql://", 1)


async def sql(database_url: str, statement: str, *args: object) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(pg_url(database_url))
    try:
        if args:
            return list(await connection.fetch(statement, *args))
        await connection.execute(statement)
        return []
    finally:
        await connection.close()


async def applied_count(database_url: str) -> int:
    rows = await sql(
        database_url,
        "SELECT count(*) AS n FROM callback_record WHERE source = 'wechatpay'"
        " AND external_id NOT LIKE $1",
        PGBENCH_ID_PREFIX + "%",
    )
    return int(rows[0]["n"])


async def still_paying(database_url: str, orders: list[str]) -> list[str]:
    rows = await sql(
        database_url,
        "SELECT public_id FROM payment_order WHERE public_id = ANY($1::text[])"
        " AND status = 'paying' ORDER BY id",
        orders,
    )
    return [str(row["public_id"]) for row in rows]


class PgbenchOrders:
    """pgbench's paying orders, cloned in SQL from one the service made, topped up as it
    consumes them (each pgbench transaction pays the next, by `bench_k`)."""

    def __init__(self, database_url: str, template: str) -> None:
        self.database_url = database_url
        self.template = template
        self.size = 0

    def prepare(self) -> None:
        asyncio.run(
            sql(
                self.database_url,
                "DROP TABLE IF EXISTS bench_order; DROP SEQUENCE IF EXISTS bench_k;"
                " CREATE SEQUENCE bench_k;"
                " CREATE TABLE bench_order (n int PRIMARY KEY, id bigint, public_id text)",
            )
        )

    def ensure(self, more: int) -> None:
        used = asyncio.run(self._used())
        wanted = used + more
        if wanted <= self.size:
            return
        started = time.monotonic()
        asyncio.run(self._clone(self.size, wanted))
        print(
            f"    pgbench's orders: {self.size} -> {wanted} (cloned in "
            f"{time.monotonic() - started:.1f} s)"
        )
        self.size = wanted

    def reserve(self, count: int) -> list[str]:
        """`count` of the pool's orders taken out of pgbench's way, for the SQL floor."""
        self.ensure(count)
        used = asyncio.run(self._used())
        rows = asyncio.run(
            sql(
                self.database_url,
                "SELECT public_id FROM bench_order WHERE n >= $1 AND n < $2 ORDER BY n",
                used,
                used + count,
            )
        )
        asyncio.run(sql(self.database_url, "SELECT setval('bench_k', $1)", used + count))
        return [str(row["public_id"]) for row in rows]

    async def _used(self) -> int:
        rows = await sql(
            self.database_url, "SELECT last_value, is_called FROM bench_k WHERE $1", True
        )
        return int(rows[0]["last_value"]) if rows[0]["is_called"] else 0

    async def _clone(self, start: int, stop: int) -> None:
        connection = await asyncpg.connect(pg_url(self.database_url))
        try:
            first, second = CLONE_ORDERS.strip().split(";\n")
            async with connection.transaction():
                await connection.execute(first, self.template, PGBENCH_REF, start, stop)
                await connection.execute(second.rstrip(";"), start, stop)
            await connection.execute("ANALYZE bench_order")
            have = await connection.fetchval("SELECT count(*) FROM bench_order")
            assert have == stop, f"bench_order has {have} rows, not {stop}"
        finally:
            await connection.close()


@dataclass(frozen=True)
class Captured:
    statements: list[Statement]
    order_id: int
    order_public_id: str
    notification_id: str


def capture(
    env: dict[str, str], base: str, database_url: str, signer: Signer, orders: list[str]
) -> Captured:
    """One Yiwang process with the scratch database's statements logged: a warm-up callback,
    then the one whose statements are kept."""
    database = database_url.rsplit("/", 1)[1]
    log = pg_log_path()
    warm, kept = signer.paid(orders[0]), signer.paid(orders[1])
    asyncio.run(sql(database_url, f"ALTER DATABASE \"{database}\" SET log_statement = 'all'"))
    try:
        with yiwang_server(env, f"{base}/healthz"):
            _deliver(base, warm)
            time.sleep(0.5)
            start = log.stat().st_size
            _deliver(base, kept)
            time.sleep(0.5)
            with log.open("rb") as handle:
                handle.seek(start)
                text = handle.read().decode("utf-8", errors="replace")
    finally:
        asyncio.run(sql(database_url, f'ALTER DATABASE "{database}" RESET log_statement'))
    rows = asyncio.run(
        sql(database_url, "SELECT id FROM payment_order WHERE public_id = $1", orders[1])
    )
    notification_id = json.loads(kept.body)["id"]
    return Captured(_statements(text, database), int(rows[0]["id"]), orders[1], notification_id)


def _deliver(base: str, delivery: Delivery) -> httpx.Response:
    answer = httpx.post(
        base + CALLBACK_PATH, content=delivery.body, headers=delivery.headers, timeout=10
    )
    assert answer.status_code == 204, answer.text
    return answer


def pgbench_script(captured: Captured) -> str:
    """The captured statements, each parameter written in as the literal Yiwang sent, except
    the transaction's own: its order's id and public id (the next of bench_order) and its
    notification id."""
    own = {
        str(captured.order_id): ":oid",
        captured.order_public_id: ":opub",
        captured.notification_id: f"('{PGBENCH_ID_PREFIX}' || :k)",
    }
    body = []
    for statement in captured.statements:
        text = statement.sql
        if statement.parameters:
            text = re.sub(r"\$(\d+)(?!\d)", _writer(statement.parameters, own, captured), text)
        for value_ in (captured.order_public_id, captured.notification_id):
            assert value_ not in text, f"a request's own value left in: {text[:200]}"
        body.append(f"{text};")
    return "\n".join(
        [
            "SELECT nextval('bench_k') AS k \\gset",
            "SELECT id AS oid, public_id AS opub FROM bench_order WHERE n = :k - 1 \\gset",
            *body,
        ]
    )


def floor_plan(captured: Captured) -> list[dict[str, object]]:
    """The plan `callback_floor_server.py` runs: each captured statement, and for each of its
    parameters the value Yiwang sent, or which of the request's own it is."""
    own = {
        str(captured.order_id): "oid",
        captured.order_public_id: "opub",
        captured.notification_id: "nid",
    }
    plan: list[dict[str, object]] = []
    for statement in captured.statements:
        count = max((int(n) for n in re.findall(r"\$(\d+)(?!\d)", statement.sql)), default=0)
        parameters: list[dict[str, str] | None] = []
        for n in range(1, count + 1):
            logged = statement.parameters[n]
            if logged is None:
                parameters.append(None)
            elif logged in own:
                parameters.append({"var": own[logged]})
            elif fresh := FRESH_ID.match(logged):
                parameters.append({"fresh": fresh[1]})
            elif captured.order_public_id in logged:
                template = logged.replace(captured.order_public_id, "{opub}")
                parameters.append({"format": template})
            else:
                parameters.append({"const": logged})
        plan.append({"sql": statement.sql, "parameters": parameters})
    return plan


def floor_batch(path: Path, orders: list[str]) -> Path:
    """The SQL floor's requests: each order's public id and a notification id of its own."""
    lines = [
        json.dumps({"id": f"{FLOOR_ID_PREFIX}{uuid.uuid4()}", "order": order}) + "\t0\t0\t0"
        for order in orders
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


# Public ids a callback mints for the rows it adds (a notification's event, inbox message and
# delivery): unique per request, so each pgbench transaction and floor request makes its own.
FRESH_ID = re.compile(r"^(evt|msg|dlv)_[A-Za-z0-9_-]{22}$")


def _writer(
    logged: dict[int, str | None], own: dict[str, str], captured: Captured
) -> Callable[[re.Match[str]], str]:
    def write(match: re.Match[str]) -> str:
        found = logged[int(match[1])]
        if found is None:
            return "NULL"
        if found in own:
            return own[found]
        fresh = FRESH_ID.match(found)
        if fresh:
            return f"('{fresh[1]}_pgb' || :k)"
        if captured.order_public_id in found:  # a key naming the order (a dedupe key)
            before, _, after = found.partition(captured.order_public_id)
            return f"({_quoted(before)} || :opub || {_quoted(after)})"
        return _quoted(found)

    return write


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("'", "''").replace(":", "\\x3a")
    return f"E'{escaped}'"


@dataclass
class PgbenchRun:
    tps: float
    p50_ms: float
    p99_ms: float
    failed: int


def run_pgbench(database_url: str, script: Path, clients: int, seconds: int) -> PgbenchRun:
    """pgbench with its per-transaction log (-l) for p50 / p99."""
    with tempfile.TemporaryDirectory() as logs:
        command = _pgbench_command(database_url, [script], clients, seconds)
        command.insert(-1, "-l")
        done = subprocess.run(command, capture_output=True, text=True, cwd=logs, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"pgbench failed:\n{done.stderr[-2000:]}")
        tps = next(
            float(line.split()[2]) for line in done.stdout.splitlines() if line.startswith("tps =")
        )
        failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
        latencies: list[float] = []
        for path in Path(logs).glob("pgbench_log.*"):
            for line in path.read_text().splitlines():
                latencies.append(int(line.split()[2]) / 1000)
    latencies.sort()
    return PgbenchRun(
        tps,
        _percentile(latencies, 0.50),
        _percentile(latencies, 0.99),
        int(failed.group(1)) if failed else 0,
    )


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(q * len(values)))]


# -- the run ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2, help="wrk's")
    parser.add_argument("--orders", type=int, default=40000, help="Yiwang's, for the rounds")
    parser.add_argument("--duplicates", type=int, default=500)
    parser.add_argument(
        "--profile", action="store_true", help="py-spy on Yiwang during one extra round"
    )
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        seed(args.seed, args.orders)
        return 0
    return on_scratch_database(lambda database, redis: run(args, database, redis), REDIS_DB)


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
        os.environ.update(env)  # the signer reads the same settings, and so the same dev keys
        subprocess.run(
            [sys.executable, "-m", "api.cli", "migrate"], cwd=ROOT, check=True, capture_output=True
        )
        # Order ids far from any other number in the statements (a LIMIT, an amount): an id in
        # the captured statements then names the order and nothing else.
        asyncio.run(
            sql(
                database_url,
                "SELECT setval(pg_get_serial_sequence('payment_order', 'id'), $1)",
                1_000_000,
            )
        )
        total = args.orders + args.duplicates + 3
        started = time.monotonic()
        seeded_file = scratch / "orders.json"
        subprocess.run(
            [sys.executable, __file__, "--seed", str(seeded_file), "--orders", str(total)],
            cwd=ROOT,
            check=True,
        )
        orders: list[str] = json.loads(seeded_file.read_text())
        print(
            f"  {len(orders)} paying orders made through the service in "
            f"{time.monotonic() - started:.0f} s"
        )
        signer = Signer(base)
        template, capture_orders = orders[0], orders[1:3]
        duplicates = orders[3 : 3 + args.duplicates]
        pending = orders[3 + args.duplicates :]

        captured = capture(env, base, database_url, signer, capture_orders)
        print(f"  captured {len(captured.statements)} statements for one callback:")
        for number, statement in enumerate(captured.statements, 1):
            print(f"    {number:2d} {' '.join(statement.sql.split())[:150]}")
        script = scratch / "callback.sql"
        script.write_text(pgbench_script(captured))
        kept = RESULTS / f"payments-callbacks-{stamp}.sql"
        kept.write_text(script.read_text())
        print(f"  pgbench's script: {kept.relative_to(ROOT)}")
        plan = scratch / "floor-plan.json"
        plan.write_text(json.dumps(floor_plan(captured), ensure_ascii=False))
        floor_port = free_port()
        floor_base = f"http://127.0.0.1:{floor_port}"
        floor_command = [sys.executable, str(CALLBACK_FLOOR), str(floor_port), database_url]
        floor_command.append(str(plan))
        pool = PgbenchOrders(database_url, template)
        pool.prepare()
        asyncio.run(sql(database_url, "ANALYZE"))

        serial = signer.sandbox.serial
        lua_of = {}
        ceiling_lua_of = {}

        def lua(data: Path) -> Path:
            if data not in lua_of:
                lua_of[data] = write_lua(
                    data.with_suffix(".lua"), data, serial, CALLBACK_PATH, args.threads
                )
                ceiling_lua_of[data] = write_lua(
                    data.with_suffix(".floor.lua"), data, serial, "/", args.threads
                )
            return lua_of[data]

        def take(count: int) -> list[str]:
            nonlocal pending
            batch, pending = pending[:count], pending[count:]
            if len(batch) < count:
                print(f"    only {len(batch)} unpaid orders left of {count} wanted: --orders")
            return batch

        def yiwang_round(url: str, seconds: int, rate: float, label: str) -> tuple[float, Round]:
            wanted = int(rate * seconds * 2) + 1000
            batch = take(wanted)
            data = signer.batch(scratch / f"{label}.tsv", batch)
            before = asyncio.run(applied_count(database_url))
            cpu_before = cpu_seconds(server_pid[0])
            result = run_wrk(url, args.connections, seconds, lua(data), args.threads)
            result.cpu_share = (cpu_seconds(server_pid[0]) - cpu_before) / seconds
            time.sleep(0.3)  # the last answers' transactions
            applied = asyncio.run(applied_count(database_url)) - before
            unsent = asyncio.run(still_paying(database_url, batch))
            pending[:0] = unsent  # signed afresh for the next round
            if result.wrapped or result.other:
                print(
                    f"    {label}: {result.other} answers not 204, {result.wrapped} requests past"
                    " the notifications signed for the round"
                )
            return applied / seconds, result

        server_pid = [0]
        ceilings: list[Round] = []
        floors: list[float] = []
        floor_runs: list[Round] = []
        ours: list[float] = []
        our_runs: list[Round] = []
        theirs: list[PgbenchRun] = []
        profile_path: Path | None = None
        url = base + CALLBACK_PATH

        def sql_floor_round(seconds: int, rate: float, label: str) -> tuple[float, Round]:
            data = floor_batch(
                scratch / f"{label}.tsv", pool.reserve(int(rate * seconds * 3) + 2000)
            )
            # Started for its round only: its 20 connections and Yiwang's and pgbench's would
            # otherwise be 60 at once on a PostgreSQL other work shares (max_connections 100).
            with sql_floor_server(floor_command, f"{floor_base}/healthz"):
                result = run_wrk(
                    floor_base + CALLBACK_PATH, args.connections, seconds, lua(data), args.threads
                )
            if result.wrapped or result.other:
                print(
                    f"    {label}: {result.other} answers not 204, {result.wrapped} requests past"
                    " the orders given for the round"
                )
            # Requests past the round's orders repeat a notification: not applied.
            return max(0, result.ok - result.wrapped) / seconds, result

        with floor_server() as floor_url, yiwang_server(env, f"{base}/healthz") as process:
            server_pid[0] = process.pid
            warm_rate, _ = yiwang_round(url, 3, 1000, "warm")
            print(f"  warm-up: Yiwang {warm_rate:.0f} callbacks/s")
            floor_data = next(iter(lua_of))
            run_wrk(floor_url, args.connections, 3, ceiling_lua_of[floor_data], args.threads)
            pool.ensure(30_000)  # a 3 s warm-up at up to 10,000 tps
            warm_pg = run_pgbench(database_url, script, args.connections, 3)
            print(f"  warm-up: pgbench {warm_pg.tps:.0f} tps")
            floor_rate, _ = sql_floor_round(3, 1500, "floor-warm")
            print(f"  warm-up: SQL floor {floor_rate:.0f} callbacks/s")
            rate, pg_rate = max(warm_rate, 50.0), warm_pg.tps
            for number in range(args.rounds):
                ceilings.append(
                    run_wrk(
                        floor_url,
                        args.connections,
                        args.seconds,
                        ceiling_lua_of[floor_data],
                        args.threads,
                    )
                )
                per_s, result = yiwang_round(url, args.seconds, rate, f"round{number}")
                ours.append(per_s)
                our_runs.append(result)
                rate = max(rate, per_s)
                per_s, floor_run = sql_floor_round(args.seconds, floor_rate, f"floor{number}")
                floors.append(per_s)
                floor_runs.append(floor_run)
                floor_rate = max(floor_rate, per_s)
                pool.ensure(int(max(pg_rate, 1000) * args.seconds * 2) + 2000)
                theirs.append(run_pgbench(database_url, script, args.connections, args.seconds))
                pg_rate = max(pg_rate, theirs[-1].tps)
                print(
                    f"  round {number} (load {os.getloadavg()[0]:.2f}): wrk's ceiling "
                    f"{ceilings[-1].wrk.requests_per_second:.0f} req/s; Yiwang {ours[-1]:.0f} "
                    f"callbacks/s (p50 {result.wrk.p50_ms:.1f} ms, p99 {result.wrk.p99_ms:.1f} "
                    f"ms, {result.cpu_share:.0%} of a core); SQL floor {floors[-1]:.0f}/s (p50 "
                    f"{floor_run.wrk.p50_ms:.1f} ms, p99 {floor_run.wrk.p99_ms:.1f} ms); "
                    f"pgbench {theirs[-1].tps:.0f} tps "
                    f"(p50 {theirs[-1].p50_ms:.1f} ms, p99 {theirs[-1].p99_ms:.1f} ms); "
                    f"Yiwang/pgbench {ours[-1] / theirs[-1].tps:.3f}, Yiwang/floor "
                    f"{ours[-1] / floors[-1]:.3f}, floor/pgbench {floors[-1] / theirs[-1].tps:.3f}"
                )
            if args.profile:
                profile_path = RESULTS / f"payments-callbacks-{stamp}.pyspy.txt"
                profile(process.pid, url, args, rate, yiwang_round, profile_path)
            duplicate_statuses = asyncio.run(send_duplicates(base, signer, duplicates))
        check = asyncio.run(verify(database_url, duplicates))
    ratios = [o / t.tps for o, t in zip(ours, theirs, strict=True)]
    vs_floor = [o / f for o, f in zip(ours, floors, strict=True)]
    floor_vs_pgbench = [f / t.tps for f, t in zip(floors, theirs, strict=True)]
    summary = {
        "scenario": "payments-callbacks",
        "conditions": {
            "processes": "Yiwang 1 worker (pool 20); pgbench; wrk; floor 1",
            "wrk_connections": args.connections,
            "wrk_threads": args.threads,
            "pgbench_clients": args.connections,
            "duration_s": args.seconds,
            "rounds": args.rounds,
            "order": "wrk ceiling (bare floor), Yiwang, SQL floor, pgbench",
            "command": "python bench/payments_callbacks.py",
        },
        "yiwang_per_s": ours,
        "pgbench_tps": [t.tps for t in theirs],
        "sql_floor_per_s": floors,
        "yiwang_vs_sql_floor": [round(r, 3) for r in vs_floor],
        "sql_floor_vs_pgbench": [round(r, 3) for r in floor_vs_pgbench],
        "sql_floor_p50_ms": statistics.median(r.wrk.p50_ms for r in floor_runs),
        "sql_floor_p99_ms": statistics.median(r.wrk.p99_ms for r in floor_runs),
        "wrk_ceiling_rps": [c.wrk.requests_per_second for c in ceilings],
        "ratios": [round(r, 3) for r in ratios],
        "ratio_median": round(statistics.median(ratios), 3),
        "target": TARGET,
        "yiwang_cpu_ms_per_callback": [
            round(1000 * r.cpu_share / o, 3) if o else None
            for r, o in zip(our_runs, ours, strict=True)
        ],
        "yiwang_p50_ms": statistics.median(r.wrk.p50_ms for r in our_runs),
        "yiwang_p99_ms": statistics.median(r.wrk.p99_ms for r in our_runs),
        "pgbench_p50_ms": statistics.median(t.p50_ms for t in theirs),
        "pgbench_p99_ms": statistics.median(t.p99_ms for t in theirs),
        "duplicates": duplicate_statuses,
        "check": check,
        "runs": {
            "yiwang": [asdict(r) for r in our_runs],
            "pgbench": [asdict(t) for t in theirs],
            "ceiling": [asdict(c) for c in ceilings],
            "sql_floor": [asdict(r) for r in floor_runs],
        },
        "profile": str(profile_path) if profile_path else None,
    }
    details = RESULTS / f"payments-callbacks-{stamp}.json"
    details.write_text(json.dumps(summary, indent=2))
    met = statistics.median(ratios) >= TARGET
    fair_met = statistics.median(vs_floor) >= FAIR_TARGET
    print(
        f"\npayments-callbacks: Yiwang 1 worker, wrk {args.connections} connections "
        f"({args.threads} threads), pgbench {args.connections} clients, {args.rounds} x "
        f"{args.seconds} s (details: {details.relative_to(ROOT)})\n"
        f"  medians: Yiwang {statistics.median(ours):.0f} callbacks applied/s, pgbench "
        f"{statistics.median(t.tps for t in theirs):.0f} tps, wrk's ceiling "
        f"{statistics.median(c.wrk.requests_per_second for c in ceilings):.0f} req/s\n"
        f"  ratios {summary['ratios']} -> {summary['ratio_median']:.3f} (target >= {TARGET}: "
        f"{'MET' if met else 'NOT MET'})\n"
        f"  SQL floor median {statistics.median(floors):.0f} callbacks/s (p50 "
        f"{summary['sql_floor_p50_ms']:.1f} ms, p99 {summary['sql_floor_p99_ms']:.1f} ms); "
        f"Yiwang vs the SQL floor {summary['yiwang_vs_sql_floor']} -> "
        f"{statistics.median(vs_floor):.3f} (fair target >= {FAIR_TARGET}: "
        f"{'MET' if fair_met else 'NOT MET'}); the SQL floor vs pgbench "
        f"{summary['sql_floor_vs_pgbench']} -> {statistics.median(floor_vs_pgbench):.3f}\n"
        f"  Yiwang's CPU per callback (its processes' CPU time / callbacks applied): "
        f"{summary['yiwang_cpu_ms_per_callback']} ms\n"
        f"  Yiwang p50 {summary['yiwang_p50_ms']:.1f} ms, p99 {summary['yiwang_p99_ms']:.1f} "
        f"ms; pgbench p50 {summary['pgbench_p50_ms']:.1f} ms, p99 "
        f"{summary['pgbench_p99_ms']:.1f} ms\n"
        f"  duplicates: {duplicate_statuses}\n"
        f"  double transitions: {json.dumps(check)}"
    )
    return 0 if fair_met and check["zero_double_transitions"] else 1


def profile(
    pid: int,
    url: str,
    args: argparse.Namespace,
    rate: float,
    yiwang_round: object,
    out: Path,
) -> None:
    """py-spy on the server during one more round: its stacks, and the functions that hold
    the most samples, themselves and with what they call."""
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
            "--subprocesses",  # `yiwang serve` runs its worker in a child process
            "--nolineno",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(0.5)
    per_s, _ = yiwang_round(url, args.seconds, rate, "profiled")  # type: ignore[operator]
    spy.wait(timeout=60)
    out.write_text(summarise_profile(raw, per_s))
    print(f"  profile ({per_s:.0f} callbacks/s under py-spy): {out.relative_to(ROOT)}")


def summarise_profile(raw: Path, per_s: float) -> str:
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [f for f in stack.split(";") if not f.startswith("process ")]
        if not frames:
            continue
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count
        own[frames[-1]] = own.get(frames[-1], 0) + count
    lines = [f"py-spy, {total} samples, {per_s:.0f} callbacks/s during the profile", ""]
    lines.append("self, by where the running frame's code is:")
    for where, count in sorted(_by_package(own).items(), key=lambda kv: -kv[1]):
        lines.append(f"  {100 * count / total:5.1f}%  {where}")
    lines.append("")
    lines.append("inclusive (the function and what it calls):")
    for frame, count in sorted(inclusive.items(), key=lambda kv: -kv[1])[:70]:
        lines.append(f"  {100 * count / total:5.1f}%  {frame}")
    lines.append("")
    lines.append("self:")
    for frame, count in sorted(own.items(), key=lambda kv: -kv[1])[:40]:
        lines.append(f"  {100 * count / total:5.1f}%  {frame}")
    return "\n".join(lines) + "\n"


def _by_package(own: dict[str, int]) -> dict[str, int]:
    grouped: dict[str, int] = {}
    for frame, count in own.items():
        found = re.search(r"\(([^)]*)\)$", frame)
        where = found.group(1) if found else frame
        parts = where.split("/")
        key = "/".join(parts[:2]) if parts[0] in ("api", "payments") else parts[0]
        grouped[key] = grouped.get(key, 0) + count
    return grouped


async def send_duplicates(base: str, signer: Signer, orders: list[str]) -> dict[str, int]:
    """Each notification three times at once: two freshly signed deliveries of the same id
    and a verbatim replay of the first. Counted by each order's answers, sorted (expected:
    204, 204, 401: whichever of the first and its replay comes second is a replayed nonce)."""
    counts: dict[str, int] = {}
    gate = asyncio.Semaphore(16)
    limits = httpx.Limits(max_connections=48)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def send(delivery: Delivery) -> int:
            answer = await client.post(
                CALLBACK_PATH, content=delivery.body, headers=delivery.headers
            )
            return answer.status_code

        async def three(order: str) -> None:
            first = signer.paid(order)
            second = signer.again(first)
            async with gate:
                statuses = await asyncio.gather(send(first), send(second), send(first))
            key = ",".join(str(s) for s in sorted(statuses))
            counts[key] = counts.get(key, 0) + 1

        await asyncio.gather(*(three(order) for order in orders))
    return dict(sorted(counts.items()))


async def verify(database_url: str, duplicates: list[str]) -> dict[str, object]:
    connection = await asyncpg.connect(pg_url(database_url))
    try:
        per_order = await connection.fetch(
            """
            SELECT o.public_id, o.status,
                   count(e.id) FILTER (WHERE e.to_status = 'paid') AS paid_events
              FROM payment_order o LEFT JOIN payment_event e ON e.order_id = o.id
             WHERE o.application_ref = $1
             GROUP BY o.id
            """,
            YIWANG_REF,
        )
        anywhere = await connection.fetchval(
            "SELECT count(*) FROM (SELECT order_id FROM payment_event WHERE to_status = 'paid'"
            " GROUP BY order_id HAVING count(*) > 1) twice"
        )
        records = await connection.fetchval(
            "SELECT count(*) FROM callback_record WHERE source = 'wechatpay'"
            " AND external_id NOT LIKE $1",
            PGBENCH_ID_PREFIX + "%",
        )
        orphans = await connection.fetchval("SELECT count(*) FROM payment_orphan")
        pg_paid = await connection.fetchval(
            "SELECT count(*) FROM payment_order WHERE application_ref = $1 AND status = 'paid'",
            PGBENCH_REF,
        )
    finally:
        await connection.close()
    paid = [r for r in per_order if r["status"] == "paid"]
    once = sum(1 for r in paid if r["paid_events"] == 1)
    wrong = [
        r["public_id"]
        for r in per_order
        if (r["status"] == "paid") != (r["paid_events"] == 1) or r["paid_events"] > 1
    ]
    duplicates_set = set(duplicates)
    duplicates_paid_once = sum(
        1 for r in paid if r["public_id"] in duplicates_set and r["paid_events"] == 1
    )
    return {
        "yiwang_orders": len(per_order),
        "yiwang_orders_paid": len(paid),
        "paid_exactly_once": once,
        "callback_records": records,
        "orders_not_paid_exactly_once_or_paid_without_event": len(wrong),
        "orders_with_two_paid_events_anywhere": anywhere,  # pgbench's and the floor's too
        "duplicate_phase_orders_paid_once": f"{duplicates_paid_once}/{len(duplicates)}",
        "orphans": orphans,
        "pgbench_orders_paid": pg_paid,
        "zero_double_transitions": (
            anywhere == 0
            and not wrong
            and records == len(paid)
            and duplicates_paid_once == len(duplicates)
            and orphans == 0
        ),
    }


if __name__ == "__main__":
    sys.exit(main())
