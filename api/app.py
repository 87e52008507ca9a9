"""The composition root: the only place that knows every package.

`create_app(settings)` builds the Sanic app: configuration, error rendering, request plumbing,
every blueprint, the OpenAPI document, the start and stop of the database and Redis, and the
wiring of lower packages' hooks to higher ones (identity's code sender is notify's SMS).
"""

from __future__ import annotations

from sanic import Sanic

from api.approval.routes import progress_verifier
from api.context import AppContext, YiwangApp
from api.errors import ProblemErrorHandler
from api.kit.callbacks import CallbackAuthenticator
from api.kit.policy import PolicyKind
from api.kit.settings import Settings
from api.lifecycle import Resources, install_lifecycle, outage_watch
from api.plumbing import REQUEST_ID_HEADER, install_plumbing, register_authenticator
from api.routes import register_blueprints, register_sandboxes
from api.wiring import build_services
from api.worker import run_in_server, template_ids
from auth import keys as auth_keys
from auth.authenticators import CitizenAuthenticator, DeviceAuthenticator, StaffAuthenticator
from auth.tokens import TokenSigner
from express.gateways.ems import ems_push_verifier
from notify.routes import sms_receipt_verifier
from notify.wechat import SUBSCRIBE_FIELDS
from notify.wechat_events import wechat_push_verifier
from payments.callbacks import nontax_verifier, wechatpay_verifier


def create_app(
    settings: Settings, *, resources: Resources | None = None, name: str = "yiwang"
) -> YiwangApp:
    context = AppContext(
        settings=settings,
        subscribe_template_ids=template_ids(settings.wechat_subscribe_templates, SUBSCRIBE_FIELDS),
    )
    context.outages = outage_watch(lambda: context.redis)
    app: YiwangApp = Sanic(
        name, ctx=context, configure_logging=False, error_handler=ProblemErrorHandler()
    )
    _configure(app, settings)
    install_plumbing(app)
    register_blueprints(app)
    if settings.gateway_mode == "sandbox":
        register_sandboxes(app, settings)
    install_lifecycle(app, settings, resources)
    signer = auth_keys.signer_from_settings(settings)
    _register_authenticators(app, settings, signer)
    if resources is not None:  # an embedding program's Redis is there before the server
        context.services = build_services(settings, resources.redis, signer)
    else:

        async def open_services(app: YiwangApp) -> None:
            # Registered after the lifecycle's own listeners, so Redis is open when this runs.
            app.ctx.services = build_services(settings, app.ctx.redis, signer)

        app.register_listener(open_services, "before_server_start")

    async def close_services(app: YiwangApp) -> None:
        await app.ctx.services.aclose()

    app.register_listener(close_services, "after_server_stop")
    if settings.runs_worker_in_process:
        run_in_server(app, settings)
    return app


def _register_authenticators(app: YiwangApp, settings: Settings, signer: TokenSigner) -> None:
    register_authenticator(app, PolicyKind.CITIZEN, CitizenAuthenticator(signer))
    register_authenticator(app, PolicyKind.STAFF, StaffAuthenticator(signer))
    register_authenticator(app, PolicyKind.DEVICE, DeviceAuthenticator())
    register_authenticator(
        app,
        PolicyKind.CALLBACK,
        CallbackAuthenticator(
            {
                "sms": sms_receipt_verifier(settings.sms_access_key_secret),
                "core_approval": progress_verifier(settings.core_secret),
                "wechatpay": wechatpay_verifier(settings),
                "nontax": nontax_verifier(settings),
                "ems": ems_push_verifier(settings),
                "wechat_mp": wechat_push_verifier(
                    "mp",
                    token=settings.wechat_mp_push_token,
                    encoding_aes_key=settings.wechat_mp_encoding_aes_key,
                    appid=settings.wechat_mp_appid,
                ),
                "wechat_oa": wechat_push_verifier(
                    "oa",
                    token=settings.wechat_oa_push_token,
                    encoding_aes_key=settings.wechat_oa_encoding_aes_key,
                    appid=settings.wechat_oa_appid,
                ),
            }
        ),
    )


def _configure(app: YiwangApp, settings: Settings) -> None:
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
            "AUTO_EXTEND": False,  # no sanic-ext: the OpenAPI document is ours (api.contract)
            "HTTP_AUTO_HEAD": False,
            "HTTP_AUTO_OPTIONS": False,
            "HTTP_AUTO_TRACE": False,
            "CORS": False,
        }
    )
