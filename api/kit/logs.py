"""Structured JSON logs with personal data masked on the way out.

Every record passes `MaskingFilter` (message and extra fields) and the formatter masks the
finished line once more, so a traceback or an odd extra field cannot leak an ID number or a
phone number either.

The one line per request goes through `AccessLogWriter` instead of `logging`: a LogRecord, the
handler lock and python-json-logger cost about 25 us a request inside the server, more than
the rest of the request pipeline together (see bench/healthz.py). The writer builds the same
kind of JSON line and runs the same masking over it, in batches written at most 50 ms later.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any, Protocol

from pythonjsonlogger.json import JsonFormatter

from api.kit.masking import mask_text
from api.kit.outages import is_outage

_STANDARD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, mask_text(value))
        return True


class OutageRetryFilter(logging.Filter):
    """Drops a library's line about one failed try at an unreachable dependency. asyncpg's
    pool logs each attempt to restore its connection floor with a traceback; the outage is
    ours to report, once when it starts and once when it ends (`api.kit.outages`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        failure = record.exc_info[1] if record.exc_info else None
        return failure is None or is_outage(failure) is None


class AbandonedTransactionFilter(logging.Filter):
    """Demotes asyncpg's ERROR about a connection returned to its pool inside a transaction.

    Sanic cancels a request's task when its client hangs up; cancelled while its transaction
    begins, works or commits, the task leaves the connection half-way, and asyncpg rolls the
    transaction back as the connection returns to the pool. asyncpg cannot tell that from a
    leaked transaction, so it logs an ERROR. Every transaction here goes through
    `api.kit.db.transaction()`, which ends its transaction unless cancelled: the line means a
    client left, which is news for the access log's level, not the operators' error log."""

    MESSAGE = "Resetting connection with an active transaction"

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and record.getMessage().startswith(self.MESSAGE):
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg, record.args = "a cancelled request's transaction was rolled back", None
        return True


def quiet_abandoned_transactions() -> None:
    asyncio_logger = logging.getLogger("asyncio")
    if not any(isinstance(f, AbandonedTransactionFilter) for f in asyncio_logger.filters):
        asyncio_logger.addFilter(AbandonedTransactionFilter())


class MaskedJsonFormatter(JsonFormatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


def json_handler(stream: Any = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.addFilter(MaskingFilter())
    handler.setFormatter(
        MaskedJsonFormatter(
            "{levelname}{name}{message}",
            style="{",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
            json_ensure_ascii=False,
        )
    )
    return handler


def configure_logging(level: str) -> None:
    """Send every logger (ours, Sanic's, Tortoise's) to one masked JSON stream on stdout."""
    # The logging HOWTO's optimisations: no stack walk for the caller, no thread or process
    # lookups. Our lines carry what they need in their fields.
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(json_handler())
    root.setLevel(level)
    for name in ("sanic.root", "sanic.error", "sanic.server", "sanic.access", "tortoise"):
        framework_logger = logging.getLogger(name)
        framework_logger.handlers.clear()
        framework_logger.propagate = True
    logging.getLogger("sanic.access").disabled = True  # replaced by our one line per request
    # httpx and httpcore log each request's URL at INFO and DEBUG, and WeChat's URLs carry the
    # app secret, login codes, access tokens and openids in their query strings.
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    pool = logging.getLogger("asyncpg.pool")
    if not any(isinstance(f, OutageRetryFilter) for f in pool.filters):
        pool.addFilter(OutageRetryFilter())
    quiet_abandoned_transactions()


_second_cache: list[Any] = [-1, ""]


def utc_timestamp() -> str:
    """Now, in ISO 8601 UTC as python-json-logger writes it, formatting each second only once
    (integer nanoseconds: no float arithmetic on each line)."""
    second, nanos = divmod(time.time_ns(), 1_000_000_000)
    if _second_cache[0] != second:
        _second_cache[:] = [
            second,
            datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        ]
    return f"{_second_cache[1]}.{nanos // 1000:06d}+00:00"


class TextSink(Protocol):
    """Where log text goes: a file, stdout, or a test's tee."""

    def write(self, text: str, /) -> int: ...
    def flush(self) -> None: ...


class AccessLogWriter:
    """One JSON line per request, masked and written in small batches at most `max_delay` later.

    The line is built from a template: every value in it is JSON-safe by construction (the
    request id matches a strict charset, methods are HTTP tokens, the route template and the
    subject are JSON-encoded) and the masking runs over each batch before it is written.
    """

    def __init__(
        self, stream: TextSink | None = None, max_delay: float = 0.05, max_lines: int = 200
    ) -> None:
        self.stream: TextSink = stream or sys.stdout
        self._max_delay = max_delay
        self._max_lines = max_lines
        self._pending: list[str] = []
        self._flush_scheduled = False
        self._route_json: dict[str, str] = {}

    def write(
        self,
        *,
        request_id: str,
        method: str,
        route: str,
        status: int,
        duration_ms: float,
        subject: str | None,
        caller: str,
    ) -> None:
        route_json = self._route_json.get(route)
        if route_json is None:
            route_json = self._route_json[route] = json.dumps(route, ensure_ascii=False)
        self._pending.append(
            f'{{"time":"{utc_timestamp()}","level":"INFO","logger":"yiwang.access",'
            f'"message":"request","request_id":"{request_id}","method":"{method}",'
            f'"route":{route_json},"status":{status},"duration_ms":{duration_ms:.2f},'
            f'"subject":{"null" if subject is None else json.dumps(subject)},'
            f'"caller":"{caller}"}}\n'
        )
        if len(self._pending) >= self._max_lines:
            self.flush()
        elif not self._flush_scheduled:
            self._schedule_flush()

    def _schedule_flush(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        self._flush_scheduled = True
        loop.call_later(self._max_delay, self.flush)

    def flush(self) -> None:
        self._flush_scheduled = False
        if not self._pending:
            return
        text, self._pending = "".join(self._pending), []
        try:
            self.stream.write(mask_text(text))
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken stdout must not fail requests
            logging.getLogger("yiwang.logs").warning("access log lines lost", exc_info=True)
