"""`yiwang ARGS` run in the test process through `api.cli.main`, as an operator would run it.

Each run has a thread of its own: its own event loop (`main` calls `asyncio.run`) and a fresh
context, so the Tortoise context the command opens for its database is its own and the
suite's connections are left alone. The environment is the given one only (no YIWANG_
variable of the suite's leaks in, and none the command sets leaks out), and what the command
prints is captured.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from api.cli import main
from api.kit.db import database_of_this_task
from api.lifecycle import MODEL_MODULES

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")
_ONE_AT_A_TIME = threading.Lock()  # the environment and standard streams are the process's


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def yiwang(*args: str, env: Mapping[str, str] | None = None, stdin: str = "") -> Ran:
    with _ONE_AT_A_TIME, _environment(env or {}), _streams(stdin) as (out, err):
        outcome: list[int] = []
        failure: list[BaseException] = []

        def run() -> None:
            try:
                outcome.append(main(list(args)))
            except SystemExit as exit_:  # argparse's usage errors
                outcome.append(exit_.code if isinstance(exit_.code, int) else 1)
            except BaseException as error:
                failure.append(error)

        thread = threading.Thread(target=run, name=f"yiwang {' '.join(args)}")
        thread.start()
        thread.join(timeout=120)
        if thread.is_alive():
            raise TimeoutError(f"yiwang {' '.join(args)} did not finish")
        if failure:
            raise failure[0]
        return Ran(outcome[0], out.getvalue(), err.getvalue())


def on_database(url: str, work: Callable[[], Awaitable[T]]) -> T:
    """`await work()` against the database at `url`, on a thread of its own, as a command
    would (test set-up for commands)."""

    async def with_database() -> T:
        async with database_of_this_task(url, MODEL_MODULES):
            return await work()

    results: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            results.append(asyncio.run(with_database()))
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if failure:
        raise failure[0]
    return results[0]


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    for name in [n for n in os.environ if n.startswith("YIWANG_")]:
        del os.environ[name]
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _streams(stdin: str) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    out, err = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield out, err
    finally:
        sys.stdin = saved_stdin
