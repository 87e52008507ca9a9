"""CPU instructions per request, Yiwang against the bare-Sanic floor: the healthz target
measured in a unit the shared machine cannot disturb.

Both servers run under valgrind's callgrind (one process each, the worker inside the server
off: healthz touches no database), are warmed up, have their counters zeroed, serve the same
wrk load (1 thread, 8 connections) for the same time, and dump their counts. The figure is
floor instructions per request / Yiwang instructions per request: the share of a bare answer's
work that one of ours costs. An instruction count repeats to within a fraction of a percent
whatever else the machine is doing (callgrind counts instructions, not time), where the
wall-clock ratio of bench/healthz.py spreads from 0.55 to 0.81 between rounds of one run on
this 2-core machine. It does not see memory stalls, so the wall-clock ratio stays the one to
watch on a quiet machine; this one says whether our code's own cost moved.

Needs valgrind (Debian `valgrind`, which provides callgrind_control). Starting under valgrind
takes a minute or two.

Usage: python bench/instructions.py [--seconds 15]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import FLOOR_SERVER, ROOT, free_port, wait_for

TARGET = 0.80


@contextmanager
def under_callgrind(
    command: list[str], ready_url: str, out_file: Path, env: dict[str, str] | None = None
) -> Iterator[int]:
    process = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", *command],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        wait_for(ready_url, within=600)
        yield process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()


def instructions_per_request(pid: int, url: str, out_file: Path, seconds: int) -> float:
    """Zero the counters, serve `seconds` of load, dump: instructions / requests."""
    for _ in range(50):  # warm up: the routes' first answers compile and cache
        subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=True)
    subprocess.run(["callgrind_control", "--zero", str(pid)], check=True, capture_output=True)
    output = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    subprocess.run(["callgrind_control", "--dump", str(pid)], check=True, capture_output=True)
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    dump = _newest_dump(out_file)
    total = int(re.search(r"^summary: (\d+)", dump.read_text(), re.M).group(1))  # type: ignore[union-attr]
    return total / requests


def _newest_dump(out_file: Path) -> Path:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        dumps = sorted(out_file.parent.glob(out_file.name + ".*"), key=lambda p: p.stat().st_mtime)
        if dumps and "summary:" in dumps[-1].read_text():
            return dumps[-1]
        time.sleep(0.5)
    raise RuntimeError("callgrind wrote no dump")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    if not (shutil.which("valgrind") and shutil.which("wrk") and shutil.which("curl")):
        raise SystemExit("needs valgrind, wrk and curl")
    with tempfile.TemporaryDirectory() as work:
        where = Path(work)
        floor_port, port = free_port(), free_port()
        floor_url = f"http://127.0.0.1:{floor_port}/"
        project_url = f"http://127.0.0.1:{port}/healthz"
        env = {
            "YIWANG_VAR_DIR": str(where / "var"),
            "YIWANG_PORT": str(port),
            "YIWANG_WORKERS": "1",
            "YIWANG_WORKER_IN_PROCESS": "false",
        }
        floor_command = [sys.executable, str(FLOOR_SERVER), str(floor_port)]
        yiwang = [sys.executable, "-m", "api.cli", "serve"]
        with (
            under_callgrind(floor_command, floor_url, where / "floor.out") as floor_pid,
            under_callgrind(yiwang, project_url, where / "yiwang.out", env) as yiwang_pid,
        ):
            floor = instructions_per_request(
                floor_pid, floor_url, where / "floor.out", args.seconds
            )
            project = instructions_per_request(
                yiwang_pid, project_url, where / "yiwang.out", args.seconds
            )
    ratio = floor / project
    verdict = "MET" if ratio >= TARGET else "NOT MET"
    print(
        f"healthz instructions per request: floor {floor:,.0f}, yiwang {project:,.0f}; "
        f"ratio {ratio:.3f}  target >= {TARGET}  {verdict}"
    )
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
