"""The app's context: one dataclass, the only thing hung on `app.ctx`.

`create_app` makes it with the settings; what only exists once the server runs (Redis, the
services, the in-process worker) is filled in by the start-up listeners, before any request.
Packages below `api` read it through their own protocols (`api.kit.context`); the assignments
at the end of this module make mypy prove that this class satisfies each of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import redis.asyncio as redis
from sanic import Request, Sanic
from sanic.config import Config

from api.kit.context import HasContext, app_context
from api.kit.logs import AccessLogWriter
from api.kit.outages import OutageWatch
from api.kit.policy import Authenticator, PolicyKind
from api.kit.settings import Settings

if TYPE_CHECKING:
    from api.lifecycle import Resources
    from api.routes import Sandboxes
    from api.wiring import Services
    from api.worker import InProcessWorker


@dataclass(eq=False)
class AppContext:
    settings: Settings
    subscribe_template_ids: dict[str, str]
    authenticators: dict[PolicyKind, Authenticator] = field(default_factory=dict)
    access_log: AccessLogWriter = field(default_factory=AccessLogWriter)
    stopping: bool = False  # set as the server begins to stop
    sandboxes: Sandboxes | None = None  # in the sandbox gateway mode
    worker: InProcessWorker | None = None  # in the embedded mode
    contract: bytes | None = None  # the OpenAPI document, built on its first request
    # Set by create_app and the start-up listeners (at once, when the app is given its
    # resources); a request never runs before them, so they are typed as always there.
    outages: OutageWatch = field(init=False)
    redis: redis.Redis = field(init=False)
    services: Services = field(init=False)
    resources: Resources | None = field(init=False, default=None)  # when the app owns them


YiwangApp = Sanic[Config, AppContext]


def context_of(source: Request | HasContext) -> AppContext:
    return app_context(source, AppContext)


if TYPE_CHECKING:
    from api.screens.routes import ScreensApp
    from auth.routes import AuthApp
    from booking.routes import BookingApp
    from notify.routes import NotifyApp

    def _satisfies_every_package(context: AppContext) -> None:
        auth: AuthApp = context
        booking: BookingApp = context
        notify: NotifyApp = context
        screens: ScreensApp = context
        del auth, booking, notify, screens
