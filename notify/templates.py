"""Event types, their channel lists and their versioned Chinese templates.

Every event type names its category (for opt-outs), whether it is urgent (sent at once, even in
quiet hours) or mandatory (reaches at least one outside channel whatever the preferences), and
the ordered channels to try. Templates render the event's data for the inbox and each channel.
SMS template parameters are at most 35 characters (the gateways' rule); longer values are cut
to 34 characters and an ellipsis, the one truncation rule used everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

MAX_SMS_PARAMETER = 35
ELLIPSIS = "…"


@dataclass(frozen=True)
class EventSpec:
    category: str
    channels: tuple[str, ...]
    urgent: bool = False
    mandatory: bool = False
    subject_field: str | None = None  # the data field naming what the event is about
    superseded_by: tuple[str, ...] = ()  # once one of these was sent, this one is stale


# The outside channels in each list are tried in order; the inbox is always written as well.
EVENTS: dict[str, EventSpec] = {
    "auth.code": EventSpec("security", ("sms",), urgent=True, mandatory=True),
    "auth.real_name_released": EventSpec("security", ("app_push", "sms"), mandatory=True),
    "booking.confirmed": EventSpec("booking", ("mp_subscribe", "app_push", "sms")),
    "booking.cancelled": EventSpec("booking", ("mp_subscribe", "app_push", "sms")),
    # The hall cancelled it (a day closed): the citizen did not, and would find the door shut.
    "booking.cancelled_by_hall": EventSpec("booking", ("app_push", "sms"), mandatory=True),
    "booking.reminder": EventSpec("booking", ("mp_subscribe", "app_push", "sms")),
    "booking.no_show_warning": EventSpec("booking", ("app_push", "sms")),
    "booking.suspended": EventSpec("booking", ("app_push", "sms"), mandatory=True),
    "ticket.called": EventSpec("queue", ("mp_subscribe", "app_push", "sms"), urgent=True),
    "ticket.near": EventSpec("queue", ("mp_subscribe", "app_push"), urgent=True),
    "application.accepted": EventSpec(
        "application",
        ("oa_template", "app_push", "sms"),
        subject_field="number",
        superseded_by=(
            "application.approved",
            "application.refused",
            "application.result_ready",
            "application.completed",
        ),
    ),
    "application.correction_requested": EventSpec(
        "application",
        ("oa_template", "mp_subscribe", "app_push", "sms"),
        mandatory=True,
        subject_field="number",
    ),
    "application.approved": EventSpec(
        "application",
        ("oa_template", "mp_subscribe", "app_push", "sms"),
        mandatory=True,
        subject_field="number",
        superseded_by=("application.result_ready", "application.completed"),
    ),
    "application.result_ready": EventSpec(
        "application",
        ("oa_template", "mp_subscribe", "app_push", "sms"),
        mandatory=True,
        subject_field="number",
        superseded_by=("application.completed",),
    ),
    "application.completed": EventSpec(
        "application",
        ("oa_template", "mp_subscribe", "app_push", "sms"),
        mandatory=True,
        subject_field="number",
    ),
    "application.refused": EventSpec(
        "application",
        ("oa_template", "mp_subscribe", "app_push", "sms"),
        mandatory=True,
        subject_field="number",
    ),
    "payment.due": EventSpec("payment", ("mp_subscribe", "app_push", "sms")),
    "payment.paid": EventSpec("payment", ("app_push",)),
    "payment.refunded": EventSpec("payment", ("app_push", "sms")),
    "express.shipped": EventSpec("express", ("oa_template", "app_push")),
    "express.out_for_delivery": EventSpec(
        "express",
        ("oa_template", "app_push", "sms"),
        subject_field="mail_number",
        superseded_by=("express.delivered",),
    ),
    "express.delivered": EventSpec(
        "express", ("oa_template", "app_push"), subject_field="mail_number"
    ),
    "express.failed": EventSpec("express", ("oa_template", "app_push", "sms")),
    # The result waits for the citizen to choose where it goes: nothing moves until they do.
    "express.address_needed": EventSpec(
        "express", ("oa_template", "app_push", "sms"), mandatory=True
    ),
}


@dataclass(frozen=True)
class Template:
    version: int
    title: str  # inbox and app push title
    body: str  # a str.format pattern over the event data
    sms_code: str  # the approved SMS template's code at the gateway
    sms_fields: tuple[str, ...]  # which data fields fill the SMS template, in order


TEMPLATES: dict[str, Template] = {
    "auth.code": Template(
        1, "登录验证码", "您的登录验证码为 {code}，5 分钟内有效。", "SMS_CODE_0001", ("code",)
    ),
    "auth.real_name_released": Template(
        1,
        "实名信息已被本人取回",
        "您账号上的实名信息已由证件本人通过人脸识别认证取回，账号已恢复为基础认证等级。"
        "如非您本人知情，请携带身份证件到政务服务大厅咨询。",
        "SMS_AUTH_0002",
        (),
    ),
    "booking.confirmed": Template(
        1,
        "预约成功",
        "您已预约 {hall} {date} {time} 的{service}，请准时到达。",
        "SMS_BOOK_0001",
        ("hall", "date", "time"),
    ),
    "booking.cancelled": Template(
        1,
        "预约已取消",
        "您在 {hall} {date} {time} 的预约已取消。",
        "SMS_BOOK_0002",
        ("hall", "date", "time"),
    ),
    "booking.cancelled_by_hall": Template(
        1,
        "预约已取消",
        "因{reason}，您在 {hall} {date} {time} 的{service}预约已取消，请另行预约。",
        "SMS_BOOK_0006",
        ("hall", "date", "time", "reason"),
    ),
    "booking.reminder": Template(
        1,
        "预约提醒",
        "您预约的 {hall} {date} {time} 即将开始，请准时到达。",
        "SMS_BOOK_0003",
        ("hall", "date", "time"),
    ),
    "booking.no_show_warning": Template(
        1,
        "爽约提醒",
        "您的预约未按时签到，累计 {count} 次爽约将暂停预约。",
        "SMS_BOOK_0004",
        ("count",),
    ),
    "booking.suspended": Template(
        1, "预约已暂停", "因多次爽约，您的预约资格暂停至 {until}。", "SMS_BOOK_0005", ("until",)
    ),
    "ticket.called": Template(
        1,
        "请到窗口办理",
        "请 {ticket} 号到 {window} 号窗口办理。",
        "SMS_TICKET_0001",
        ("ticket", "window"),
    ),
    "ticket.near": Template(
        1,
        "即将轮到您",
        "{ticket} 号前面还有 {ahead} 人，请留意叫号。",
        "SMS_TICKET_0002",
        ("ticket", "ahead"),
    ),
    "application.accepted": Template(
        1, "办件已受理", "您的{service}（{number}）已受理。", "SMS_APP_0001", ("service", "number")
    ),
    "application.correction_requested": Template(
        1,
        "材料需补正",
        "您的{service}（{number}）需补正材料：{materials}。",
        "SMS_APP_0002",
        ("service", "number"),
    ),
    "application.approved": Template(
        1,
        "审批通过",
        "您的{service}（{number}）已审批通过。",
        "SMS_APP_0005",
        ("service", "number"),
    ),
    "application.result_ready": Template(
        1,
        "办理结果已出",
        "您的{service}（{number}）办理结果已出，{delivery}。",
        "SMS_APP_0006",
        ("service", "number", "delivery"),
    ),
    "application.completed": Template(
        1, "办件已办结", "您的{service}（{number}）已办结。", "SMS_APP_0003", ("service", "number")
    ),
    "application.refused": Template(
        1,
        "办件未通过",
        "您的{service}（{number}）未予受理/许可：{reason}。",
        "SMS_APP_0004",
        ("service", "number"),
    ),
    "payment.due": Template(
        1,
        "待缴费",
        "{service} 需缴费 {amount} 元，请在 {deadline} 前缴纳。",
        "SMS_PAY_0001",
        ("service", "amount", "deadline"),
    ),
    "payment.paid": Template(
        1,
        "缴费成功",
        "您已缴纳 {service} 费用 {amount} 元。",
        "SMS_PAY_0002",
        ("service", "amount"),
    ),
    "payment.refunded": Template(
        1, "退款成功", "{service} 费用 {amount} 元已退回。", "SMS_PAY_0003", ("service", "amount")
    ),
    "express.shipped": Template(
        1,
        "结果已寄出",
        "您的办件结果已由 EMS 寄出，邮件号 {mail_number}。",
        "SMS_EMS_0001",
        ("mail_number",),
    ),
    "express.out_for_delivery": Template(
        1,
        "正在派送",
        "邮件 {mail_number} 正在派送，请保持电话畅通。",
        "SMS_EMS_0002",
        ("mail_number",),
    ),
    "express.delivered": Template(
        1, "已妥投", "邮件 {mail_number} 已妥投。", "SMS_EMS_0003", ("mail_number",)
    ),
    "express.failed": Template(
        1,
        "派送未成功",
        "邮件 {mail_number} 派送未成功：{reason}。",
        "SMS_EMS_0004",
        ("mail_number",),
    ),
    "express.address_needed": Template(
        1,
        "请选择收件地址",
        "您的办件结果将由 EMS 寄送，请在“我的邮件”中从地址簿选择收件地址。",
        "SMS_EMS_0005",
        (),
    ),
}


class TemplateDataMissing(ValueError):
    """The event data lacks a field its template uses."""


def spec_of(event_type: str) -> EventSpec:
    spec = EVENTS.get(event_type)
    if spec is None:
        raise ValueError(f"unknown event type {event_type!r}")
    return spec


def truncate(value: str, limit: int) -> str:
    """The one truncation rule: keep limit-1 characters and add an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1] + ELLIPSIS


def render_text(event_type: str, data: Mapping[str, Any]) -> tuple[str, str]:
    template = TEMPLATES[event_type]
    try:
        return template.title, template.body.format(**data)
    except KeyError as missing:
        raise TemplateDataMissing(f"{event_type} needs {missing}") from None


def render_sms(event_type: str, data: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    template = TEMPLATES[event_type]
    try:
        parameters = {
            name: truncate(str(data[name]), MAX_SMS_PARAMETER) for name in template.sms_fields
        }
    except KeyError as missing:
        raise TemplateDataMissing(f"{event_type} needs {missing}") from None
    return template.sms_code, parameters


def check_templates() -> None:
    """Every event type has a template, and only known channels are listed."""
    known: set[str] = {"sms", "app_push", "mp_subscribe", "oa_template"}
    for event_type, spec in EVENTS.items():
        if event_type not in TEMPLATES:
            raise AssertionError(f"no template for {event_type}")
        unknown = set(spec.channels) - known
        if unknown:
            raise AssertionError(f"{event_type} lists unknown channels {unknown}")


Renderer = Callable[[str, Mapping[str, Any]], Any]
