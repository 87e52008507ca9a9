"""The hall's core approval system (审批系统): what we ask of it and what it tells us.

Two implementations answer `CoreApproval`: the HTTP client for the hall's real core system
(below, with the sandbox that plays it over loopback HTTP), and the embedded reference engine
(`api.approval.local_engine`), which keeps its cases in our database and is the embedded
default. Both pass the same contract tests (tests/approval/test_core_contract.py).

The wire protocol (signing, endpoints, answers, the webhook, which calls are retried) is
written down for the core system's vendor in `miniprogram_contract/CORE_SYSTEM.md`; this
module's client and sandbox are its two sides.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Literal, Protocol, TypeVar, cast
from urllib.parse import quote, urlsplit

import httpx
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from api.kit import clock
from api.kit.callbacks import same_signature
from api.kit.policy import PUBLIC, requires
from api.kit.sandbox_state import JsonObject, SandboxState, sandbox_redis
from api.kit.settings import Settings


class CoreStatus(StrEnum):
    """A case's status in the core system; our application's status follows it."""

    SUBMITTED = "submitted"  # received, not yet examined (已提交)
    ACCEPTED = "accepted"  # 受理
    # 补正: one notice listing everything missing (一次性告知)
    CORRECTION_REQUESTED = "correction_requested"
    SUPPLEMENTED = "supplemented"  # the citizen sent exactly what the notice listed
    APPROVED = "approved"  # 办结 (准予)
    REFUSED = "refused"  # 不予受理 / 不予许可
    WITHDRAWN = "withdrawn"  # 撤回, by the citizen before acceptance
    RESULT_READY = "result_ready"  # the licence or certificate can be collected or sent
    COMPLETED = "completed"  # the result reached the applicant (送达): the case is closed


class CoreUnavailable(Exception):
    """The core system did not answer in time, or answered something we cannot read."""


class CoreRefused(Exception):
    """The core system understood the request and said no (for example: withdrawing a case
    it has already accepted). `reason` is its machine-readable reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class MaterialSpec:
    code: str
    name: str
    required: bool
    form: str  # "original" | "copy" | "original_and_copy" | "electronic"
    copies: int = 1
    elicence_type: str | None = None  # an e-licence of this type can stand in for it


@dataclass(frozen=True)
class FeeSpec:
    code: str
    name: str
    amount_fen: int


@dataclass(frozen=True)
class ItemSpec:
    """One service item (事项) as the core system publishes it."""

    code: str
    name: str
    department_code: str
    department_name: str
    kind: str  # administrative_licence | public_service | administrative_confirmation | ...
    conditions: str
    materials: tuple[MaterialSpec, ...]
    legal_limit_days: int  # working days
    promised_limit_days: int  # working days, never more than the legal limit
    fees: tuple[FeeSpec, ...]
    visits: int  # 0, 1 or 2 (2 means 2 or more)
    online_depth: int  # 1..4
    appointment: bool
    online: bool
    ems_delivery: bool
    payment: bool
    queue_code: str | None  # the hall queue (booking category code) that serves it
    required_level: int = 2
    form_schema: dict[str, Any] = field(default_factory=dict)  # JSON Schema of the form
    version: int = 1


@dataclass(frozen=True)
class ELicence:
    """An e-licence (电子证照) the government already holds for a person."""

    licence_type: str  # id_card, household_register, marriage_certificate, business_licence, ...
    licence_number: str  # the licence's own number (personal data: sealed at rest, masked out)
    name: str  # 居民身份证, 居民户口簿, ...
    issuer: str
    valid_until: date | None


@dataclass(frozen=True)
class SubmittedMaterial:
    """A material as we hand it over: a stored file (by digest, fetchable by a signed link) or
    an e-licence by reference."""

    material_code: str
    source: str  # "upload" | "elicence" | "reuse"
    file_digest: str | None = None
    file_url: str | None = None  # short-lived signed link the core system fetches the file by
    media_type: str | None = None
    licence_type: str | None = None
    licence_number: str | None = None


@dataclass(frozen=True)
class Submission:
    """An application as handed to the core system. `application_id` is our public id: the
    core system treats a second submission with the same id as the first (idempotent)."""

    application_id: str
    item_code: str
    # None for an item that asks only for an account (level 1): no real name is known.
    applicant_id_number: str | None
    applicant_name: str | None
    form: dict[str, Any]
    materials: tuple[SubmittedMaterial, ...]
    delivery: str  # "window" | "ems"


@dataclass(frozen=True)
class CorrectionItem:
    material_code: str
    reason: str


@dataclass(frozen=True)
class FeeNoticeSpec:
    """A fee notice (缴款通知书) the core system issued for a case."""

    notice_number: str
    payee_code: str  # 执收单位
    region_code: str
    total_fen: int
    due_date: date
    items: tuple[FeeSpec, ...]


@dataclass(frozen=True)
class ProgressEvent:
    """One step of a case, as the webhook or a sync reports it. `sequence` numbers a case's
    steps 1, 2, 3, ... in the order the core system took them: events may arrive in any order
    and more than once, and are applied in sequence order, each once."""

    event_id: str
    core_ref: str
    application_id: str
    sequence: int
    status: CoreStatus
    at: datetime
    department: str
    note: str = ""
    corrections: tuple[CorrectionItem, ...] = ()
    fee_notice: FeeNoticeSpec | None = None
    window: str | None = None  # the hall window that took the step, where one did (CIVIC-3)


@dataclass(frozen=True)
class ResultDelivered:
    """A case's result delivered to the applicant's door by the courier (妥投), as we tell the
    core system: it records the delivery (送达) and closes the case (completed)."""

    courier: str  # "ems"
    mail_no: str
    delivered_at: datetime


class CoreApproval(Protocol):
    """What the approval package asks of the core system. Every method may raise
    CoreUnavailable; the ones that change a case may raise CoreRefused."""

    async def catalogue(self) -> list[ItemSpec]: ...

    async def submit(self, submission: Submission) -> str:
        """Hand over an application; answers the core system's case reference (受理编号)."""
        ...

    async def supplement(self, core_ref: str, materials: tuple[SubmittedMaterial, ...]) -> None: ...

    async def withdraw(self, core_ref: str) -> None: ...

    async def progress(self, core_ref: str) -> list[ProgressEvent]:
        """Every step of the case so far, oldest first (the periodic sync's question)."""
        ...

    async def elicences(self, id_number: str) -> list[ELicence]: ...

    async def report_delivery(self, core_ref: str, delivered: ResultDelivered) -> None:
        """The case's result was delivered: the core system completes the case (a step of
        its own, pushed like any other). A repeat for a case it completed is no error; a case
        whose result is not ready is refused ("not_result_ready")."""
        ...

    async def aclose(self) -> None: ...


class CoreAuthRejected(CoreUnavailable):
    """The core system refused our request's signature (401): our app id, secret or clock is
    wrong. A CoreUnavailable to callers (nothing they can do), distinct for the logs and
    tests, and never retried (a retry is signed with the same secret and clock)."""


# ================================================================================ signing

WINDOW_SECONDS = 300
# A nonce is remembered for the whole span its timestamp is accepted (the window either side).
NONCE_SECONDS = 2 * WINDOW_SECONDS


def signed_message(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """METHOD\\npath\\ntimestamp\\nnonce\\nhex(SHA-256(body)): what is signed, both ways."""
    digest = hashlib.sha256(body).hexdigest()
    return "\n".join((method.upper(), path, timestamp, nonce, digest)).encode()


def signature(secret: str, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    """base64(HMAC-SHA256(secret, signed_message(...)))."""
    message = signed_message(method, path, timestamp, nonce, body)
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def signed_headers(app_id: str, secret: str, method: str, path: str, body: bytes) -> dict[str, str]:
    """The headers of one signed request or webhook: a fresh timestamp and nonce every time,
    so a retry is a new request and not a replay."""
    timestamp, nonce = str(int(time.time())), secrets.token_hex(16)
    return {
        "Content-Type": "application/json",
        "X-App-Id": app_id,
        "X-Timestamp": timestamp,
        "X-Nonce": nonce,
        "X-Signature": signature(secret, method, path, timestamp, nonce, body),
    }


# ======================================================================= JSON, both ways
#
# Readers are strict: a field of the wrong type, a missing field, a date without its offset or
# a status we do not know is a ValueError naming the field, and nothing else is raised (the
# webhook route answers 400 on it). Fields the vendor adds that we do not know are ignored,
# so the core system can grow without breaking us. Fields with a default may be absent.

Parsed = TypeVar("Parsed")
# What our columns hold (a case's sequence is a 32-bit integer, an amount a 64-bit one): a
# larger number is no step or fee of any case, and is refused as malformed, not stored.
MAX_SEQUENCE = 2**31 - 1
MAX_FEN = 2**63 - 1


class _Fields:
    """The fields of one JSON object, each read as the type it must have."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        self._value: dict[str, object] = value
        self._where = where

    def _get(self, name: str) -> object:
        if name not in self._value:
            raise ValueError(f"{self._where}.{name}: missing")
        return self._value[name]

    def _wrong(self, name: str, expected: str) -> ValueError:
        return ValueError(f"{self._where}.{name}: expected {expected}")

    def has(self, name: str) -> bool:
        return self._value.get(name) is not None

    def text(self, name: str, *, nonempty: bool = False, longest: int | None = None) -> str:
        value = self._get(name)
        if not isinstance(value, str) or (nonempty and not value):
            raise self._wrong(name, "a non-empty string" if nonempty else "a string")
        if longest is not None and len(value) > longest:
            raise self._wrong(name, f"at most {longest} characters")
        return value

    def optional_text(self, name: str) -> str | None:
        return self.text(name) if self.has(name) else None

    def integer(self, name: str, *, least: int | None = None, most: int | None = None) -> int:
        value = self._get(name)
        # JSON's true is not 1, and 2.0 is not a count.
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(name, "an integer")
        if least is not None and value < least:
            raise self._wrong(name, f"an integer of at least {least}")
        if most is not None and value > most:
            raise self._wrong(name, f"an integer of at most {most}")
        return value

    def boolean(self, name: str) -> bool:
        value = self._get(name)
        if not isinstance(value, bool):
            raise self._wrong(name, "true or false")
        return value

    def mapping(self, name: str) -> dict[str, Any]:
        value = self._get(name)
        if not isinstance(value, dict):
            raise self._wrong(name, "an object")
        return value

    def each(self, name: str, read: Callable[[object, str], Parsed]) -> tuple[Parsed, ...]:
        value = self._get(name)
        if not isinstance(value, list):
            raise self._wrong(name, "a list")
        return tuple(read(entry, f"{self._where}.{name}[{i}]") for i, entry in enumerate(value))

    def day(self, name: str) -> date:
        text = self.text(name)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise self._wrong(name, "an ISO 8601 date") from None

    def optional_day(self, name: str) -> date | None:
        return self.day(name) if self.has(name) else None

    def moment(self, name: str) -> datetime:
        text = self.text(name)
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise self._wrong(name, "an ISO 8601 time") from None
        if value.utcoffset() is None:
            raise self._wrong(name, "a time with its UTC offset")
        return value

    def choice(self, name: str, allowed: Sequence[str]) -> str:
        value = self.text(name)
        if value not in allowed:
            raise self._wrong(name, "one of " + ", ".join(allowed))
        return value


MATERIAL_FORMS = ("original", "copy", "original_and_copy", "electronic")
MATERIAL_SOURCES = ("upload", "elicence", "reuse")
DELIVERIES = ("window", "ems")


def material_spec_to_json(spec: MaterialSpec) -> JsonObject:
    return {
        "code": spec.code,
        "name": spec.name,
        "required": spec.required,
        "form": spec.form,
        "copies": spec.copies,
        "elicence_type": spec.elicence_type,
    }


def material_spec_from_json(value: object, where: str = "material") -> MaterialSpec:
    read = _Fields(value, where)
    return MaterialSpec(
        code=read.text("code", nonempty=True),
        name=read.text("name"),
        required=read.boolean("required"),
        form=read.choice("form", MATERIAL_FORMS),
        copies=read.integer("copies", least=0) if read.has("copies") else 1,
        elicence_type=read.optional_text("elicence_type"),
    )


def fee_to_json(fee: FeeSpec) -> JsonObject:
    return {"code": fee.code, "name": fee.name, "amount_fen": fee.amount_fen}


def fee_from_json(value: object, where: str = "fee") -> FeeSpec:
    read = _Fields(value, where)
    return FeeSpec(
        code=read.text("code", nonempty=True),
        name=read.text("name"),
        amount_fen=read.integer("amount_fen", least=0),
    )


def item_to_json(item: ItemSpec) -> JsonObject:
    return {
        "code": item.code,
        "name": item.name,
        "department_code": item.department_code,
        "department_name": item.department_name,
        "kind": item.kind,
        "conditions": item.conditions,
        "materials": [material_spec_to_json(m) for m in item.materials],
        "legal_limit_days": item.legal_limit_days,
        "promised_limit_days": item.promised_limit_days,
        "fees": [fee_to_json(f) for f in item.fees],
        "visits": item.visits,
        "online_depth": item.online_depth,
        "appointment": item.appointment,
        "online": item.online,
        "ems_delivery": item.ems_delivery,
        "payment": item.payment,
        "queue_code": item.queue_code,
        "required_level": item.required_level,
        "form_schema": item.form_schema,
        "version": item.version,
    }


def item_from_json(value: object, where: str = "item") -> ItemSpec:
    read = _Fields(value, where)
    return ItemSpec(
        code=read.text("code", nonempty=True),
        name=read.text("name"),
        department_code=read.text("department_code"),
        department_name=read.text("department_name"),
        kind=read.text("kind"),
        conditions=read.text("conditions"),
        materials=read.each("materials", material_spec_from_json),
        legal_limit_days=read.integer("legal_limit_days", least=0),
        promised_limit_days=read.integer("promised_limit_days", least=0),
        fees=read.each("fees", fee_from_json),
        visits=read.integer("visits", least=0),
        online_depth=read.integer("online_depth", least=1),
        appointment=read.boolean("appointment"),
        online=read.boolean("online"),
        ems_delivery=read.boolean("ems_delivery"),
        payment=read.boolean("payment"),
        queue_code=read.optional_text("queue_code"),
        required_level=read.integer("required_level") if read.has("required_level") else 2,
        form_schema=read.mapping("form_schema") if read.has("form_schema") else {},
        version=read.integer("version", least=1) if read.has("version") else 1,
    )


def elicence_to_json(licence: ELicence) -> JsonObject:
    return {
        "licence_type": licence.licence_type,
        "licence_number": licence.licence_number,
        "name": licence.name,
        "issuer": licence.issuer,
        "valid_until": licence.valid_until.isoformat() if licence.valid_until else None,
    }


def elicence_from_json(value: object, where: str = "elicence") -> ELicence:
    read = _Fields(value, where)
    return ELicence(
        licence_type=read.text("licence_type", nonempty=True),
        licence_number=read.text("licence_number", nonempty=True),
        name=read.text("name"),
        issuer=read.text("issuer"),
        valid_until=read.optional_day("valid_until"),
    )


def submitted_material_to_json(material: SubmittedMaterial) -> JsonObject:
    return {
        "material_code": material.material_code,
        "source": material.source,
        "file_digest": material.file_digest,
        "file_url": material.file_url,
        "media_type": material.media_type,
        "licence_type": material.licence_type,
        "licence_number": material.licence_number,
    }


def submitted_material_from_json(value: object, where: str = "material") -> SubmittedMaterial:
    read = _Fields(value, where)
    return SubmittedMaterial(
        material_code=read.text("material_code", nonempty=True),
        source=read.choice("source", MATERIAL_SOURCES),
        file_digest=read.optional_text("file_digest"),
        file_url=read.optional_text("file_url"),
        media_type=read.optional_text("media_type"),
        licence_type=read.optional_text("licence_type"),
        licence_number=read.optional_text("licence_number"),
    )


def submission_to_json(submission: Submission) -> JsonObject:
    return {
        "application_id": submission.application_id,
        "item_code": submission.item_code,
        "applicant_id_number": submission.applicant_id_number,
        "applicant_name": submission.applicant_name,
        "form": submission.form,
        "materials": [submitted_material_to_json(m) for m in submission.materials],
        "delivery": submission.delivery,
    }


def submission_from_json(value: object, where: str = "submission") -> Submission:
    read = _Fields(value, where)
    return Submission(
        application_id=read.text("application_id", nonempty=True),
        item_code=read.text("item_code", nonempty=True),
        applicant_id_number=read.text("applicant_id_number", nonempty=True)
        if read.has("applicant_id_number")
        else None,
        applicant_name=read.text("applicant_name", nonempty=True)
        if read.has("applicant_name")
        else None,
        form=read.mapping("form"),
        materials=read.each("materials", submitted_material_from_json),
        delivery=read.choice("delivery", DELIVERIES),
    )


def delivered_to_json(delivered: ResultDelivered) -> JsonObject:
    return {
        "courier": delivered.courier,
        "mail_no": delivered.mail_no,
        "delivered_at": delivered.delivered_at.isoformat(),
    }


def delivered_from_json(value: object, where: str = "delivery") -> ResultDelivered:
    read = _Fields(value, where)
    return ResultDelivered(
        courier=read.text("courier", nonempty=True, longest=16),
        mail_no=read.text("mail_no", nonempty=True, longest=32),
        delivered_at=read.moment("delivered_at"),
    )


def correction_to_json(correction: CorrectionItem) -> JsonObject:
    return {"material_code": correction.material_code, "reason": correction.reason}


def correction_from_json(value: object, where: str = "correction") -> CorrectionItem:
    read = _Fields(value, where)
    return CorrectionItem(read.text("material_code", nonempty=True), read.text("reason"))


def fee_notice_to_json(notice: FeeNoticeSpec) -> JsonObject:
    return {
        "notice_number": notice.notice_number,
        "payee_code": notice.payee_code,
        "region_code": notice.region_code,
        "total_fen": notice.total_fen,
        "due_date": notice.due_date.isoformat(),
        "items": [fee_to_json(f) for f in notice.items],
    }


def fee_notice_from_json(value: object, where: str = "fee_notice") -> FeeNoticeSpec:
    read = _Fields(value, where)
    return FeeNoticeSpec(
        # As long as our columns hold: a longer one is malformed (400), never a 500.
        notice_number=read.text("notice_number", nonempty=True, longest=32),
        payee_code=read.text("payee_code", longest=32),
        region_code=read.text("region_code", longest=12),
        total_fen=read.integer("total_fen", least=0, most=MAX_FEN),
        due_date=read.day("due_date"),
        items=read.each("items", fee_from_json),
    )


def event_to_json(event: ProgressEvent) -> JsonObject:
    return {
        "event_id": event.event_id,
        "core_ref": event.core_ref,
        "application_id": event.application_id,
        "sequence": event.sequence,
        "status": event.status.value,
        "at": event.at.isoformat(),
        "department": event.department,
        "note": event.note,
        "corrections": [correction_to_json(c) for c in event.corrections],
        "fee_notice": fee_notice_to_json(event.fee_notice) if event.fee_notice else None,
        "window": event.window,
    }


def event_from_json(value: object, where: str = "event") -> ProgressEvent:
    """One progress event from the webhook's or the events endpoint's JSON. Anything malformed
    is a ValueError (and only that): the callback route answers it 400."""
    read = _Fields(value, where)
    return ProgressEvent(
        event_id=read.text("event_id", nonempty=True, longest=128),
        core_ref=read.text("core_ref", nonempty=True, longest=64),
        application_id=read.text("application_id", nonempty=True, longest=32),
        sequence=read.integer("sequence", least=1, most=MAX_SEQUENCE),
        status=CoreStatus(read.choice("status", [s.value for s in CoreStatus])),
        at=read.moment("at"),
        department=read.text("department"),
        note=read.text("note") if read.has("note") else "",
        corrections=read.each("corrections", correction_from_json)
        if read.has("corrections")
        else (),
        fee_notice=fee_notice_from_json(read.mapping("fee_notice"))
        if read.has("fee_notice")
        else None,
        window=read.text("window", nonempty=True, longest=32) if read.has("window") else None,
    )


def events_from_json(value: object) -> list[ProgressEvent]:
    """The events of a webhook body or an events answer, `{"events": [...]}`."""
    return list(_Fields(value, "body").each("events", event_from_json))


def _dumps(value: JsonObject) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


# ============================================================================ the client

RETRY_ATTEMPTS = 3  # the first try and two more, for idempotent calls only
RETRY_BACKOFF_SECONDS = (0.2, 0.5)


class _Transient(Exception):
    """A failure a retry may mend: no answer, a 5xx or 429, an answer cut short."""


class CoreApprovalClient:
    """`CoreApproval` over HTTP to the hall's core system (the wire protocol is written down in
    miniprogram_contract/CORE_SYSTEM.md). `timeout` bounds each whole call, retries included,
    so a caller waiting on a citizen's request never waits longer."""

    def __init__(
        self,
        base_url: str,
        app_id: str,
        secret: str,
        *,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
        attempts: int = RETRY_ATTEMPTS,
        backoff: Sequence[float] = RETRY_BACKOFF_SECONDS,
    ) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)
        self._app_id = app_id
        self._secret = secret
        self._timeout = timeout
        self._attempts = max(1, attempts)
        self._backoff = tuple(backoff) or (0.0,)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def catalogue(self) -> list[ItemSpec]:
        answer = await self._call("GET", "/v1/catalogue", None, retry=True)
        return _read_answer(lambda: list(_Fields(answer, "body").each("items", item_from_json)))

    async def submit(self, submission: Submission) -> str:
        # Safe to retry: the core system takes a second submission of one application_id as
        # the first, so a retry after a lost answer cannot open a second case.
        answer = await self._call("POST", "/v1/cases", submission_to_json(submission), retry=True)
        return _read_answer(lambda: _Fields(answer, "body").text("core_ref", nonempty=True))

    async def supplement(self, core_ref: str, materials: tuple[SubmittedMaterial, ...]) -> None:
        body = {"materials": [submitted_material_to_json(m) for m in materials]}
        await self._call("POST", f"{_case_path(core_ref)}/supplements", body, retry=False)

    async def withdraw(self, core_ref: str) -> None:
        await self._call("POST", f"{_case_path(core_ref)}/withdrawal", {}, retry=False)

    async def progress(self, core_ref: str) -> list[ProgressEvent]:
        answer = await self._call("GET", f"{_case_path(core_ref)}/events", None, retry=True)
        events = _read_answer(lambda: events_from_json(answer))
        return sorted(events, key=lambda event: event.sequence)

    async def elicences(self, id_number: str) -> list[ELicence]:
        body = {"id_number": id_number}
        answer = await self._call("POST", "/v1/elicences/query", body, retry=True)
        return _read_answer(
            lambda: list(_Fields(answer, "body").each("elicences", elicence_from_json))
        )

    async def report_delivery(self, core_ref: str, delivered: ResultDelivered) -> None:
        # Safe to retry: the core system takes a repeat for a case it completed as the first.
        path = f"{_case_path(core_ref)}/delivery"
        await self._call("POST", path, delivered_to_json(delivered), retry=True)

    async def _call(
        self, method: str, path: str, body: JsonObject | None, *, retry: bool
    ) -> JsonObject:
        """The answer's JSON object, after up to `attempts` tries when `retry`, all within
        the timeout."""
        content = b"" if body is None else _dumps(body)
        attempts = self._attempts if retry else 1
        try:
            async with asyncio.timeout(self._timeout):
                for attempt in range(1, attempts + 1):
                    try:
                        return await self._once(method, path, content)
                    except _Transient as exc:
                        if attempt == attempts:
                            raise CoreUnavailable(str(exc)) from exc
                        await asyncio.sleep(self._backoff[min(attempt, len(self._backoff)) - 1])
        except TimeoutError as exc:
            raise CoreUnavailable(f"no answer within {self._timeout} s") from exc
        raise AssertionError("unreachable: the last attempt answers or raises")

    async def _once(self, method: str, path: str, content: bytes) -> JsonObject:
        request = self._http.build_request(method, path, content=content or None)
        # Signed over the path exactly as it goes on the wire (the base URL's prefix included).
        wire_path = request.url.raw_path.decode("ascii").split("?", 1)[0]
        request.headers.update(
            signed_headers(self._app_id, self._secret, method, wire_path, content)
        )
        try:
            response = await self._http.send(request)
        except httpx.HTTPError as exc:
            raise _Transient(type(exc).__name__) from exc
        return _answer_of(response)


def _case_path(core_ref: str) -> str:
    return f"/v1/cases/{quote(core_ref, safe='')}"


def _answer_of(response: httpx.Response) -> JsonObject:
    """A 2xx answer's JSON object; every other answer raised as what it means to us."""
    status = response.status_code
    if status in (404, 409, 422):  # 404: an unknown case, with its reason
        raise CoreRefused(_reason_of(response, status))
    if status == 401:
        raise CoreAuthRejected("the core system refused our signature")
    if status >= 500 or status == 429:
        raise _Transient(f"HTTP {status}")
    if not 200 <= status < 300:
        raise CoreUnavailable(f"HTTP {status}")
    try:
        answer = response.json()
    except ValueError as exc:  # a body cut short or not JSON at all
        raise _Transient("unreadable answer") from exc
    if not isinstance(answer, dict):
        raise CoreUnavailable("the answer is not a JSON object")
    return answer


def _reason_of(response: httpx.Response, status: int) -> str:
    try:
        reason = response.json().get("reason")
    except (ValueError, AttributeError):
        reason = None
    if not isinstance(reason, str) or not reason:
        # A refusal that does not say why is not one we can show or act on.
        raise CoreUnavailable(f"HTTP {status} without a reason")
    return reason


def _read_answer(read: Callable[[], Parsed]) -> Parsed:
    """What a 2xx answer carries; an answer that does not fit is the core system's fault."""
    try:
        return read()
    except ValueError as exc:
        raise CoreUnavailable(f"unexpected answer: {exc}") from exc


# =========================================================================== the sandbox
#
# The core system's side, served under /sandbox/core over loopback HTTP, in the spirit of a
# payment provider's test mode. It checks every request as the real one does (signature,
# timestamp window, nonce once: 401 otherwise), keeps its cases, their events and its
# e-licence register in Redis (so every server process plays one system), and pushes every
# step of a case, the ones our own calls caused included, as a signed webhook. Tests and the
# demo move cases on with the control endpoints, which the real system does not have:
#
# - `POST /sandbox/core/control/cases/{core_ref}/{action}`, action one of accept,
#   request_correction (body `{"corrections": [CorrectionItem]}`), approve, refuse,
#   result_ready, issue_fee_notice (body `{"fee_notice": FeeNoticeSpec}`, or none: one is made
#   from the item's fees); any body may carry `"note"`. Answers `{"event": event}` once the
#   webhook was delivered, 409 `{"reason"}` for a step the case's status does not allow.
# - `POST /sandbox/core/control/cases/{core_ref}/redeliver`: every event again, newest first.
# - `POST /sandbox/core/control/elicences` with `{"id_number", "elicences": [ELicence]}`.

log = logging.getLogger("yiwang.sandbox.core")

SANDBOX_PREFIX = "/sandbox/core"
EVENTS_KEPT = 1000  # per case; far more steps than any case takes
DELIVERIES_KEPT = 200
WEBHOOK_TIMEOUT_SECONDS = 5.0
FEE_NOTICE_DAYS = 15
SANDBOX_REGION_CODE = "350100"

Action = Literal[
    "accept", "request_correction", "approve", "refuse", "result_ready", "issue_fee_notice"
]
Endpoint = Literal[
    "catalogue", "submit", "supplement", "withdraw", "events", "elicences", "delivery"
]


@dataclass(frozen=True)
class _Step:
    """What an action does: the status it leads to (None: the status stays, as a fee notice
    leaves the case where it was) and the statuses it may be taken from."""

    to: CoreStatus | None
    allowed_from: frozenset[CoreStatus]


_S = CoreStatus
STEPS: dict[str, _Step] = {
    "accept": _Step(_S.ACCEPTED, frozenset({_S.SUBMITTED, _S.SUPPLEMENTED})),
    "request_correction": _Step(
        _S.CORRECTION_REQUESTED, frozenset({_S.SUBMITTED, _S.ACCEPTED, _S.SUPPLEMENTED})
    ),
    "approve": _Step(_S.APPROVED, frozenset({_S.ACCEPTED, _S.SUPPLEMENTED})),
    "refuse": _Step(
        _S.REFUSED,
        frozenset({_S.SUBMITTED, _S.ACCEPTED, _S.CORRECTION_REQUESTED, _S.SUPPLEMENTED}),
    ),
    "result_ready": _Step(_S.RESULT_READY, frozenset({_S.APPROVED})),
    "issue_fee_notice": _Step(None, frozenset({_S.ACCEPTED, _S.APPROVED})),
}


@dataclass(frozen=True)
class _Case:
    core_ref: str
    application_id: str
    item_code: str
    department: str
    status: CoreStatus

    def to_json(self) -> JsonObject:
        return {
            "core_ref": self.core_ref,
            "application_id": self.application_id,
            "item_code": self.item_code,
            "department": self.department,
            "status": self.status.value,
        }

    @classmethod
    def from_json(cls, value: JsonObject) -> _Case:
        return cls(
            str(value["core_ref"]),
            str(value["application_id"]),
            str(value["item_code"]),
            str(value["department"]),
            CoreStatus(value["status"]),
        )


class CoreApprovalSandbox:
    """The core approval system's side. `catalogue` is what it publishes; `webhook_url` is
    where it pushes progress (our `/callbacks/approval/progress`)."""

    def __init__(
        self,
        app_id: str,
        secret: str,
        catalogue: Sequence[ItemSpec],
        webhook_url: str,
        *,
        webhook_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.app_id = app_id
        self.secret = secret
        self.items = tuple(catalogue)
        self._by_code = {item.code: item for item in self.items}
        self.webhook_url = webhook_url
        self._webhook_path = urlsplit(webhook_url).path or "/"
        self._webhook_transport = webhook_transport
        self._pushing: set[asyncio.Task[int]] = set()

    @staticmethod
    def _state(redis: Redis) -> SandboxState:
        return SandboxState(redis, "core")

    # ------------------------------------------------------------------ checking a request

    async def problem_with(
        self, redis: Redis, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> str | None:
        """Why a request must be refused 401, or None. `headers` have lower-case names."""
        if headers.get("x-app-id") != self.app_id:
            return "unknown app"
        timestamp, nonce = headers.get("x-timestamp", ""), headers.get("x-nonce", "")
        if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 12:
            return "timestamp outside the window"
        if abs(time.time() - int(timestamp)) > WINDOW_SECONDS:
            return "timestamp outside the window"
        if not nonce or len(nonce) > 128:
            return "nonce reused"
        expected = signature(self.secret, method, path, timestamp, nonce, body)
        if not same_signature(expected, headers.get("x-signature", "")):
            return "bad signature"
        # Only a signed request spends its nonce: a forgery cannot burn a caller's nonces.
        if not await self._state(redis).first_time("nonce", nonce, NONCE_SECONDS):
            return "nonce reused"
        return None

    async def arrived(self, redis: Redis, endpoint: Endpoint) -> bool:
        """Count a request to `endpoint`; True if a test asked for it to fail (503)."""
        state = self._state(redis)
        await state.count("requests", endpoint)
        return await state.spend_one("faults", endpoint)

    # ------------------------------------------------------------------ the wire side

    async def open_case(self, redis: Redis, submission: Submission) -> tuple[str, bool]:
        """The case for this application: (core_ref, True) when it is new, the existing one's
        reference and False for a repeat."""
        item = self._by_code.get(submission.item_code)
        if item is None:
            raise CoreRefused("unknown_item")
        state = self._state(redis)
        core_ref = f"CR{secrets.token_hex(8).upper()}"
        # The application id is claimed first (SET NX): of two submissions at once, one opens
        # the case and the other is told its reference.
        claimed = await state.put(
            "application", submission.application_id, {"core_ref": core_ref}, None, only_new=True
        )
        if not claimed:
            existing = await state.get("application", submission.application_id) or {}
            return str(existing.get("core_ref", "")), False
        case = _Case(
            core_ref, submission.application_id, item.code, item.department_name, _S.SUBMITTED
        )
        await state.put("case", core_ref, case.to_json(), None)
        self._push_later(redis, await self._record(redis, case, _S.SUBMITTED))
        return core_ref, True

    async def supplement(
        self, redis: Redis, core_ref: str, materials: tuple[SubmittedMaterial, ...]
    ) -> ProgressEvent:
        case = await self._case(redis, core_ref)
        if case.status is not _S.CORRECTION_REQUESTED:
            raise CoreRefused("not_awaiting_correction")
        codes = ", ".join(m.material_code for m in materials)
        event = await self._record(redis, case, _S.SUPPLEMENTED, note=f"补正材料: {codes}")
        self._push_later(redis, event)
        return event

    async def withdraw(self, redis: Redis, core_ref: str) -> None:
        case = await self._case(redis, core_ref)
        if case.status is _S.WITHDRAWN:
            return  # a repeat of a withdrawal that went through
        if case.status is _S.REFUSED:
            raise CoreRefused("already_decided")
        steps = await self._state(redis).items(f"events:{core_ref}")
        ever_accepted = any(step.get("status") == _S.ACCEPTED.value for step in steps)
        # Before acceptance only: a correction asked at intake still leaves it withdrawable.
        if case.status not in (_S.SUBMITTED, _S.CORRECTION_REQUESTED) or ever_accepted:
            raise CoreRefused("already_accepted")
        self._push_later(redis, await self._record(redis, case, _S.WITHDRAWN, note="申请人撤回"))

    async def record_delivery(
        self, redis: Redis, core_ref: str, delivered: ResultDelivered
    ) -> CoreStatus:
        """The result reached the applicant: the case is completed (a step, pushed after the
        answer); a case completed already stays as it is."""
        case = await self._case(redis, core_ref)
        if case.status is _S.COMPLETED:
            return case.status
        if case.status is not _S.RESULT_READY:
            raise CoreRefused("not_result_ready")
        note = f"结果已由{delivered.courier.upper()}送达（邮件号 {delivered.mail_no}）"
        self._push_later(redis, await self._record(redis, case, _S.COMPLETED, note=note))
        return _S.COMPLETED

    async def events(self, redis: Redis, core_ref: str) -> list[ProgressEvent]:
        """Every step of the case, oldest first."""
        await self._case(redis, core_ref)
        stored = await self._state(redis).items(f"events:{core_ref}")
        return sorted((event_from_json(e) for e in stored), key=lambda e: e.sequence)

    async def elicences(self, redis: Redis, id_number: str) -> list[ELicence]:
        found = await self._state(redis).get("elicences", _person_key(id_number))
        return list(
            _Fields(found or {"elicences": []}, "register").each("elicences", elicence_from_json)
        )

    # ------------------------------------------------------------------ the test side

    async def act(
        self,
        redis: Redis,
        core_ref: str,
        action: Action,
        *,
        corrections: Sequence[CorrectionItem] = (),
        fee_notice: FeeNoticeSpec | None = None,
        note: str = "",
    ) -> ProgressEvent:
        """Take one step on a case as the core system's staff would, and push it to the
        webhook (awaited). CoreRefused("invalid_transition") for a step its status does not
        allow; ValueError for a correction notice that lists nothing."""
        step = STEPS.get(action)
        if step is None:
            raise ValueError(f"no action {action!r}")
        case = await self._case(redis, core_ref)
        if case.status not in step.allowed_from:
            raise CoreRefused("invalid_transition")
        if action == "request_correction" and not corrections:
            raise ValueError("a correction notice lists every material it wants")
        if action == "issue_fee_notice" and fee_notice is None:
            fee_notice = self._fee_notice_for(case)
        event = await self._record(
            redis,
            case,
            step.to or case.status,
            note=note,
            corrections=tuple(corrections) if action == "request_correction" else (),
            fee_notice=fee_notice if action == "issue_fee_notice" else None,
        )
        await self._deliver(redis, [event])
        return event

    async def redeliver(self, redis: Redis, core_ref: str) -> list[int]:
        """Push every event of the case again, one webhook each, newest first (for tests that
        the receiver ends in the same state whatever the order). The webhook's statuses."""
        statuses = []
        for event in reversed(await self.events(redis, core_ref)):
            statuses.append(await self._deliver(redis, [event]))
        return statuses

    async def register_elicences(
        self, redis: Redis, id_number: str, licences: Sequence[ELicence]
    ) -> None:
        value = {"elicences": [elicence_to_json(licence) for licence in licences]}
        await self._state(redis).put("elicences", _person_key(id_number), value, None)

    async def fail_next(self, redis: Redis, endpoint: Endpoint, times: int = 1) -> None:
        """Answer the next `times` requests to `endpoint` 503 (after checking their signature)."""
        for _ in range(times):
            await self._state(redis).give_one("faults", endpoint)

    async def requests(self, redis: Redis) -> dict[str, int]:
        """How many requests reached each endpoint, refused ones included."""
        return await self._state(redis).counts("requests")

    async def deliveries(self, redis: Redis) -> list[JsonObject]:
        """The webhook deliveries, oldest first: `{"sequences", "status"}` (status 0: no
        answer)."""
        return await self._state(redis).items("deliveries")

    async def settle(self) -> None:
        """Wait for the webhooks still being pushed in the background."""
        while self._pushing:
            await asyncio.gather(*self._pushing, return_exceptions=True)

    # ------------------------------------------------------------------ inside

    async def _case(self, redis: Redis, core_ref: str) -> _Case:
        found = await self._state(redis).get("case", core_ref)
        if found is None:
            raise CoreRefused("unknown_case")
        return _Case.from_json(found)

    async def _record(
        self,
        redis: Redis,
        case: _Case,
        status: CoreStatus,
        *,
        note: str = "",
        corrections: tuple[CorrectionItem, ...] = (),
        fee_notice: FeeNoticeSpec | None = None,
    ) -> ProgressEvent:
        """Append the case's next step and move its status. The sequence is HINCRBY, so two
        steps at once are numbered apart; the status check before it is a read-then-write,
        which a sandbox driven by one test at a time can afford."""
        state = self._state(redis)
        event = ProgressEvent(
            event_id=f"EV{secrets.token_hex(8).upper()}",
            core_ref=case.core_ref,
            application_id=case.application_id,
            sequence=await state.count("sequence", case.core_ref),
            status=status,
            at=clock.shown(clock.now()),
            department=case.department,
            note=note,
            corrections=corrections,
            fee_notice=fee_notice,
        )
        await state.append_capped(f"events:{case.core_ref}", event_to_json(event), EVENTS_KEPT)
        moved = _Case(case.core_ref, case.application_id, case.item_code, case.department, status)
        await state.put("case", case.core_ref, moved.to_json(), None)
        return event

    def _fee_notice_for(self, case: _Case) -> FeeNoticeSpec:
        item = self._by_code.get(case.item_code)
        fees = item.fees if item else ()
        if not fees:
            raise ValueError("the item has no fees: give the fee notice")
        return FeeNoticeSpec(
            notice_number=f"FN{secrets.token_hex(6).upper()}",
            payee_code=item.department_code if item else "",
            region_code=SANDBOX_REGION_CODE,
            total_fen=sum(fee.amount_fen for fee in fees),
            due_date=clock.local(clock.now()).date() + timedelta(days=FEE_NOTICE_DAYS),
            items=fees,
        )

    def _push_later(self, redis: Redis, event: ProgressEvent) -> None:
        """Push a step our own call caused after answering it, as the real system does: our
        caller may hold the application's row while it waits, and the webhook would wait on
        that row."""
        task = asyncio.get_running_loop().create_task(self._deliver(redis, [event]))
        self._pushing.add(task)
        task.add_done_callback(self._pushing.discard)

    async def _deliver(self, redis: Redis, events: Sequence[ProgressEvent]) -> int:
        """One signed webhook; its HTTP status, or 0 if it got no answer (the real system
        would retry later; here the periodic sync or a test's redeliver catches up)."""
        body = _dumps({"events": [event_to_json(event) for event in events]})
        headers = signed_headers(self.app_id, self.secret, "POST", self._webhook_path, body)
        try:
            async with httpx.AsyncClient(
                timeout=WEBHOOK_TIMEOUT_SECONDS, transport=self._webhook_transport
            ) as http:
                status = (
                    await http.post(self.webhook_url, content=body, headers=headers)
                ).status_code
        except httpx.HTTPError as exc:
            log.warning("core sandbox: webhook got no answer (%s)", type(exc).__name__)
            status = 0
        delivery = {"sequences": [event.sequence for event in events], "status": status}
        try:
            await self._state(redis).append_capped("deliveries", delivery, DELIVERIES_KEPT)
        except RedisError as exc:  # a background push outliving the test's Redis
            log.warning("core sandbox: delivery not recorded (%s)", type(exc).__name__)
        return status


def _person_key(id_number: str) -> str:
    """The register's key for a person: a digest, so no ID number sits in a Redis key."""
    return hashlib.sha256(id_number.encode()).hexdigest()


# -------------------------------------------------------------------- the sandbox's routes

_REFUSAL_STATUS = {"unknown_case": 404, "unknown_item": 422}


async def _admitted(
    sandbox: CoreApprovalSandbox, request: Request, endpoint: Endpoint
) -> HTTPResponse | None:
    """None if the request may go on; otherwise the answer that refuses it."""
    redis = sandbox_redis(request)
    failing = await sandbox.arrived(redis, endpoint)
    headers = {name.lower(): value for name, value in request.headers.items()}
    problem = await sandbox.problem_with(
        redis, request.method, request.path, headers, request.body or b""
    )
    if problem:
        return json_response({"error": problem}, status=401)
    if failing:
        return json_response({"error": "unavailable (a test asked for it)"}, status=503)
    return None


async def _answered(work: Awaitable[tuple[int, JsonObject]]) -> HTTPResponse:
    """Run a handler's work; refusals and unreadable input become the answers the real system
    gives (4xx with a reason), never a 500."""
    try:
        status, body = await work
    except CoreRefused as refused:
        status = _REFUSAL_STATUS.get(refused.reason, 409)
        body = {"reason": refused.reason}
    except ValueError as bad:  # json.JSONDecodeError and the readers' errors included
        status, body = 400, {"error": str(bad)}
    return json_response(body, status=status, ensure_ascii=False)


def _json_body(request: Request) -> object:
    return json.loads(request.body or b"{}")


def sandbox_blueprint(sandbox: CoreApprovalSandbox) -> Blueprint:
    bp = Blueprint("sandbox_core", url_prefix=SANDBOX_PREFIX)

    @bp.get("/v1/catalogue")
    @requires(PUBLIC)
    async def catalogue(request: Request) -> HTTPResponse:
        refusal = await _admitted(sandbox, request, "catalogue")
        items = [item_to_json(item) for item in sandbox.items]
        return refusal or json_response({"items": items}, ensure_ascii=False)

    @bp.post("/v1/cases")
    @requires(PUBLIC)
    async def submit(request: Request) -> HTTPResponse:
        async def work() -> tuple[int, JsonObject]:
            submission = submission_from_json(_json_body(request))
            core_ref, new = await sandbox.open_case(sandbox_redis(request), submission)
            return (201 if new else 200), {"core_ref": core_ref}

        return await _admitted(sandbox, request, "submit") or await _answered(work())

    @bp.post("/v1/cases/<core_ref>/supplements")
    @requires(PUBLIC)
    async def supplement(request: Request, core_ref: str) -> HTTPResponse:
        async def work() -> tuple[int, JsonObject]:
            read = _Fields(_json_body(request), "body")
            materials = read.each("materials", submitted_material_from_json)
            await sandbox.supplement(sandbox_redis(request), core_ref, materials)
            return 200, {"core_ref": core_ref, "status": _S.SUPPLEMENTED.value}

        return await _admitted(sandbox, request, "supplement") or await _answered(work())

    @bp.post("/v1/cases/<core_ref>/withdrawal")
    @requires(PUBLIC)
    async def withdraw(request: Request, core_ref: str) -> HTTPResponse:
        async def work() -> tuple[int, JsonObject]:
            await sandbox.withdraw(sandbox_redis(request), core_ref)
            return 200, {"core_ref": core_ref, "status": _S.WITHDRAWN.value}

        return await _admitted(sandbox, request, "withdraw") or await _answered(work())

    @bp.get("/v1/cases/<core_ref>/events")
    @requires(PUBLIC)
    async def events(request: Request, core_ref: str) -> HTTPResponse:
        async def work() -> tuple[int, JsonObject]:
            found = await sandbox.events(sandbox_redis(request), core_ref)
            return 200, {"events": [event_to_json(event) for event in found]}

        return await _admitted(sandbox, request, "events") or await _answered(work())

    @bp.post("/v1/cases/<core_ref>/delivery")
    @requires(PUBLIC)
    async def delivery(request: Request, core_ref: str) -> HTTPResponse:
        async def work() -> tuple[int, JsonObject]:
            delivered = delivered_from_json(_json_body(request))
            status = await sandbox.record_delivery(sandbox_redis(request), core_ref, delivered)
            return 200, {"core_ref": core_ref, "status": status.value}

        return await _admitted(sandbox, request, "delivery") or await _answered(work())

    @bp.post("/v1/elicences/query")
    @requires(PUBLIC)
    async def elicences(request: Request) -> HTTPResponse:
        async def work() -> tuple[int, JsonObject]:
            id_number = _Fields(_json_body(request), "body").text("id_number", nonempty=True)
            found = await sandbox.elicences(sandbox_redis(request), id_number)
            return 200, {"elicences": [elicence_to_json(licence) for licence in found]}

        return await _admitted(sandbox, request, "elicences") or await _answered(work())

    @bp.post("/control/cases/<core_ref>/<action>")
    @requires(PUBLIC)
    async def control(request: Request, core_ref: str, action: str) -> HTTPResponse:
        return await _answered(_control(sandbox, sandbox_redis(request), core_ref, action, request))

    @bp.post("/control/elicences")
    @requires(PUBLIC)
    async def register(request: Request) -> HTTPResponse:
        async def work() -> tuple[int, JsonObject]:
            read = _Fields(_json_body(request), "body")
            licences = read.each("elicences", elicence_from_json)
            id_number = read.text("id_number", nonempty=True)
            await sandbox.register_elicences(sandbox_redis(request), id_number, licences)
            return 200, {"registered": len(licences)}

        return await _answered(work())

    return bp


async def _control(
    sandbox: CoreApprovalSandbox, redis: Redis, core_ref: str, action: str, request: Request
) -> tuple[int, JsonObject]:
    if action == "redeliver":
        return 200, {"statuses": await sandbox.redeliver(redis, core_ref)}
    if action not in STEPS:
        raise ValueError(f"no action {action!r}")
    read = _Fields(_json_body(request), "body")
    event = await sandbox.act(
        redis,
        core_ref,
        cast(Action, action),  # checked against STEPS just above
        corrections=read.each("corrections", correction_from_json)
        if read.has("corrections")
        else (),
        fee_notice=fee_notice_from_json(read.mapping("fee_notice"))
        if read.has("fee_notice")
        else None,
        note=read.text("note") if read.has("note") else "",
    )
    return 200, {"event": event_to_json(event)}


# ================================================================= built from the settings


def client_from_settings(settings: Settings) -> CoreApprovalClient:
    """The client for `core_gateway = "http"`: the configured core system, or this process's
    sandbox of it in the sandbox gateway mode."""
    return CoreApprovalClient(
        settings.gateway_url("core"),
        settings.core_app_id,
        settings.core_secret,
        timeout=settings.gateway_timeout_seconds,
    )


def sandbox_from_settings(settings: Settings, catalogue: Sequence[ItemSpec]) -> CoreApprovalSandbox:
    """The sandbox this process serves, pushing progress to this process's webhook."""
    webhook = settings.gateway_url("core").replace(SANDBOX_PREFIX, "/callbacks/approval/progress")
    return CoreApprovalSandbox(settings.core_app_id, settings.core_secret, catalogue, webhook)
