"""Booking's errors: what a citizen or a clerk can get wrong or run into."""

from __future__ import annotations

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
