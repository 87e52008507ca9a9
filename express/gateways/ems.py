"""EMS's wire protocol (China Post's 国内协议客户 API), as our client, its sandbox and our
tracking-push callback speak it. For EMS and its customer manager it is written down in
`miniprogram_contract/EMS.md`.

What public integrations of EMS's contract-customer platform (api.ems.com.cn,
`.../amp/api/open`) show, and we follow:

- Every call is `POST` form-encoded (`application/x-www-form-urlencoded; charset=UTF-8`) with
  `apiCode` (which call), `senderNo` (协议客户号), `authorization` (授权码), `timeStamp`
  (`YYYY-MM-DD HH:MM:SS`, Beijing time), `msgType` ("0"), `version` ("V1.0.0") and
  `logitcsInterface` (sic), the business payload sealed:
  `"|$4|" + base64(SM4-ECB-PKCS#7(key, json + key_text))`, where `key` is our 16-byte SM4
  key and `key_text` its base64 (the "signKey" EMS hands out). Opening one checks the
  `|$4|` mark, the padding and that the plaintext ends with `key_text`.
- Answers are JSON `{"retCode", "retMsg", "retBody", "retDate", "serialNo"}`, `retCode`
  "00000" for success; `retBody` the business answer (JSON text, an object or sealed).
- apiCode 020003 creates an order (面单/运单: answers `waybillNo`), 040001 queries a mail's
  trace, and tracking pushes carry `method` 040002.
- A tracking push is a JSON POST `{"logitcsInterface", "method", "msgType", "senderNo",
  "serialNo", "timeStamp", "version"}`, the payload sealed as in our calls, with the fields
  `waybillNo`, `orderNo`, `opCode`, `opName`, `opDesc`, `opTime`, `opOrgName`,
  `opOrgProvName`, `opOrgCity`, `opOrgCode`, `operatorNo`, `operatorName`; the receiver
  answers `{"code": "00000"}` (success) or `{"code": "S00001", ...}` (failure, EMS retries).

What nothing public says, and is our profile (to be agreed with EMS):

- The endpoint path: `POST {base}/api/gateway`, where our sandbox serves it. EMS's own API is
  one URL (`.../amp/api/open`): the client takes `path=""` and that URL as its base.
- apiCode 020005 cancels an order by `logisticsOrderNo` (cancelling a cancelled one is
  success; one already picked up is refused `ALREADY_PICKED_UP`); 020006 books a pickup
  (上门揽收) with a window. The business fields of each call are listed in EMS.md.
- Idempotency: the same `logisticsOrderNo` again is the same order and mail number.
- The answer's `retBody` names the `logisticsOrderNo` (creation, cancel, pickup) or the
  `waybillNo` (trace) it answers, so an answer to another call is not taken for this one.
- Pushes carry `dataDigest`: base64 HMAC-SM3, keyed with the SM4 key, over
  `senderNo "\\n" serialNo "\\n" timeStamp "\\n" logitcsInterface` (UTF-8). ECB sealing alone
  does not authenticate: blocks of two captured pushes can be spliced into a third, and the
  outer `timeStamp` and `serialNo` are not sealed at all. With the digest a push is refused
  when forged or spliced, when `timeStamp` is more than 300 s from our clock, or when its
  `serialNo` was seen in the last 600 s (every delivery attempt has a fresh `serialNo` and
  `timeStamp`; a repeated event is recognised downstream by (mail_no, op_code, op_time,
  office)). A push may carry one event object (as EMS's do) or an array of up to 100.
- Operation codes (`opCode`) are mapped to our `Operation` by `OPERATIONS` below; nothing
  public lists EMS's codes, so this table is ours and is matched by EMS's `opName` words in
  EMS.md. An unknown code is kept as in_transit, not refused: it is EMS's authentic word
  about the mail, refusing it would make EMS retry the push (and with it any known event in
  the same push) for ever, and in_transit is the one rank that claims nothing final; its
  `op_code` is kept, so the event can be re-read when the table grows.
- `opDesc` is not kept: EMS writes the postman's name and phone and the signer's name into
  it. A trace event's description is `opName` (the operation's name).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from sanic import Request

from api.kit.callbacks import CallbackRefused, NonceStore, app_redis_nonces
from api.kit.clock import HALL_TIMEZONE
from api.kit.settings import Settings
from express.gateways.courier import ALREADY_PICKED_UP as ALREADY_PICKED_UP
from express.gateways.courier import ORDER_NOT_FOUND as ORDER_NOT_FOUND
from express.gateways.courier import Operation, TraceEvent
from express.mailnumbers import is_mail_no

log = logging.getLogger("yiwang.express.ems")

SOURCE = "ems"
GATEWAY_PATH = "/api/gateway"
SANDBOX_PREFIX = "/sandbox/ems"
CALLBACK_PATH = "/callbacks/express/ems"

API_CREATE_ORDER = "020003"
API_CANCEL_ORDER = "020005"  # our profile
API_BOOK_PICKUP = "020006"  # our profile
API_QUERY_TRACE = "040001"
PUSH_METHOD = "040002"

SUCCESS_CODE = "00000"
# A cancel's refusals (ALREADY_PICKED_UP, ORDER_NOT_FOUND) are the courier protocol's codes.
PUSH_FAILURE_CODE = "S00001"
# Refusals of a call itself (our profile's codes): ours to mend, never retried.
AUTH_CODES = frozenset(
    {"SENDER_UNKNOWN", "AUTHORIZATION_INVALID", "DECRYPT_FAILED", "TIMESTAMP_EXPIRED"}
)
MSG_TYPE = "0"
VERSION = "V1.0.0"
SEAL_MARK = "|$4|"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

KEY_BYTES = 16
WINDOW_SECONDS = 300
NONCE_TTL_SECONDS = 2 * WINDOW_SECONDS
MAX_PUSH_BYTES = 256 * 1024
MAX_PUSH_EVENTS = 100
MAX_SERIAL_LENGTH = 64
MAX_OFFICE_LENGTH = 100
MAX_NAME_LENGTH = 60
MAX_OP_CODE_LENGTH = 16

# Our profile's table of EMS operation codes (see the module docstring and EMS.md).
OPERATIONS: Mapping[str, Operation] = {
    "203": Operation.ACCEPTED,  # 收寄
    "305": Operation.IN_TRANSIT,  # 经转 (封发/交运)
    "306": Operation.IN_TRANSIT,  # 到达处理中心
    "307": Operation.IN_TRANSIT,  # 离开处理中心
    "702": Operation.OUT_FOR_DELIVERY,  # 派送/投递中
    "704": Operation.DELIVERED,  # 妥投
    "705": Operation.DELIVERY_FAILED,  # 未妥投
    "711": Operation.RETURNED,  # 退回
}
OP_NAMES: Mapping[str, str] = {
    "203": "收寄",
    "305": "经转",
    "306": "到达",
    "307": "离开",
    "702": "投递中",
    "704": "妥投",
    "705": "未妥投",
    "711": "退回",
}

SUCCESS_ANSWER = json.dumps({"code": SUCCESS_CODE, "codeMessage": "成功"}, ensure_ascii=False)


def failure_answer(message: str) -> str:
    """The answer that tells EMS the push was not taken (it retries). No personal data."""
    body = {"code": PUSH_FAILURE_CODE, "codeMessage": message[:100]}
    return json.dumps(body, ensure_ascii=False)


# ------------------------------------------------------------------ sealing (SM4)


class SealBroken(ValueError):
    """A sealed payload that does not open with our key: forged, damaged or another key's."""


def key_text(key: bytes) -> str:
    """The key as EMS hands it out and appends to every plaintext: base64 of its 16 bytes."""
    return base64.b64encode(key).decode("ascii")


def _sm4_ecb(key: bytes) -> Cipher[modes.ECB]:
    if len(key) != KEY_BYTES:
        raise ValueError("the EMS SM4 key is 16 bytes")
    # ECB because EMS's published scheme is ECB; the push digest makes up for its malleability.
    return Cipher(algorithms.SM4(key), modes.ECB())  # noqa: S305


def seal(payload: Any, key: bytes) -> str:
    """`|$4|` + base64(SM4-ECB-PKCS#7(key, json + key_text)): a payload as EMS takes it."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + key_text(key)
    padder = padding.PKCS7(algorithms.SM4.block_size).padder()
    padded = padder.update(text.encode("utf-8")) + padder.finalize()
    encryptor = _sm4_ecb(key).encryptor()
    return SEAL_MARK + base64.b64encode(encryptor.update(padded) + encryptor.finalize()).decode()


def open_sealed(sealed: str, key: bytes) -> Any:
    """The payload of a sealed text, or SealBroken."""
    if not sealed.startswith(SEAL_MARK):
        raise SealBroken("no seal mark")
    try:
        cipher_text = base64.b64decode(sealed[len(SEAL_MARK) :], validate=True)
    except (binascii.Error, ValueError):
        raise SealBroken("not base64") from None
    block = algorithms.SM4.block_size // 8
    if not cipher_text or len(cipher_text) % block:
        raise SealBroken("not whole blocks")
    decryptor = _sm4_ecb(key).decryptor()
    padded = decryptor.update(cipher_text) + decryptor.finalize()
    unpadder = padding.PKCS7(algorithms.SM4.block_size).unpadder()
    try:
        text = (unpadder.update(padded) + unpadder.finalize()).decode("utf-8")
    except ValueError:  # bad padding or not UTF-8: another key's, or damaged
        raise SealBroken("bad padding") from None
    suffix = key_text(key)
    if not text.endswith(suffix):
        raise SealBroken("no key suffix")
    try:
        return json.loads(text[: -len(suffix)])
    except ValueError:
        raise SealBroken("not JSON") from None


# ------------------------------------------------------------------ calls and answers


def wall_now() -> datetime:
    """The wall clock: a message's timeStamp is about its transit, not business time (tests
    may freeze `api.kit.clock`; a frozen timeStamp would be stale at the other end)."""
    return datetime.now(UTC)


def ems_time(moment: datetime) -> str:
    """`YYYY-MM-DD HH:MM:SS` in Beijing time, EMS's format for every time."""
    return moment.astimezone(HALL_TIMEZONE).strftime(TIME_FORMAT)


# TIME_FORMAT's shape, checked before the date is read: `fromisoformat` alone would also take
# ISO's other spellings ("T", week dates), and `strptime` costs twenty times as much on the
# two times of every push.
_EMS_TIME_SHAPE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", re.ASCII)


def parse_ems_time(text: str) -> datetime | None:
    """An EMS time (Beijing, no offset) as an aware datetime; None if it is not one."""
    if not (isinstance(text, str) and _EMS_TIME_SHAPE.fullmatch(text)):
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=HALL_TIMEZONE)
    except ValueError:  # a day or hour that does not exist
        return None


@dataclass(frozen=True)
class CallForm:
    """The form fields of one call, before and after the wire."""

    api_code: str
    sender_no: str
    authorization: str
    time_stamp: str
    logitcs_interface: str
    msg_type: str = MSG_TYPE
    version: str = VERSION

    def fields(self) -> dict[str, str]:
        return {
            "apiCode": self.api_code,
            "senderNo": self.sender_no,
            "authorization": self.authorization,
            "timeStamp": self.time_stamp,
            "msgType": self.msg_type,
            "version": self.version,
            "logitcsInterface": self.logitcs_interface,
        }

    @classmethod
    def read(cls, body: bytes) -> CallForm:
        """The form of a call's body; ValueError if a field is missing or repeated."""
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        fields: dict[str, str] = {}
        for name, value in pairs:
            if name in fields:
                raise ValueError(f"{name} repeated")
            fields[name] = value
        return cls(
            api_code=fields["apiCode"],
            sender_no=fields["senderNo"],
            authorization=fields["authorization"],
            time_stamp=fields["timeStamp"],
            logitcs_interface=fields["logitcsInterface"],
            msg_type=fields.get("msgType", MSG_TYPE),
            version=fields.get("version", VERSION),
        )


def call_form(
    api_code: str, payload: Any, *, sender_no: str, authorization: str, key: bytes, now: datetime
) -> CallForm:
    return CallForm(api_code, sender_no, authorization, ems_time(now), seal(payload, key))


def answer_body(code: str, message: str, body: Any, key: bytes, now: datetime) -> bytes:
    """EMS's answer; a body is sealed (our profile: EMS may also send it as JSON text)."""
    answer = {
        "retCode": code,
        "retMsg": message,
        "retBody": seal(body, key) if body is not None else None,
        "retDate": ems_time(now),
        "serialNo": secrets.token_hex(16),
    }
    return json.dumps(answer, ensure_ascii=False).encode("utf-8")


def read_ret_body(value: Any, key: bytes) -> Any:
    """An answer's retBody as JSON: sealed, JSON text, or already JSON. SealBroken or
    ValueError if it is none of these."""
    if isinstance(value, str):
        return open_sealed(value, key) if value.startswith(SEAL_MARK) else json.loads(value)
    return value


# ------------------------------------------------------------------ tracking pushes


class PushRefusal(StrEnum):
    MALFORMED = "malformed"
    BAD_DIGEST = "bad_digest"
    UNDECRYPTABLE = "undecryptable"
    STALE = "stale"
    REPLAYED = "replayed"


class EmsPushRefused(CallbackRefused):
    """An EMS tracking push that did not verify: nothing is stored, 401."""

    def __init__(self, reason: PushRefusal) -> None:
        super().__init__("推送验证失败")
        self.reason = reason


@dataclass(frozen=True)
class VerifiedPush:
    serial_no: str
    sender_no: str
    sent_at: datetime  # aware
    payload: Any  # the opened logitcsInterface: one event object or a list of them


def push_digest(key: bytes, sender_no: str, serial_no: str, time_stamp: str, sealed: str) -> str:
    """Our profile's dataDigest: base64 HMAC-SM3 over the push's outer fields."""
    mac = crypto_hmac.HMAC(key, hashes.SM3())
    mac.update("\n".join((sender_no, serial_no, time_stamp, sealed)).encode("utf-8"))
    return base64.b64encode(mac.finalize()).decode("ascii")


def push_body(payload: Any, *, key: bytes, sender_no: str, serial_no: str, now: datetime) -> bytes:
    """A push as EMS sends it (the sandbox sends these): JSON with the sealed payload."""
    sealed = seal(payload, key)
    time_stamp = ems_time(now)
    fields = {
        "logitcsInterface": sealed,
        "method": PUSH_METHOD,
        "msgType": MSG_TYPE,
        "senderNo": sender_no,
        "serialNo": serial_no,
        "timeStamp": time_stamp,
        "version": VERSION,
        "dataDigest": push_digest(key, sender_no, serial_no, time_stamp, sealed),
    }
    return json.dumps(fields, ensure_ascii=False).encode("utf-8")


def verify_push(body: bytes, headers: Mapping[str, str], key: bytes, now: float) -> VerifiedPush:
    """A push's opened payload, or EmsPushRefused: forged or spliced (digest), undecryptable,
    outside ±300 s of `now` (Unix seconds, wall clock). The serial number's once-only check is
    the verifier's (it needs Redis). `headers` say whether the body is JSON or a form."""
    fields = _push_fields(body, headers)
    sender_no, serial_no = fields.get("senderNo", ""), fields.get("serialNo", "")
    time_stamp, sealed = fields.get("timeStamp", ""), fields.get("logitcsInterface", "")
    offered = fields.get("dataDigest", "")
    if not (0 < len(serial_no) <= MAX_SERIAL_LENGTH and serial_no.isascii() and sealed):
        raise EmsPushRefused(PushRefusal.MALFORMED)
    if fields.get("method", PUSH_METHOD) != PUSH_METHOD:
        raise EmsPushRefused(PushRefusal.MALFORMED)
    expected = push_digest(key, sender_no, serial_no, time_stamp, sealed)
    if not (offered.isascii() and hmac.compare_digest(expected.encode(), offered.encode())):
        raise EmsPushRefused(PushRefusal.BAD_DIGEST)
    sent_at = parse_ems_time(time_stamp)
    if sent_at is None or abs(now - sent_at.timestamp()) > WINDOW_SECONDS:
        raise EmsPushRefused(PushRefusal.STALE)
    try:
        payload = open_sealed(sealed, key)
    except SealBroken:
        raise EmsPushRefused(PushRefusal.UNDECRYPTABLE) from None
    return VerifiedPush(serial_no, sender_no, sent_at, payload)


def _push_fields(body: bytes, headers: Mapping[str, str]) -> dict[str, str]:
    """The push's outer fields, every one a string; EmsPushRefused(MALFORMED) otherwise."""
    if len(body) > MAX_PUSH_BYTES:
        raise EmsPushRefused(PushRefusal.MALFORMED)
    content_type = _header(headers, "content-type").lower()
    try:
        text = body.decode("utf-8")
        if "application/x-www-form-urlencoded" in content_type:
            raw: Any = dict(parse_qsl(text, keep_blank_values=True))
        else:
            raw = json.loads(text)
    except ValueError:
        raise EmsPushRefused(PushRefusal.MALFORMED) from None
    if not isinstance(raw, dict) or not all(isinstance(v, str | None) for v in raw.values()):
        raise EmsPushRefused(PushRefusal.MALFORMED)
    return {str(name): value or "" for name, value in raw.items()}


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return ""


class MalformedEvent(ValueError):
    """A trace event EMS sent that we cannot read."""


def parse_push(push: VerifiedPush) -> list[TraceEvent]:
    """The trace events of a verified push; EmsPushRefused(MALFORMED) if one cannot be read
    (EMS's own bytes, verified, but not what the profile says: refused so someone looks)."""
    items = push.payload if isinstance(push.payload, list) else [push.payload]
    if not 0 < len(items) <= MAX_PUSH_EVENTS:
        raise EmsPushRefused(PushRefusal.MALFORMED)
    try:
        return [trace_event(item) for item in items]
    except MalformedEvent:
        raise EmsPushRefused(PushRefusal.MALFORMED) from None


def trace_event(item: Any) -> TraceEvent:
    """One EMS trace item (a push's or a trace query's) as our TraceEvent; MalformedEvent if
    a field is missing, too long, or the mail number or time is not one."""
    if not isinstance(item, dict):
        raise MalformedEvent("not an object")
    mail_no = _bounded(item, "waybillNo", 13)
    if not is_mail_no(mail_no):
        raise MalformedEvent("waybillNo")
    op_code = _bounded(item, "opCode", MAX_OP_CODE_LENGTH)
    op_time = parse_ems_time(_bounded(item, "opTime", 19))
    if op_time is None:
        raise MalformedEvent("opTime")
    return TraceEvent(
        mail_no=mail_no,
        op_code=op_code,
        operation=operation_of(op_code),
        op_time=op_time,
        office=_bounded(item, "opOrgName", MAX_OFFICE_LENGTH, empty=True),
        description=_bounded(item, "opName", MAX_NAME_LENGTH, empty=True)
        or OP_NAMES.get(op_code, ""),
    )


def operation_of(op_code: str) -> Operation:
    """Our operation for EMS's code; an unknown one is in_transit (see the docstring)."""
    operation = OPERATIONS.get(op_code)
    if operation is None:
        log.info("ems: unknown operation code kept as in_transit", extra={"op_code": op_code})
        return Operation.IN_TRANSIT
    return operation


def _bounded(item: Mapping[str, Any], name: str, longest: int, *, empty: bool = False) -> str:
    value = item.get(name)
    if value is None and empty:
        return ""
    if not isinstance(value, str) or len(value) > longest or not (value or empty):
        raise MalformedEvent(name)
    if not value.isprintable():
        raise MalformedEvent(name)
    return value


# ------------------------------------------------------------------ the callback's edge


class EmsPushVerifier:
    """The callback authenticator's check for source "ems": the digest, ±300 s, the payload
    opens with our key, and the serialNo once in 600 s."""

    def __init__(
        self,
        key: bytes,
        *,
        nonce_store: Callable[[Request], NonceStore] = app_redis_nonces,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("the EMS SM4 key is 16 bytes")
        self._key = key
        self._nonce_store = nonce_store
        # Freshness is about the message in transit: wall-clock time, not business time.
        self._wall_clock = wall_clock

    async def __call__(self, request: Request) -> None:
        try:
            push = verify_push(
                request.body or b"", dict(request.headers), self._key, self._wall_clock()
            )
            key = f"callback:{SOURCE}:nonce:{push.serial_no}"
            if not await self._nonce_store(request).first_time(key, NONCE_TTL_SECONDS):
                raise EmsPushRefused(PushRefusal.REPLAYED)
        except EmsPushRefused as refused:
            log.warning("ems push refused", extra={"reason": refused.reason.value})
            raise
        # The route applies the push opened here: opening and checking it again would repeat
        # the digest, the SM4 and the key's look-up on every push.
        request.ctx.ems_push = push


def verified_push(request: Request) -> VerifiedPush:
    """The push `EmsPushVerifier` verified for this request (it runs before the route)."""
    push = getattr(request.ctx, "ems_push", None)
    if not isinstance(push, VerifiedPush):
        raise EmsPushRefused(PushRefusal.MALFORMED)
    return push


def ems_push_verifier(settings: Settings, **options: Any) -> EmsPushVerifier:
    return EmsPushVerifier(settings.secret("ems_sm4_key"), **options)
