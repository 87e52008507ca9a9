"""Request id, one structured log line per request, and masking of personal data in logs."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from hypothesis import given
from hypothesis import strategies as st
from sanic.response import json as json_response
from sanic.response.types import HEADER_TRANSLATION_TABLE

from api.kit.logs import AccessLogWriter, json_handler
from api.plumbing import _sanitize_header_value


async def test_request_id_is_echoed_when_sane(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "abc-123-def-456"})
    assert response.headers["x-request-id"] == "abc-123-def-456"


async def test_request_id_is_generated_when_missing_or_unsafe(client: httpx.AsyncClient) -> None:
    plain = await client.get("/healthz")
    hostile = await client.get("/healthz", headers={"X-Request-ID": "x y<script>" + "y" * 300})
    for response in (plain, hostile):
        request_id = response.headers["x-request-id"]
        assert len(request_id) == 24 and request_id.isalpha() and request_id.islower()
    assert plain.headers["x-request-id"] != hostile.headers["x-request-id"]


@contextmanager
def access_lines(server) -> Iterator[list[dict[str, Any]]]:
    writer = server.app.ctx.access_log
    writer.flush()
    original, writer.stream = writer.stream, io.StringIO()
    lines: list[dict[str, Any]] = []
    try:
        yield lines
    finally:
        writer.flush()
        text = writer.stream.getvalue()
        writer.stream = original
        lines.extend(json.loads(line) for line in text.splitlines())
        lines.append({"_raw": text})


async def test_one_json_line_per_request(server, client: httpx.AsyncClient) -> None:
    with access_lines(server) as lines:
        await client.get("/healthz", headers={"X-Request-ID": "log-line-0001"})
        await client.get("/nowhere/13812345678", headers={"X-Request-ID": "log-line-0002"})
    raw = lines.pop()["_raw"]
    assert [line["request_id"] for line in lines] == ["log-line-0001", "log-line-0002"]
    first, second = lines
    assert first["logger"] == "yiwang.access" and first["message"] == "request"
    assert first["method"] == "GET" and first["route"] == "/healthz" and first["status"] == 200
    assert first["duration_ms"] >= 0 and first["subject"] is None and first["caller"] == "public"
    assert first["time"].endswith("+00:00")
    assert second["route"] == "unmatched" and second["status"] == 404
    assert "13812345678" not in raw


async def test_a_request_id_that_is_a_phone_number_is_replaced(server, client) -> None:
    with access_lines(server) as lines:
        response = await client.get("/healthz", headers={"X-Request-ID": "tel-13812345678"})
    replaced = response.headers["x-request-id"]
    assert "13812345678" not in replaced and "13812345678" not in lines[-1]["_raw"]
    assert lines[0]["request_id"] == replaced  # the log and the answer name the same request


def test_access_lines_stay_valid_json_for_any_route_and_subject() -> None:
    stream = io.StringIO()
    writer = AccessLogWriter(stream)
    writer.write(
        request_id="r-1",
        method="GET",
        route='/a"b\\c/<id:int>',
        status=200,
        duration_ms=1.234,
        subject='per_"x',
        caller="citizen",
    )
    writer.write(
        request_id="r-2",
        method="POST",
        route="/办事",
        status=201,
        duration_ms=0,
        subject=None,
        caller="public",
    )
    writer.flush()
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["route"] == '/a"b\\c/<id:int>' and first["subject"] == 'per_"x'
    assert first["duration_ms"] == 1.23
    assert second["route"] == "/办事" and second["subject"] is None


def test_masking_filter_masks_message_args_extras_and_tracebacks() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("yiwang.test.masking")
    logger.addHandler(json_handler(stream))
    logger.propagate = False
    try:
        logger.warning(
            "citizen %s called from %s",
            "11010519491231002X",
            "13812345678",
            extra={"contact": "+86 13912345678", "id_number": "440524188001010014"},
        )
        try:
            raise ValueError("lookup failed for 360426199101010071")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.handlers.clear()
    text = stream.getvalue()
    for raw in (
        "11010519491231002X",
        "13812345678",
        "13912345678",
        "440524188001010014",
        "360426199101010071",
    ):
        assert raw not in text
    assert "1101**********002X" in text and "138****5678" in text


@given(st.text(max_size=40))
def test_header_values_are_sanitised_as_sanic_does(value: str) -> None:
    """The quicker check plumbing installs strips CR, LF and NUL exactly as Sanic's own."""
    sanic_own = value.translate(HEADER_TRANSLATION_TABLE)
    assert _sanitize_header_value(value) == sanic_own


def test_a_header_value_cannot_split_an_answer(server) -> None:
    response = json_response({"ok": True}, headers={"X-Echo": "a\r\nSet-Cookie: x=1\x00"})
    sent = dict(response.processed_headers)
    assert sent[b"X-Echo"] == b"aSet-Cookie: x=1"
