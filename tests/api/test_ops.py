"""Operations endpoints: /healthz, /readyz, /metrics, /openapi.json, /docs."""

from __future__ import annotations

import logging

import httpx
import redis.asyncio as redis
from openapi_spec_validator import validate

from api.lifecycle import Resources


async def test_healthz_answers_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_each_dependency(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


async def test_readyz_names_the_unreachable_dependency(
    make_app, start_server, clean, caplog
) -> None:
    # Port 9 (discard) has no Redis listening on this machine: the probe must fail fast.
    dead_redis = redis.Redis(host="127.0.0.1", port=9, socket_connect_timeout=0.5)
    app = make_app()
    app.ctx.redis = dead_redis
    live = await start_server(app)
    with caplog.at_level(logging.INFO, logger="yiwang.errors"):
        async with httpx.AsyncClient(base_url=live.url) as http:
            response = await http.get("/readyz")
    await dead_redis.aclose()
    # An answer the load balancer asks for every few seconds, not a bug: no error, no trace.
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "ops.not_ready"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"].startswith("unreachable")
    assert "redis" in body["detail"]


async def test_metrics_count_requests_by_route_and_status(client: httpx.AsyncClient) -> None:
    before = _sample(await _metrics(client), '/healthz",status="200"')
    for _ in range(3):
        await client.get("/healthz")
    await client.get("/no/such/route")
    text = await _metrics(client)
    assert _sample(text, '/healthz",status="200"') == before + 3
    assert 'yiwang_http_requests_total{method="GET",route="unmatched",status="404"}' in text
    assert "yiwang_http_request_duration_seconds_bucket" in text
    assert "yiwang_notify_queue_depth " in text and "yiwang_notify_oldest_due_age_seconds " in text


async def _metrics(client: httpx.AsyncClient) -> str:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return response.text


def _sample(text: str, label_tail: str) -> float:
    for line in text.splitlines():
        if line.startswith("yiwang_http_requests_total{") and label_tail in line:
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def test_openapi_document_is_valid_openapi_3(client: httpx.AsyncClient) -> None:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    validate(spec)
    assert "/healthz" in spec["paths"]
    assert "/api/v1/meta/errors" in spec["paths"]
    assert not any(path.startswith("/docs") for path in spec["paths"])


async def test_a_path_parameter_outside_its_schema_answers_a_declared_404(
    client: httpx.AsyncClient,
) -> None:
    # Found by schemathesis: the router answers before the route, with its own code.
    answer = await client.get("/api/v1/staff/persons/null%2Cnull")
    assert answer.status_code == 404
    assert answer.json()["code"] == "http.not_found"
    spec = (await client.get("/openapi.json")).json()
    declared = spec["paths"]["/api/v1/staff/persons/{person_id}"]["get"]["responses"]["404"]
    assert "http.not_found" in declared["content"]["application/problem+json"]["examples"]
    assert "404" not in spec["paths"]["/healthz"]["get"]["responses"]  # no path parameter


async def test_docs_page_and_its_assets_are_served_locally(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "/openapi.json" in page.text
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"):
        assert f"/docs/assets/{asset}" in page.text
        served = await client.get(f"/docs/assets/{asset}")
        assert served.status_code == 200, asset
        assert len(served.content) > 1000
    assert (await client.get("/docs/assets/..%2Fsettings.py")).status_code == 404


async def test_error_catalogue_lists_every_code(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/meta/errors")
    codes = {entry["code"]: entry for entry in response.json()["errors"]}
    assert codes["http.not_found"]["status"] == 404
    assert codes["ops.not_ready"]["title"] == "服务尚未就绪"


async def test_resources_fixture_is_shared(resources: Resources) -> None:
    assert await resources.redis.ping()
