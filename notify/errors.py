"""The notify package's expected failures, each with a stable code and a Chinese title."""

from __future__ import annotations

from api.kit.errors import DomainError


class InboxMessageNotFound(DomainError):
    code = "notify.inbox_message_not_found"
    status = 404
    title = "消息不存在"
    when = "No inbox message with that id belongs to the caller."


class PushDeviceNotFound(DomainError):
    code = "notify.push_device_not_found"
    status = 404
    title = "设备不存在"
    when = "No push device with that id is registered to the caller."


class WeChatEventUnreadable(DomainError):
    code = "notify.wechat_event_unreadable"
    status = 400
    title = "无法识别的微信事件"
    when = (
        "A WeChat event push verified and decrypted, but its content is neither the XML nor "
        "the JSON WeChat sends, or a field it needs is missing or malformed; nothing was stored."
    )
