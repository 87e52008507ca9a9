"""A case's progress, as the core system reports it: applied once each, in sequence order.

Events come by the signed webhook, by the embedded engine's listener, and by the sync that
asks the core system about applications with no news. Whatever the path, arrival order and
repeats, an application ends in the same state:

- an event is applied under the application's row lock, and recorded once by its id in the
  same transaction (api.kit.callbacks.record_once);
- a case's events are applied in sequence order: one that arrives before its predecessor waits
  in `approval_pending_progress` until the gap fills (by a later delivery or the sync), then
  they are applied in order; one at or below the applied sequence changes nothing;
- each step's status change must be in the transition table (the database's trigger holds the
  same table); a step that is not is recorded on the timeline, logged, and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.approval.gateways.core import (
    CoreApproval,
    CoreStatus,
    ProgressEvent,
    event_from_json,
    event_to_json,
)
from api.approval.models import (
    Application,
    ApplicationMaterial,
    ApplicationStatus,
    CorrectionNotice,
    FeeNotice,
    MaterialState,
    PendingProgress,
    ServiceItem,
    TimelineEntry,
)
from api.kit import clock
from api.kit.callbacks import record_once
from api.kit.db import transaction
from notify.service import Notifier

log = logging.getLogger("yiwang.approval.progress")

S = ApplicationStatus
# The transition table (the migration's trigger holds the same one).
TRANSITIONS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    S.SUBMITTED: frozenset({S.ACCEPTED, S.CORRECTION_REQUESTED, S.REFUSED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.CORRECTION_REQUESTED, S.APPROVED, S.REFUSED}),
    S.CORRECTION_REQUESTED: frozenset({S.SUPPLEMENTED, S.REFUSED, S.WITHDRAWN}),
    S.SUPPLEMENTED: frozenset({S.ACCEPTED, S.APPROVED, S.REFUSED}),
    S.APPROVED: frozenset({S.RESULT_READY, S.COMPLETED}),
    S.RESULT_READY: frozenset({S.COMPLETED}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.COMPLETED: frozenset(),
}
IN_PROGRESS = (S.ACCEPTED, S.CORRECTION_REQUESTED, S.SUPPLEMENTED)
DECIDED = (S.APPROVED, S.REFUSED, S.RESULT_READY, S.COMPLETED)
CORE_SOURCE = "core_approval"

# What the citizen is told of each step (notify's event types).
_ANNOUNCED: dict[ApplicationStatus, str] = {
    S.ACCEPTED: "application.accepted",
    S.CORRECTION_REQUESTED: "application.correction_requested",
    S.APPROVED: "application.approved",
    S.REFUSED: "application.refused",
    S.RESULT_READY: "application.result_ready",
    S.COMPLETED: "application.completed",
}

FeeNoticeHook = Callable[[FeeNotice], Awaitable[None]]
# Told, inside the applying transaction, that an application's result is ready: express asks
# EMS to carry it when it goes by post.
ResultReadyHook = Callable[[Application], Awaitable[None]]


@dataclass(frozen=True)
class Applied:
    received: int
    applied: int


def can_move(current: ApplicationStatus, target: ApplicationStatus) -> bool:
    return target == current or target in TRANSITIONS[current]


def working_days_after(moment: datetime, days: int) -> datetime:
    """`days` working days (Monday to Friday, hall time) after `moment`. Public holidays and
    the weekends worked in their place are not known here: the core system's own due date
    wins where it gives one."""
    local = clock.local(moment)
    remaining = days
    while remaining > 0:
        local += timedelta(days=1)
        if local.weekday() < 5:
            remaining -= 1
    return local


class Progress:
    def __init__(
        self, core: CoreApproval, notifier: Notifier, fee_notice_hooks: Sequence[FeeNoticeHook] = ()
    ) -> None:
        self._core = core
        self._notifier = notifier
        self._fee_notice_hooks = list(fee_notice_hooks)
        self._result_ready_hooks: list[ResultReadyHook] = []

    def add_fee_notice_hook(self, hook: FeeNoticeHook) -> None:
        """Payments makes its order from each fee notice (inside the applying transaction)."""
        self._fee_notice_hooks.append(hook)

    def add_result_ready_hook(self, hook: ResultReadyHook) -> None:
        """Express requests the EMS delivery of a result (inside the applying transaction)."""
        self._result_ready_hooks.append(hook)

    async def apply(self, events: Sequence[ProgressEvent]) -> Applied:
        applied = 0
        for event in sorted(events, key=lambda e: (e.core_ref, e.sequence)):
            applied += await self._apply_one(event)
        return Applied(received=len(events), applied=applied)

    async def sync(self, application: Application) -> Applied:
        """Ask the core system for every step of the case and apply what is new."""
        if application.core_ref is None:
            return Applied(0, 0)
        return await self.apply(await self._core.progress(application.core_ref))

    async def _apply_one(self, event: ProgressEvent) -> int:
        async with transaction():
            application = (
                await Application.filter(public_id=event.application_id).select_for_update().first()
            )
            if application is None or application.core_ref not in (None, event.core_ref):
                # Not ours (or not yet ours): acknowledged, not recorded, so a later sync
                # may still bring it once the application exists.
                log.warning(
                    "a core event names no application of ours", extra={"ref": event.event_id}
                )
                return 0
            if not await record_once(CORE_SOURCE, event.event_id):
                return 0
            await application.fetch_related("item")
            if event.sequence <= application.core_sequence:
                return 0
            if event.sequence > application.core_sequence + 1:
                await _keep_for_later(application, event)
                return 0
            taken = await self._take(application, event)
            while (waiting := await _next_waiting(application)) is not None:
                taken += await self._take(application, waiting)
            return taken

    async def _take(self, application: Application, event: ProgressEvent) -> int:
        """Apply one step, the next in sequence, under the application's lock."""
        target = ApplicationStatus(event.status.value)
        current = application.status
        application.core_sequence = event.sequence
        application.core_ref = event.core_ref
        fields = ["core_sequence", "core_ref"]
        if event.window is not None:
            application.window = event.window
            fields.append("window")
        if not can_move(current, target) or await _second_correction(application, current, target):
            log.warning(
                "a core event is not in the transition table; its status is not applied",
                extra={"from": current.value, "to": target.value, "ref": event.event_id},
            )
            await application.save(update_fields=fields)
            await _timeline(application, event, f"（未应用：{current.value} → {target.value}）")
            return 0
        if target != current:
            application.status = target
            fields.append("status")
            fields += await self._on_status(application, current, target, event)
        await application.save(update_fields=fields)
        if target is not S.SUBMITTED:  # the submission is on the timeline since it was made
            await _timeline(application, event)
        if event.fee_notice is not None:
            await self._issue_fee_notice(application, event)
        return 1

    async def _on_status(
        self,
        application: Application,
        previous: ApplicationStatus,
        target: ApplicationStatus,
        event: ProgressEvent,
    ) -> list[str]:
        changed: list[str] = []
        item: ServiceItem = application.item
        if target is S.ACCEPTED and application.due_at is None:
            application.due_at = working_days_after(event.at, item.promised_limit_days)
            changed.append("due_at")
        if target is S.CORRECTION_REQUESTED:
            await _open_correction(application, event)
        if target is S.SUPPLEMENTED:
            changed += await _close_correction(application, event.at)
        if target in (S.APPROVED, S.REFUSED):
            application.decided_at = event.at
            changed.append("decided_at")
        if target is S.RESULT_READY:
            for hook in self._result_ready_hooks:
                await hook(application)
        if target in _ANNOUNCED:
            await self._announce(application, target, event)
        return changed

    async def _announce(
        self, application: Application, status: ApplicationStatus, event: ProgressEvent
    ) -> None:
        data: dict[str, object] = {
            "service": application.item.name,
            "number": event.core_ref,
            "application_id": application.public_id,
        }
        if status is S.CORRECTION_REQUESTED:
            data["materials"] = "、".join(c.material_code for c in event.corrections) or "见告知书"
        if status is S.REFUSED:
            data["reason"] = event.note or "不符合办理条件"
        if status is S.RESULT_READY:
            data["delivery"] = "将通过EMS寄送" if application.delivery == "ems" else "请到窗口领取"
        await self._notifier.publish(
            _ANNOUNCED[status],
            dedupe_key=f"application:{application.public_id}:{event.sequence}",
            data=data,
            person_id=application.person_id,
        )

    async def _issue_fee_notice(self, application: Application, event: ProgressEvent) -> None:
        spec = event.fee_notice
        assert spec is not None
        notice, created = await FeeNotice.get_or_create(
            notice_number=spec.notice_number,
            defaults={
                "application_id": application.id,
                "payee_code": spec.payee_code,
                "region_code": spec.region_code,
                "total_fen": spec.total_fen,
                "due_date": spec.due_date,
                "items": [
                    {"code": f.code, "name": f.name, "amount_fen": f.amount_fen} for f in spec.items
                ],
                "issued_at": event.at,
            },
        )
        if created:
            for hook in self._fee_notice_hooks:
                await hook(notice)


async def _second_correction(
    application: Application, current: ApplicationStatus, target: ApplicationStatus
) -> bool:
    """A correction requested again, after the one notice was answered: everything missing is
    told at once (一次性告知), so the table allows it but the notice's unique key does not, and
    the step is not applied like any other the table forbids."""
    if target is not S.CORRECTION_REQUESTED or current is target:
        return False
    return await CorrectionNotice.exists(application_id=application.id)


async def _keep_for_later(application: Application, event: ProgressEvent) -> None:
    await PendingProgress.get_or_create(
        application_id=application.id,
        sequence=event.sequence,
        defaults={"event": event_to_json(event)},
    )


async def _next_waiting(application: Application) -> ProgressEvent | None:
    waiting = await PendingProgress.get_or_none(
        application_id=application.id, sequence=application.core_sequence + 1
    )
    if waiting is None:
        return None
    await waiting.delete()
    return event_from_json(waiting.event)


async def _timeline(application: Application, event: ProgressEvent, suffix: str = "") -> None:
    await TimelineEntry.create(
        application_id=application.id,
        status=event.status.value,
        at=event.at,
        department=event.department[:64],
        note=(event.note + suffix)[:500],
        sequence=event.sequence,
    )


async def _open_correction(application: Application, event: ProgressEvent) -> None:
    items = [{"material_code": c.material_code, "reason": c.reason} for c in event.corrections]
    await CorrectionNotice.create(application_id=application.id, items=items, requested_at=event.at)
    named = [c.material_code for c in event.corrections]
    await ApplicationMaterial.filter(
        application_id=application.id, material_code__in=named, state=MaterialState.PROVIDED
    ).update(state=MaterialState.TO_CORRECT)


async def _close_correction(application: Application, at: datetime) -> list[str]:
    """The notice is answered; the days it waited for the citizen do not count against the
    promised limit (补正期间不计入承诺时限)."""
    notice = await CorrectionNotice.get_or_none(application_id=application.id)
    if notice is None:
        return []
    if notice.answered_at is None:
        notice.answered_at = at
        await notice.save(update_fields=["answered_at"])
    if application.due_at is None:
        return []
    application.due_at = application.due_at + (at - notice.requested_at)
    return ["due_at"]


async def quiet_applications(older_than: timedelta, limit: int = 100) -> list[Application]:
    """Undecided applications with no news for a while: the sync asks the core about them."""
    cutoff = clock.now() - older_than
    return (
        await Application.filter(
            status__in=[S.SUBMITTED, *IN_PROGRESS, S.APPROVED], updated_at__lt=cutoff
        )
        .order_by("updated_at")
        .limit(limit)
    )


async def flag_overdue(now: datetime) -> int:
    """Mark applications past their promised limit and undecided (超期预警), once each."""
    return await Application.filter(
        status__in=list(IN_PROGRESS), due_at__lt=now, overdue_flagged_at=None
    ).update(overdue_flagged_at=now)


def status_of_core(status: CoreStatus) -> ApplicationStatus:
    return ApplicationStatus(status.value)
