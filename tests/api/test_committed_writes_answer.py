"""A write that has committed answers its success, even when the database goes away at once
(issue 16): each reads its answer inside its transaction or builds it from what it wrote, so
nothing is left to fail between the commit and the answer. Otherwise the citizen or clerk is
told 503 for a change that stands (and a retried ticket is refused as a second one)."""

from __future__ import annotations

import pytest

from api.kit.ids import new_public_id
from auth.models import AuditEvent, Binding, Consent
from booking.models import (
    CalendarDay,
    Category,
    Hall,
    OpeningHours,
    ServiceCategory,
    Slot,
    Ticket,
    TicketStatus,
    Window,
)
from notify.models import Preference, SubscribeGrant
from tests.auth.conftest import (
    bearer,
    join_by_face,
    mini_program_sign_in,
    policy_version,
    register_citizen,
)
from tests.booking.test_booking import citizen, make_hall, make_slot
from tests.booking.test_checkin import clerk, code, soon_appointment
from tests.booking.test_hall import staff_headers
from tests.booking.test_tickets import clerk_headers, take
from tests.db_faults import gone_after_commit

# ---------------------------------------------------------------------------- tickets


async def test_a_ticket_taken_answers_its_place_in_the_queue(server, client) -> None:
    await make_hall()
    _, first = await citizen(server, level=1)
    _, second = await citizen(server, level=1)
    assert (await take(client, first)).status_code == 201
    with gone_after_commit("ticket"):
        taken = await take(client, second)
    assert taken.status_code == 201, taken.text
    answer = taken.json()
    assert (answer["number"], answer["ahead"], answer["estimated_wait_minutes"]) == ("A002", 1, 10)
    assert await Ticket.filter(public_id=answer["ticket_id"]).exists()


async def test_a_check_in_answers_its_priority_ticket(server, client) -> None:
    _, _, _, headers, appointment_id = await soon_appointment(server, client)
    _, walk_in = await citizen(server, level=1)
    assert (await take(client, walk_in)).status_code == 201
    token = await code(client, headers, appointment_id)
    staff = await clerk(client)
    with gone_after_commit("ticket"):
        checked_in = await client.post(
            "/api/v1/staff/checkin", json={"token": token}, headers=staff
        )
    assert checked_in.status_code == 201, checked_in.text
    assert checked_in.json()["ahead"] == 0  # a priority ticket goes before the walk-in


async def test_a_cancelled_ticket_answers_cancelled(server, client) -> None:
    await make_hall()
    _, headers = await citizen(server, level=1)
    ticket_id = (await take(client, headers)).json()["ticket_id"]
    with gone_after_commit("ticket"):
        cancelled = await client.post(f"/api/v1/tickets/{ticket_id}/cancel", headers=headers)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"


@pytest.mark.parametrize(
    ("action", "status", "window"), [("complete", "completed", 1), ("missed", "waiting", None)]
)
async def test_a_called_ticket_moved_on_answers_where_it_went(
    server, client, action, status, window
) -> None:
    hall, category = await make_hall()
    counter = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    _, headers = await citizen(server, level=1)
    await take(client, headers)
    staff = await clerk_headers(client)
    called = await client.post(
        f"/api/v1/staff/windows/{counter.public_id}/call-next", headers=staff
    )
    ticket_id = called.json()["ticket_id"]
    with gone_after_commit("ticket"):
        moved = await client.post(f"/api/v1/staff/tickets/{ticket_id}/{action}", headers=staff)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["status"], moved.json()["window"]) == (status, window)
    assert (await Ticket.get(public_id=ticket_id)).status == TicketStatus(status)


async def test_a_window_paused_answers_paused(server, client) -> None:
    hall, category = await make_hall()
    window = await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    staff = await clerk_headers(client)
    with gone_after_commit("window"):
        paused = await client.post(f"/api/v1/staff/windows/{window.public_id}/pause", headers=staff)
    assert paused.status_code == 200, paused.text
    assert paused.json()["status"] == "paused"


# ---------------------------------------------------------------------------- hall set-up


async def test_a_new_hall_answers_its_description(server, client) -> None:
    admin = await staff_headers(client, "all-halls-admin", {"hall_admin"}, None)
    with gone_after_commit("hall"):
        created = await client.post(
            "/api/v1/staff/halls", json={"code": "H9", "name": "新区大厅"}, headers=admin
        )
    assert created.status_code == 201, created.text
    assert created.json()["code"] == "H9" and created.json()["windows"] == []
    assert await Hall.exists(code="H9")


async def test_changed_rules_answer_the_hall_as_changed(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    with gone_after_commit("hall"):
        changed = await client.patch(
            "/api/v1/staff/halls/H1", json={"lead_minutes": 45}, headers=admin
        )
    assert changed.status_code == 200, changed.text
    assert changed.json()["rules"]["lead_minutes"] == 45


async def test_new_opening_hours_answer_the_week(server, client) -> None:
    hall, _ = await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    week = {"days": [{"weekday": 0, "starts_at": "09:00", "ends_at": "17:00"}]}
    with gone_after_commit("opening_hours"):
        changed = await client.put("/api/v1/staff/halls/H1/opening-hours", json=week, headers=admin)
    assert changed.status_code == 200, changed.text
    assert changed.json()["opening_hours"] == [
        {"weekday": 0, "starts_at": "09:00", "ends_at": "17:00"}
    ]
    assert await OpeningHours.filter(hall=hall).count() == 1


async def test_a_window_given_queues_answers_the_window(server, client) -> None:
    hall, category = await make_hall()
    await Category.create(hall=hall, code="visa", name="签证", prefix="B")
    await Window.create(
        public_id=new_public_id("win"), hall=hall, number=1, category_ids=[category.id]
    )
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    with gone_after_commit("window"):
        changed = await client.put(
            "/api/v1/staff/halls/H1/windows/1", json={"categories": ["visa"]}, headers=admin
        )
    assert changed.status_code == 200, changed.text
    visa = await Category.get(code="visa")
    assert (await Window.get(hall=hall, number=1)).category_ids == [visa.id]


async def test_a_new_queue_answers_it_with_its_audit_row_written(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    queue = {"code": "visa", "name": "签证", "prefix": "B"}
    with gone_after_commit("category"):
        added = await client.post("/api/v1/staff/halls/H1/categories", json=queue, headers=admin)
    assert added.status_code == 201, added.text
    assert added.json() == {"code": "visa", "name": "签证", "prefix": "B"}
    assert await AuditEvent.exists(kind="booking.category_created")


async def test_a_new_window_answers_it_with_its_audit_row_written(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    window = {"number": 3, "categories": ["passport"]}
    with gone_after_commit("window"):
        added = await client.post("/api/v1/staff/halls/H1/windows", json=window, headers=admin)
    assert added.status_code == 201, added.text
    assert (added.json()["number"], added.json()["categories"]) == (3, ["passport"])
    assert await AuditEvent.exists(kind="booking.window_created")


async def test_a_service_mapped_and_unmapped_answers_with_its_audit_rows_written(
    server, client
) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    path = "/api/v1/staff/halls/H1/services/110105-001"
    with gone_after_commit("service_category"):
        mapped = await client.put(path, json={"category": "passport"}, headers=admin)
    assert mapped.status_code == 200, mapped.text
    assert mapped.json() == {"service": "110105-001", "category": "passport"}
    with gone_after_commit("service_category"):
        unmapped = await client.delete(path, headers=admin)
    assert unmapped.status_code == 204, unmapped.text
    assert not await ServiceCategory.exists(service_code="110105-001")
    kinds = await AuditEvent.filter(kind__startswith="booking.service_").values_list(
        "kind", flat=True
    )
    assert sorted(kinds) == ["booking.service_mapped", "booking.service_unmapped"]


async def test_a_closed_day_answers_what_it_cancelled(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, days=2)
    _, headers = await citizen(server)
    booked = await client.post(
        "/api/v1/appointments", json={"slot_id": slot.public_id}, headers=headers
    )
    assert booked.status_code == 201, booked.text
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    path = f"/api/v1/staff/halls/H1/calendar/{slot.local_date.isoformat()}"
    with gone_after_commit("calendar_day"):
        closed = await client.put(path, json={"reason": "电力检修"}, headers=admin)
    assert closed.status_code == 200, closed.text
    assert (closed.json()["cancelled"], closed.json()["reason"]) == (1, "电力检修")
    with gone_after_commit("calendar_day"):
        cleared = await client.delete(path, headers=admin)
    assert cleared.status_code == 204, cleared.text
    assert not await CalendarDay.exists(hall=hall)
    assert await AuditEvent.filter(kind="booking.calendar_changed").count() == 2


async def test_new_slot_templates_answer_the_slots_they_drew(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    periods = [
        {"weekday": d, "starts_at": "09:00", "ends_at": "10:00", "capacity": 4} for d in range(7)
    ]
    with gone_after_commit("slot_template"):
        changed = await client.put(
            "/api/v1/staff/halls/H1/categories/passport/templates",
            json={"periods": periods},
            headers=admin,
        )
    assert changed.status_code == 200, changed.text
    assert changed.json()["slots_created"] == await Slot.all().count() >= 7
    assert await AuditEvent.exists(kind="booking.templates_changed")


# ---------------------------------------------------------------------------- identity


async def test_a_real_name_verified_answers_the_profile(server, client) -> None:
    await register_citizen(client, "李四", "360426199101010071")
    tokens = await mini_program_sign_in(client, "o-real-name")
    with gone_after_commit("person"):
        verified = await client.post(
            "/api/v1/me/real-name",
            json={"name": "李四", "id_number": "360426199101010071"},
            headers=bearer(tokens),
        )
    assert verified.status_code == 200, verified.text
    assert verified.json()["level"] == 2 and verified.json()["id_number"].endswith("0071")


async def test_a_face_verified_answers_the_profile(server, client) -> None:
    await register_citizen(client, "李四", "360426199101010071")
    tokens = await mini_program_sign_in(client, "o-face")
    real_name = {"name": "李四", "id_number": "360426199101010071"}
    await client.post("/api/v1/me/real-name", json=real_name, headers=bearer(tokens))
    with gone_after_commit("person"):
        finished = await join_by_face(client, tokens)
    assert finished.status_code == 200, finished.text
    assert finished.json()["level"] == 3


async def test_a_phone_bound_from_wechat_answers_the_profile(server, client) -> None:
    tokens = await mini_program_sign_in(client, "o-phone")
    minted = await client.post("/sandbox/wechat/_test/phone-code", json={"phone": "13900000077"})
    with gone_after_commit("binding"):
        bound = await client.post(
            "/api/v1/me/phone/wechat", json={"code": minted.json()["code"]}, headers=bearer(tokens)
        )
    assert bound.status_code == 200, bound.text
    assert "phone" in [b["kind"] for b in bound.json()["bindings"]]
    assert await Binding.filter(kind="phone").count() == 1


async def test_a_new_policy_accepted_answers_the_profile(server, client) -> None:
    tokens = await mini_program_sign_in(client, "o-policy")
    with policy_version(server, "2027-01"), gone_after_commit("consent"):
        accepted = await client.post(
            "/api/v1/me/consent", json={"privacy_policy_version": "2027-01"}, headers=bearer(tokens)
        )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["privacy_policy_version"] == "2027-01"
    assert await Consent.exists(policy_version="2027-01")


# ---------------------------------------------------------------------------- notifications


async def test_changed_preferences_answer_as_changed(server, client) -> None:
    person, headers = await citizen(server, level=1)
    with gone_after_commit("notify_preference"):
        changed = await client.put(
            "/api/v1/me/notification-preferences",
            json={"booking": True, "queue": True},
            headers=headers,
        )
    assert changed.status_code == 200, changed.text
    opted_out = changed.json()["opted_out"]
    assert opted_out["booking"] and opted_out["queue"] and not opted_out["payment"]
    assert await Preference.filter(person_id=person.id, opted_out=True).count() == 2


async def test_reported_grants_answer_what_remains(server, client) -> None:
    person, headers = await citizen(server, level=1)
    template = sorted(server.app.ctx.subscribe_template_ids.values())[0]
    with gone_after_commit("notify_subscribe_grant"):
        reported = await client.post(
            "/api/v1/me/subscribe-grants", json={"template_ids": [template]}, headers=headers
        )
    assert reported.status_code == 200, reported.text
    assert reported.json()["remaining"] == {template: 1}
    assert await SubscribeGrant.exists(person_id=person.id, template_id=template)
