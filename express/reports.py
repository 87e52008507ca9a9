"""Results delivered, for whoever must be told (the core approval system, by a job of
`api.approval.delivery`: express does not know approval).

The database makes a `DeliveryReport` in the transaction that makes a result shipment
delivered (the trigger `shipment_delivered_report`), so no code path that delivers a result
can forget it. A worker claims due reports with `FOR UPDATE SKIP LOCKED` and a lease (any
number of workers, none telling twice at once; one that dies holds nothing once the lease
runs out), tells, and says how it went: told, refused for good, or to be tried again later.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from api.kit import clock
from api.kit.db import rows_of
from express.models import DeliveryReport, ReportStatus

LEASE = timedelta(minutes=2)
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
log = logging.getLogger("yiwang.express.reports")


async def claim_due(limit: int = 20) -> list[DeliveryReport]:
    """Due reports leased to this worker (their next attempt moves past the lease), oldest
    first."""
    rows = await rows_of(
        """
        UPDATE shipment_delivery_report
           SET next_attempt_at = now() + $2::interval, attempts = attempts + 1
         WHERE id IN (SELECT id FROM shipment_delivery_report
                       WHERE status = 'due' AND next_attempt_at <= now()
                       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id
        """,
        [limit, LEASE],
    )
    ids = [int(row["id"]) for row in rows]
    return await DeliveryReport.filter(id__in=ids).order_by("next_attempt_at", "id")


async def reported(report: DeliveryReport) -> None:
    await DeliveryReport.filter(id=report.id, status=ReportStatus.DUE).update(
        status=ReportStatus.REPORTED, reported_at=clock.now(), last_error=""
    )


async def refused(report: DeliveryReport, reason: str) -> None:
    """Told, and refused for good (the reason kept for the hall): never asked again."""
    log.warning(
        "a delivered result was refused by its receiver",
        extra={"report": report.id, "reason": reason[:64]},
    )
    await DeliveryReport.filter(id=report.id, status=ReportStatus.DUE).update(
        status=ReportStatus.REFUSED, last_error=reason[:200]
    )


async def later(report: DeliveryReport, why: str) -> None:
    """Not told this time (the receiver was down, or not ready): tried again after a backoff
    that doubles with each attempt, up to an hour."""
    delay = min(FIRST_BACKOFF * 2 ** min(report.attempts, 10), MAX_BACKOFF)
    log.warning(
        "a delivered result could not be told yet; tried again later",
        extra={"report": report.id, "attempts": report.attempts, "why": why[:64]},
    )
    await DeliveryReport.filter(id=report.id, status=ReportStatus.DUE).update(
        next_attempt_at=clock.now() + delay, last_error=why[:200]
    )
