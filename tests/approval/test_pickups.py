"""Picking up an application's originals (上门揽收) end to end: the citizen books a window of
the hall's hours for their own application, EMS (the sandbox, over HTTP) gets the pickup
order keyed by the shipment's id, the hall sees it coming with contact data masked, and the
citizen cancels it before the courier comes and never after. Two bookings or two cancels at
once have one effect; an EMS that does not answer leaves the pickup pending for the job,
which hands it over to the same pickup order."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from booking.models import CalendarDay, Hall, OpeningHours
from express.gateways.courier import Party, PickupRequest
from express.gateways.ems import API_BOOK_PICKUP, ems_time
from express.models import Shipment, ShipmentKind, ShipmentStatus
from tests.approval.support import OTHER_ID_NUMBER, OTHER_NAME, citizen, step, submitted
from tests.approval.support import Hall as ApprovalHall
from tests.booking.test_hall import staff_headers
from tests.clocks import frozen
from tests.express.test_addresses import PHONE, entry

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday morning at the hall: the windows of the week ahead are known.
MONDAY = datetime(2026, 12, 14, 9, 30, tzinfo=SHANGHAI)
HALL = "CIVIC"  # the settings' pickup hall


@pytest.fixture
def at_monday_morning() -> Iterator[None]:
    with frozen(MONDAY):
        yield


async def the_hall(closed: date | None = None) -> Hall:
    """The pickup hall, open Monday to Friday 09:00-17:00 and Saturday 09:00-12:00."""
    hall = await Hall.create(code=HALL, name="市民中心政务服务大厅")
    for weekday in range(5):
        await OpeningHours.create(hall=hall, weekday=weekday, opens_minute=540, closes_minute=1020)
    await OpeningHours.create(hall=hall, weekday=5, opens_minute=540, closes_minute=720)
    if closed is not None:
        await CalendarDay.create(hall=hall, day=closed, works_as_weekday=None, reason="放假")
    return hall


def at(day: date, hour: int) -> str:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI).isoformat()


TUESDAY = date(2026, 12, 15)


async def ready_to_book(
    hall: ApprovalHall, http: httpx.AsyncClient
) -> tuple[dict[str, str], str, str]:
    """A citizen with an address and an application under examination: their header, the
    application's id and the address's."""
    _, me = await citizen(hall)
    address = await http.post("/api/v1/me/addresses", json=entry(), headers=me)
    assert address.status_code == 201, address.text
    application_id, _ = await submitted(hall, http, me)
    return me, application_id, str(address.json()["address_id"])


def booking(address_id: str, starts_at: str) -> dict[str, str]:
    return {"address_id": address_id, "starts_at": starts_at}


def ems(hall: ApprovalHall) -> Any:
    sandboxes = hall.server.app.ctx.sandboxes
    assert sandboxes is not None
    return sandboxes.ems


# -- the windows ----------------------------------------------------------------------------------


async def test_the_windows_are_two_hours_of_the_halls_opening_hours(
    local_hall: ApprovalHall, at_monday_morning: None
) -> None:
    await the_hall(closed=date(2026, 12, 16))  # Wednesday closed
    async with httpx.AsyncClient(base_url=local_hall.url) as http:
        answer = await http.get("/api/v1/pickup-windows")
    assert answer.status_code == 200, answer.text
    shown = answer.json()
    starts = [window["starts_at"] for window in shown["windows"]]
    # Today from 11:30 on (two hours ahead): 13:00 and 15:00; then four a weekday, none on
    # the closed Wednesday, Saturday's 09:00 only (11:00-13:00 outruns its closing), none on
    # Sunday, and next Monday's four (seven days ahead).
    assert shown["hall"] == HALL
    assert starts[:3] == ["2026-12-14T13:00:00+08:00", "2026-12-14T15:00:00+08:00", at(TUESDAY, 9)]
    assert not [s for s in starts if s.startswith("2026-12-16")]
    assert [s for s in starts if s.startswith("2026-12-19")] == ["2026-12-19T09:00:00+08:00"]
    assert starts[-1] == "2026-12-21T15:00:00+08:00"
    assert len(starts) == 2 + 3 * 4 + 1 + 4
    assert all(
        w["ends_at"][11:13] == f"{int(w['starts_at'][11:13]) + 2:02d}" for w in shown["windows"]
    )


# -- booking and cancelling -----------------------------------------------------------------------


async def test_a_pickup_is_booked_seen_by_the_hall_and_cancelled(
    local_hall: ApprovalHall, at_monday_morning: None
) -> None:
    await the_hall()
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        me, application_id, address_id = await ready_to_book(local_hall, http)
        path = f"/api/v1/applications/{application_id}/pickups"
        booked = await http.post(path, json=booking(address_id, at(TUESDAY, 9)), headers=me)
        assert booked.status_code == 201, booked.text
        pickup = booked.json()
        assert pickup["status"] == "created" and pickup["mail_number"]
        assert pickup["window"] == {"starts_at": at(TUESDAY, 9), "ends_at": at(TUESDAY, 11)}
        assert pickup["cancellable"] and pickup["hall"] == HALL
        assert PHONE not in pickup["address"] and "****" in pickup["address"]

        at_ems = await ems(local_hall).order(local_hall.server.app.ctx.redis, pickup["pickup_id"])
        assert at_ems["kind"] == "pickup" and at_ems["state"] == "CREATED"
        assert at_ems["waybillNo"] == pickup["mail_number"]
        assert at_ems["pickupStartTime"] == "2026-12-15 09:00:00"

        mine = await http.get("/api/v1/me/pickups", headers=me)
        assert [p["pickup_id"] for p in mine.json()["pickups"]] == [pickup["pickup_id"]]
        clerk = await staff_headers(http, "pickup-clerk", {"clerk"}, HALL)
        coming = await http.get(
            f"/api/v1/staff/halls/{HALL}/pickups?date=2026-12-15", headers=clerk
        )
        assert coming.status_code == 200, coming.text
        [seen] = coming.json()["pickups"]
        assert seen["pickup_id"] == pickup["pickup_id"] and seen["address"] == pickup["address"]
        other_day = await http.get(
            f"/api/v1/staff/halls/{HALL}/pickups?date=2026-12-16", headers=clerk
        )
        assert other_day.json()["pickups"] == []
        elsewhere = await staff_headers(http, "other-clerk", {"clerk"}, "EXIT-ENTRY")
        refused = await http.get(
            f"/api/v1/staff/halls/{HALL}/pickups?date=2026-12-15", headers=elsewhere
        )
        assert refused.status_code == 404 and refused.json()["code"] == "booking.hall_not_found"

        cancel = f"/api/v1/pickups/{pickup['pickup_id']}/cancel"
        cancelled = await http.post(cancel, headers=me)
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "cancelled" and not cancelled.json()["cancellable"]
        again = await http.post(cancel, headers=me)
        assert again.status_code == 200 and again.json() == cancelled.json()
        at_ems = await ems(local_hall).order(local_hall.server.app.ctx.redis, pickup["pickup_id"])
        assert at_ems["state"] == "CANCELLED"

        # Cancelled, it no longer holds the application's one live pickup.
        rebooked = await http.post(path, json=booking(address_id, at(TUESDAY, 11)), headers=me)
        assert rebooked.status_code == 201, rebooked.text
        assert rebooked.json()["pickup_id"] != pickup["pickup_id"]


async def test_once_the_courier_has_it_it_is_not_cancelled(
    local_hall: ApprovalHall, at_monday_morning: None
) -> None:
    await the_hall()
    redis = local_hall.server.app.ctx.redis
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        me, application_id, address_id = await ready_to_book(local_hall, http)
        path = f"/api/v1/applications/{application_id}/pickups"
        first = (await http.post(path, json=booking(address_id, at(TUESDAY, 9)), headers=me)).json()
        # EMS picked it up and its push has not reached us: EMS refuses the cancel.
        await ems(local_hall).add_events(
            redis, first["mail_number"], [{"op_code": "203"}], push=False
        )
        refused = await http.post(f"/api/v1/pickups/{first['pickup_id']}/cancel", headers=me)
        assert refused.status_code == 409 and refused.json()["code"] == "express.pickup_collected"
        assert (await Shipment.get(public_id=first["pickup_id"])).status is ShipmentStatus.CREATED

        # EMS pushes its 收寄: tracking marks the pickup picked up, and we refuse without asking.
        await ems(local_hall).add_events(redis, first["mail_number"], [{"op_code": "203"}])
        await ems(local_hall).settle()
        shown = await http.get(f"/api/v1/pickups/{first['pickup_id']}", headers=me)
        assert shown.json()["status"] == "accepted" and not shown.json()["cancellable"]
        asked = (await ems(local_hall).requests(redis)).get("020005", 0)
        again = await http.post(f"/api/v1/pickups/{first['pickup_id']}/cancel", headers=me)
        assert again.status_code == 409 and again.json()["code"] == "express.pickup_collected"
        assert (await ems(local_hall).requests(redis)).get("020005", 0) == asked


async def test_what_cannot_be_booked_is_refused_by_name(
    local_hall: ApprovalHall, at_monday_morning: None
) -> None:
    await the_hall()
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        me, application_id, address_id = await ready_to_book(local_hall, http)
        _, stranger = await citizen(local_hall, OTHER_NAME, OTHER_ID_NUMBER)
        strangers_address = await http.post("/api/v1/me/addresses", json=entry(), headers=stranger)
        path = f"/api/v1/applications/{application_id}/pickups"
        window = at(TUESDAY, 9)
        cases = [
            (stranger, booking(address_id, window), 404, "approval.application_not_found"),
            (
                me,
                booking(strangers_address.json()["address_id"], window),
                404,
                "express.address_not_found",
            ),
            (
                me,
                booking(address_id, "2026-12-14T10:00:00+08:00"),
                422,
                "express.pickup_window_invalid",
            ),
            (
                me,
                booking(address_id, "2026-12-15T10:00:00+08:00"),
                422,
                "express.pickup_window_invalid",
            ),
            (
                me,
                booking(address_id, "2026-12-20T09:00:00+08:00"),
                422,
                "express.pickup_window_invalid",
            ),
            (
                me,
                booking(address_id, "2026-12-22T09:00:00+08:00"),
                422,
                "express.pickup_window_invalid",
            ),
        ]
        for who, body, status, code in cases:
            answer = await http.post(path, json=body, headers=who)
            assert (answer.status_code, answer.json()["code"]) == (status, code), body
            assert "张小三" not in answer.text and PHONE not in answer.text
        no_offset = await http.post(
            path, json=booking(address_id, "2026-12-15T09:00:00"), headers=me
        )
        assert no_offset.status_code == 422

        application = await _decided(local_hall, application_id)
        decided = await http.post(path, json=booking(address_id, window), headers=me)
        assert decided.status_code == 409 and decided.json()["code"] == "approval.pickup_not_open"
        assert application == "approved"
    assert not await Shipment.filter(kind=ShipmentKind.PICKUP).exists()


async def _decided(hall: ApprovalHall, application_id: str) -> str:
    from api.approval.models import Application

    application = await Application.get(public_id=application_id)
    assert application.core_ref is not None
    for action in ("accept", "approve"):
        await step(hall, application.core_ref, action)
    return (await Application.get(id=application.id)).status.value


# -- at once --------------------------------------------------------------------------------------


async def test_two_bookings_at_once_make_one_pickup(
    local_hall: ApprovalHall, at_monday_morning: None
) -> None:
    await the_hall()
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        me, application_id, address_id = await ready_to_book(local_hall, http)
        path = f"/api/v1/applications/{application_id}/pickups"
        same = booking(address_id, at(TUESDAY, 9))
        answers = await asyncio.gather(*(http.post(path, json=same, headers=me) for _ in range(4)))
        assert sorted(a.status_code for a in answers) == [200, 200, 200, 201]
        assert len({a.json()["pickup_id"] for a in answers}) == 1

        other = booking(address_id, at(TUESDAY, 11))
        refused = await http.post(path, json=other, headers=me)
        assert refused.status_code == 409
        assert refused.json()["code"] == "express.pickup_already_booked"
        assert refused.json()["pickup_id"] == answers[0].json()["pickup_id"]
    assert await Shipment.filter(kind=ShipmentKind.PICKUP).count() == 1
    redis = local_hall.server.app.ctx.redis
    assert (await ems(local_hall).requests(redis)).get(API_BOOK_PICKUP) == 1


async def test_two_different_bookings_at_once_one_is_refused(
    local_hall: ApprovalHall, at_monday_morning: None
) -> None:
    await the_hall()
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        me, application_id, address_id = await ready_to_book(local_hall, http)
        path = f"/api/v1/applications/{application_id}/pickups"
        bodies = [booking(address_id, at(TUESDAY, hour)) for hour in (9, 11, 13)]
        answers = await asyncio.gather(*(http.post(path, json=b, headers=me) for b in bodies))
    assert sorted(a.status_code for a in answers) == [201, 409, 409]
    assert await Shipment.filter(kind=ShipmentKind.PICKUP).count() == 1


async def test_two_cancels_at_once_cancel_once(local_hall: ApprovalHall) -> None:
    """On the running clock (a hall open round the clock has windows at any hour): a second
    cancellation would write another time, which the database refuses (a 500 here), so
    every 200 below is the one cancellation's."""
    hall = await Hall.create(code=HALL, name="市民中心政务服务大厅")
    for weekday in range(7):
        await OpeningHours.create(hall=hall, weekday=weekday, opens_minute=0, closes_minute=1440)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        me, application_id, address_id = await ready_to_book(local_hall, http)
        first = (await http.get("/api/v1/pickup-windows")).json()["windows"][0]
        path = f"/api/v1/applications/{application_id}/pickups"
        body = booking(address_id, first["starts_at"])
        pickup = (await http.post(path, json=body, headers=me)).json()
        cancel = f"/api/v1/pickups/{pickup['pickup_id']}/cancel"
        answers = await asyncio.gather(*(http.post(cancel, headers=me) for _ in range(4)))
    assert [a.status_code for a in answers] == [200] * 4
    assert len({a.json()["cancelled_at"] for a in answers}) == 1
    row = await Shipment.get(public_id=pickup["pickup_id"])
    assert row.status is ShipmentStatus.CANCELLED and row.cancelled_at is not None


# -- EMS away -------------------------------------------------------------------------------------


async def test_ems_away_leaves_it_pending_and_the_job_hands_it_over_to_the_same_order(
    local_hall: ApprovalHall, at_monday_morning: None
) -> None:
    await the_hall()
    redis = local_hall.server.app.ctx.redis
    sandbox = ems(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        me, application_id, address_id = await ready_to_book(local_hall, http)
        await sandbox.fail_next(redis, times=3, api_code=API_BOOK_PICKUP)  # every retry too
        path = f"/api/v1/applications/{application_id}/pickups"
        booked = await http.post(path, json=booking(address_id, at(TUESDAY, 9)), headers=me)
        assert booked.status_code == 201, booked.text
        assert booked.json()["status"] == "pending" and booked.json()["mail_number"] is None
        pickup_id = booked.json()["pickup_id"]

        # A later try of ours reached EMS and its answer was lost: EMS has the pickup order.
        somebody = Party("张*三", "13800000000", "350000", "350100", "350102", "福州")
        start = datetime(2026, 12, 15, 9, tzinfo=SHANGHAI)
        lost = await local_hall.server.app.ctx.services.gateways.ems.book_pickup(
            PickupRequest(pickup_id, somebody, somebody, start, start + timedelta(hours=2), "原件")
        )
        pickups = local_hall.server.app.ctx.services.pickups
        assert await pickups.hand_over_pending() == 1
        assert await pickups.hand_over_pending() == 0
        shown = (await http.get(f"/api/v1/pickups/{pickup_id}", headers=me)).json()
    assert shown["status"] == "created" and shown["mail_number"] == lost.mail_no
    at_ems = await sandbox.order(redis, pickup_id)
    assert at_ems["waybillNo"] == lost.mail_no and at_ems["pickupStartTime"] == ems_time(start)


async def test_a_pickup_ems_refuses_is_cancelled_and_said_so(
    local_hall: ApprovalHall, at_monday_morning: None
) -> None:
    await the_hall()
    redis = local_hall.server.app.ctx.redis
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        me, application_id, address_id = await ready_to_book(local_hall, http)
        await ems(local_hall).refuse_next(redis, API_BOOK_PICKUP)  # an address it does not serve
        path = f"/api/v1/applications/{application_id}/pickups"
        refused = await http.post(path, json=booking(address_id, at(TUESDAY, 9)), headers=me)
        assert refused.status_code == 422 and refused.json()["code"] == "express.courier_refused"
        [pickup] = await Shipment.filter(kind=ShipmentKind.PICKUP)
        assert pickup.status is ShipmentStatus.CANCELLED
        again = await http.post(path, json=booking(address_id, at(TUESDAY, 9)), headers=me)
    assert again.status_code == 201 and again.json()["status"] == "created"
