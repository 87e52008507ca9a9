"""Sandbox state in Redis: on the suite's real Redis and on the embedded mode's in-process one."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from api.kit.cache import MEMORY_URL, connect_redis
from api.kit.sandbox_state import SandboxState


@pytest.fixture(params=["redis", "memory"])
async def redis(request: pytest.FixtureRequest, clean) -> AsyncIterator[Redis]:
    if request.param == "redis":
        yield clean.redis
        return
    in_process = connect_redis(MEMORY_URL)
    try:
        yield in_process
    finally:
        await in_process.aclose()


@pytest.fixture
def state(redis: Redis) -> SandboxState:
    # A system of its own: the in-process Redis is shared by everything in this process.
    return SandboxState(redis, f"test-{uuid.uuid4().hex[:8]}")


async def test_a_capped_list_keeps_the_newest(state) -> None:
    for n in range(5):
        await state.append_capped("sent", {"n": n}, keep=3)
    assert await state.items("sent") == [{"n": 2}, {"n": 3}, {"n": 4}]
    assert await state.items("sent", last=2) == [{"n": 3}, {"n": 4}]
    assert await state.items("never") == []


async def test_a_code_is_good_for_one_taker_and_for_its_lifetime(state, redis) -> None:
    code = await state.new_code("login-code", {"openid": "o-1"}, ttl=300)
    assert 0 < await redis.ttl(state.key("login-code", code)) <= 300
    taken = await asyncio.gather(*(state.take("login-code", code) for _ in range(5)))
    assert taken.count({"openid": "o-1"}) == 1 and taken.count(None) == 4


async def test_a_record_is_stored_once_if_asked_and_changed_only_while_it_lasts(state) -> None:
    assert await state.put("token", "app", {"token": "a"}, ttl=60, only_new=True)
    assert not await state.put("token", "app", {"token": "b"}, ttl=60, only_new=True)
    assert await state.replace("token", "app", {"token": "c"})
    assert await state.get("token", "app") == {"token": "c"}
    await state.forget("token", "app")
    assert not await state.replace("token", "app", {"token": "d"})
    assert await state.get("token", "app") is None


async def test_a_nonce_is_seen_once_for_its_window(state, redis) -> None:
    assert await state.first_time("nonce", "n-1", ttl=600)
    assert not await state.first_time("nonce", "n-1", ttl=600)
    assert 0 < await redis.ttl(state.key("nonce", "n-1")) <= 600


async def test_concurrent_spends_take_no_more_than_was_given(state) -> None:
    for _ in range(3):
        await state.give_one("grants", "o-1:tpl")
    spent = await asyncio.gather(*(state.spend_one("grants", "o-1:tpl") for _ in range(10)))
    assert spent.count(True) == 3
    assert await state.counts("grants") == {"o-1:tpl": 0}


async def test_counts_add_up_and_an_idle_counter_is_forgotten(state, redis) -> None:
    assert [await state.count("received", "m-1", idle_ttl=60) for _ in range(2)] == [1, 2]
    await state.count("received", "m-2", idle_ttl=60)
    assert await state.counts("received") == {"m-1": 2, "m-2": 1}
    assert 0 < await redis.ttl(state.key("received")) <= 60


async def test_members_of_a_set(state) -> None:
    await state.add("followers", "o-1")
    assert await state.has("followers", "o-1")
    assert not await state.has("followers", "o-2")
