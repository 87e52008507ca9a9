"""Background work: the notification dispatcher, in `yiwang worker` or inside the server.

Any number of workers on any number of machines share the work through PostgreSQL. On SIGTERM
a worker finishes the deliveries it is sending, gives back the ones it claimed but had not
started, and exits. In the embedded mode the same dispatcher runs in the server process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Mapping

import redis.asyncio as redis
from sanic import DefaultSanic

from api.kit.cache import connect_redis
from api.kit.db import start_database, stop_database
from api.kit.settings import Settings
from api.lifecycle import MODEL_MODULES
from api.wiring import Gateways, Services, build_services
from booking.jobs import close_open_tickets, mark_no_shows, send_reminders
from booking.models import Hall
from booking.service import fill_horizon
from notify.channels import AppPushChannel, Channel, SmsChannel
from notify.jobs import Dispatcher
from notify.service import Notifier
from notify.wechat import (
    SUBSCRIBE_FIELDS,
    TEMPLATE_FIELDS,
    MiniProgramSubscribeChannel,
    OfficialAccountTemplateChannel,
)

log = logging.getLogger("yiwang.worker")


def dispatcher_for(
    settings: Settings, notifier: Notifier, clients: Gateways, redis_client: redis.Redis
) -> Dispatcher:
    channels: dict[str, Channel] = {
        "sms": SmsChannel(clients.sms),
        "app_push": AppPushChannel(clients.push),
        "mp_subscribe": MiniProgramSubscribeChannel(
            clients.wechat, template_ids(settings.wechat_subscribe_templates, SUBSCRIBE_FIELDS)
        ),
        "oa_template": OfficialAccountTemplateChannel(
            clients.wechat, template_ids(settings.wechat_oa_templates, TEMPLATE_FIELDS)
        ),
    }
    return Dispatcher(
        notifier=notifier,
        channels=channels,
        concurrency=settings.dispatch_concurrency,
        batch=settings.dispatch_batch,
        lease_seconds=settings.dispatch_lease_seconds,
        max_attempts=settings.dispatch_max_attempts,
        redis_client=redis_client,
        poll_seconds=settings.dispatch_poll_seconds or 1.0,
        listen_dsn=settings.db_url.replace("postgres://", "postgresql://", 1),
    )


SWEEP_SECONDS = 60.0


async def periodic_sweeps(notifier: Notifier, dispatcher: Dispatcher) -> None:
    """Booking's sweeps, until the dispatcher stops: no-shows, reminders and tickets left open
    at closing time every minute, and every ten minutes the slots up to each hall's horizon."""
    rounds = 0
    while not dispatcher.stopping:
        try:
            await mark_no_shows(notifier)
            await send_reminders(notifier)
            await close_open_tickets()
            if rounds % 10 == 0:
                await fill_every_horizon()
        except Exception:  # a failed sweep is retried next minute; the worker carries on
            log.exception("booking sweep failed")
        rounds += 1
        await dispatcher.sleep_unless_stopping(SWEEP_SECONDS)


async def fill_every_horizon() -> None:
    """Hall by hall: one whose slots cannot be drawn does not keep the others' from release."""
    for hall in await Hall.all():
        try:
            await fill_horizon(hall)
        except Exception:
            log.exception("slots of hall %s not drawn", hall.code)


def template_ids(configured: dict[str, str], known: Mapping[str, object]) -> dict[str, str]:
    """The hall's template ids; in the sandbox mode, one made up per event type."""
    return configured or {event_type: f"tmpl-{event_type}" for event_type in known}


async def run_worker(settings: Settings) -> None:
    """`yiwang worker`: dispatch until SIGTERM or SIGINT."""
    await start_database(settings.db_url, MODEL_MODULES, settings.database_pool_size)
    cache = connect_redis(settings.cache_url)
    services = build_services(settings, cache)
    dispatcher = dispatcher_for(settings, services.notifier, services.gateways, cache)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, dispatcher.stop)
    log.info("worker started", extra={"worker": dispatcher.worker_id})
    sweeps = asyncio.create_task(periodic_sweeps(dispatcher.notifier, dispatcher))
    try:
        await dispatcher.run()
        await sweeps
    finally:
        await services.aclose()
        await cache.aclose()
        await stop_database()
        log.info("worker stopped", extra={"worker": dispatcher.worker_id})


def run_in_server(app: DefaultSanic, settings: Settings) -> None:
    """The embedded mode: the dispatcher as a background task of the server process, sending
    through the server's own gateway clients."""

    async def start(app: DefaultSanic) -> None:
        services: Services = app.ctx.services
        app.ctx.dispatcher = dispatcher_for(
            settings, services.notifier, services.gateways, app.ctx.redis
        )
        app.ctx.dispatch_task = asyncio.create_task(app.ctx.dispatcher.run())
        app.ctx.sweep_task = asyncio.create_task(
            periodic_sweeps(services.notifier, app.ctx.dispatcher)
        )

    async def stop(app: DefaultSanic) -> None:
        app.ctx.dispatcher.stop()
        with contextlib.suppress(asyncio.CancelledError):
            await app.ctx.dispatch_task
            await app.ctx.sweep_task

    app.register_listener(start, "after_server_start")
    app.register_listener(stop, "before_server_stop")
