"""Request and answer shapes of the booking routes (the contract names them)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, model_validator


class BookRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slot_id: str = Field(min_length=4, max_length=32)


class AppointmentOut(BaseModel):
    """The appointment as booked."""

    appointment_id: str = Field(examples=["apt_3kq8x2m4n7p1"])
    status: str = Field(examples=["booked"])
    date: date


class SlotOut(BaseModel):
    """One slot of a day, as citizens see it."""

    slot_id: str = Field(examples=["slt_8d2k4m6n1q3r"])
    starts_at: datetime = Field(description="ISO 8601 with the hall's offset")
    ends_at: datetime
    capacity: int
    remaining: int
    released: bool = Field(description="bookable now; before release it only shows the count")


class SlotsOut(BaseModel):
    """A day's slots of one queue, earliest first."""

    slots: list[SlotOut]


class SlotQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(min_length=1, max_length=32)
    date: date


CLOCK = r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$"


def minute_of(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


class DayHours(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weekday: int = Field(ge=0, le=6, description="0 Monday ... 6 Sunday")
    opens: str = Field(pattern=CLOCK, examples=["09:00"])
    closes: str = Field(pattern=CLOCK, examples=["17:00"])

    @model_validator(mode="after")
    def opens_before_closes(self) -> DayHours:
        if minute_of(self.opens) >= minute_of(self.closes):
            raise ValueError("开始时间须早于结束时间")
        return self


class WeekHours(BaseModel):
    model_config = ConfigDict(extra="forbid")
    days: list[DayHours] = Field(max_length=7)

    @model_validator(mode="after")
    def one_row_per_weekday(self) -> WeekHours:
        if len({d.weekday for d in self.days}) != len(self.days):
            raise ValueError("每个星期几只能设置一次")
        return self


class TemplatePeriod(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weekday: int = Field(ge=0, le=6)
    start: str = Field(pattern=CLOCK)
    end: str = Field(pattern=CLOCK)
    capacity: int = Field(ge=1, le=1000)

    @model_validator(mode="after")
    def start_before_end(self) -> TemplatePeriod:
        if minute_of(self.start) >= minute_of(self.end):
            raise ValueError("开始时间须早于结束时间")
        return self


class Templates(BaseModel):
    model_config = ConfigDict(extra="forbid")
    periods: list[TemplatePeriod] = Field(max_length=200)


class NewHall(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[A-Z0-9-]{2,32}$")
    name: str = Field(min_length=1, max_length=64)
    timezone: str = Field(default="Asia/Shanghai", max_length=64)

    @model_validator(mode="after")
    def known_timezone(self) -> NewHall:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("未知的时区") from None
        return self


class HallRules(BaseModel):
    """Only the rules sent are changed."""

    model_config = ConfigDict(extra="forbid")
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

    @model_validator(mode="after")
    def only_location_may_be_cleared(self) -> HallRules:
        cleared = {k for k in self.model_fields_set if getattr(self, k) is None}
        if cleared - {"latitude", "longitude", "geofence_metres"}:
            raise ValueError("只有位置和范围可以清空，其余规则须给出取值")
        return self


class CalendarEntry(BaseModel):
    """`works_as_weekday` absent or null: the hall is closed that day (holiday); a weekday
    (0 Monday ... 6 Sunday): a make-up working day (调休) with that weekday's hours and slots."""

    model_config = ConfigDict(extra="forbid")
    works_as_weekday: int | None = Field(default=None, ge=0, le=6)
    note: str = Field(default="", max_length=64)


class NewCategory(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[a-z0-9-]{1,32}$")
    name: str = Field(min_length=1, max_length=64)
    prefix: str = Field(pattern=r"^[A-Z]$")
    default_service_minutes: int = Field(default=10, ge=1, le=240)


class NewWindow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    number: int = Field(ge=1, le=999)
    categories: list[str] = Field(min_length=1, max_length=26)


class WindowCategories(BaseModel):
    model_config = ConfigDict(extra="forbid")
    categories: list[str] = Field(min_length=1, max_length=26)


class ServiceMapping(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(min_length=1, max_length=32)


class TicketRequest(BaseModel):
    """`latitude` and `longitude` (WGS-84, as wx.getLocation gives them) are needed where the
    hall limits online tickets to its surroundings."""

    model_config = ConfigDict(extra="forbid")
    category: str = Field(min_length=1, max_length=32)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class KioskTicketRequest(BaseModel):
    """The ID card is optional: with it the ticket is the person's (one per queue, messages)."""

    model_config = ConfigDict(extra="forbid")
    category: str = Field(min_length=1, max_length=32)
    id_number: str | None = Field(default=None, min_length=15, max_length=20)
