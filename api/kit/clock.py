"""Time, in one place, so tests can freeze it and halls compute their own business day."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

HALL_TIMEZONE = ZoneInfo("Asia/Shanghai")


class Clock:
    """The current time in UTC. Tests swap `clock.now` for a frozen one."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock(Clock):
    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("a frozen clock needs an aware datetime")
        self.at = at

    def now(self) -> datetime:
        return self.at


clock: Clock = Clock()


def now() -> datetime:
    return clock.now()


def local(moment: datetime, zone: ZoneInfo = HALL_TIMEZONE) -> datetime:
    return moment.astimezone(zone)


def shown(moment: datetime, zone: ZoneInfo = HALL_TIMEZONE) -> datetime:
    """A moment as the API shows it: the hall's offset, to the second (ISO 8601 when dumped)."""
    return moment.astimezone(zone).replace(microsecond=0)
