"""QR check-in: single use, expiring, tamper-proof; by ID number at the kiosk; priority ticket."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from api.contract import PUBLISHED
from api.kit import clock
from api.kit.ids import new_public_id
from auth.staff import create_device, create_staff
from booking.models import Appointment, AppointmentStatus, Hall, Slot, Window
from tests.booking.test_booking import book, citizen, make_hall, make_slot

SHANGHAI = ZoneInfo("Asia/Shanghai")
PASSWORD = "Window-07-counter!"


async def soon_appointment(server, client, minutes: int = 10):
    hall, category = await make_hall()
    await Hall.filter(id=hall.id).update(lead_minutes=0)
    starts = datetime.now(SHANGHAI).replace(second=0, microsecond=0) + timedelta(minutes=minutes)
    slot = await Slot.create(
        public_id=new_public_id("slt"),
        category=category,
        hall_id=hall.id,
        local_date=starts.date(),
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        capacity=5,
        released_at=starts - timedelta(days=1),
    )
    person, headers = await citizen(server)
    made = await book(client, headers, slot)
    assert made.status_code == 201, made.text
    return hall, category, person, headers, made.json()["appointment_id"]


async def clerk(client) -> dict[str, str]:
    await create_staff("clerk-checkin", PASSWORD, {"clerk"}, "H1")
    tokens = (
        await client.post(
            "/api/v1/staff/auth/login", json={"username": "clerk-checkin", "password": PASSWORD}
        )
    ).json()
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def code(client, headers, appointment_id: str) -> str:
    response = await client.get(
        f"/api/v1/appointments/{appointment_id}/checkin-code", headers=headers
    )
    assert response.status_code == 200, response.text
    return str(response.json()["token"])


async def test_a_qr_check_in_works_once_and_gives_a_priority_ticket(server, client) -> None:
    hall, category, person, headers, appointment_id = await soon_appointment(server, client)
    png = await client.get(f"/api/v1/appointments/{appointment_id}/qr", headers=headers)
    svg = await client.get(
        f"/api/v1/appointments/{appointment_id}/qr", params={"format": "svg"}, headers=headers
    )
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content
    token = await code(client, headers, appointment_id)
    assert person.public_id not in token and appointment_id not in token  # opaque and encoded
    _, walk_in = await citizen(server, level=1)
    earlier = await client.post(
        "/api/v1/halls/H1/tickets", json={"category": "passport"}, headers=walk_in
    )
    assert earlier.status_code == 201
    staff = await clerk(client)
    checked = await client.post("/api/v1/staff/checkin", json={"token": token}, headers=staff)
    assert checked.status_code == 201, checked.text
    assert (await Appointment.get(public_id=appointment_id)).status == AppointmentStatus.CHECKED_IN
    again = await client.post("/api/v1/staff/checkin", json={"token": token}, headers=staff)
    assert again.status_code == 409 and again.json()["code"] == "booking.checkin_used"
    window = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=2, category_ids=[category.id]
    )
    called = await client.post(f"/api/v1/staff/windows/{window.public_id}/call-next", headers=staff)
    assert called.json()["ticket_id"] == checked.json()["ticket_id"]  # before the walk-in


async def test_tampered_forged_and_expired_codes_are_refused(server, client) -> None:
    _, _, _, headers, appointment_id = await soon_appointment(server, client)
    token = await code(client, headers, appointment_id)
    staff = await clerk(client)
    body, mac = token.split(".")
    tampered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + mac
    for bad in (tampered, "not-a-token-at-all", body + ".AAAA"):
        refused = await client.post("/api/v1/staff/checkin", json={"token": bad}, headers=staff)
        assert refused.status_code == 401 and refused.json()["code"] == "booking.checkin_refused"
    real = clock.clock
    clock.clock = clock.FrozenClock(real.now() + timedelta(minutes=26))  # start + 16 min
    try:
        late = await client.post("/api/v1/staff/checkin", json={"token": token}, headers=staff)
    finally:
        clock.clock = real
    assert late.status_code == 401  # expired with the check-in window


async def test_check_in_is_refused_before_the_window_opens_and_says_when_it_opens(
    server, client
) -> None:
    _, _, _, headers, appointment_id = await soon_appointment(server, client, minutes=50)
    appointment = await Appointment.get(public_id=appointment_id).prefetch_related("slot")
    starts = appointment.slot.starts_at.astimezone(SHANGHAI)
    shown = await client.get(f"/api/v1/appointments/{appointment_id}/checkin-code", headers=headers)
    closes_at = (starts + timedelta(minutes=15)).isoformat()
    assert shown.json()["expires_at"] == closes_at
    early = await client.post(
        "/api/v1/staff/checkin", json={"token": shown.json()["token"]}, headers=await clerk(client)
    )
    assert early.status_code == 409 and early.json()["code"] == "booking.checkin_closed"
    # In the hall's time, to the second: "2026-12-01T09:30:00+08:00".
    assert early.json()["opens_at"] == (starts - timedelta(minutes=30)).isoformat()
    assert early.json()["opens_at"].endswith(":00+08:00")
    assert early.json()["closes_at"] == closes_at


async def test_a_kiosk_checks_in_by_id_number(server, client) -> None:
    _, _, person, _, _appointment = await soon_appointment(server, client)
    number = "11010519491231002X"
    person.id_number_index = server.app.ctx.services.identity.persons.index("id_number", number)
    await person.save(update_fields=["id_number_index"])
    _, key = await create_device("1号签到机", "kiosk", "H1")
    checked = await client.post(
        "/api/v1/kiosk/checkin-by-id", json={"id_number": number}, headers={"X-Device-Key": key}
    )
    assert checked.status_code == 201, checked.text
    assert number not in checked.text
    bad = await client.post(
        "/api/v1/kiosk/checkin-by-id",
        json={"id_number": "110105194912310021"},
        headers={"X-Device-Key": key},
    )
    assert bad.status_code == 422 and bad.json()["code"] == "auth.id_number_invalid"


async def test_a_person_cannot_get_anothers_code(server, client) -> None:
    _, _, _, _, appointment_id = await soon_appointment(server, client)
    _, stranger = await citizen(server)
    response = await client.get(
        f"/api/v1/appointments/{appointment_id}/checkin-code", headers=stranger
    )
    assert response.status_code == 404


async def test_a_cancelled_appointment_has_no_code_to_show(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, days=2)
    _, headers = await citizen(server)
    appointment_id = (await book(client, headers, slot)).json()["appointment_id"]
    cancelled = await client.post(f"/api/v1/appointments/{appointment_id}/cancel", headers=headers)
    assert cancelled.status_code == 200, cancelled.text
    for path in ("checkin-code", "qr"):
        shown = await client.get(f"/api/v1/appointments/{appointment_id}/{path}", headers=headers)
        assert shown.status_code == 409 and shown.json()["code"] == "booking.checkin_used"


def test_the_contract_shows_when_check_in_opens() -> None:
    document = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    refusals = document["paths"]["/api/v1/staff/checkin"]["post"]["responses"]["409"]
    closed = refusals["content"]["application/problem+json"]["examples"]["booking.checkin_closed"]
    assert {"opens_at", "closes_at"} <= set(closed["value"])
    assert "`opens_at`" in closed["description"]
