"""The approval package's one service object: the catalogue, files, applications, their
progress and evaluations, over one core approval gateway.

By concern: `catalogue` (api.approval.catalogue), `files` (api.approval.files), `applications`
(api.approval.applications), `progress` (api.approval.progress), `evaluations`
(api.approval.evaluations); the reads that shape an application for its owner or for staff
live here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from tortoise.queryset import QuerySet

from api.approval import errors, schemas
from api.approval.applications import Applications, own_application
from api.approval.catalogue import Catalogue
from api.approval.delivery import ApplicationPickups
from api.approval.evaluations import (
    EvaluationRules,
    Evaluations,
    evaluation_out,
    staff_view,
    window_rating_view,
)
from api.approval.fees import has_unpaid_fees
from api.approval.files import Files
from api.approval.gateways.core import CoreApproval, CoreRefused, CorrectionItem
from api.approval.local_engine import CaseAction, LocalCoreEngine
from api.approval.models import (
    Application,
    ApplicationMaterial,
    CorrectionNotice,
    Evaluation,
    FeeNotice,
    ServiceItem,
    TimelineEntry,
)
from api.approval.progress import IN_PROGRESS, Progress, flag_overdue, quiet_applications
from api.approval.storage import DownloadLinks, FileVault
from api.kit import clock
from api.kit.errors import Forbidden
from auth.audit import audit
from auth.models import Person
from auth.vault import Vault
from express.addresses import Addresses
from express.pickups import Pickups
from notify.service import Notifier

DECIDERS = frozenset({"approver", "hall_admin"})


@dataclass
class Approval:
    core: CoreApproval
    catalogue: Catalogue
    files: Files
    applications: Applications
    progress: Progress
    evaluations: Evaluations
    quiet_after: timedelta = field(default=timedelta(hours=6))
    # Pickups of originals (express's, booked through the application); none without EMS.
    pickups: ApplicationPickups | None = None

    def pickups_of_applications(self) -> ApplicationPickups:
        if self.pickups is None:
            raise errors.PickupNotOpen("本大厅未开通上门揽收")
        return self.pickups

    @property
    def engine(self) -> LocalCoreEngine | None:
        """The embedded engine, whose cases the hall's staff work here; None with a real core."""
        return self.core if isinstance(self.core, LocalCoreEngine) else None

    # -- reads for the citizen ---------------------------------------------------------------

    async def my_applications(
        self, person: Person, query: schemas.PageQuery
    ) -> schemas.ApplicationsPage:
        return await _newest_first(Application.filter(person_id=person.id), query)

    async def my_application(self, person: Person, application_id: str) -> schemas.ApplicationOut:
        return await view_of(await own_application(person, application_id))

    # -- reads for staff ----------------------------------------------------------------------

    async def staff_applications(
        self, query: schemas.StaffApplicationsQuery
    ) -> schemas.ApplicationsPage:
        rows = Application.all()
        if query.status is not None:
            rows = rows.filter(status=query.status)
        if query.overdue is not None:
            rows = rows.filter(overdue_flagged_at__isnull=not query.overdue)
        return await _newest_first(rows, query)

    async def staff_application(
        self, staff_public_id: str, application_id: str
    ) -> schemas.ApplicationOut:
        """One application as staff see it; every such view of a citizen's data is audited."""
        application = await Application.get_or_none(public_id=application_id)
        if application is None:
            raise errors.ApplicationNotFound()
        await audit(
            "approval.application_viewed",
            actor=staff_public_id,
            detail={"application": application_id},
        )
        return await view_of(application)

    async def overdue(self) -> schemas.OverdueOut:
        await flag_overdue(clock.now())
        rows = (
            await Application.filter(status__in=list(IN_PROGRESS), overdue_flagged_at__isnull=False)
            .select_related("item")
            .order_by("due_at")
            .limit(100)
        )
        count = await Application.filter(
            status__in=list(IN_PROGRESS), overdue_flagged_at__isnull=False
        ).count()
        return schemas.OverdueOut(overdue=count, applications=[summary_of(a) for a in rows])

    async def take_step(
        self,
        staff_public_id: str,
        roles: frozenset[str],
        application_id: str,
        action: str,
        request: schemas.CaseActionRequest,
    ) -> schemas.ApplicationOut:
        """A clerk's step on the embedded engine's case; approving and refusing are an
        approver's. The step reaches the application as the core system's would, before the
        answer. Audited."""
        engine = self.engine
        if engine is None:
            raise errors.EngineExternal()
        try:
            step = CaseAction(action)
        except ValueError:
            raise errors.UnknownStep() from None
        if step in (CaseAction.APPROVE, CaseAction.REFUSE) and not roles & DECIDERS:
            raise Forbidden("审批决定需由审批人员作出")
        application = await Application.get_or_none(public_id=application_id)
        if application is None or application.core_ref is None:
            raise errors.ApplicationNotFound()
        if step is CaseAction.RESULT_READY and await has_unpaid_fees(application):
            raise errors.FeeUnpaid()  # the result is not released before the fee is paid
        corrections = [CorrectionItem(c.material_code, c.reason) for c in request.corrections]
        try:
            await engine.act(
                application.core_ref, step, request.note, corrections, window=request.window
            )
        except CoreRefused as refused:
            raise errors.CoreRefused(reason=refused.reason) from refused
        await audit(
            "approval.case_step",
            actor=staff_public_id,
            detail={"application": application_id, "step": step.value},
        )
        return await view_of(await Application.get(id=application.id))

    async def follow_up(
        self, staff_public_id: str, application_id: str, note: str
    ) -> schemas.StaffEvaluationOut:
        evaluation = await self.evaluations.follow_up(staff_public_id, application_id, note)
        await evaluation.fetch_related("application__item")
        return staff_view(evaluation)

    async def follow_up_window_rating(
        self, staff_public_id: str, ticket_id: str, note: str
    ) -> schemas.StaffWindowEvaluationOut:
        evaluation = await self.evaluations.follow_up_window_rating(
            staff_public_id, ticket_id, note
        )
        await evaluation.fetch_related("ticket")
        return window_rating_view(evaluation)

    # -- the worker's rounds ------------------------------------------------------------------

    async def sync_quiet(self) -> int:
        """Hand over the applications the core system has not got, and ask it about the ones
        with no news for a while."""
        synced = 0
        for application in await quiet_applications(self.quiet_after):
            if application.core_ref is None:
                await self.applications.hand_over(application)
            else:
                await self.progress.sync(application)
            synced += 1
        return synced


async def _newest_first(
    rows: QuerySet[Application], query: schemas.PageQuery
) -> schemas.ApplicationsPage:
    """A page of applications, the newest submitted first, and how many there are in all."""
    total = await rows.count()
    page = (
        await rows.select_related("item")
        .order_by("-submitted_at")
        .offset((query.page - 1) * query.page_size)
        .limit(query.page_size)
    )
    return schemas.ApplicationsPage(
        applications=[summary_of(a) for a in page],
        total=total,
        page=query.page,
        page_size=query.page_size,
    )


def summary_of(application: Application) -> schemas.ApplicationSummary:
    item: ServiceItem = application.item
    return schemas.ApplicationSummary(
        application_id=application.public_id,
        item_code=item.code,
        item_name=item.name,
        status=application.status.value,
        core_ref=application.core_ref,
        submitted_at=clock.shown(application.submitted_at),
        due_at=clock.shown(application.due_at) if application.due_at else None,
        overdue=application.overdue_flagged_at is not None,
    )


async def view_of(application: Application) -> schemas.ApplicationOut:
    await application.fetch_related("item")
    materials = (
        await ApplicationMaterial.filter(application_id=application.id)
        .select_related("file")
        .order_by("round", "id")
    )
    correction = await CorrectionNotice.get_or_none(application_id=application.id)
    # In the order the steps were applied (sequence order: see progress), whatever the two
    # systems' clocks say; the submission is the first.
    timeline = await TimelineEntry.filter(application_id=application.id).order_by("id")
    notices = await FeeNotice.filter(application_id=application.id).order_by("issued_at")
    evaluation = await Evaluation.get_or_none(application_id=application.id)
    return schemas.ApplicationOut(
        **dict(summary_of(application)),
        delivery=application.delivery.value,
        address=application.address_masked,
        materials=[_material_view(m) for m in materials],
        correction=_correction_out(correction) if correction else None,
        timeline=[
            schemas.TimelineEntryOut(
                status=entry.status,
                at=clock.shown(entry.at),
                department=entry.department,
                note=entry.note,
            )
            for entry in timeline
        ],
        fee_notices=[
            schemas.FeeNoticeOut(
                notice_number=n.notice_number,
                total_fen=n.total_fen,
                due_date=n.due_date,
                items=[schemas.FeeOut(**item) for item in n.items],
                paid_at=None if n.paid_at is None else clock.shown(n.paid_at),
            )
            for n in notices
        ],
        evaluation=evaluation_out(evaluation) if evaluation else None,
    )


def _material_view(material: ApplicationMaterial) -> schemas.MaterialView:
    return schemas.MaterialView(
        code=material.material_code,
        source=material.source.value,
        state=material.state.value,
        file_id=material.file.public_id if material.file else None,
        licence_type=material.licence_type,
        licence_number=material.licence_number_masked,
    )


def _correction_out(notice: CorrectionNotice) -> schemas.CorrectionOut:
    return schemas.CorrectionOut(
        items=[schemas.CorrectionItemOut(**item) for item in notice.items],
        requested_at=clock.shown(notice.requested_at),
        answered_at=clock.shown(notice.answered_at) if notice.answered_at else None,
    )


def build_approval(
    core: CoreApproval,
    *,
    vault: Vault,
    notifier: Notifier,
    file_vault: FileVault,
    links: DownloadLinks,
    rules: EvaluationRules | None = None,
    addresses: Addresses | None = None,
    pickups: Pickups | None = None,
) -> Approval:
    """The approval service of a process; the embedded engine's steps reach its progress."""
    files = Files(file_vault, links)
    progress = Progress(core, notifier)
    if isinstance(core, LocalCoreEngine):
        core.on_progress(progress.apply)
    return Approval(
        core=core,
        catalogue=Catalogue(),
        files=files,
        applications=Applications(core, vault, files, progress, addresses),
        progress=progress,
        evaluations=Evaluations(rules),
        pickups=ApplicationPickups(pickups) if pickups is not None else None,
    )
