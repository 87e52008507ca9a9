"""Fiscal e-receipts (财政电子票据): asked of the platform once a payment is final, reversed
(冲红) after a full refund.

A receipt row is made `due` in the transaction that makes its order paid (`payments.service`),
so no paid order is ever without one to ask for. This job claims due rows with
`FOR UPDATE SKIP LOCKED` and a lease (any number of workers, none asking twice at once), asks
the platform outside any transaction, and writes the answer. The platform answers the same
receipt when asked again for the same order, so a worker that died after asking loses
nothing: the lease runs out and the next one asks again. An outage backs the row off.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from api.kit import clock
from api.kit.db import rows_of
from payments.gateways.channel import CashierChannel, ChannelRefused, ChannelUnavailable, Receipt
from payments.models import EReceipt, OrderStatus, PaymentOrder, ReceiptStatus

LEASE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(hours=1)
log = logging.getLogger("yiwang.payments.receipts")


class Receipts:
    def __init__(self, cashier: CashierChannel) -> None:
        self._cashier = cashier

    async def work_due(self, limit: int = 20) -> int:
        """Ask for the due receipts and reversals; how many the platform answered."""
        done = 0
        for receipt_id in await _claim_due(limit):
            receipt = await EReceipt.get(id=receipt_id).prefetch_related("order")
            try:
                await self._work(receipt, receipt.order)
            except (ChannelUnavailable, ChannelRefused) as failure:
                await _back_off(receipt, failure)
                continue
            done += 1
        return done

    async def _work(self, receipt: EReceipt, order: PaymentOrder) -> None:
        if receipt.status is ReceiptStatus.DUE:
            issued = await self._cashier.issue_receipt(order.public_id, order.paid_fen)
            await _issued(receipt, issued, refunded=order.status is OrderStatus.REFUNDED)
        elif receipt.status is ReceiptStatus.REVERSAL_DUE:
            await self._cashier.reverse_receipt(order.public_id, _as_issued(receipt), "全额退款")
            await EReceipt.filter(id=receipt.id).update(
                status=ReceiptStatus.REVERSED, reversed_at=clock.now(), last_error=""
            )


async def _claim_due(limit: int) -> list[int]:
    """Lease the due rows to this worker: their next attempt moves past the lease."""
    rows = await rows_of(
        """
        UPDATE payment_receipt SET next_attempt_at = now() + $2::interval, attempts = attempts + 1
         WHERE id IN (SELECT id FROM payment_receipt
                       WHERE status IN ('due', 'reversal_due') AND next_attempt_at <= now()
                       ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id
        """,
        [limit, LEASE],
    )
    return [int(row["id"]) for row in rows]


async def _issued(receipt: EReceipt, issued: Receipt, *, refunded: bool) -> None:
    """Stored; an order refunded in full meanwhile has its new receipt reversed next."""
    await EReceipt.filter(id=receipt.id, status=ReceiptStatus.DUE).update(
        status=ReceiptStatus.REVERSAL_DUE if refunded else ReceiptStatus.ISSUED,
        code=issued.code,
        number=issued.number,
        check_code=issued.check_code,
        url=issued.url,
        issued_at=issued.issued_at,
        next_attempt_at=clock.now(),
        last_error="",
    )


def _as_issued(receipt: EReceipt) -> Receipt:
    return Receipt(
        code=receipt.code or "",
        number=receipt.number or "",
        check_code=receipt.check_code or "",
        url=receipt.url or "",
        issued_at=receipt.issued_at or clock.now(),
    )


async def _back_off(receipt: EReceipt, failure: Exception) -> None:
    delay = min(timedelta(seconds=30) * 2 ** min(receipt.attempts, 10), MAX_BACKOFF)
    log.warning(
        "e-receipt not answered; asked again later",
        extra={
            "receipt": receipt.id,
            "failure": type(failure).__name__,
            "attempts": receipt.attempts,
        },
    )
    await EReceipt.filter(id=receipt.id).update(
        next_attempt_at=clock.now() + delay, last_error=str(failure)[:200]
    )
