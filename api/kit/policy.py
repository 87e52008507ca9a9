"""Who may call a route, declared on the route itself.

    @bp.get("/me")
    @requires(citizen(level=2))
    async def me(request): ...

Every route must declare a policy; a test walks the router and fails on any that does not,
and the request pipeline refuses to run an undeclared one. The checks behind each policy kind
live higher up (auth verifies tokens, each package verifies its callbacks' signatures); they
plug in through `Authenticator`, which `api/app.py` wires at start-up. A kind with nothing
plugged in refuses every request: a route is never open by accident.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from sanic import Request

from api.kit.errors import DomainError

POLICY_ATTR = "__yiwang_policy__"


class PolicyKind(StrEnum):
    PUBLIC = "public"
    CITIZEN = "citizen"
    STAFF = "staff"
    DEVICE = "device"
    CALLBACK = "callback"


# A cheap refusal a route may ask for (load shedding): it runs once the token's signature is
# verified and before the session is looked up, with the token's subject. It may only refuse
# (raise a DomainError), never let anyone in; it must reveal nothing that is not public.
Shed = Callable[[Request, str], Awaitable[None]]


@dataclass(frozen=True)
class Policy:
    kind: PolicyKind
    min_level: int = 0
    roles: frozenset[str] = frozenset()
    source: str | None = None
    shed: Shed | None = None

    def describe(self) -> str:
        if self.kind is PolicyKind.CITIZEN:
            return f"citizen L{self.min_level}+"
        if self.kind is PolicyKind.STAFF:
            return "staff " + "|".join(sorted(self.roles))
        if self.kind is PolicyKind.CALLBACK:
            return f"callback from {self.source}"
        if self.kind is PolicyKind.DEVICE and self.roles:
            return "device " + "|".join(sorted(self.roles))
        return self.kind.value


PUBLIC = Policy(PolicyKind.PUBLIC)
DEVICE = Policy(PolicyKind.DEVICE)  # any of the hall's devices
KIOSK = Policy(PolicyKind.DEVICE, roles=frozenset({"kiosk"}))  # not a display
DISPLAY = Policy(PolicyKind.DEVICE, roles=frozenset({"display"}))  # a hall's display board
PAD = Policy(PolicyKind.DEVICE, roles=frozenset({"pad"}))  # a window's evaluation pad


def citizen(level: int = 1, *, shed: Shed | None = None) -> Policy:
    if level not in (1, 2, 3):
        raise ValueError("assurance level is 1, 2 or 3")
    return Policy(PolicyKind.CITIZEN, min_level=level, shed=shed)


def staff(*roles: str) -> Policy:
    if not roles:
        raise ValueError("a staff policy names at least one role")
    return Policy(PolicyKind.STAFF, roles=frozenset(roles))


def callback(source: str) -> Policy:
    return Policy(PolicyKind.CALLBACK, source=source)


@dataclass(frozen=True)
class Caller:
    """Who is calling, once a policy has been satisfied. `subject` is an opaque id."""

    kind: PolicyKind
    subject: str | None = None
    level: int = 0
    roles: frozenset[str] = frozenset()
    session_id: str | None = None
    channel: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


ANONYMOUS = Caller(PolicyKind.PUBLIC)


def caller_of(request: Request) -> Caller:
    """Who is calling, as the plumbing authorised them (anonymous before it has)."""
    caller = getattr(request.ctx, "caller", None)
    return caller if isinstance(caller, Caller) else ANONYMOUS


def subject_of(request: Request) -> str:
    """The authorised caller's subject: only for routes whose policy names one."""
    subject = caller_of(request).subject
    if subject is None:
        raise LookupError("the route's policy authorised nobody in particular")
    return subject


def session_of(request: Request) -> str:
    """The authorised caller's session: only for routes whose policy signs someone in."""
    session_id = caller_of(request).session_id
    if session_id is None:
        raise LookupError("the route's policy authorised no session")
    return session_id


class Authenticator(Protocol):
    """Checks a request against a policy of one kind; raises a DomainError to refuse it,
    one of `refusals` (the document lists them on every route of that kind)."""

    @property
    def refusals(self) -> tuple[type[DomainError], ...]: ...

    async def __call__(self, request: Request, policy: Policy) -> Caller: ...


Handler = TypeVar("Handler", bound=Callable[..., Awaitable[Any]])


def requires(policy: Policy) -> Callable[[Handler], Handler]:
    """Declare who may call the decorated route handler."""

    def declare(handler: Handler) -> Handler:
        setattr(handler, POLICY_ATTR, policy)
        return handler

    return declare


def policy_of(handler: object) -> Policy | None:
    policy = getattr(handler, POLICY_ATTR, None)
    return policy if isinstance(policy, Policy) else None
