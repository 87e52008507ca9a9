"""Live queue status: what a hall's display shows, as JSON and as a server-sent-event stream.

Every process publishes a hall's new status on a Redis channel after changing its queue. Each
server process holds ONE subscription to every hall's channel (a `StatusHub`) and hands each
status to the streams of that hall it serves, so a display connected to one process sees calls
made through any other, and a thousand displays cost one Redis connection, not a thousand (the
pool that sign-in, rate limits and booking share holds a hundred). The status carries ticket
numbers and counts only, never names.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import redis.asyncio as redis
from redis.asyncio.connection import AbstractConnection
from redis.exceptions import RedisError
from tortoise.functions import Count

from booking import errors
from booking.models import Category, Hall, Ticket, TicketStatus, Window
from booking.queue import today_in
from booking.schemas import HallStatus, QueueWaiting, WindowServing

log = logging.getLogger("yiwang.booking.live")

_CHANNEL_SUFFIX = ":status"


def _channel_prefix(client: redis.Redis) -> str:
    """Channels are one namespace per Redis server, whatever database a client selected: two
    deployments (or test workers) on one server, each in its own database, would otherwise
    see each other's halls. The database number keeps them apart."""
    database = client.connection_pool.connection_kwargs.get("db", 0)
    return f"booking:{database}:hall:"


def channel_of(client: redis.Redis, hall_code: str) -> str:
    return f"{_channel_prefix(client)}{hall_code}{_CHANNEL_SUFFIX}"


def status_pattern(client: redis.Redis) -> str:
    return f"{_channel_prefix(client)}*{_CHANNEL_SUFFIX}"


def hall_of(client: redis.Redis, channel: str) -> str:
    return channel.removeprefix(_channel_prefix(client)).removesuffix(_CHANNEL_SUFFIX)


async def hall_status(hall_code: str) -> HallStatus:
    hall = await Hall.get_or_none(code=hall_code)
    if hall is None:
        raise errors.HallNotFound()
    day = today_in(hall)
    serving = {
        row["window_number"]: row["label"]
        for row in await Ticket.filter(hall_id=hall.id, local_date=day, status=TicketStatus.CALLED)
        .order_by("called_at")
        .values("window_number", "label")
    }
    counts = dict(
        await Ticket.filter(hall_id=hall.id, local_date=day, status=TicketStatus.WAITING)
        .annotate(n=Count("id"))
        .group_by("category_id")
        .values_list("category_id", "n")
    )
    categories = await Category.filter(hall=hall).order_by("prefix")
    windows = await Window.filter(hall=hall).order_by("number")
    return HallStatus(
        hall=hall.code,
        windows=[
            WindowServing(
                number=w.number,
                status=w.status,  # type: ignore[arg-type]  # the column holds one of the three
                serving=serving.get(w.number),
            )
            for w in windows
        ],
        waiting=[
            QueueWaiting(
                category=c.code, name=c.name, prefix=c.prefix, waiting=int(counts.get(c.id, 0))
            )
            for c in categories
        ],
    )


async def publish(client: redis.Redis, hall_code: str) -> None:
    """After a change: tell every process's streams. Losing Redis loses no ticket, only this."""
    status = await hall_status(hall_code)
    await client.publish(channel_of(client, hall_code), status.model_dump_json())


async def hall_code_of(hall_id: int) -> str:
    return (await Hall.get(id=hall_id)).code


# -- one subscription per process, fanned out to every stream ---------------------------------

FEED_SIZE = 8  # statuses a slow reader may fall behind by; each is a full snapshot
RECONNECT_FIRST_SECONDS = 0.5
RECONNECT_MAX_SECONDS = 15.0
RETRY_AFTER_SECONDS = 30  # what a refused stream is told (a display reconnects by itself)
LIFETIME_JITTER = 0.1  # streams opened together (after a restart) do not all end together
_READ_SECONDS = 30.0  # the reader wakes this often, so the connection's health check runs


class Feed:
    """One stream's statuses: a bounded queue that drops the oldest status for a slow reader."""

    def __init__(self, hall_code: str, address: str, heartbeat: float, lifetime: float) -> None:
        self.hall_code = hall_code
        self.address = address
        self.heartbeat = heartbeat
        self.lifetime = lifetime
        self.dropped = 0
        self._queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=FEED_SIZE)

    def put(self, status: str | None) -> None:
        """A new status (None: the feed ends); never waits for the reader."""
        if self._queue.full():
            self._queue.get_nowait()
            self.dropped += 1
        self._queue.put_nowait(status)

    async def updates(self) -> AsyncIterator[str | None]:
        """Statuses as they come, and None after `heartbeat` seconds without one; ends after
        `lifetime` seconds, or when the hub closes."""
        loop = asyncio.get_running_loop()
        ends = loop.time() + self.lifetime
        while (left := ends - loop.time()) > 0:
            try:
                async with asyncio.timeout(min(self.heartbeat, left)):
                    status = await self._queue.get()
            except TimeoutError:
                if loop.time() >= ends:
                    return
                yield None
                continue
            if status is None:
                return
            yield status


class StatusHub:
    """This process's one subscription to every hall's status, and the streams it feeds.

    It caps the streams per process and per client address; it subscribes on first use and,
    when Redis drops, reconnects with capped backoff while the streams carry on (heartbeats),
    then sends each stream its hall's current status, since what was published meanwhile is
    lost.
    """

    def __init__(
        self,
        client: redis.Redis,
        *,
        per_process: int,
        per_address: int,
        heartbeat: float,
        lifetime: float,
    ) -> None:
        self._client = client
        self.per_process = per_process
        self.per_address = per_address
        self.heartbeat = heartbeat
        self.lifetime = lifetime
        self._feeds: dict[str, set[Feed]] = {}
        self._addresses: Counter[str] = Counter()
        self._count = 0
        self._closed = False
        self._reader: asyncio.Task[None] | None = None
        self._resyncs: set[asyncio.Task[None]] = set()
        self._generation: Counter[str] = Counter()  # statuses received per hall
        self.connection: AbstractConnection | None = None  # the subscription's, while up
        self.subscribed = False
        self.reconnections = 0
        self._down = False  # lost the subscription, not yet said it is back

    @property
    def streams(self) -> int:
        return self._count

    @asynccontextmanager
    async def feed(self, hall_code: str, address: str) -> AsyncIterator[Feed]:
        """A place for one stream of `hall_code`, given back when the stream ends."""
        feed = self._admit(hall_code, address)
        try:
            yield feed
        finally:
            self._release(feed)

    def _admit(self, hall_code: str, address: str) -> Feed:
        if self._closed:
            raise errors.LiveStreamsBusy(
                "服务正在重启，请稍后重试", headers={"Retry-After": "1"}, retry_after=1
            )
        if self._count >= self.per_process:
            raise errors.LiveStreamsBusy(
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)}, retry_after=RETRY_AFTER_SECONDS
            )
        if self._addresses[address] >= self.per_address:
            raise errors.LiveStreamsPerAddress(limit=self.per_address)
        lifetime = self.lifetime * (1 - LIFETIME_JITTER * random.random())  # noqa: S311 - jitter
        feed = Feed(hall_code, address, self.heartbeat, lifetime)
        self._feeds.setdefault(hall_code, set()).add(feed)
        self._addresses[address] += 1
        self._count += 1
        if self._reader is None:
            self._reader = asyncio.create_task(self._listen(), name="live-status-hub")
        return feed

    def _release(self, feed: Feed) -> None:
        feeds = self._feeds.get(feed.hall_code)
        if feeds is None or feed not in feeds:
            return
        feeds.discard(feed)
        if not feeds:
            del self._feeds[feed.hall_code]
        self._addresses[feed.address] -= 1
        if self._addresses[feed.address] <= 0:
            del self._addresses[feed.address]
        self._count -= 1

    def _fan_out(self, hall_code: str, status: str) -> None:
        for feed in self._feeds.get(hall_code, ()):
            feed.put(status)

    async def close(self) -> None:
        """End every stream and the subscription; later streams are refused (503)."""
        self._closed = True
        for feeds in self._feeds.values():
            for feed in feeds:
                feed.put(None)
        tasks = [t for t in (self._reader, *self._resyncs) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with suppress(asyncio.CancelledError):
                await task

    async def _listen(self) -> None:
        delay = RECONNECT_FIRST_SECONDS
        while True:
            pubsub = self._client.pubsub()
            connection: AbstractConnection | None = None
            try:
                await pubsub.psubscribe(status_pattern(self._client))
                connection = pubsub.connection
                assert connection is not None
                # redis-py reconnects a dropped subscription by itself a few times before it
                # gives up (and this loop takes over): either way, the streams are resent.
                connection.register_connect_callback(self._reconnected)
                self.connection = connection
                self.subscribed = True
                if self._down:
                    self._back()
                delay = RECONNECT_FIRST_SECONDS
                while True:
                    message = await pubsub.get_message(
                        ignore_subscribe_messages=True, timeout=_READ_SECONDS
                    )
                    if message is not None and message.get("type") == "pmessage":
                        self._received(message["channel"], message["data"])
            except (RedisError, OSError) as error:
                if not self._down:
                    self._down = True
                    log.warning(
                        "live status: lost the Redis subscription; streams carry on and are "
                        "sent the current status once it returns",
                        extra={"error": type(error).__name__},
                    )
            except Exception:  # a bug: logged, and the hub carries on as after an outage
                self._down = True
                log.exception("live status: the subscription's reader failed")
            finally:
                self.connection = None
                self.subscribed = False
                if connection is not None:
                    connection.deregister_connect_callback(self._reconnected)
                with suppress(RedisError, OSError):
                    await pubsub.aclose()
            await asyncio.sleep(delay * (0.5 + random.random()))  # noqa: S311 - jitter
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)

    def _received(self, channel: bytes | str, data: bytes | str) -> None:
        name = channel.decode() if isinstance(channel, bytes) else channel
        hall_code = hall_of(self._client, name)
        self._generation[hall_code] += 1
        self._fan_out(hall_code, data.decode() if isinstance(data, bytes) else data)

    async def _reconnected(self, connection: AbstractConnection) -> None:
        """redis-py renewed the subscription's connection by itself."""
        self._back()

    def _back(self) -> None:
        """The subscription is up again, renewed by redis-py or by the loop, whichever came
        first: said once per outage, and each stream is sent its hall's current status."""
        self.reconnections += 1
        if self._down:
            self._down = False
            log.info("live status: the Redis subscription is back")
        self._resend()

    def _resend(self) -> None:
        task = asyncio.create_task(self._send_current(), name="live-status-resend")
        self._resyncs.add(task)
        task.add_done_callback(self._resyncs.discard)

    async def _send_current(self) -> None:
        """Each hall's current status to its streams: what was published while the
        subscription was down is lost. A status received meanwhile is newer: it stands."""
        for hall_code in list(self._feeds):
            seen = self._generation[hall_code]
            try:
                status = await hall_status(hall_code)
            except Exception:  # the database may be down too, or the hall gone
                log.warning("live status: no current status to resend", exc_info=True)
                continue
            if self._generation[hall_code] == seen:
                self._fan_out(hall_code, status.model_dump_json())
