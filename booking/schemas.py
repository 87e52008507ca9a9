"""Request and answer shapes of the booking routes (the contract names them).

One style for times: an instant is ISO 8601 with the hall's offset, to the second
(`2026-12-01T09:00:00+08:00`); a clock time of a day is `"09:00"` (`"24:00"` is the midnight
that ends it); an interval's ends are `starts_at` and `ends_at`, whichever of the two they are.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from booking.models import AppointmentStatus, TicketStatus


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("an answer's time carries the hall's offset")
    return moment


def _to_the_second(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


# An instant in the hall's time (the service converts it: see booking.service.hall_time).
HallTime = Annotated[
    datetime,
    AfterValidator(_aware),
    PlainSerializer(_to_the_second, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "description": "ISO 8601 with the hall's offset, to the second",
            "examples": ["2026-12-01T09:00:00+08:00"],
        }
    ),
]

CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$"


def minute_of(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def clock_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


class Strict(BaseModel):
    """A request: a field it does not know is refused."""

    model_config = ConfigDict(extra="forbid")


# -- slots and appointments ----------------------------------------------------------------


def _optional_in_typescript(schema: dict[str, Any]) -> None:
    """A field added to a request later: openapi-typescript makes a field with a default
    required, which would break every client compiled against the earlier contract."""
    schema.pop("default", None)


class BookRequest(Strict):
    slot_id: str = Field(min_length=4, max_length=32, examples=["slt_8d2k4m6n1q3r"])
    service: str | None = Field(
        default=None,
        json_schema_extra=_optional_in_typescript,
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_.-]+$",
        examples=["11440100007501-002"],
        description="The service item (事项编码) the visit is for, one the slot's queue serves "
        "at this hall: the window clerk then has its materials checklist at hand",
    )


class AppointmentOut(BaseModel):
    """The appointment as booked."""

    appointment_id: str = Field(examples=["apt_3kq8x2m4n7p1"])
    status: str = Field(examples=["active"])
    date: date


class SlotOut(BaseModel):
    """One slot of a day, as citizens see it."""

    slot_id: str = Field(examples=["slt_8d2k4m6n1q3r"])
    starts_at: HallTime
    ends_at: HallTime
    capacity: int
    remaining: int
    released: bool = Field(description="bookable now; before release it only shows the count")


class SlotsOut(BaseModel):
    """A day's slots of one queue, earliest first."""

    slots: list[SlotOut]


class SlotQuery(Strict):
    category: str = Field(min_length=1, max_length=32, examples=["business"])
    date: date


class MyAppointment(BaseModel):
    """One of the citizen's appointments: its slot in the hall's time, the hall and the
    queue, and where it stands."""

    appointment_id: str = Field(examples=["apt_3kq8x2m4n7p1"])
    status: AppointmentStatus
    date: date
    starts_at: HallTime
    ends_at: HallTime
    hall: str = Field(description="the hall's name", examples=["市民中心"])
    hall_code: str = Field(examples=["CIVIC"], description="for GET /api/v1/halls/{hall_code}")
    category: str = Field(description="the queue's name", examples=["商事登记"])
    category_code: str = Field(examples=["business"], description="the queue, for its slots")


class MyAppointments(BaseModel):
    """The citizen's latest appointments (at most 50), newest first."""

    appointments: list[MyAppointment]


# -- check-in -------------------------------------------------------------------------------


class CheckinCodeOut(BaseModel):
    """The signed, single-use code the appointment's QR carries (no personal data in it)."""

    token: str
    expires_at: HallTime = Field(description="when check-in closes: the code stops working")


class QrQuery(Strict):
    format: Literal["png", "svg"] = "png"


class CheckinRequest(Strict):
    token: str = Field(min_length=10, max_length=512)


class CheckinById(Strict):
    id_number: str = Field(min_length=15, max_length=20)


# -- same-day tickets -----------------------------------------------------------------------


class TicketRequest(Strict):
    """`latitude` and `longitude` (WGS-84, as wx.getLocation gives them) are needed where the
    hall limits online tickets to its surroundings."""

    category: str = Field(min_length=1, max_length=32, examples=["business"])
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class KioskTicketRequest(Strict):
    """The ID card is optional: with it the ticket is the person's (one per queue, messages)."""

    category: str = Field(min_length=1, max_length=32, examples=["business"])
    id_number: str | None = Field(default=None, min_length=15, max_length=20)


class TransferRequest(Strict):
    category: str = Field(min_length=1, max_length=32, examples=["social"])


class TicketOut(BaseModel):
    """A ticket: its number, where it stands and the window calling it."""

    ticket_id: str = Field(examples=["tkt_3kq8x2m4n7p1"])
    number: str = Field(examples=["A023"], description="what the hall calls out and shows")
    status: TicketStatus
    ahead: int = Field(description="前面还有 N 人: waiting tickets called before this one")
    window: int | None = Field(description="the window calling it, while it is called")


class HeldTicketOut(TicketOut):
    """A ticket as its holder sees it: the number, 前面还有 N 人 and the estimated wait."""

    estimated_wait_minutes: int


# -- calling and windows --------------------------------------------------------------------


WindowStatus = Literal["open", "paused", "closed"]


class WindowStateOut(BaseModel):
    """The window as it is now."""

    window_id: str = Field(examples=["win_3kq8x2m4n7p1"])
    number: int
    status: WindowStatus


class WindowOut(WindowStateOut):
    """A window and the queues it serves."""

    categories: list[str] = Field(examples=[["business", "social"]])


# -- suspensions ----------------------------------------------------------------------------


class SuspensionOut(BaseModel):
    """A booking suspension at one hall, after repeated no-shows."""

    suspension_id: str = Field(examples=["sus_3kq8x2m4n7p1"])
    hall: str = Field(description="the hall's code", examples=["CIVIC"])
    starts_at: HallTime
    ends_at: HallTime
    lifted_at: HallTime | None = Field(description="when a hall admin lifted it")


class SuspensionsOut(BaseModel):
    """The citizen's suspensions in force, and when each ends."""

    suspensions: list[SuspensionOut]


# -- live status ----------------------------------------------------------------------------


class WindowServing(BaseModel):
    """A window and the ticket it calls."""

    number: int
    status: WindowStatus
    serving: str | None = Field(description="the ticket number it calls", examples=["A023"])


class QueueWaiting(BaseModel):
    """A queue and how many wait in it."""

    category: str = Field(examples=["business"])
    name: str = Field(examples=["商事登记"])
    prefix: str = Field(examples=["A"])
    waiting: int


class HallStatus(BaseModel):
    """Now serving per window and waiting per queue: numbers only, no names."""

    hall: str = Field(examples=["CIVIC"])
    windows: list[WindowServing]
    waiting: list[QueueWaiting]


# -- halls ----------------------------------------------------------------------------------


Weekday = Annotated[int, Field(ge=0, le=6, description="0 Monday ... 6 Sunday")]
ClockTime = Annotated[str, Field(pattern=CLOCK, examples=["09:00"])]


def _starts_before_it_ends(starts_at: str, ends_at: str) -> None:
    if minute_of(starts_at) >= minute_of(ends_at):
        raise ValueError("开始时间须早于结束时间")


class DayPeriod(BaseModel):
    """A period of a day, in hall time ("24:00": the midnight that ends it)."""

    starts_at: ClockTime
    ends_at: ClockTime


class DayHours(Strict):
    """The hours of one weekday, in hall time ("24:00": the midnight that ends it)."""

    weekday: Weekday
    starts_at: ClockTime
    ends_at: ClockTime

    @model_validator(mode="after")
    def starts_before_it_ends(self) -> DayHours:
        _starts_before_it_ends(self.starts_at, self.ends_at)
        return self


class WeekHours(Strict):
    """The whole week; a weekday left out is closed."""

    days: list[DayHours] = Field(max_length=7)

    @model_validator(mode="after")
    def one_row_per_weekday(self) -> WeekHours:
        if len({d.weekday for d in self.days}) != len(self.days):
            raise ValueError("每个星期几只能设置一次")
        return self


class CategoryOut(BaseModel):
    """A queue (业务类别) of the hall and the letter of its tickets."""

    code: str = Field(examples=["business"])
    name: str = Field(examples=["商事登记"])
    prefix: str = Field(examples=["A"])


class HallSummary(BaseModel):
    """A hall in the list: whether it is open now, today's hours and the next opening."""

    code: str = Field(examples=["CIVIC"])
    name: str = Field(examples=["市民中心"])
    timezone: str = Field(examples=["Asia/Shanghai"])
    open_now: bool
    next_opening: HallTime | None = Field(
        description="the opening in force while open, else the next one (null: none in the "
        "next two weeks)"
    )
    hours_today: DayPeriod | None = Field(description="null: closed today")


class HallsOut(BaseModel):
    """Every hall, by code."""

    halls: list[HallSummary]


class HallOut(BaseModel):
    """The hall: opening hours, whether it is open now, its queues and which serves which
    service item."""

    code: str = Field(examples=["CIVIC"])
    name: str = Field(examples=["市民中心"])
    timezone: str = Field(examples=["Asia/Shanghai"])
    open_now: bool
    next_opening: HallTime | None = Field(
        description="the opening in force while open, else the next one (null: none in the "
        "next two weeks)"
    )
    opening_hours: list[DayHours]
    categories: list[CategoryOut]
    services: dict[str, str] = Field(
        description="service code -> the queue's code", examples=[{"110105-001": "business"}]
    )
    geofence: bool = Field(description="online tickets need the citizen's location")


class HallRulesOut(BaseModel):
    """The hall's booking, no-show and geofence rules (PATCH changes them)."""

    release_days_ahead: int
    release_hour: int
    lead_minutes: int
    cancel_cutoff_minutes: int
    max_active_per_person: int
    no_show_grace_minutes: int
    no_show_limit: int
    no_show_window_days: int
    suspension_days: int
    latitude: float | None
    longitude: float | None
    geofence_metres: int | None
    announcement: str = Field(description="The line the hall's display boards show")


class CalendarDayOut(BaseModel):
    """A day off the weekly pattern: closed (`works_as_weekday` null), or a make-up working
    day."""

    date: date
    works_as_weekday: int | None
    reason: str = Field(examples=["元旦放假"])


class HallSetupOut(HallOut):
    """The hall as its staff see it: also its rules, calendar and windows."""

    rules: HallRulesOut
    calendar: list[CalendarDayOut] = Field(description="today and later")
    windows: list[WindowOut]


# -- a hall's set-up ------------------------------------------------------------------------


class TemplatePeriod(Strict):
    """On this weekday, this period (hall time), this many places."""

    weekday: Weekday
    starts_at: ClockTime
    ends_at: ClockTime
    capacity: int = Field(ge=1, le=1000)

    @model_validator(mode="after")
    def starts_before_it_ends(self) -> TemplatePeriod:
        _starts_before_it_ends(self.starts_at, self.ends_at)
        return self


class Templates(Strict):
    periods: list[TemplatePeriod] = Field(max_length=200)


class TemplatesChanged(BaseModel):
    """The queue's new weekly pattern, and the slots it drew."""

    category: str = Field(examples=["business"])
    periods: int
    slots_created: int


class NewHall(Strict):
    code: str = Field(pattern=r"^[A-Z0-9-]{2,32}$", examples=["CIVIC"])
    name: str = Field(min_length=1, max_length=64, examples=["市民中心"])
    timezone: str = Field(default="Asia/Shanghai", max_length=64)

    @model_validator(mode="after")
    def known_timezone(self) -> NewHall:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("未知的时区") from None
        return self


class HallRules(Strict):
    """Only the rules sent are changed."""

    name: str | None = Field(default=None, min_length=1, max_length=64)
    release_days_ahead: int | None = Field(default=None, ge=0, le=60)
    release_hour: int | None = Field(default=None, ge=0, le=23)
    lead_minutes: int | None = Field(default=None, ge=0, le=10080)
    cancel_cutoff_minutes: int | None = Field(default=None, ge=0, le=10080)
    max_active_per_person: int | None = Field(default=None, ge=1, le=50)
    no_show_grace_minutes: int | None = Field(default=None, ge=0, le=240)
    no_show_limit: int | None = Field(default=None, ge=1, le=50)
    no_show_window_days: int | None = Field(default=None, ge=1, le=3650)
    suspension_days: int | None = Field(default=None, ge=1, le=3650)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geofence_metres: int | None = Field(default=None, ge=0, le=100_000, description="0: none")
    announcement: str | None = Field(
        default=None,
        max_length=120,
        description="The line the hall's display boards show (温馨提示); empty: none",
    )

    @model_validator(mode="after")
    def only_location_may_be_cleared(self) -> HallRules:
        cleared = {k for k in self.model_fields_set if getattr(self, k) is None}
        if cleared - {"latitude", "longitude", "geofence_metres"}:
            raise ValueError("只有位置和范围可以清空，其余规则须给出取值")
        return self


Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class CalendarEntry(Strict):
    """`works_as_weekday` absent or null: the hall is closed that day (holiday); a weekday
    (0 Monday ... 6 Sunday): a make-up working day (调休) with that weekday's hours and slots.
    `reason` is told to every citizen whose appointment the change cancels."""

    works_as_weekday: int | None = Field(default=None, ge=0, le=6)
    reason: Reason = Field(examples=["元旦放假"])


class CalendarChanged(CalendarDayOut):
    """The day as it is now, and how many appointments the change cancelled."""

    cancelled: int


class NewCategory(Strict):
    code: str = Field(pattern=r"^[a-z0-9-]{1,32}$", examples=["business"])
    name: str = Field(min_length=1, max_length=64, examples=["商事登记"])
    prefix: str = Field(pattern=r"^[A-Z]$", examples=["A"])
    default_service_minutes: int = Field(default=10, ge=1, le=240)


class NewWindow(Strict):
    number: int = Field(ge=1, le=999)
    categories: list[str] = Field(min_length=1, max_length=26, examples=[["business"]])


class WindowCategories(Strict):
    categories: list[str] = Field(min_length=1, max_length=26, examples=[["business"]])


class ServiceMapping(Strict):
    category: str = Field(min_length=1, max_length=32, examples=["business"])


class ServiceMapped(BaseModel):
    """Which queue serves the service item here now."""

    service: str = Field(examples=["110105-001"])
    category: str = Field(examples=["business"])
