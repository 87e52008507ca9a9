"""What the screens' tests set up: a hall with windows, devices, a named citizen, a clerk."""

from __future__ import annotations

import secrets
from datetime import timedelta

from api.kit import clock
from api.kit.ids import new_public_id
from auth.models import Person, StaffAccount
from auth.staff import create_device, create_staff
from booking.models import Appointment, Category, Hall, Slot, Window
from tests.booking.test_booking import citizen, make_hall

PASSWORD = "Window-07-counter!"


def hall_of_its_own() -> str:
    """A hall code no other test uses at the same time. Live statuses go out on Redis
    channels, and a Redis server's channels are shared by all its logical databases: a test
    watching a board must not see another xdist worker's hall H1."""
    return f"S{secrets.token_hex(4).upper()}"


async def hall_with_window(number: int = 3, code: str = "H1") -> tuple[Hall, Category, Window]:
    """A hall (H1 unless told; queue `passport`, prefix A, open round the clock) with one
    window serving it."""
    hall, category = await make_hall(code)
    window = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=number, category_ids=[category.id]
    )
    return hall, category, window


async def device_key(kind: str, hall_code: str = "H1") -> str:
    _, key = await create_device(f"{kind} at {hall_code}", kind, hall_code)
    return key


async def named_citizen(server, name: str) -> tuple[Person, dict[str, str]]:
    """A citizen whose real name is on file (sealed, as real-name verification leaves it)."""
    person, headers = await citizen(server, level=2)
    persons = server.app.ctx.services.identity.persons
    person.name_sealed = persons.seal(name, table="person", column="name", row=person.public_id)
    await person.save(update_fields=["name_sealed"])
    return person, headers


async def clerk(username: str = "clerk-screens", hall_code: str = "H1") -> tuple[str, str]:
    """A clerk of the hall (made on first use in a test)."""
    if not await StaffAccount.exists(username=username):
        await create_staff(username, PASSWORD, {"clerk"}, hall_code)
    return username, PASSWORD


async def staff_headers(
    client, username: str = "clerk-screens", hall_code: str = "H1"
) -> dict[str, str]:
    await clerk(username, hall_code)
    tokens = await client.post(
        "/api/v1/staff/auth/login", json={"username": username, "password": PASSWORD}
    )
    return {"Authorization": f"Bearer {tokens.json()['access_token']}"}


async def appointment_starting_soon(
    hall: Hall, category: Category, person: Person, service_code: str | None
) -> Appointment:
    """Today's appointment whose check-in is open now (it starts in ten minutes)."""
    now = clock.now()
    slot = await Slot.create(
        public_id=new_public_id("slt"),
        category=category,
        hall_id=hall.id,
        local_date=now.astimezone(clock.HALL_TIMEZONE).date(),
        starts_at=now + timedelta(minutes=10),
        ends_at=now + timedelta(minutes=40),
        capacity=1,
        booked=1,
        released_at=now - timedelta(days=1),
    )
    return await Appointment.create(
        public_id=new_public_id("apt"),
        slot=slot,
        person_id=person.id,
        category_id=category.id,
        hall_id=hall.id,
        local_date=slot.local_date,
        channel="app",
        service_code=service_code,
    )
