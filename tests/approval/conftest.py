"""The halls the approval tests run against: `hall` is each of the two core gateways in turn
(the embedded engine, and the HTTP client talking to the core system's sandbox over loopback
HTTP, whose steps come back through the signed webhook); `local_hall` is the embedded engine
alone, for what does not depend on the gateway."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from api.approval.gateways.core import CorrectionItem
from api.context import YiwangApp
from tests.approval.support import Hall, engine_step
from tests.conftest import LiveServer


@pytest.fixture
async def local_hall(server: LiveServer, clean: Any) -> Hall:
    return await _with_catalogue(Hall(server, engine_step(server)))


@pytest.fixture(params=["local", "http"])
async def hall(
    request: pytest.FixtureRequest,
    server: LiveServer,
    make_app: Callable[..., YiwangApp],
    start_server: Callable[[YiwangApp], Awaitable[LiveServer]],
    clean: Any,
) -> AsyncIterator[Hall]:
    if request.param == "local":
        yield await _with_catalogue(Hall(server, engine_step(server)))
        return
    async for served in _http_hall(make_app, start_server):
        yield served


@pytest.fixture
async def http_hall(
    make_app: Callable[..., YiwangApp],
    start_server: Callable[[YiwangApp], Awaitable[LiveServer]],
    clean: Any,
) -> AsyncIterator[Hall]:
    """The HTTP gateway alone: for what only the core system's sandbox can do (fail on cue)."""
    async for served in _http_hall(make_app, start_server):
        yield served


async def _http_hall(
    make_app: Callable[..., YiwangApp], start_server: Callable[[YiwangApp], Awaitable[LiveServer]]
) -> AsyncIterator[Hall]:
    served = await _http_core_server(make_app, start_server)
    sandbox = served.app.ctx.sandboxes
    assert sandbox is not None

    async def step(core_ref: str, action: str, corrections: list[CorrectionItem]) -> None:
        await sandbox.core.act(served.app.ctx.redis, core_ref, action, corrections=corrections)  # type: ignore[arg-type]

    yield await _with_catalogue(Hall(served, step))
    await sandbox.core.settle()


_http_servers: dict[str, LiveServer] = {}


async def _http_core_server(
    make_app: Callable[..., YiwangApp], start_server: Callable[[YiwangApp], Awaitable[LiveServer]]
) -> LiveServer:
    """One app with the HTTP gateway for the session, started the first time it is asked for."""
    if "http" not in _http_servers:
        _http_servers["http"] = await start_server(make_app(core_gateway="http"))
    return _http_servers["http"]


async def _with_catalogue(hall: Hall) -> Hall:
    """Every test starts from empty tables: the catalogue is synced from the core system."""
    await hall.approval.catalogue.sync(hall.approval.core)
    return hall
