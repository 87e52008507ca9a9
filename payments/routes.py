"""Payments' routes: the citizen's orders and paying them, the operator's refunds and
resolutions, and the channels' callbacks.

WeChat Pay reads only its own answers: success is 204 with no body; any failure, including a
refusal by the callback authenticator before the route runs, is the usual status with
`{"code": "FAIL", "message": ...}` instead of a problem (the blueprint's exception handler
renders it), and WeChat Pay retries it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal, Protocol

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, empty, raw

from api.kit import idempotency
from api.kit.context import HasContext, app_context
from api.kit.declare import JSON, NO_BODY, Header, Media, NoContent, RawBody, declare
from api.kit.policy import callback, citizen, requires, staff, subject_of
from api.kit.qr import qr_image
from auth.callers import caller_person
from booking.schemas import QrQuery
from payments import errors, schemas
from payments.callbacks import NONTAX_SOURCE, SOURCE, NonTaxNotifications, WeChatPayNotifications
from payments.checkout import Checkout
from payments.gateways.nontax import SUCCESS_ANSWER
from payments.gateways.wechatpay import SUCCESS_STATUS, failure_body
from payments.models import OrderStatus, PaymentOrder
from payments.reconcile import Reconciliation
from payments.service import Payments

bp = Blueprint("payments")
callbacks_bp = Blueprint("payments_callbacks", url_prefix="/callbacks/payments")
OPERATORS = staff("operator", "hall_admin")
CHANNEL_ERRORS = [errors.ChannelUnavailable, errors.ChannelRefusedError]
REFUND_KEY = Header(
    "Idempotency-Key",
    "One key per refund the operator asks for: a retry with the same key is the same refund.",
    required=True,
    max_length=64,
    example="7f1c2a9e-refund-1",
)

WECHATPAY_NOTIFICATION = RawBody(
    (JSON,),
    "微信支付 APIv3 通知：{id, event_type, resource: {AEAD_AES_256_GCM 密文}}，"
    "Wechatpay-Signature 等头部为平台密钥的签名",
)


NONTAX_NOTICE = RawBody(
    (JSON,),
    "统一公共支付平台通知：扁平 JSON（notify_id, notify_type PAID|REFUND, order_id, payment_code, "
    "payee_code, platform_serial, paid_fen, paid_at, 退款另有 refund_no, refund_serial, "
    "refund_fen, refund_status），timestamp、nonce 与平台签名 sign",
)


class NonTaxSuccess(BaseModel):
    """The platform's success answer: anything else makes it deliver the notice again."""

    code: Literal["SUCCESS"]
    message: str = Field(examples=["成功"])


class WeChatPayFailure(BaseModel):
    """Both channels' failure answer (WeChat Pay's shape, which the platform's profile
    shares): the channel retries the notification."""

    code: Literal["FAIL"]
    message: str = Field(examples=["签名无效"])


class PaymentsServices(Protocol):
    @property
    def wechatpay_notifications(self) -> WeChatPayNotifications: ...

    @property
    def nontax_notifications(self) -> NonTaxNotifications: ...

    @property
    def payments(self) -> Payments: ...

    @property
    def checkout(self) -> Checkout: ...

    @property
    def reconciliation(self) -> Reconciliation: ...


class PaymentsApp(Protocol):
    @property
    def services(self) -> PaymentsServices: ...


def notifications_of(source: Request | HasContext) -> WeChatPayNotifications:
    return app_context(source, PaymentsApp).services.wechatpay_notifications


def payments_of(source: Request | HasContext) -> Payments:
    return app_context(source, PaymentsApp).services.payments


def checkout_of(source: Request | HasContext) -> Checkout:
    return app_context(source, PaymentsApp).services.checkout


# -- the citizen's orders ----------------------------------------------------------------------


@bp.get("/me/payments")
@requires(citizen(1))
@declare("我的缴费订单", responses={200: schemas.OrdersOut})
async def my_orders(request: Request) -> schemas.OrdersOut:
    """Newest first: one order per fee notice of the citizen's applications."""
    orders = await payments_of(request).my_orders(await caller_person(request))
    return schemas.OrdersOut(orders=[schemas.OrderOut.of(order) for order in orders])


@bp.get("/payments/<order_id:ref>")
@requires(citizen(1))
@declare(
    "缴费订单详情",
    responses={200: schemas.OrderDetailOut},
    errors=[errors.OrderNotFound],
)
async def my_order(request: Request, order_id: str) -> schemas.OrderDetailOut:
    """The order, its refunds, its e-receipt once issued, and its timeline. Another
    citizen's order is not found."""
    payments = payments_of(request)
    order = await payments.my_order(await caller_person(request), order_id)
    return await detail_of(payments, order)


@bp.post("/payments/<order_id:ref>/cashier")
@requires(citizen(1))
@declare(
    "通过统一公共支付平台缴费（缴款码与收银台）",
    body=NO_BODY,
    responses={200: schemas.CashierOut},
    errors=[
        errors.OrderNotFound,
        errors.NotPayable,
        errors.AlreadyPaid,
        errors.TransitionRefused,
        *CHANNEL_ERRORS,
    ],
)
async def pay_at_cashier(request: Request, order_id: str) -> schemas.CashierOut:
    """Issues the payment code (缴款码) once, confirmed by the platform's query; asked again,
    the same code. Paying through WeChat Pay before: that order is closed there first."""
    paying = await checkout_of(request).pay_at_cashier(await caller_person(request), order_id)
    return schemas.CashierOut(
        order=schemas.OrderOut.of(paying.order),
        payment_code=paying.start.payment_code,
        pay_url=paying.start.pay_url,
    )


@bp.get("/payments/<order_id:ref>/qr")
@requires(citizen(1))
@declare(
    "收银台二维码图片",
    query=QrQuery,
    responses={
        200: Media(
            "image/png", "收银台链接的二维码 (format=svg 时为 SVG)。", also=("image/svg+xml",)
        )
    },
    errors=[errors.OrderNotFound, errors.NotPayable],
)
async def cashier_qr(request: Request, order_id: str, query: QrQuery) -> HTTPResponse:
    """The cashier page's link as a QR code, for another phone to scan: only while the order
    is paying at the platform (POST /payments/{order_id}/cashier first)."""
    order = await payments_of(request).my_order(await caller_person(request), order_id)
    if order.status is not OrderStatus.PAYING or not order.pay_url:
        raise errors.NotPayable("请先获取缴款码")
    image, content_type = qr_image(order.pay_url, query.format)
    return raw(image, content_type=content_type, headers={"Cache-Control": "private, no-store"})


@bp.post("/payments/<order_id:ref>/wechat-pay")
@requires(citizen(1))
@declare(
    "微信小程序支付（JSAPI 下单并签名 wx.requestPayment 参数）",
    body=NO_BODY,
    responses={200: schemas.MiniProgramPayOut},
    errors=[
        errors.OrderNotFound,
        errors.NotPayable,
        errors.AlreadyPaid,
        errors.MiniProgramRequired,
        errors.TransitionRefused,
        *CHANNEL_ERRORS,
    ],
)
async def pay_in_mini_program(request: Request, order_id: str) -> schemas.MiniProgramPayOut:
    """For the openid the citizen signed in to the mini-program with. Asked again while the
    prepay is valid, the same prepay id, freshly signed. Paying at the platform's cashier
    before: that order is closed there first."""
    paying = await checkout_of(request).pay_in_mini_program(await caller_person(request), order_id)
    return schemas.MiniProgramPayOut(
        order=schemas.OrderOut.of(paying.order),
        request_payment=schemas.RequestPaymentOut.of(paying.request_payment),
    )


@bp.post("/payments/<order_id:ref>/sync")
@requires(citizen(1))
@declare(
    "向支付渠道查询订单状态",
    body=NO_BODY,
    responses={200: schemas.OrderDetailOut},
    errors=[errors.OrderNotFound, *CHANNEL_ERRORS],
)
async def sync_order(request: Request, order_id: str) -> schemas.OrderDetailOut:
    """After paying (wx.requestPayment succeeded, or the cashier page said so), ask the
    channel instead of waiting for its notification."""
    payments = payments_of(request)
    order = await payments.my_order(await caller_person(request), order_id)
    return await detail_of(payments, await checkout_of(request).refresh(order))


# -- the operator's ----------------------------------------------------------------------------


@bp.get("/staff/payments/exceptions")
@requires(OPERATORS)
@declare("待处理的异常订单（金额不符、关闭后支付）", responses={200: schemas.OrdersOut})
async def exceptions(request: Request) -> schemas.OrdersOut:
    """Money that does not fit its order, oldest first: each waits for an officer."""
    orders = await payments_of(request).exceptions()
    return schemas.OrdersOut(orders=[schemas.OrderOut.of(order) for order in orders])


@bp.get("/staff/payments/<order_id:ref>")
@requires(OPERATORS)
@declare(
    "订单详情（工作人员）", responses={200: schemas.OrderDetailOut}, errors=[errors.OrderNotFound]
)
async def staff_order(request: Request, order_id: str) -> schemas.OrderDetailOut:
    payments = payments_of(request)
    return await detail_of(payments, await payments.order_by_public_id(order_id))


@bp.post("/staff/payments/<order_id:ref>/refunds")
@requires(OPERATORS)
@declare(
    "发起退款（全额或部分）",
    body=schemas.RefundRequest,
    headers=[REFUND_KEY],
    responses={201: schemas.RefundOut},
    errors=[
        errors.OrderNotFound,
        errors.NotRefundable,
        errors.RefundExceedsPaid,
        errors.RefundNumberReused,
        idempotency.IdempotencyKeyInvalid,
    ],
)
async def request_refund(
    request: Request, order_id: str, body: schemas.RefundRequest
) -> schemas.RefundOut:
    """A unique refund number per request, kept by its Idempotency-Key; the refunds of an
    order never sum above what was paid (the database holds that). Sent to the channel at
    once, or by the sweep after an outage; the channel's callback finishes it."""
    operator = subject_of(request)
    refund_no = refund_number(operator, request.headers.get("idempotency-key", "").strip())
    refund = await checkout_of(request).refund(
        order_id, body.amount_fen, body.reason, operator=operator, refund_no=refund_no
    )
    return schemas.RefundOut.of(refund)


@bp.post("/staff/payments/<order_id:ref>/resolution")
@requires(OPERATORS)
@declare(
    "处理异常订单",
    body=schemas.ResolutionRequest,
    responses={200: schemas.OrderOut},
    errors=[errors.OrderNotFound, errors.NotAnException, errors.TransitionRefused],
)
async def resolve(
    request: Request, order_id: str, body: schemas.ResolutionRequest
) -> schemas.OrderOut:
    """amount_mismatch or paid_after_close: accept the payment (paid) or record that all of it
    went back (refunded), with a note on the order's timeline."""
    order = await payments_of(request).resolve_exception(
        order_id,
        OrderStatus(body.to),
        operator=subject_of(request),
        note=body.note,
    )
    return schemas.OrderOut.of(order)


@bp.post("/staff/payments/<order_id:ref>/close")
@requires(OPERATORS)
@declare(
    "关闭未支付订单",
    body=schemas.CloseRequest,
    responses={200: schemas.OrderOut},
    errors=[errors.OrderNotFound, errors.TransitionRefused, *CHANNEL_ERRORS],
)
async def close(request: Request, order_id: str, body: schemas.CloseRequest) -> schemas.OrderOut:
    """At the channel first, then here. If the channel says it was paid meanwhile, the
    payment is recorded instead and the answer shows it."""
    payments = payments_of(request)
    order = await payments.order_by_public_id(order_id)
    closed = await checkout_of(request).close(order, source=subject_of(request), note=body.note)
    return schemas.OrderOut.of(closed)


@bp.get("/staff/payments/reconciliation/differences")
@requires(OPERATORS)
@declare(
    "对账差异（默认只列未处理的）",
    query=schemas.DifferencesQuery,
    responses={200: schemas.DifferencesOut},
)
async def differences(request: Request, query: schemas.DifferencesQuery) -> schemas.DifferencesOut:
    """What `yiwang payments reconcile` found: missing locally, missing at the channel, amount
    differs, status differs; by day, channel and id."""
    found = await app_context(request, PaymentsApp).services.reconciliation.differences(
        open_only=not query.all, day=query.day
    )
    return schemas.DifferencesOut(differences=[schemas.DifferenceOut.of(d) for d in found])


@bp.post("/staff/payments/reconciliation/differences/<difference_id:int>/resolution")
@requires(OPERATORS)
@declare(
    "处理对账差异",
    body=schemas.DifferenceResolution,
    responses={200: schemas.DifferenceOut},
    errors=[
        errors.DifferenceNotFound,
        errors.DifferenceAlreadyResolved,
        errors.ResolutionNoteRequired,
    ],
)
async def resolve_difference(
    request: Request, difference_id: int, body: schemas.DifferenceResolution
) -> schemas.DifferenceOut:
    """Once, with a note; the database keeps a resolution as it was written."""
    resolved = await app_context(request, PaymentsApp).services.reconciliation.resolve(
        difference_id, body.note, subject_of(request)
    )
    return schemas.DifferenceOut.of(resolved)


def refund_number(operator: str, idempotency_key: str) -> str:
    """The refund number sent to the channel: one per operator and key, so a retried request
    is the same refund and two requests are two."""
    key = idempotency_key
    if (
        not key
        or len(key) > idempotency.MAX_KEY_LENGTH
        or not (key.isascii() and key.isprintable())
    ):
        raise idempotency.IdempotencyKeyInvalid("退款请求须携带 Idempotency-Key")
    digest = hashlib.sha256(f"{operator}\n{idempotency_key}".encode()).hexdigest()
    return f"RF{digest[:30]}"


async def detail_of(payments: Payments, order: PaymentOrder) -> schemas.OrderDetailOut:
    receipt = await payments.receipt_of(order)
    return schemas.OrderDetailOut(
        order=schemas.OrderOut.of(order),
        pay_url=order.pay_url if order.status is OrderStatus.PAYING else None,
        refunds=[schemas.RefundOut.of(refund) for refund in await payments.refunds_of(order)],
        receipt=None if receipt is None else schemas.ReceiptOut.of(receipt),
        timeline=[schemas.OrderEventOut.of(event) for event in await payments.timeline(order)],
    )


@callbacks_bp.post("/wechat")
@requires(callback(SOURCE))
@declare(
    "微信支付通知（支付成功、退款结果）",
    body=WECHATPAY_NOTIFICATION,
    responses={SUCCESS_STATUS: NoContent("已收到：同一通知再次送达也得到此答复，不再改变订单")},
    errors=[errors.TransitionRefused],  # a refund's order moved by an officer meanwhile
    failure=WeChatPayFailure,
)
async def wechatpay_notification(request: Request) -> HTTPResponse:
    """Verified before the route (signature, ±300 s, nonce once); the notification recorded
    once by its id and applied by the transition table in one transaction."""
    await notifications_of(request).apply(request.body or b"")
    return empty(status=SUCCESS_STATUS)


@callbacks_bp.post("/nontax")
@requires(callback(NONTAX_SOURCE))
@declare(
    "统一公共支付平台通知（缴款成功、退款结果）",
    body=NONTAX_NOTICE,
    responses={200: NonTaxSuccess},
    errors=[errors.TransitionRefused],
    failure=WeChatPayFailure,
)
async def nontax_notice(request: Request) -> HTTPResponse:
    """Verified before the route (the platform's RSA-SHA256 or SM2-SM3 signature, ±300 s, the
    nonce once in 24 h); recorded once by notify_id and applied by the transition table in one
    transaction. A duplicate gets the same success answer and changes nothing."""
    services = app_context(request, PaymentsApp).services
    await services.nontax_notifications.apply(request.body or b"")
    return raw(SUCCESS_ANSWER, status=200, content_type=JSON)


@callbacks_bp.exception(Exception)
def _wechatpay_failure(request: Request, exception: Exception) -> HTTPResponse:
    """Any failure in WeChat Pay's format. The problem is built (and logged, and an outage
    counted) by the app's handler as for any route, then said the way WeChat Pay reads it.
    Synchronous: the request plumbing answers the authenticator's refusals with it directly."""
    problem: HTTPResponse = request.app.error_handler.default(request, exception)
    detail = json.loads(problem.body or b"{}").get("detail") or "处理失败"
    headers = {k: v for k, v in problem.headers.items() if k.lower() != "content-type"}
    return raw(failure_body(detail), status=problem.status, headers=headers, content_type=JSON)
