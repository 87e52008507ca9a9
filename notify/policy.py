"""When and whether a message goes out: opt-outs, quiet hours, staleness, our SMS caps."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import redis.asyncio as redis
from tortoise.exceptions import IntegrityError

from api.kit.clock import HALL_TIMEZONE
from api.kit.db import transaction
from notify.models import Delivery, DeliveryStatus, Event, Preference
from notify.templates import EventSpec

QUIET_FROM = time(22, 0)
QUIET_UNTIL = time(8, 0)
SMS_DAILY_CAP = 10  # per person and local day, sign-in codes not counted
CATEGORIES = ("booking", "queue", "application", "payment", "express")


def in_quiet_hours(moment: datetime) -> bool:
    local = moment.astimezone(HALL_TIMEZONE).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def next_morning(moment: datetime) -> datetime:
    """The next 08:00 in the hall's time zone, as UTC-aware time."""
    local = moment.astimezone(HALL_TIMEZONE)
    morning = local.replace(hour=QUIET_UNTIL.hour, minute=0, second=0, microsecond=0)
    if local.time() >= QUIET_UNTIL:
        morning += timedelta(days=1)
    return morning


def send_time(spec: EventSpec, now: datetime) -> datetime:
    """Now, or the end of the quiet hours for a message that can wait."""
    if spec.urgent or not in_quiet_hours(now):
        return now
    return next_morning(now)


async def wants_outside_channels(spec: EventSpec, person_id: int | None) -> bool:
    """Mandatory notices always go out; the rest respect the person's opt-out."""
    if spec.mandatory or person_id is None:
        return True
    return not await Preference.exists(person_id=person_id, category=spec.category, opted_out=True)


async def is_stale(spec: EventSpec, event: Event) -> bool:
    """A later event about the same subject has already reached the person."""
    if not spec.superseded_by or event.subject is None or event.person_id is None:
        return False
    return await Delivery.filter(
        event__person_id=event.person_id,
        event__subject=event.subject,
        event__event_type__in=list(spec.superseded_by),
        status__in=[DeliveryStatus.SENT, DeliveryStatus.DELIVERED],
    ).exists()


async def reserve_sms(client: redis.Redis, person_id: int | None, now: datetime) -> bool:
    """Take one of the person's SMS for today, atomically; False when the cap is reached."""
    if person_id is None:
        return True
    key = _sms_key(person_id, now)
    used = await client.incr(key)
    if used == 1:
        await client.expire(key, 2 * 86400)
    if used > SMS_DAILY_CAP:
        await client.decr(key)
        return False
    return True


async def release_sms(client: redis.Redis, person_id: int | None, now: datetime) -> None:
    """Give back a reservation for an SMS that did not go out."""
    if person_id is not None:
        await client.decr(_sms_key(person_id, now))


def _sms_key(person_id: int, now: datetime) -> str:
    return f"notify:sms-cap:{person_id}:{now.astimezone(HALL_TIMEZONE):%Y%m%d}"


async def preferences(person_id: int) -> dict[str, bool]:
    stored = dict(await Preference.filter(person_id=person_id).values_list("category", "opted_out"))
    return {category: bool(stored.get(category, False)) for category in CATEGORIES}


async def set_preferences(person_id: int, changes: dict[str, bool]) -> dict[str, bool]:
    """Every change or none; the preferences as they then are, read inside the transaction
    (once it has committed, nothing is left to fail before the answer)."""
    async with transaction():
        for category, opted_out in changes.items():
            await _set_preference(person_id, category, opted_out)
        return await preferences(person_id)


async def _set_preference(person_id: int, category: str, opted_out: bool) -> None:
    updated = await Preference.filter(person_id=person_id, category=category).update(
        opted_out=opted_out
    )
    if updated:
        return
    try:
        async with transaction():  # a savepoint: losing the race leaves the rest intact
            await Preference.create(person_id=person_id, category=category, opted_out=opted_out)
    except IntegrityError:  # created by a request racing this one: set it
        await Preference.filter(person_id=person_id, category=category).update(opted_out=opted_out)
