"""`yiwang serve --workers 2` in the sandbox gateway mode plays each outside system once: what
one process's sandbox was told, the other's knows (their state is in the shared Redis)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.mmap_dict import MmapedDict

from tests.api.test_serve import serving
from tests.auth.conftest import POLICY, new_phone

ROUNDS = 20  # fresh connections each: both processes surely answer some of every step


@pytest.fixture
def two_workers(settings, clean, tmp_path: Path) -> Iterator[tuple[httpx.Client, Path]]:
    """A client of `yiwang serve --workers 2` on the suite's PostgreSQL and Redis that opens a
    new connection for every request, so the kernel hands them to either process; and the
    directory where each process keeps its metric samples."""
    env = {
        "YIWANG_VAR_DIR": str(tmp_path / "var"),
        "YIWANG_DATABASE_URL": settings.db_url,
        "YIWANG_REDIS_URL": settings.cache_url,
    }
    no_keep_alive = httpx.Limits(max_keepalive_connections=0)
    with (
        serving(env, "--workers", "2") as (url, _process),
        httpx.Client(base_url=url, timeout=10, limits=no_keep_alive) as http,
    ):
        yield http, tmp_path / "var"


def test_a_code_sent_through_one_process_is_read_and_used_through_the_other(two_workers):
    http, var = two_workers
    outcomes = []
    for _ in range(ROUNDS):
        phone = new_phone()
        sent = http.post("/api/v1/auth/sms-code", json={"phone": phone})
        assert sent.status_code == 202, sent.status_code
        messages = http.get("/sandbox/sms/messages", params={"phone": phone}).json()["messages"]
        if not messages:
            outcomes.append("no message")
            continue
        signed_in = http.post(
            "/api/v1/auth/phone",
            json={
                "phone": phone,
                "code": messages[-1]["parameters"]["code"],
                "privacy_policy_version": POLICY,
            },
        )
        outcomes.append(str(signed_in.status_code))
    assert outcomes == ["200"] * ROUNDS
    # Each process's SMS client keeps its connection to one process's sandbox; both read.
    assert processes_serving(var, "/sandbox/sms/messages") == 2
    assert processes_serving(var, "/api/v1/auth/phone") == 2


def test_a_login_code_minted_in_one_process_signs_in_through_the_other(two_workers):
    http, var = two_workers
    statuses = []
    for n in range(ROUNDS):
        minted = http.post("/sandbox/wechat/_test/login-code", json={"openid": f"o-shared-{n}"})
        signed_in = http.post(
            "/api/v1/auth/miniprogram",
            json={"code": minted.json()["code"], "privacy_policy_version": POLICY},
        )
        statuses.append(signed_in.status_code)
    assert statuses == [200] * ROUNDS
    # Each process's WeChat client keeps its connection to one process's sandbox, so codes
    # minted by both were taken by one at least.
    assert processes_serving(var, "/sandbox/wechat/_test/login-code") == 2
    assert processes_serving(var, "/api/v1/auth/miniprogram") == 2


def processes_serving(var: Path, route: str) -> int:
    """How many worker processes answered `route`, from each one's own file of request counts
    (`yiwang serve --workers N` gives every process its own, see api.metrics)."""
    files = var.glob("prometheus-*/counter_*.db")
    return sum(1 for path in files if _requests_to(path, route) > 0)


def _requests_to(path: Path, route: str) -> float:
    total = 0.0
    for key, value, _timestamp, _position in MmapedDict.read_all_values_from_file(str(path)):
        _metric, sample, labels, _help = json.loads(key)
        if sample == "yiwang_http_requests_total" and labels.get("route") == route:
            total += value
    return total
