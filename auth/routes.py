"""Identity routes: sign-in, tokens, the person's own profile and sessions, the JWKS."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from api.kit.bodies import parse_body
from api.kit.policy import DEVICE, PUBLIC, citizen, requires, staff
from auth import errors, schemas
from auth import staff as staff_service
from auth.callers import caller_person, origin_of
from auth.persons import active_person
from auth.service import Identity, TokenPair

ANY_STAFF = staff("clerk", "hall_admin", "operator")

bp = Blueprint("auth", url_prefix="/auth")
me_bp = Blueprint("me", url_prefix="/me")
staff_bp = Blueprint("staff_auth", url_prefix="/staff")
device_bp = Blueprint("device", url_prefix="/device")
well_known_bp = Blueprint("well_known", url_prefix="/.well-known")


def identity_of(request: Request) -> Identity:
    identity: Identity = request.app.ctx.identity
    return identity


# An answer carrying tokens is kept by no cache, shared or the browser's own.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def token_response(pair: TokenPair, status: int = 200) -> HTTPResponse:
    """The pair as it is (every refresh answers one: no model is built to dump it again)."""
    return json(vars(pair), status=status, headers=NO_STORE)


@bp.post("/sms-code")
@requires(PUBLIC)
async def send_sms_code(request: Request) -> HTTPResponse:
    body = parse_body(request, schemas.SmsCodeRequest)
    await identity_of(request).sign_in.send_login_code(body.phone, origin_of(request))
    return json({"expires_in": 300}, status=202)


@bp.post("/phone")
@requires(PUBLIC)
async def sign_in_with_phone(request: Request) -> HTTPResponse:
    body = parse_body(request, schemas.PhoneSignIn)
    pair = await identity_of(request).sign_in.sign_in_with_phone(
        body.phone, body.code, body.privacy_policy_version, origin_of(request, "app")
    )
    return token_response(pair)


@bp.post("/miniprogram")
@requires(PUBLIC)
async def sign_in_with_mini_program(request: Request) -> HTTPResponse:
    """`wx.login` code -> jscode2session; the session_key stays on the server."""
    body = parse_body(request, schemas.MiniProgramSignIn)
    pair = await identity_of(request).sign_in.sign_in_with_mini_program(
        body.code, body.privacy_policy_version, origin_of(request, "miniprogram")
    )
    return token_response(pair)


@bp.post("/official-account/authorize")
@requires(PUBLIC)
async def begin_official_account_sign_in(request: Request) -> HTTPResponse:
    """Where to send the browser, with a single-use `state` valid for 10 minutes, and the
    `verifier` the page keeps (sessionStorage) and sends back with the code: it binds the
    sign-in to the browser that began it."""
    body = parse_body(request, schemas.OfficialAccountAuthorize)
    started = await identity_of(request).sign_in.begin_official_account_sign_in(
        body.redirect_uri, body.scope
    )
    return json(started)


@bp.post("/official-account")
@requires(PUBLIC)
async def sign_in_with_official_account(request: Request) -> HTTPResponse:
    body = parse_body(request, schemas.OfficialAccountSignIn)
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
async def refresh(request: Request) -> HTTPResponse:
    body = parse_body(request, schemas.RefreshRequest)
    return token_response(
        await identity_of(request).sessions.refresh(
            body.refresh_token, origin_of(request), body.privacy_policy_version
        )
    )


@bp.post("/logout")
@requires(citizen(1))
async def logout(request: Request) -> HTTPResponse:
    person = await caller_person(request)
    await identity_of(request).sessions.revoke_session(
        person, request.ctx.caller.session_id, origin_of(request), reason="logout"
    )
    return HTTPResponse(status=204)


@me_bp.get("")
@requires(citizen(1))
async def me(request: Request) -> HTTPResponse:
    person = await caller_person(request)
    return json(await identity_of(request).persons.profile(person), ensure_ascii=False)


@me_bp.post("/phone/wechat")
@requires(citizen(1))
async def bind_phone_from_wechat(request: Request) -> HTTPResponse:
    """Bind the phone WeChat verified (the mini-program's getPhoneNumber code)."""
    body = parse_body(request, schemas.WeChatPhone)
    identity = identity_of(request)
    person = await caller_person(request)
    await identity.sign_in.bind_phone_from_wechat(
        person, body.code, origin_of(request, "miniprogram")
    )
    return json(await identity.persons.profile(person), ensure_ascii=False)


@me_bp.post("/real-name")
@requires(citizen(1))
async def verify_real_name(request: Request) -> HTTPResponse:
    """Name + ID number: checked locally, then by the verification service (L2)."""
    body = parse_body(request, schemas.RealName)
    identity = identity_of(request)
    person = await caller_person(request)
    await identity.real_name.verify_real_name(person, body.name, body.id_number, origin_of(request))
    return json(await identity.persons.fresh_profile(person), ensure_ascii=False)


@me_bp.post("/face/start")
@requires(citizen(1))
async def start_face_verification(request: Request) -> HTTPResponse:
    """A verify_id for the mini-program's wx.requestFacialVerify: L3 for a verified real name,
    or the proof that joins an account whose real name another account holds (403 with
    `required_level` 2 when there is neither)."""
    person = await caller_person(request)
    started = await identity_of(request).face.start_face_verification(person, origin_of(request))
    return json(started)


@me_bp.post("/face/finish")
@requires(citizen(1))
async def finish_face_verification(request: Request) -> HTTPResponse:
    body = parse_body(request, schemas.FaceFinish)
    identity = identity_of(request)
    person = await caller_person(request)
    await identity.face.finish_face_verification(person, body.verify_id, origin_of(request))
    return json(await identity.persons.fresh_profile(person), ensure_ascii=False)


@me_bp.post("/consent")
@requires(citizen(1))
async def accept_policy(request: Request) -> HTTPResponse:
    body = parse_body(request, schemas.Consent)
    identity = identity_of(request)
    person = await caller_person(request)
    await identity.consents.accept_policy(person, body.privacy_policy_version, origin_of(request))
    return json(await identity.persons.profile(person), ensure_ascii=False)


@me_bp.delete("")
@requires(citizen(1))
async def delete_account(request: Request) -> HTTPResponse:
    """注销账号: irreversible; `confirm` must be the exact phrase 注销账号."""
    body = parse_body(request, schemas.DeleteAccount)
    person = await caller_person(request)
    await identity_of(request).deletion.delete_account(person, body.confirm, origin_of(request))
    return HTTPResponse(status=204)


@me_bp.get("/sessions")
@requires(citizen(1))
async def my_sessions(request: Request) -> HTTPResponse:
    person = await caller_person(request)
    sessions = await identity_of(request).sessions.list_sessions(person)
    current = request.ctx.caller.session_id
    return json(
        {
            "sessions": [
                schemas.SessionOut(
                    session_id=s.public_id,
                    channel=s.channel,
                    created_at=s.created_at.isoformat(),
                    last_used_at=s.last_used_at.isoformat(),
                    current=s.public_id == current,
                ).model_dump()
                for s in sessions
            ]
        }
    )


@me_bp.delete("/sessions/<session_id:ref>")
@requires(citizen(1))
async def revoke_my_session(request: Request, session_id: str) -> HTTPResponse:
    person = await caller_person(request)
    await identity_of(request).sessions.revoke_session(person, session_id, origin_of(request))
    return HTTPResponse(status=204)


@well_known_bp.get("/jwks.json")
@requires(PUBLIC)
async def jwks(request: Request) -> HTTPResponse:
    """Public keys of our access tokens, current and retired, for other systems to verify."""
    return json(request.app.ctx.signer.jwks(), headers={"Cache-Control": "public, max-age=300"})


@staff_bp.post("/auth/login")
@requires(PUBLIC)
async def staff_sign_in(request: Request) -> HTTPResponse:
    body = parse_body(request, schemas.StaffSignIn)
    identity = identity_of(request)
    pair = await staff_service.sign_in_staff(
        identity.sessions, identity.redis, body.username, body.password, origin_of(request, "staff")
    )
    return token_response(pair)


@staff_bp.post("/auth/logout")
@requires(ANY_STAFF)
async def staff_sign_out(request: Request) -> HTTPResponse:
    await staff_service.end_staff_session(request.ctx.caller.session_id)
    return HTTPResponse(status=204)


@staff_bp.get("/me")
@requires(ANY_STAFF)
async def staff_me(request: Request) -> HTTPResponse:
    account = await staff_service.staff_account(request.ctx.caller.subject)
    return json(
        {
            "staff_id": account.public_id,
            "username": account.username,
            "roles": account.roles,
            "hall_code": account.hall_code,
        }
    )


@staff_bp.get("/persons/<person_id:ref>")
@requires(staff("hall_admin", "operator"))
async def staff_view_person(request: Request, person_id: str) -> HTTPResponse:
    """A citizen's record, masked; every look is audited."""
    person = await active_person(person_id)
    if person is None:
        raise errors.PersonNotFound()
    identity = identity_of(request)
    await staff_service.record_staff_view(request.ctx.caller.subject, person, origin_of(request))
    return json(await identity.persons.profile(person), ensure_ascii=False)


@device_bp.get("/me")
@requires(DEVICE)
async def device_me(request: Request) -> HTTPResponse:
    device = await staff_service.device(request.ctx.caller.subject)
    return json(
        {
            "device_id": device.public_id,
            "name": device.name,
            "kind": device.kind,
            "hall_code": device.hall_code,
        }
    )
