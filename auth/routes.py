"""Identity routes: sign-in, tokens, the person's own profile and sessions, the JWKS."""

from __future__ import annotations

from typing import Protocol

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from api.kit import clock
from api.kit.context import app_context
from api.kit.declare import NO_BODY, NoContent, declare
from api.kit.policy import DEVICE, PUBLIC, citizen, requires, session_of, staff, subject_of
from auth import errors, schemas
from auth import staff as staff_service
from auth.callers import caller_person, origin_of
from auth.persons import active_person
from auth.service import Identity, TokenPair
from auth.tokens import TokenSigner

ANY_STAFF = staff("clerk", "hall_admin", "operator")

bp = Blueprint("auth", url_prefix="/auth")
me_bp = Blueprint("me", url_prefix="/me")
staff_bp = Blueprint("staff_auth", url_prefix="/staff")
device_bp = Blueprint("device", url_prefix="/device")
well_known_bp = Blueprint("well_known", url_prefix="/.well-known")


class AuthServices(Protocol):
    @property
    def identity(self) -> Identity: ...
    @property
    def signer(self) -> TokenSigner: ...


class AuthApp(Protocol):
    """What identity's routes read from the app's context."""

    @property
    def services(self) -> AuthServices: ...


def identity_of(request: Request) -> Identity:
    return app_context(request, AuthApp).services.identity


# An answer carrying tokens is kept by no cache, shared or the browser's own.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def token_response(pair: TokenPair) -> HTTPResponse:
    """The pair as it is, in TokenPairOut's shape (every refresh answers one: no model is built
    to dump it again)."""
    return json(vars(pair), headers=NO_STORE)


TOKENS = {200: schemas.TokenPairOut}
NO_STORE_HEADERS = {
    "Cache-Control": "no-store: no cache, shared or the browser's, keeps the tokens",
    "Pragma": "no-cache",
}
# What reaching WeChat can answer, on every route that does.
WECHAT = [errors.WeChatCodeInvalid, errors.GatewayUnavailable]
# What finding or creating the person of a sign-in can answer.
SIGNING_IN = [errors.ConsentRequired, errors.SignInConflict, errors.RateLimited]


@bp.post("/sms-code")
@requires(PUBLIC)
@declare(
    "发送登录短信验证码",
    body=schemas.SmsCodeRequest,
    responses={202: schemas.CodeSent},
    errors=[errors.PhoneInvalid, errors.RateLimited, errors.GatewayUnavailable],
)
async def send_sms_code(request: Request, body: schemas.SmsCodeRequest) -> schemas.CodeSent:
    await identity_of(request).sign_in.send_login_code(body.phone, origin_of(request))
    return schemas.CodeSent(expires_in=300)


@bp.post("/phone")
@requires(PUBLIC)
@declare(
    "手机号与验证码登录",
    body=schemas.PhoneSignIn,
    responses=TOKENS,
    response_headers=NO_STORE_HEADERS,
    errors=[errors.PhoneInvalid, errors.CodeInvalid, *SIGNING_IN],
)
async def sign_in_with_phone(request: Request, body: schemas.PhoneSignIn) -> HTTPResponse:
    pair = await identity_of(request).sign_in.sign_in_with_phone(
        body.phone, body.code, body.privacy_policy_version, origin_of(request, "app")
    )
    return token_response(pair)


@bp.post("/miniprogram")
@requires(PUBLIC)
@declare(
    "小程序登录 (wx.login 的 code)",
    body=schemas.MiniProgramSignIn,
    responses=TOKENS,
    response_headers=NO_STORE_HEADERS,
    errors=[*WECHAT, *SIGNING_IN],
)
async def sign_in_with_mini_program(
    request: Request, body: schemas.MiniProgramSignIn
) -> HTTPResponse:
    """`wx.login` code -> jscode2session; the session_key stays on the server."""
    pair = await identity_of(request).sign_in.sign_in_with_mini_program(
        body.code, body.privacy_policy_version, origin_of(request, "miniprogram")
    )
    return token_response(pair)


@bp.post("/consent")
@requires(PUBLIC)
@declare(
    "同意隐私政策并完成微信登录",
    body=schemas.ConsentSignIn,
    responses=TOKENS,
    response_headers=NO_STORE_HEADERS,
    errors=[errors.ConsentTicketInvalid, *SIGNING_IN],
)
async def sign_in_after_consent(request: Request, body: schemas.ConsentSignIn) -> HTTPResponse:
    """A WeChat sign-in answered 403 auth.consent_required with a `consent_ticket`: WeChat's
    code is spent, and the identity it proved waits 5 minutes for the accepted policy here."""
    pair = await identity_of(request).sign_in.sign_in_after_consent(
        body.consent_ticket, body.privacy_policy_version, origin_of(request, "app")
    )
    return token_response(pair)


@bp.post("/official-account/authorize")
@requires(PUBLIC)
@declare(
    "公众号网页授权：取得授权地址",
    body=schemas.OfficialAccountAuthorize,
    responses={200: schemas.OfficialAccountStart},
    errors=[errors.RedirectNotAllowed],
)
async def begin_official_account_sign_in(
    request: Request, body: schemas.OfficialAccountAuthorize
) -> schemas.OfficialAccountStart:
    """Where to send the browser, with a single-use `state` valid for 10 minutes, and the
    `verifier` the page keeps (sessionStorage) and sends back with the code: it binds the
    sign-in to the browser that began it."""
    return await identity_of(request).sign_in.begin_official_account_sign_in(
        body.redirect_uri, body.scope
    )


@bp.post("/official-account")
@requires(PUBLIC)
@declare(
    "公众号网页授权登录",
    body=schemas.OfficialAccountSignIn,
    responses=TOKENS,
    response_headers=NO_STORE_HEADERS,
    errors=[errors.OAuthStateInvalid, *WECHAT, *SIGNING_IN],
)
async def sign_in_with_official_account(
    request: Request, body: schemas.OfficialAccountSignIn
) -> HTTPResponse:
    pair = await identity_of(request).sign_in.sign_in_with_official_account(
        body.code,
        body.state,
        body.verifier,
        body.privacy_policy_version,
        origin_of(request, "official_account"),
    )
    return token_response(pair)


@bp.post("/refresh")
@requires(PUBLIC)
@declare(
    "刷新令牌 (每个刷新令牌只能用一次)",
    body=schemas.RefreshRequest,
    responses=TOKENS,
    response_headers=NO_STORE_HEADERS,
    errors=[errors.RefreshInvalid, errors.RefreshReused, errors.ConsentRequired],
)
async def refresh(request: Request, body: schemas.RefreshRequest) -> HTTPResponse:
    return token_response(
        await identity_of(request).sessions.refresh(
            body.refresh_token, origin_of(request), body.privacy_policy_version
        )
    )


@bp.post("/logout")
@requires(citizen(1))
@declare("退出登录", body=NO_BODY, responses={204: NoContent()}, errors=[errors.SessionNotFound])
async def logout(request: Request) -> HTTPResponse:
    person = await caller_person(request)
    await identity_of(request).sessions.revoke_session(
        person, session_of(request), origin_of(request), reason="logout"
    )
    return HTTPResponse(status=204)


@me_bp.get("")
@requires(citizen(1))
@declare("我的资料", responses={200: schemas.ProfileOut})
async def me(request: Request) -> schemas.ProfileOut:
    person = await caller_person(request)
    return await identity_of(request).persons.profile(person)


@me_bp.post("/phone/wechat")
@requires(citizen(1))
@declare(
    "绑定微信验证过的手机号",
    body=schemas.WeChatPhone,
    responses={200: schemas.ProfileOut},
    errors=[errors.PhoneBoundElsewhere, *WECHAT],
)
async def bind_phone_from_wechat(request: Request, body: schemas.WeChatPhone) -> schemas.ProfileOut:
    """Bind the phone WeChat verified (the mini-program's getPhoneNumber code)."""
    person = await caller_person(request)
    return await identity_of(request).sign_in.bind_phone_from_wechat(
        person, body.code, origin_of(request, "miniprogram")
    )


@me_bp.post("/real-name")
@requires(citizen(1))
@declare(
    "实名认证 (二级)",
    body=schemas.RealName,
    responses={200: schemas.ProfileOut},
    errors=[
        errors.NameInvalid,
        errors.IdNumberInvalid,
        errors.RealNameMismatch,
        errors.VerificationLimit,
        errors.AlreadyVerified,
        errors.IdentityHeldElsewhere,
        errors.GatewayUnavailable,
    ],
)
async def verify_real_name(request: Request, body: schemas.RealName) -> schemas.ProfileOut:
    """Name + ID number: checked locally, then by the verification service (L2)."""
    person = await caller_person(request)
    return await identity_of(request).real_name.verify_real_name(
        person, body.name, body.id_number, origin_of(request)
    )


@me_bp.post("/face/start")
@requires(citizen(1))
@declare(
    "开始人脸核身 (三级)",
    body=NO_BODY,
    responses={200: schemas.FaceStarted},
    errors=[errors.MiniProgramRequired, *WECHAT],
)
async def start_face_verification(request: Request) -> schemas.FaceStarted:
    """A verify_id for the mini-program's wx.requestFacialVerify: L3 for a verified real name,
    or the proof that joins an account whose real name another account holds (403 with
    `required_level` 2 when there is neither)."""
    person = await caller_person(request)
    return await identity_of(request).face.start_face_verification(person, origin_of(request))


@me_bp.post("/face/finish")
@requires(citizen(1))
@declare(
    "完成人脸核身",
    body=schemas.FaceFinish,
    responses={200: schemas.ProfileOut},
    errors=[errors.FaceVerificationFailed, errors.AlreadyVerified, *WECHAT],
)
async def finish_face_verification(
    request: Request, body: schemas.FaceFinish
) -> schemas.ProfileOut:
    person = await caller_person(request)
    return await identity_of(request).face.finish_face_verification(
        person, body.verify_id, origin_of(request)
    )


@me_bp.post("/consent")
@requires(citizen(1))
@declare(
    "同意新版隐私政策",
    body=schemas.Consent,
    responses={200: schemas.ProfileOut},
    errors=[errors.ConsentRequired],
)
async def accept_policy(request: Request, body: schemas.Consent) -> schemas.ProfileOut:
    person = await caller_person(request)
    return await identity_of(request).accept_policy(
        person, body.privacy_policy_version, origin_of(request)
    )


@me_bp.delete("")
@requires(citizen(1))
@declare(
    "注销账号",
    body=schemas.DeleteAccount,
    responses={204: NoContent()},
    errors=[errors.DeletionNotConfirmed],
)
async def delete_account(request: Request, body: schemas.DeleteAccount) -> HTTPResponse:
    """注销账号: irreversible; `confirm` must be the exact phrase 注销账号."""
    person = await caller_person(request)
    await identity_of(request).deletion.delete_account(person, body.confirm, origin_of(request))
    return HTTPResponse(status=204)


@me_bp.get("/sessions")
@requires(citizen(1))
@declare("我的登录会话", responses={200: schemas.SessionsOut})
async def my_sessions(request: Request) -> schemas.SessionsOut:
    person = await caller_person(request)
    current = session_of(request)
    return schemas.SessionsOut(
        sessions=[
            schemas.SessionOut(
                session_id=s.public_id,
                channel=s.channel,
                created_at=clock.shown(s.created_at),
                last_used_at=clock.shown(s.last_used_at),
                current=s.public_id == current,
            )
            for s in await identity_of(request).sessions.list_sessions(person)
        ]
    )


@me_bp.delete("/sessions/<session_id:ref>")
@requires(citizen(1))
@declare("注销一个登录会话", responses={204: NoContent()}, errors=[errors.SessionNotFound])
async def revoke_my_session(request: Request, session_id: str) -> HTTPResponse:
    person = await caller_person(request)
    await identity_of(request).sessions.revoke_session(person, session_id, origin_of(request))
    return HTTPResponse(status=204)


@well_known_bp.get("/jwks.json")
@requires(PUBLIC)
@declare(
    "访问令牌的公钥 (JWKS)",
    responses={200: schemas.Jwks},
    response_headers={"Cache-Control": "public, max-age=300"},
)
async def jwks(request: Request) -> schemas.Jwks:
    """Public keys of our access tokens, current and retired, for other systems to verify."""
    return schemas.Jwks.model_validate(app_context(request, AuthApp).services.signer.jwks())


@staff_bp.post("/auth/login")
@requires(PUBLIC)
@declare(
    "窗口人员登录",
    body=schemas.StaffSignIn,
    responses=TOKENS,
    response_headers=NO_STORE_HEADERS,
    errors=[errors.StaffCredentialsInvalid, errors.StaffLocked],
)
async def staff_sign_in(request: Request, body: schemas.StaffSignIn) -> HTTPResponse:
    identity = identity_of(request)
    pair = await staff_service.sign_in_staff(
        identity.sessions, identity.redis, body.username, body.password, origin_of(request, "staff")
    )
    return token_response(pair)


@staff_bp.post("/auth/logout")
@requires(ANY_STAFF)
@declare("窗口人员退出登录", body=NO_BODY, responses={204: NoContent()})
async def staff_sign_out(request: Request) -> HTTPResponse:
    await staff_service.end_staff_session(session_of(request))
    return HTTPResponse(status=204)


@staff_bp.get("/me")
@requires(ANY_STAFF)
@declare("当前窗口人员", responses={200: schemas.StaffOut})
async def staff_me(request: Request) -> schemas.StaffOut:
    account = await staff_service.staff_account(subject_of(request))
    return schemas.StaffOut(
        staff_id=account.public_id,
        username=account.username,
        roles=list(account.roles),
        hall_code=account.hall_code,
    )


@staff_bp.get("/persons/<person_id:ref>")
@requires(staff("hall_admin", "operator"))
@declare(
    "查看市民资料 (脱敏，留痕)", responses={200: schemas.ProfileOut}, errors=[errors.PersonNotFound]
)
async def staff_view_person(request: Request, person_id: str) -> schemas.ProfileOut:
    """A citizen's record, masked; every look is audited."""
    person = await active_person(person_id)
    if person is None:
        raise errors.PersonNotFound()
    await staff_service.record_staff_view(subject_of(request), person, origin_of(request))
    return await identity_of(request).persons.profile(person)


@device_bp.get("/me")
@requires(DEVICE)
@declare("当前大厅设备", responses={200: schemas.DeviceOut})
async def device_me(request: Request) -> schemas.DeviceOut:
    device = await staff_service.device(subject_of(request))
    return schemas.DeviceOut(
        device_id=device.public_id, name=device.name, kind=device.kind, hall_code=device.hall_code
    )
