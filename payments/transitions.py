"""The payment order's transition table: which status may follow which.

The migration's trigger (`payment_order_rules`) holds the same table, so a move the table lacks
is refused by the database too, whoever writes it. Keep the two in step: the tests compare them
move by move.

    created             -> paying | closed
    paying              -> paid | closed | amount_mismatch | paying (the citizen switches channel)
    paid                -> partially_refunded | refunded
    partially_refunded  -> partially_refunded (another refund) | refunded
    closed              -> paid_after_close
    amount_mismatch     -> paid | refunded
    paid_after_close    -> paid | refunded
    refunded            -> (final)

The two exception states hold money that does not fit the order. An officer resolves them:
`-> paid` accepts the payment as it is (a later refund then goes the ordinary way);
`-> refunded` records that all of it went back outside our refund records (the platform
returns a payment on a closed notice by itself), so the order's refunded amount becomes what
was paid.
"""

from __future__ import annotations

from payments.models import OrderStatus

S = OrderStatus

TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.CREATED: frozenset({S.PAYING, S.CLOSED}),
    S.PAYING: frozenset({S.PAID, S.CLOSED, S.AMOUNT_MISMATCH, S.PAYING}),
    S.PAID: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.CLOSED: frozenset({S.PAID_AFTER_CLOSE}),
    S.AMOUNT_MISMATCH: frozenset({S.PAID, S.REFUNDED}),
    S.PAID_AFTER_CLOSE: frozenset({S.PAID, S.REFUNDED}),
    S.REFUNDED: frozenset(),
}

# Money has arrived on the order (what `paid_fen` holds).
MONEY_IN = frozenset(
    {S.PAID, S.PARTIALLY_REFUNDED, S.REFUNDED, S.AMOUNT_MISMATCH, S.PAID_AFTER_CLOSE}
)
# Moving into one of these from an unpaid state records the payment.
PAYMENT_ARRIVES = frozenset({S.PAID, S.AMOUNT_MISMATCH, S.PAID_AFTER_CLOSE})
EXCEPTIONS = frozenset({S.AMOUNT_MISMATCH, S.PAID_AFTER_CLOSE})
# A refund may be requested only of these (refunds out of an exception state: resolve it first).
REFUNDABLE = frozenset({S.PAID, S.PARTIALLY_REFUNDED})


def can_move(current: OrderStatus, to: OrderStatus) -> bool:
    return to in TRANSITIONS[current]
