"""Payments' errors: what a citizen, an officer or a payment channel can run into."""

from __future__ import annotations

from typing import Any

from api.kit.errors import DomainError


class PaymentsError(DomainError):
    """Any payments failure."""


class OrderNotFound(PaymentsError):
    code = "payments.order_not_found"
    status = 404
    title = "缴费订单不存在"
    when = "No order with that id, or it is another person's."


class NoticeInvalid(PaymentsError):
    code = "payments.notice_invalid"
    status = 422
    title = "缴款通知书金额有误"
    when = "The fee notice's items do not add up to its total, or an amount is not positive."


class NoticeConflict(PaymentsError):
    code = "payments.notice_conflict"
    status = 409
    title = "该缴款通知书已生成其他订单"
    when = (
        "An order exists for the notice number, but for another person, application or "
        "total: the same notice number was sent with different contents."
    )


class TransitionRefused(PaymentsError):
    code = "payments.transition_refused"
    status = 409
    title = "订单当前状态不允许此操作"
    when = "The order's status cannot move to the one asked (the transition table lacks it)."


class NotRefundable(PaymentsError):
    code = "payments.not_refundable"
    status = 409
    title = "该订单当前不可退款"
    when = "Refunds are taken only of paid or partially refunded orders."


class RefundExceedsPaid(PaymentsError):
    code = "payments.refund_exceeds_paid"
    status = 409
    title = "退款金额超过可退金额"
    when = "The refund with those already requested or made would exceed what was paid."


class RefundNumberReused(PaymentsError):
    code = "payments.refund_number_reused"
    status = 409
    title = "退款单号已被使用"
    when = "The refund number names a refund of another order or of another amount."


class RefundNotFound(PaymentsError):
    code = "payments.refund_not_found"
    status = 404
    title = "退款记录不存在"
    when = "No refund with that refund number."


class RefundAlreadyFinished(PaymentsError):
    code = "payments.refund_already_finished"
    status = 409
    title = "该退款已有其他结果"
    when = "The refund already succeeded or failed, and the outcome reported now is the other one."


class RefundAmountInvalid(PaymentsError):
    code = "payments.refund_amount_invalid"
    status = 422
    title = "退款金额有误"
    when = "A refund's amount is a positive whole number of fen."


class NotAnException(PaymentsError):
    code = "payments.not_an_exception"
    status = 409
    title = "该订单不在待处理的异常状态"
    when = "Only an order in amount_mismatch or paid_after_close is resolved by an officer."


class NotPayable(PaymentsError):
    code = "payments.not_payable"
    status = 409
    title = "该订单当前不可支付"
    when = "The order is paid, closed, refunded or past its due date (限缴日期)."


class AlreadyPaid(PaymentsError):
    code = "payments.already_paid"
    status = 409
    title = "该订单已支付"
    when = "The channel reports the order paid (the payment is now recorded): nothing to pay."


class MiniProgramRequired(PaymentsError):
    code = "payments.mini_program_required"
    status = 409
    title = "请在微信小程序中支付"
    when = (
        "WeChat Pay JSAPI needs the payer's mini-program openid; the account never signed in there."
    )


class ChannelUnavailable(PaymentsError):
    code = "payments.channel_unavailable"
    status = 503
    title = "支付渠道暂时不可用，请稍后再试"
    when = (
        "The payment platform or WeChat Pay did not answer in time; Retry-After says when to retry."
    )
    RETRY_AFTER_SECONDS = 5

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"Retry-After": str(self.RETRY_AFTER_SECONDS)}, **extra)


class ChannelRefusedError(PaymentsError):
    code = "payments.channel_refused"
    status = 409
    title = "支付渠道拒绝了该请求"
    when = "The payment channel answered with a refusal; `channel_code` is its own code."

    def __init__(self, channel_code: str, message: str = "") -> None:
        super().__init__(message or None, channel_code=channel_code)
        self.channel_code = channel_code


class StatementMalformed(PaymentsError):
    code = "payments.statement_malformed"
    status = 422
    title = "对账单格式有误"
    when = (
        "A channel's statement cannot be read: a header, a value or its totals line is not the "
        "format's; the detail names the line."
    )


class StatementUnavailable(PaymentsError):
    code = "payments.statement_unavailable"
    status = 409
    title = "该渠道未配置对账单下载"
    when = "No gateway for the channel is configured in this process; give the statement file."


class DifferenceNotFound(PaymentsError):
    code = "payments.difference_not_found"
    status = 404
    title = "对账差异不存在"
    when = "No reconciliation difference with that id (a re-run replaces open ones)."


class DifferenceAlreadyResolved(PaymentsError):
    code = "payments.difference_already_resolved"
    status = 409
    title = "该对账差异已处理"
    when = "A difference is resolved once; its note and operator stay as first written."


class ResolutionNoteRequired(PaymentsError):
    code = "payments.resolution_note_required"
    status = 422
    title = "请填写处理说明"
    when = "Resolving a difference needs a note (up to 500 characters) and the operator's name."
