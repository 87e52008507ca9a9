"""Request and response shapes of the identity routes (shared with the published contract)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SmsCodeRequest(Strict):
    phone: str = Field(min_length=11, max_length=16)


class PhoneSignIn(Strict):
    phone: str = Field(min_length=11, max_length=16)
    code: str = Field(pattern=r"^\d{6}$")
    privacy_policy_version: str | None = Field(default=None, max_length=32)


class RefreshRequest(Strict):
    refresh_token: str = Field(min_length=20, max_length=200)


class TokenPairOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int
    session_id: str


class SessionOut(BaseModel):
    session_id: str
    channel: str
    created_at: str
    last_used_at: str
    current: bool
