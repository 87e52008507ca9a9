"""Every blueprint of the service, in one list.

Operations endpoints sit at the root (`/healthz`, `/readyz`, `/metrics`, `/docs`, the JWKS),
and so do the hall's screens (`/screens`: pages, not API);
everything the clients call sits under `/api/v1`; in the sandbox gateway mode the outside
systems' sandboxes sit under `/sandbox`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from api import ops
from api.approval import routes as approval_routes
from api.approval.demo import demo_items
from api.approval.gateways import core
from api.context import YiwangApp
from api.kit.errors import MalformedJSON
from api.kit.settings import Settings
from api.screens import routes as screens_routes
from auth import routes as auth_routes
from auth.demo import DEMO_CITIZENS
from auth.gateways import idverify, wechat
from booking import routes as booking_routes
from express import routes as express_routes
from express.gateways import ems_sandbox
from notify import routes as notify_routes
from notify.gateways import push, sms
from payments import routes as payments_routes
from payments.gateways import nontax_sandbox, wechatpay_sandbox

API_PREFIX = "/api/v1"

ROOT_BLUEPRINTS: tuple[Blueprint, ...] = (
    ops.bp,
    auth_routes.well_known_bp,
    notify_routes.callbacks_bp,
    notify_routes.wechat_bp,
    approval_routes.callbacks_bp,
    payments_routes.callbacks_bp,
    express_routes.callbacks_bp,
    screens_routes.pages_bp,
)

API_V1_BLUEPRINTS: tuple[Blueprint, ...] = (
    ops.meta_bp,
    auth_routes.bp,
    auth_routes.me_bp,
    auth_routes.staff_bp,
    auth_routes.device_bp,
    notify_routes.bp,
    notify_routes.preferences_bp,
    notify_routes.grants_bp,
    notify_routes.devices_bp,
    booking_routes.bp,
    approval_routes.bp,
    payments_routes.bp,
    express_routes.bp,
    screens_routes.bp,
)


def register_blueprints(app: YiwangApp) -> None:
    for blueprint in ROOT_BLUEPRINTS:
        app.blueprint(blueprint)
    app.blueprint(Blueprint.group(*API_V1_BLUEPRINTS, url_prefix=API_PREFIX))


@dataclass(frozen=True)
class Sandboxes:
    """The outside systems played by this process (the sandbox gateway mode)."""

    sms: sms.SmsSandbox
    wechat: wechat.WeChatSandbox
    idverify: idverify.IdVerifySandbox
    push: push.PushSandbox
    core: core.CoreApprovalSandbox
    wechatpay: wechatpay_sandbox.WeChatPayApiSandbox
    nontax: nontax_sandbox.NonTaxSandbox
    ems: ems_sandbox.EmsSandbox


def register_sandboxes(app: YiwangApp, settings: Settings) -> None:
    """The outside systems' sandboxes, served by this process in the sandbox gateway mode. They
    are built here, before Redis is open, and keep their state in the Redis of the process
    serving each request (`app.ctx.redis`): every process on one Redis plays one system."""
    sms_sandbox = sms.SmsSandbox(
        settings.sms_access_key_id,
        settings.sms_access_key_secret,
        receipt_url=settings.gateway_url("sms").replace("/sandbox/sms", "/callbacks/sms/receipts"),
    )
    callbacks = settings.gateway_url("wechat").replace("/sandbox/wechat", "/callbacks/wechat")
    wechat_sandbox = wechat.WeChatSandbox(
        apps={
            settings.wechat_mp_appid: settings.wechat_mp_secret,
            settings.wechat_oa_appid: settings.wechat_oa_secret,
        },
        push_targets={
            "mp": wechat.PushTarget(
                f"{callbacks}/mp",
                settings.wechat_mp_push_token,
                settings.wechat_mp_encoding_aes_key,
                settings.wechat_mp_appid,
            ),
            "oa": wechat.PushTarget(
                f"{callbacks}/oa",
                settings.wechat_oa_push_token,
                settings.wechat_oa_encoding_aes_key,
                settings.wechat_oa_appid,
            ),
        },
    )
    idverify_sandbox = idverify.IdVerifySandbox(
        settings.idverify_app_id,
        settings.idverify_secret,
        known={number: name for name, number in DEMO_CITIZENS} if settings.seeds_demo_data else {},
    )
    push_sandbox = push.PushSandbox(settings.push_api_key)
    core_sandbox = core.sandbox_from_settings(settings, demo_items())
    wechatpay = wechatpay_sandbox.sandbox_from_settings(settings)
    nontax = nontax_sandbox.sandbox_from_settings(settings)
    ems = ems_sandbox.sandbox_from_settings(settings)
    app.ctx.sandboxes = Sandboxes(
        sms_sandbox,
        wechat_sandbox,
        idverify_sandbox,
        push_sandbox,
        core_sandbox,
        wechatpay=wechatpay,
        nontax=nontax,
        ems=ems,
    )
    for blueprint in (
        push.sandbox_blueprint(push_sandbox),
        sms.sandbox_blueprint(sms_sandbox),
        wechat.sandbox_blueprint(wechat_sandbox),
        idverify.sandbox_blueprint(idverify_sandbox),
        core.sandbox_blueprint(core_sandbox),
        wechatpay_sandbox.sandbox_blueprint(wechatpay),
        nontax_sandbox.sandbox_blueprint(nontax),
        ems_sandbox.sandbox_blueprint(ems),
    ):
        blueprint.exception(KeyError, TypeError, ValueError, AttributeError)(_bad_sandbox_input)
        app.blueprint(blueprint)


async def _bad_sandbox_input(request: Request, exception: Exception) -> HTTPResponse:
    """The sandboxes read their test input loosely, as the systems they play would not: a
    missing field or a wrong type is the test's mistake, answered 400 instead of a 500."""
    refusal = MalformedJSON("沙箱请求的字段缺失或格式不正确")
    response: HTTPResponse = request.app.error_handler.default(request, refusal)
    return response
