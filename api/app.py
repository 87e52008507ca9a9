"""The composition root: the only place that knows every package.

`create_app(settings)` builds the Sanic app: configuration, error rendering, request plumbing,
every blueprint, the OpenAPI document, and the start and stop of the database and Redis.
"""

from __future__ import annotations

from sanic import Sanic
from sanic_ext import Extend
from sanic_ext.extensions.openapi.extension import OpenAPIExtension

from api.errors import ProblemErrorHandler
from api.kit.settings import Settings
from api.lifecycle import Resources, install_lifecycle
from api.plumbing import REQUEST_ID_HEADER, install_plumbing
from api.routes import register_blueprints

SERVICE_TITLE = "一网 Yiwang"
SERVICE_VERSION = "0.1.0"


def create_app(
    settings: Settings, *, resources: Resources | None = None, name: str = "yiwang"
) -> Sanic:
    app = Sanic(name, configure_logging=False, error_handler=ProblemErrorHandler())
    _configure(app, settings)
    app.ctx.settings = settings
    install_plumbing(app)
    register_blueprints(app)
    _describe_openapi(app)
    install_lifecycle(app, settings, resources)
    return app


def _configure(app: Sanic, settings: Settings) -> None:
    app.config.update(
        {
            "REQUEST_MAX_SIZE": settings.max_body_bytes,
            "GRACEFUL_SHUTDOWN_TIMEOUT": settings.graceful_shutdown_seconds,
            "REQUEST_ID_HEADER": REQUEST_ID_HEADER,
            "FALLBACK_ERROR_FORMAT": "json",
            "ACCESS_LOG": False,
            "NOISY_EXCEPTIONS": False,
            "AUTO_EXTEND": False,
            # sanic-ext: only the OpenAPI document, at /openapi.json; /docs is ours (offline UI).
            "OAS_URL_PREFIX": "",
            "OAS_URI_TO_JSON": "/openapi.json",
            "OAS_UI_REDOC": False,
            "OAS_UI_SWAGGER": False,
            "OAS_UI_DEFAULT": None,
            "OAS_AUTODOC": True,
            "OAS_IGNORE_HEAD": True,
            "OAS_IGNORE_OPTIONS": True,
            "HTTP_AUTO_HEAD": False,
            "HTTP_AUTO_OPTIONS": False,
            "HTTP_AUTO_TRACE": False,
            "CORS": False,
        }
    )


class _OpenAPIDocument(OpenAPIExtension):
    """sanic-ext's OpenAPI document without its CDN-loaded UI; our /docs serves the UI."""

    name = "openapidocument"

    def label(self) -> str:
        return "/docs"


def _describe_openapi(app: Sanic) -> None:
    Extend(
        app,
        built_in_extensions=False,
        extensions=[_OpenAPIDocument],
    )
    app.ext.openapi.describe(
        SERVICE_TITLE,
        version=SERVICE_VERSION,
        description=(
            "政务服务大厅市民端后端：统一身份、预约与取号、办件进度推送、非税缴费、EMS 寄递。"
            " Errors are application/problem+json; `GET /api/v1/meta/errors` lists every code."
        ),
    )
