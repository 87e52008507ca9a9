"""Every blueprint of the service, in one list.

Operations endpoints sit at the root (`/healthz`, `/readyz`, `/metrics`, `/docs`); everything
the clients call sits under `/api/v1`.
"""

from __future__ import annotations

from sanic import Blueprint, Sanic

from api import ops

API_PREFIX = "/api/v1"

ROOT_BLUEPRINTS: tuple[Blueprint, ...] = (ops.bp,)

API_V1_BLUEPRINTS: tuple[Blueprint, ...] = (ops.meta_bp,)


def register_blueprints(app: Sanic) -> None:
    for blueprint in ROOT_BLUEPRINTS:
        app.blueprint(blueprint)
    app.blueprint(Blueprint.group(*API_V1_BLUEPRINTS, url_prefix=API_PREFIX))
