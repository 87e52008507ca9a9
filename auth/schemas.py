"""Request and response shapes of the identity routes (shared with the published contract)."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SmsCodeRequest(Strict):
    phone: str = Field(min_length=11, max_length=16)


class PhoneSignIn(Strict):
    phone: str = Field(min_length=11, max_length=16)
    code: str = Field(pattern=r"^[0-9]{6}$")
    privacy_policy_version: str | None = Field(default=None, max_length=32)

    @field_validator("code", mode="before")
    @classmethod
    def ascii_digits(cls, value: object) -> object:
        """Fullwidth digits, as a Chinese keyboard may type them, are the same code; other
        scripts' digits are not digits of a code we sent."""
        return unicodedata.normalize("NFKC", value) if isinstance(value, str) else value


class RefreshRequest(Strict):
    refresh_token: str = Field(min_length=20, max_length=200)
    # Sent after a 403 auth.consent_required: the citizen accepted this privacy-policy version.
    privacy_policy_version: str | None = Field(default=None, max_length=32)


class TokenPairOut(BaseModel):
    """The citizen's token pair: a short-lived access token and a rotating refresh token."""

    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int
    session_id: str


class SessionOut(BaseModel):
    session_id: str
    channel: str = Field(examples=["miniprogram"])
    created_at: datetime
    last_used_at: datetime
    current: bool = Field(description="the session this request was made in")


class SessionsOut(BaseModel):
    """The citizen's signed-in sessions, most recently used first."""

    sessions: list[SessionOut]


class BindingOut(BaseModel):
    kind: str = Field(examples=["phone"], description="phone, mp_openid, oa_openid or unionid")
    value: str = Field(examples=["138****0000"], description="masked")
    verified: bool


class ProfileOut(BaseModel):
    """What the citizen may see about themselves, masked."""

    person_id: str
    level: int = Field(ge=1, le=3, description="1 signed in, 2 real name, 3 face")
    name: str | None = Field(examples=["*三"])
    id_number: str | None = Field(examples=["1101**********002X"])
    bindings: list[BindingOut]
    privacy_policy_version: str | None = Field(examples=["2026-11"])


class CodeSent(BaseModel):
    """The code is on its way; it is valid for `expires_in` seconds."""

    expires_in: int


class OfficialAccountStart(BaseModel):
    """Where to send the browser, and what the page keeps for the return."""

    authorize_url: str
    state: str
    verifier: str = Field(description="keep it in the page (sessionStorage); send it back")
    expires_in: int


class FaceStarted(BaseModel):
    """The verify_id for wx.requestFacialVerify."""

    verify_id: str
    expires_in: int


class StaffOut(BaseModel):
    """The signed-in staff member."""

    staff_id: str
    username: str
    roles: list[str]
    hall_code: str | None


class DeviceOut(BaseModel):
    """The hall device this key belongs to."""

    device_id: str
    name: str
    kind: str = Field(examples=["kiosk"])
    hall_code: str


class Jwk(BaseModel):
    model_config = ConfigDict(extra="allow")
    kid: str
    kty: str
    use: str
    alg: str


class Jwks(BaseModel):
    """The public keys of our access tokens, current and retired (RFC 7517)."""

    keys: list[Jwk]


class MiniProgramSignIn(Strict):
    code: str = Field(min_length=1, max_length=128)
    privacy_policy_version: str | None = Field(default=None, max_length=32)


class ConsentSignIn(Strict):
    consent_ticket: str = Field(min_length=16, max_length=64, description="from the 403 answer")
    privacy_policy_version: str = Field(max_length=32, examples=["2026-11"])


class OfficialAccountAuthorize(Strict):
    redirect_uri: str = Field(min_length=8, max_length=512)
    scope: Literal["snsapi_base", "snsapi_userinfo"] = "snsapi_base"


class OfficialAccountSignIn(Strict):
    code: str = Field(min_length=1, max_length=128)
    state: str = Field(min_length=16, max_length=64)
    verifier: str = Field(min_length=16, max_length=64)
    privacy_policy_version: str | None = Field(default=None, max_length=32)


class WeChatPhone(Strict):
    code: str = Field(min_length=1, max_length=128)


class RealName(Strict):
    name: str = Field(min_length=2, max_length=30)
    id_number: str = Field(min_length=15, max_length=20)


class FaceFinish(Strict):
    verify_id: str = Field(min_length=1, max_length=256)


class Consent(Strict):
    privacy_policy_version: str = Field(min_length=1, max_length=32)


class DeleteAccount(Strict):
    confirm: str = Field(max_length=16)


class StaffSignIn(Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
