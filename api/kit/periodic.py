"""Periodic jobs: declared beside their code, run once per tick across every worker.

Each domain package lists its jobs in its `jobs.py` (`periodic_jobs(...)`); the worker collects
them into one registry and runs a `PeriodicRunner`. Any number of workers on any number of
machines run the same registry: a job's `periodic_run` row is its lease, taken by a conditional
UPDATE on `next_run_at` that exactly one worker wins per tick, timed by the database's clock so
machines whose clocks disagree still agree. A worker that crashes mid-run holds nothing: the
next tick is due at `next_run_at` whoever takes it. Jobs are idempotent sweeps, so the rare
run that lasts longer than its period and meets the next one does no harm.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.kit.db import rows_of
from api.kit.outages import Backoff, OutageWatch, is_outage

log = logging.getLogger("yiwang.periodic")

MINUTE = 60.0


@dataclass(frozen=True)
class PeriodicJob:
    """`run` does one round of the job and returns how many things it did (for the log)."""

    name: str
    every: timedelta
    run: Callable[[], Awaitable[int | None]]


@dataclass(frozen=True)
class Tick:
    """One run of a job: its number and when it started, by the database's clock."""

    run: int
    started_at: datetime


class PeriodicRunner:
    """Runs the registry until `stop()`.

    `minute_seconds` is how long a minute of the schedule lasts: 60 in production; tests
    shorten it (YIWANG_SWEEP_SECONDS) so every job runs within seconds.
    """

    def __init__(
        self,
        jobs: Sequence[PeriodicJob],
        *,
        worker_id: str,
        outages: OutageWatch,
        minute_seconds: float = MINUTE,
    ) -> None:
        self.jobs = list(jobs)
        self.worker_id = worker_id
        self.outages = outages
        self.scale = minute_seconds / MINUTE
        self._stopping = asyncio.Event()

    def period_of(self, job: PeriodicJob) -> float:
        return job.every.total_seconds() * self.scale

    @property
    def pause(self) -> float:
        """How long to wait between looks at the registry: a job starts at most this late."""
        return min((self.period_of(job) for job in self.jobs), default=MINUTE) / 4

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        """Until `stop()`: look at the registry every `pause`; back off while a dependency is
        down or the lease itself fails."""
        backoff = Backoff()
        while not self._stopping.is_set():
            try:
                went_through = await self.outages.attempt(self.run_due_jobs)
            except Exception:  # a bug in the lease: say so, and keep the other loops company
                log.exception("periodic jobs failed")
                went_through = False
            if went_through:
                backoff.reset()
                # Jittered, so the workers take turns rather than the same one always
                # arriving first at a tick.
                await self._sleep(self.pause * random.uniform(0.5, 1.0))  # noqa: S311
            else:
                await self._sleep(backoff.next_delay())

    async def run_due_jobs(self) -> None:
        """Every job whose tick has come and that this worker wins; an outage ends the round
        (the caller backs off), any other failure ends only that job's run."""
        for job in self.jobs:
            if self._stopping.is_set():
                return
            tick = await self._claim(job)
            if tick is not None:
                await self._run(job, tick)

    async def _claim(self, job: PeriodicJob) -> Tick | None:
        """This tick when this worker won it; None when it is not due or another worker won it."""
        period = timedelta(seconds=self.period_of(job))
        rows = await rows_of(_CLAIM, [job.name, period, self.worker_id])
        return Tick(rows[0]["runs"], rows[0]["last_started_at"]) if rows else None

    async def _run(self, job: PeriodicJob, tick: Tick) -> None:
        started = time.monotonic()
        try:
            done = await job.run()
        except Exception as exc:
            if is_outage(exc) is not None:
                raise  # the runner backs off; the next tick retries
            log.exception("periodic job failed", extra={"job": job.name, "run": tick.run})
            return
        await rows_of(_FINISHED, [job.name, self.worker_id])
        log.info(
            "periodic job ran",
            extra={
                "job": job.name,
                "run": tick.run,
                "started_at": tick.started_at.isoformat(),
                "done": done,
                "worker": self.worker_id,
                "seconds": round(time.monotonic() - started, 3),
            },
        )

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)


# The first worker ever to look creates the row and runs the job; after that, the UPDATE's
# condition lets through one claimer per tick (a concurrent one waits on the row, then finds
# next_run_at in the future and gets no row back).
_CLAIM = """
INSERT INTO periodic_run AS r (name, next_run_at, last_started_at, last_run_by, runs)
VALUES ($1, now() + $2::interval, now(), $3, 1)
ON CONFLICT (name) DO UPDATE
   SET next_run_at = now() + $2::interval, last_started_at = now(), last_run_by = $3,
       runs = r.runs + 1
 WHERE r.next_run_at <= now()
RETURNING r.runs, r.last_started_at
"""

_FINISHED = """
UPDATE periodic_run SET last_finished_at = now() WHERE name = $1 AND last_run_by = $2
"""
