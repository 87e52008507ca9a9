"""`yiwang serve` as a real process: the embedded default, and several workers on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import httpx

from api import metrics
from auth.demo import DEMO_DEVICE_KEY
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def serving(
    env: dict[str, str],
    *args: str,
    program: list[str] | None = None,
    output: TextIO | None = None,
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run `yiwang serve` (or another program that serves on YIWANG_PORT) until the block ends;
    its output goes to `output` (a file, for a long noisy run) or a pipe."""
    port = free_port()
    base = {k: v for k, v in os.environ.items() if not k.startswith("YIWANG_")}
    command = program or [sys.executable, "-m", "api.cli", "serve", *args]
    process = subprocess.Popen(
        command,
        env={**base, "PYTHONPATH": str(ROOT), "YIWANG_PORT": str(port), **env},
        cwd=ROOT,
        stdout=output or subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process)
        yield url, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_serving(url: str, process: subprocess.Popen[str], within: float = 60) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"serve exited with {process.returncode}:\n{output[-3000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("serve did not answer in time")


def test_embedded_default_serves_migrates_and_stops_cleanly(tmp_path: Path) -> None:
    with serving({"YIWANG_VAR_DIR": str(tmp_path / "var")}) as (url, process):
        assert httpx.get(f"{url}/readyz").status_code == 200
        assert httpx.get(f"{url}/docs").status_code == 200
        spec = httpx.get(f"{url}/openapi.json").json()
        assert spec["openapi"].startswith("3.")
        kiosk = httpx.get(f"{url}/api/v1/device/me", headers={"X-Device-Key": DEMO_DEVICE_KEY})
        assert kiosk.status_code == 200  # the demo data is there
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        output = process.stdout.read() if process.stdout else ""
    assert f"API docs: {url}/docs" in output
    assert '"route":"/readyz","status":200' in output  # access lines flushed at shutdown
    assert (tmp_path / "var" / "postgres" / "PG_VERSION").exists()  # its private PostgreSQL
    assert not (tmp_path / "var" / "postgres" / "postmaster.pid").exists()  # stopped with it


def test_metrics_add_up_across_worker_processes(settings, resources, tmp_path: Path) -> None:
    env = {
        "YIWANG_VAR_DIR": str(tmp_path / "var"),
        "YIWANG_DATABASE_URL": settings.db_url,
        "YIWANG_REDIS_URL": settings.cache_url,
    }
    requests = 40
    with serving(env, "--workers", "2") as (url, _process):
        baseline = settled_healthz_count(url)  # the readiness probes
        for _ in range(requests):
            # A new connection each time, so the kernel spreads them over both workers.
            with httpx.Client() as http:
                assert http.get(f"{url}/healthz").status_code == 200
        settled_healthz_count(url)
        totals = set()
        for _ in range(6):
            with httpx.Client() as http:
                totals.add(healthz_count(http.get(f"{url}/metrics").text))
        sample_files = list((tmp_path / "var").glob("prometheus-*/counter_*.db"))
    # Whichever worker answers /metrics, it reports the requests every worker served.
    assert totals == {baseline + requests}
    assert len(sample_files) >= 2


def settled_healthz_count(url: str) -> int:
    """The count once every worker has handed over its figures: each process adds up its
    answers and hands them over at most `metrics.FLUSH_SECONDS` later, so the count is read
    again until it stays the same across more than that."""
    deadline = time.monotonic() + 10
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        with httpx.Client() as http:
            count = healthz_count(http.get(f"{url}/metrics").text)
        if count != last:
            last, since = count, time.monotonic()
        elif time.monotonic() - since > 2 * metrics.FLUSH_SECONDS:
            return count
    raise AssertionError("the metrics never settled")


def healthz_count(text: str) -> int:
    for line in text.splitlines():
        if line.startswith("yiwang_http_requests_total{") and 'route="/healthz"' in line:
            return int(float(line.rsplit(" ", 1)[1]))
    return 0


SLOW_APP = """
import asyncio, sys
from sanic import Blueprint, Sanic
from sanic.response import json
from api.app import create_app
from api.kit.policy import PUBLIC, requires
from api.kit.settings import load_settings

bp = Blueprint("slow")

@bp.get("/slow")
@requires(PUBLIC)
async def slow(request):
    await asyncio.sleep(1.5)
    return json({"finished": True})

settings = load_settings()
app = create_app(settings)
app.blueprint(bp)
app.prepare(host="127.0.0.1", port=settings.port, single_process=True, motd=False)
Sanic.serve_single(primary=app)
"""


def test_sigterm_lets_the_request_in_flight_finish(settings, tmp_path: Path) -> None:
    env = {
        "YIWANG_VAR_DIR": str(tmp_path / "var"),
        "YIWANG_DATABASE_URL": settings.db_url,
        "YIWANG_REDIS_URL": settings.cache_url,
        "YIWANG_GRACEFUL_SHUTDOWN_SECONDS": "60",
    }
    with (
        serving(env, program=[sys.executable, "-c", SLOW_APP]) as (url, process),
        httpx.Client(timeout=10) as http,
        ThreadPoolExecutor(1) as pool,
    ):
        in_flight = pool.submit(http.get, f"{url}/slow")
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        response = in_flight.result(timeout=10)
        assert response.status_code == 200 and response.json() == {"finished": True}
        assert response.headers["connection"] == "close"
        # The grace period is 60 s: exiting within 30 means the in-flight connection closed
        # with its response instead of holding the process.
        assert process.wait(timeout=30) == 0
