"""The database: Tortoise configuration, start and stop, and a readiness probe.

PostgreSQL is the one database: in production, in the tests and in the embedded mode (a
private cluster, see `api.kit.private_postgres`). The model modules are passed in by the
composition root, so the kernel imports no package.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from typing import Any

from tortoise import Tortoise, connections
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.context import TortoiseContext, require_context
from tortoise.transactions import in_transaction

APP_LABEL = "models"
AERICH_MODELS = "aerich.models"


DEFAULT_POOL_SIZE = 20


def tortoise_config(
    db_url: str, model_modules: Sequence[str], pool_size: int = DEFAULT_POOL_SIZE
) -> dict[str, Any]:
    return {
        "connections": {"default": _connection(db_url, pool_size)},
        "apps": {
            APP_LABEL: {
                "models": [*model_modules, AERICH_MODELS],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _connection(db_url: str, pool_size: int) -> dict[str, Any]:
    require_postgres(db_url)
    connection = expand_db_url(db_url)
    credentials = connection["credentials"]
    credentials.setdefault("minsize", min(2, pool_size))
    credentials.setdefault("maxsize", pool_size)
    credentials["reset"] = _reset_pooled_connection
    return connection


async def _reset_pooled_connection(connection: Any) -> None:
    """What a pooled connection needs before reuse here: no open transaction.

    asyncpg's default reset runs `SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL` on every release, a round trip per query. Yiwang never leaves such session
    state on pooled connections (no LISTEN, advisory locks, cursors or SET there), so only a
    transaction left open needs undoing, and that is known without asking the server.
    """
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


def require_postgres(db_url: str) -> None:
    scheme = db_url.split(":", 1)[0]
    if scheme not in ("postgres", "asyncpg", "psql"):
        raise ValueError(f"unsupported database scheme {scheme!r}: use postgres://")


async def start_database(
    db_url: str, model_modules: Sequence[str], pool_size: int = DEFAULT_POOL_SIZE
) -> None:
    # The global fallback lets request tasks, which Sanic starts outside the listener's
    # context, see the connections this call sets up.
    config = tortoise_config(db_url, model_modules, pool_size)
    await Tortoise.init(config=config, _enable_global_fallback=True)


@asynccontextmanager
async def database_of_this_task(
    db_url: str, model_modules: Sequence[str], pool_size: int = 2, *, connect: bool = True
) -> AsyncIterator[None]:
    """The database for one command: its connections belong to the calling task (and the
    tasks it starts) only, so a command run inside another program, such as the test suite
    calling `yiwang` in process, leaves that program's connections alone. `connect=False`
    loads the models without connecting (offline migration generation)."""
    async with TortoiseContext() as context:
        config = tortoise_config(db_url, model_modules, pool_size)
        await context.init(config=config, init_connections=connect)
        yield


async def stop_database() -> None:
    await Tortoise.close_connections()


async def ping_database() -> None:
    """Raise if the database does not answer `SELECT 1`; callers bound how long they wait."""
    await default_client().execute_query("SELECT 1")


async def rows_of(sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """Hand-written SQL for a hot path, where building the query through the ORM costs more
    than running it, or for what the ORM cannot say (data-modifying CTEs, SKIP LOCKED)."""
    rows: list[dict[str, Any]] = await default_client().execute_query_dict(sql, list(params))
    return rows


def default_client() -> BaseDBAsyncClient:
    """The task's connection: the pool's, or its transaction's. Through the context, as Tortoise
    advises: its deprecated `connections` proxy resolves the context (importing a module) on
    every attribute, three times the cost of the look-up itself, on every hot query."""
    return require_context().connections.get("default")


@asynccontextmanager
async def transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """A transaction (a savepoint inside another), committed when the block ends, rolled back
    when it raises. Use it instead of Tortoise's `in_transaction`.

    Tortoise (1.1) takes a pool connection and makes it the task's current connection before
    it sends BEGIN; when BEGIN fails (the server went away), its context manager never exits:
    the connection stays out of the pool and stays the task's "transaction". Sanic serves every
    request of one keep-alive connection in one task, so every later request on that client
    connection failed on the dead transaction. Here a failed start is undone.
    """
    context = in_transaction()
    try:
        client = await context.__aenter__()
    except BaseException:
        await _undo_failed_start(context)
        raise
    try:
        yield client
    except BaseException as exc:
        await context.__aexit__(type(exc), exc, exc.__traceback__)
        raise
    await context.__aexit__(None, None, None)


@asynccontextmanager
async def atomic() -> AsyncIterator[None]:
    """The caller's transaction when there is one, else a new one: for a change that must be
    atomic but need not be undone apart from its caller's (no savepoint, whose start and
    release are two round trips; a failure inside rolls the whole caller back)."""
    if isinstance(connections.get("default"), TransactionalDBClient):
        yield
        return
    async with transaction():
        yield


async def _undo_failed_start(context: Any) -> None:
    token = getattr(context, "token", None)
    if token is not None:
        connections.reset(token)
    client: Any = getattr(context, "client", None)
    pool = getattr(getattr(client, "_parent", None), "_pool", None)
    held = getattr(client, "_connection", None)
    if pool is not None and held is not None:
        client._connection = None
        with suppress(Exception):  # the connection is dead already; the pool replaces it
            await pool.release(held)
