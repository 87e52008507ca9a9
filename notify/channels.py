"""The outside channels: each turns a delivery into one provider call and says how it went."""

from __future__ import annotations

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


class AppPushChannel:
    name = "app_push"

    def __init__(self, client: PushClient) -> None:
        self._client = client

    async def send(self, message: Message) -> Outcome:
        if not message.device_tokens:
            return Outcome("permanent", error="no_device")
        title, body = render_text(message.event_type, message.data)
        try:
            reference = await self._client.send(
                message.delivery_id,
                message.device_tokens,
                title,
                body,
                {"event_type": message.event_type},
            )
        except PushError as exc:
            return Outcome("temporary" if exc.temporary else "permanent", error=exc.code)
        return Outcome("sent", provider_ref=reference)
