"""Opaque public ids: random, URL-safe, prefixed by what they name (`apt_...`, `per_...`).

Database keys never leave the service; these do. They carry no order and no meaning.
"""

from __future__ import annotations

import re
import secrets

_PUBLIC_ID = re.compile(r"^[a-z]{2,4}_[A-Za-z0-9_-]{22}$")


def new_public_id(prefix: str) -> str:
    if not re.fullmatch(r"[a-z]{2,4}", prefix):
        raise ValueError("a public id prefix is 2 to 4 lower-case letters")
    return f"{prefix}_{secrets.token_urlsafe(16)}"


def is_public_id(value: str, prefix: str | None = None) -> bool:
    if not _PUBLIC_ID.fullmatch(value):
        return False
    return prefix is None or value.startswith(prefix + "_")
