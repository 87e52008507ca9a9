"""Which failures mean a dependency is down, seen on real servers that are closed or stopped."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncpg
import pytest
import redis.asyncio as redis
from tortoise import connections
from tortoise.backends.asyncpg import AsyncpgDBClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.exceptions import DBConnectionError, IntegrityError, OperationalError

from api.kit.outages import DATABASE, REDIS, Backoff, OutageWatch, is_outage
from api.kit.private_postgres import start_private_postgres
from tests.conftest import free_port
from tests.private_redis import PrivateRedis


async def raised(action: Callable[[], Awaitable[object]]) -> BaseException:
    try:
        await action()
    except Exception as exc:
        return exc
    raise AssertionError("it did not fail")


def pg(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def test_a_closed_postgres_port_is_the_database_down() -> None:
    exc = await raised(lambda: asyncpg.connect(f"postgresql://x@127.0.0.1:{free_port()}/x"))
    assert isinstance(exc, OSError)
    assert is_outage(exc) == DATABASE


async def test_a_terminated_session_is_the_database_down(postgres_server: str) -> None:
    victim = await asyncpg.connect(pg(postgres_server))
    admin = await asyncpg.connect(pg(postgres_server))
    try:
        await admin.fetchval("SELECT pg_terminate_backend($1)", victim.get_server_pid())
        first = await raised(lambda: victim.fetchval("SELECT 1"))
        again = await raised(lambda: victim.fetchval("SELECT 1"))
    finally:
        await admin.close()
        victim.terminate()
    assert is_outage(first) == DATABASE, repr(first)
    assert is_outage(again) == DATABASE, repr(again)


@pytest.fixture(scope="module")
async def stopped_cluster(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[tuple[str, BaseException]]:
    """A private cluster stopped under an open session: the session's error and the URL."""
    cluster = start_private_postgres(tmp_path_factory.mktemp("pg-stopped") / "data")
    url = cluster.url()
    session = await asyncpg.connect(pg(url))
    await asyncio.to_thread(cluster.stop)
    cut_off = await raised(lambda: session.fetchval("SELECT 1"))
    session.terminate()
    try:
        yield url, cut_off
    finally:
        cluster.server.cleanup()


async def test_a_stopped_postgres_is_the_database_down(stopped_cluster) -> None:
    url, cut_off = stopped_cluster
    assert is_outage(cut_off) == DATABASE, repr(cut_off)
    refused = await raised(lambda: asyncpg.connect(pg(url)))
    assert is_outage(refused) == DATABASE, repr(refused)


async def test_tortoise_on_a_stopped_postgres_is_the_database_down(stopped_cluster) -> None:
    url, cut_off = stopped_cluster
    socket_dir = url.split("host=", 1)[1]
    client = AsyncpgDBClient(
        connection_name="stopped",
        user="postgres",
        password=None,
        database="postgres",
        host=str(socket_dir),
        port=5432,
        minsize=1,
        maxsize=1,
    )
    exc = await raised(lambda: client.create_connection(with_db=True))
    assert is_outage(exc) == DATABASE, repr(exc)
    # What Tortoise wraps keeps its meaning.
    try:
        raise OperationalError(cut_off) from cut_off
    except OperationalError as wrapped:
        assert is_outage(wrapped) == DATABASE


async def test_tortoise_refusing_an_unknown_database_is_the_database_down(
    postgres_server: str,
) -> None:
    server = expand_db_url(postgres_server)["credentials"]  # embedded (a socket) or external
    client = AsyncpgDBClient(
        connection_name="unknown",
        user=server["user"],
        password=server.get("password"),
        database="no_such_database",
        host=server["host"],
        port=server["port"],
        minsize=1,
        maxsize=1,
    )
    exc = await raised(lambda: client.create_connection(with_db=True))
    assert isinstance(exc, DBConnectionError)
    assert is_outage(exc) == DATABASE


async def test_what_the_database_answers_is_not_an_outage(clean) -> None:
    default = connections.get("default")
    syntax = await raised(lambda: default.execute_query("SELEC 1"))
    assert isinstance(syntax, OperationalError)
    assert is_outage(syntax) is None
    await default.execute_query(
        "INSERT INTO callback_record (source, external_id, received_at) VALUES ('t', 'x', now())"
    )
    duplicate = await raised(
        lambda: default.execute_query(
            "INSERT INTO callback_record (source, external_id, received_at) "
            "VALUES ('t', 'x', now())"
        )
    )
    assert isinstance(duplicate, IntegrityError)
    assert is_outage(duplicate) is None
    assert is_outage(ValueError("bad input")) is None


async def test_a_closed_redis_port_is_redis_down() -> None:
    client = redis.Redis(port=free_port(), socket_connect_timeout=1)
    try:
        exc = await raised(client.ping)
    finally:
        await client.aclose()
    assert is_outage(exc) == REDIS


async def test_a_stopped_redis_is_redis_down(tmp_path: Path) -> None:
    server = PrivateRedis(tmp_path, free_port())
    server.start()
    client = redis.Redis.from_url(server.url, socket_connect_timeout=1)
    try:
        await client.ping()
        server.stop()
        exc = await raised(client.ping)
    finally:
        await client.aclose()
    assert is_outage(exc) == REDIS, repr(exc)


async def test_a_redis_that_does_not_answer_is_redis_down() -> None:
    silent = await asyncio.start_server(lambda reader, writer: None, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    client = redis.Redis(port=port, socket_timeout=0.2, socket_connect_timeout=1)
    try:
        exc = await raised(client.ping)
    finally:
        await client.aclose()
        silent.close()
    assert is_outage(exc) == REDIS, repr(exc)


async def test_an_error_raised_while_handling_an_outage_is_not_one() -> None:
    client = redis.Redis(port=free_port(), socket_connect_timeout=1)
    try:
        try:
            await client.ping()
        except redis.ConnectionError:
            try:
                raise KeyError("missing")  # a bug in the handler stays a bug
            except KeyError as exc:
                assert is_outage(exc) is None
    finally:
        await client.aclose()


def test_backoff_doubles_from_a_fifth_of_a_second_up_to_ten_seconds() -> None:
    backoff = Backoff()
    delays = [backoff.next_delay() for _ in range(20)]
    assert 0.16 <= delays[0] <= 0.24
    assert 0.32 <= delays[1] <= 0.48
    assert all(delay <= 10.0 for delay in delays)
    assert delays[-1] >= 8.0  # capped, not stuck low
    backoff.reset()
    assert backoff.next_delay() <= 0.24


async def test_an_outage_is_logged_once_down_and_once_back(caplog) -> None:
    refused = await raised(lambda: asyncpg.connect(f"postgresql://x@127.0.0.1:{free_port()}/x"))
    rounds = iter([refused, refused, refused, None, None])

    async def work() -> None:
        failure = next(rounds)
        if failure is not None:
            raise failure

    watch = OutageWatch({})
    with caplog.at_level(logging.WARNING, logger="yiwang.outages"):
        outcomes = [await watch.attempt(work) for _ in range(5)]
    assert outcomes == [False, False, False, True, True]
    lines = [(r.getMessage(), r.exc_info) for r in caplog.records if r.name == "yiwang.outages"]
    assert [message for message, _ in lines] == [
        "database is down",
        "database is back after 3 failed attempts",
    ]
    assert all(exc_info is None for _, exc_info in lines)  # no traceback


async def test_a_down_dependency_is_back_only_when_its_probe_answers(caplog) -> None:
    client = redis.Redis(port=free_port(), socket_connect_timeout=1)
    watch = OutageWatch({REDIS: client.ping})

    async def touches_redis() -> None:
        await client.get("x")

    async def idle() -> None:
        return None

    try:
        with caplog.at_level(logging.WARNING, logger="yiwang.outages"):
            assert not await watch.attempt(touches_redis)
            assert not await watch.attempt(idle)  # the probe still fails
    finally:
        await client.aclose()
    assert watch.is_down(REDIS)
    messages = [r.getMessage() for r in caplog.records if r.name == "yiwang.outages"]
    assert messages == ["redis is down"]


async def test_other_errors_are_the_callers() -> None:
    async def bug() -> None:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        await OutageWatch({}).attempt(bug)
