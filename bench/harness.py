"""Measuring against the floor: start servers, drive them with wrk, report ratios.

Machines here are shared and noisy, so a figure is always a ratio between two things measured
in the same run, alternating (floor, project, floor, project, ...), after a warm-up of each.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR_SERVER = ROOT.parent / "shared" / "bench" / "floor_server.py"
RESULTS = ROOT / "bench" / "results"


@dataclass
class WrkRun:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {within}s")


@contextmanager
def server(command: list[str], ready_url: str, env: dict[str, str] | None = None) -> Iterator[None]:
    """`command` serving until the block ends. Its output is dropped, or appended to the file
    YIWANG_BENCH_SERVER_LOG names (to read what a server said about an answer it got wrong)."""
    log_path = os.environ.get("YIWANG_BENCH_SERVER_LOG")
    output = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=output,
        stderr=output,
        cwd=ROOT,
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
        if not isinstance(output, int):
            output.close()


@contextmanager
def floor_server() -> Iterator[str]:
    if not FLOOR_SERVER.exists():
        raise SystemExit(f"the floor server is missing: {FLOOR_SERVER}")
    port = free_port()
    with server([sys.executable, str(FLOOR_SERVER), str(port)], f"http://127.0.0.1:{port}/"):
        yield f"http://127.0.0.1:{port}/"


def wrk(
    url: str, connections: int, seconds: int, script: Path | None = None, threads: int = 2
) -> WrkRun:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> WrkRun:
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    assert found is not None, f"wrk printed no Requests/sec: {output!r}"
    rps = float(found.group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkRun(
        requests_per_second=rps,
        p50_ms=_latency(output, "50%"),
        p99_ms=_latency(output, "99%"),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def _latency(output: str, percentile: str) -> float:
    match = re.search(rf"^\s+{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def report(
    name: str,
    conditions: dict[str, object],
    floor: list[WrkRun],
    project: list[WrkRun],
    target: float,
) -> float:
    ratios = [
        p.requests_per_second / f.requests_per_second for f, p in zip(floor, project, strict=True)
    ]
    ratio = statistics.median(ratios)
    summary = {
        "scenario": name,
        "conditions": conditions,
        "floor_rps_median": statistics.median(r.requests_per_second for r in floor),
        "project_rps_median": statistics.median(r.requests_per_second for r in project),
        "floor_p50_ms": statistics.median(r.p50_ms for r in floor),
        "floor_p99_ms": statistics.median(r.p99_ms for r in floor),
        "project_p50_ms": statistics.median(r.p50_ms for r in project),
        "project_p99_ms": statistics.median(r.p99_ms for r in project),
        "ratios": [round(r, 3) for r in ratios],
        "ratio_median": round(ratio, 3),
        "target": target,
        "meets_target": ratio >= target,
        "project_failures": sum(r.non_2xx + r.socket_errors for r in project),
        "runs": {"floor": [asdict(r) for r in floor], "project": [asdict(r) for r in project]},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"\n{name}: {conditions}")
    print(
        f"  floor   median {summary['floor_rps_median']:.0f} req/s  "
        f"p50 {summary['floor_p50_ms']:.2f} ms  p99 {summary['floor_p99_ms']:.2f} ms"
    )
    print(
        f"  project median {summary['project_rps_median']:.0f} req/s  "
        f"p50 {summary['project_p50_ms']:.2f} ms  p99 {summary['project_p99_ms']:.2f} ms"
    )
    print(
        f"  ratios {summary['ratios']}  median {ratio:.3f}  target >= {target}  "
        f"{'MET' if ratio >= target else 'NOT MET'}  (failures: {summary['project_failures']})"
    )
    print(f"  details: {path.relative_to(ROOT)}")
    return ratio
