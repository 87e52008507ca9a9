"""The app's context is one typed dataclass, and each package reads it through its protocol."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest

from api.context import AppContext, YiwangApp, context_of
from api.kit.context import ContextMissing, app_context
from auth.routes import AuthApp
from booking.routes import BookingApp
from notify.routes import NotifyApp


def test_the_apps_context_is_read_by_every_package_as_it_is(
    make_app: Callable[..., YiwangApp],
) -> None:
    app = make_app()
    assert isinstance(app.ctx, AppContext)
    for protocol in (AuthApp, BookingApp, NotifyApp):
        assert app_context(app, protocol) is app.ctx
    assert context_of(app) is app.ctx


def test_a_context_lacking_what_a_package_reads_fails_naming_it() -> None:
    bare = SimpleNamespace(ctx=SimpleNamespace(settings=None))
    with pytest.raises(ContextMissing, match="services for BookingApp"):
        app_context(bare, BookingApp)
    with pytest.raises(ContextMissing, match="is not a AppContext"):
        context_of(bare)
