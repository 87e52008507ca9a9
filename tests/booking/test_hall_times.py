"""What clients read of the halls: the list, whether each is open now, today's hours and the
next opening, every time in the hall's time to the second."""

from __future__ import annotations

from datetime import timedelta

from booking.models import CalendarDay, Hall, OpeningHours
from tests.booking.test_booking import make_hall
from tests.booking.test_hall import at_hall_time
from tests.booking.test_ticket_rules import MONDAY, office_hours_hall
from tests.clocks import frozen


async def test_the_halls_listed_say_whether_each_is_open_and_when_it_opens(server, client) -> None:
    await office_hours_hall()  # H1: Monday to Friday, 09:00 to 17:00
    await make_hall("H2")  # open round the clock
    annex = await Hall.create(code="ANNEX", name="分中心")
    await CalendarDay.create(hall=annex, day=MONDAY, works_as_weekday=None, note="元旦")
    await OpeningHours.create(hall=annex, weekday=0, opens_minute=510, closes_minute=720)
    await OpeningHours.create(hall=annex, weekday=1, opens_minute=510, closes_minute=720)
    with frozen(at_hall_time(MONDAY, 10, 15) + timedelta(microseconds=123456)):
        listed = await client.get("/api/v1/halls")
    assert listed.status_code == 200, listed.text
    halls = {h["code"]: h for h in listed.json()["halls"]}
    assert list(halls) == ["ANNEX", "H1", "H2"]
    assert halls["H1"] == {
        "code": "H1",
        "name": "市民中心",
        "timezone": "Asia/Shanghai",
        "open_now": True,
        "next_opening": f"{MONDAY.isoformat()}T09:00:00+08:00",  # the opening in force
        "hours_today": {"starts_at": "09:00", "ends_at": "17:00"},
    }
    assert halls["H2"]["hours_today"] == {"starts_at": "00:00", "ends_at": "24:00"}
    tuesday = (MONDAY + timedelta(days=1)).isoformat()
    assert (halls["ANNEX"]["open_now"], halls["ANNEX"]["hours_today"]) == (False, None)
    assert halls["ANNEX"]["next_opening"] == f"{tuesday}T08:30:00+08:00"


async def test_a_hall_says_its_next_opening_in_its_own_time_open_or_closed(server, client) -> None:
    await office_hours_hall()
    with frozen(at_hall_time(MONDAY, 11, 0) + timedelta(microseconds=5)):
        open_now = (await client.get("/api/v1/halls/H1")).json()
    assert open_now["open_now"] is True
    assert open_now["next_opening"] == f"{MONDAY.isoformat()}T09:00:00+08:00"
    assert open_now["opening_hours"][0] == {"weekday": 0, "starts_at": "09:00", "ends_at": "17:00"}
    with frozen(at_hall_time(MONDAY, 17, 30)):
        closed = (await client.get("/api/v1/halls/H1")).json()
    tuesday = (MONDAY + timedelta(days=1)).isoformat()
    assert (closed["open_now"], closed["next_opening"]) == (False, f"{tuesday}T09:00:00+08:00")


async def test_a_hall_without_hours_is_listed_closed_with_no_opening(server, client) -> None:
    await Hall.create(code="NEW", name="筹建中")
    listed = (await client.get("/api/v1/halls")).json()["halls"]
    assert listed == [
        {
            "code": "NEW",
            "name": "筹建中",
            "timezone": "Asia/Shanghai",
            "open_now": False,
            "next_opening": None,
            "hours_today": None,
        }
    ]
