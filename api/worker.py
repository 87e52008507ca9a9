"""Background work: the notification dispatcher and the periodic jobs, in `yiwang worker` or
inside the server.

Any number of workers on any number of machines share the work through PostgreSQL: deliveries
by claims with leases, periodic jobs by one lease per job and tick (`api.kit.periodic`), so a
sweep runs once per tick whatever the number of workers. On SIGTERM a worker finishes the
deliveries it is sending, gives back the ones it claimed but had not started, and exits. In the
embedded mode the same code runs in the server process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Mapping
from dataclasses import dataclass

import redis.asyncio as redis

from api.approval import jobs as approval_jobs
from api.context import YiwangApp
from api.kit.cache import connect_redis
from api.kit.db import start_database, stop_database
from api.kit.outages import OutageWatch
from api.kit.periodic import PeriodicJob, PeriodicRunner
from api.kit.settings import Settings
from api.lifecycle import MODEL_MODULES, outage_watch
from api.wiring import Gateways, Services, build_services
from booking import jobs as booking_jobs
from express import jobs as express_jobs
from notify import devices
from notify import jobs as notify_jobs
from notify.channels import AppPushChannel, Channel, SmsChannel
from notify.jobs import Dispatcher
from notify.service import Notifier
from notify.wechat import (
    SUBSCRIBE_FIELDS,
    TEMPLATE_FIELDS,
    MiniProgramSubscribeChannel,
    OfficialAccountTemplateChannel,
)
from payments import jobs as payments_jobs

log = logging.getLogger("yiwang.worker")


def dispatcher_for(
    settings: Settings,
    notifier: Notifier,
    clients: Gateways,
    redis_client: redis.Redis,
    outages: OutageWatch | None = None,
) -> Dispatcher:
    channels: dict[str, Channel] = {
        "sms": SmsChannel(clients.sms),
        "app_push": AppPushChannel(clients.push, devices.drop_invalid),
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
        outages=outages or outage_watch(lambda: redis_client),
    )


def periodic_jobs(services: Services) -> list[PeriodicJob]:
    """The one registry of periodic jobs: each package declares its own beside its code."""
    return [
        *booking_jobs.periodic_jobs(services.notifier, services.redis),
        *notify_jobs.periodic_jobs(),
        *approval_jobs.periodic_jobs(services.approval, services.delivery_reports),
        *payments_jobs.periodic_jobs(services.checkout, services.receipts),
        *express_jobs.periodic_jobs(services.shipments, services.pickups),
    ]


def periodic_runner(
    settings: Settings, services: Services, dispatcher: Dispatcher, outages: OutageWatch
) -> PeriodicRunner:
    return PeriodicRunner(
        periodic_jobs(services),
        worker_id=dispatcher.worker_id,
        outages=outages,
        minute_seconds=settings.sweep_seconds,
    )


def template_ids(configured: dict[str, str], known: Mapping[str, object]) -> dict[str, str]:
    """The hall's template ids; in the sandbox mode, one made up per event type."""
    return configured or {event_type: f"tmpl-{event_type}" for event_type in known}


async def run_worker(settings: Settings) -> None:
    """`yiwang worker`: dispatch until SIGTERM or SIGINT."""
    await start_database(settings.db_url, MODEL_MODULES, settings.database_pool_size)
    cache = connect_redis(settings.cache_url)
    services = build_services(settings, cache)
    outages = outage_watch(lambda: cache)
    dispatcher = dispatcher_for(settings, services.notifier, services.gateways, cache, outages)
    sweeps = periodic_runner(settings, services, dispatcher, outages)
    loop = asyncio.get_running_loop()

    def stop() -> None:
        dispatcher.stop()
        sweeps.stop()

    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop)  # one handler per signal: a second replaces it
    log.info("worker started", extra={"worker": dispatcher.worker_id})
    sweeping = asyncio.create_task(sweeps.run())
    try:
        await dispatcher.run()
    finally:
        sweeps.stop()
        await sweeping
        await services.aclose()
        await cache.aclose()
        await stop_database()
        log.info("worker stopped", extra={"worker": dispatcher.worker_id})


@dataclass
class InProcessWorker:
    """The embedded mode's dispatcher and periodic jobs, running inside the server."""

    dispatcher: Dispatcher
    sweeps: PeriodicRunner
    tasks: tuple[asyncio.Task[None], ...]

    async def stop(self) -> None:
        self.dispatcher.stop()
        self.sweeps.stop()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self.tasks)


def run_in_server(app: YiwangApp, settings: Settings) -> None:
    """The embedded mode: the dispatcher and the periodic jobs as background tasks of the
    server process, sending through the server's own gateway clients and reporting outages
    through its one OutageWatch."""

    async def start(app: YiwangApp) -> None:
        context = app.ctx
        services = context.services
        dispatcher = dispatcher_for(
            settings, services.notifier, services.gateways, context.redis, context.outages
        )
        sweeps = periodic_runner(settings, services, dispatcher, context.outages)
        tasks = (asyncio.create_task(dispatcher.run()), asyncio.create_task(sweeps.run()))
        context.worker = InProcessWorker(dispatcher, sweeps, tasks)

    async def stop(app: YiwangApp) -> None:
        if app.ctx.worker is not None:
            await app.ctx.worker.stop()

    app.register_listener(start, "after_server_start")
    app.register_listener(stop, "before_server_stop")
