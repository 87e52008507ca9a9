"""Callbacks from outside systems: verified at the edge, then recorded once.

A package's callback route declares `callback(source)`; the callback authenticator runs the
verifier that source registered (signature, timestamp window, nonce not seen) before the route.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from sanic import Request
from tortoise.exceptions import IntegrityError

from api.kit.db import transaction
from api.kit.errors import DomainError, Unauthenticated
from api.kit.models import CallbackRecord
from api.kit.policy import Caller, Policy, PolicyKind

Verifier = Callable[[Request], Awaitable[None]]


def same_signature(expected: str, offered: str) -> bool:
    """Constant-time comparison of a signature we computed with one a caller sent.

    Header values come decoded from whatever bytes the caller sent (é, a 0xFF byte, 签名), and
    `hmac.compare_digest` raises on a str that is not ASCII: such a signature is simply not
    ours, a forgery like any other, never a 500.
    """
    if not offered.isascii():
        return False
    return hmac.compare_digest(expected.encode("ascii"), offered.encode("ascii"))


class CallbackRefused(DomainError):
    code = "callback.refused"
    status = 401
    title = "回调验证失败"
    when = "A callback's signature, timestamp or nonce did not verify; nothing was stored."


class CallbackAuthenticator:
    def __init__(self, verifiers: dict[str, Verifier]) -> None:
        self._verifiers = verifiers

    async def __call__(self, request: Request, policy: Policy) -> Caller:
        verifier = self._verifiers.get(policy.source or "")
        if verifier is None:
            raise Unauthenticated()
        await verifier(request)
        return Caller(PolicyKind.CALLBACK, subject=policy.source)


async def record_once(source: str, external_id: str) -> bool:
    """True the first time this callback is seen; call it inside the applying transaction."""
    try:
        async with transaction():  # a savepoint: a repeat leaves the caller's intact
            await CallbackRecord.create(source=source, external_id=external_id[:128])
    except IntegrityError:
        return False
    return True
