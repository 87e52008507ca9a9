"""A statement parameter as PostgreSQL's log writes it (text), back into the Python value
asyncpg encodes for its type: the SQL floors replay captured statements with these."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal


def _bool(text: str) -> bool:
    return text.lower() in ("t", "true", "1", "on", "yes", "y")


CONVERT: dict[str, Callable[[str], object]] = {
    "int2": int,
    "int4": int,
    "int8": int,
    "bool": _bool,
    "numeric": Decimal,
    "float4": float,
    "float8": float,
    "timestamptz": datetime.fromisoformat,
    "timestamp": datetime.fromisoformat,
    "date": date.fromisoformat,
    "uuid": uuid.UUID,
}
