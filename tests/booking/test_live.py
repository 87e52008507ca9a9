"""Live status: JSON for a display, and a stream that sees changes made through any process."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx

from api.kit.ids import new_public_id
from booking.models import Window
from tests.booking.test_booking import citizen, make_hall
from tests.booking.test_tickets import clerk_headers, take
from tests.conftest import LiveServer


async def test_the_status_shows_numbers_and_counts(server, client) -> None:
    hall, category = await make_hall()
    window = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=3, category_ids=[category.id]
    )
    for _ in range(2):
        _, headers = await citizen(server, level=1)
        await take(client, headers)
    status = (await client.get("/api/v1/halls/H1/status")).json()
    assert status["waiting"] == [
        {"category": "passport", "name": "护照办理", "prefix": "A", "waiting": 2}
    ]
    clerk = await clerk_headers(client, "clerk-live")
    await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=clerk)
    status = (await client.get("/api/v1/halls/H1/status")).json()
    assert status["windows"] == [{"number": 3, "status": "open", "serving": "A001"}]
    assert status["waiting"][0]["waiting"] == 1
    assert (await client.get("/api/v1/halls/NOPE/status")).status_code == 404


async def next_event(lines) -> dict[str, Any]:
    while True:
        line = await asyncio.wait_for(lines.__anext__(), timeout=10)
        if line.startswith("data: "):
            return dict(json.loads(line[len("data: ") :]))


async def test_the_stream_sees_a_change_made_through_another_process(
    server, client, make_app, start_server
) -> None:
    await make_hall()
    other = await start_server(make_app())  # another server, sharing only the database and Redis
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=30) as display,
        display.stream("GET", "/api/v1/halls/H1/status/stream") as stream,
    ):
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.aiter_lines()
        first = await next_event(lines)
        assert first["waiting"][0]["waiting"] == 0
        _, headers = await citizen(server, level=1)
        async with httpx.AsyncClient(base_url=other.url) as elsewhere:
            assert (await take(elsewhere, headers)).status_code == 201
        changed = await next_event(lines)
        assert changed["waiting"][0]["waiting"] == 1


async def test_a_stopping_server_ends_its_streams(server, make_app, clean) -> None:
    await make_hall()
    own = LiveServer(make_app())
    await own.start()
    stopped = False
    try:
        async with (
            httpx.AsyncClient(base_url=own.url, timeout=30) as display,
            display.stream("GET", "/api/v1/halls/H1/status/stream") as stream,
        ):
            lines = stream.aiter_lines()
            await next_event(lines)
            stopping = asyncio.create_task(own.stop())
            stopped = True
            remaining = [line async for line in _until_closed(lines)]
            await asyncio.wait_for(stopping, timeout=30)
        assert all(not line.startswith("data: ") for line in remaining)
    finally:
        if not stopped:
            await own.stop()


async def _until_closed(lines):
    """The stream's remaining lines; fails if it is still open after 10 seconds."""
    while True:
        try:
            yield await asyncio.wait_for(lines.__anext__(), timeout=10)
        except StopAsyncIteration:
            return
