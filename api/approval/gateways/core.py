"""The hall's core approval system (审批系统): what we ask of it and what it tells us.

Two implementations answer `CoreApproval`: the HTTP client for the hall's real core system
(below, with the sandbox that plays it over loopback HTTP), and the embedded reference engine
(`api.approval.local_engine`), which keeps its cases in our database and is the embedded
default. Both pass the same contract tests (tests/approval/test_core_contract.py).

Wire protocol of the real system (written down for its vendor in the contract's guide):
JSON over HTTPS; every request carries `X-App-Id`, `X-Timestamp` (Unix seconds), `X-Nonce`
and `X-Signature` = base64(HMAC-SHA256(secret, METHOD + "\\n" + path + "\\n" + timestamp +
"\\n" + nonce + "\\n" + hex(SHA-256(body)))). Progress comes back as a signed webhook to
`/callbacks/approval/progress`, signed the same way with the same secret.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol


class CoreStatus(StrEnum):
    """A case's status in the core system; our application's status follows it."""

    SUBMITTED = "submitted"  # received, not yet examined (已提交)
    ACCEPTED = "accepted"  # 受理
    CORRECTION_REQUESTED = "correction_requested"  # 补正: one notice listing everything (一次性告知)
    SUPPLEMENTED = "supplemented"  # the citizen sent exactly what the notice listed
    APPROVED = "approved"  # 办结 (准予)
    REFUSED = "refused"  # 不予受理 / 不予许可
    WITHDRAWN = "withdrawn"  # 撤回, by the citizen before acceptance
    RESULT_READY = "result_ready"  # the licence or certificate can be collected or sent


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
    applicant_id_number: str
    applicant_name: str
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


class CoreApproval(Protocol):
    """What the approval package asks of the core system. Every method may raise
    CoreUnavailable; the ones that change a case may raise CoreRefused."""

    async def catalogue(self) -> list[ItemSpec]: ...

    async def submit(self, submission: Submission) -> str:
        """Hand over an application; answers the core system's case reference (受理编号)."""
        ...

    async def supplement(
        self, core_ref: str, materials: tuple[SubmittedMaterial, ...]
    ) -> None: ...

    async def withdraw(self, core_ref: str) -> None: ...

    async def progress(self, core_ref: str) -> list[ProgressEvent]:
        """Every step of the case so far, oldest first (the periodic sync's question)."""
        ...

    async def elicences(self, id_number: str) -> list[ELicence]: ...

    async def aclose(self) -> None: ...
