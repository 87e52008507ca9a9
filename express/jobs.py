"""Express's periodic work, each run once per tick by one of the workers."""

from __future__ import annotations

from datetime import timedelta

from api.kit.periodic import PeriodicJob
from express.pickups import Pickups
from express.shipments import Shipments


def periodic_jobs(shipments: Shipments, pickups: Pickups) -> list[PeriodicJob]:
    """Results waiting for a waybill get one; pickups EMS did not confirm (it was down) are
    handed over again; shipments under way with no news for a day are traced at the courier
    (a missed push)."""
    return [
        PeriodicJob("express.create_waybills", timedelta(minutes=1), shipments.create_waybills),
        PeriodicJob("express.hand_over_pickups", timedelta(minutes=1), pickups.hand_over_pending),
        PeriodicJob("express.check_quiet", timedelta(minutes=30), shipments.check_quiet),
    ]
