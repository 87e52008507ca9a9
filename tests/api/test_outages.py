"""Dependency outages are answered with 503 and forgotten the moment they end."""

from __future__ import annotations

import logging

import asyncpg
import httpx
import pytest
import redis.exceptions

from api.kit.outages import DATABASE, REDIS, OutageWatch, is_outage
from tests.api.test_serve import serving
from tests.auth.conftest import POLICY
from tests.relay import BeginCutter


def a_mini_program_sign_in(client: httpx.Client, openid: str) -> httpx.Response:
    """Its first database work is a transaction: the place where BEGIN meets a dead server."""
    code = client.post("/sandbox/wechat/_test/login-code", json={"openid": openid}).json()["code"]
    return client.post(
        "/api/v1/auth/miniprogram", json={"code": code, "privacy_policy_version": POLICY}
    )


def test_a_failed_begin_leaves_nothing_behind_on_a_keep_alive_connection(
    settings, resources, tmp_path
) -> None:
    """Tortoise kept a pool connection as the task's transaction when BEGIN failed, and Sanic
    serves a keep-alive connection's requests in one task: every later request on it failed."""
    with BeginCutter(settings.db_url) as relay:
        env = {
            "YIWANG_VAR_DIR": str(tmp_path / "var"),
            "YIWANG_DATABASE_URL": relay.url,
            "YIWANG_REDIS_URL": settings.cache_url,
        }
        with serving(env) as (url, _process), httpx.Client(base_url=url, timeout=10) as client:
            assert a_mini_program_sign_in(client, "o-warm").status_code == 200
            relay.cut_next_begin()
            cut = a_mini_program_sign_in(client, "o-cut")
            later = [a_mini_program_sign_in(client, f"o-after-{n}").status_code for n in range(5)]
    assert relay.cuts == 1
    assert cut.status_code == 503, cut.text
    assert cut.headers["content-type"] == "application/problem+json"
    assert int(cut.headers["retry-after"]) > 0
    assert cut.json()["code"] == "service.unavailable"
    assert cut.json()["dependency"] == "database"
    assert later == [200] * 5


async def test_an_outage_is_said_once_when_it_begins_and_once_when_it_ends(caplog) -> None:
    back = False

    async def probe() -> None:
        if not back:
            raise OSError("still down")

    watch = OutageWatch(probes={DATABASE: probe}, probe_seconds=0.01)
    with caplog.at_level(logging.WARNING, logger="yiwang.outages"):
        for _ in range(50):
            watch.refused(DATABASE)
        assert watch.is_down(DATABASE)
        back = True
        for _ in range(500):
            if not watch.is_down(DATABASE):
                break
            await _a_moment()
    lines = [record.getMessage() for record in caplog.records]
    assert lines == ["database is down", "database is back after 50 failed attempts"]
    assert all(record.exc_info is None for record in caplog.records)
    await watch.close()


async def _a_moment() -> None:
    import asyncio

    await asyncio.sleep(0.01)


async def test_real_connection_failures_are_named_and_bugs_are_not() -> None:
    with pytest.raises(OSError) as refused:
        await asyncpg.connect("postgresql://nobody@127.0.0.1:9/x", timeout=2)
    assert is_outage(refused.value) == DATABASE
    client = redis.asyncio.Redis(port=9, socket_connect_timeout=1)
    with pytest.raises(redis.exceptions.ConnectionError) as unreachable:
        await client.ping()
    await client.aclose()
    assert is_outage(unreachable.value) == REDIS
    assert is_outage(KeyError("a bug")) is None
    assert is_outage(OSError("a file we failed to read")) is None  # not asyncpg's
