"""The embedded reference engine: the hall's core approval system, played in our database.

It answers `CoreApproval` like the HTTP client does (tests/approval/test_core_contract.py runs
one suite against both), keeps its cases in `approval_core_case`, and lets the hall's staff
(and the demo) take the steps a real core system's clerks take: accept, request a correction,
approve, refuse, say the result is ready, issue a fee notice. Each step is a numbered
ProgressEvent, handed to the listeners after its commit, exactly as the real system's webhook
would deliver it; the approval service applies it by the same code.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import timedelta
from enum import StrEnum

from api.approval.gateways.core import (
    CoreRefused,
    CoreStatus,
    CoreUnavailable,
    CorrectionItem,
    ELicence,
    FeeNoticeSpec,
    FeeSpec,
    ItemSpec,
    ProgressEvent,
    ResultDelivered,
    Submission,
    SubmittedMaterial,
    event_from_json,
    event_to_json,
)
from api.approval.models import CoreCase
from api.kit import clock
from api.kit.db import rows_of, transaction

log = logging.getLogger("yiwang.approval.engine")

Listener = Callable[[list[ProgressEvent]], Awaitable[object]]


class CaseAction(StrEnum):
    ACCEPT = "accept"
    REQUEST_CORRECTION = "request_correction"
    APPROVE = "approve"
    REFUSE = "refuse"
    RESULT_READY = "result_ready"
    ISSUE_FEE_NOTICE = "issue_fee_notice"


# What each step needs the case to be in, and what it makes it. Withdrawal and supplements are
# the citizen's steps (through `withdraw` and `supplement`).
_STEPS: dict[CaseAction, tuple[frozenset[CoreStatus], CoreStatus | None]] = {
    CaseAction.ACCEPT: (
        frozenset({CoreStatus.SUBMITTED, CoreStatus.SUPPLEMENTED}),
        CoreStatus.ACCEPTED,
    ),
    CaseAction.REQUEST_CORRECTION: (
        frozenset({CoreStatus.SUBMITTED, CoreStatus.ACCEPTED}),
        CoreStatus.CORRECTION_REQUESTED,
    ),
    CaseAction.APPROVE: (
        frozenset({CoreStatus.ACCEPTED, CoreStatus.SUPPLEMENTED}),
        CoreStatus.APPROVED,
    ),
    CaseAction.REFUSE: (
        frozenset(
            {
                CoreStatus.SUBMITTED,
                CoreStatus.ACCEPTED,
                CoreStatus.CORRECTION_REQUESTED,
                CoreStatus.SUPPLEMENTED,
            }
        ),
        CoreStatus.REFUSED,
    ),
    CaseAction.RESULT_READY: (frozenset({CoreStatus.APPROVED}), CoreStatus.RESULT_READY),
    # A fee notice leaves the status as it is: it rides on an event of its own.
    CaseAction.ISSUE_FEE_NOTICE: (
        frozenset({CoreStatus.ACCEPTED, CoreStatus.SUPPLEMENTED, CoreStatus.APPROVED}),
        None,
    ),
}
_WITHDRAWABLE = frozenset({CoreStatus.SUBMITTED, CoreStatus.CORRECTION_REQUESTED})
FEE_NOTICE_DAYS = 15


class LocalCoreEngine:
    def __init__(
        self,
        items: Sequence[ItemSpec],
        register: Mapping[str, Sequence[ELicence]],
        *,
        payee_code: str = "350100001",
        region_code: str = "350100",
    ) -> None:
        self._items = list(items)
        self._departments = {item.code: item.department_name for item in items}
        self._fees = {item.code: item.fees for item in items}
        self._register = register
        self._payee_code = payee_code
        self._region_code = region_code
        self._listeners: list[Listener] = []

    def on_progress(self, listener: Listener) -> None:
        """`listener` gets each step after its commit, as the real system's webhook would."""
        self._listeners.append(listener)

    async def aclose(self) -> None:
        return None

    # -- CoreApproval ------------------------------------------------------------------------

    async def catalogue(self) -> list[ItemSpec]:
        return list(self._items)

    async def submit(self, submission: Submission) -> str:
        """One case per application: the same application handed over twice (the sync after
        an answer that was lost) gets the case it has."""
        for _ in range(_CASE_NUMBER_TRIES):
            core_ref = _new_core_ref()
            if await self._open_case(core_ref, submission):
                return core_ref
            existing = await CoreCase.get_or_none(application_id_ref=submission.application_id)
            if existing is not None:
                return existing.core_ref
            # Another case drew the same number (one in 10^8 a day: the thousands of a busy
            # day meet now and then): draw again.
        raise CoreUnavailable("no free case number")

    async def _open_case(self, core_ref: str, submission: Submission) -> bool:
        """The case opened under `core_ref`; False when the application has one already or
        the number is taken (the insert's ON CONFLICT covers both unique keys)."""
        first = self._event(
            core_ref,
            submission.application_id,
            submission.item_code,
            1,
            CoreStatus.SUBMITTED,
            "网上申请已提交",
        )
        opened = await rows_of(
            _OPEN_CASE,
            (
                core_ref,
                submission.application_id,
                submission.item_code,
                CoreStatus.SUBMITTED.value,
                json.dumps([event_to_json(first)], ensure_ascii=False),
                clock.now(),
            ),
        )
        return bool(opened)

    async def supplement(self, core_ref: str, materials: tuple[SubmittedMaterial, ...]) -> None:
        await self._step(
            core_ref,
            frozenset({CoreStatus.CORRECTION_REQUESTED}),
            CoreStatus.SUPPLEMENTED,
            f"已补正材料 {len(materials)} 项",
            refusal="not_awaiting_correction",
            announce=False,
        )

    async def withdraw(self, core_ref: str) -> None:
        """Before acceptance only (a correction asked at intake still allows it); a repeat of
        a withdrawal that went through changes nothing, as with the real system."""
        case = await CoreCase.get_or_none(core_ref=core_ref)
        if case is None:
            raise CoreRefused("unknown_case")
        if case.status == CoreStatus.WITHDRAWN:
            return
        if case.status == CoreStatus.REFUSED:
            raise CoreRefused("already_decided")
        if any(step["status"] == CoreStatus.ACCEPTED for step in case.events):
            raise CoreRefused("already_accepted")
        await self._step(
            core_ref,
            _WITHDRAWABLE,
            CoreStatus.WITHDRAWN,
            "申请人撤回申请",
            refusal="already_accepted",
            announce=False,
        )

    async def progress(self, core_ref: str) -> list[ProgressEvent]:
        case = await CoreCase.get_or_none(core_ref=core_ref)
        if case is None:
            raise CoreRefused("unknown_case")
        return [event_from_json(raw) for raw in case.events]

    async def elicences(self, id_number: str) -> list[ELicence]:
        return list(self._register.get(id_number, ()))

    async def report_delivery(self, core_ref: str, delivered: ResultDelivered) -> None:
        """The result reached the applicant: the case is completed, a step handed to the
        listeners like the clerks' (a repeat for a completed case changes nothing)."""
        note = f"结果已由{delivered.courier.upper()}送达（邮件号 {delivered.mail_no}）"
        try:
            await self._step(
                core_ref,
                frozenset({CoreStatus.RESULT_READY}),
                CoreStatus.COMPLETED,
                note,
                refusal="not_result_ready",
            )
        except CoreRefused as refused:
            case = await CoreCase.get_or_none(core_ref=core_ref)
            if case is None or case.status != CoreStatus.COMPLETED:
                raise refused from None

    # -- the clerks' steps -------------------------------------------------------------------

    async def act(
        self,
        core_ref: str,
        action: CaseAction,
        note: str = "",
        corrections: Sequence[CorrectionItem] = (),
        window: str | None = None,
    ) -> ProgressEvent:
        allowed, status = _STEPS[action]
        if action is CaseAction.REQUEST_CORRECTION and not corrections:
            raise CoreRefused("corrections_required")
        return await self._step(
            core_ref,
            allowed,
            status,
            note or _DEFAULT_NOTES[action],
            refusal=f"cannot_{action.value}",
            corrections=tuple(corrections),
            fee_notice=action is CaseAction.ISSUE_FEE_NOTICE,
            window=window,
        )

    async def _step(
        self,
        core_ref: str,
        allowed: frozenset[CoreStatus],
        status: CoreStatus | None,
        note: str,
        *,
        refusal: str,
        corrections: tuple[CorrectionItem, ...] = (),
        fee_notice: bool = False,
        announce: bool = True,
        window: str | None = None,
    ) -> ProgressEvent:
        async with transaction():
            case = await CoreCase.filter(core_ref=core_ref).select_for_update().first()
            if case is None:
                raise CoreRefused("unknown_case")
            current = CoreStatus(case.status)
            if current not in allowed:
                raise CoreRefused(refusal)
            event = self._event(
                core_ref,
                case.application_id_ref,
                case.item_code,
                len(case.events) + 1,
                status or current,
                note,
                corrections=corrections,
                fee_notice=self._fee_notice(case) if fee_notice else None,
                window=window,
            )
            case.status = event.status.value
            case.events = [*case.events, event_to_json(event)]
            await case.save(update_fields=["status", "events"])
        if announce:
            await self._announce([event])
        return event

    async def _announce(self, events: list[ProgressEvent]) -> None:
        for listener in self._listeners:
            try:
                await listener(events)
            except Exception:
                # Like a webhook that failed: the periodic sync brings the step over later.
                log.warning("a progress listener failed; the sync will catch up", exc_info=True)

    def _event(
        self,
        core_ref: str,
        application_id: str,
        item_code: str,
        sequence: int,
        status: CoreStatus,
        note: str,
        *,
        corrections: tuple[CorrectionItem, ...] = (),
        fee_notice: FeeNoticeSpec | None = None,
        window: str | None = None,
    ) -> ProgressEvent:
        return ProgressEvent(
            event_id=f"{core_ref}-{sequence}",
            core_ref=core_ref,
            application_id=application_id,
            sequence=sequence,
            status=status,
            at=clock.now(),
            department=self._departments.get(item_code, "政务服务中心"),
            note=note,
            corrections=corrections,
            fee_notice=fee_notice,
            window=window,
        )

    def _fee_notice(self, case: CoreCase) -> FeeNoticeSpec:
        fees: tuple[FeeSpec, ...] = self._fees.get(case.item_code, ())
        if not fees:
            raise CoreRefused("item_has_no_fees")
        return FeeNoticeSpec(
            notice_number=_new_notice_number(self._region_code),
            payee_code=self._payee_code,
            region_code=self._region_code,
            total_fen=sum(fee.amount_fen for fee in fees),
            due_date=(clock.now() + timedelta(days=FEE_NOTICE_DAYS)).date(),
            items=fees,
        )


_DEFAULT_NOTES = {
    CaseAction.ACCEPT: "材料齐全，予以受理",
    CaseAction.REQUEST_CORRECTION: "材料需补正，请一次性补齐",
    CaseAction.APPROVE: "审批通过，准予办理",
    CaseAction.REFUSE: "不符合办理条件",
    CaseAction.RESULT_READY: "办理结果已制作完成",
    CaseAction.ISSUE_FEE_NOTICE: "已开具缴款通知书",
}


# Written by hand: every submission opens a case, and the ORM would take a transaction, a
# locking look and an insert (four round trips) for what one upsert says; Tortoise cannot say
# ON CONFLICT DO NOTHING with RETURNING. A case opened meanwhile for the same application
# holds this insert until it commits, then this one inserts nothing.
_OPEN_CASE = """
INSERT INTO approval_core_case (core_ref, application_id_ref, item_code, status, events,
                                created_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT DO NOTHING
RETURNING id
"""


_CASE_NUMBER_TRIES = 5


def _new_core_ref() -> str:
    return "SP" + clock.now().strftime("%Y%m%d") + f"{secrets.randbelow(10**8):08d}"


def _new_notice_number(region_code: str) -> str:
    return region_code[:6] + f"{secrets.randbelow(10**14):014d}"
