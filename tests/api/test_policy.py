"""Every route declares who may call it; undeclared or unauthenticated calls are refused."""

from __future__ import annotations

import httpx
import pytest
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from api.kit.errors import Unauthenticated
from api.kit.policy import PUBLIC, Caller, Policy, PolicyKind, citizen, requires, staff
from api.plumbing import declared_policy, register_authenticator, undeclared_routes


async def test_every_route_of_the_service_declares_a_policy(server) -> None:
    routes = list(server.app.router.routes)
    assert len(routes) >= 6
    for route in routes:
        assert isinstance(declared_policy(route), Policy), route.name
    assert undeclared_routes(server.app) == []


def _blueprint_with_undeclared_route() -> Blueprint:
    bp = Blueprint("careless")

    @bp.get("/careless")
    async def careless(request: Request) -> HTTPResponse:
        return json({"oops": True})

    return bp


async def test_walker_finds_an_undeclared_route_and_the_app_refuses_to_start(
    make_app, start_server
) -> None:
    app = make_app()
    app.blueprint(_blueprint_with_undeclared_route())
    with pytest.raises(RuntimeError, match="careless"):
        await start_server(app)
    assert any("/careless" in line for line in undeclared_routes(app))


def _guarded_blueprint() -> Blueprint:
    bp = Blueprint("guarded")

    @bp.get("/citizen-only")
    @requires(citizen(level=2))
    async def citizen_only(request: Request) -> HTTPResponse:
        return json({"subject": request.ctx.caller.subject})

    @bp.get("/staff-only")
    @requires(staff("clerk"))
    async def staff_only(request: Request) -> HTTPResponse:
        return json({"ok": True})

    @bp.get("/open")
    @requires(PUBLIC)
    async def open_route(request: Request) -> HTTPResponse:
        return json({"caller": request.ctx.caller.kind.value})

    return bp


class HeaderAuthenticator:
    """A real Authenticator plugged in the way auth will be: it reads a header."""

    refusals = (Unauthenticated,)

    async def __call__(self, request: Request, policy: Policy) -> Caller:
        from api.kit.errors import Unauthenticated

        subject = request.headers.get("x-test-subject")
        if not subject:
            raise Unauthenticated()
        return Caller(PolicyKind.CITIZEN, subject=subject, level=policy.min_level)


@pytest.fixture(scope="module")
async def guarded(make_app, start_server):
    app = make_app()
    app.blueprint(_guarded_blueprint())
    register_authenticator(app, PolicyKind.CITIZEN, HeaderAuthenticator())
    del app.ctx.authenticators[PolicyKind.STAFF]  # a kind with nothing plugged in
    return await start_server(app)


async def test_non_public_route_without_an_authenticator_is_refused(guarded, clean) -> None:
    async with httpx.AsyncClient(base_url=guarded.url) as http:
        response = await http.get("/staff-only", headers={"x-test-subject": "per_x"})
    assert response.status_code == 401
    assert response.json()["code"] == "auth.unauthenticated"


async def test_authenticator_decides_and_names_the_caller(guarded, clean) -> None:
    async with httpx.AsyncClient(base_url=guarded.url) as http:
        refused = await http.get("/citizen-only")
        allowed = await http.get("/citizen-only", headers={"x-test-subject": "per_abc"})
        public = await http.get("/open")
    assert refused.status_code == 401
    assert allowed.status_code == 200 and allowed.json() == {"subject": "per_abc"}
    assert public.json() == {"caller": "public"}


def test_policy_constructors_reject_nonsense() -> None:
    with pytest.raises(ValueError):
        citizen(level=4)
    with pytest.raises(ValueError):
        staff()
    assert citizen(2).describe() == "citizen L2+"
