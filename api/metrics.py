"""Prometheus metrics, correct across several `yiwang serve` worker processes.

When PROMETHEUS_MULTIPROC_DIR is set (`yiwang serve` sets it before any worker starts), every
process writes its samples there and `/metrics` sums them, whichever worker answers.
"""

from __future__ import annotations

import asyncio
import os
from bisect import bisect_left
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

# Each answer's figures are added up in plain Python and handed to prometheus_client in one
# batch at most FLUSH_SECONDS later (and before every scrape this process answers): a Counter's
# `inc` and a Histogram's `observe` take a lock each and cost more than a bare answer's whole
# JSON encoding; a batch costs those locks once per label set, not once per request.
FLUSH_SECONDS = 0.25
_BOUNDS: tuple[float, ...] = tuple(HTTP_LATENCY._upper_bounds)  # ends with +Inf


class _Tally:
    __slots__ = ("buckets", "count", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.buckets = [0] * len(_BOUNDS)


_tallies: dict[tuple[str, str, int], _Tally] = {}
_flush_scheduled = False


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    global _flush_scheduled
    key = (route, method, status)
    tally = _tallies.get(key)
    if tally is None:
        tally = _tallies[key] = _Tally()
    tally.count += 1
    tally.total += seconds
    tally.buckets[bisect_left(_BOUNDS, seconds)] += 1  # the first bound >= seconds, as observe
    if not _flush_scheduled:
        try:
            asyncio.get_running_loop().call_later(FLUSH_SECONDS, flush)
        except RuntimeError:  # no loop (a command, a test): hand it over now
            flush()
            return
        _flush_scheduled = True


def flush() -> None:
    """Hand the figures added up so far to prometheus_client."""
    global _flush_scheduled
    _flush_scheduled = False
    tallies = list(_tallies.items())
    _tallies.clear()
    for key, tally in tallies:
        requests, latency = _children_of(key)
        requests.inc(tally.count)
        # Histogram has no public call for n observations at once; these are the two values
        # its `observe` adds to (prometheus_client 0.21+: per-bucket counts and the sum).
        latency._sum.inc(tally.total)
        for index, count in enumerate(tally.buckets):
            if count:
                latency._buckets[index].inc(count)


def _children_of(key: tuple[str, str, int]) -> tuple[Any, Any]:
    # `labels()` takes a lock and builds a key on every call; the label sets are few (route
    # templates, not paths), so each pair of children is looked up once and kept.
    children = _children.get(key)
    if children is None:
        route, method, status = key
        labels = (route, method, str(status))
        children = _children[key] = (HTTP_REQUESTS.labels(*labels), HTTP_LATENCY.labels(*labels))
    return children


def render() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    flush()
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
