"""Approval routes: the catalogue, uploads and their links, applications (submit, read,
withdraw, supplement, delivery, evaluate), the core system's progress webhook, and the staff's
views, case steps (embedded engine) and evaluation follow-ups."""

from __future__ import annotations

import json
from typing import Protocol

from pydantic import BaseModel
from sanic import Blueprint, Request
from sanic.headers import parse_content_header
from sanic.request.form import parse_multipart_form
from sanic.response import HTTPResponse, empty, raw

from api.approval import errors, schemas
from api.approval.applications import file_out
from api.approval.evaluations import evaluation_out
from api.approval.gateways import core as core_gateway
from api.approval.models import Application
from api.approval.service import Approval, summary_of, view_of
from api.approval.storage import MAX_UPLOAD_BYTES
from api.kit import clock, idempotency
from api.kit.callbacks import SignedCallbackVerifier, SignedParts, Verifier
from api.kit.context import HasContext, app_context
from api.kit.declare import (
    NO_BODY,
    Header,
    Media,
    NoContent,
    RawBody,
    Reply,
    declare,
    json_answer,
)
from api.kit.errors import Forbidden, ValidationFailed
from api.kit.policy import PUBLIC, callback, caller_of, citizen, requires, staff, subject_of
from auth.callers import caller_person
from express import errors as express_errors
from express import schemas as express_schemas

bp = Blueprint("approval")
callbacks_bp = Blueprint("approval_callbacks", url_prefix="/callbacks/approval")

CLERKS = staff("clerk", "approver", "hall_admin")
APPROVERS = staff("approver", "hall_admin")
SUPERVISORS = staff("hall_admin")
IF_NONE_MATCH = Header("If-None-Match", "The ETag of the copy the client holds", max_length=64)
NOT_MODIFIED = NoContent("The client's copy (If-None-Match) is current.")
ETAG = {"ETag": "The catalogue's version: send it back as If-None-Match"}


class ApprovalServices(Protocol):
    @property
    def approval(self) -> Approval: ...


class ApprovalApp(Protocol):
    @property
    def services(self) -> ApprovalServices: ...


def approval_of(source: Request | HasContext) -> Approval:
    return app_context(source, ApprovalApp).services.approval


def _cached(request: Request, etag: str, answer: BaseModel | bytes) -> HTTPResponse:
    """`answer`: the model, or its JSON already rendered (the catalogue's remembered pages)."""
    headers = {"ETag": etag, "Cache-Control": "public, max-age=60"}
    if request.headers.get("if-none-match") == etag:
        return empty(304, headers=headers)
    if isinstance(answer, bytes):
        return raw(answer, headers=headers, content_type="application/json")
    return json_answer(answer, headers=headers)


# -- the catalogue ---------------------------------------------------------------------------


@bp.get("/catalogue/items")
@requires(PUBLIC)
@declare(
    "搜索办事事项",
    query=schemas.CatalogueQuery,
    headers=[IF_NONE_MATCH],
    responses={200: schemas.ItemsPage, 304: NOT_MODIFIED},
    response_headers=ETAG,
)
async def search_items(request: Request, query: schemas.CatalogueQuery) -> HTTPResponse:
    """By part of the name or code (Chinese substring), department, visits needed and whether
    it can be applied for online; 20 a page."""
    page, etag = await approval_of(request).catalogue.search_rendered(query)
    return _cached(request, etag, page)


@bp.get("/catalogue/items/<code:code>")
@requires(PUBLIC)
@declare(
    "办事事项详情",
    headers=[IF_NONE_MATCH],
    responses={200: schemas.ItemDetail, 304: NOT_MODIFIED},
    errors=[errors.ItemNotFound],
    response_headers=ETAG,
)
async def item_detail(request: Request, code: str) -> HTTPResponse:
    """Conditions, materials (and which e-licence can stand in for each), fees, time limits,
    the online form's schema."""
    item, etag = await approval_of(request).catalogue.item(code)
    return _cached(request, etag, item)


@bp.get("/catalogue/departments")
@requires(PUBLIC)
@declare(
    "办事部门",
    headers=[IF_NONE_MATCH],
    responses={200: schemas.DepartmentsOut, 304: NOT_MODIFIED},
    response_headers=ETAG,
)
async def departments(request: Request) -> HTTPResponse:
    found, etag = await approval_of(request).catalogue.departments()
    return _cached(request, etag, schemas.DepartmentsOut(departments=found))


# -- files -----------------------------------------------------------------------------------

UPLOAD = RawBody(
    ("multipart/form-data", "application/octet-stream"),
    "The file: multipart/form-data with the field `file` (wx.uploadFile), or the bytes alone. "
    "PDF, JPEG or PNG, as told by the bytes, at most 10 MB.",
)
# The multipart envelope around a 10 MB file: boundaries and part headers.
MULTIPART_ALLOWANCE = 64 * 1024


@bp.post("/files", stream=True)
@requires(citizen(1))
@declare(
    "上传申请材料",
    body=UPLOAD,
    responses={201: schemas.FileOut},
    errors=[errors.FileTooLarge, errors.FileTypeRefused, errors.StorageUnavailable],
)
async def upload(request: Request) -> HTTPResponse:
    """Stored once per content and encrypted; the answer's file_id goes into an application's
    materials."""
    data = await _uploaded_bytes(request)
    stored = await approval_of(request).files.upload(await caller_person(request), data)
    return json_answer(file_out(stored), status=201)


async def _uploaded_bytes(request: Request) -> bytes:
    stream = request.stream
    if stream is not None:
        # This route alone takes bodies up to the upload limit (Sanic's documented way for a
        # streaming handler); every other route keeps the server's small limit.
        stream.request_max_size = MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE
    await request.receive_body()
    if len(request.body) > MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE:
        raise errors.FileTooLarge(max_bytes=MAX_UPLOAD_BYTES)
    content_type, parameters = parse_content_header(request.headers.get("content-type", ""))
    if content_type == "multipart/form-data":
        return _file_part(request.body, parameters.get("boundary"))
    return bytes(request.body)


def _file_part(body: bytes, boundary: object) -> bytes:
    """The `file` part of a multipart body. Parsed here, not by `request.files`: Sanic logs
    a body it cannot parse at ERROR with a traceback (a client's mistake in the operator's
    error log) and goes on as if it had no parts."""
    missing = ValidationFailed([{"field": "file", "message": "缺少文件字段 file"}])
    if not isinstance(boundary, str) or not boundary or not boundary.isascii():
        raise missing
    try:
        _fields, files = parse_multipart_form(body, boundary.encode("ascii"))
    except Exception as unreadable:  # the parser's own errors: any malformed body
        raise missing from unreadable
    part = files.get("file") if files else None
    if part is None:
        raise missing
    return bytes(part.body)


@bp.post("/files/<file_id:ref>/link")
@requires(citizen(1))
@declare(
    "文件的临时下载链接",
    body=NO_BODY,
    responses={200: schemas.DownloadLinkOut},
    errors=[errors.FileNotFound],
)
async def file_link(request: Request, file_id: str) -> schemas.DownloadLinkOut:
    """Only the file's owner gets one; it works without credentials for five minutes (for
    `<image src>` and wx.downloadFile, which send no Authorization header)."""
    link = await approval_of(request).files.link_for_owner(await caller_person(request), file_id)
    return schemas.DownloadLinkOut(
        url=f"/api/v1/files/download?token={link.token}", expires_at=clock.shown(link.expires_at)
    )


FILE_BYTES = Media("application/pdf", "The file", also=("image/jpeg", "image/png"))


@bp.get("/files/download")
@requires(PUBLIC)
@declare(
    "按临时链接下载文件",
    query=schemas.DownloadQuery,
    responses={200: FILE_BYTES},
    errors=[errors.DownloadLinkInvalid, errors.StorageUnavailable],
)
async def download(request: Request, query: schemas.DownloadQuery) -> HTTPResponse:
    found = await approval_of(request).files.download(query.token)
    return raw(
        found.content,
        content_type=found.media_type,
        headers={"Cache-Control": "private, no-store", "Content-Disposition": "inline"},
    )


# -- applications ----------------------------------------------------------------------------


@bp.get("/me/reusable-materials")
@requires(citizen(1))
@declare(
    "可复用的材料和电子证照",
    query=schemas.ReusableQuery,
    responses={200: schemas.ReusableOut},
    errors=[errors.ItemNotFound, errors.NotOnline, errors.CoreUnavailable],
)
async def reusable(request: Request, query: schemas.ReusableQuery) -> schemas.ReusableOut:
    """For each of the item's materials: the e-licence the government holds for the caller,
    or the file an earlier application was accepted with. No upload where these serve."""
    return await approval_of(request).applications.reusable(
        await caller_person(request), query.item
    )


SUBMIT_REFUSALS = [
    errors.ItemNotFound,
    errors.NotOnline,
    errors.LevelRequired,
    errors.FormInvalid,
    errors.MaterialsInvalid,
    errors.FileNotFound,
    errors.ELicenceNotFound,
    errors.CoreUnavailable,
    express_errors.AddressNotFound,
]


@bp.post("/applications")
@requires(citizen(1))
@declare(
    "提交办件申请",
    body=schemas.SubmitRequest,
    headers=[idempotency.IDEMPOTENCY_KEY],
    responses={201: schemas.ApplicationSummary},
    errors=SUBMIT_REFUSALS,
)
async def submit(request: Request, body: schemas.SubmitRequest) -> HTTPResponse:
    """The application is ours once answered 201 (the answer shows it as it was then, before
    the core system numbered it: GET it for `core_ref` and the timeline). The core system gets
    it at once, or, when it does not answer, from the sync later. Send an Idempotency-Key: the
    same key gives the same answer for 24 hours."""
    answer = idempotency.once(request, status=201, render=_summary_json)
    submitted = await approval_of(request).applications.submit(
        await caller_person(request), body, answer
    )
    return answer.respond(submitted)


def _summary_json(application: Application) -> dict[str, object]:
    """The answer, recorded with the application: as it was when it became ours."""
    return summary_of(application).model_dump(mode="json")


@bp.get("/me/applications")
@requires(citizen(1))
@declare("我的办件", query=schemas.PageQuery, responses={200: schemas.ApplicationsPage})
async def my_applications(request: Request, query: schemas.PageQuery) -> schemas.ApplicationsPage:
    return await approval_of(request).my_applications(await caller_person(request), query)


@bp.get("/applications/<application_id:ref>")
@requires(citizen(1))
@declare(
    "办件详情与进度",
    responses={200: schemas.ApplicationOut},
    errors=[errors.ApplicationNotFound],
)
async def my_application(request: Request, application_id: str) -> schemas.ApplicationOut:
    """Status, materials, the correction notice, the timeline (oldest first), fee notices and
    the evaluation. Another citizen's application is not found."""
    return await approval_of(request).my_application(await caller_person(request), application_id)


@bp.post("/applications/<application_id:ref>/withdrawal")
@requires(citizen(1))
@declare(
    "撤回办件",
    body=NO_BODY,
    responses={200: schemas.ApplicationOut},
    errors=[errors.ApplicationNotFound, errors.NotWithdrawable, errors.CoreUnavailable],
)
async def withdraw(request: Request, application_id: str) -> schemas.ApplicationOut:
    """Before the core system accepts it."""
    application = await approval_of(request).applications.withdraw(
        await caller_person(request), application_id
    )
    return await view_of(application)


@bp.post("/applications/<application_id:ref>/supplement")
@requires(citizen(1))
@declare(
    "按补正告知补齐材料",
    body=schemas.SupplementRequest,
    responses={200: schemas.ApplicationOut},
    errors=[
        errors.ApplicationNotFound,
        errors.NoCorrectionPending,
        errors.SupplementMismatch,
        errors.MaterialsInvalid,
        errors.FileNotFound,
        errors.ELicenceNotFound,
        errors.CoreUnavailable,
    ],
)
async def supplement(
    request: Request, application_id: str, body: schemas.SupplementRequest
) -> schemas.ApplicationOut:
    """Exactly the materials the correction notice lists, each once (一次性告知)."""
    application = await approval_of(request).applications.supplement(
        await caller_person(request), application_id, body.materials
    )
    return await view_of(application)


@bp.put("/applications/<application_id:ref>/delivery")
@requires(citizen(1))
@declare(
    "选择结果领取方式",
    body=schemas.DeliveryIn,
    responses={200: schemas.ApplicationOut},
    errors=[
        errors.ApplicationNotFound,
        errors.DeliveryLocked,
        errors.MaterialsInvalid,
        express_errors.AddressNotFound,
    ],
)
async def choose_delivery(
    request: Request, application_id: str, body: schemas.DeliveryIn
) -> schemas.ApplicationOut:
    """At the window, or by EMS to an address, until the result is dispatched."""
    application = await approval_of(request).applications.choose_delivery(
        await caller_person(request), application_id, body
    )
    return await view_of(application)


@bp.post("/applications/<application_id:ref>/pickups")
@requires(citizen(1))
@declare(
    "预约上门揽收原件",
    body=express_schemas.PickupIn,
    responses={201: express_schemas.PickupOut, 200: express_schemas.PickupOut},
    errors=[
        errors.ApplicationNotFound,
        errors.PickupNotOpen,
        express_errors.PickupWindowInvalid,
        express_errors.AddressNotFound,
        express_errors.PickupAlreadyBooked,
        express_errors.CourierRefusal,
    ],
)
async def book_pickup(
    request: Request, application_id: str, body: express_schemas.PickupIn
) -> Reply[express_schemas.PickupOut]:
    """EMS comes for the application's paper originals at one of the citizen's addresses in
    a window of `GET /api/v1/pickup-windows`, and carries them to the hall. While the hall
    examines the application, for an item that asks for originals; one live pickup at a time.
    201 with the new pickup (`status` created with its mail number, or pending while EMS has
    not confirmed it: it is handed over again within minutes); the same booking sent again
    answers 200 with that pickup."""
    booked = (
        await approval_of(request)
        .pickups_of_applications()
        .book(await caller_person(request), application_id, body.address_id, body.starts_at)
    )
    return Reply(201 if booked.made else 200, express_schemas.PickupOut.of(booked.pickup))


@bp.post("/applications/<application_id:ref>/evaluation")
@requires(citizen(1))
@declare(
    "评价办件（好差评）",
    body=schemas.EvaluationIn,
    responses={201: schemas.EvaluationOut},
    errors=[errors.ApplicationNotFound, errors.NotEvaluable, errors.AlreadyEvaluated],
)
async def evaluate(
    request: Request, application_id: str, body: schemas.EvaluationIn
) -> HTTPResponse:
    """Once, after the decision: 1 to 5 stars, tags, a comment of at most 500 characters.
    Two stars or fewer is followed up by the hall."""
    evaluation = await approval_of(request).evaluations.evaluate(
        await caller_person(request), application_id, body
    )
    return json_answer(evaluation_out(evaluation), status=201)


# -- the core system's webhook ---------------------------------------------------------------

PROGRESS_BODY = RawBody(
    ("application/json",),
    '{"events": [ProgressEvent, ...]}, signed like every call between us and the core system',
)


@callbacks_bp.post("/progress")
@requires(callback("core_approval"))
@declare(
    "审批系统推送办件进度",
    body=PROGRESS_BODY,
    responses={200: schemas.ProgressAck},
)
async def progress_webhook(request: Request) -> schemas.ProgressAck:
    """Verified, recorded once per event, applied in sequence order: repeats and any arrival
    order end in the same state."""
    events = _events_of(request.body)
    applied = await approval_of(request).progress.apply(events)
    return schemas.ProgressAck(received=applied.received, applied=applied.applied)


def _events_of(body: bytes) -> list[core_gateway.ProgressEvent]:
    try:
        document = json.loads(body)
        raw_events = document["events"]
        if not isinstance(raw_events, list) or len(raw_events) > 100:
            raise ValueError("events is a list of at most 100")
        return [core_gateway.event_from_json(item) for item in raw_events]
    # RecursionError: JSON nested deeper than the parser's stack (`[[[[...`), a body like any
    # other that we cannot read.
    except (ValueError, KeyError, TypeError, RecursionError) as bad:
        raise ValidationFailed([{"field": "events", "message": "进度事件格式不正确"}]) from bad


def progress_verifier(secret: str) -> Verifier:
    """The core system signs its webhook as we sign our calls to it: HMAC-SHA256 over method,
    path, timestamp, nonce and the body's SHA-256 (api.approval.gateways.core)."""

    def signed_string(parts: SignedParts) -> bytes:
        return core_gateway.signed_message(
            parts.method, parts.path, parts.timestamp, parts.nonce, parts.body
        )

    return SignedCallbackVerifier(
        "core_approval",
        secret=secret,
        signature_header="X-Signature",
        timestamp_header="X-Timestamp",
        nonce_header="X-Nonce",
        canonical_string=signed_string,
    )


# -- staff -----------------------------------------------------------------------------------


@bp.get("/staff/approval/applications")
@requires(CLERKS)
@declare(
    "办件列表（工作人员）",
    query=schemas.StaffApplicationsQuery,
    responses={200: schemas.ApplicationsPage},
)
async def staff_applications(
    request: Request, query: schemas.StaffApplicationsQuery
) -> schemas.ApplicationsPage:
    return await approval_of(request).staff_applications(query)


@bp.get("/staff/approval/applications/<application_id:ref>")
@requires(CLERKS)
@declare(
    "办件详情（工作人员）",
    responses={200: schemas.ApplicationOut},
    errors=[errors.ApplicationNotFound],
)
async def staff_application(request: Request, application_id: str) -> schemas.ApplicationOut:
    """Every view of a citizen's application by staff is audited."""
    return await approval_of(request).staff_application(subject_of(request), application_id)


@bp.get("/staff/approval/overdue")
@requires(CLERKS)
@declare("超期预警", responses={200: schemas.OverdueOut})
async def overdue(request: Request) -> schemas.OverdueOut:
    """Accepted applications past their promised limit and not yet decided."""
    return await approval_of(request).overdue()


@bp.post("/staff/approval/applications/<application_id:ref>/<action:ref>")
@requires(CLERKS)
@declare(
    "办理一步（内置审批引擎）",
    body=schemas.CaseActionRequest,
    responses={200: schemas.ApplicationOut},
    errors=[
        errors.ApplicationNotFound,
        errors.UnknownStep,
        errors.CoreRefused,
        errors.EngineExternal,
        errors.FeeUnpaid,
        Forbidden,
    ],
)
async def case_step(
    request: Request, application_id: str, action: str, body: schemas.CaseActionRequest
) -> schemas.ApplicationOut:
    """accept | request_correction (with `corrections`, everything at once) | approve | refuse
    | result_ready | issue_fee_notice. With the embedded engine only: a hall with its own core
    system takes these steps there. Approving and refusing need the approver role."""
    caller = caller_of(request)
    return await approval_of(request).take_step(
        subject_of(request), caller.roles, application_id, action, body
    )


@bp.get("/staff/approval/evaluations")
@requires(SUPERVISORS)
@declare(
    "评价列表（差评整改）", query=schemas.EvaluationsQuery, responses={200: schemas.EvaluationsPage}
)
async def evaluations(request: Request, query: schemas.EvaluationsQuery) -> schemas.EvaluationsPage:
    return await approval_of(request).evaluations.listed(query)


@bp.post("/staff/approval/evaluations/<application_id:ref>/follow-up")
@requires(SUPERVISORS)
@declare(
    "差评整改反馈",
    body=schemas.FollowUpIn,
    responses={200: schemas.StaffEvaluationOut},
    errors=[errors.FollowUpNotNeeded],
)
async def follow_up(
    request: Request, application_id: str, body: schemas.FollowUpIn
) -> schemas.StaffEvaluationOut:
    """Audited."""
    return await approval_of(request).follow_up(subject_of(request), application_id, body.note)


@bp.get("/staff/approval/window-evaluations")
@requires(SUPERVISORS)
@declare(
    "窗口评价器的评价（差评整改）",
    query=schemas.EvaluationsQuery,
    responses={200: schemas.WindowEvaluationsPage},
)
async def window_evaluations(
    request: Request, query: schemas.EvaluationsQuery
) -> schemas.WindowEvaluationsPage:
    return await approval_of(request).evaluations.window_ratings(query)


@bp.post("/staff/approval/window-evaluations/<ticket_id:ref>/follow-up")
@requires(SUPERVISORS)
@declare(
    "窗口差评整改反馈",
    body=schemas.FollowUpIn,
    responses={200: schemas.StaffWindowEvaluationOut},
    errors=[errors.FollowUpNotNeeded],
)
async def follow_up_window_rating(
    request: Request, ticket_id: str, body: schemas.FollowUpIn
) -> schemas.StaffWindowEvaluationOut:
    """Audited."""
    return await approval_of(request).follow_up_window_rating(
        subject_of(request), ticket_id, body.note
    )


@bp.get("/staff/approval/satisfaction")
@requires(SUPERVISORS)
@declare("满意度统计", query=schemas.SatisfactionQuery, responses={200: schemas.SatisfactionOut})
async def satisfaction(
    request: Request, query: schemas.SatisfactionQuery
) -> schemas.SatisfactionOut:
    return await approval_of(request).evaluations.satisfaction(query.by)
