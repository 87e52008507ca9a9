"""Callbacks from outside systems: verified at the edge, then recorded once.

A package's callback route declares `callback(source)`; the callback authenticator runs the
verifier that source registered before the route. Every signed callback (the SMS gateway's
receipts now; payments, EMS and the core approval system later) is verified by one piece, a
`SignedCallbackVerifier` configured per source:

1. the signature, over the source's canonical string, compared in constant time as bytes
   (a header that is not ASCII is a forgery, never a 500);
2. the timestamp, within the source's window of our wall clock (300 s unless configured);
3. the nonce, not seen before: `SET NX` in Redis with a TTL of twice the window (or longer,
   24 h, where the caller's retries need it).

Any failure answers 401 `callback.refused` and nothing is stored. A Redis outage is not a
refusal and not a pass: its ConnectionError answers 503 `service.unavailable` (api/errors.py),
and the sender retries. Then `record_once(source, external_id)` inside the applying
transaction makes a repeat of a callback that did verify change nothing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis
from sanic import Request

from api.kit import clock
from api.kit.cache import RedisApp
from api.kit.context import app_context
from api.kit.db import rows_of
from api.kit.errors import DomainError, Unauthenticated
from api.kit.policy import Caller, Policy, PolicyKind

Verifier = Callable[[Request], Awaitable[None]]

DEFAULT_WINDOW_SECONDS = 300
LONG_NONCE_TTL_SECONDS = 24 * 3600  # for a source whose retries may repeat a nonce for a day
MAX_NONCE_LENGTH = 128


def same_signature(expected: str | bytes, offered: str | bytes) -> bool:
    """Constant-time comparison of a signature we computed with one a caller sent, as bytes.

    Header values come decoded from whatever bytes the caller sent (é, a 0xFF byte, 签名), and
    `hmac.compare_digest` raises on a str that is not ASCII: such a signature is simply not
    ours, a forgery like any other, never a 500.
    """
    expected_bytes = _ascii_bytes(expected)
    offered_bytes = _ascii_bytes(offered)
    if expected_bytes is None or offered_bytes is None:
        return False
    return hmac.compare_digest(expected_bytes, offered_bytes)


def _ascii_bytes(value: str | bytes) -> bytes | None:
    if isinstance(value, bytes):
        return value if value.isascii() else None
    return value.encode("ascii") if value.isascii() else None


class CallbackRefused(DomainError):
    code = "callback.refused"
    status = 401
    title = "回调验证失败"
    when = "A callback's signature, timestamp or nonce did not verify; nothing was stored."


# ------------------------------------------------------------------------------ the pieces


@dataclass(frozen=True)
class SignedParts:
    """What a canonical string is built from: the headers already checked to be ASCII."""

    method: str
    path: str
    timestamp: str
    nonce: str
    body: bytes


def timestamp_nonce_body(parts: SignedParts) -> bytes:
    """`timestamp\\nnonce\\nbody`: the SMS gateway's scheme (and, with a trailing newline,
    WeChat Pay v3's)."""
    return parts.timestamp.encode() + b"\n" + parts.nonce.encode() + b"\n" + parts.body


def hmac_sha256_base64(secret: bytes, message: bytes) -> bytes:
    return base64.b64encode(hmac.new(secret, message, hashlib.sha256).digest())


def unix_seconds(value: str) -> float | None:
    """A timestamp in whole seconds since the epoch, ASCII digits only; None if it is not."""
    if not (value.isascii() and value.isdigit()) or len(value) > 12:
        return None
    return float(value)


class NonceStore(Protocol):
    async def first_time(self, key: str, ttl_seconds: int) -> bool:
        """True, and remembered for `ttl_seconds`, if `key` was not seen; False otherwise."""
        ...


class RedisNonces:
    """Nonces in Redis, `SET key 1 NX EX ttl`. Redis's ConnectionError passes through: an
    outage answers 503, never an unverified callback."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def first_time(self, key: str, ttl_seconds: int) -> bool:
        return bool(await self._redis.set(key, b"1", nx=True, ex=ttl_seconds))


def app_redis_nonces(request: Request) -> NonceStore:
    """The default nonce store: the Redis of the process serving the request (the lifecycle
    opens it)."""
    return RedisNonces(app_context(request, RedisApp).redis)


# ---------------------------------------------------------------------------- the verifier


class SignedCallbackVerifier:
    """One source's signed callbacks: signature, timestamp window, nonce once.

    `canonical_string` builds the signed message from the request's parts; `sign` computes
    the signature we expect from the secret and that message (HMAC-SHA256, base64, unless
    the source says otherwise); the offered one is compared as bytes in constant time.
    """

    def __init__(
        self,
        source: str,
        *,
        secret: str | bytes,
        signature_header: str,
        timestamp_header: str,
        nonce_header: str,
        canonical_string: Callable[[SignedParts], bytes] = timestamp_nonce_body,
        sign: Callable[[bytes, bytes], bytes] = hmac_sha256_base64,
        window_seconds: int = DEFAULT_WINDOW_SECONDS,
        nonce_ttl_seconds: int | None = None,
        nonce_store: Callable[[Request], NonceStore] = app_redis_nonces,
        parse_timestamp: Callable[[str], float | None] = unix_seconds,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        if window_seconds <= 0:
            raise ValueError("a callback's timestamp window is a positive number of seconds")
        self.source = source
        self._secret = secret.encode() if isinstance(secret, str) else secret
        self.signature_header = signature_header.lower()
        self.timestamp_header = timestamp_header.lower()
        self.nonce_header = nonce_header.lower()
        self._canonical_string = canonical_string
        self._sign = sign
        self.window_seconds = window_seconds
        self.nonce_ttl_seconds = nonce_ttl_seconds or 2 * window_seconds
        if self.nonce_ttl_seconds < 2 * window_seconds:
            raise ValueError("a nonce must be remembered for at least twice the window")
        self._nonce_store = nonce_store
        self._parse_timestamp = parse_timestamp
        # Freshness is about the message in transit: wall-clock time, not business time.
        self._wall_clock = wall_clock

    async def __call__(self, request: Request) -> None:
        timestamp = request.headers.get(self.timestamp_header, "")
        nonce = request.headers.get(self.nonce_header, "")
        offered = request.headers.get(self.signature_header, "")
        # Header bytes beyond ASCII cannot be what the sender signed: forged.
        if not (timestamp.isascii() and nonce.isascii() and offered and offered.isascii()):
            raise CallbackRefused("签名无效")
        if not nonce or len(nonce) > MAX_NONCE_LENGTH:
            raise CallbackRefused("签名无效")
        message = self._canonical_string(
            SignedParts(request.method, request.path, timestamp, nonce, request.body or b"")
        )
        if not same_signature(self._sign(self._secret, message), offered):
            raise CallbackRefused("签名无效")
        sent = self._parse_timestamp(timestamp)
        if sent is None or abs(self._wall_clock() - sent) > self.window_seconds:
            raise CallbackRefused("时间戳超出允许范围")
        store = self._nonce_store(request)
        if not await store.first_time(self.nonce_key(nonce), self.nonce_ttl_seconds):
            raise CallbackRefused("重复的请求")

    def nonce_key(self, nonce: str) -> str:
        return f"callback:{self.source}:nonce:{nonce}"


class CallbackAuthenticator:
    refusals = (Unauthenticated, CallbackRefused)

    def __init__(self, verifiers: dict[str, Verifier]) -> None:
        self._verifiers = verifiers

    async def __call__(self, request: Request, policy: Policy) -> Caller:
        verifier = self._verifiers.get(policy.source or "")
        if verifier is None:
            raise Unauthenticated()
        await verifier(request)
        return Caller(PolicyKind.CALLBACK, subject=policy.source)


# One statement: no savepoint and its release around the insert (two round trips on every
# callback), and no IntegrityError to catch. A concurrent delivery of the same id waits on the
# unique index until the first one's transaction ends, then inserts nothing (or, if that one
# rolled back, inserts and applies it itself).
_RECORD_ONCE = (
    "INSERT INTO callback_record (source, external_id, received_at)"
    " VALUES ($1, $2, $3) ON CONFLICT (source, external_id) DO NOTHING RETURNING id"
)


async def record_once(source: str, external_id: str) -> bool:
    """True the first time this callback is seen; call it inside the applying transaction."""
    return bool(await rows_of(_RECORD_ONCE, [source, external_id[:128], clock.now()]))
