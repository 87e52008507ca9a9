"""WeChat's own event pushes (消息推送), one callback URL per account, in safe mode.

At the edge (`WeChatPushVerifier`, the callback policy's check): `signature` is the SHA-1 of
the sorted token, timestamp and nonce; the timestamp is within five minutes of our clock; a
POST's body is the envelope of safe mode (XML, or JSON for a mini-program configured so) whose
`Encrypt` is covered by `msg_signature` and decrypted with the account's EncodingAESKey by
wechatpy's crypto, which also checks that it was encrypted for our appid. Plaintext pushes are
refused: their signature does not cover the body. Anything forged or undecryptable answers
401 `callback.refused` and nothing is stored. There is no nonce ledger: WeChat retries an
unanswered push as it was, and recording each event once (below) already makes a replay
change nothing.

Then the plaintext is parsed with wechatpy (its message classes; the subscribe-message events,
which wechatpy 1.8 does not know, are registered with it here) from XML or from JSON, recorded
once per account under WeChat's own identity for it (MsgId, or FromUserName + CreateTime +
Event, with the openid as its blind index) and applied in the same transaction:
- `subscribe_msg_popup_event` (mini-program): each accepted template adds a send to the grant
  ledger, a rejected one clears it; `subscribe_msg_change_event`: a rejection clears it;
- `subscribe_msg_sent_event` (mini-program) and `TEMPLATESENDJOBFINISH` (official account):
  the delivery WeChat's msgid names is delivered, or failed, and the next channel takes over;
- `subscribe` / `unsubscribe` (official account): the follower ledger (notify.followers).
Anything else (a text message to the account, a menu click) is answered and ignored.
"""

from __future__ import annotations

import logging
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal
from xml.parsers.expat import ExpatError

import xmltodict
from sanic import Request
from wechatpy.crypto import WeChatCrypto
from wechatpy.events import EVENT_TYPES, BaseEvent, register_event
from wechatpy.exceptions import WeChatException
from wechatpy.fields import BaseField
from wechatpy.messages import MESSAGE_TYPES, UnknownMessage
from wechatpy.parser import parse_message
from wechatpy.utils import WeChatSigner

from api.kit.bodies import read_json
from api.kit.callbacks import CallbackRefused, record_once, same_signature, unix_seconds
from api.kit.db import transaction
from api.kit.errors import DomainError
from auth.models import Binding, BindingKind
from auth.vault import Vault
from notify import followers, service
from notify.errors import WeChatEventUnreadable
from notify.wechat import apply_wechat_grants, clear_grants

log = logging.getLogger("yiwang.notify.wechat_events")

App = Literal["mp", "oa"]
SOURCES: dict[App, str] = {"mp": "wechat_mp", "oa": "wechat_oa"}
WINDOW_SECONDS = 300
NO_GRANT = 43101
PLAINTEXT_ATTR = "wechat_push_plaintext"
_MAX_FIELD = 128


# ---------------------------------------------------------------------------- wechatpy classes


@register_event("subscribe_msg_popup_event")
class SubscribeMsgPopupEvent(BaseEvent):
    """The citizen answered wx.requestSubscribeMessage: one entry per template."""

    event = "subscribe_msg_popup_event"
    entries = BaseField("SubscribeMsgPopupEvent", {})  # XML: the entries sit under it
    listed = BaseField("List")  # JSON: they are the top-level List (an object when one)


@register_event("subscribe_msg_change_event")
class SubscribeMsgChangeEvent(BaseEvent):
    """The citizen changed a subscription in WeChat's settings (only rejections are pushed)."""

    event = "subscribe_msg_change_event"
    entries = BaseField("SubscribeMsgChangeEvent", {})
    listed = BaseField("List")


@register_event("subscribe_msg_sent_event")
class SubscribeMsgSentEvent(BaseEvent):
    """The result of one subscribe-message send."""

    event = "subscribe_msg_sent_event"
    entries = BaseField("SubscribeMsgSentEvent", {})
    listed = BaseField("List")


_ENTRY_EVENTS = (SubscribeMsgPopupEvent, SubscribeMsgChangeEvent, SubscribeMsgSentEvent)


# ---------------------------------------------------------------------------- the edge


def push_signature(token: str, *parts: str) -> str:
    """WeChat's signature: SHA-1 of the sorted parts with the token (wechatpy's signer)."""
    signer = WeChatSigner()
    signer.add_data(token, *parts)
    return str(signer.signature)


class WeChatPushVerifier:
    """One account's pushes: the URL signature, the timestamp window, and for a POST the
    message signature and the decryption. The plaintext is kept on the request for the route
    (`opened_push`).

    The signatures are compared in constant time (`same_signature`) rather than with
    `wechatpy.utils.check_signature`, which compares hex strings with `!=`; the signer is
    wechatpy's own.
    """

    def __init__(
        self,
        source: str,
        *,
        token: str,
        encoding_aes_key: str,
        appid: str,
        window_seconds: int = WINDOW_SECONDS,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.source = source
        self._token = token
        self._crypto = WeChatCrypto(token, encoding_aes_key, appid)
        self._window_seconds = window_seconds
        self._wall_clock = wall_clock

    async def __call__(self, request: Request) -> None:
        timestamp, nonce = _ascii_arg(request, "timestamp"), _ascii_arg(request, "nonce")
        offered = _ascii_arg(request, "signature")
        if not (timestamp and nonce and offered):
            raise CallbackRefused("签名无效")
        if not same_signature(push_signature(self._token, timestamp, nonce), offered):
            raise CallbackRefused("签名无效")
        sent = unix_seconds(timestamp)
        if sent is None or abs(self._wall_clock() - sent) > self._window_seconds:
            raise CallbackRefused("时间戳超出允许范围")
        if request.method == "POST":
            setattr(request.ctx, PLAINTEXT_ATTR, self._open(request, timestamp, nonce))

    def _open(self, request: Request, timestamp: str, nonce: str) -> str:
        encrypted = _encrypted_part(request.body or b"")
        offered = _ascii_arg(request, "msg_signature")
        expected = push_signature(self._token, timestamp, nonce, encrypted)
        if not offered or not same_signature(expected, offered):
            raise CallbackRefused("消息签名无效")
        try:
            plaintext = self._crypto.decrypt_message(
                {"Encrypt": encrypted}, offered, timestamp, nonce
            )
        except (ValueError, IndexError, TypeError, struct.error, WeChatException):
            raise CallbackRefused("消息无法解密") from None
        return str(plaintext)


def _ascii_arg(request: Request, name: str) -> str:
    value = request.args.get(name) or ""
    return value if value.isascii() and len(value) <= _MAX_FIELD else ""


def _encrypted_part(body: bytes) -> str:
    """`Encrypt` of the safe-mode envelope, XML or JSON; a plaintext push is refused."""
    try:
        envelope = _json_object(body) if _looks_like_json(body) else _xml_object(body)
    except (ValueError, ExpatError, DomainError):
        raise CallbackRefused("消息格式无效") from None
    encrypted = envelope.get("Encrypt")
    if not isinstance(encrypted, str) or not encrypted.isascii() or not encrypted:
        raise CallbackRefused("只接收安全模式 (加密) 的消息")
    return encrypted


def _looks_like_json(raw: bytes) -> bool:
    return raw.lstrip()[:1] == b"{"


def _json_object(raw: bytes) -> dict[str, Any]:
    data = read_json(raw)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _xml_object(raw: bytes | str) -> dict[str, Any]:
    """An `<xml>` document as a dict; entity declarations (billion laughs, external entities)
    are refused by xmltodict."""
    document = xmltodict.parse(raw)
    root = document.get("xml") if isinstance(document, dict) else None
    if not isinstance(root, dict):
        raise ValueError("no <xml> root")
    return root


def opened_push(request: Request) -> str:
    """The decrypted push the verifier left on the request."""
    plaintext = getattr(request.ctx, PLAINTEXT_ATTR, None)
    if not isinstance(plaintext, str):
        raise LookupError("the route's policy did not verify a WeChat push")
    return plaintext


# ---------------------------------------------------------------------------- reading a push


@dataclass(frozen=True)
class Entry:
    """One template's line of a subscribe-message event."""

    template_id: str
    status: str = ""  # popup / change: accept, reject, ban
    msg_id: str = ""  # sent: WeChat's msgid of the message
    error_code: int = 0
    error_status: str = ""


@dataclass(frozen=True)
class WeChatPush:
    app: App
    kind: str  # the event in lower case, or the message type of a message that is no event
    openid: str
    created: int  # WeChat's CreateTime
    msg_id: int = 0  # a message's MsgId; 0 for events
    entries: tuple[Entry, ...] = ()
    status: str = ""  # TEMPLATESENDJOBFINISH: success, failed:user block, failed: system failed
    template_msg_id: str = ""  # TEMPLATESENDJOBFINISH: the msgid the template send answered

    def identity(self, vault: Vault) -> str:
        """WeChat's identity of this push, for recording it once: MsgId where it has one,
        else FromUserName + CreateTime + Event (the openid as its blind index)."""
        if self.msg_id:
            return f"msg:{self.msg_id}"
        openid = vault.blind_index("wechat_push", self.openid)[:40]
        return f"evt:{openid}:{self.created}:{self.kind}"[:128]


def read_push(app: App, plaintext: str) -> WeChatPush:
    """The decrypted push as a WeChatPush, or WeChatEventUnreadable."""
    try:
        message = _wechatpy_message(plaintext)
        return _push_of(app, message)
    except (ValueError, TypeError, KeyError, AttributeError, ExpatError, DomainError):
        raise WeChatEventUnreadable() from None


def _wechatpy_message(plaintext: str) -> Any:
    if not _looks_like_json(plaintext.encode()):
        return parse_message(plaintext)
    fields = _json_object(plaintext.encode())
    message_type = str(fields.get("MsgType", "")).lower()
    if message_type != "event":
        return MESSAGE_TYPES.get(message_type, UnknownMessage)(fields)
    return EVENT_TYPES.get(str(fields.get("Event", "")).lower(), UnknownMessage)(fields)


def _push_of(app: App, message: Any) -> WeChatPush:
    openid, created = message.source, message.time
    if not isinstance(openid, str) or not openid or len(openid) > _MAX_FIELD:
        raise ValueError("no FromUserName")
    if not isinstance(created, int) or isinstance(created, bool):
        raise ValueError("no CreateTime")
    is_event = message.type == "event"
    kind = str(message.event if is_event else message.type).lower()
    push = WeChatPush(
        app=app, kind=kind, openid=openid, created=created, msg_id=0 if is_event else message.id
    )
    if isinstance(message, _ENTRY_EVENTS):
        return replace(push, entries=_entries_of(message))
    if kind == "templatesendjobfinish":
        if not isinstance(message.status, str):
            raise ValueError("no Status")
        return replace(push, status=message.status, template_msg_id=str(message.id))
    return push


def _entries_of(message: Any) -> tuple[Entry, ...]:
    nested = message.entries
    raw = nested.get("List") if isinstance(nested, dict) and nested else message.listed
    listed = raw if isinstance(raw, list) else [raw]
    return tuple(_entry(item) for item in listed)


def _entry(item: Any) -> Entry:
    if not isinstance(item, dict):
        raise ValueError("an entry is not an object")
    template_id = _text(item.get("TemplateId"))
    if not template_id:
        raise ValueError("an entry without TemplateId")
    code = item.get("ErrorCode", 0)
    if isinstance(code, bool):
        raise ValueError("ErrorCode is not a number")
    return Entry(
        template_id=template_id,
        status=_text(item.get("SubscribeStatusString")).lower(),
        msg_id=_text(item.get("MsgID")),
        error_code=int(code),
        error_status=_text(item.get("ErrorStatus")),
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError("not a text field")
    text = str(value)
    if len(text) > _MAX_FIELD:
        raise ValueError("a field too long")
    return text


# ---------------------------------------------------------------------------- applying a push

GRANTED = frozenset({"accept"})
WITHDRAWN = frozenset({"reject", "ban"})


@dataclass
class WeChatEvents:
    """Applies verified pushes, each once."""

    vault: Vault

    async def apply(self, push: WeChatPush) -> str:
        """What became of it: applied, duplicate, ignored or unknown (a person or delivery we
        do not know)."""
        async with transaction():
            if not await record_once(SOURCES[push.app], push.identity(self.vault)):
                return "duplicate"
            outcome = await self._apply(push)
        log.info("wechat push", extra={"app": push.app, "kind": push.kind, "outcome": outcome})
        return outcome

    async def _apply(self, push: WeChatPush) -> str:
        if push.app == "mp" and push.kind in (
            "subscribe_msg_popup_event",
            "subscribe_msg_change_event",
        ):
            return await self._grants(push)
        if push.app == "mp" and push.kind == "subscribe_msg_sent_event":
            return await self._subscribe_results(push)
        if push.app == "oa" and push.kind in ("subscribe", "subscribe_scan", "unsubscribe"):
            index = self.vault.blind_index(str(BindingKind.OA_OPENID), push.openid)
            await followers.record(index, push.kind != "unsubscribe", push.created)
            return "applied"
        if push.app == "oa" and push.kind == "templatesendjobfinish":
            succeeded = push.status == "success"
            reason = f"wechat:{push.status}"
            return await service.settle_delivery(
                "oa_template", push.template_msg_id, succeeded, reason
            )
        return "ignored"

    async def _grants(self, push: WeChatPush) -> str:
        person_id = await self._mini_program_person(push.openid)
        if person_id is None:
            return "unknown"
        popup = push.kind == "subscribe_msg_popup_event"
        accepted = [e.template_id for e in push.entries if popup and e.status in GRANTED]
        withdrawn = [e.template_id for e in push.entries if e.status in WITHDRAWN]
        await apply_wechat_grants(person_id, accepted, withdrawn)
        return "applied"

    async def _subscribe_results(self, push: WeChatPush) -> str:
        outcomes = []
        for entry in push.entries:
            succeeded = entry.error_code == 0
            reason = f"wechat:{entry.error_code}:{entry.error_status}"
            outcomes.append(
                await service.settle_delivery("mp_subscribe", entry.msg_id, succeeded, reason)
            )
            if entry.error_code == NO_GRANT:  # the citizen refused: no grant is left
                person_id = await self._mini_program_person(push.openid)
                if person_id is not None:
                    await clear_grants(person_id, entry.template_id)
        return ",".join(outcomes) or "ignored"

    async def _mini_program_person(self, openid: str) -> int | None:
        index = self.vault.blind_index(str(BindingKind.MP_OPENID), openid)
        binding = await Binding.get_or_none(kind=BindingKind.MP_OPENID, value_index=index)
        return binding.person_id if binding is not None else None


def wechat_push_verifier(
    app: App, *, token: str, encoding_aes_key: str, appid: str
) -> WeChatPushVerifier:
    return WeChatPushVerifier(
        SOURCES[app], token=token, encoding_aes_key=encoding_aes_key, appid=appid
    )
