"""Every published route declares what it takes and answers (api.kit.declare), as every route
declares who may call it (api.kit.policy): the contract is complete by construction."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sanic import Blueprint
from sanic.response import HTTPResponse, json

from api.context import YiwangApp
from api.contract import contract_document, published_operations
from api.kit.declare import declaration_of
from api.kit.policy import PUBLIC, requires

WRITES = {"POST", "PUT", "PATCH"}


def undeclared(app: YiwangApp) -> list[str]:
    found = []
    for operation in published_operations(app.router):
        declaration = declaration_of(operation.handler)
        where = f"{operation.method} /{operation.path}"
        if declaration is None:
            found.append(f"{where}: declares nothing")
            continue
        takes_a_body = (
            declaration.body is not None
            or declaration.raw_body is not None
            or declaration.takes_no_body
        )
        if operation.method in WRITES and not takes_a_body:
            found.append(f"{where}: declares no body (NO_BODY when it reads none)")
        if not any(status < 400 for status in declaration.responses):
            found.append(f"{where}: declares no answer")
    return found


def test_every_published_route_declares_its_body_and_answers(server) -> None:
    assert len(published_operations(server.app.router)) >= 75  # the walk sees the routes
    assert undeclared(server.app) == []


def test_an_undeclared_route_is_found(make_app: Callable[..., YiwangApp]) -> None:
    app = make_app()
    careless = Blueprint("careless_contract", url_prefix="/api/v1/careless")

    @careless.post("/")
    @requires(PUBLIC)
    async def handler(request: object) -> HTTPResponse:
        return json({})

    app.blueprint(careless)
    assert undeclared(app) == ["POST /api/v1/careless: declares nothing"]


def test_sandboxes_and_metrics_are_not_in_the_contract(server) -> None:
    paths = contract_document(server.app.router, server.app.ctx)["paths"]
    assert not [p for p in paths if p.startswith(("/sandbox", "/metrics", "/docs"))]
    assert "/api/v1/appointments" in paths


@pytest.mark.parametrize("scheme", ["citizenBearer", "staffBearer", "deviceKey"])
def test_the_security_schemes_are_in_the_document(server, scheme: str) -> None:
    document = contract_document(server.app.router, server.app.ctx)
    assert scheme in document["components"]["securitySchemes"]
