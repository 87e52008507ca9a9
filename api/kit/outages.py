"""Dependency outages: telling them from bugs, and saying once that one began and once it ended.

An unreachable PostgreSQL or Redis is an expected condition, not a bug: a request that meets one
answers 503 (see `api.errors`), and the log says "database unavailable" when the first request
meets it and "database available again" when a probe finds it back, with how many requests it
refused meanwhile, instead of one traceback per request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import asyncpg
import redis.exceptions
from tortoise.exceptions import DBConnectionError

log = logging.getLogger("yiwang.outages")

DATABASE = "database"
REDIS = "redis"

# SQLSTATE class 08 (connection exception) and the shutdowns of class 57 (operator
# intervention): the server went away or is not accepting connections yet.
_DATABASE_GONE: tuple[type[BaseException], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.CannotConnectNowError,
    DBConnectionError,
)
# What asyncpg's client side says of a connection the server dropped under it. The last: a
# query met a connection still waiting, after the server's FATAL error, for a ReadyForQuery
# that a dying server never sends (state 2, ERROR_CONSUME); the close follows a moment later.
_CLOSED_CONNECTION_WORDS = (
    "connection is closed",
    "connection was closed",
    "released back",
    "another operation (2) is in progress",
)
_REDIS_GONE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def dependency_down(exception: BaseException) -> str | None:
    """`database` or `redis` when the exception (or one it came from) says that dependency is
    unreachable; None for anything else, which stays a bug."""
    seen: set[int] = set()
    current: BaseException | None = exception
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        named = _dependency_of(current)
        if named is not None:
            return named
        current = current.__cause__ or current.__context__
    return None


def _dependency_of(exception: BaseException) -> str | None:
    if isinstance(exception, _REDIS_GONE):
        return REDIS
    if isinstance(exception, _DATABASE_GONE):
        return DATABASE
    if isinstance(exception, asyncpg.InterfaceError | asyncpg.InternalClientError) and any(
        words in str(exception) for words in _CLOSED_CONNECTION_WORDS
    ):
        return DATABASE
    if isinstance(exception, OSError) and _raised_by_asyncpg(exception):
        return DATABASE  # refused or reset while asyncpg connected: the server is not there
    return None


def _raised_by_asyncpg(exception: BaseException) -> bool:
    traceback = exception.__traceback__
    while traceback is not None:
        if "asyncpg" in traceback.tb_frame.f_code.co_filename:
            return True
        traceback = traceback.tb_next
    return False


Probe = Callable[[], Awaitable[None]]


@dataclass
class _Outage:
    refused: int = 0
    probing: asyncio.Task[None] | None = None


@dataclass
class OutageWatch:
    """One per process: which dependencies are down, said once when each goes and comes back.

    `probes` ping each dependency; while one is down a probe runs every `probe_seconds` until it
    answers, so "available again" is logged when the dependency returns, not when the next
    request happens to need it.
    """

    probes: dict[str, Probe]
    probe_seconds: float = 0.5
    probe_timeout: float = 2.0
    _down: dict[str, _Outage] = field(default_factory=dict)

    def is_down(self, dependency: str) -> bool:
        return dependency in self._down

    def refused(self, dependency: str) -> None:
        """A request could not be served because `dependency` is unreachable."""
        outage = self._down.get(dependency)
        if outage is None:
            outage = self._down[dependency] = _Outage()
            log.warning("%s unavailable: answering 503 until it is back", dependency)
            if dependency in self.probes:
                outage.probing = asyncio.get_running_loop().create_task(
                    self._probe_until_back(dependency)
                )
        outage.refused += 1

    async def _probe_until_back(self, dependency: str) -> None:
        probe = self.probes[dependency]
        while True:
            await asyncio.sleep(self.probe_seconds)
            if not await _answers(probe, self.probe_timeout):
                continue
            outage = self._down.pop(dependency)
            log.warning(
                "%s available again after refusing %d request(s)", dependency, outage.refused
            )
            return

    async def close(self) -> None:
        for outage in self._down.values():
            if outage.probing is not None:
                outage.probing.cancel()
        self._down.clear()


async def _answers(probe: Probe, within: float) -> bool:
    try:
        await asyncio.wait_for(probe(), within)
    except Exception:  # still down: the probe's failure is the expected answer
        return False
    return True
