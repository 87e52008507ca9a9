"""The identity package's errors. Details never carry the personal data they are about."""

from __future__ import annotations

from typing import Any

from api.kit.errors import DomainError


class AuthError(DomainError):
    """Any identity failure."""


class TokenInvalid(AuthError):
    code = "auth.token_invalid"
    status = 401
    title = "登录已失效，请重新登录"
    when = (
        "The access token is missing, malformed, expired, for another audience or key, or "
        "its session is gone."
    )


class RefreshInvalid(AuthError):
    code = "auth.refresh_invalid"
    status = 401
    title = "登录已失效，请重新登录"
    when = "The refresh token is unknown, expired, or its session was revoked."


class RefreshReused(AuthError):
    code = "auth.refresh_reused"
    status = 401
    title = "登录凭证已被使用，请重新登录"
    when = "A refresh token was used twice; the whole session is revoked as a precaution."


class LevelRequired(AuthError):
    code = "auth.level_required"
    status = 403
    title = "需要更高的认证等级"
    when = (
        "The route needs a higher assurance level; `required_level` says which (2: real "
        "name, 3: face)."
    )


class WrongAudience(AuthError):
    code = "auth.wrong_audience"
    status = 403
    title = "无权访问"
    when = (
        "A staff token on a citizen route, or the other way round, or a staff role that "
        "is not allowed."
    )


class ConsentRequired(AuthError):
    code = "auth.consent_required"
    status = 403
    title = "请先阅读并同意隐私政策"
    when = (
        "Signing in needs the current privacy-policy version; `policy_version` names it. After a "
        "WeChat sign-in, `consent_ticket` holds the identity WeChat proved for 5 minutes: send "
        "it with the accepted version to POST /api/v1/auth/consent (no new code needed)."
    )


class ConsentTicketInvalid(AuthError):
    code = "auth.consent_ticket_invalid"
    status = 400
    title = "授权已过期，请重新登录"
    when = "The consent ticket is unknown, used already or older than 5 minutes."


class RateLimited(AuthError):
    code = "auth.rate_limited"
    status = 429
    title = "操作过于频繁，请稍后再试"
    when = "A send or try limit was reached; the Retry-After header says when to try again."


class PhoneInvalid(AuthError):
    code = "auth.phone_invalid"
    status = 422
    title = "手机号格式不正确"
    when = "The phone number is not an 11-digit mainland mobile number."


class CodeInvalid(AuthError):
    code = "auth.code_invalid"
    status = 401
    title = "验证码错误或已失效"
    when = "The SMS code is wrong, expired, already used, or dead after too many wrong tries."


class IdNumberInvalid(AuthError):
    code = "auth.id_number_invalid"
    status = 422
    title = "身份证号码无效"
    when = "The ID number fails the GB 11643 checks (shape, province, birth date, check character)."


class RealNameMismatch(AuthError):
    code = "auth.real_name_mismatch"
    status = 422
    title = "姓名与身份证号码不一致"
    when = "The identity-verification service did not confirm the name and ID number."


class VerificationLimit(AuthError):
    code = "auth.verification_limit"
    status = 429
    title = "今日实名核验次数已用完，请明天再试"
    when = "Five failed real-name verifications in a day for one person."


class FaceVerificationFailed(AuthError):
    code = "auth.face_failed"
    status = 422
    title = "人脸核身未通过"
    when = "WeChat face verification did not confirm the person (verify_ret other than 10000)."


class WeChatCodeInvalid(AuthError):
    code = "auth.wechat_code_invalid"
    status = 401
    title = "微信登录凭证无效或已过期"
    when = "WeChat rejected the login, OAuth or phone code (used, expired or forged)."


class OAuthStateInvalid(AuthError):
    code = "auth.oauth_state_invalid"
    status = 400
    title = "授权已过期，请重新发起"
    when = "The official-account OAuth `state` is unknown, expired or already used."


class RedirectNotAllowed(AuthError):
    code = "auth.redirect_not_allowed"
    status = 400
    title = "不允许的回调地址"
    when = "The OAuth redirect URI is not on the configured allow-list."


class GatewayUnavailable(AuthError):
    code = "auth.gateway_unavailable"
    status = 503
    title = "外部服务暂时不可用，请稍后再试"
    when = (
        "WeChat, the SMS gateway or the identity-verification service did not answer in time; "
        "Retry-After says when to try again."
    )
    RETRY_AFTER_SECONDS = 5

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        # An outside system's outage is expected, like our own dependencies': say when to retry.
        super().__init__(detail, headers={"Retry-After": str(self.RETRY_AFTER_SECONDS)}, **extra)


class StaffCredentialsInvalid(AuthError):
    code = "auth.staff_credentials_invalid"
    status = 401
    title = "用户名或密码错误"
    when = "Unknown staff username or wrong password (the answer does not say which)."


class StaffLocked(AuthError):
    code = "auth.staff_locked"
    status = 423
    title = "账号已锁定，请稍后再试"
    when = (
        "Five wrong passwords in a row lock a staff account for 15 minutes; five attempts "
        "in flight at once hold it up to 30 s until they settle. Retry-After says how long."
    )


class PasswordTooWeak(AuthError):
    code = "auth.password_too_weak"
    status = 422
    title = "密码强度不足"
    when = "Staff passwords need 12+ characters with letters, digits and another character."


class DeviceKeyInvalid(AuthError):
    code = "auth.device_key_invalid"
    status = 401
    title = "设备未授权"
    when = "The kiosk or display key is missing, unknown or revoked."


class SessionNotFound(AuthError):
    code = "auth.session_not_found"
    status = 404
    title = "会话不存在"
    when = "No session with that id belongs to the caller."


class PersonNotFound(AuthError):
    code = "auth.person_not_found"
    status = 404
    title = "用户不存在"
    when = "No person with that id (or the account was deleted)."


class PhoneBoundElsewhere(AuthError):
    code = "auth.phone_bound_elsewhere"
    status = 409
    title = "该手机号已绑定其他账号"
    when = (
        "The verified phone belongs to another account. Numbers are recycled, so accounts are "
        "joined only by real-name verification: sign in with the phone and verify the real name."
    )


class AlreadyVerified(AuthError):
    code = "auth.already_verified"
    status = 409
    title = "账号已完成实名认证"
    when = "The account is already verified with another ID number; it cannot be changed here."


class SignInConflict(AuthError):
    code = "auth.sign_in_conflict"
    status = 409
    title = "登录请求冲突，请重试"
    when = (
        "Sign-ins on the same phone or WeChat account raced twice in a row, or the account was "
        "deleted meanwhile; trying again settles it."
    )


class IdentityHeldElsewhere(AuthError):
    code = "auth.identity_held_elsewhere"
    status = 409
    title = "该身份已在另一账号完成实名认证"
    when = (
        "The name and ID number match, but another account holds them. A name and an ID number "
        "are no proof of being that person: within 30 minutes, face verification (POST "
        "/api/v1/me/face/start in the mini-program) gives them to this account. The other "
        "account is merged into it if it passed face verification too; otherwise it keeps its "
        "own bindings and data and loses the real name."
    )


class MiniProgramRequired(AuthError):
    code = "auth.mini_program_required"
    status = 409
    title = "请在微信小程序中进行人脸核身"
    when = "Face verification runs in the mini-program; the account has no mini-program binding."


class NameInvalid(AuthError):
    code = "auth.name_invalid"
    status = 422
    title = "姓名格式不正确"
    when = "A real name is 2 to 30 Chinese characters or letters (with · for some names)."


class DeletionNotConfirmed(AuthError):
    code = "auth.deletion_not_confirmed"
    status = 422
    title = "请确认注销账号"
    when = "Account deletion needs `confirm` set to the exact phrase; it cannot be undone."
