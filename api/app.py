"""The composition root: the only place that knows every package.

`create_app(settings)` builds the Sanic app: configuration, error rendering, request plumbing,
every blueprint, the OpenAPI document, the start and stop of the database and Redis, and the
wiring of lower packages' hooks to higher ones (identity's code sender is notify's SMS).
"""

from __future__ import annotations

from datetime import timedelta

import redis.asyncio as redis
from sanic import DefaultSanic, Sanic
from sanic_ext import Extend
from sanic_ext.extensions.openapi.extension import OpenAPIExtension

from api.errors import ProblemErrorHandler
from api.kit.callbacks import CallbackAuthenticator
from api.kit.policy import PolicyKind
from api.kit.settings import Settings
from api.lifecycle import Resources, install_lifecycle
from api.plumbing import REQUEST_ID_HEADER, install_plumbing, register_authenticator
from api.routes import register_blueprints, register_sandboxes
from api.worker import run_in_server, template_ids
from auth import keys as auth_keys
from auth.authenticators import CitizenAuthenticator, DeviceAuthenticator, StaffAuthenticator
from auth.gateways.idverify import IdVerifyClient
from auth.gateways.wechat import Credentials, WeChatClient
from auth.service import Identity
from booking import hall as booking_hall
from booking import live_queue
from booking import service as booking_service
from booking.checkin import CheckinTokens
from notify import service as notify_service
from notify.gateways.sms import SmsClient
from notify.routes import sms_receipt_verifier
from notify.service import Notifier, SmsLoginCodeSender
from notify.wechat import SUBSCRIBE_FIELDS

SERVICE_TITLE = "一网 Yiwang"
SERVICE_VERSION = "0.1.0"


def create_app(
    settings: Settings, *, resources: Resources | None = None, name: str = "yiwang"
) -> DefaultSanic:
    app = Sanic(name, configure_logging=False, error_handler=ProblemErrorHandler())
    _configure(app, settings)
    app.ctx.settings = settings
    install_plumbing(app)
    register_blueprints(app)
    if settings.gateway_mode == "sandbox":
        register_sandboxes(app, settings)
    _describe_openapi(app)
    install_lifecycle(app, settings, resources)
    _wire_identity(app, settings)
    app.ctx.notifier = Notifier(auth_keys.vault_from_settings(settings))
    _wire_booking(app, None)

    @app.before_server_start
    async def open_booking(app: DefaultSanic) -> None:
        _wire_booking(app, app.ctx.redis)

    app.ctx.checkin_tokens = CheckinTokens(settings.secret("token_signing_key"))
    app.ctx.subscribe_template_ids = template_ids(
        settings.wechat_subscribe_templates, SUBSCRIBE_FIELDS
    )
    if settings.runs_worker_in_process:
        run_in_server(app, settings, app.ctx.notifier)
    return app


def _wire_booking(app: DefaultSanic, redis_client: redis.Redis | None) -> None:
    """Booking's service objects, sharing the process's Redis (none before the server starts):
    the slot memory, and the live status every change of a queue publishes after its commit."""
    displays = live_queue.LiveStatus(redis_client)
    booking = booking_service.Booking(
        app.ctx.notifier, redis_client, queue_changed=displays.hall_changed
    )
    app.ctx.booking = booking
    app.ctx.live_queue = live_queue.LiveQueue(app.ctx.notifier, displays)
    app.ctx.hall_setup = booking_hall.HallSetup(app.ctx.notifier, booking.full_slots)


def _wire_identity(app: DefaultSanic, settings: Settings) -> None:
    signer = auth_keys.signer_from_settings(settings)
    vault = auth_keys.vault_from_settings(settings)
    app.ctx.signer = signer
    register_authenticator(app, PolicyKind.CITIZEN, CitizenAuthenticator(signer))
    register_authenticator(app, PolicyKind.STAFF, StaffAuthenticator(signer))
    register_authenticator(app, PolicyKind.DEVICE, DeviceAuthenticator())
    register_authenticator(
        app,
        PolicyKind.CALLBACK,
        CallbackAuthenticator({"sms": sms_receipt_verifier(settings.sms_access_key_secret)}),
    )

    async def open_identity(app: DefaultSanic) -> None:
        timeout = settings.gateway_timeout_seconds
        app.ctx.sms_client = SmsClient(
            settings.gateway_url("sms"),
            settings.sms_access_key_id,
            settings.sms_access_key_secret,
            settings.sms_sign_name,
            timeout=timeout,
        )
        app.ctx.wechat_client = WeChatClient(
            settings.gateway_url("wechat"),
            settings.wechat_open_base_url or settings.gateway_url("wechat"),
            mini_program=Credentials(settings.wechat_mp_appid, settings.wechat_mp_secret),
            official_account=Credentials(settings.wechat_oa_appid, settings.wechat_oa_secret),
            redis_client=app.ctx.redis,
            timeout=timeout,
        )
        app.ctx.idverify_client = IdVerifyClient(
            settings.gateway_url("idverify"),
            settings.idverify_app_id,
            settings.idverify_secret,
            timeout=timeout,
        )
        app.ctx.identity = Identity(
            vault=vault,
            signer=signer,
            redis=app.ctx.redis,
            code_sender=SmsLoginCodeSender(app.ctx.sms_client, settings.sms_code_template),
            wechat=app.ctx.wechat_client,
            idverify=app.ctx.idverify_client,
            policy_version=settings.privacy_policy_version,
            refresh_lifetime=timedelta(days=settings.refresh_token_days),
            redirect_allowlist=settings.redirect_allowlist,
            # Every package that owns data about persons moves or forgets it with them.
            # (booking's through app.ctx.booking, which holds its Redis once the server starts)
            merge_hooks=[
                notify_service.move_person,
                lambda a, b: app.ctx.booking.move_person(a, b),
            ],
            deletion_hooks=[
                notify_service.forget_person,
                lambda p: app.ctx.booking.forget_person(p),
            ],
        )

    async def close_identity(app: DefaultSanic) -> None:
        for client in (app.ctx.sms_client, app.ctx.wechat_client, app.ctx.idverify_client):
            await client.aclose()

    # Registered after the lifecycle's own listeners, so Redis is open when this runs.
    app.register_listener(open_identity, "before_server_start")
    app.register_listener(close_identity, "after_server_stop")


def _configure(app: DefaultSanic, settings: Settings) -> None:
    app.config.update(
        {
            "REQUEST_MAX_SIZE": settings.max_body_bytes,
            "PROXIES_COUNT": settings.proxies_count,
            "REAL_IP_HEADER": settings.real_ip_header,
            "GRACEFUL_SHUTDOWN_TIMEOUT": settings.graceful_shutdown_seconds,
            "REQUEST_ID_HEADER": REQUEST_ID_HEADER,
            "FALLBACK_ERROR_FORMAT": "json",
            "ACCESS_LOG": False,
            "NOISY_EXCEPTIONS": False,
            "AUTO_EXTEND": False,
            # sanic-ext: only the OpenAPI document, at /openapi.json; /docs is ours (offline UI).
            "OAS_URL_PREFIX": "",
            "OAS_URI_TO_JSON": "/openapi.json",
            "OAS_UI_REDOC": False,
            "OAS_UI_SWAGGER": False,
            "OAS_UI_DEFAULT": None,
            "OAS_AUTODOC": True,
            "OAS_IGNORE_HEAD": True,
            "OAS_IGNORE_OPTIONS": True,
            "HTTP_AUTO_HEAD": False,
            "HTTP_AUTO_OPTIONS": False,
            "HTTP_AUTO_TRACE": False,
            "CORS": False,
        }
    )


class _OpenAPIDocument(OpenAPIExtension):
    """sanic-ext's OpenAPI document without its CDN-loaded UI; our /docs serves the UI."""

    name = "openapidocument"

    def label(self) -> str:
        return "/docs"


def _describe_openapi(app: DefaultSanic) -> None:
    Extend(app, built_in_extensions=False, extensions=[_OpenAPIDocument])
    app.ext.openapi.describe(
        SERVICE_TITLE,
        version=SERVICE_VERSION,
        description=(
            "政务服务大厅市民端后端：统一身份、预约与取号、办件进度推送、非税缴费、EMS 寄递。"
            " Errors are application/problem+json; `GET /api/v1/meta/errors` lists every code."
        ),
    )
