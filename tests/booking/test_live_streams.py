"""Live status streams at scale: a thousand displays and phones watching one hall share one
Redis subscription, so signing in, booking and readiness do not notice them; caps per client
address and per process; heartbeats, a lifetime, and a subscription that comes back.

The streams are raw loopback connections (a thousand HTTP clients would cost more than the
server under test), read as a browser's EventSource reads them: chunked body, SSE fields.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import resource
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any

import httpx
import pytest

from api.kit.cache import connect_redis
from api.kit.ids import new_public_id
from booking import live
from booking.models import Window
from tests.auth.conftest import bearer, new_phone, sign_in_by_phone
from tests.booking.test_booking import book, citizen, make_hall, make_slot
from tests.booking.test_tickets import take
from tests.conftest import LiveServer, free_port

WITHIN = 60.0  # seconds: generous waits for an event, never a measure of speed


def raise_the_file_limit(needed: int) -> None:
    """Each stream holds two descriptors here (client and server side of the loopback)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        # A failure, not a skip: the suite runs every test or says why it could not.
        pytest.fail(f"needs {needed} file descriptors; raise the hard limit (ulimit -Hn)")


class Stream:
    """One server-sent-event stream over a raw connection."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.status = 0
        self.headers: dict[str, str] = {}
        self._text = ""
        self._ended = False

    @classmethod
    async def open(
        cls, port: int, path: str = "/api/v1/halls/H1/status/stream", **headers: str
    ) -> Stream:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        stream = cls(reader, writer)
        request = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Accept: text/event-stream"]
        request += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
        writer.write(("\r\n".join(request) + "\r\n\r\n").encode())
        head = (await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WITHIN)).decode()
        status_line, *header_lines = head.strip().split("\r\n")
        stream.status = int(status_line.split(" ")[1])
        for line in header_lines:
            name, _, value = line.partition(":")
            stream.headers[name.strip().lower()] = value.strip()
        return stream

    async def problem(self) -> dict[str, Any]:
        """The body of a refusal (problem+json, sent with a length)."""
        body = await self.reader.readexactly(int(self.headers["content-length"]))
        return dict(json.loads(body))

    async def _chunk(self) -> str | None:
        size = int((await self.reader.readline()).strip() or b"0", 16)
        if size == 0:
            return None
        return (await self.reader.readexactly(size + 2))[:-2].decode()

    async def line(self) -> str:
        while "\n" not in self._text:
            chunk = None if self._ended else await self._chunk()
            if chunk is None:
                self._ended = True
                raise EOFError("the server ended the stream")
            self._text += chunk
        line, self._text = self._text.split("\n", 1)
        return line

    async def next_status(self, within: float = WITHIN) -> dict[str, Any]:
        """The next status event's data, past heartbeats and other fields."""
        async with asyncio.timeout(within):
            while True:
                line = await self.line()
                if line.startswith("data: "):
                    return dict(json.loads(line[len("data: ") :]))

    async def rest(self, within: float = WITHIN) -> list[str]:
        """Every line until the server ends the stream; fails if it does not."""
        lines: list[str] = []
        async with asyncio.timeout(within):
            with suppress(EOFError):
                while True:
                    lines.append(await self.line())
        return lines

    async def close(self) -> None:
        self.writer.close()
        with suppress(ConnectionError):
            await self.writer.wait_closed()


@asynccontextmanager
async def streams(
    port: int, addresses: list[str], at_once: int = 100
) -> AsyncIterator[list[Stream]]:
    """One stream per address (sent as X-Forwarded-For), opened `at_once` at a time."""
    opened: list[Stream] = []
    gate = asyncio.Semaphore(at_once)

    async def open_one(address: str) -> Stream:
        async with gate:
            stream = await Stream.open(port, X_Forwarded_For=address)
            opened.append(stream)
            return stream

    try:
        yield list(await asyncio.gather(*(open_one(a) for a in addresses)))
    finally:
        await asyncio.gather(*(s.close() for s in opened))


def address(n: int) -> str:
    return f"10.{n // 62500}.{n // 250 % 250}.{n % 250 + 1}"


async def eventually(check: Callable[[], bool | Awaitable[bool]], within: float = WITHIN) -> None:
    """Polls `check` until it holds; fails after `within` seconds."""

    async def holds() -> bool:
        outcome = check()
        return bool(await outcome if inspect.isawaitable(outcome) else outcome)

    async with asyncio.timeout(within):
        # A poll: what it waits for (a connection the server notices closed, the hub's
        # subscription) changes inside the code under test, which offers no event for it.
        while not await holds():  # noqa: ASYNC110
            await asyncio.sleep(0.05)


async def redis_connections(client: Any) -> int:
    """Connections open to the test's Redis logical database (all apps of the session share one
    client, so its pool holds the server's connections too)."""
    pool = client.connection_pool
    if client.connection_pool.connection_kwargs.get("server") is not None:  # in-process Redis
        return len(pool._in_use_connections)
    db = int(pool.connection_kwargs.get("db") or 0)
    return sum(1 for c in await client.client_list() if int(c["db"]) == db)


def in_use(client: Any) -> int:
    return len(client.connection_pool._in_use_connections)


async def test_a_thousand_streams_leave_sign_in_booking_and_readiness_alone(
    make_app, start_server, clean, capsys
) -> None:
    raise_the_file_limit(4096)
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=50)
    server = await start_server(make_app(proxies_count=1))
    redis_before, in_use_before = await redis_connections(clean.redis), in_use(clean.redis)
    async with streams(server.port, [address(n) for n in range(1000)]) as opened:
        assert [s.status for s in opened] == [200] * 1000
        firsts = await asyncio.gather(*(s.next_status() for s in opened))
        assert {f["waiting"][0]["waiting"] for f in firsts} == {0}
        # One subscription feeds them all: a thousand streams hold one connection, not 1000.
        redis_with_streams = await redis_connections(clean.redis)
        in_use_with_streams = in_use(clean.redis)
        assert redis_with_streams - redis_before <= 1
        assert in_use_with_streams - in_use_before <= 1

        async with httpx.AsyncClient(base_url=server.url, timeout=WITHIN) as http:
            assert (await http.get("/readyz")).status_code == 200
            tokens = await asyncio.gather(*(sign_in_by_phone(http, new_phone()) for _ in range(5)))
            assert all(t["access_token"] for t in tokens)
            people = [await citizen(server) for _ in range(5)]
            booked = await asyncio.gather(*(book(http, h, slot) for _, h in people))
            assert [r.status_code for r in booked] == [201] * 5, [r.text for r in booked]
            me = await http.get("/api/v1/me", headers=bearer(tokens[0]))
            assert me.status_code == 200, me.text

            _, headers = await citizen(server, level=1)
            taken_at = time.perf_counter()
            assert (await take(http, headers)).status_code == 201
            seen = await asyncio.gather(*(s.next_status() for s in opened))
            everyone_saw_it = time.perf_counter() - taken_at
            assert {s["waiting"][0]["waiting"] for s in seen} == {1}
            assert (await http.get("/readyz")).status_code == 200
    with capsys.disabled():
        print(
            f"\n1000 streams: Redis connections in db {redis_before} -> {redis_with_streams}, "
            f"pool in use {in_use_before} -> {in_use_with_streams}; "
            f"every stream saw the new ticket within {everyone_saw_it:.2f} s"
        )


async def test_streams_are_capped_per_address_then_per_process(
    make_app, start_server, clean
) -> None:
    await make_hall()
    server = await start_server(
        make_app(proxies_count=1, live_streams_per_address=2, live_streams_per_process=3)
    )
    async with streams(server.port, ["203.0.113.7", "203.0.113.7"]) as mine:
        assert [s.status for s in mine] == [200, 200]
        refused = await Stream.open(server.port, X_Forwarded_For="203.0.113.7")
        assert refused.status == 429
        assert refused.headers["content-type"].startswith("application/problem+json")
        problem = await refused.problem()
        assert problem["code"] == "booking.live_streams_per_address"
        assert problem["title"]
        await refused.close()

        async with streams(server.port, ["198.51.100.1"]) as theirs:
            assert theirs[0].status == 200
            busy = await Stream.open(server.port, X_Forwarded_For="198.51.100.2")
            assert busy.status == 503
            assert int(busy.headers["retry-after"]) > 0
            assert (await busy.problem())["code"] == "booking.live_streams_busy"
            await busy.close()

        # A stream that ends gives its place back.
        async def a_place_is_free() -> bool:
            again = await Stream.open(server.port, X_Forwarded_For="198.51.100.2")
            await again.close()
            return again.status == 200

        await eventually(a_place_is_free)
        # The refusals cost no place: the address still has its two and no more.
        again = await Stream.open(server.port, X_Forwarded_For="203.0.113.7")
        assert again.status == 429
        await again.close()


async def test_a_stream_sends_retry_heartbeats_and_ends_after_its_lifetime(
    make_app, start_server, clean
) -> None:
    await make_hall()
    server = await start_server(
        make_app(live_stream_heartbeat_seconds=0.2, live_stream_max_seconds=1.5)
    )
    stream = await Stream.open(server.port)
    try:
        assert stream.status == 200
        assert stream.headers["cache-control"] == "no-cache"
        first = [await stream.line() for _ in range(3)]
        assert first[0].startswith("retry: ") and int(first[0][len("retry: ") :]) > 0
        assert first[1] == "event: status"
        assert json.loads(first[2][len("data: ") :])["hall"] == "H1"
        rest = await stream.rest()
        assert any(line.startswith(":") for line in rest), rest  # heartbeats
        assert not any(line.startswith("data: ") for line in rest)
    finally:
        await stream.close()


async def test_an_unknown_hall_is_refused_and_costs_no_place(make_app, start_server, clean) -> None:
    server = await start_server(make_app(live_streams_per_process=1))
    for _ in range(3):
        missing = await Stream.open(server.port, "/api/v1/halls/NOPE/status/stream")
        assert missing.status == 404
        assert (await missing.problem())["code"] == "booking.hall_not_found"
        await missing.close()


async def test_streams_keep_going_when_the_subscription_drops(
    make_app, start_server, clean
) -> None:
    await make_hall()
    server: LiveServer = await start_server(make_app())
    async with streams(server.port, ["127.0.0.1"] * 3) as opened:
        for stream in opened:
            await stream.next_status()
        hub = server.app.ctx.services.live_hub
        await drop_the_connection_of(hub, clean.redis)
        _, headers = await citizen(server, level=1)
        async with httpx.AsyncClient(base_url=server.url, timeout=WITHIN) as http:
            assert (await take(http, headers)).status_code == 201
        # Either the publish reaches the renewed subscription, or the hub sends the current
        # status when it is back: both carry the new ticket.
        for stream in opened:
            while (await stream.next_status())["waiting"][0]["waiting"] != 1:
                pass
        assert hub.reconnections >= 1


async def drop_the_connection_of(hub: live.StatusHub, client: Any) -> None:
    """Cut the hub's subscription as a Redis restart would: the server closes it."""
    await eventually(lambda: hub.connection is not None)
    connection = hub.connection
    assert connection is not None
    if client.connection_pool.connection_kwargs.get("server") is None and (
        client.connection_pool.connection_kwargs.get("path") is None
    ):
        writer = connection._writer
        assert writer is not None
        host, port = writer.get_extra_info("sockname")[:2]
        assert await client.client_kill(f"{host}:{port}")
    else:  # the in-process Redis has no CLIENT KILL: close it under the hub's feet
        await connection.disconnect()


async def test_a_slow_reader_gets_the_newest_status_not_a_backlog() -> None:
    feed = live.Feed("H1", "10.0.0.1", heartbeat=60, lifetime=60)
    for n in range(100):
        feed.put(json.dumps({"n": n}))
    assert feed.dropped == 100 - live.FEED_SIZE
    updates = feed.updates()
    seen = [json.loads(str(await anext(updates)))["n"] for _ in range(live.FEED_SIZE)]
    assert seen == list(range(100 - live.FEED_SIZE, 100))
    feed.put(None)
    assert [u async for u in updates] == []


class Relay:
    """A TCP relay to Redis that the test takes down (cutting every connection and refusing
    new ones, as a restarting Redis would) and brings back on the same port."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)

    async def down(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in self._writers:
            writer.close()
        self._writers.clear()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        self._writers |= {writer, upstream_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with suppress(ConnectionError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


async def test_the_hub_outlives_a_redis_outage_and_resends_the_current_status(
    clean, caplog
) -> None:
    kwargs = clean.redis.connection_pool.connection_kwargs
    hall, category = await make_hall()
    relay = Relay(kwargs.get("host", "127.0.0.1"), int(kwargs.get("port", 6379)))
    await relay.up()
    # The production client, as the process makes it (redis-py's own retries included).
    through_relay = connect_redis(f"redis://127.0.0.1:{relay.port}/{kwargs.get('db', 0)}")
    hub = live.StatusHub(through_relay, per_process=5, per_address=5, heartbeat=0.2, lifetime=600)
    caplog.set_level(logging.INFO, logger="yiwang.booking.live")
    try:
        async with hub.feed("H1", "10.0.0.1") as feed:
            updates = feed.updates()

            async def next_status() -> dict[str, Any]:
                async with asyncio.timeout(WITHIN):
                    while (update := await anext(updates)) is None:
                        pass
                return dict(json.loads(update))

            await eventually(lambda: hub.subscribed)
            await live.publish(clean.redis, "H1")
            assert (await next_status())["windows"] == []

            await relay.down()
            await eventually(lambda: not hub.subscribed)  # redis-py's retries gave up too
            # The stream carries on (heartbeats) while its hall changes unseen.
            async with asyncio.timeout(WITHIN):
                assert await anext(updates) is None
            await Window.create(
                public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
            )
            await live.publish(clean.redis, "H1")  # lost: nobody listens

            await relay.up()
            assert (await next_status())["windows"] == [
                {"number": 1, "status": "open", "serving": None}
            ]
            assert hub.subscribed and hub.reconnections >= 1
    finally:
        await hub.close()
        await through_relay.aclose()
        await relay.down()
    said = [r.getMessage() for r in caplog.records if r.name == "yiwang.booking.live"]
    # Once each, however many attempts the outage took.
    assert sum("lost the Redis subscription" in line for line in said) == 1, said
    assert sum("subscription is back" in line for line in said) == 1, said


async def test_halls_in_two_redis_databases_of_one_server_do_not_hear_each_other(
    redis_url: str,
) -> None:
    """Pub/sub ignores the database a client selected: the channels carry it instead, so two
    deployments (or two test workers) sharing a Redis server keep their halls apart."""
    base, database = redis_url.rsplit("/", 1)
    ours = connect_redis(redis_url)
    theirs = connect_redis(f"{base}/{(int(database or 0) + 7) % 16}")
    listener = ours.pubsub()
    try:
        await listener.psubscribe(live.status_pattern(ours))
        await theirs.publish(live.channel_of(theirs, "H1"), "theirs")
        await ours.publish(live.channel_of(ours, "H1"), "ours")
        heard = None
        for _ in range(5):  # the subscription's own confirmation comes as None first
            heard = heard or await listener.get_message(ignore_subscribe_messages=True, timeout=2)
        assert heard is not None and heard["data"] == b"ours"
    finally:
        await listener.aclose()
        await ours.aclose()
        await theirs.aclose()
