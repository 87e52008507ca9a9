"""The citizen's in-app inbox."""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from api.kit.bodies import parse_body, parse_query, read_json_body, validate_data
from api.kit.callbacks import SignedCallbackVerifier, Verifier
from api.kit.context import app_context
from api.kit.errors import MalformedJSON, ValidationFailed
from api.kit.policy import callback, citizen, requires
from auth.callers import caller_person
from notify import policy, service, wechat
from notify.gateways.sms import RECEIPT_SIGNED_STRING

bp = Blueprint("inbox", url_prefix="/me/inbox")


class InboxQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unread: bool = False
    limit: int = Field(default=20, ge=1, le=100)
    before: int | None = Field(default=None, ge=1, le=2**63 - 1)  # a BIGINT id


@bp.get("")
@requires(citizen(1))
async def inbox(request: Request) -> HTTPResponse:
    query = parse_query(request, InboxQuery)
    person = await caller_person(request)
    messages = await service.inbox(
        person.id, unread_only=query.unread, limit=query.limit, before=query.before
    )
    return json(
        {
            "messages": [
                {
                    "message_id": m.public_id,
                    "cursor": m.id,
                    "event_type": m.event_type,
                    "title": m.title,
                    "body": m.body,
                    "created_at": m.created_at.isoformat(),
                    "read": m.read_at is not None,
                }
                for m in messages
            ],
            "next_before": messages[-1].id if len(messages) == query.limit else None,
        },
        ensure_ascii=False,
    )


@bp.get("/unread-count")
@requires(citizen(1))
async def unread_count(request: Request) -> HTTPResponse:
    person = await caller_person(request)
    return json({"unread": await service.unread_count(person.id)})


@bp.post("/<message_id:ref>/read")
@requires(citizen(1))
async def mark_read(request: Request, message_id: str) -> HTTPResponse:
    person = await caller_person(request)
    await service.mark_read(person.id, message_id)
    return HTTPResponse(status=204)


class PreferenceChanges(BaseModel):
    model_config = ConfigDict(extra="forbid")
    booking: bool | None = None
    queue: bool | None = None
    application: bool | None = None
    payment: bool | None = None
    express: bool | None = None


preferences_bp = Blueprint("notify_preferences", url_prefix="/me/notification-preferences")


@preferences_bp.get("")
@requires(citizen(1))
async def my_preferences(request: Request) -> HTTPResponse:
    """Opted-out categories (true = opted out). Mandatory notices are sent regardless."""
    person = await caller_person(request)
    return json({"opted_out": await policy.preferences(person.id)})


@preferences_bp.put("")
@requires(citizen(1))
async def change_preferences(request: Request) -> HTTPResponse:
    changes = parse_body(request, PreferenceChanges).model_dump(exclude_none=True)
    person = await caller_person(request)
    return json({"opted_out": await policy.set_preferences(person.id, changes)})


class GrantReport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    template_ids: list[str] = Field(min_length=1, max_length=3)  # WeChat asks for 3 at most


grants_bp = Blueprint("subscribe_grants", url_prefix="/me/subscribe-grants")


class NotifyApp(Protocol):
    """What notify's routes read from the app's context."""

    @property
    def subscribe_template_ids(self) -> dict[str, str]: ...


@grants_bp.post("")
@requires(citizen(1))
async def report_grants(request: Request) -> HTTPResponse:
    """The templates the citizen accepted in wx.requestSubscribeMessage: one send each."""
    body = parse_body(request, GrantReport)
    known = set(app_context(request, NotifyApp).subscribe_template_ids.values())
    unknown = [t for t in body.template_ids if t not in known]
    if unknown:
        raise ValidationFailed([{"field": "template_ids", "message": "未知的订阅消息模板"}])
    person = await caller_person(request)
    return json({"remaining": await wechat.record_grants(person.id, body.template_ids)})


# ---------------------------------------------------------------------------- SMS receipts

callbacks_bp = Blueprint("sms_callbacks", url_prefix="/callbacks/sms")
RECEIPT_WINDOW_SECONDS = 300


class Receipt(BaseModel):
    model_config = ConfigDict(extra="ignore")
    out_id: str = Field(max_length=64)
    biz_id: str = Field(max_length=64)
    success: bool


@callbacks_bp.post("/receipts")
@requires(callback("sms"))
async def sms_receipts(request: Request) -> HTTPResponse:
    """The SMS gateway's delivery receipts: repeats and late arrivals change nothing."""
    raw = read_json_array(request)
    receipts = [validate_data(item, Receipt) for item in raw]
    for receipt in receipts:
        await service.apply_sms_receipt(receipt.out_id, receipt.biz_id, receipt.success)
    return json({"code": 0, "msg": "接收成功"}, ensure_ascii=False)


def read_json_array(request: Request) -> list[object]:
    data = read_json_body(request)
    if not isinstance(data, list):
        raise MalformedJSON("回执应为 JSON 数组")
    return data


def sms_receipt_verifier(secret: str) -> Verifier:
    """The SMS gateway's receipts: signed over timestamp, nonce and body (see
    `notify.gateways.sms.receipt_signature`), a five-minute window, each nonce once."""
    return SignedCallbackVerifier(
        "sms",
        secret=secret,
        signature_header="X-Sms-Signature",
        timestamp_header="X-Sms-Timestamp",
        nonce_header="X-Sms-Nonce",
        canonical_string=RECEIPT_SIGNED_STRING,
        window_seconds=RECEIPT_WINDOW_SECONDS,
    )
