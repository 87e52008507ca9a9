"""GET /healthz through Yiwang's whole middleware stack against the bare-Sanic floor.

Both are one process (`yiwang serve` with one worker runs single-process, like the floor), the
access log on (one JSON line per request, to /dev/null), same wrk settings, warmed up, then
alternated. Target: at least 0.80 of the floor.

Usage: python bench/healthz.py [--rounds 3] [--seconds 10] [--connections 64]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import floor_server, free_port, report, server, wrk

TARGET = 0.80


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()

    port = free_port()
    project_url = f"http://127.0.0.1:{port}/healthz"
    with tempfile.TemporaryDirectory() as var_dir:
        env = {"YIWANG_VAR_DIR": var_dir, "YIWANG_PORT": str(port), "YIWANG_WORKERS": "1"}
        yiwang = [sys.executable, "-m", "api.cli", "serve"]
        with floor_server() as floor_url, server(yiwang, project_url, env):
            wrk(floor_url, args.connections, 3)
            wrk(project_url, args.connections, 3)
            floor, project = [], []
            for _ in range(args.rounds):
                floor.append(wrk(floor_url, args.connections, args.seconds))
                project.append(wrk(project_url, args.connections, args.seconds))
    conditions = {
        "processes": "1 each",
        "connections": args.connections,
        "duration_s": args.seconds,
        "rounds": args.rounds,
        "storage": "embedded (healthz touches none)",
        "command": "python bench/healthz.py",
    }
    ratio = report("healthz", conditions, floor, project, TARGET)
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
