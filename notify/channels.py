"""The outside channels: each turns a delivery into one provider call and says how it went."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from notify.gateways.push import PushClient, PushError
from notify.gateways.sms import SmsClient, SmsError
from notify.templates import render_sms, render_text


@dataclass(frozen=True)
class Outcome:
    kind: Literal["sent", "delivered", "temporary", "permanent"]
    provider_ref: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Message:
    """One delivery, with everything a channel needs (addresses opened from the vault)."""

    delivery_id: str
    event_type: str
    data: dict[str, Any]
    phone: str | None = None
    device_tokens: list[str] = field(default_factory=list)
    person_id: int | None = None
    mp_openid: str | None = None
    oa_openid: str | None = None
    # What WeChat's subscribe/unsubscribe events last said; None: no event seen yet.
    oa_following: bool | None = None


class Channel(Protocol):
    name: str

    async def send(self, message: Message) -> Outcome: ...


class SmsChannel:
    name = "sms"

    def __init__(self, client: SmsClient) -> None:
        self._client = client

    async def send(self, message: Message) -> Outcome:
        if not message.phone:
            return Outcome("permanent", error="no_phone")
        template_code, parameters = render_sms(message.event_type, message.data)
        try:
            receipt = await self._client.send(
                message.phone, template_code, parameters, out_id=message.delivery_id
            )
        except SmsError as exc:
            return Outcome("temporary" if exc.temporary else "permanent", error=exc.code)
        return Outcome("sent", provider_ref=receipt.biz_id)


DropTokens = Callable[[list[str]], Awaitable[object]]


class AppPushChannel:
    """Sends through the person's registered devices; a token the gateway reports invalid is
    dropped (`drop_tokens`), so the next message does not try it again."""

    name = "app_push"

    def __init__(self, client: PushClient, drop_tokens: DropTokens) -> None:
        self._client = client
        self._drop_tokens = drop_tokens

    async def send(self, message: Message) -> Outcome:
        if not message.device_tokens:
            return Outcome("permanent", error="no_device")
        title, body = render_text(message.event_type, message.data)
        try:
            accepted = await self._client.send(
                message.delivery_id,
                message.device_tokens,
                title,
                body,
                {"event_type": message.event_type},
            )
        except PushError as exc:
            await self._drop(message, exc.invalid_tokens)
            return Outcome("temporary" if exc.temporary else "permanent", error=exc.code)
        await self._drop(message, accepted.invalid_tokens)
        return Outcome("sent", provider_ref=accepted.id)

    async def _drop(self, message: Message, invalid: tuple[str, ...]) -> None:
        """Only tokens this message was sent to: the gateway's answer names no one else's."""
        ours = [token for token in invalid if token in message.device_tokens]
        if ours:
            await self._drop_tokens(ours)
