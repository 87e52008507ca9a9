"""Every booking route declares what it takes and answers, once (api.kit.declare): the
contract is complete for booking by construction."""

from __future__ import annotations

from api.kit.declare import declaration_of

WRITES = {"POST", "PUT", "PATCH"}


def test_every_booking_route_declares_its_body_and_answers(server) -> None:
    routes = [r for r in server.app.router.routes if r.name.split(".")[1] == "booking"]
    assert len(routes) >= 39  # the filter found them
    for route in routes:
        declaration = declaration_of(route.handler)
        assert declaration is not None, f"{route.path} declares nothing"
        if WRITES & set(route.methods):
            assert declaration.body is not None or declaration.takes_no_body, route.path
        assert declaration.responses, route.path
