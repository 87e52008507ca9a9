"""Start and stop the database and Redis once per server process.

Tests (and any embedding program) may own these resources instead: pass `Resources` to
`create_app` and the app uses them without starting or stopping anything.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

import redis.asyncio as redis

from api import metrics
from api.context import YiwangApp
from api.kit.cache import connect_redis, ping_redis
from api.kit.db import ping_database, start_database, stop_database
from api.kit.outages import DATABASE, REDIS, OutageWatch
from api.kit.settings import Settings

# Every module that defines Tortoise models; a package adds its own when it gets tables.
MODEL_MODULES: tuple[str, ...] = (
    "api.kit.models",
    "auth.models",
    "notify.models",
    "booking.models",
    "api.approval.models",
    "payments.models",
    "express.models",
)


@dataclass
class Resources:
    redis: redis.Redis


async def open_resources(settings: Settings) -> Resources:
    await start_database(settings.db_url, MODEL_MODULES, settings.database_pool_size)
    return Resources(redis=connect_redis(settings.cache_url))


async def close_resources(resources: Resources) -> None:
    await resources.redis.aclose()
    await stop_database()


def install_lifecycle(app: YiwangApp, settings: Settings, resources: Resources | None) -> None:
    _stop_watching_outages(app)
    if resources is not None:
        app.ctx.redis = resources.redis
        return

    async def open_for_process(app: YiwangApp) -> None:
        app.ctx.resources = await open_resources(settings)
        app.ctx.redis = app.ctx.resources.redis

    async def close_for_process(app: YiwangApp) -> None:
        if app.ctx.resources is not None:
            await close_resources(app.ctx.resources)
        metrics.forget_process(os.getpid())

    app.register_listener(open_for_process, "before_server_start")
    app.register_listener(close_for_process, "after_server_stop")


def outage_watch(redis_of: Callable[[], redis.Redis]) -> OutageWatch:
    """One per process, shared by its requests and loops, so an outage is logged once, not
    once per loop. The Redis client is looked up as a probe runs: a server opens it after
    the watch exists."""

    async def redis_answers() -> None:
        await ping_redis(redis_of())

    return OutageWatch(probes={DATABASE: ping_database, REDIS: redis_answers})


def _stop_watching_outages(app: YiwangApp) -> None:
    async def stop_watching(app: YiwangApp) -> None:
        await app.ctx.outages.close()

    app.register_listener(stop_watching, "after_server_stop")
