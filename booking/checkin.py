"""Check-in with the appointment's QR code, or by ID number at a kiosk.

The QR code carries a signed token holding only the appointment's opaque id, its expiry (15
minutes after the start) and a nonce: no personal data. It is single-use because checking in
moves the appointment from active to checked_in with a conditional UPDATE, once. Check-in
opens 30 minutes before the start and closes 15 minutes after it, and issues a priority ticket.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from api.kit import clock
from api.kit.db import transaction
from auth.models import Person
from booking import errors, queue
from booking.errors import CheckinClosed, CheckinRefused, CheckinUsed
from booking.models import Appointment, AppointmentStatus, Category, Hall, Slot
from booking.service import hall_time

OPENS_BEFORE = timedelta(minutes=30)
CLOSES_AFTER = timedelta(minutes=15)


class CheckinTokens:
    def __init__(self, key_material: bytes) -> None:
        # A key of its own, derived: the signing key's material never signs anything else here.
        self._key = HKDF(hashes.SHA256(), 32, salt=None, info=b"yiwang check-in qr").derive(
            key_material
        )

    def issue(self, appointment_public_id: str, expires_at: datetime) -> str:
        payload = json.dumps(
            {
                "a": appointment_public_id,
                "e": int(expires_at.timestamp()),
                "n": secrets.token_urlsafe(6),
            },
            separators=(",", ":"),
        ).encode()
        return f"{_b64(payload)}.{_b64(self._mac(payload))}"

    def appointment_of(self, token: str, now: datetime) -> str:
        try:
            body, mac = token.split(".", 1)
            payload = _unb64(body)
            if not hmac.compare_digest(_unb64(mac), self._mac(payload)):
                raise ValueError("signature")
            claims = json.loads(payload)
        except (ValueError, TypeError):
            raise CheckinRefused() from None
        if int(claims.get("e", 0)) <= now.timestamp():
            raise CheckinRefused("签到码已过期")
        return str(claims["a"])

    def _mac(self, payload: bytes) -> bytes:
        return hmac.new(self._key, payload, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class CheckinCode:
    token: str
    expires_at: datetime  # hall time: when check-in closes


async def code_for(
    tokens: CheckinTokens, person: Person, appointment_public_id: str
) -> CheckinCode:
    """The code of one of the person's active appointments."""
    appointment = await Appointment.get_or_none(
        public_id=appointment_public_id, person_id=person.id
    )
    if appointment is None:
        raise errors.AppointmentNotFound()
    if appointment.status != AppointmentStatus.ACTIVE:
        raise CheckinUsed()  # cancelled, moved or done: no code to show at the hall
    slot = await Slot.get(id=appointment.slot_id)
    hall = await Hall.get(id=appointment.hall_id)
    expires_at = hall_time(hall, slot.starts_at + CLOSES_AFTER)
    return CheckinCode(tokens.issue(appointment.public_id, expires_at), expires_at)


async def check_in(appointment_public_id: str, hall_code: str | None) -> queue.Taken:
    appointment = await Appointment.get_or_none(public_id=appointment_public_id)
    if appointment is None:
        raise CheckinRefused()
    if appointment.status != AppointmentStatus.ACTIVE:
        raise CheckinUsed()
    slot = await Slot.get(id=appointment.slot_id)
    hall = await Hall.get(id=slot.hall_id)
    if hall_code is not None and hall.code != hall_code:
        raise CheckinRefused("该预约不在本大厅")
    now = clock.now()
    opens_at, closes_at = slot.starts_at - OPENS_BEFORE, slot.starts_at + CLOSES_AFTER
    if not opens_at <= now <= closes_at:
        raise CheckinClosed(
            opens_at=hall_time(hall, opens_at).isoformat(),
            closes_at=hall_time(hall, closes_at).isoformat(),
        )
    category = await Category.get(id=slot.category_id)
    async with transaction():
        changed = await Appointment.filter(
            id=appointment.id, status=AppointmentStatus.ACTIVE
        ).update(status=AppointmentStatus.CHECKED_IN)
        if not changed:
            raise CheckinUsed()
        return await queue.take_ticket(
            hall, category, appointment.person_id, priority=True, appointment_id=appointment.id
        )


async def check_in_by_id_number(identity_index: str, hall_code: str) -> queue.Taken:
    """At a kiosk: today's active appointment in this hall of the person with this ID."""
    person = await Person.get_or_none(id_number_index=identity_index)
    hall = await Hall.get_or_none(code=hall_code)
    if person is None or hall is None:
        raise errors.AppointmentNotFound()
    today = queue.today_in(hall)
    appointment = (
        await Appointment.filter(
            person_id=person.id, hall_id=hall.id, local_date=today, status=AppointmentStatus.ACTIVE
        )
        .order_by("id")
        .first()
    )
    if appointment is None:
        raise errors.AppointmentNotFound()
    return await check_in(appointment.public_id, hall_code)


async def person_by_id_number(identity_index: str) -> int | None:
    """The person whose real name carries this ID number (by blind index), if any."""
    person = await Person.get_or_none(id_number_index=identity_index)
    return person.id if person is not None else None
