"""Booking's errors: what a citizen or a clerk can get wrong or run into."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from api.kit.errors import DomainError


class BookingError(DomainError):
    """Any booking failure."""


class SlotFull(BookingError):
    code = "booking.slot_full"
    status = 409
    title = "该时段已约满"
    when = "No place is left in the slot; choose another."


class SlotNotFound(BookingError):
    code = "booking.slot_not_found"
    status = 404
    title = "号源不存在"
    when = "No slot with that id."


class NotReleased(BookingError):
    code = "booking.not_released"
    status = 409
    title = "该时段尚未放号"
    when = "The slot's day is not open for booking yet; `released_at` says when it opens."
    extensions: ClassVar[Mapping[str, object]] = {"released_at": "2026-12-01T08:00:00+08:00"}


class TooLate(BookingError):
    code = "booking.too_late"
    status = 409
    title = "已超过可预约时间"
    when = "The slot starts sooner than the hall's minimum lead time, or has passed."


class OnePerDay(BookingError):
    code = "booking.one_per_day"
    status = 409
    title = "同一业务每天只能预约一次"
    when = "The person already holds an active appointment in this category on that day."


class TooManyActive(BookingError):
    code = "booking.too_many_active"
    status = 409
    title = "有效预约数已达上限"
    when = "The person holds the most active appointments the hall allows."
    extensions: ClassVar[Mapping[str, object]] = {"limit": 3}


class AppointmentNotFound(BookingError):
    code = "booking.appointment_not_found"
    status = 404
    title = "预约不存在"
    when = "No appointment with that id belongs to the caller."


class NotCancellable(BookingError):
    code = "booking.not_cancellable"
    status = 409
    title = "该预约已不能取消或改约"
    when = "The appointment is not active, or its cutoff (2 hours before by default) has passed."


class HallNotFound(BookingError):
    code = "booking.hall_not_found"
    status = 404
    title = "大厅不存在"
    when = "No hall with that code."


class Suspended(BookingError):
    code = "booking.suspended"
    status = 403
    title = "因多次爽约，预约资格已暂停"
    when = "Repeated no-shows suspended booking at this hall; `until` says when it ends."
    extensions: ClassVar[Mapping[str, object]] = {"until": "2027-01-15T10:30:00+08:00"}


class SuspensionNotFound(BookingError):
    code = "booking.suspension_not_found"
    status = 404
    title = "暂停记录不存在"
    when = "No active suspension with that id."


class CategoryNotFound(BookingError):
    code = "booking.category_not_found"
    status = 404
    title = "没有这个业务类别"
    when = "The hall has no queue with that category code."


class HallExists(BookingError):
    code = "booking.hall_exists"
    status = 409
    title = "大厅编码已存在"
    when = "Another hall already has that code."


class CategoryExists(BookingError):
    code = "booking.category_exists"
    status = 409
    title = "业务类别编码或号段字母已被使用"
    when = "The hall already has a queue with that code or that ticket prefix letter."


class WindowExists(BookingError):
    code = "booking.window_exists"
    status = 409
    title = "窗口号已存在"
    when = "The hall already has a window with that number."


class HallClosed(BookingError):
    code = "booking.hall_closed"
    status = 409
    title = "当前不在大厅办公时间，暂不能取号"
    when = (
        "Same-day tickets are given only while the hall is open; `opens_at` says the next "
        "opening (null when none is planned in the next two weeks)."
    )
    extensions: ClassVar[Mapping[str, object]] = {"opens_at": "2026-12-01T09:00:00+08:00"}


class LocationRequired(BookingError):
    code = "booking.location_required"
    status = 422
    title = "请开启定位后再取号"
    when = "This hall gives online tickets only near the hall: send `latitude` and `longitude`."


class OutsideGeofence(BookingError):
    code = "booking.outside_geofence"
    status = 403
    title = "您不在大厅附近，请到大厅后再取号"
    when = "The location sent is farther from the hall than its configured radius."
    extensions: ClassVar[Mapping[str, object]] = {"radius_metres": 500}


class ServiceNotInQueue(BookingError):
    code = "booking.service_not_in_queue"
    status = 409
    title = "该时段的业务不办理该事项"
    when = "The appointment names a service item that the slot's queue does not serve here."


class TicketNotEvaluable(BookingError):
    code = "booking.ticket_not_evaluable"
    status = 409
    title = "该号不在本窗口待评价"
    when = (
        "The evaluation pad rates only the ticket its window completed last, within a few "
        "minutes of completing it."
    )


class ServiceNotMapped(BookingError):
    code = "booking.service_not_mapped"
    status = 404
    title = "该事项不在本大厅办理"
    when = "The hall maps no queue to that service code."


class OneTicket(BookingError):
    code = "booking.one_ticket"
    status = 409
    title = "您已有该业务的排队号"
    when = "The person already holds a waiting or called ticket in this category today."


class WindowNotFound(BookingError):
    code = "booking.window_not_found"
    status = 404
    title = "窗口不存在"
    when = "No window with that id in the clerk's hall."


class TicketNotFound(BookingError):
    code = "booking.ticket_not_found"
    status = 404
    title = "排队号不存在"
    when = "No ticket with that id belongs to the caller, or it is no longer in that state."


class TicketNotCalled(BookingError):
    code = "booking.ticket_not_called"
    status = 409
    title = "该号不在叫号中"
    when = (
        "Complete, recall, missed and transfer act on a called ticket; this one is waiting "
        "or finished."
    )


class WindowBusy(BookingError):
    code = "booking.window_busy"
    status = 409
    title = "该窗口当前号尚未办结，请先办结或过号"
    when = (
        "The window's called ticket (`ticket_id`) is not finished yet: complete it, mark it "
        "missed or transfer it, then call the next one. A double click calls one ticket."
    )
    extensions: ClassVar[Mapping[str, object]] = {"ticket_id": "tkt_3kq8x2m4n7p1"}


class WindowClosed(BookingError):
    code = "booking.window_closed"
    status = 409
    title = "窗口暂停或已关闭"
    when = "A paused or closed window calls no ticket; open it first."


class TicketNotCancellable(BookingError):
    code = "booking.ticket_not_cancellable"
    status = 409
    title = "该号已叫号或已结束，不能取消"
    when = "Only a waiting ticket can be cancelled; a called one is finished at the window."


class LiveStreamsPerAddress(BookingError):
    code = "booking.live_streams_per_address"
    status = 429
    title = "实时状态连接过多，请关闭多余的页面后重试"
    when = (
        "The caller's address holds the most live-status streams one address may open; close "
        "one (another tab or display) first."
    )
    extensions: ClassVar[Mapping[str, object]] = {"limit": 20}


class LiveStreamsBusy(BookingError):
    code = "booking.live_streams_busy"
    status = 503
    title = "实时状态连接已满，请稍后重试"
    when = (
        "This server process holds the most live-status streams it takes, or is restarting; "
        "Retry-After says when to try again (the load balancer may send the retry elsewhere)."
    )
    extensions: ClassVar[Mapping[str, object]] = {"retry_after": 30}


class CheckinRefused(BookingError):
    code = "booking.checkin_refused"
    status = 401
    title = "签到码无效"
    when = "The check-in code is tampered with, expired, or not ours."


class CheckinUsed(BookingError):
    code = "booking.checkin_used"
    status = 409
    title = "该预约已签到或已失效"
    when = "The appointment was checked in already (a QR code works once), or is not active."


class CheckinClosed(BookingError):
    code = "booking.checkin_closed"
    status = 409
    title = "不在签到时间内"
    when = (
        "Check-in opens 30 minutes before the appointment and closes 15 minutes after it; "
        "`opens_at` and `closes_at` say when, in the hall's time."
    )
    extensions: ClassVar[Mapping[str, object]] = {
        "opens_at": "2026-12-01T09:30:00+08:00",
        "closes_at": "2026-12-01T10:15:00+08:00",
    }
