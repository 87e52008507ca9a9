"""Every failure is problem+json with a stable code, a Chinese title and the request id."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from api.kit.bodies import parse_body
from api.kit.policy import PUBLIC, requires

PROBE_BODY_LIMIT = 2048


class Greeting(BaseModel):
    name: str = Field(min_length=1, max_length=10)
    count: int = Field(ge=1)


def probe_blueprint() -> Blueprint:
    """Routes that exercise the error paths the real routes share."""
    bp = Blueprint("probe", url_prefix="/probe")

    @bp.post("/greet")
    @requires(PUBLIC)
    async def greet(request: Request) -> HTTPResponse:
        body = parse_body(request, Greeting)
        return json({"hello": body.name, "count": body.count})

    @bp.get("/boom")
    @requires(PUBLIC)
    async def boom(request: Request) -> HTTPResponse:
        raise RuntimeError("secret internals: 11010519491231002X")

    return bp


@pytest.fixture(scope="module")
async def probe(make_app, start_server):
    app = make_app(max_body_bytes=PROBE_BODY_LIMIT)
    app.blueprint(probe_blueprint())
    return await start_server(app)


@pytest.fixture
async def http(probe, clean):
    async with httpx.AsyncClient(base_url=probe.url, timeout=10) as client:
        yield client


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:yiwang:problem:{code}"
    assert body["title"] and any("\u4e00" <= ch <= "\u9fff" for ch in body["title"])
    assert body["request_id"] == response.headers["x-request-id"]
    assert body["detail"]
    return body


async def test_unknown_route_is_404_problem(http: httpx.AsyncClient) -> None:
    assert_problem(await http.get("/no/such/place"), 404, "http.not_found")


async def test_wrong_method_is_405_problem_with_allow(http: httpx.AsyncClient) -> None:
    response = await http.delete("/healthz")
    assert_problem(response, 405, "http.method_not_allowed")
    assert "GET" in response.headers["allow"]


async def test_malformed_json_is_400_problem(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/probe/greet", content=b'{"name": "x",', headers={"content-type": "application/json"}
    )
    assert_problem(response, 400, "request.malformed_json")


async def test_json_that_is_not_an_object_is_400_problem(http: httpx.AsyncClient) -> None:
    assert_problem(await http.post("/probe/greet", json=[1, 2]), 400, "request.malformed_json")


async def test_invalid_fields_are_listed_in_chinese(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/probe/greet", json={"name": "这个名字实在是太长了太长了", "count": 0}
    )
    body = assert_problem(response, 422, "request.validation_failed")
    assert body["errors"] == [
        {"field": "name", "message": "长度不能超过 10 个字符"},
        {"field": "count", "message": "应不小于 1"},
    ]


async def test_missing_field_is_listed(http: httpx.AsyncClient) -> None:
    body = assert_problem(
        await http.post("/probe/greet", json={"name": "王"}), 422, "request.validation_failed"
    )
    assert body["errors"] == [{"field": "count", "message": "必填"}]


async def test_valid_body_passes(http: httpx.AsyncClient) -> None:
    response = await http.post("/probe/greet", json={"name": "王", "count": 2})
    assert response.status_code == 200
    assert response.json() == {"hello": "王", "count": 2}


async def test_body_over_the_limit_is_413_problem(http: httpx.AsyncClient) -> None:
    response = await http.post("/probe/greet", content=b"x" * (PROBE_BODY_LIMIT + 1))
    assert_problem(response, 413, "http.payload_too_large")


@pytest.mark.logs_error_traceback
async def test_unexpected_exception_is_500_without_trace(
    http: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="yiwang.errors"):
        response = await http.get("/probe/boom", headers={"X-Request-ID": "req-boom-0001"})
    body = assert_problem(response, 500, "internal.error")
    assert body["request_id"] == "req-boom-0001"
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text and "RuntimeError" not in response.text
    logged = [r for r in caplog.records if r.name == "yiwang.errors"]
    # request_id is set on the record by the logging filter, not a LogRecord attribute.
    assert logged and getattr(logged[0], "request_id", None) == "req-boom-0001"
    assert logged[0].exc_info is not None
