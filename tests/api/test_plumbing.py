"""Request id, one structured log line per request, and masking of personal data in logs."""

from __future__ import annotations

import io
import json
import logging

import httpx

from api.kit.logs import json_handler


def capture(logger_name: str) -> tuple[io.StringIO, logging.Handler]:
    stream = io.StringIO()
    handler = json_handler(stream)
    logging.getLogger(logger_name).addHandler(handler)
    logging.getLogger(logger_name).setLevel(logging.INFO)
    return stream, handler


async def test_request_id_is_echoed_when_sane(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "abc-123-def-456"})
    assert response.headers["x-request-id"] == "abc-123-def-456"


async def test_request_id_is_generated_when_missing_or_unsafe(client: httpx.AsyncClient) -> None:
    plain = await client.get("/healthz")
    hostile = await client.get("/healthz", headers={"X-Request-ID": "x y<script>" + "y" * 300})
    for response in (plain, hostile):
        request_id = response.headers["x-request-id"]
        assert len(request_id) == 32 and request_id.isalnum()
    assert plain.headers["x-request-id"] != hostile.headers["x-request-id"]


async def test_one_json_line_per_request(client: httpx.AsyncClient) -> None:
    stream, handler = capture("yiwang.access")
    try:
        await client.get("/healthz", headers={"X-Request-ID": "log-line-0001"})
        await client.get("/nowhere/13812345678", headers={"X-Request-ID": "log-line-0002"})
    finally:
        logging.getLogger("yiwang.access").removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["request_id"] for line in lines] == ["log-line-0001", "log-line-0002"]
    first, second = lines
    assert first["method"] == "GET" and first["route"] == "/healthz" and first["status"] == 200
    assert first["duration_ms"] >= 0 and first["subject"] is None
    assert second["route"] == "unmatched" and second["status"] == 404
    assert "13812345678" not in stream.getvalue()


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
