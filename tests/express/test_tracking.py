"""Status and timeline from trace events do not depend on their arrival order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from express.gateways.courier import Operation, TraceEvent
from express.tracking import status_of, timeline

MAIL = "1100000000001"
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def event(op: Operation, minutes: int, code: str = "", office: str = "北京邮区中心") -> TraceEvent:
    return TraceEvent(
        mail_no=MAIL,
        op_code=code or op.value,
        operation=op,
        op_time=START + timedelta(minutes=minutes),
        office=office,
        description=op.value,
    )


JOURNEY = [
    event(Operation.ACCEPTED, 0),
    event(Operation.IN_TRANSIT, 60, office="广州邮区中心"),
    event(Operation.IN_TRANSIT, 120, office="北京邮区中心"),
    event(Operation.OUT_FOR_DELIVERY, 180),
    event(Operation.DELIVERED, 240),
]


def test_a_journey_ends_delivered_in_time_order() -> None:
    assert status_of(JOURNEY) is Operation.DELIVERED
    assert timeline(reversed(JOURNEY)) == JOURNEY


def test_an_older_event_after_delivered_does_not_take_it_back() -> None:
    late = event(Operation.IN_TRANSIT, 200, code="late", office="分拣")
    assert status_of([*JOURNEY, late]) is Operation.DELIVERED


def test_delivered_stays_even_when_a_later_event_says_otherwise() -> None:
    odd = event(Operation.DELIVERY_FAILED, 300)
    assert status_of([*JOURNEY, odd]) is Operation.DELIVERED


def test_a_failed_delivery_then_another_attempt() -> None:
    attempts = [*JOURNEY[:4], event(Operation.DELIVERY_FAILED, 200)]
    assert status_of(attempts) is Operation.DELIVERY_FAILED
    again = event(Operation.OUT_FOR_DELIVERY, 1440, code="second")
    assert status_of([*attempts, again]) is Operation.OUT_FOR_DELIVERY


def test_duplicates_are_one_event() -> None:
    assert timeline([*JOURNEY, *JOURNEY]) == JOURNEY


def test_no_event_no_status() -> None:
    assert status_of([]) is None


@st.composite
def journeys(draw: st.DrawFn) -> list[TraceEvent]:
    operations = st.sampled_from(list(Operation))
    count = draw(st.integers(min_value=1, max_value=12))
    return [
        event(draw(operations), draw(st.integers(0, 30)), office=draw(st.sampled_from("ABC")))
        for _ in range(count)
    ]


@given(journeys(), st.randoms())
def test_any_arrival_order_gives_the_same_status_and_timeline(events, random) -> None:
    shuffled = list(events) + random.sample(events, k=len(events) // 2)  # with duplicates
    random.shuffle(shuffled)
    assert status_of(shuffled) is status_of(events)
    assert timeline(shuffled) == timeline(events)
