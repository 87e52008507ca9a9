"""App push: a client for a generic HTTP push gateway, and its sandbox.

Wire format: `POST /v1/messages` with `Authorization: Bearer <api key>` and a JSON body
`{message_id, device_tokens, title, body, data}`; `message_id` is our delivery id, so the
gateway can drop a repeat. 200 `{"id": ..., "invalid_tokens": [...]}` is accepted for the
tokens not listed as invalid (an uninstalled app, an expired token); 400 with an `error` such
as `invalid_token` is permanent (`invalid_tokens` lists them when every token was); 429 and
5xx are temporary.
"""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from typing import Any

import httpx
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from api.kit.policy import PUBLIC, requires
from api.kit.sandbox_state import SandboxState, sandbox_redis


class PushError(Exception):
    def __init__(self, code: str, temporary: bool, invalid_tokens: tuple[str, ...] = ()) -> None:
        self.code = code
        self.temporary = temporary
        self.invalid_tokens = invalid_tokens
        super().__init__(code)


@dataclass(frozen=True)
class PushAccepted:
    id: str
    invalid_tokens: tuple[str, ...] = ()  # reached no installation: the caller drops them


def _invalid_tokens(answer: Any) -> tuple[str, ...]:
    listed = answer.get("invalid_tokens") if isinstance(answer, dict) else None
    return tuple(str(t) for t in listed) if isinstance(listed, list) else ()


class PushClient:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=timeout,
            transport=transport,
            headers={"Authorization": f"Bearer {api_key}"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(
        self,
        message_id: str,
        device_tokens: list[str],
        title: str,
        body: str,
        data: dict[str, Any] | None = None,
    ) -> PushAccepted:
        try:
            response = await self._http.post(
                "/v1/messages",
                json={
                    "message_id": message_id,
                    "device_tokens": device_tokens,
                    "title": title,
                    "body": body,
                    "data": data or {},
                },
            )
        except httpx.HTTPError as exc:
            raise PushError(f"transport:{type(exc).__name__}", temporary=True) from exc
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code == 200 and isinstance(answer, dict):
            return PushAccepted(str(answer.get("id", "")), _invalid_tokens(answer))
        if response.status_code == 200:
            raise PushError("unreadable_answer", temporary=True)
        temporary = response.status_code == 429 or response.status_code >= 500
        code = str(answer.get("error", response.status_code)) if isinstance(answer, dict) else ""
        raise PushError(
            code or str(response.status_code),
            temporary=temporary,
            invalid_tokens=_invalid_tokens(answer),
        )


MESSAGES_KEPT = 1000
# What it received (counted per message id) and which messages it refused once are forgotten
# a quiet day after the last one.
REMEMBERED_SECONDS = 24 * 3600


@dataclass
class PushSandbox:
    """The push gateway's side. What it received, and which messages it already refused once,
    are in Redis, so every server process plays one gateway.

    `delay_seconds` (a slow gateway, for tests of in-flight work) is a knob of this process
    only: a test sets it on the in-process server it talks to."""

    api_key: str
    keep: int = MESSAGES_KEPT
    delay_seconds: float = 0.0

    @staticmethod
    def _state(redis: Redis) -> SandboxState:
        return SandboxState(redis, "push")

    async def accept(
        self, redis: Redis, authorization: str, body: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        if authorization != f"Bearer {self.api_key}":
            return 401, {"error": "unauthorized"}
        tokens = [str(t) for t in body.get("device_tokens") or []]
        if not tokens:
            return 400, {"error": "no_device_tokens"}
        # A token starting "bad-" plays an uninstalled app: it is reported, the rest are sent.
        invalid = [t for t in tokens if t.startswith("bad-")]
        if len(invalid) == len(tokens):
            return 400, {"error": "invalid_token", "invalid_tokens": invalid}
        body = {**body, "device_tokens": [t for t in tokens if t not in invalid]}
        message_id = str(body.get("message_id", ""))
        state = self._state(redis)
        if any(t.startswith("flaky-") for t in tokens) and await state.first_time(
            "refused-once", message_id, REMEMBERED_SECONDS
        ):
            return 503, {"error": "busy"}
        await state.count("received", message_id, idle_ttl=REMEMBERED_SECONDS)
        await state.append_capped("messages", body, self.keep)
        return 200, {"id": secrets.token_hex(8), "invalid_tokens": invalid}

    async def received(self, redis: Redis) -> dict[str, int]:
        """How many times each message id was received."""
        return await self._state(redis).counts("received")

    async def messages(self, redis: Redis, last: int) -> list[dict[str, Any]]:
        return await self._state(redis).items("messages", last=last)


def sandbox_blueprint(sandbox: PushSandbox) -> Blueprint:
    bp = Blueprint("sandbox_push", url_prefix="/sandbox/push")

    @bp.post("/v1/messages")
    @requires(PUBLIC)
    async def messages(request: Request) -> HTTPResponse:
        if sandbox.delay_seconds:
            await asyncio.sleep(sandbox.delay_seconds)
        status, answer = await sandbox.accept(
            sandbox_redis(request), request.headers.get("authorization", ""), request.json or {}
        )
        return json_response(answer, status=status)

    @bp.get("/_test/received")
    @requires(PUBLIC)
    async def received(request: Request) -> HTTPResponse:
        redis = sandbox_redis(request)
        counts = await sandbox.received(redis)
        return json_response(
            {
                "messages": await sandbox.messages(redis, last=100),
                "total": sum(counts.values()),
                "distinct": len(counts),
                "repeated": sum(n - 1 for n in counts.values() if n > 1),
            },
            ensure_ascii=False,
        )

    return bp
