"""Notify's routes: the citizen's inbox, notification preferences, subscribe grants and app
push devices; the SMS gateway's receipts and WeChat's event pushes."""

from __future__ import annotations

from typing import Protocol

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, text

from api.kit.callbacks import SignedCallbackVerifier, Verifier
from api.kit.context import app_context
from api.kit.declare import NO_BODY, Media, NoContent, RawBody, Reply, declare
from api.kit.errors import ValidationFailed
from api.kit.policy import callback, citizen, requires
from auth.callers import caller_person
from notify import devices, errors, policy, schemas, service, wechat, wechat_events
from notify.gateways.sms import RECEIPT_SIGNED_STRING
from notify.models import InboxMessage, PushDevice
from notify.wechat_events import App, WeChatEvents

bp = Blueprint("inbox", url_prefix="/me/inbox")


class NotifyServices(Protocol):
    @property
    def wechat_events(self) -> WeChatEvents: ...


class NotifyApp(Protocol):
    """What notify's routes read from the app's context."""

    @property
    def subscribe_template_ids(self) -> dict[str, str]: ...
    @property
    def services(self) -> NotifyServices: ...


def message_out(message: InboxMessage) -> schemas.InboxMessageOut:
    return schemas.InboxMessageOut(
        message_id=message.public_id,
        cursor=message.id,
        event_type=message.event_type,
        title=message.title,
        body=message.body,
        created_at=schemas.hall_time(message.created_at),
        read=message.read_at is not None,
    )


@bp.get("")
@requires(citizen(1))
@declare("我的消息", query=schemas.InboxQuery, responses={200: schemas.InboxPage})
async def inbox(request: Request, query: schemas.InboxQuery) -> schemas.InboxPage:
    person = await caller_person(request)
    messages = await service.inbox(
        person.id, unread_only=query.unread, limit=query.limit, before=query.before
    )
    return schemas.InboxPage(
        messages=[message_out(m) for m in messages],
        next_before=messages[-1].id if len(messages) == query.limit else None,
    )


@bp.get("/unread-count")
@requires(citizen(1))
@declare("未读消息数", responses={200: schemas.UnreadCount})
async def unread_count(request: Request) -> schemas.UnreadCount:
    person = await caller_person(request)
    return schemas.UnreadCount(unread=await service.unread_count(person.id))


@bp.post("/<message_id:ref>/read")
@requires(citizen(1))
@declare(
    "标记消息已读",
    body=NO_BODY,
    responses={204: NoContent("已读 (再次标记也是 204)")},
    errors=[errors.InboxMessageNotFound],
)
async def mark_read(request: Request, message_id: str) -> HTTPResponse:
    person = await caller_person(request)
    await service.mark_read(person.id, message_id)
    return HTTPResponse(status=204)


preferences_bp = Blueprint("notify_preferences", url_prefix="/me/notification-preferences")


def preferences_out(opted_out: dict[str, bool]) -> schemas.PreferencesOut:
    return schemas.PreferencesOut(opted_out=schemas.OptedOut(**opted_out))


@preferences_bp.get("")
@requires(citizen(1))
@declare("我的通知偏好", responses={200: schemas.PreferencesOut})
async def my_preferences(request: Request) -> schemas.PreferencesOut:
    """Opted-out categories (true = opted out). Mandatory notices are sent regardless."""
    person = await caller_person(request)
    return preferences_out(await policy.preferences(person.id))


@preferences_bp.put("")
@requires(citizen(1))
@declare(
    "修改通知偏好",
    body=schemas.PreferenceChanges,
    responses={200: schemas.PreferencesOut},
)
async def change_preferences(
    request: Request, body: schemas.PreferenceChanges
) -> schemas.PreferencesOut:
    """Only the categories sent change; the answer is every category as it now is."""
    person = await caller_person(request)
    changes = body.model_dump(exclude_none=True)
    return preferences_out(await policy.set_preferences(person.id, changes))


grants_bp = Blueprint("subscribe_grants", url_prefix="/me/subscribe-grants")


@grants_bp.post("")
@requires(citizen(1))
@declare("报告订阅消息授权", body=schemas.GrantReport, responses={200: schemas.GrantsOut})
async def report_grants(request: Request, body: schemas.GrantReport) -> schemas.GrantsOut:
    """The templates the citizen accepted in wx.requestSubscribeMessage: one send each. WeChat
    reports the same acceptance to the server too; each is counted once."""
    known = set(app_context(request, NotifyApp).subscribe_template_ids.values())
    unknown = [t for t in body.template_ids if t not in known]
    if unknown:
        raise ValidationFailed([{"field": "template_ids", "message": "未知的订阅消息模板"}])
    person = await caller_person(request)
    return schemas.GrantsOut(remaining=await wechat.record_grants(person.id, body.template_ids))


# ---------------------------------------------------------------------------- app push devices

devices_bp = Blueprint("push_devices", url_prefix="/me/push-devices")


def device_out(device: PushDevice) -> schemas.DeviceOut:
    return schemas.DeviceOut(
        device_id=device.public_id,
        platform=device.platform,
        token_hint=devices.token_hint(device.token),
        registered_at=schemas.hall_time(device.registered_at),
    )


@devices_bp.post("")
@requires(citizen(1))
@declare(
    "登记本机的推送令牌",
    body=schemas.DeviceRegistration,
    responses={
        201: schemas.DeviceOut,
        200: schemas.DeviceOut,
    },
)
async def register_device(
    request: Request, body: schemas.DeviceRegistration
) -> Reply[schemas.DeviceOut]:
    """Call after each sign-in and whenever the push service gives the app a new token (with
    `replaces`: the old one). 201: new to this citizen (a token another citizen registered
    moves here); 200: the same token again, refreshed."""
    person = await caller_person(request)
    registered = await devices.register(person.id, body.platform, body.token, body.replaces)
    status = 201 if registered.new_to_person else 200
    return Reply(status, device_out(registered.device))


@devices_bp.get("")
@requires(citizen(1))
@declare("我的推送设备", responses={200: schemas.DevicesOut})
async def my_devices(request: Request) -> schemas.DevicesOut:
    person = await caller_person(request)
    return schemas.DevicesOut(devices=[device_out(d) for d in await devices.devices_of(person.id)])


@devices_bp.delete("/<device_id:ref>")
@requires(citizen(1))
@declare(
    "移除推送设备",
    responses={204: NoContent("已移除，此设备不再收到推送")},
    errors=[errors.PushDeviceNotFound],
)
async def remove_device(request: Request, device_id: str) -> HTTPResponse:
    """On signing out of the app, so its pushes stop reaching the phone."""
    person = await caller_person(request)
    await devices.remove(person.id, device_id)
    return HTTPResponse(status=204)


# ---------------------------------------------------------------------------- SMS receipts

callbacks_bp = Blueprint("sms_callbacks", url_prefix="/callbacks/sms")
RECEIPT_WINDOW_SECONDS = 300
RECEIPTS_TAKEN = schemas.SmsReceiptAnswer(code=0, msg="接收成功")


@callbacks_bp.post("/receipts")
@requires(callback("sms"))
@declare(
    "短信网关的送达回执",
    body=schemas.SmsReceipts,
    responses={200: schemas.SmsReceiptAnswer},
)
async def sms_receipts(request: Request, body: schemas.SmsReceipts) -> schemas.SmsReceiptAnswer:
    """The SMS gateway's delivery receipts: repeats and late arrivals change nothing."""
    for receipt in body.root:
        await service.apply_sms_receipt(receipt.out_id, receipt.biz_id, receipt.success)
    return RECEIPTS_TAKEN


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


# ---------------------------------------------------------------------------- WeChat pushes

wechat_bp = Blueprint("wechat_callbacks", url_prefix="/callbacks/wechat")
ECHO = Media("text/plain", "echostr, as WeChat sent it: the URL is ours")
SUCCESS = Media("text/plain", "success: WeChat does not push it again")
ENVELOPE = RawBody(
    ("text/xml", "application/json"),
    "安全模式的加密消息：XML (公众号、小程序) 或 JSON (小程序)，Encrypt 为密文",
)


async def _url_check(query: schemas.WeChatUrlCheck) -> HTTPResponse:
    return text(query.echostr)


async def _receive(request: Request, app: App) -> HTTPResponse:
    push = wechat_events.read_push(app, wechat_events.opened_push(request))
    await app_context(request, NotifyApp).services.wechat_events.apply(push)
    return text("success")


@wechat_bp.get("/mp")
@requires(callback("wechat_mp"))
@declare("小程序消息推送：验证服务器地址", query=schemas.WeChatUrlCheck, responses={200: ECHO})
async def mini_program_url_check(request: Request, query: schemas.WeChatUrlCheck) -> HTTPResponse:
    """WeChat checks the URL when it is configured: signed, it answers echostr."""
    return await _url_check(query)


@wechat_bp.post("/mp")
@requires(callback("wechat_mp"))
@declare(
    "小程序消息推送：事件",
    query=schemas.WeChatPushQuery,
    body=ENVELOPE,
    responses={200: SUCCESS},
    errors=[errors.WeChatEventUnreadable],
)
async def mini_program_events(request: Request, query: schemas.WeChatPushQuery) -> HTTPResponse:
    """Subscribe-message grants, rejections and send results, each applied once."""
    return await _receive(request, "mp")


@wechat_bp.get("/oa")
@requires(callback("wechat_oa"))
@declare("公众号消息推送：验证服务器地址", query=schemas.WeChatUrlCheck, responses={200: ECHO})
async def official_account_url_check(
    request: Request, query: schemas.WeChatUrlCheck
) -> HTTPResponse:
    """WeChat checks the URL when it is configured: signed, it answers echostr."""
    return await _url_check(query)


@wechat_bp.post("/oa")
@requires(callback("wechat_oa"))
@declare(
    "公众号消息推送：事件",
    query=schemas.WeChatPushQuery,
    body=ENVELOPE,
    responses={200: SUCCESS},
    errors=[errors.WeChatEventUnreadable],
)
async def official_account_events(request: Request, query: schemas.WeChatPushQuery) -> HTTPResponse:
    """Follows, unfollows and template-message send results, each applied once."""
    return await _receive(request, "oa")
