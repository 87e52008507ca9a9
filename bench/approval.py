"""Approval (issue 13): the catalogue search, answered from memory, and submitting applications.

Yiwang runs as `yiwang serve` on PostgreSQL and Redis (a scratch database, Redis database 12),
with the access log on and the default settings there: the embedded core engine
(`core_gateway=local`), and no worker in the server process (the default off the embedded
mode: nothing the two scenarios measure waits for it, and the database floor runs no worker
either). The bench syncs the demo catalogue through the service (`Approval.catalogue.sync`),
the way `yiwang serve` in the embedded mode would find it, and seeds L2 citizens, each with a
session and one uploaded photo (through `Approval.files.upload`); every citizen carries the
demo ID number, so the engine's register has the two e-licences the item takes.

- catalogue: `GET /api/v1/catalogue/items?q=...`, wrk rotating five realistic queries
  (percent-encoded), one Yiwang process vs the bare-Sanic floor (`../shared/bench/floor_server.py`),
  same wrk settings, alternating. A path answered from memory: TARGET_CATALOGUE of the floor.
- submission: `POST /api/v1/applications` for 居民身份证换领 with one upload and two e-licences,
  as in tests/approval/test_journey.py, every request by the next citizen (its own session) with
  a fresh Idempotency-Key; vs pgbench running the endpoint's own statements, captured from
  PostgreSQL's statement log for one submission (see `capture`), with as many clients as
  Yiwang's database pool; and vs `submission_floor_server.py`, bare Sanic + asyncpg sending
  those captured statements and nothing else (checked against the statement log first), with
  wrk's same settings. Rounds alternate Yiwang, the SQL floor, pgbench. TARGET_SUBMISSION of
  pgbench, TARGET_SUBMISSION_FLOOR of the SQL floor (what this stack could do at best with
  that SQL); the SQL floor's own ratio to pgbench and every p50 / p99 reported.

Usage: python bench/approval.py [--rounds 3] [--seconds 10] [--connections 64]
                                [--submit-connections N] [--citizens 1000] [--workers 1]
                                [--only catalogue|submission]
       (YIWANG_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, is used
       to create and drop a scratch database; YIWANG_BENCH_REDIS_URL, default db 12;
       YIWANG_BENCH_PG_LOG, the server's log file, default the Debian cluster's)
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypedDict
from urllib.parse import quote

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import RESULTS, ROOT, WrkRun, floor_server, free_port, parse_wrk, report, server, wrk
from scratch import on_scratch_database, pgbench, yiwang_env

TARGET_CATALOGUE = 0.60
TARGET_SUBMISSION = 0.50  # of pgbench (issue 13)
TARGET_SUBMISSION_FLOOR = 0.50  # of the SQL floor, submission_floor_server.py
SUBMISSION_FLOOR = Path(__file__).resolve().parent / "submission_floor_server.py"
PGBENCH_ATTEMPTS = 10
POOL_PER_WORKER = 20  # the database_pool_size default
QUERIES = ("身份证", "公积金", "登记", "不动产", "驾驶证")
ITEM = "11440100007501-002"  # 居民身份证换领: OLD_ID and HR by e-licence, PHOTO uploaded
NAME, ID_NUMBER = "张三", "11010519491231002X"  # the demo citizen (a public test vector)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
FORM = {"apply_reason": "有效期满", "delivery": "窗口领取"}
DEFAULT_PG_LOG = "/var/log/postgresql/postgresql-*-main.log"
SPREAD_IDS = """
DO $$ DECLARE seq record; n int := 0; BEGIN
  FOR seq IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'
             ORDER BY sequencename LOOP
    n := n + 1;
    PERFORM setval(quote_ident(seq.sequencename), n * 1000000);
  END LOOP;
END $$;
"""

CATALOGUE_LUA = """
local paths = {PATHS}
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
"""

# Every request a submission by the next citizen (per-thread counter, no two alike), with its
# own Idempotency-Key; status counts come back through done().
SUBMIT_LUA = """
local tokens = {TOKENS}
local files = {FILES}
local threads = {}
local offset = {OFFSET}
local head = [==[{HEAD}]==]
local tail = [==[{TAIL}]==]
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  n = 0
  created, other = 0, 0
  nthreads = {THREADS}
end
function request()
  local k = offset + (tid - 1) + n * nthreads
  n = n + 1
  local i = (k % #tokens) + 1
  return wrk.format("POST", "/api/v1/applications", {
    ["Authorization"] = "Bearer " .. tokens[i],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "{LABEL}-" .. k,
  }, head .. files[i] .. tail)
end
function response(status, headers, body)
  if status == 201 then created = created + 1
  else
    other = other + 1
    if other <= 3 then io.write("OTHER " .. status .. " " .. string.sub(body, 1, 160) .. "\\n") end
  end
end
function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); o = o + t:get("other") end
  io.write(string.format("STATUSES created=%d other=%d\\n", c, o))
end
"""


def submission_body(file_id: str) -> dict[str, object]:
    return {
        "item_code": ITEM,
        "form": FORM,
        "materials": [
            {"code": "OLD_ID", "elicence": "id_card"},
            {"code": "HR", "elicence": "household_register"},
            {"code": "PHOTO", "file_id": file_id},
        ],
    }


# -- seeding, run inside the project's own environment ---------------------------------------


class Citizen(TypedDict):
    token: str
    file: str


def seed(out: Path, citizens: int) -> None:
    out.write_text(json.dumps(asyncio.run(seeded(citizens))))


async def seeded(citizens: int) -> list[Citizen]:
    from api.kit.cache import connect_redis
    from api.kit.db import start_database, stop_database
    from api.kit.ids import new_public_id
    from api.kit.settings import load_settings
    from api.lifecycle import MODEL_MODULES
    from api.wiring import build_services
    from auth.audit import Origin
    from auth.models import Person

    settings = load_settings()
    await start_database(settings.db_url, MODEL_MODULES)
    redis = connect_redis(settings.cache_url)
    services = build_services(settings, redis)
    try:
        approval = services.approval
        synced = await approval.catalogue.sync(approval.core)
        print(f"  catalogue synced: {synced}")
        persons = services.identity.persons
        seeded: list[Citizen] = []
        for _ in range(citizens):
            public_id = new_public_id("per")
            person = await Person.create(
                public_id=public_id,
                level=2,
                name_sealed=persons.seal(NAME, table="person", column="name", row=public_id),
                id_number_sealed=persons.seal(
                    ID_NUMBER, table="person", column="id_number", row=public_id
                ),
            )
            pair = await services.identity.sessions.start_session(person, Origin(channel="mp"))
            photo = await approval.files.upload(person, PNG)
            seeded.append({"token": pair.access_token, "file": photo.public_id})
        return seeded
    finally:
        await services.aclose()
        await redis.aclose()
        await stop_database()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64, help="catalogue")
    parser.add_argument(
        "--submit-connections",
        type=int,
        help="submission (default: as many as pgbench has clients, Yiwang's database pool)",
    )
    parser.add_argument("--citizens", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", choices=("catalogue", "submission"))
    parser.add_argument("--seed", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        seed(args.seed, args.citizens)
        return 0
    return on_scratch_database(lambda database, redis: run(args, database, redis), 12)


def run(args: argparse.Namespace, database_url: str, redis_url: str) -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as var_dir:
        scratch = Path(var_dir)
        env = {
            **yiwang_env(var_dir, port, database_url, redis_url),
            "YIWANG_ACCESS_TOKEN_MINUTES": "60",  # the whole run on the seeded sessions
        }
        full_env = {**os.environ, **env}
        subprocess.run(
            [sys.executable, "-m", "api.cli", "migrate"],
            env=full_env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        # Each table's ids start a million apart: an id in the captured statements then names
        # one row of one table, never a limit or a count (see `_pgbench_script`).
        asyncio.run(_admin(database_url, SPREAD_IDS))
        seeded_file = scratch / "seed.json"
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--seed",
                str(seeded_file),
                "--citizens",
                f"{args.citizens}",
            ],
            env=full_env,
            cwd=ROOT,
            check=True,
        )
        citizens: list[Citizen] = json.loads(seeded_file.read_text())
        results: dict[str, float] = {}
        ok = True
        if args.only in (None, "catalogue"):
            ratio = catalogue(args, base, env, scratch)
            results["catalogue_vs_floor"] = round(ratio, 3)
            ok = ok and ratio >= TARGET_CATALOGUE
        if args.only in (None, "submission"):
            flow = submission(args, base, env, database_url, scratch, citizens)
            results.update(flow)
            ok = ok and flow["submissions_vs_pgbench"] >= TARGET_SUBMISSION
            ok = ok and flow["submissions_vs_sql_floor"] >= TARGET_SUBMISSION_FLOOR
    print(json.dumps(results))
    return 0 if ok else 1


# -- the catalogue ---------------------------------------------------------------------------


def catalogue(args: argparse.Namespace, base: str, env: dict[str, str], scratch: Path) -> float:
    """Rounds alternate the floor, Yiwang's own /healthz (the same middleware stack answering
    nothing: for orientation, what the stack alone leaves of the floor in this run) and the
    search."""
    paths = [f"/api/v1/catalogue/items?q={quote(q)}" for q in QUERIES]
    script = scratch / "catalogue.lua"
    script.write_text(CATALOGUE_LUA.replace("{PATHS}", lua_list(paths)))
    project_url = f"{base}/api/v1/catalogue/items"
    healthz_url = f"{base}/healthz"
    yiwang = [sys.executable, "-m", "api.cli", "serve", "--workers", "1"]
    with floor_server() as floor_url, server(yiwang, healthz_url, env):
        for path in paths:  # every query answers 200 with items before any load
            answer = httpx.get(base + path, timeout=10)
            assert answer.status_code == 200 and answer.json()["items"], answer.text
        wrk(floor_url, args.connections, 3)
        wrk(healthz_url, args.connections, 3)
        wrk(project_url, args.connections, 3, script)
        floor: list[WrkRun] = []
        healthz: list[WrkRun] = []
        project: list[WrkRun] = []
        for _ in range(args.rounds):
            floor.append(wrk(floor_url, args.connections, args.seconds))
            healthz.append(wrk(healthz_url, args.connections, args.seconds))
            project.append(wrk(project_url, args.connections, args.seconds, script))
    conditions = {
        "processes": "1 each",
        "connections": args.connections,
        "wrk_threads": 2,
        "duration_s": args.seconds,
        "rounds": args.rounds,
        "storage": "PostgreSQL + Redis (the catalogue from memory, its version from Redis)",
        "queries": list(QUERIES),
        "command": "python bench/approval.py --only catalogue",
    }
    report("approval-healthz", {**conditions, "project": "GET /healthz"}, floor, healthz, 0.0)
    report(
        "approval-catalogue-vs-healthz",
        {**conditions, "floor": "Yiwang's GET /healthz"},
        healthz,
        project,
        0.0,
    )
    return report("approval-catalogue", conditions, floor, project, TARGET_CATALOGUE)


def lua_list(values: list[str]) -> str:
    return "{" + ",".join(json.dumps(v, ensure_ascii=False) for v in values) + "}"


# -- submitting ------------------------------------------------------------------------------


def submission(
    args: argparse.Namespace,
    base: str,
    env: dict[str, str],
    database_url: str,
    scratch: Path,
    citizens: list[Citizen],
) -> dict[str, float]:
    """Rounds alternate Yiwang, the SQL floor (`submission_floor_server.py`: bare Sanic +
    asyncpg running the captured statements) and pgbench (the captured statements alone), wrk
    with the same settings for the two servers."""
    captured = capture(base, env, database_url, citizens)
    pg_script = scratch / "submission.sql"
    pg_script.write_text(captured.pgbench_script(len(citizens)))
    plan = scratch / "submission-plan.json"
    plan.write_text(json.dumps(floor_plan(captured), ensure_ascii=False))
    stamp = time.strftime("%Y%m%dT%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    kept = RESULTS / f"approval-submission-{stamp}.sql"
    kept.write_text(pg_script.read_text())
    print(f"  captured {len(captured.statements)} statements (pgbench's script: {kept}):")
    for number, statement in enumerate(captured.statements, 1):
        print(f"    {number:2d} [{statement.pid}] {' '.join(statement.sql.split())[:110]}")
    asyncio.run(prepare_pgbench(database_url, captured))
    floor_citizens = asyncio.run(as_floor_citizens(database_url, citizens))
    clients = args.workers * POOL_PER_WORKER
    connections = args.submit_connections or clients
    yiwang = [sys.executable, "-m", "api.cli", "serve", "--workers", str(args.workers)]
    floor_port = free_port()
    floor_base = f"http://127.0.0.1:{floor_port}"
    floor_command = [
        sys.executable,
        str(SUBMISSION_FLOOR),
        str(floor_port),
        database_url,
        str(plan),
    ]
    ours: list[float] = []
    floors: list[float] = []
    theirs: list[float] = []
    runs: list[WrkRun] = []
    floor_runs: list[WrkRun] = []
    offset = 0

    def load(url: str, who: list[Citizen], seconds: int) -> tuple[float, WrkRun]:
        nonlocal offset
        label = f"r{offset}"
        script = write_submit_lua(scratch / f"{label}.lua", who, offset)
        run, statuses = run_wrk(f"{url}/api/v1/applications", connections, seconds, script)
        offset += (statuses.get("created", 0) + statuses.get("other", 0)) * 2 + 10_000
        if statuses.get("other"):
            print(f"    {url}: {statuses}")
        return statuses.get("created", 0) / seconds, run

    check_floor(database_url, floor_command, floor_base, captured, floor_citizens)
    with server(yiwang, f"{base}/healthz", env), server(floor_command, f"{floor_base}/healthz"):
        load(base, citizens, 3)
        load(floor_base, floor_citizens, 3)
        _pgbench(database_url, pg_script, clients, 3)
        for round_ in range(args.rounds):
            per_s, run = load(base, citizens, args.seconds)
            ours.append(per_s)
            runs.append(run)
            per_s, run = load(floor_base, floor_citizens, args.seconds)
            floors.append(per_s)
            floor_runs.append(run)
            theirs.append(_pgbench(database_url, pg_script, clients, args.seconds))
            print(
                f"  submission round {round_} (load {os.getloadavg()[0]:.2f}): Yiwang "
                f"{ours[-1]:.0f}/s (p50 {runs[-1].p50_ms:.1f} ms, p99 {runs[-1].p99_ms:.1f} ms),"
                f" SQL floor {floors[-1]:.0f}/s (p50 {floor_runs[-1].p50_ms:.1f} ms, p99 "
                f"{floor_runs[-1].p99_ms:.1f} ms), pgbench {theirs[-1]:.0f} tps; Yiwang/pgbench "
                f"{ours[-1] / theirs[-1]:.3f}, Yiwang/floor {ours[-1] / floors[-1]:.3f}, "
                f"floor/pgbench {floors[-1] / theirs[-1]:.3f}"
            )

    def ratios(numerators: list[float], denominators: list[float]) -> list[float]:
        return [n / d for n, d in zip(numerators, denominators, strict=True)]

    vs_pgbench = ratios(ours, theirs)
    vs_floor = ratios(ours, floors)
    floor_vs_pgbench = ratios(floors, theirs)
    summary = {
        "scenario": "approval-submission",
        "conditions": {
            "processes": f"Yiwang {args.workers} worker(s); SQL floor 1",
            "wrk_connections": connections,
            "wrk_threads": 2,
            "pgbench_clients": clients,
            "duration_s": args.seconds,
            "rounds": args.rounds,
            "order": "Yiwang, SQL floor, pgbench",
            "command": "python bench/approval.py --only submission",
        },
        "yiwang_per_s": ours,
        "sql_floor_per_s": floors,
        "pgbench_tps": theirs,
        "yiwang_vs_pgbench": [round(r, 3) for r in vs_pgbench],
        "yiwang_vs_sql_floor": [round(r, 3) for r in vs_floor],
        "sql_floor_vs_pgbench": [round(r, 3) for r in floor_vs_pgbench],
        "targets": {"vs_pgbench": TARGET_SUBMISSION, "vs_sql_floor": TARGET_SUBMISSION_FLOOR},
        "runs": {"yiwang": [asdict(r) for r in runs], "sql_floor": [asdict(r) for r in floor_runs]},
    }
    details = RESULTS / f"approval-submission-{stamp}.json"
    details.write_text(json.dumps(summary, indent=2))
    results = {
        "submissions_per_s": round(statistics.median(ours), 1),
        "sql_floor_per_s": round(statistics.median(floors), 1),
        "pgbench_tps": round(statistics.median(theirs), 1),
        "submissions_vs_pgbench": round(statistics.median(vs_pgbench), 3),
        "submissions_vs_sql_floor": round(statistics.median(vs_floor), 3),
        "sql_floor_vs_pgbench": round(statistics.median(floor_vs_pgbench), 3),
        "submission_p50_ms": statistics.median(r.p50_ms for r in runs),
        "submission_p99_ms": statistics.median(r.p99_ms for r in runs),
        "sql_floor_p50_ms": statistics.median(r.p50_ms for r in floor_runs),
        "sql_floor_p99_ms": statistics.median(r.p99_ms for r in floor_runs),
    }

    def verdict(ratio: float, target: float) -> str:
        return f"{ratio:.3f} (target >= {target}: {'MET' if ratio >= target else 'NOT MET'})"

    print(
        f"\napproval-submission: Yiwang {args.workers} worker(s), SQL floor 1 process, wrk "
        f"{connections} connections each, pgbench {clients} clients, {args.rounds} x "
        f"{args.seconds} s (details: {details.relative_to(ROOT)})\n"
        f"  medians: Yiwang {results['submissions_per_s']:.0f} submissions/s, SQL floor "
        f"{results['sql_floor_per_s']:.0f}/s, pgbench {results['pgbench_tps']:.0f} tps\n"
        f"  approval-submission (vs pgbench): ratios {summary['yiwang_vs_pgbench']} -> "
        f"{verdict(results['submissions_vs_pgbench'], TARGET_SUBMISSION)}\n"
        f"  approval-submission-vs-sql-floor: ratios {summary['yiwang_vs_sql_floor']} -> "
        f"{verdict(results['submissions_vs_sql_floor'], TARGET_SUBMISSION_FLOOR)}\n"
        f"  SQL floor vs pgbench: ratios {summary['sql_floor_vs_pgbench']} -> "
        f"{results['sql_floor_vs_pgbench']:.3f}\n"
        f"  Yiwang p50 {results['submission_p50_ms']:.1f} ms, p99 "
        f"{results['submission_p99_ms']:.1f} ms; SQL floor p50 {results['sql_floor_p50_ms']:.1f}"
        f" ms, p99 {results['sql_floor_p99_ms']:.1f} ms"
    )
    return results


def _pgbench(database_url: str, script: Path, clients: int, seconds: int) -> float:
    """pgbench's tps; a run refused its connections (another bench on the shared server holds
    many: "too many clients") is run again a few seconds later, and said so."""
    for attempt in range(PGBENCH_ATTEMPTS):
        try:
            return pgbench(database_url, [script], clients, seconds)
        except RuntimeError as failed:
            if "too many clients" not in str(failed) or attempt == PGBENCH_ATTEMPTS - 1:
                raise
            print("    pgbench refused connections (too many clients): run again")
            time.sleep(6)
    raise AssertionError("unreachable")


async def as_floor_citizens(database_url: str, citizens: list[Citizen]) -> list[Citizen]:
    """The SQL floor's bearer token: the citizen's and session's public ids (it checks none)."""
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        rows = await connection.fetch("SELECT ppub, spub, fpub FROM bench_person")
    finally:
        await connection.close()
    by_file = {row["fpub"]: f"{row['ppub']}.{row['spub']}" for row in rows}
    return [{"token": by_file[c["file"]], "file": c["file"]} for c in citizens]


def write_submit_lua(path: Path, citizens: list[Citizen], offset: int) -> Path:
    marker = "@FILE@"
    body = json.dumps(submission_body(marker), ensure_ascii=False, separators=(",", ":"))
    head, tail = body.split(marker)
    path.write_text(
        SUBMIT_LUA.replace("{LABEL}", path.stem)
        .replace("{TOKENS}", lua_list([c["token"] for c in citizens]))
        .replace("{FILES}", lua_list([c["file"] for c in citizens]))
        .replace("{THREADS}", "2")
        .replace("{OFFSET}", str(offset))
        .replace("{HEAD}", head)
        .replace("{TAIL}", tail)
    )
    return path


def run_wrk(
    url: str, connections: int, seconds: int, script: Path, threads: int = 2
) -> tuple[WrkRun, dict[str, int]]:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    output = subprocess.run(
        [*command, "-s", str(script), url], capture_output=True, text=True, check=True
    ).stdout
    for line in output.splitlines():
        if line.startswith("OTHER "):
            print("   ", line[:200])
    counts = re.search(r"STATUSES created=(\d+) other=(\d+)", output)
    statuses = (
        dict(zip(("created", "other"), map(int, counts.groups()), strict=True)) if counts else {}
    )
    return parse_wrk(output), statuses


# -- the endpoint's own statements, from PostgreSQL's statement log --------------------------

_LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (\S*)@(\S*) "
    r"(LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT|WARNING):  (.*)$"
)
_STATEMENT = re.compile(r"^(?:statement|execute [^:]*): (.*)$", re.S)
_PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


@dataclass
class Statement:
    pid: str
    sql: str
    parameters: dict[int, str | None] = field(default_factory=dict)


@dataclass
class Captured:
    """One submission's statements and the values in them that belong to that one request:
    its citizen, their session and photo, and the rows it created."""

    statements: list[Statement]
    person_id: int
    person_public_id: str
    session_public_id: str
    file_id: int
    file_public_id: str
    idempotency_key: str
    created_ids: dict[str, list[int]]  # table -> ids the request inserted, in order

    def pgbench_script(self, persons: int) -> str:
        return _pgbench_script(self, persons)


def pg_log_path() -> Path:
    configured = os.environ.get("YIWANG_BENCH_PG_LOG")
    if configured:
        return Path(configured)
    found = sorted(glob.glob(DEFAULT_PG_LOG))
    if not found:
        raise SystemExit(f"no PostgreSQL log at {DEFAULT_PG_LOG}: set YIWANG_BENCH_PG_LOG")
    return Path(found[-1])


def capture(base: str, env: dict[str, str], database_url: str, citizens: list[Citizen]) -> Captured:
    """Run one Yiwang process with the scratch database's statements logged, submit twice (the
    first warms the process up), and keep the second submission's statements."""
    key = "capture-1"
    yiwang = [sys.executable, "-m", "api.cli", "serve", "--workers", "1"]
    statements = logged_submission(
        database_url, yiwang, base, env, (citizens[-1], citizens[-2]), key
    )
    return asyncio.run(_captured(database_url, statements, citizens[-2], key))


def logged_submission(
    database_url: str,
    command: list[str],
    base: str,
    env: dict[str, str] | None,
    citizens: tuple[Citizen, Citizen],
    key: str,
) -> list[Statement]:
    """Start a server with the scratch database's statements logged (a setting its new
    connections read), submit as the first citizen to warm it up, then as the second, and
    answer the second submission's statements."""
    database = database_url.rsplit("/", 1)[1]
    log = pg_log_path()
    asyncio.run(_admin(database_url, f"ALTER DATABASE \"{database}\" SET log_statement = 'all'"))
    try:
        with server(command, f"{base}/healthz", env):
            _submit(base, citizens[0], f"{key}-warm")
            time.sleep(0.5)
            start = log.stat().st_size
            _submit(base, citizens[1], key)
            time.sleep(0.5)
            with log.open("rb") as handle:
                handle.seek(start)
                text = handle.read().decode("utf-8", errors="replace")
    finally:
        asyncio.run(_admin(database_url, f'ALTER DATABASE "{database}" RESET log_statement'))
    return _statements(text, database)


def check_floor(
    database_url: str, command: list[str], base: str, captured: Captured, citizens: list[Citizen]
) -> None:
    """The SQL floor, logged the same way, sends the captured statements, in order, and no
    other: the same texts, the same constants, its own values where the request's own were."""
    logged = logged_submission(database_url, command, base, None, (citizens[-3], citizens[-4]), "x")
    sent = [s.sql for s in logged]
    expected = [s.sql for s in captured.statements]
    assert sent == expected, f"the SQL floor sent other statements: {sent} != {expected}"
    same = sum(
        a.parameters.get(n) == b.parameters.get(n)
        for a, b in zip(logged, captured.statements, strict=True)
        for n in b.parameters
    )
    total = sum(len(s.parameters) for s in captured.statements)
    print(
        f"  the SQL floor sent the {len(sent)} captured statements "
        f"({same} of {total} parameter values as captured, the rest its request's own)"
    )


def _submit(base: str, citizen: Citizen, key: str) -> None:
    answer = httpx.post(
        f"{base}/api/v1/applications",
        json=submission_body(citizen["file"]),
        headers={"Authorization": f"Bearer {citizen['token']}", "Idempotency-Key": key},
        timeout=10,
    )
    assert answer.status_code == 201, answer.text


async def _admin(database_url: str, sql: str) -> None:
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _statements(text: str, database: str) -> list[Statement]:
    entries: list[tuple[str, str, str, str]] = []  # pid, database, kind, message
    for line in text.splitlines():
        match = _LOG_LINE.match(line)
        if match:
            pid, _user, db, kind, message = match.groups()
            entries.append((pid, db, kind, message))
        elif entries and line.startswith("\t"):  # a continuation line, which the log tabs
            # (a line of another process's without user@database, a checkpoint's, is none)
            pid, db, kind, message = entries[-1]
            entries[-1] = (pid, db, kind, message + "\n" + line.removeprefix("\t"))
    statements: list[Statement] = []
    for pid, db, kind, message in entries:
        if db != database:
            continue
        if kind == "LOG":
            found = _STATEMENT.match(message)
            if found:
                statements.append(Statement(pid, found.group(1).strip().rstrip(";")))
        elif kind == "DETAIL" and message.startswith("parameters: ") and statements:
            values = {
                int(n): None if value == "NULL" else value[1:-1].replace("''", "'")
                for n, value in _PARAMETER.findall(message)
            }
            statements[-1].parameters = values
    return [s for s in statements if s.sql.upper() not in ("SELECT 1", "")]


async def _captured(
    database_url: str, statements: list[Statement], citizen: Citizen, key: str
) -> Captured:
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        file = await connection.fetchrow(
            "SELECT f.id, f.public_id, f.person_id, p.public_id AS person_public_id"
            " FROM approval_file f JOIN person p ON p.id = f.person_id WHERE f.public_id = $1",
            citizen["file"],
        )
        session = await connection.fetchval(
            "SELECT public_id FROM auth_session WHERE person_id = $1", file["person_id"]
        )
        created: dict[str, list[int]] = {}
        for statement in statements:
            table = _inserted_table(statement.sql)
            if table is not None:
                created.setdefault(table, [])
        for table in created:
            count = sum(1 for s in statements if _inserted_table(s.sql) == table)
            rows = await connection.fetch(
                f'SELECT id FROM "{table}" ORDER BY id DESC LIMIT {count}'
            )
            created[table] = sorted(int(row["id"]) for row in rows)
    finally:
        await connection.close()
    return Captured(
        statements=statements,
        person_id=int(file["person_id"]),
        person_public_id=str(file["person_public_id"]),
        session_public_id=str(session),
        file_id=int(file["id"]),
        file_public_id=str(file["public_id"]),
        idempotency_key=key,
        created_ids=created,
    )


def _inserted_table(sql: str) -> str | None:
    """The table a statement inserts a row into and answers the id of: an INSERT ...
    RETURNING, or a statement whose first part (`WITH name AS (INSERT ...`) is one (the
    submission inserts the application with its materials and timeline in one statement,
    answering the application)."""
    found = _INSERT.match(sql)
    return found.group(1) if found and "RETURNING" in sql.upper() else None


_INSERT = re.compile(r'(?:WITH\s+\w+\s+AS\s+\(\s*)?INSERT INTO "?(\w+)"?', re.I)


async def prepare_pgbench(database_url: str, captured: Captured) -> None:
    """pgbench's citizens: the same ones wrk uses, numbered, with their session and photo."""
    connection = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(
            """
            DROP TABLE IF EXISTS bench_person;
            DROP SEQUENCE IF EXISTS bench_k;
            CREATE SEQUENCE bench_k;
            CREATE TABLE bench_person AS
              SELECT (row_number() OVER (ORDER BY p.id)) - 1 AS n, p.id AS pid,
                     p.public_id AS ppub, s.public_id AS spub, f.id AS fid, f.public_id AS fpub
                FROM person p JOIN auth_session s ON s.person_id = p.id
                JOIN approval_file f ON f.person_id = p.id;
            CREATE UNIQUE INDEX ON bench_person (n);
            """
        )
    finally:
        await connection.close()


# Fresh public ids the request made (new_public_id: 2 to 4 letters, "_", token_urlsafe(16)), and
# the core engine's case numbers: unique per request, so pgbench makes its own from its counter.
_FRESH_ID = re.compile(r"(?<![\w-])[a-z]{2,4}_[\w-]{22}(?![\w-])", re.ASCII)
_CORE_REF = re.compile(r"\bSP\d{16}\b")


def _pgbench_script(captured: Captured, persons: int) -> str:
    """The statements with their logged values written in; where a value belongs to the
    request, pgbench's own: the next citizen (bench_person, by a counter) with their session
    and photo, fresh ids and keys from the counter, the ids of the rows it inserted (\\gset).
    A value made of parts (`citizen:per_...`, an answer naming the new application) is worked
    out once, beside the citizen, and passed as a parameter like the server's."""
    script = _Script(captured)
    body = []
    inserted_so_far: dict[str, int] = {}
    for index, statement in enumerate(captured.statements):
        sql = statement.sql
        if statement.parameters:
            sql = re.sub(r"\$(\d+)(?!\d)", script.parameter(statement.parameters), sql)
        else:
            sql = re.sub(r"'((?:[^']|'')*)'", lambda m: _quoted(m[1].replace("''", "'")), sql)
        table = _inserted_table(statement.sql)
        if table is not None:
            position = inserted_so_far.get(table, 0)
            inserted_so_far[table] = position + 1
            script.ids[str(captured.created_ids[table][position])] = f":r{index}_id"
            body.append(f"{sql} \\gset r{index}_")
        else:
            body.append(f"{sql};")
    composed = "".join(f", {expression} AS c{n}" for n, expression in enumerate(script.composed))
    return "\n".join(
        [
            "SELECT nextval('bench_k') AS k \\gset",
            f"SELECT pid, ppub, spub, fid, fpub{composed}"
            f" FROM bench_person WHERE n = :k % {persons} \\gset",
            *body,
        ]
    )


def floor_plan(captured: Captured) -> dict[str, object]:
    """The plan `submission_floor_server.py` runs: the captured statements as they were sent,
    and for each parameter its logged value in pieces, literal or the request's own (what
    `_pgbench_script` makes pgbench variables of): the citizen, session and photo (`ppub`,
    `spub`, `fpub`, from the token and the body), the Idempotency-Key (`key`), fresh public ids
    and core references (made per request), and ids earlier statements answered: the person's
    (`pid`, from the first statement given the citizen's public id), the photo's (`fid`,
    likewise) and each row inserted (`r<n>`, its RETURNING id)."""
    whole: dict[str, str] = {}  # a whole value -> the variable it is, once bound
    bind_on: dict[str, str] = {
        captured.person_public_id: "pid",
        captured.file_public_id: "fid",
    }
    bound_ids = {"pid": str(captured.person_id), "fid": str(captured.file_id)}
    parts = {
        captured.person_public_id: "ppub",
        captured.session_public_id: "spub",
        captured.file_public_id: "fpub",
        captured.idempotency_key: "key",
    }
    fresh: dict[str, str] = {}
    pattern = re.compile(
        "|".join(
            [re.escape(part) for part in sorted(parts, key=len, reverse=True)]
            + [_FRESH_ID.pattern, _CORE_REF.pattern]
        )
    )
    known = {"ppub", "spub", "fpub", "key"}

    def pieces(logged: str) -> list[object]:
        if logged in whole:
            return [{"var": whole[logged]}]
        out: list[object] = []
        at = 0
        for match in pattern.finditer(logged):
            if match.start() > at:
                out.append(logged[at : match.start()])
            token = match[0]
            if token not in parts:
                name = f"fresh{len(fresh)}"
                fresh[name] = "core_ref" if _CORE_REF.fullmatch(token) else token.split("_")[0]
                parts[token] = name
                known.add(name)
            out.append({"var": parts[token]})
            at = match.end()
        if at < len(logged):
            out.append(logged[at:])
        for piece in out:
            if isinstance(piece, dict):
                assert piece["var"] in known, f"{piece['var']} used before it is known"
        return out

    steps: list[dict[str, object]] = []
    answer: list[object] | None = None
    inserted_so_far: dict[str, int] = {}
    for index, statement in enumerate(captured.statements):
        count = max((int(n) for n in re.findall(r"\$(\d+)(?!\d)", statement.sql)), default=0)
        if count == 0:
            assert not pattern.search(statement.sql) and not any(
                value in statement.sql for value in bound_ids.values()
            ), f"a request's own value written into a statement: {statement.sql[:200]}"
        parameters: list[list[object] | None] = []
        bind = None
        for n in range(1, count + 1):
            logged = statement.parameters[n]
            if logged is None:
                parameters.append(None)
                continue
            if bind is None and logged in bind_on and bind_on[logged] not in known:
                bind = bind_on[logged]
            parameters.append(pieces(logged))
            if answer is None and logged.startswith("{"):
                try:
                    decoded = json.loads(logged)
                except ValueError:
                    decoded = None
                if isinstance(decoded, dict) and "application_id" in decoded:
                    answer = parameters[-1]
        table = _inserted_table(statement.sql)
        if table is not None:
            position = inserted_so_far.get(table, 0)
            inserted_so_far[table] = position + 1
            assert bind is None
            bind = f"r{index}"
            bound_ids[bind] = str(captured.created_ids[table][position])
        if bind is not None:
            whole[bound_ids[bind]] = bind
            known.add(bind)
        steps.append({"sql": statement.sql, "parameters": parameters, "bind": bind})
    assert answer is not None, "no recorded answer among the captured statements"
    assert {"pid", "fid"} <= known, "the person or the photo was never read"
    return {"steps": steps, "fresh": fresh, "answer": answer}


class _Script:
    def __init__(self, captured: Captured) -> None:
        # Whole values that are the request's own: pgbench variables.
        self.ids = {
            str(captured.person_id): ":pid",
            str(captured.file_id): ":fid",
            captured.person_public_id: ":ppub",
            captured.session_public_id: ":spub",
            captured.file_public_id: ":fpub",
        }
        # The same inside a longer value: bench_person's columns, or made from the counter.
        self.parts = {
            captured.person_public_id: "ppub",
            captured.session_public_id: "spub",
            captured.file_public_id: "fpub",
            captured.idempotency_key: "'bench-' || :k",
        }
        self.composed: list[str] = []
        self._pattern = re.compile(
            "|".join(
                [re.escape(part) for part in sorted(self.parts, key=len, reverse=True)]
                + [_FRESH_ID.pattern, _CORE_REF.pattern]
            )
        )

    def parameter(self, logged: dict[int, str | None]) -> Callable[[re.Match[str]], str]:
        return lambda match: self.value(logged[int(match[1])])

    def value(self, logged: str | None) -> str:
        if logged is None:
            return "NULL"
        if logged in self.ids:
            return self.ids[logged]
        pieces: list[str] = []
        at = 0
        for match in self._pattern.finditer(logged):
            if match.start() > at:
                pieces.append(_quoted(logged[at : match.start()]))
            pieces.append(self._part(match[0]))
            at = match.end()
        if not pieces:
            return _quoted(logged)
        if at < len(logged):
            pieces.append(_quoted(logged[at:]))
        self.composed.append("(" + " || ".join(pieces) + ")")
        return f":c{len(self.composed) - 1}"

    def _part(self, token: str) -> str:
        if token not in self.parts:
            prefix = "SP" if _CORE_REF.fullmatch(token) else token.split("_")[0] + "_"
            self.parts[token] = f"'{prefix}b{len(self.parts)}x' || :k"
        return self.parts[token]


def _quoted(text: str) -> str:
    """A literal pgbench leaves alone: it reads `:name` anywhere as a variable, so a colon is
    written as an escape."""
    escaped = text.replace("\\", "\\\\").replace("'", "''").replace(":", "\\x3a")
    return f"E'{escaped}'"


if __name__ == "__main__":
    sys.exit(main())
