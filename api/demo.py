"""Demo data for the embedded mode and `yiwang demo`.

Each package that has something to show registers a seeder here; every seeder must be
idempotent (running `yiwang demo` twice leaves the same data as running it once).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from api.approval import demo as approval_demo
from auth import demo as auth_demo
from booking import demo as booking_demo

log = logging.getLogger("yiwang.demo")

Seeder = Callable[[], Awaitable[int]]

# (name, seeder) in dependency order; a seeder returns how many rows it created.
SEEDERS: tuple[tuple[str, Seeder], ...] = (
    ("identity", auth_demo.seed),
    ("booking", booking_demo.seed),
    ("approval", approval_demo.seed),
)


async def seed_demo_data() -> dict[str, int]:
    created: dict[str, int] = {}
    for name, seeder in SEEDERS:
        created[name] = await seeder()
        log.info("demo data seeded", extra={"seeder": name, "created": created[name]})
    return created
