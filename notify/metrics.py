"""Notification metrics (Prometheus, shared across processes like the HTTP ones)."""

from __future__ import annotations

from prometheus_client import Counter

DELIVERIES = Counter(
    "yiwang_notify_deliveries_total",
    "Delivery attempts by channel, event type and outcome (sent, delivered, temporary, permanent).",
    ["channel", "event_type", "outcome"],
)


def observe(channel: str, event_type: str, outcome: str) -> None:
    DELIVERIES.labels(channel, event_type, outcome).inc()
