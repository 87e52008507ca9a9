"""Dependency outages: which failures mean PostgreSQL or Redis is down, and how a loop waits.

An outage is expected, not a bug (the house plan's "When things fail"): a worker loop backs off
and carries on, and the log says once that the dependency went down and once that it came back,
never a traceback per attempt. The HTTP error mapping uses `is_outage` too, so a request and a
worker agree on what "down" means.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable, Iterator, Mapping

import asyncpg
import redis.exceptions
from tortoise.exceptions import BaseORMException

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
)
# Tortoise wraps some driver errors; the cause says whether it was the connection.
_MAX_CHAIN = 8


def is_outage(exc: BaseException) -> str | None:
    """ "database" or "redis" when `exc` means that dependency cannot be reached; else None."""
    for link in _wrapped_chain(exc):
        if isinstance(link, (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)):
            return REDIS
        if _database_unreachable(link):
            return DATABASE
    return None


def _wrapped_chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then what the ORM's wrappers wrapped. Only wrappers are unwrapped: a
    domain error raised while handling an outage is still a domain error."""
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
        # The server's goodbye racing a query in flight leaves asyncpg's protocol in this
        # state ("cannot switch to state 11; another operation is in progress"), seen when a
        # session is terminated under a running query.
        return "cannot switch to state" in str(exc)
    if isinstance(exc, asyncpg.exceptions.InterfaceError):
        return "connection is closed" in str(exc) or "connection was closed" in str(exc)
    # Refused, reset, no socket file, timed out (TimeoutError is an OSError); Tortoise's own
    # DBConnectionError is one too. Redis wraps its socket errors, so a bare one is ours.
    return isinstance(exc, OSError)


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
    """One per process, shared by its loops: counts failed attempts per dependency and logs
    once when one goes down and once when it is back.

    `attempt` runs one round of a loop's work. While a dependency is down, each attempt first
    probes it, so "back" is said only once it answers, even by a round that would not have
    touched it (an idle dispatcher round never touches Redis).
    """

    def __init__(self, probes: Mapping[str, Probe]) -> None:
        self._probes = dict(probes)
        self._failed: dict[str, int] = {}

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
        self._all_back()
        return True

    async def _probe_the_down_ones(self) -> None:
        for dependency in list(self._failed):
            probe = self._probes.get(dependency)
            if probe is not None:
                await probe()

    def failed(self, dependency: str, exc: BaseException) -> None:
        if dependency not in self._failed:
            log.warning(
                "%s is down; backing off",
                dependency,
                extra={"dependency": dependency, "error": type(exc).__name__},
            )
        self._failed[dependency] = self._failed.get(dependency, 0) + 1

    def _all_back(self) -> None:
        for dependency, attempts in self._failed.items():
            log.warning(
                "%s is back after %d failed attempt%s",
                dependency,
                attempts,
                "" if attempts == 1 else "s",
                extra={"dependency": dependency, "failed_attempts": attempts},
            )
        self._failed.clear()
