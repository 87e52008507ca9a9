"""Request and response shapes of the identity routes (shared with the published contract)."""

from __future__ import annotations

import unicodedata
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


class SessionOut(BaseModel):
    session_id: str
    channel: str
    created_at: str
    last_used_at: str
    current: bool


class MiniProgramSignIn(Strict):
    code: str = Field(min_length=1, max_length=128)
    privacy_policy_version: str | None = Field(default=None, max_length=32)


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
