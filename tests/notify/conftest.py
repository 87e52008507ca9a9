"""Helpers for notification tests: people with phones and app devices, a dispatcher."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from api.kit import clock
from api.kit.clock import HALL_TIMEZONE
from api.kit.ids import new_public_id
from api.wiring import gateways_for
from api.worker import dispatcher_for
from auth.models import BindingKind, Person
from notify import devices as push_devices
from notify.jobs import Dispatcher
from notify.models import Platform

_people = itertools.count(1)


async def person_with(
    server,
    *,
    phone: str | None = None,
    devices: tuple[str, ...] = (),
    mp_openid: str | None = None,
    oa_openid: str | None = None,
) -> Person:
    """A person with the bindings given (sealed by the server's own vault) and the app push
    devices given (registered as Android devices)."""
    identity = server.app.ctx.services.identity
    person = await Person.create(public_id=new_public_id("per"), level=1)
    if phone:
        await identity.persons.bind(person, BindingKind.PHONE, phone, verified=True)
    for token in devices:
        await push_devices.register(person.id, Platform.ANDROID, token)
    if mp_openid:
        await identity.persons.bind(person, BindingKind.MP_OPENID, mp_openid, verified=True)
    if oa_openid:
        await identity.persons.bind(person, BindingKind.OA_OPENID, oa_openid, verified=True)
    return person


@pytest.fixture
async def dispatcher(server, clean) -> AsyncIterator[Callable[..., Dispatcher]]:
    made = []

    def make(**overrides: object) -> Dispatcher:
        settings = server.app.ctx.settings.model_copy(update=overrides)
        clients = gateways_for(settings, clean.redis)
        made.append(clients)
        return dispatcher_for(settings, server.app.ctx.services.notifier, clients, clean.redis)

    yield make
    for clients in made:
        await clients.aclose()


def booking_data() -> dict[str, str]:
    return {"hall": "市民中心", "date": "2026-11-23", "time": "09:30", "service": "护照办理"}


def dedupe(label: str = "") -> str:
    return f"test:{label}:{next(_people)}"


class ShiftedClock(clock.Clock):
    """Real time moved by a fixed offset: it still advances, at a chosen time of day."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


def shifted_to(hour: int, minute: int = 0) -> ShiftedClock:
    real = datetime.now(UTC)
    local = real.astimezone(HALL_TIMEZONE)
    target = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return ShiftedClock(target - local)


@pytest.fixture(autouse=True)
def hall_daytime() -> Iterator[None]:
    """Outside the quiet hours unless a test says otherwise: 10:00 in the hall's time zone."""
    real = clock.clock
    clock.clock = shifted_to(10)
    try:
        yield
    finally:
        clock.clock = real


async def delivery_on(event, channel: str):
    from notify.models import Delivery

    return await Delivery.get(event_id=event.id, channel=channel)
