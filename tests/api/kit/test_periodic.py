"""Periodic jobs: one lease per job and tick, whatever the number of workers."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from api.kit.models import PeriodicRun
from api.kit.outages import OutageWatch
from api.kit.periodic import PeriodicJob, PeriodicRunner


def counting_job(name: str, every: timedelta, runs: list[str]) -> PeriodicJob:
    async def run() -> int:
        runs.append(name)
        await asyncio.sleep(0)  # let the other worker's claim interleave
        return 1

    return PeriodicJob(name, every, run)


def runners(jobs: list[PeriodicJob], count: int) -> list[PeriodicRunner]:
    return [
        PeriodicRunner(jobs, worker_id=f"test-worker-{n}", outages=OutageWatch({}))
        for n in range(count)
    ]


async def test_many_workers_run_each_job_once_per_tick(clean) -> None:
    runs: list[str] = []
    jobs = [
        counting_job("test.minutely", timedelta(minutes=1), runs),
        counting_job("test.hourly", timedelta(hours=1), runs),
    ]
    workers = runners(jobs, 8)
    await asyncio.gather(*(worker.run_due_jobs() for worker in workers))
    await asyncio.gather(*(worker.run_due_jobs() for worker in workers))  # still this tick
    assert sorted(runs) == ["test.hourly", "test.minutely"]

    # The minute has passed for the minutely job only: it runs again, once.
    await PeriodicRun.filter(name="test.minutely").update(
        next_run_at=(await PeriodicRun.get(name="test.minutely")).next_run_at - timedelta(minutes=2)
    )
    await asyncio.gather(*(worker.run_due_jobs() for worker in workers))
    assert sorted(runs) == ["test.hourly", "test.minutely", "test.minutely"]
    lease = await PeriodicRun.get(name="test.minutely")
    assert lease.runs == 2 and lease.last_finished_at is not None


async def test_a_failing_job_does_not_stop_the_others(clean, caplog) -> None:
    runs: list[str] = []

    async def broken() -> int:
        raise ZeroDivisionError

    jobs = [
        PeriodicJob("test.broken", timedelta(minutes=1), broken),
        counting_job("test.fine", timedelta(minutes=1), runs),
    ]
    (worker,) = runners(jobs, 1)
    await worker.run_due_jobs()
    assert runs == ["test.fine"]
    assert any(r.getMessage() == "periodic job failed" for r in caplog.records)


def test_a_shorter_minute_shortens_every_period() -> None:
    job = PeriodicJob("test.tenminutes", timedelta(minutes=10), lambda: asyncio.sleep(0))
    runner = PeriodicRunner([job], worker_id="w", outages=OutageWatch({}), minute_seconds=1.0)
    assert runner.period_of(job) == 10.0
