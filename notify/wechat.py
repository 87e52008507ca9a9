"""WeChat messages: mini-program subscribe messages (one-time grants) and official-account
template messages, with WeChat's field rules checked before any call.

Field kinds and limits (subscribe messages): `thing` at most 20 characters, `phrase` at most
5, `name` at most 10, `character_string` at most 32 letters, digits and symbols, `number` at
most 32 digits, `date` and `time` in WeChat's formats. Text too long for a `thing` or a `name`
is cut by the one truncation rule (notify.templates.truncate); anything else that breaks a rule
is refused before the call, as a permanent error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F

from api.kit import clock
from api.kit.db import rows_of, transaction
from auth.gateways.wechat import WeChatClient, WeChatError, WeChatUnavailable
from notify.channels import Message, Outcome
from notify.models import SubscribeGrant
from notify.templates import truncate

NO_GRANT = 43101
NOT_FOLLOWING = 43004
LIMITS = {"thing": 20, "name": 10, "phrase": 5, "character_string": 32, "number": 32, "text": 200}
_FORMATS = {
    "character_string": re.compile(r"^[\x21-\x7e]{1,32}$"),
    "number": re.compile(r"^\d{1,32}(\.\d+)?$"),
    "date": re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日)$"),
    "time": re.compile(
        r"^(\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}|"
        r"\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2})$"
    ),
}
_TRUNCATABLE = frozenset({"thing", "name", "text"})

# Per event type: (WeChat field key, kind, pattern over the event data).
SUBSCRIBE_FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "booking.confirmed": (
        ("thing1", "thing", "{hall}"),
        ("time2", "time", "{date} {time}"),
        ("thing3", "thing", "{service}"),
    ),
    "booking.cancelled": (("thing1", "thing", "{hall}"), ("time2", "time", "{date} {time}")),
    "booking.reminder": (("thing1", "thing", "{hall}"), ("time2", "time", "{date} {time}")),
    "ticket.called": (
        ("character_string1", "character_string", "{ticket}"),
        ("thing2", "thing", "请到{window}号窗口办理"),
    ),
    "ticket.near": (
        ("character_string1", "character_string", "{ticket}"),
        ("number2", "number", "{ahead}"),
    ),
    "payment.due": (("thing1", "thing", "{service}"), ("amount2", "text", "{amount}元")),
    "payment.paid": (("thing1", "thing", "{service}"), ("amount2", "text", "{amount}元")),
    "payment.refunded": (("thing1", "thing", "{service}"), ("amount2", "text", "{amount}元")),
    "application.correction_requested": (
        ("thing1", "thing", "{service}"),
        ("character_string2", "character_string", "{number}"),
        ("phrase3", "phrase", "需补正"),
    ),
    "application.approved": (
        ("thing1", "thing", "{service}"),
        ("character_string2", "character_string", "{number}"),
        ("phrase3", "phrase", "已通过"),
    ),
    "application.result_ready": (
        ("thing1", "thing", "{service}"),
        ("character_string2", "character_string", "{number}"),
        ("phrase3", "phrase", "结果已出"),
    ),
    "application.completed": (
        ("thing1", "thing", "{service}"),
        ("character_string2", "character_string", "{number}"),
        ("phrase3", "phrase", "已办结"),
    ),
    "application.refused": (
        ("thing1", "thing", "{service}"),
        ("character_string2", "character_string", "{number}"),
        ("phrase3", "phrase", "未通过"),
    ),
}
TEMPLATE_FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    event_type: (("first", "text", "{title}"), ("keyword1", "text", "{body}"))
    for event_type in (
        "application.accepted",
        "application.correction_requested",
        "application.approved",
        "application.result_ready",
        "application.completed",
        "application.refused",
        "express.shipped",
        "express.out_for_delivery",
        "express.delivered",
        "express.failed",
        "express.address_needed",
    )
}


class FieldRuleBroken(ValueError):
    """A value breaks WeChat's rule for its field kind; caught before any call."""


def render_fields(
    fields: tuple[tuple[str, str, str], ...], data: Mapping[str, Any]
) -> dict[str, dict[str, str]]:
    rendered = {}
    for key, kind, pattern in fields:
        try:
            value = pattern.format(**data)
        except KeyError as missing:
            raise FieldRuleBroken(f"{key} needs {missing}") from None
        rendered[key] = {"value": checked(key, kind, value)}
    return rendered


def checked(key: str, kind: str, value: str) -> str:
    limit = LIMITS.get(kind)
    if kind in _TRUNCATABLE and limit is not None:
        return truncate(value, limit)
    if limit is not None and len(value) > limit:
        raise FieldRuleBroken(f"{key}: a {kind} is at most {limit} characters")
    pattern = _FORMATS.get(kind)
    if pattern is not None and not pattern.fullmatch(value):
        raise FieldRuleBroken(f"{key}: not a valid {kind}")
    return value


class MiniProgramSubscribeChannel:
    name = "mp_subscribe"

    def __init__(self, client: WeChatClient, template_ids: Mapping[str, str]) -> None:
        self._client = client
        self._template_ids = template_ids

    async def send(self, message: Message) -> Outcome:
        template_id = self._template_ids.get(message.event_type)
        fields = SUBSCRIBE_FIELDS.get(message.event_type)
        if not template_id or fields is None or not message.mp_openid:
            return Outcome("permanent", error="no_subscribe_route")
        try:
            data = render_fields(fields, message.data)
        except FieldRuleBroken as exc:
            return Outcome("permanent", error=str(exc)[:200])
        if message.person_id is None or not await take_grant(message.person_id, template_id):
            return Outcome("permanent", error="no_grant")
        try:
            answer = await self._client.call_with_token(
                "mp",
                "/cgi-bin/message/subscribe/send",
                {
                    "touser": message.mp_openid,
                    "template_id": template_id,
                    "page": f"pages/inbox/index?event={message.event_type}",
                    "data": data,
                    "miniprogram_state": "formal",
                    "lang": "zh_CN",
                },
            )
        except WeChatError as exc:
            if exc.errcode == NO_GRANT:
                await clear_grants(message.person_id, template_id)
                return Outcome("permanent", error="no_grant")
            await give_back_grant(message.person_id, template_id)
            return Outcome("permanent", error=f"wechat:{exc.errcode}")
        except WeChatUnavailable as exc:
            await give_back_grant(message.person_id, template_id)
            return Outcome("temporary", error=str(exc)[:200])
        # WeChat's subscribe_msg_sent_event names the message by this msgid.
        msgid = answer.get("msgid")
        return Outcome("sent", provider_ref=str(msgid) if msgid is not None else None)


class OfficialAccountTemplateChannel:
    name = "oa_template"

    def __init__(self, client: WeChatClient, template_ids: Mapping[str, str]) -> None:
        self._client = client
        self._template_ids = template_ids

    async def send(self, message: Message) -> Outcome:
        from notify.templates import render_text

        template_id = self._template_ids.get(message.event_type)
        fields = TEMPLATE_FIELDS.get(message.event_type)
        if not template_id or fields is None or not message.oa_openid:
            return Outcome("permanent", error="no_template_route")
        if message.oa_following is False:  # WeChat told us they unfollowed: 43004 for sure
            return Outcome("permanent", error="not_following")
        title, body = render_text(message.event_type, message.data)
        try:
            data = render_fields(fields, {"title": title, "body": body})
            answer = await self._client.call_with_token(
                "oa",
                "/cgi-bin/message/template/send",
                {
                    "touser": message.oa_openid,
                    "template_id": template_id,
                    "client_msg_id": message.delivery_id,
                    "data": data,
                },
            )
        except FieldRuleBroken as exc:
            return Outcome("permanent", error=str(exc)[:200])
        except WeChatError as exc:
            return Outcome("permanent", error=f"wechat:{exc.errcode}")
        except WeChatUnavailable as exc:
            return Outcome("temporary", error=str(exc)[:200])
        return Outcome("sent", provider_ref=str(answer.get("msgid", "")))


async def take_grant(person_id: int, template_id: str) -> bool:
    """Use one grant, in the database: two sends can never share the last one."""
    used = await SubscribeGrant.filter(
        person_id=person_id, template_id=template_id, remaining__gt=0
    ).update(remaining=F("remaining") - 1)
    return bool(used)


async def give_back_grant(person_id: int, template_id: str) -> None:
    await SubscribeGrant.filter(person_id=person_id, template_id=template_id).update(
        remaining=F("remaining") + 1
    )


async def clear_grants(person_id: int, template_id: str) -> None:
    await SubscribeGrant.filter(person_id=person_id, template_id=template_id).update(remaining=0)


GrantSource = Literal["client", "wechat"]
# Who reported an acceptance steps `balance` one way (the client up, WeChat down); the report
# adds a send unless the other source already reported it (balance on the other side of 0).
_STEP: dict[GrantSource, int] = {"client": 1, "wechat": -1}
_ADD_GRANT = """
UPDATE notify_subscribe_grant
   SET remaining = remaining + CASE WHEN balance * $3 >= 0 THEN 1 ELSE 0 END,
       balance = balance + $3,
       updated_at = $4
 WHERE person_id = $1 AND template_id = $2
RETURNING id
"""


async def _add_grant(person_id: int, template_id: str, source: GrantSource) -> None:
    """One acceptance reported. The first grant of a template creates its row; two first grants
    at once both count: the one that loses the race to create adds to the other's row."""
    step = _STEP[source]
    parameters = [person_id, template_id, step, clock.now()]
    if await rows_of(_ADD_GRANT, parameters):
        return
    try:
        async with transaction():  # a savepoint: losing the race leaves the caller's intact
            await SubscribeGrant.create(
                person_id=person_id, template_id=template_id, remaining=1, balance=step
            )
    except IntegrityError:
        await rows_of(_ADD_GRANT, parameters)


async def record_grants(person_id: int, template_ids: list[str]) -> dict[str, int]:
    """The client reports the templates accepted after wx.requestSubscribeMessage. Every grant
    or none; the sends each template has left, read inside the transaction (once it has
    committed, nothing is left to fail before the answer)."""
    async with transaction():
        for template_id in template_ids:
            await _add_grant(person_id, template_id, "client")
        return dict(
            await SubscribeGrant.filter(person_id=person_id).values_list("template_id", "remaining")
        )


async def apply_wechat_grants(person_id: int, accepted: list[str], withdrawn: list[str]) -> None:
    """WeChat said which templates the person accepted (one send each) and which they rejected
    or banned (none left); call inside the transaction that records the event."""
    for template_id in accepted:
        await _add_grant(person_id, template_id, "wechat")
    for template_id in withdrawn:
        await clear_grants(person_id, template_id)
