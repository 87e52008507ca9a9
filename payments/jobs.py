"""Payments' periodic work, each run once per tick by one of the workers."""

from __future__ import annotations

from datetime import timedelta

from api.kit.periodic import PeriodicJob
from payments.checkout import Checkout
from payments.receipts import Receipts


def periodic_jobs(checkout: Checkout, receipts: Receipts) -> list[PeriodicJob]:
    """Orders paying with no callback are asked about at their channel; unpaid orders past
    their due date are closed, at the channel first; refunds an outage held back are sent;
    e-receipts and their reversals are asked for."""
    return [
        PeriodicJob("payments.query_stale", timedelta(minutes=1), checkout.query_stale),
        PeriodicJob("payments.close_expired", timedelta(minutes=10), checkout.close_expired),
        PeriodicJob("payments.resend_refunds", timedelta(minutes=1), checkout.resend_refunds),
        PeriodicJob("payments.receipts", timedelta(minutes=1), receipts.work_due),
    ]
