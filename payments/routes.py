"""Payments' routes: the channels' callbacks (the citizen's routes come with the orders' API).

WeChat Pay reads only its own answers: success is 204 with no body; any failure, including a
refusal by the callback authenticator before the route runs, is the usual status with
`{"code": "FAIL", "message": ...}` instead of a problem (the blueprint's exception handler
renders it), and WeChat Pay retries it.
"""

from __future__ import annotations

import json
from typing import Literal, Protocol

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, empty, raw

from api.kit.context import HasContext, app_context
from api.kit.declare import JSON, NoContent, RawBody, declare
from api.kit.policy import callback, requires
from payments import errors
from payments.callbacks import SOURCE, WeChatPayNotifications
from payments.gateways.wechatpay import SUCCESS_STATUS, failure_body

callbacks_bp = Blueprint("payments_callbacks", url_prefix="/callbacks/payments")

WECHATPAY_NOTIFICATION = RawBody(
    (JSON,),
    "微信支付 APIv3 通知：{id, event_type, resource: {AEAD_AES_256_GCM 密文}}，"
    "Wechatpay-Signature 等头部为平台密钥的签名",
)


class WeChatPayFailure(BaseModel):
    """WeChat Pay's failure answer: it retries the notification."""

    code: Literal["FAIL"]
    message: str = Field(examples=["签名无效"])


class PaymentsServices(Protocol):
    @property
    def wechatpay_notifications(self) -> WeChatPayNotifications: ...


class PaymentsApp(Protocol):
    @property
    def services(self) -> PaymentsServices: ...


def notifications_of(source: Request | HasContext) -> WeChatPayNotifications:
    return app_context(source, PaymentsApp).services.wechatpay_notifications


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


@callbacks_bp.exception(Exception)
def _wechatpay_failure(request: Request, exception: Exception) -> HTTPResponse:
    """Any failure in WeChat Pay's format. The problem is built (and logged, and an outage
    counted) by the app's handler as for any route, then said the way WeChat Pay reads it.
    Synchronous: the request plumbing answers the authenticator's refusals with it directly."""
    problem: HTTPResponse = request.app.error_handler.default(request, exception)
    detail = json.loads(problem.body or b"{}").get("detail") or "处理失败"
    headers = {k: v for k, v in problem.headers.items() if k.lower() != "content-type"}
    return raw(failure_body(detail), status=problem.status, headers=headers, content_type=JSON)
