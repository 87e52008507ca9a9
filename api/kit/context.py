"""The app's context, read by a package that cannot name its class.

The app's context is one dataclass (`api.context.AppContext`), but a domain package sits
below `api` and may not import it. So each package's routes declare a Protocol of what they
read from it (their services, settings, Redis), and take it with `app_context(request,
ThatProtocol)`: typed, with no `Any`, and checked once per context class at run time, so an
app wired without what a package needs fails on its first request with a clear error instead
of an AttributeError deep in a handler. `api/context.py` proves statically that the app's
context satisfies every package's protocol.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, cast

from sanic import Request

Wanted = TypeVar("Wanted")

_SATISFIED: set[tuple[type, type]] = set()


class HasContext(Protocol):
    """A Sanic app, whatever its context's type."""

    @property
    def ctx(self) -> object: ...


class ContextMissing(TypeError):
    """The app's context lacks what a package's routes read: a wiring bug, never input."""


def app_context(source: Request | HasContext, protocol: type[Wanted]) -> Wanted:
    context = (source.app if isinstance(source, Request) else source).ctx
    key = (type(context), protocol)
    if key not in _SATISFIED:
        _check(context, protocol)
        _SATISFIED.add(key)
    return cast(Wanted, context)


def _check(context: object, protocol: type) -> None:
    if not getattr(protocol, "_is_protocol", False):
        if not isinstance(context, protocol):
            raise ContextMissing(f"{type(context).__name__} is not a {protocol.__name__}")
        return
    missing = [name for name in _members(protocol) if not hasattr(context, name)]
    if missing:
        raise ContextMissing(
            f"{type(context).__name__} lacks {', '.join(missing)} for {protocol.__name__}"
        )


def _members(protocol: type) -> list[str]:
    """A protocol's attributes and properties (its own and its bases', not Protocol's)."""
    names: list[str] = []
    for klass in protocol.__mro__:
        if klass in (Protocol, object) or not getattr(klass, "_is_protocol", False):
            continue
        names += [n for n in getattr(klass, "__annotations__", {}) if not n.startswith("_")]
        names += [n for n, v in vars(klass).items() if isinstance(v, property)]
    return names
