"""schemathesis runs the whole published document against a live `yiwang serve` on PostgreSQL.

The server is a process of its own (schemathesis's calls are synchronous: the suite's in-loop
server would wait on the very thread that calls it), on a scratch database of the suite's
PostgreSQL and on the suite's Redis, migrated, with the demo data and sandbox gateways. The run
is authenticated as an L2 citizen, as hall staff and as a kiosk through schemathesis's
OpenAPI-aware auth (one entry per security scheme of the document), with a bounded number of
examples per operation and a fixed seed. It must find no 5xx, no undeclared status, no answer
outside its schema or content type, no undeclared header and no undeclared problem code, and
the server must log no error and no personal data in the clear.

The figures (operations, examples, failures, seconds) are printed: `pytest -s` shows them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from api.kit.masking import mask_text
from auth.demo import DEMO_CITIZENS, DEMO_HALL, DEMO_PASSWORD
from booking.demo import HALLS
from tests.api.test_serve import ROOT, serving
from tests.auth.conftest import POLICY
from tests.personal_data import PersonalDataWatch
from tests.yiwang_cli import yiwang

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "ignored_auth",  # a secured operation called without its credentials must refuse
    "declared_problem_code",  # ours, in schemathesis_hooks.py
)
HOOKS = "tests.miniprogram_contract.schemathesis_hooks"
# The bound: 6 examples per operation in the fuzzing and stateful phases (the coverage phase
# sends its own fixed set of boundary and negative cases whatever the bound, most of what the
# run sends): with a hundred operations declared, 10 took the test past a minute on a quiet
# 2-core machine.
EXAMPLES_PER_OPERATION = 6
SEED = 20261130
WORKERS = 2
# Operations that end the sessions the run signs in with: fuzzed on their own, after all the
# others, so that those are reached with live credentials.
SESSION_ENDING = (
    ("POST", "/api/v1/auth/logout"),
    # schemathesis finds the session's id in GET /api/v1/me/sessions and revokes it here.
    ("DELETE", "/api/v1/me/sessions/{session_id}"),
    ("POST", "/api/v1/staff/auth/logout"),
    ("DELETE", "/api/v1/me"),
)
NOT_FUZZED = (
    # A live stream answers until the hall closes or 30 minutes pass: a fuzzer would wait on
    # each example until its timeout.
    ("GET", "/api/v1/halls/{hall_code}/status/stream"),
)
PHONE = "13800000001"
HALL_TIME = ZoneInfo("Asia/Shanghai")


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_contract(
    scratch_database_url: str, redis_url: str, tmp_path: Path
) -> None:
    env = {
        "YIWANG_VAR_DIR": str(tmp_path / "var"),
        "YIWANG_DATABASE_URL": scratch_database_url,
        "YIWANG_REDIS_URL": redis_url,
        "YIWANG_DEMO_DATA": "1",
        "YIWANG_GATEWAYS": "sandbox",
    }
    migrated = yiwang("migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr
    kiosk_key = new_kiosk_key(env)
    log = tmp_path / "serve.log"
    with log.open("w") as output, serving(env, output=output) as (url, _process):
        wait_until_ready(url)
        citizen = l2_citizen_token(url)
        config = tmp_path / "schemathesis.toml"
        config.write_text(
            auth_config(
                citizen=citizen,
                # demo_admin (hall_admin, bound to no hall) may call every staff operation:
                # the hall set-up routes need hall_admin, the calling routes take clerk or
                # hall_admin, and a person's record needs hall_admin or operator; demo_clerk
                # would be refused most of them.
                staff=staff_token(url, "demo_admin"),
                kiosk=kiosk_key,
            )
            + known_values_config(known_values(url, citizen)),
            encoding="utf-8",
        )
        published = operations_of(httpx.get(f"{url}/openapi.json").json())
        session_ending = [operation for operation in SESSION_ENDING if operation in published]
        not_fuzzed = [operation for operation in NOT_FUZZED if operation in published]
        started = time.monotonic()
        runs = [fuzz(url, config, tmp_path / "most", exclude=[*session_ending, *not_fuzzed])]
        if session_ending:
            runs.append(fuzz(url, config, tmp_path / "session-ending", include=session_ending))
        took = time.monotonic() - started
    failures = [failure for run in runs for failure in run.failures]
    print(
        f"\nschemathesis: {sum(run.operations for run in runs)} operations, "
        f"{sum(run.examples for run in runs)} examples sent, {len(failures)} failures, "
        f"{took:.1f} s (bound: {EXAMPLES_PER_OPERATION} examples per operation, seed {SEED})"
    )
    assert all(run.returncode == 0 for run in runs) and not failures, "\n\n".join(
        run.output[-8000:] for run in runs if run.returncode != 0
    )
    assert not logged_errors(log), "serve logged errors:\n" + "\n".join(logged_errors(log)[:5])
    scanner = PersonalDataWatch()
    assert not scanner.scan_text("serve.log", log.read_text(encoding="utf-8")), scanner.findings


def new_kiosk_key(env: dict[str, str]) -> str:
    """A kiosk of the demo hall, registered as an operator would; its key is printed once."""
    created = yiwang("device", "create", "取号机", "--kind", "kiosk", "--hall", DEMO_HALL, env=env)
    assert created.returncode == 0, created.stderr
    key_line = next(line for line in created.stdout.splitlines() if line.startswith("key "))
    return key_line.rsplit(" ", 1)[1]


def operations_of(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(method.upper(), path) for path, item in document["paths"].items() for method in item}


def wait_until_ready(url: str, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
            return
        time.sleep(0.1)
    raise AssertionError("serve was not ready in time")


def l2_citizen_token(url: str) -> str:
    """Sign in by phone through the SMS sandbox, then prove a real name the verification
    sandbox knows: level 2, what every citizen operation but face verification needs."""
    with httpx.Client(base_url=url, timeout=10) as http:
        sent = http.post("/api/v1/auth/sms-code", json={"phone": PHONE})
        assert sent.status_code == 202, sent.text
        messages = http.get("/sandbox/sms/messages", params={"phone": PHONE}).json()["messages"]
        signed_in = http.post(
            "/api/v1/auth/phone",
            json={
                "phone": PHONE,
                "code": messages[-1]["parameters"]["code"],
                "privacy_policy_version": POLICY,
            },
        )
        assert signed_in.status_code == 200, signed_in.text
        token = str(signed_in.json()["access_token"])
        name, id_number = DEMO_CITIZENS[0]
        named = http.post(
            "/api/v1/me/real-name",
            json={"name": name, "id_number": id_number},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert named.status_code == 200, named.text
        return token


def staff_token(url: str, username: str) -> str:
    signed_in = httpx.post(
        f"{url}/api/v1/staff/auth/login",
        json={"username": username, "password": DEMO_PASSWORD},
        timeout=10,
    )
    assert signed_in.status_code == 200, signed_in.text
    return str(signed_in.json()["access_token"])


def auth_config(citizen: str, staff: str, kiosk: str) -> str:
    """schemathesis's OpenAPI-aware auth: each entry is named after a security scheme of the
    document and is sent on the operations that name that scheme (JSON strings are TOML's)."""
    return (
        f"[auth.openapi.citizenBearer]\nbearer = {json.dumps(citizen)}\n\n"
        f"[auth.openapi.staffBearer]\nbearer = {json.dumps(staff)}\n\n"
        f"[auth.openapi.deviceKey]\napi_key = {json.dumps(kiosk)}\n"
    )


def known_values(url: str, citizen: str) -> dict[str, list[str]]:
    """Values the demo data and the citizen make real, by parameter: a random hall code, slot
    or appointment id only ever reaches a 404, and the answers past it would go unchecked."""
    bearer = {"Authorization": f"Bearer {citizen}"}
    today = datetime.now(HALL_TIME).date()
    dates = [(today + timedelta(days=n)).isoformat() for n in range(8)]
    queues = [(hall, category) for hall, _, categories in HALLS for category, _, _ in categories]
    with httpx.Client(base_url=url, timeout=10) as http:
        slots = [
            slot["slot_id"]
            for day in dates
            for hall, category in queues
            for slot in http.get(
                f"/api/v1/halls/{hall}/slots", params={"category": category, "date": day}
            ).json()["slots"]
            if slot["released"]
        ]
        assert slots, "the demo hall has no released slot in the coming week"
        booked = http.post(
            "/api/v1/appointments",
            json={"slot_id": slots[-1]},
            headers={**bearer, "Idempotency-Key": "schemathesis-set-up"},
        )
        assert booked.status_code == 201, booked.text
        person = http.get("/api/v1/me", headers=bearer).json()["person_id"]
    return {
        "path.hall_code": sorted({hall for hall, _ in queues}),
        "query.category": sorted({category for _, category in queues}),
        "query.date": dates,
        "body.slot_id": slots[:: max(1, len(slots) // 20)],
        "path.appointment_id": [booked.json()["appointment_id"]],
        "path.person_id": [person],
    }


def known_values_config(values: dict[str, list[str]]) -> str:
    """schemathesis's dictionaries: each parameter takes a known value half of the time and a
    generated one otherwise."""
    dictionaries = "".join(
        f"[dictionaries.{_name(key)}]\nvalues = {json.dumps(known)}\n\n"
        for key, known in values.items()
    )
    bindings = "".join(
        f'"{key}" = {{ dictionary = "{_name(key)}", probability = 0.5 }}\n' for key in values
    )
    return f"\n{dictionaries}[parameters]\n{bindings}"


def _name(key: str) -> str:
    return key.replace(".", "_")


@dataclass(frozen=True)
class Run:
    returncode: int
    output: str
    report: dict[str, Any]

    @property
    def operations(self) -> int:
        return int(self.report["operations"]["tested"])

    @property
    def examples(self) -> int:
        return int(self.report["test_cases"]["generated"])

    @property
    def failures(self) -> list[Any]:
        return [*self.report["failures"], *self.report["errors"]]


def fuzz(
    url: str,
    config: Path,
    directory: Path,
    include: Sequence[tuple[str, str]] = (),
    exclude: Sequence[tuple[str, str]] = (),
) -> Run:
    """`schemathesis run` on the served document, in a process of its own."""
    directory.mkdir()
    command = [
        *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run"),
        f"{url}/openapi.json",
        *("--checks", ",".join(CHECKS)),
        *("--max-examples", str(EXAMPLES_PER_OPERATION)),
        *("--seed", str(SEED)),
        *("--workers", str(WORKERS)),
        *("--request-timeout", "10"),
        *("--generation-database", "none"),  # the seed alone decides what is sent
        "--no-color",
        *("--report", "json", "--report-json-path", str(directory / "report.json")),
    ]
    for method, path in include:
        command += ["--include-name", f"{method} {path}"]
    for method, path in exclude:
        command += ["--exclude-name", f"{method} {path}"]
    ran = subprocess.run(
        command,
        cwd=directory,  # where schemathesis keeps its cache
        env={**os.environ, "PYTHONPATH": str(ROOT), "SCHEMATHESIS_HOOKS": HOOKS},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = ran.stdout + ran.stderr
    (directory / "output.txt").write_text(output, encoding="utf-8")
    report = json.loads((directory / "report.json").read_text(encoding="utf-8"))
    return Run(ran.returncode, output, report)


def logged_errors(log: Path) -> list[str]:
    """The server's ERROR records (masked): no fuzzed input may make it log one."""
    found = []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.startswith("{") and json.loads(line).get("level") in ("ERROR", "CRITICAL"):
            found.append(mask_text(line)[:500])
    return found
