"""Operations endpoints: liveness, readiness, metrics, and the human API docs."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
from collections.abc import Awaitable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, file, html, raw

from api import metrics
from api.context import context_of
from api.kit.cache import ping_redis
from api.kit.db import ping_database
from api.kit.declare import declare
from api.kit.errors import NotFound, ServiceNotReady, catalogue
from api.kit.policy import PUBLIC, requires
from notify.service import queue_stats

bp = Blueprint("ops")

_DOCS_PAGE = (Path(__file__).parent / "docs" / "swagger.html").read_text(encoding="utf-8")


def _script_hashes(page: str) -> str:
    """CSP sources for the page's inline scripts, so no other inline script runs."""
    inline = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
    )


# Swagger UI: its own files and the one inline script that starts it; it styles elements
# inline and draws some icons as data: images; "Try it out" calls this origin.
DOCS_CSP = (
    f"default-src 'none'; script-src 'self' {_script_hashes(_DOCS_PAGE)}; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# The Swagger UI files are served from the installed package: the hall's network may have no
# route to a public CDN.
_DOCS_ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-standalone-preset.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}


class Health(BaseModel):
    """The process answers."""

    status: Literal["ok"]


@bp.get("/healthz")
@requires(PUBLIC)
@declare("存活检查", responses={200: Health})
async def healthz(request: Request) -> HTTPResponse:
    """Alive: the process answers. Says nothing about its dependencies."""
    return raw(_ALIVE, content_type="application/json")


_ALIVE = Health(status="ok").model_dump_json().encode()  # the same bytes every time


class Readiness(BaseModel):
    """Every dependency answered."""

    status: Literal["ok"]
    checks: dict[str, str] = Field(examples=[{"database": "ok", "redis": "ok"}])


@bp.get("/readyz")
@requires(PUBLIC)
@declare("就绪检查", responses={200: Readiness}, errors=[ServiceNotReady])
async def readyz(request: Request) -> Readiness:
    """Ready: the database and Redis both answer within the dependency timeout."""
    context = context_of(request)
    checks = await _run_checks(
        {"database": ping_database(), "redis": ping_redis(context.redis)},
        context.settings.dependency_timeout_seconds,
    )
    failing = sorted(name for name, outcome in checks.items() if outcome != "ok")
    if failing:
        raise ServiceNotReady(f"不可用的依赖: {', '.join(failing)}", checks=checks)
    return Readiness(status="ok", checks=checks)


async def _run_checks(probes: dict[str, Awaitable[None]], within: float) -> dict[str, str]:
    outcomes = await asyncio.gather(
        *(asyncio.wait_for(probe, within) for probe in probes.values()), return_exceptions=True
    )
    return {
        name: "ok" if outcome is None else f"unreachable ({type(outcome).__name__})"
        for name, outcome in zip(probes, outcomes, strict=True)
    }


@bp.get("/openapi.json")
@requires(PUBLIC)
async def openapi_document(request: Request) -> HTTPResponse:
    """The contract, built from the routes' declarations once per process."""
    context = context_of(request)
    if context.contract is None:
        from api.contract import contract_document, rendered

        context.contract = rendered(contract_document(request.app.router, context)).encode()
    return raw(context.contract, content_type="application/json")


@bp.get("/metrics")
@requires(PUBLIC)
async def prometheus_metrics(request: Request) -> HTTPResponse:
    body, content_type = metrics.render()
    queue = await queue_stats()
    return raw(body + metrics.render_gauges("yiwang_notify", queue), content_type=content_type)


@bp.get("/docs")
@requires(PUBLIC)
async def docs(request: Request) -> HTTPResponse:
    return html(_DOCS_PAGE, headers={"Content-Security-Policy": DOCS_CSP})


@bp.get("/docs/assets/<name:str>")
@requires(PUBLIC)
async def docs_asset(request: Request, name: str) -> HTTPResponse:
    from swagger_ui_bundle import swagger_ui_path

    if name not in _DOCS_ASSETS:
        raise NotFound()
    return await file(Path(swagger_ui_path) / name, mime_type=_DOCS_ASSETS[name])


meta_bp = Blueprint("meta", url_prefix="/meta")


class ErrorEntry(BaseModel):
    code: str = Field(examples=["booking.slot_full"])
    status: int = Field(examples=[409])
    title: str = Field(examples=["该时段已约满"])
    when: str


class ErrorCatalogue(BaseModel):
    """Every error code, sorted by code."""

    errors: list[ErrorEntry]


@meta_bp.get("/errors")
@requires(PUBLIC)
@declare("错误码目录", responses={200: ErrorCatalogue})
async def error_catalogue(request: Request) -> ErrorCatalogue:
    """Every error code the service can answer with, its HTTP status, Chinese title and meaning."""
    return ErrorCatalogue(errors=[ErrorEntry(**entry.__dict__) for entry in catalogue()])
