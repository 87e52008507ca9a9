"""A hall admin's set-up: rules, opening hours, calendar, queues, windows, service items."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import httpx

from api.kit import clock
from auth.models import AuditEvent
from auth.staff import create_staff
from booking.hall import MAKE_UP_DAY_CANCELLED
from booking.models import (
    Appointment,
    AppointmentStatus,
    Category,
    Hall,
    OpeningHours,
    Slot,
    SlotTemplate,
)
from booking.service import fill_horizon
from notify.models import Event, InboxMessage
from tests.booking.test_booking import SHANGHAI, book, citizen, make_hall, make_slot

PASSWORD = "Hall-admin-2026!"


async def staff_headers(
    client: httpx.AsyncClient, username: str, roles: set[str], hall_code: str | None
) -> dict[str, str]:
    await create_staff(username, PASSWORD, roles, hall_code)
    login = await client.post(
        "/api/v1/staff/auth/login", json={"username": username, "password": PASSWORD}
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def hall_with_a_period(
    client: httpx.AsyncClient, weekday: int, start_minute: int = 540
) -> tuple[Category, dict[str, str]]:
    """Hall H1 with one hour of 3 places on `weekday` (09:00 unless told), and its admin."""
    _, category = await make_hall()
    await SlotTemplate.create(
        category=category,
        weekday=weekday,
        start_minute=start_minute,
        end_minute=start_minute + 60,
        capacity=3,
    )
    return category, await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")


def calendar_path(day: date) -> str:
    return f"/api/v1/staff/halls/H1/calendar/{day.isoformat()}"


def next_weekday(weekday: int, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


async def test_an_admin_sets_up_a_hall_from_nothing(server, client) -> None:
    admin = await staff_headers(client, "chief", {"hall_admin"}, None)
    created = await client.post(
        "/api/v1/staff/halls", json={"code": "NEW-HALL", "name": "新区政务服务中心"}, headers=admin
    )
    assert created.status_code == 201, created.text
    again = await client.post(
        "/api/v1/staff/halls", json={"code": "NEW-HALL", "name": "重复"}, headers=admin
    )
    assert again.status_code == 409 and again.json()["code"] == "booking.hall_exists"

    base = "/api/v1/staff/halls/NEW-HALL"
    week = [{"weekday": d, "starts_at": "09:00", "ends_at": "17:00"} for d in range(5)]
    hours = await client.put(f"{base}/opening-hours", json={"days": week}, headers=admin)
    assert hours.status_code == 200, hours.text
    category = await client.post(
        f"{base}/categories",
        json={"code": "tax", "name": "税务", "prefix": "T", "default_service_minutes": 8},
        headers=admin,
    )
    assert category.status_code == 201, category.text
    same_letter = await client.post(
        f"{base}/categories", json={"code": "tax2", "name": "税务二", "prefix": "T"}, headers=admin
    )
    assert same_letter.status_code == 409
    assert same_letter.json()["code"] == "booking.category_exists"
    periods = [
        {"weekday": d, "starts_at": "09:00", "ends_at": "10:00", "capacity": 4} for d in range(7)
    ]
    templates = await client.put(
        f"{base}/categories/tax/templates", json={"periods": periods}, headers=admin
    )
    assert templates.status_code == 200, templates.text
    assert templates.json()["slots_created"] >= 7  # every day over the horizon
    window = await client.post(
        f"{base}/windows", json={"number": 1, "categories": ["tax"]}, headers=admin
    )
    assert window.status_code == 201
    twice = await client.post(
        f"{base}/windows", json={"number": 1, "categories": ["tax"]}, headers=admin
    )
    assert twice.status_code == 409 and twice.json()["code"] == "booking.window_exists"
    unknown_queue = await client.post(
        f"{base}/windows", json={"number": 2, "categories": ["nope"]}, headers=admin
    )
    assert unknown_queue.status_code == 404
    mapped = await client.put(
        f"{base}/services/11440100MB2C90001-009", json={"category": "tax"}, headers=admin
    )
    assert mapped.status_code == 200
    rules = await client.patch(
        base, json={"max_active_per_person": 2, "lead_minutes": 30}, headers=admin
    )
    assert rules.status_code == 200
    assert rules.json()["rules"]["max_active_per_person"] == 2

    public = (await client.get("/api/v1/halls/NEW-HALL")).json()
    assert public["services"] == {"11440100MB2C90001-009": "tax"}
    assert [h["weekday"] for h in public["opening_hours"]] == [0, 1, 2, 3, 4]
    assert "rules" not in public  # the public view has no admin detail
    kinds = set(await AuditEvent.all().values_list("kind", flat=True))
    assert {
        "booking.hall_created",
        "booking.opening_hours_changed",
        "booking.category_created",
        "booking.templates_changed",
        "booking.window_created",
        "booking.service_mapped",
        "booking.hall_changed",
    } <= kinds


async def test_bad_set_up_is_refused_with_reasons(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    backwards = await client.put(
        "/api/v1/staff/halls/H1/opening-hours",
        json={"days": [{"weekday": 0, "starts_at": "17:00", "ends_at": "09:00"}]},
        headers=admin,
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["message"] == "开始时间须早于结束时间"
    twice = await client.put(
        "/api/v1/staff/halls/H1/opening-hours",
        json={"days": [{"weekday": 0, "starts_at": "09:00", "ends_at": "12:00"}] * 2},
        headers=admin,
    )
    assert twice.status_code == 422
    bad_clock = await client.put(
        "/api/v1/staff/halls/H1/opening-hours",
        json={"days": [{"weekday": 0, "starts_at": "25:00", "ends_at": "26:00"}]},
        headers=admin,
    )
    assert bad_clock.status_code == 422
    no_such_rule = await client.patch("/api/v1/staff/halls/H1", json={"owner": "x"}, headers=admin)
    assert no_such_rule.status_code == 422
    bad_zone = await client.post(
        "/api/v1/staff/halls",
        json={"code": "ZZ", "name": "z", "timezone": "Mars/Base"},
        headers=admin,
    )
    assert bad_zone.status_code == 422


async def test_admins_manage_only_their_own_hall_and_clerks_none(server, client) -> None:
    await make_hall("H1")
    await make_hall("H2")
    h1_admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    clerk = await staff_headers(client, "h1-clerk", {"clerk"}, "H1")
    other = await client.patch("/api/v1/staff/halls/H2", json={"lead_minutes": 5}, headers=h1_admin)
    assert other.status_code == 404
    create = await client.post(
        "/api/v1/staff/halls", json={"code": "H3", "name": "三号"}, headers=h1_admin
    )
    assert create.status_code == 404  # a hall-bound admin cannot create halls
    by_clerk = await client.patch("/api/v1/staff/halls/H1", json={"lead_minutes": 5}, headers=clerk)
    assert by_clerk.status_code == 403
    assert (await client.get("/api/v1/staff/halls/H1", headers=clerk)).status_code == 200
    assert (await Hall.get(code="H2")).lead_minutes == 60


async def test_closing_a_day_cancels_its_appointments_and_tells_the_citizens(
    server, client
) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, days=2)
    person, headers = await citizen(server)
    assert (await book(client, headers, slot)).status_code == 201
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    closed = await client.put(
        f"/api/v1/staff/halls/H1/calendar/{slot.local_date.isoformat()}",
        json={"reason": " 电力检修 "},
        headers=admin,
    )
    assert closed.status_code == 200, closed.text
    assert (closed.json()["cancelled"], closed.json()["reason"]) == (1, "电力检修")
    appointment = await Appointment.get(person_id=person.id)
    assert appointment.status == AppointmentStatus.CANCELLED
    kept = await Slot.get(id=slot.id)
    assert kept.capacity == 0 and kept.booked == 0  # kept for the appointment's history
    # The citizen is told why, and the hall's calendar keeps the reason.
    told = await InboxMessage.get(person_id=person.id, event_type="booking.cancelled_by_hall")
    assert told.body.startswith("因电力检修，您在 市民中心 ")
    assert "booking.cancelled" not in await Event.filter(person_id=person.id).values_list(
        "event_type", flat=True
    )
    setup = (await client.get("/api/v1/staff/halls/H1", headers=admin)).json()
    assert setup["calendar"] == [
        {"date": slot.local_date.isoformat(), "works_as_weekday": None, "reason": "电力检修"}
    ]
    listed = await client.get(
        "/api/v1/halls/H1/slots", params={"category": "passport", "date": slot.local_date}
    )
    assert listed.json()["slots"] == []


async def test_a_make_up_working_day_gets_the_slots_of_its_weekday(server, client) -> None:
    _, admin = await hall_with_a_period(client, weekday=0)
    saturday = next_weekday(5, clock.now().astimezone(SHANGHAI).date())
    made = await client.put(
        calendar_path(saturday), json={"works_as_weekday": 0, "reason": "调休上班"}, headers=admin
    )
    assert made.status_code == 200, made.text
    slots = await Slot.filter(local_date=saturday)
    assert [s.capacity for s in slots] == [3]
    assert slots[0].starts_at.astimezone(SHANGHAI).hour == 9
    cleared = await client.delete(
        f"/api/v1/staff/halls/H1/calendar/{saturday.isoformat()}", headers=admin
    )
    assert cleared.status_code == 204
    setup = (await client.get("/api/v1/staff/halls/H1", headers=admin)).json()
    assert setup["calendar"] == []


async def test_a_public_holiday_then_reopened_gets_its_places_back(server, client) -> None:
    _, admin = await hall_with_a_period(client, weekday=2)
    wednesday = next_weekday(2, clock.now().astimezone(SHANGHAI).date())
    path = calendar_path(wednesday)
    await client.delete(path, headers=admin)  # slots for the horizon, from the template
    assert await Slot.filter(local_date=wednesday).count() == 1
    assert (await client.put(path, json={"reason": "国庆"}, headers=admin)).status_code == 200
    assert await Slot.filter(local_date=wednesday).count() == 0  # unbooked: removed
    assert (await client.delete(path, headers=admin)).status_code == 204
    assert [s.capacity for s in await Slot.filter(local_date=wednesday)] == [3]


def at_hall_time(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


async def test_rules_that_must_have_a_value_cannot_be_cleared(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    cleared = await client.patch(
        "/api/v1/staff/halls/H1", json={"lead_minutes": None}, headers=admin
    )
    assert cleared.status_code == 422 and "清空" in cleared.json()["errors"][0]["message"]
    geofence_off = await client.patch(
        "/api/v1/staff/halls/H1", json={"geofence_metres": None}, headers=admin
    )
    assert geofence_off.status_code == 200


async def test_two_admins_replacing_the_week_at_once_both_succeed(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    weeks = [
        [{"weekday": d, "starts_at": "09:00", "ends_at": "17:00"} for d in range(5)],
        [{"weekday": d, "starts_at": "08:30", "ends_at": "12:00"} for d in range(6)],
    ] * 4
    answers = await asyncio.gather(
        *(
            client.put("/api/v1/staff/halls/H1/opening-hours", json={"days": w}, headers=admin)
            for w in weeks
        )
    )
    assert {a.status_code for a in answers} == {200}
    rows = await OpeningHours.filter(hall__code="H1").count()
    assert rows in (5, 6)  # one whole week or the other, never a mix


async def test_a_window_number_out_of_range_is_not_found(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    for number in (0, 70000, 10**12):
        answer = await client.put(
            f"/api/v1/staff/halls/H1/windows/{number}",
            json={"categories": ["passport"]},
            headers=admin,
        )
        assert answer.status_code == 404, answer.text
        assert answer.json()["code"] == "booking.window_not_found"


async def test_a_day_opened_again_is_bookable_at_once(server, client) -> None:
    tomorrow = clock.now().astimezone(SHANGHAI).date() + timedelta(days=1)
    _, admin = await hall_with_a_period(client, tomorrow.weekday(), start_minute=900)
    path = calendar_path(tomorrow)
    await client.delete(path, headers=admin)  # slots for the horizon, from the template
    slot = await Slot.get(local_date=tomorrow)
    (_, first), (_, second) = [await citizen(server) for _ in range(2)]
    assert (await book(client, first, slot)).status_code == 201
    assert (await client.put(path, json={"reason": "停电"}, headers=admin)).status_code == 200
    refused = await book(client, second, slot)
    assert refused.status_code == 409 and refused.json()["code"] == "booking.slot_full"
    assert (await client.delete(path, headers=admin)).status_code == 204
    # Without forgetting the closed day's "full", this waited up to 30 s.
    assert (await book(client, second, slot)).status_code == 201
    assert (await Slot.get(id=slot.id)).booked == 1


async def test_a_period_that_ends_at_midnight_is_drawn_up_to_midnight(server, client) -> None:
    admin = await staff_headers(client, "night-admin", {"hall_admin"}, None)
    await client.post(
        "/api/v1/staff/halls", json={"code": "NIGHT", "name": "夜间服务点"}, headers=admin
    )
    base = "/api/v1/staff/halls/NIGHT"
    await client.post(
        f"{base}/categories", json={"code": "late", "name": "夜间", "prefix": "N"}, headers=admin
    )
    periods = [
        {"weekday": d, "starts_at": "23:00", "ends_at": "24:00", "capacity": 1} for d in range(7)
    ]
    templates = await client.put(
        f"{base}/categories/late/templates", json={"periods": periods}, headers=admin
    )
    assert templates.status_code == 200, templates.text
    slots = await Slot.filter(hall_id=(await Hall.get(code="NIGHT")).id).order_by("starts_at")
    assert slots and templates.json()["slots_created"] == len(slots)
    for slot in slots:
        local_start = slot.starts_at.astimezone(SHANGHAI)
        local_end = slot.ends_at.astimezone(SHANGHAI)
        assert (local_start.hour, local_end.hour) == (23, 0)
        assert local_end - local_start == timedelta(hours=1)
    # The rest of the hall's set-up keeps working, here and in every other hall.
    day = clock.now().astimezone(SHANGHAI).date() + timedelta(days=3)
    closed = await client.put(
        f"{base}/calendar/{day.isoformat()}", json={"reason": "检修"}, headers=admin
    )
    assert closed.status_code == 200, closed.text
    reopened = await client.delete(f"{base}/calendar/{day.isoformat()}", headers=admin)
    assert reopened.status_code in (200, 204), reopened.text
    assert await Slot.filter(hall_id=slots[0].hall_id, local_date=day, capacity=1).count() == 1


async def test_a_day_closed_and_opened_again_keeps_the_places_of_those_checked_in(
    server, client
) -> None:
    day = clock.now().astimezone(SHANGHAI).date() + timedelta(days=2)
    category, admin = await hall_with_a_period(client, day.weekday())
    await fill_horizon(await Hall.get(code="H1"))
    slot = await Slot.get(category=category, local_date=day)
    holders = [await citizen(server) for _ in range(3)]
    for _, headers in holders:
        assert (await book(client, headers, slot)).status_code == 201
    await Appointment.filter(person_id=holders[0][0].id).update(status=AppointmentStatus.CHECKED_IN)
    path = calendar_path(day)
    closed = await client.put(path, json={"reason": "临时闭厅"}, headers=admin)
    assert closed.json()["cancelled"] == 2
    reopened = await client.put(
        path, json={"works_as_weekday": day.weekday(), "reason": "恢复办公"}, headers=admin
    )
    assert reopened.status_code == 200, reopened.text
    slot = await Slot.get(id=slot.id)
    assert (slot.capacity, slot.booked) == (3, 1)
    newcomers = [await citizen(server) for _ in range(3)]
    answers = [(await book(client, headers, slot)).status_code for _, headers in newcomers]
    assert sorted(answers) == [201, 201, 409]
    held = await Appointment.filter(
        slot_id=slot.id, status__in=[AppointmentStatus.ACTIVE, AppointmentStatus.CHECKED_IN]
    ).count()
    assert held == 3


async def test_a_make_up_working_day_cleared_again_is_closed_again(server, client) -> None:
    _, admin = await hall_with_a_period(client, weekday=0)
    saturday = next_weekday(5, clock.now().astimezone(SHANGHAI).date())
    path = calendar_path(saturday)
    made = await client.put(path, json={"works_as_weekday": 0, "reason": "调休上班"}, headers=admin)
    assert made.status_code == 200, made.text
    slot = await Slot.get(local_date=saturday)
    person, headers = await citizen(server)
    assert (await book(client, headers, slot)).status_code == 201
    cleared = await client.delete(path, headers=admin)
    assert cleared.status_code == 204
    appointment = await Appointment.get(person_id=person.id)
    assert appointment.status == AppointmentStatus.CANCELLED  # and the citizen is told why
    told = await InboxMessage.get(person_id=person.id, event_type="booking.cancelled_by_hall")
    assert told.body.startswith(f"因{MAKE_UP_DAY_CANCELLED}，")
    listed = await client.get(
        "/api/v1/halls/H1/slots", params={"category": "passport", "date": saturday.isoformat()}
    )
    assert listed.json()["slots"] == []
    _, late_headers = await citizen(server)
    assert (await book(client, late_headers, slot)).status_code in (404, 409)


async def test_clearing_a_day_without_an_entry_keeps_its_booked_slots(server, client) -> None:
    """A released slot drawn under an older template stays as citizens have seen it."""
    hall, category = await make_hall()
    slot = await make_slot(hall, category, days=2)  # no template has this period
    person, headers = await citizen(server)
    assert (await book(client, headers, slot)).status_code == 201
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    assert (await client.delete(calendar_path(slot.local_date), headers=admin)).status_code == 204
    kept = await Appointment.get(person_id=person.id)
    assert kept.status == AppointmentStatus.ACTIVE


async def test_new_templates_show_in_the_days_slots_at_once(server, client) -> None:
    tomorrow = clock.now().astimezone(SHANGHAI).date() + timedelta(days=1)
    _, admin = await hall_with_a_period(client, tomorrow.weekday())
    await client.delete(calendar_path(tomorrow), headers=admin)  # the horizon's slots, drawn
    day_slots = {"category": "passport", "date": tomorrow.isoformat()}
    before = (await client.get("/api/v1/halls/H1/slots", params=day_slots)).json()["slots"]
    assert [s["starts_at"][11:16] for s in before] == ["09:00"]  # and remembered a while
    periods = [
        {"weekday": tomorrow.weekday(), "starts_at": start, "ends_at": end, "capacity": 3}
        for start, end in (("09:00", "10:00"), ("14:00", "15:00"))
    ]
    changed = await client.put(
        "/api/v1/staff/halls/H1/categories/passport/templates",
        json={"periods": periods},
        headers=admin,
    )
    assert changed.status_code == 200, changed.text
    # The change forgets the remembered list: the new afternoon slot shows now, not in 5 s.
    after = (await client.get("/api/v1/halls/H1/slots", params=day_slots)).json()["slots"]
    assert [s["starts_at"][11:16] for s in after] == ["09:00", "14:00"]
