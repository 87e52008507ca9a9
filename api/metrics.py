"""Prometheus metrics, correct across several `yiwang serve` worker processes.

When PROMETHEUS_MULTIPROC_DIR is set (`yiwang serve` sets it before any worker starts), every
process writes its samples there and `/metrics` sums them, whichever worker answers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

HTTP_REQUESTS = Counter(
    "yiwang_http_requests_total",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "yiwang_http_request_duration_seconds",
    "Time from the first request middleware to the response, by route, method and status.",
    ["route", "method", "status"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


_children: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    # `labels()` takes a lock and builds a key on every call; the label sets are few (route
    # templates, not paths), so each pair of children is looked up once and kept.
    key = (route, method, status)
    children = _children.get(key)
    if children is None:
        labels = (route, method, str(status))
        children = _children[key] = (HTTP_REQUESTS.labels(*labels), HTTP_LATENCY.labels(*labels))
    children[0].inc()
    children[1].observe(seconds)


def render() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def forget_process(pid: int) -> None:
    """Drop a stopped worker's live gauges; its counters stay in the totals."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(pid)


class _PointInTime:
    """Figures read at scrape time. Plain metric families, not Gauge objects: in the
    multi-process mode a Gauge writes per-process files that would pile up and double count."""

    def __init__(self, prefix: str, values: dict[str, float]) -> None:
        self.prefix = prefix
        self.values = values

    def collect(self) -> Iterator[GaugeMetricFamily]:
        for name, value in self.values.items():
            yield GaugeMetricFamily(
                f"{self.prefix}_{name}",
                f"{name.replace('_', ' ')}, read at scrape time",
                value=value,
            )


def render_gauges(prefix: str, values: dict[str, float]) -> bytes:
    registry = CollectorRegistry()
    registry.register(_PointInTime(prefix, values))
    return generate_latest(registry)
