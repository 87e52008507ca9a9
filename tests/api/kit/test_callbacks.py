"""The one callback verifier: signature, timestamp window, nonce once, each configurable."""

from __future__ import annotations

import hashlib
import hmac
from types import SimpleNamespace
from typing import Any

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisUnreachable

from api.kit.callbacks import (
    LONG_NONCE_TTL_SECONDS,
    CallbackRefused,
    RedisNonces,
    SignedCallbackVerifier,
    SignedParts,
    hmac_sha256_base64,
    same_signature,
    timestamp_nonce_body,
)
from api.kit.outages import is_outage

SECRET = "s3cret"
NOW = 1_800_000_000.0


class MemoryNonces:
    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    async def first_time(self, key: str, ttl_seconds: int) -> bool:
        if key in self.seen:
            return False
        self.seen[key] = ttl_seconds
        return True


def verifier(nonces: MemoryNonces, **overrides: object) -> SignedCallbackVerifier:
    options: dict[str, Any] = {
        "secret": SECRET,
        "signature_header": "X-Sig",
        "timestamp_header": "X-Ts",
        "nonce_header": "X-Nonce",
        "nonce_store": lambda request: nonces,
        "wall_clock": lambda: NOW,
        **overrides,
    }
    return SignedCallbackVerifier("test", **options)


def request(ts: str, nonce: str, signature: str, body: bytes = b'{"a":1}', sig: str = "x-sig"):
    headers = {"x-ts": ts, "x-nonce": nonce, sig: signature}
    return SimpleNamespace(headers=headers, body=body, method="POST", path="/cb")


def signed(ts: str, nonce: str, body: bytes = b'{"a":1}', secret: str = SECRET) -> str:
    message = timestamp_nonce_body(SignedParts("POST", "/cb", ts, nonce, body))
    return hmac_sha256_base64(secret.encode(), message).decode()


async def refused(check: SignedCallbackVerifier, incoming: Any) -> str:
    with pytest.raises(CallbackRefused) as refusal:
        await check(incoming)
    assert refusal.value.code == "callback.refused" and refusal.value.status == 401
    return refusal.value.detail


async def test_a_signed_fresh_callback_passes_once_and_its_nonce_is_kept_twice_the_window():
    nonces = MemoryNonces()
    check = verifier(nonces)
    ts = str(int(NOW))
    await check(request(ts, "n1", signed(ts, "n1")))
    assert nonces.seen == {"callback:test:nonce:n1": 600}
    assert await refused(check, request(ts, "n1", signed(ts, "n1"))) == "重复的请求"


async def test_forged_and_stale_callbacks_are_refused_and_burn_no_nonce():
    nonces = MemoryNonces()
    check = verifier(nonces)
    ts = str(int(NOW))
    assert await refused(check, request(ts, "n", signed(ts, "n", secret="guess"))) == "签名无效"
    assert await refused(check, request(ts, "n", signed(ts, "n", body=b"{}"))) == "签名无效"
    assert await refused(check, request(ts, "n", "")) == "签名无效"
    for when in (NOW - 301, NOW + 301):
        old = str(int(when))
        assert await refused(check, request(old, "n", signed(old, "n"))) == "时间戳超出允许范围"
    assert await refused(check, request("soon", "n", signed("soon", "n"))) == "时间戳超出允许范围"
    assert nonces.seen == {}
    await check(request(ts, "n", signed(ts, "n")))  # n still unused


@pytest.mark.parametrize(
    "header, value",
    [("x-sig", "签名"), ("x-sig", "é" * 44), ("x-ts", "１８００"), ("x-nonce", "nonce-é")],
)
async def test_a_header_that_is_not_ascii_is_a_forgery(header: str, value: str) -> None:
    check = verifier(MemoryNonces())
    ts = str(int(NOW))
    incoming = request(ts, "n", signed(ts, "n"))
    incoming.headers[header] = value
    assert await refused(check, incoming) == "签名无效"


async def test_an_empty_or_overlong_nonce_is_refused() -> None:
    check = verifier(MemoryNonces())
    ts = str(int(NOW))
    for nonce in ("", "n" * 129):
        assert await refused(check, request(ts, nonce, signed(ts, nonce))) == "签名无效"


async def test_each_source_configures_its_scheme_window_and_nonce_memory() -> None:
    nonces = MemoryNonces()

    def method_path_body(parts: SignedParts) -> bytes:
        return f"{parts.method}\n{parts.path}\n{parts.timestamp}\n{parts.nonce}\n".encode() + (
            parts.body
        )

    def hex_sha1(secret: bytes, message: bytes) -> bytes:
        return hmac.new(secret, message, hashlib.sha1).hexdigest().encode()

    check = verifier(
        nonces,
        canonical_string=method_path_body,
        sign=hex_sha1,
        window_seconds=60,
        nonce_ttl_seconds=LONG_NONCE_TTL_SECONDS,
        signature_header="Wechatpay-Signature",
    )
    ts = str(int(NOW) - 59)
    message = f"POST\n/cb\n{ts}\nn\n".encode() + b'{"a":1}'
    good = request(ts, "n", hex_sha1(b"s3cret", message).decode(), sig="wechatpay-signature")
    await check(good)
    assert nonces.seen == {"callback:test:nonce:n": 24 * 3600}
    late = str(int(NOW) - 61)
    message = f"POST\n/cb\n{late}\nm\n".encode() + b'{"a":1}'
    stale = request(late, "m", hex_sha1(b"s3cret", message).decode(), sig="wechatpay-signature")
    assert await refused(check, stale) == "时间戳超出允许范围"
    with pytest.raises(ValueError):
        verifier(nonces, window_seconds=300, nonce_ttl_seconds=300)


async def test_an_unreachable_redis_is_an_outage_not_a_pass_or_a_refusal() -> None:
    dead = Redis(host="127.0.0.1", port=9, socket_connect_timeout=0.5)
    check = verifier(MemoryNonces(), nonce_store=lambda request: RedisNonces(dead))
    ts = str(int(NOW))
    try:
        with pytest.raises(RedisUnreachable) as outage:
            await check(request(ts, "n", signed(ts, "n")))
    finally:
        await dead.aclose()
    assert is_outage(outage.value) == "redis"  # answered 503 service.unavailable


def test_signatures_compare_as_ascii_bytes() -> None:
    assert same_signature("abc", "abc") and same_signature(b"abc", "abc")
    assert not same_signature("abc", "abd")
    assert not same_signature("abc", "ábc") and not same_signature("abc", b"\xffbc")
