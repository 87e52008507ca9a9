"""`yiwang serve --workers 2` in the sandbox gateway mode plays each outside system once: what
one process's sandbox was told, the other's knows (their state is in the shared Redis)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from prometheus_client.mmap_dict import MmapedDict

from tests.api.test_serve import serving
from tests.auth.conftest import POLICY, new_phone

ROUNDS = 20
# Rounds run a few at a time: with one process busy, the next connection goes to the other.
# A lone client's fresh connections may all be taken by the process that is already awake.
AT_ONCE = 4
# Every round asks for an SMS code from the same address, which may ask for 30 an hour.
MOST_SMS_ROUNDS = 28
MOST_ROUNDS = 60


@pytest.fixture
def two_workers(settings, clean, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The address of `yiwang serve --workers 2` on the suite's PostgreSQL and Redis, and the
    directory where each of its processes keeps its metric samples."""
    env = {
        "YIWANG_VAR_DIR": str(tmp_path / "var"),
        "YIWANG_DATABASE_URL": settings.db_url,
        "YIWANG_REDIS_URL": settings.cache_url,
    }
    with serving(env, "--workers", "2") as (url, _process):
        yield url, tmp_path / "var"


def fresh_connections(url: str) -> httpx.Client:
    """A client that opens a new connection for every request: the kernel hands each to
    either process."""
    return httpx.Client(base_url=url, timeout=10, limits=httpx.Limits(max_keepalive_connections=0))


def test_a_code_sent_through_one_process_is_read_and_used_through_the_other(two_workers):
    url, var = two_workers

    def sign_in_by_sms() -> str:
        phone = new_phone()
        with fresh_connections(url) as http:
            sent = http.post("/api/v1/auth/sms-code", json={"phone": phone})
            if sent.status_code != 202:
                return f"sms-code {sent.status_code}"
            found = http.get("/sandbox/sms/messages", params={"phone": phone}).json()["messages"]
            if not found:
                return "no message"
            signed_in = http.post(
                "/api/v1/auth/phone",
                json={
                    "phone": phone,
                    "code": found[-1]["parameters"]["code"],
                    "privacy_policy_version": POLICY,
                },
            )
            return str(signed_in.status_code)

    # Each process's SMS client keeps its connection to one process's sandbox; both read.
    outcomes = until_both_processes_served(
        var, ("/sandbox/sms/messages", "/api/v1/auth/phone"), sign_in_by_sms, MOST_SMS_ROUNDS
    )
    assert outcomes == ["200"] * len(outcomes)
    assert processes_serving(var, "/sandbox/sms/messages") == 2
    assert processes_serving(var, "/api/v1/auth/phone") == 2


def test_a_login_code_minted_in_one_process_signs_in_through_the_other(two_workers):
    url, var = two_workers
    numbers = itertools.count()  # safe across the rounds' threads, unlike a generator

    def sign_in_by_mini_program() -> str:
        with fresh_connections(url) as http:
            minted = http.post(
                "/sandbox/wechat/_test/login-code", json={"openid": f"o-shared-{next(numbers)}"}
            )
            signed_in = http.post(
                "/api/v1/auth/miniprogram",
                json={"code": minted.json()["code"], "privacy_policy_version": POLICY},
            )
            return str(signed_in.status_code)

    # Each process's WeChat client keeps its connection to one process's sandbox, so codes
    # minted by both were taken by one at least.
    outcomes = until_both_processes_served(
        var,
        ("/sandbox/wechat/_test/login-code", "/api/v1/auth/miniprogram"),
        sign_in_by_mini_program,
        MOST_ROUNDS,
    )
    assert outcomes == ["200"] * len(outcomes)
    assert processes_serving(var, "/sandbox/wechat/_test/login-code") == 2
    assert processes_serving(var, "/api/v1/auth/miniprogram") == 2


def until_both_processes_served(
    var: Path, routes: tuple[str, ...], one_round: Callable[[], str], most: int
) -> list[str]:
    """The outcomes of ROUNDS rounds at least, AT_ONCE at a time, and more until both processes
    have answered each of `routes` (`most` rounds at the most)."""
    outcomes: list[str] = []
    with ThreadPoolExecutor(AT_ONCE) as pool:
        while len(outcomes) < most:
            batch = min(AT_ONCE, most - len(outcomes))
            outcomes += pool.map(lambda _: one_round(), range(batch))
            served = all(processes_serving(var, route) == 2 for route in routes)
            if len(outcomes) >= ROUNDS and served:
                break
    return outcomes


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
