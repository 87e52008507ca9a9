"""The state of an outside system's sandbox, kept in Redis under `sandbox:{system}:`.

Every server process (and every machine) on one Redis then plays one outside system, as the
real one would be: a code minted through one process is known to the next, whichever process
the connection reaches. Each kind of state takes the shape the real system gives it: what was
sent is a capped list, codes and tokens are forgotten after their lifetime (and codes are
consumed once), nonces are remembered for the window they guard, counts are hash counters.

A Redis outage passes through as redis's ConnectionError, answered 503 like any other.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Awaitable
from typing import Any

from redis.asyncio import Redis
from sanic import Request

from api.kit.cache import RedisApp
from api.kit.context import app_context

# A JSON object as the sandbox's caller sent it: its shape is the caller's, not ours.
JsonObject = dict[str, Any]

# Spend one of a counted allowance (a subscribe grant) if there is one, atomically: two
# concurrent sends must not both spend the last one.
_SPEND_ONE = """
local left = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if left < 1 then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
return 1
"""


def sandbox_redis(request: Request) -> Redis:
    """The Redis of the process serving the request (opened by the lifecycle at start-up, after
    the sandboxes were built)."""
    return app_context(request, RedisApp).redis


class SandboxState:
    def __init__(self, redis: Redis, system: str) -> None:
        self._redis = redis
        self._prefix = f"sandbox:{system}:"

    def key(self, *parts: str) -> str:
        """The Redis key a piece of this sandbox's state lives under."""
        return self._prefix + ":".join(parts)

    # ------------------------------------------------------------------ capped lists

    async def append_capped(self, name: str, item: JsonObject, keep: int) -> None:
        """Append `item`, keeping only the newest `keep`."""
        key = self.key(name)
        async with self._redis.pipeline(transaction=True) as appending:
            appending.rpush(key, _dumps(item))
            appending.ltrim(key, -keep, -1)
            await appending.execute()

    async def items(self, name: str, last: int | None = None) -> list[JsonObject]:
        """The list, oldest first; only the newest `last` if given."""
        start = -last if last else 0
        return [_loads(raw) for raw in await self._redis.lrange(self.key(name), start, -1)]

    # ------------------------------------------------------------------ records with a lifetime

    async def put(
        self, name: str, ident: str, value: JsonObject, ttl: int | None, *, only_new: bool = False
    ) -> bool:
        """Store `value` under `ident` for `ttl` seconds (None: until deleted). With `only_new`,
        only if there is none yet; says whether it was stored."""
        stored = await self._redis.set(self.key(name, ident), _dumps(value), ex=ttl, nx=only_new)
        return bool(stored)

    async def get(self, name: str, ident: str) -> JsonObject | None:
        raw = await self._redis.get(self.key(name, ident))
        return None if raw is None else _loads(raw)

    async def replace(self, name: str, ident: str, value: JsonObject) -> bool:
        """Change a record that is still there, keeping its lifetime; False if it is gone."""
        key = self.key(name, ident)
        return bool(await self._redis.set(key, _dumps(value), xx=True, keepttl=True))

    async def forget(self, name: str, ident: str) -> None:
        await self._redis.delete(self.key(name, ident))

    async def new_code(self, name: str, value: JsonObject, ttl: int) -> str:
        """A fresh random code that stands for `value` until it is taken or `ttl` runs out."""
        code = secrets.token_urlsafe(12)
        await self.put(name, code, value, ttl)
        return code

    async def take(self, name: str, ident: str) -> JsonObject | None:
        """The record, removed in the same step: a one-time code is good for one taker only."""
        raw = await self._redis.getdel(self.key(name, ident))
        return None if raw is None else _loads(raw)

    # ------------------------------------------------------------------ nonces

    async def first_time(self, name: str, value: str, ttl: int) -> bool:
        """True, and remembered for `ttl` seconds, if `value` was not seen; False otherwise."""
        return bool(await self._redis.set(self.key(name, value), b"1", nx=True, ex=ttl))

    # ------------------------------------------------------------------ counters

    async def count(self, name: str, field: str, *, idle_ttl: int | None = None) -> int:
        """Add one to `field`; the new count. With `idle_ttl` the whole counter is forgotten
        that long after its last count (for counters with a field per message)."""
        key = self.key(name)
        async with self._redis.pipeline(transaction=True) as counting:
            counting.hincrby(key, field, 1)
            if idle_ttl is not None:
                counting.expire(key, idle_ttl)
            counted, *_ = await counting.execute()
        return int(counted)

    async def give_one(self, name: str, field: str) -> None:
        await self._redis.hincrby(self.key(name), field, 1)

    async def spend_one(self, name: str, field: str) -> bool:
        """Take one from `field` if it has any; False if it had none."""
        spent = await self._redis.eval(_SPEND_ONE, 1, self.key(name), field)
        return bool(spent)

    async def reset(self, name: str, field: str) -> None:
        """Forget `field`'s count (back to none)."""
        await self._redis.hdel(self.key(name), field)

    async def counts(self, name: str) -> dict[str, int]:
        raw = await self._redis.hgetall(self.key(name))
        return {_text(field): int(value) for field, value in raw.items()}

    # ------------------------------------------------------------------ sets

    async def add(self, name: str, member: str) -> None:
        await self._redis.sadd(self.key(name), member)

    async def remove(self, name: str, member: str) -> None:
        await self._redis.srem(self.key(name), member)

    async def has(self, name: str, member: str) -> bool:
        return bool(await self._redis.sismember(self.key(name), member))


class SandboxRefusal(Exception):
    """The played system says no: its own code and words, answered in its own format with
    `status` (each sandbox renders it)."""

    def __init__(self, code: str, message: str, status: int = 200) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.status = status


class Later:
    """Work a sandbox does after its answer, as the system it plays does: a callback it sends
    never runs inside our call to it (our callback route may be served by the very worker
    that waits for that answer, and wait on the row the caller holds). Failures the sandbox
    expects (its own refusals, a Redis gone with the test) are logged; `settle` waits for
    what is still running."""

    def __init__(self, name: str, expected: tuple[type[BaseException], ...]) -> None:
        self._name = name
        self._expected = expected
        self._running: set[asyncio.Task[None]] = set()

    def __call__(self, work: Awaitable[Any]) -> None:
        async def run() -> None:
            try:
                await work
            except self._expected as exc:
                _log.warning("%s: background work failed (%s)", self._name, type(exc).__name__)

        task = asyncio.get_running_loop().create_task(run())
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def settle(self) -> None:
        while self._running:
            await asyncio.gather(*self._running, return_exceptions=True)


_log = logging.getLogger("yiwang.sandbox")


def _dumps(value: JsonObject) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _loads(raw: bytes | str) -> JsonObject:
    value: JsonObject = json.loads(raw)
    return value


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
