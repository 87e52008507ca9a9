"""Dependency outages: which failures mean PostgreSQL or Redis is down, and saying so once.

An outage is expected, not a bug (the house plan's "When things fail"): a request that meets one
answers 503 (see `api.errors`), a worker loop backs off and carries on, and the log says once
that the dependency went down and once that it came back, never a traceback per request or
attempt. One `OutageWatch` per process serves both, so a request and a worker agree on what
"down" means.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Iterator, Mapping

import asyncpg
import redis.exceptions
from tortoise.exceptions import BaseORMException, DBConnectionError

DATABASE = "database"
REDIS = "redis"

log = logging.getLogger("yiwang.outages")

# The connection failed, or the server ended the session or is not taking new ones (fast
# shutdown, crash, recovery).
_CONNECTION_LOST = (
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.CannotConnectNowError,
    DBConnectionError,
)
# What asyncpg's client side says of a connection the server dropped under it.
_CLOSED_CONNECTION_WORDS = ("connection is closed", "connection was closed", "released back")
# Tortoise wraps some driver errors; the cause says whether it was the connection.
_MAX_CHAIN = 8


def is_outage(exc: BaseException) -> str | None:
    """ "database" or "redis" when `exc` means that dependency cannot be reached; else None,
    which stays a bug."""
    for link in _wrapped_chain(exc):
        if isinstance(link, (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)):
            return REDIS
        if _database_unreachable(link):
            return DATABASE
    return None


def _wrapped_chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then what the ORM's wrappers wrapped. Only wrappers are unwrapped: an
    error raised while handling an outage is still what it is."""
    link: BaseException | None = exc
    for _ in range(_MAX_CHAIN):
        if link is None:
            return
        yield link
        if not isinstance(link, BaseORMException):
            return
        link = link.__cause__ or link.__context__


def _database_unreachable(exc: BaseException) -> bool:
    if isinstance(exc, _CONNECTION_LOST):
        return True
    if isinstance(exc, asyncpg.exceptions.InternalClientError):
        # The server's goodbye racing a query in flight leaves asyncpg's protocol waiting for
        # a ReadyForQuery a dying server never sends ("cannot switch to state 12; another
        # operation (2) is in progress"); the close follows a moment later.
        return "cannot switch to state" in str(exc)
    if isinstance(exc, asyncpg.exceptions.InterfaceError):
        return any(words in str(exc) for words in _CLOSED_CONNECTION_WORDS)
    # Refused, reset, no socket file, timed out: only when asyncpg met it (Redis wraps its
    # socket errors, and any other OSError of ours is a bug, not the database).
    return isinstance(exc, OSError) and _raised_by_asyncpg(exc)


def _raised_by_asyncpg(exc: BaseException) -> bool:
    traceback = exc.__traceback__
    while traceback is not None:
        if "asyncpg" in traceback.tb_frame.f_code.co_filename:
            return True
        traceback = traceback.tb_next
    return False


class Backoff:
    """Capped exponential delays with jitter: about 0.2 s, 0.4 s, ... up to 10 s, each +-20 %
    so that the workers of a fleet do not all knock at the same moment."""

    def __init__(self, first: float = 0.2, cap: float = 10.0) -> None:
        self.first = first
        self.cap = cap
        self._next = first

    def next_delay(self) -> float:
        delay = self._next * random.uniform(0.8, 1.2)  # noqa: S311 - jitter only
        self._next = min(self._next * 2, self.cap)
        return min(delay, self.cap)

    def reset(self) -> None:
        self._next = self.first


Probe = Callable[[], Awaitable[object]]


class OutageWatch:
    """One per process: which dependencies are down, said once when each goes and comes back.

    Worker loops run each round through `attempt`: while a dependency is down, a round first
    probes it, so "back" is said only once it answers, even by a round that would not have
    touched it. Requests report what they met with `refused`: a probe then runs every
    `probe_seconds` until the dependency answers, so "back" is said when it returns, not when
    the next request happens to need it.
    """

    def __init__(
        self, probes: Mapping[str, Probe], probe_seconds: float = 0.5, probe_timeout: float = 2.0
    ) -> None:
        self._probes = dict(probes)
        self.probe_seconds = probe_seconds
        self.probe_timeout = probe_timeout
        self._failed: dict[str, int] = {}
        self._probing: dict[str, asyncio.Task[None]] = {}

    def is_down(self, dependency: str) -> bool:
        return dependency in self._failed

    async def attempt(self, work: Callable[[], Awaitable[object]]) -> bool:
        """True when the round went through; False when a dependency was down (noted).
        Any other exception is the caller's."""
        try:
            await self._probe_the_down_ones()
            await work()
        except Exception as exc:
            dependency = is_outage(exc)
            if dependency is None:
                raise
            self.failed(dependency, exc)
            return False
        for dependency in list(self._failed):
            self._back(dependency)
        return True

    def refused(self, dependency: str) -> None:
        """A request could not be served because `dependency` is unreachable."""
        self.failed(dependency)
        if dependency in self._probes and dependency not in self._probing:
            self._probing[dependency] = asyncio.get_running_loop().create_task(
                self._probe_until_back(dependency)
            )

    def failed(self, dependency: str, exc: BaseException | None = None) -> None:
        if dependency not in self._failed:
            log.warning(
                "%s is down",
                dependency,
                extra={"dependency": dependency, "error": type(exc).__name__ if exc else None},
            )
        self._failed[dependency] = self._failed.get(dependency, 0) + 1

    async def _probe_the_down_ones(self) -> None:
        for dependency in list(self._failed):
            probe = self._probes.get(dependency)
            if probe is not None:
                await probe()

    async def _probe_until_back(self, dependency: str) -> None:
        try:
            while self.is_down(dependency):
                await asyncio.sleep(self.probe_seconds)
                if await _answers(self._probes[dependency], self.probe_timeout):
                    self._back(dependency)
        finally:
            self._probing.pop(dependency, None)

    def _back(self, dependency: str) -> None:
        attempts = self._failed.pop(dependency, None)
        if attempts is None:
            return
        log.warning(
            "%s is back after %d failed attempt%s",
            dependency,
            attempts,
            "" if attempts == 1 else "s",
            extra={"dependency": dependency, "failed_attempts": attempts},
        )

    async def close(self) -> None:
        for task in list(self._probing.values()):
            task.cancel()
        self._probing.clear()


async def _answers(probe: Probe, within: float) -> bool:
    try:
        await asyncio.wait_for(probe(), within)
    except Exception:  # still down: the probe's failure is the expected answer
        return False
    return True
