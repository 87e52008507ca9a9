"""Two real `yiwang worker` processes share the periodic jobs: each runs once per tick, and
each reminder is considered once."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from api.kit.ids import new_public_id
from api.kit.models import PeriodicRun
from api.worker import periodic_jobs
from auth.models import Person
from booking.models import Appointment, Slot
from notify.models import Event
from tests.booking.test_booking import SHANGHAI, appointment_in, make_hall
from tests.notify.test_workers import start_worker, stop, wait_until

MINUTE_SECONDS = 1.0  # YIWANG_SWEEP_SECONDS: a minute of the schedule lasts a second
TICKS = 4
APPOINTMENTS = 5


async def appointments_starting_soon(count: int) -> list[Appointment]:
    """Appointments half an hour from now by the real clock the workers run on: each is due
    its hour-before reminder (set up directly: booking refuses places within its lead time)."""
    hall, category = await make_hall()
    starts = datetime.now(SHANGHAI).replace(second=0, microsecond=0) + timedelta(minutes=30)
    slot = await Slot.create(
        public_id=new_public_id("slt"),
        category=category,
        hall_id=hall.id,
        local_date=starts.date(),
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        capacity=count,
        booked=count,
        released_at=starts - timedelta(days=1),
    )
    made = []
    for _ in range(count):
        person = await Person.create(public_id=new_public_id("per"), level=2)
        made.append(await appointment_in(slot, person.id))
    return made


def log_lines(paths: list[Path]) -> list[dict[str, Any]]:
    lines = []
    for path in paths:
        for raw in path.read_text(encoding="utf-8").splitlines():
            lines.append(json.loads(raw))  # anything but a JSON log line fails here
    return lines


def runs_by_job(lines: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        if line["message"] == "periodic job ran":
            runs[line["job"]].append(line)
    return runs


async def test_two_workers_run_each_sweep_once_a_tick(server, settings, clean, tmp_path) -> None:
    appointments = await appointments_starting_soon(APPOINTMENTS)
    outputs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [
        await start_worker(
            server,
            settings,
            output=output,
            log_level="INFO",
            sweep_seconds=str(MINUTE_SECONDS),
        )
        for output in outputs
    ]

    async def minute_jobs_ran_a_few_times() -> bool:
        lease = await PeriodicRun.get_or_none(name="booking.send_reminders")
        return lease is not None and lease.runs >= TICKS

    try:
        await wait_until(minute_jobs_ran_a_few_times, within=120)
    finally:
        codes = [await stop(worker) for worker in workers]
    assert codes == [0, 0]

    lines = log_lines(outputs)
    assert not [line for line in lines if line["level"] in ("ERROR", "CRITICAL")]
    runs = runs_by_job(lines)
    # Names and periods only: nothing runs, so the services are stand-ins.
    names_only: Any = SimpleNamespace(
        notifier=None,
        redis=None,
        approval=SimpleNamespace(sync_quiet=None),
        checkout=SimpleNamespace(query_stale=None, close_expired=None, resend_refunds=None),
        receipts=SimpleNamespace(work_due=None),
        shipments=SimpleNamespace(check_quiet=None, create_waybills=None),
        pickups=SimpleNamespace(hand_over_pending=None),
        delivery_reports=SimpleNamespace(report_due=None),
    )
    declared = periodic_jobs(names_only)
    periods = {job.name: job.every.total_seconds() / 60 * MINUTE_SECONDS for job in declared}
    assert set(runs) == set(periods)  # every declared job ran
    for job, job_runs in runs.items():
        lease = await PeriodicRun.get(name=job)
        numbers = sorted(run["run"] for run in job_runs)
        assert numbers == list(range(1, lease.runs + 1)), job  # each tick run by one worker
        starts = sorted(datetime.fromisoformat(run["started_at"]) for run in job_runs)
        gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
        # By the database's clock: never two runs within one period, whichever worker.
        assert all(gap >= timedelta(seconds=periods[job]) for gap in gaps), job

    # Each reminder considered once: what the reminder runs did adds up to the reminders sent.
    reminded = sum(run["done"] for run in runs["booking.send_reminders"])
    reminders = await Event.filter(event_type="booking.reminder").count()
    assert reminded == reminders >= APPOINTMENTS
    marked = await Appointment.filter(
        id__in=[a.id for a in appointments], reminded_hour_before_at__not_isnull=True
    ).count()
    assert marked == APPOINTMENTS
