"""Redis: only what can be rebuilt (caches, counters, nonces, locks, pub/sub).

`memory://` gives the in-process Redis of the embedded dev mode (fakeredis), shared by every
client made in the process so pub/sub and locks behave as they would on one server.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import redis.asyncio as redis

if TYPE_CHECKING:
    import fakeredis

MEMORY_URL = "memory://"


@lru_cache(maxsize=1)
def _in_process_server() -> fakeredis.FakeServer:
    import fakeredis

    return fakeredis.FakeServer()


def connect_redis(url: str) -> redis.Redis:
    if url == MEMORY_URL:
        import fakeredis

        return fakeredis.FakeAsyncRedis(server=_in_process_server(), decode_responses=False)
    return redis.Redis.from_url(url, socket_connect_timeout=2, health_check_interval=30)


class RedisApp(Protocol):
    """An app whose context holds the process's Redis client."""

    @property
    def redis(self) -> redis.Redis: ...


async def ping_redis(client: redis.Redis) -> None:
    await client.ping()
