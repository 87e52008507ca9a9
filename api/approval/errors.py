"""Approval's errors: what a citizen, a clerk or the core system can get wrong or run into."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from api.kit.errors import DomainError


class ApprovalError(DomainError):
    """Any approval failure."""


class ItemNotFound(ApprovalError):
    code = "approval.item_not_found"
    status = 404
    title = "办事事项不存在"
    when = "No service item with that code in the catalogue (or it was withdrawn)."


class NotOnline(ApprovalError):
    code = "approval.not_online"
    status = 409
    title = "该事项不支持网上申请"
    when = "The item is handled at the window only; book an appointment for its queue instead."


class LevelRequired(ApprovalError):
    code = "approval.level_required"
    status = 403
    title = "请先完成实名认证"
    when = "The item needs a higher assurance level than the caller's; `required_level` says which."
    extensions: ClassVar[Mapping[str, object]] = {"required_level": 2}


class FormInvalid(ApprovalError):
    code = "approval.form_invalid"
    status = 422
    title = "申请表填写有误"
    when = "The form does not satisfy the item's form schema; `errors` lists each field and why."
    extensions: ClassVar[Mapping[str, object]] = {
        "errors": [{"field": "form.contact_phone", "message": "必填"}]
    }


class MaterialsInvalid(ApprovalError):
    code = "approval.materials_invalid"
    status = 422
    title = "申请材料不完整或有误"
    when = (
        "A required material is missing, a material is not one the item asks for, or one is "
        "given twice; `errors` lists each material and why."
    )
    extensions: ClassVar[Mapping[str, object]] = {
        "errors": [{"field": "materials.household_register", "message": "缺少必需材料"}]
    }


class FileNotFound(ApprovalError):
    code = "approval.file_not_found"
    status = 404
    title = "文件不存在"
    when = "No uploaded file with that id belongs to the caller."


class FileTooLarge(ApprovalError):
    code = "approval.file_too_large"
    status = 413
    title = "文件超过大小限制"
    when = "An upload is larger than the limit (`max_bytes`)."
    extensions: ClassVar[Mapping[str, object]] = {"max_bytes": 10 * 1024 * 1024}


class FileTypeRefused(ApprovalError):
    code = "approval.file_type_refused"
    status = 415
    title = "仅支持 PDF、JPEG 或 PNG 文件"
    when = "The upload's bytes are not a PDF, JPEG or PNG, whatever its name or declared type."


class DownloadLinkInvalid(ApprovalError):
    code = "approval.link_invalid"
    status = 403
    title = "下载链接无效或已过期"
    when = "The signed download link is malformed, altered, expired or not the caller's."


class ELicenceNotFound(ApprovalError):
    code = "approval.elicence_not_found"
    status = 422
    title = "未找到可复用的电子证照"
    when = "A material asks to reuse an e-licence the government does not hold for the caller."


class ApplicationNotFound(ApprovalError):
    code = "approval.application_not_found"
    status = 404
    title = "办件不存在"
    when = "No application with that id belongs to the caller."


class NotWithdrawable(ApprovalError):
    code = "approval.not_withdrawable"
    status = 409
    title = "办件已受理，无法撤回"
    when = "Only an application not yet accepted can be withdrawn."


class NoCorrectionPending(ApprovalError):
    code = "approval.no_correction_pending"
    status = 409
    title = "当前无需补正材料"
    when = "The application has no open correction notice to answer."


class SupplementMismatch(ApprovalError):
    code = "approval.supplement_mismatch"
    status = 422
    title = "请按补正告知补齐材料"
    when = (
        "A supplement answers exactly the materials the correction notice lists, each once; "
        "`expected` lists them."
    )
    extensions: ClassVar[Mapping[str, object]] = {"expected": ["household_register"]}


class DeliveryLocked(ApprovalError):
    code = "approval.delivery_locked"
    status = 409
    title = "结果已寄出或已领取，无法更改领取方式"
    when = "The result was dispatched or collected; its delivery can no longer change."


class PickupNotOpen(ApprovalError):
    code = "approval.pickup_not_open"
    status = 409
    title = "该办件当前无需寄送原件"
    when = (
        "A pickup of originals is booked while the application is examined (submitted, "
        "accepted, correction requested, supplemented), for an item that asks for a paper "
        "original; the detail says which does not hold."
    )


class NotEvaluable(ApprovalError):
    code = "approval.not_evaluable"
    status = 409
    title = "办件办结后才能评价"
    when = "An application is rated once it is decided (approved, refused, ready or completed)."


class AlreadyEvaluated(ApprovalError):
    code = "approval.already_evaluated"
    status = 409
    title = "该办件已评价"
    when = "Each application is rated once."


class TicketAlreadyEvaluated(ApprovalError):
    code = "approval.ticket_already_evaluated"
    status = 409
    title = "本次服务已评价"
    when = "Each same-day ticket is rated once, on its window's evaluation pad."


class FollowUpNotNeeded(ApprovalError):
    code = "approval.follow_up_not_needed"
    status = 409
    title = "该评价无需整改或已整改"
    when = "Only an evaluation of two stars or fewer, not yet followed up, takes a follow-up."


class CoreUnavailable(ApprovalError):
    code = "approval.core_unavailable"
    status = 503
    title = "审批系统暂时不可用，请稍后再试"
    when = "The hall's core approval system did not answer in time; Retry-After says when to retry."
    RETRY_AFTER_SECONDS = 5

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"Retry-After": str(self.RETRY_AFTER_SECONDS)}, **extra)


class CoreRefused(ApprovalError):
    code = "approval.core_refused"
    status = 409
    title = "审批系统拒绝了该操作"
    when = "The core approval system refused the change; `reason` gives its reason."
    extensions: ClassVar[Mapping[str, object]] = {"reason": "already_accepted"}


class EngineExternal(ApprovalError):
    code = "approval.engine_external"
    status = 409
    title = "本大厅的审批在审批系统中办理"
    when = (
        "Case steps are taken here only with the embedded engine; this hall has its own core "
        "system."
    )


class UnknownStep(ApprovalError):
    code = "approval.unknown_step"
    status = 404
    title = "没有这个办理步骤"
    when = (
        "The step is not one of accept, request_correction, approve, refuse, result_ready, "
        "issue_fee_notice."
    )


class StorageUnavailable(ApprovalError):
    code = "approval.storage_unavailable"
    status = 503
    title = "文件存储暂时不可用，请稍后再试"
    when = "The file store (disk or object storage) did not answer; Retry-After says when to retry."
    RETRY_AFTER_SECONDS = 5

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"Retry-After": str(self.RETRY_AFTER_SECONDS)}, **extra)


class FeeUnpaid(ApprovalError):
    code = "approval.fee_unpaid"
    status = 409
    title = "该办件尚有未缴清的费用"
    when = "The result is released only once every fee notice of the application is paid."
