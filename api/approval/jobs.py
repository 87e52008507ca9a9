"""Approval's periodic work, each run once per tick by one of the workers."""

from __future__ import annotations

import logging
from datetime import timedelta

from api.approval.delivery import DeliveryReports
from api.approval.progress import flag_overdue
from api.approval.service import Approval
from api.kit import clock
from api.kit.periodic import PeriodicJob

log = logging.getLogger("yiwang.approval.jobs")


def periodic_jobs(approval: Approval, deliveries: DeliveryReports) -> list[PeriodicJob]:
    """The sync hands over applications the core system has not got and asks it about the
    ones with no news (a missed webhook); the overdue sweep flags accepted applications past
    their promised limit (超期预警); results delivered by EMS are told to the core system."""
    return [
        PeriodicJob("approval.sync_quiet", timedelta(minutes=5), approval.sync_quiet),
        PeriodicJob("approval.flag_overdue", timedelta(minutes=10), flag_overdue_now),
        PeriodicJob("approval.report_deliveries", timedelta(minutes=1), deliveries.report_due),
    ]


async def flag_overdue_now() -> int:
    flagged = await flag_overdue(clock.now())
    if flagged:
        log.warning("applications went past their promised limit", extra={"flagged": flagged})
    return flagged
