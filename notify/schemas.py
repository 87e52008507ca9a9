"""Request and answer shapes of the notify routes (the contract names them)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from api.kit.clock import HALL_TIMEZONE
from notify.models import Platform


def hall_time(moment: datetime) -> datetime:
    """A stored (UTC) time as the API shows every time: the hall's offset, whole seconds."""
    return moment.astimezone(HALL_TIMEZONE).replace(microsecond=0)


# ---------------------------------------------------------------------------- the inbox


class InboxQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unread: bool = Field(default=False, description="只看未读")
    limit: int = Field(default=20, ge=1, le=100)
    before: int | None = Field(
        default=None,
        ge=1,
        le=2**63 - 1,  # a BIGINT id
        description="上一页最后一条的 cursor (next_before)，取更早的消息",
    )


class InboxMessageOut(BaseModel):
    """One message of the citizen's inbox."""

    message_id: str = Field(examples=["msg_8d2k4m6n1q3r5t7v9x0z2b"])
    cursor: int = Field(description="分页位置：传给 before 取更早的消息")
    event_type: str = Field(examples=["ticket.called"])
    title: str = Field(examples=["请到窗口办理"])
    body: str
    created_at: datetime = Field(description="ISO 8601 with the hall's offset")
    read: bool


class InboxPage(BaseModel):
    """The newest messages first; `next_before` fetches the page after this one."""

    messages: list[InboxMessageOut]
    next_before: int | None = Field(description="下一页的 before；没有更多时为 null")


class UnreadCount(BaseModel):
    """How many inbox messages are unread."""

    unread: int = Field(ge=0, examples=[3])


# ---------------------------------------------------------------------------- preferences


class PreferenceChanges(BaseModel):
    """Only the categories sent change; true opts out of that category."""

    model_config = ConfigDict(extra="forbid")
    booking: bool | None = None
    queue: bool | None = None
    application: bool | None = None
    payment: bool | None = None
    express: bool | None = None


class OptedOut(BaseModel):
    booking: bool
    queue: bool
    application: bool
    payment: bool
    express: bool


class PreferencesOut(BaseModel):
    """Opted-out categories (true = opted out). Mandatory notices are sent regardless."""

    opted_out: OptedOut


# ---------------------------------------------------------------------------- subscribe grants


class GrantReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    template_ids: list[str] = Field(
        min_length=1,
        max_length=3,  # WeChat asks for 3 at most
        description="wx.requestSubscribeMessage 中市民选择“允许”的模板",
        examples=[["tmpl-ticket.called"]],
    )


class GrantsOut(BaseModel):
    """The sends each subscribe-message template has left for the citizen."""

    remaining: dict[str, int] = Field(examples=[{"tmpl-ticket.called": 1}])


# ---------------------------------------------------------------------------- app push devices

# APNs tokens are 64 hex digits, FCM and HarmonyOS Push tokens some 100-200 printable
# characters: a token is printable ASCII without spaces, within these bounds.
DEVICE_TOKEN_SHAPE = r"^[\x21-\x7e]{8,512}$"  # noqa: S105 - a pattern, not a secret


class DeviceRegistration(BaseModel):
    """A device's push token for the signed-in citizen: new, the same again (a refresh), or
    one that replaces the token the app had before."""

    model_config = ConfigDict(extra="forbid")
    platform: Platform = Field(description="ios / android / harmony")
    token: str = Field(pattern=DEVICE_TOKEN_SHAPE, description="推送服务发给本机的令牌")
    replaces: str | None = Field(
        default=None, pattern=DEVICE_TOKEN_SHAPE, description="本机之前的令牌 (令牌更新时)"
    )


class DeviceOut(BaseModel):
    """A device that receives the citizen's app push messages."""

    device_id: str = Field(examples=["pdv_8d2k4m6n1q3r5t7v9x0z2b"])
    platform: Platform
    token_hint: str = Field(description="令牌的末 4 位，供辨认", examples=["…9f3a"])
    registered_at: datetime = Field(description="最近一次登记 (ISO 8601, hall offset)")


class DevicesOut(BaseModel):
    """The citizen's devices, the most recently registered first."""

    devices: list[DeviceOut]


# ---------------------------------------------------------------------------- SMS receipts


class SmsReceipt(BaseModel):
    model_config = ConfigDict(extra="ignore")
    out_id: str = Field(max_length=64, description="our delivery id, sent as OutId")
    biz_id: str = Field(max_length=64)
    success: bool


class SmsReceipts(RootModel[list[SmsReceipt]]):
    """The SMS gateway's delivery receipts, a JSON array."""


class SmsReceiptAnswer(BaseModel):
    """The SMS gateway's expected answer: code 0 means the receipts were taken."""

    code: Literal[0]
    msg: str = Field(examples=["接收成功"])


# ---------------------------------------------------------------------------- WeChat pushes


class WeChatSigned(BaseModel):
    """What WeChat signs every push's URL with (checked before the route runs)."""

    model_config = ConfigDict(extra="ignore")  # WeChat may add parameters
    signature: str = Field(
        max_length=128, description="SHA-1 of the sorted token, timestamp, nonce"
    )
    timestamp: str = Field(max_length=16)
    nonce: str = Field(max_length=128)


class WeChatUrlCheck(WeChatSigned):
    echostr: str = Field(max_length=256, description="answered as it came")


class WeChatPushQuery(WeChatSigned):
    openid: str | None = Field(default=None, max_length=128)
    encrypt_type: Literal["aes"] = Field(description="安全模式")
    msg_signature: str = Field(
        max_length=128, description="SHA-1 over token, timestamp, nonce, Encrypt"
    )
