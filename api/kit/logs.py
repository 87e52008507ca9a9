"""Structured JSON logs with personal data masked on the way out.

Every record passes `MaskingFilter` (message and extra fields) and the formatter masks the
finished line once more, so a traceback or an odd extra field cannot leak an ID number or a
phone number either.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from api.kit.masking import mask_text

_STANDARD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, mask_text(value))
        return True


class MaskedJsonFormatter(JsonFormatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


def json_handler(stream: Any = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.addFilter(MaskingFilter())
    handler.setFormatter(
        MaskedJsonFormatter(
            "{asctime}{levelname}{name}{message}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            timestamp=False,
        )
    )
    return handler


def configure_logging(level: str) -> None:
    """Send every logger (ours, Sanic's, Tortoise's) to one masked JSON stream on stdout."""
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
