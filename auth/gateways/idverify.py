"""The identity-verification service (name + ID number against the authoritative register).

Wire format: `POST /v1/verify` with a JSON body `{name, id_number, request_id}` and headers
`X-App-Id`, `X-Timestamp` (Unix seconds), `X-Nonce` and `X-Signature` =
base64(HMAC-SHA256(secret, timestamp + "\\n" + nonce + "\\n" + hex(SHA-256(body)))). The answer
is `{"result": "match" | "mismatch" | "not_found", "request_id": ...}`. The sandbox checks the
signature, a five-minute timestamp window and nonce reuse, and answers from a register that
tests and the demo fill in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Literal

import httpx
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from api.kit.callbacks import same_signature
from api.kit.policy import PUBLIC, requires
from api.kit.sandbox_state import SandboxState, sandbox_redis

Result = Literal["match", "mismatch", "not_found"]
WINDOW_SECONDS = 300


class IdVerifyUnavailable(Exception):
    """The service did not answer in time or answered nonsense."""


def signature(secret: str, timestamp: str, nonce: str, body: bytes) -> str:
    message = f"{timestamp}\n{nonce}\n{hashlib.sha256(body).hexdigest()}".encode()
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


class IdVerifyClient:
    def __init__(
        self,
        base_url: str,
        app_id: str,
        secret: str,
        *,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)
        self._app_id = app_id
        self._secret = secret

    async def aclose(self) -> None:
        await self._http.aclose()

    async def verify(self, name: str, id_number: str, request_id: str) -> Result:
        body = json.dumps(
            {"name": name, "id_number": id_number, "request_id": request_id}, ensure_ascii=False
        ).encode("utf-8")
        timestamp, nonce = str(int(time.time())), secrets.token_hex(16)
        headers = {
            "Content-Type": "application/json",
            "X-App-Id": self._app_id,
            "X-Timestamp": timestamp,
            "X-Nonce": nonce,
            "X-Signature": signature(self._secret, timestamp, nonce, body),
        }
        try:
            response = await self._http.post("/v1/verify", content=body, headers=headers)
            response.raise_for_status()
            result = response.json().get("result")
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            raise IdVerifyUnavailable(type(exc).__name__) from exc
        if result not in ("match", "mismatch", "not_found"):
            raise IdVerifyUnavailable("unexpected result")
        return result


# A nonce is remembered for the whole span its timestamp is accepted (the window either side).
NONCE_SECONDS = 2 * WINDOW_SECONDS


@dataclass(frozen=True)
class IdVerifySandbox:
    """The verification service's side. Its register of citizens, its count of calls and the
    nonces it saw are in Redis, so every server process plays one service; `known` are the
    citizens it knows from the start (the demo's public test vectors)."""

    app_id: str
    secret: str
    known: dict[str, str] = field(default_factory=dict)  # id number -> name

    @staticmethod
    def _state(redis: Redis) -> SandboxState:
        return SandboxState(redis, "idverify")

    async def problem_with(self, redis: Redis, headers: dict[str, str], body: bytes) -> str | None:
        if headers.get("x-app-id") != self.app_id:
            return "unknown app"
        timestamp, nonce = headers.get("x-timestamp", ""), headers.get("x-nonce", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > WINDOW_SECONDS:
            return "timestamp outside the window"
        if not nonce:
            return "nonce reused"
        expected = signature(self.secret, timestamp, nonce, body)
        if not same_signature(expected, headers.get("x-signature", "")):
            return "bad signature"
        # Only a signed request spends its nonce: a forgery cannot burn a caller's nonces.
        if not await self._state(redis).first_time("nonce", nonce, NONCE_SECONDS):
            return "nonce reused"
        return None

    async def answer(self, redis: Redis, name: str, id_number: str) -> Result:
        state = self._state(redis)
        await state.count("counts", "calls")
        registered = await state.get("citizen", id_number)
        known = str(registered["name"]) if registered else self.known.get(id_number)
        if known is None:
            return "not_found"
        return "match" if known == name else "mismatch"

    async def register(self, redis: Redis, name: str, id_number: str) -> None:
        await self._state(redis).put("citizen", id_number, {"name": name}, ttl=None)

    async def calls(self, redis: Redis) -> int:
        """How many verifications it answered (tests check that a bad number makes none)."""
        return (await self._state(redis).counts("counts")).get("calls", 0)


def sandbox_blueprint(sandbox: IdVerifySandbox) -> Blueprint:
    bp = Blueprint("sandbox_idverify", url_prefix="/sandbox/idverify")

    @bp.post("/v1/verify")
    @requires(PUBLIC)
    async def verify(request: Request) -> HTTPResponse:
        redis = sandbox_redis(request)
        headers = {k.lower(): v for k, v in request.headers.items()}
        problem = await sandbox.problem_with(redis, headers, request.body)
        if problem:
            return json_response({"error": problem}, status=401)
        body = request.json or {}
        result = await sandbox.answer(
            redis, str(body.get("name", "")), str(body.get("id_number", ""))
        )
        return json_response({"result": result, "request_id": body.get("request_id")})

    @bp.post("/_test/citizens")
    @requires(PUBLIC)
    async def register(request: Request) -> HTTPResponse:
        body = request.json or {}
        id_number, name = str(body["id_number"]), str(body["name"])
        await sandbox.register(sandbox_redis(request), name, id_number)
        return json_response({"ok": True})

    return bp
