"""A shipment's status and timeline from its trace events, whatever order they arrived in.

EMS pushes events late, twice and out of order, and a sweep's trace query brings them again.
So nothing here depends on arrival: the timeline is the events sorted by operation time (ties
by how far each takes the shipment, then by code and office, so the order is total), and the
status is the last event's operation, except that delivered (妥投) is terminal: once any
event says delivered, no other event, older or newer, takes it back. The same set of events
gives the same status and timeline in any order (tests/express/test_tracking.py checks that
over random orders).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from express.gateways.courier import Operation, TraceEvent

# How far an operation takes a shipment: accepted → in transit → out for delivery →
# delivered | delivery failed → returned.
RANK: dict[Operation, int] = {
    Operation.ACCEPTED: 1,
    Operation.IN_TRANSIT: 2,
    Operation.OUT_FOR_DELIVERY: 3,
    Operation.DELIVERED: 4,
    Operation.DELIVERY_FAILED: 4,
    Operation.RETURNED: 5,
}


def event_key(event: TraceEvent) -> tuple[str, str, datetime, str]:
    """What records an event once: the same event pushed twice, or pushed and then queried,
    is one event."""
    return (event.mail_no, event.op_code, event.op_time, event.office)


def timeline(events: Iterable[TraceEvent]) -> list[TraceEvent]:
    """The events once each, oldest first."""
    unique = {event_key(event): event for event in events}
    return sorted(unique.values(), key=_order)


def status_of(events: Iterable[TraceEvent]) -> Operation | None:
    """The shipment's status, or None before its first event."""
    ordered = timeline(events)
    if not ordered:
        return None
    if any(event.operation is Operation.DELIVERED for event in ordered):
        return Operation.DELIVERED
    return ordered[-1].operation


def _order(event: TraceEvent) -> tuple[datetime, int, str, str]:
    return (event.op_time, RANK[event.operation], event.op_code, event.office)
