"""Payment orders and refunds: one order per fee notice, moves only by the transition table
(the database's trigger refuses the rest, whoever writes), refunds never above what was paid
(the database bounds their sum, under concurrency too)."""

from __future__ import annotations

import asyncio
import itertools
from datetime import date, datetime
from typing import Any

import asyncpg
import pytest
from tortoise.exceptions import BaseORMException

from api.kit import clock
from api.kit.db import default_client, transaction
from api.kit.ids import new_public_id
from auth.models import Person
from payments import errors
from payments.models import (
    Channel,
    OrderStatus,
    PaymentEvent,
    PaymentOrder,
    Refund,
    RefundStatus,
)
from payments.schemas import OrderOut
from payments.service import FeeItemIn, FeeNoticeIn, Payments
from payments.transitions import EXCEPTIONS, MONEY_IN, TRANSITIONS, can_move

S = OrderStatus
PAID = 10_000
payments = Payments()
_numbers = itertools.count(1)


async def a_person() -> Person:
    return await Person.create(public_id=new_public_id("per"), level=2)


def a_notice(number: str | None = None, total: int = PAID) -> FeeNoticeIn:
    return FeeNoticeIn(
        notice_number=number or f"N{next(_numbers):08d}",
        payee_code="110101001",
        region_code="110101",
        total_fen=total,
        due_date=date(2026, 12, 31),
        items=(FeeItemIn(code="0101", name="工本费", amount_fen=total - 500, late_fee_fen=500),),
    )


async def a_paid_order(person: Person | None = None) -> PaymentOrder:
    person = person or await a_person()
    order = await payments.order_for_fee_notice(a_notice(), person.id, "app_x")
    await payments.move(order, S.PAYING, source="citizen", channel=Channel.NONTAX)
    return await payments.move(order, S.PAID, source="nontax", paid_fen=PAID)


def fields_of(status: OrderStatus) -> dict[str, Any]:
    """The columns an order in `status` has (the CHECKs want them to fit the status)."""
    now = clock.now()
    return {
        "channel": None if status is S.CREATED else Channel.NONTAX,
        "paid_fen": PAID if status in MONEY_IN else 0,
        "paid_at": now if status in MONEY_IN else None,
        "refunded_fen": {S.PARTIALLY_REFUNDED: PAID // 2, S.REFUNDED: PAID}.get(status, 0),
        "closed_at": now if status in (S.CLOSED, S.PAID_AFTER_CLOSE) else None,
    }


async def an_order_in(status: OrderStatus, person: Person) -> PaymentOrder:
    return await PaymentOrder.create(
        public_id=new_public_id("pay"),
        person_id=person.id,
        application_ref="app_x",
        notice_number=f"N{next(_numbers):08d}",
        payee_code="110101001",
        region_code="110101",
        items=[],
        total_fen=PAID,
        due_date=date(2026, 12, 31),
        status=status,
        **fields_of(status),
    )


ALL_PAIRS = [(a, b) for a in S for b in S]


async def test_one_order_per_fee_notice(clean) -> None:
    person = await a_person()
    notice = a_notice()
    first = await payments.order_for_fee_notice(notice, person.id, "app_1")
    again = await payments.order_for_fee_notice(notice, person.id, "app_1")
    assert again.public_id == first.public_id and first.public_id.startswith("pay_")
    assert first.status is S.CREATED and first.total_fen == PAID and first.paid_fen == 0
    assert await PaymentOrder.filter(notice_number=notice.notice_number).count() == 1
    assert await PaymentEvent.filter(order_id=first.id).count() == 1


async def test_ten_concurrent_calls_for_one_notice_make_one_order(clean) -> None:
    person = await a_person()
    notice = a_notice()
    orders = await asyncio.gather(
        *(payments.order_for_fee_notice(notice, person.id, "app_1") for _ in range(10))
    )
    assert len({order.public_id for order in orders}) == 1
    assert await PaymentOrder.all().count() == 1
    assert await PaymentEvent.all().count() == 1  # the creation, written once


async def test_a_notice_number_sent_again_with_other_contents_is_a_conflict(clean) -> None:
    person, other = await a_person(), await a_person()
    await payments.order_for_fee_notice(a_notice("N-1"), person.id, "app_1")
    with pytest.raises(errors.NoticeConflict):
        await payments.order_for_fee_notice(a_notice("N-1"), other.id, "app_1")
    with pytest.raises(errors.NoticeConflict):
        await payments.order_for_fee_notice(a_notice("N-1", total=PAID + 1), person.id, "app_1")
    with pytest.raises(errors.NoticeInvalid):  # the items do not add up to the total
        bad = a_notice("N-2")
        await payments.order_for_fee_notice(
            FeeNoticeIn(**{**bad.__dict__, "total_fen": PAID - 1}), person.id, "app_1"
        )
    assert await PaymentOrder.all().count() == 1


class _Undo(Exception):
    """Rolls a probe's transaction back after it succeeded."""


async def _database_allows(order: PaymentOrder, to: OrderStatus) -> bool:
    """Whether an UPDATE that bypasses the service may move `order` to `to`: it sets what the
    target status needs, so that only the transition rule can refuse."""
    target = fields_of(to)
    try:
        async with transaction():
            await default_client().execute_query(
                'UPDATE "payment_order" SET "status" = $1::varchar, "channel" ='
                " CASE WHEN $1::varchar = 'paying' THEN 'nontax' ELSE \"channel\" END,"
                ' "paid_fen" = $2, "refunded_fen" = $3,'
                ' "paid_at" = COALESCE("paid_at", $4), "closed_at" = COALESCE("closed_at", $5)'
                ' WHERE "id" = $6',
                [
                    to.value,
                    target["paid_fen"],
                    target["refunded_fen"],
                    target["paid_at"],
                    target["closed_at"],
                    order.id,
                ],
            )
            raise _Undo
    except _Undo:
        return True
    except BaseORMException as refused:
        assert f"cannot move {order.status.value} -> {to.value}" in str(refused)
        return False


async def test_the_database_refuses_every_move_the_table_lacks_and_allows_the_rest(clean) -> None:
    person = await a_person()
    orders = {status: await an_order_in(status, person) for status in S}
    for current, to in ALL_PAIRS:
        if current is to:
            continue  # keeping a status is no move
        allowed = await _database_allows(orders[current], to)
        assert allowed == can_move(current, to), f"{current} -> {to}"
    for status, order in orders.items():  # every probe was rolled back
        assert (await PaymentOrder.get(id=order.id)).status is status


async def test_move_refuses_every_move_the_table_lacks(clean) -> None:
    person = await a_person()
    for current, to in ALL_PAIRS:
        if can_move(current, to):
            continue
        order = await an_order_in(current, person)
        with pytest.raises(errors.TransitionRefused):
            await payments.move(order, to, source="test", paid_fen=PAID, channel=Channel.WECHAT)
        assert (await PaymentOrder.get(id=order.id)).status is current
    assert await PaymentEvent.all().count() == 0


async def test_move_reads_the_status_under_the_lock_not_the_callers_copy(clean) -> None:
    person = await a_person()
    order = await payments.order_for_fee_notice(a_notice(), person.id, "app_1")
    stale = await PaymentOrder.get(id=order.id)
    await payments.move(order, S.CLOSED, source="sweep", note="逾期未缴")
    with pytest.raises(errors.TransitionRefused):
        await payments.move(stale, S.PAYING, source="citizen", channel=Channel.NONTAX)


async def test_each_move_is_on_the_timeline(clean) -> None:
    person = await a_person()
    order = await payments.order_for_fee_notice(a_notice(), person.id, "app_1")
    await payments.move(order, S.PAYING, source="citizen", channel=Channel.NONTAX)
    switched = await payments.move(order, S.PAYING, source="citizen", channel=Channel.WECHAT)
    assert switched.channel is Channel.WECHAT
    with pytest.raises(errors.TransitionRefused):  # paid means the whole bill
        await payments.move(order, S.PAID, source="wechat", paid_fen=PAID - 1)
    paid = await payments.move(order, S.PAID, source="wechat", paid_fen=PAID)
    assert paid.paid_fen == PAID and paid.paid_at is not None
    steps = await PaymentEvent.filter(order_id=order.id).order_by("id")
    assert [(s.from_status, s.to_status, s.source) for s in steps] == [
        (None, "created", "fee_notice"),
        ("created", "paying", "citizen"),
        ("paying", "paying", "citizen"),
        ("paying", "paid", "wechat"),
    ]


async def test_an_exception_state_is_resolved_by_an_officer(clean) -> None:
    person = await a_person()
    late = await payments.order_for_fee_notice(a_notice(), person.id, "app_1")
    await payments.move(late, S.CLOSED, source="sweep")
    await payments.move(late, S.PAID_AFTER_CLOSE, source="nontax", paid_fen=PAID)
    returned = await payments.move(late, S.REFUNDED, source="staff:stf_1", note="平台原路退回")
    assert returned.refunded_fen == returned.paid_fen == PAID
    short = await payments.order_for_fee_notice(a_notice(), person.id, "app_2")
    await payments.move(short, S.PAYING, source="citizen", channel=Channel.NONTAX)
    mismatch = await payments.move(short, S.AMOUNT_MISMATCH, source="nontax", paid_fen=PAID - 1)
    assert mismatch.status in EXCEPTIONS
    accepted = await payments.move(short, S.PAID, source="staff:stf_1", note="差额已补缴")
    assert accepted.status is S.PAID and accepted.paid_fen == PAID - 1


async def test_two_concurrent_refunds_over_what_was_paid_one_succeeds(clean) -> None:
    order = await a_paid_order()
    results = await asyncio.gather(
        payments.request_refund(order.public_id, 6_000, "重复缴费", "stf_1", "R-1"),
        payments.request_refund(order.public_id, 6_000, "重复缴费", "stf_2", "R-2"),
        return_exceptions=True,
    )
    made = [r for r in results if isinstance(r, Refund)]
    refused = [r for r in results if isinstance(r, errors.RefundExceedsPaid)]
    assert len(made) == 1 and len(refused) == 1, results
    assert refused[0].extra == {"remaining_fen": 4_000}
    assert await Refund.filter(order_id=order.id).count() == 1


def _raw_url(database_url: str) -> str:
    return database_url.replace("postgres://", "postgresql://", 1)


async def test_the_database_bounds_concurrent_refunds_that_bypass_the_service(
    clean, database_url
) -> None:
    """Two transactions insert refunds of 6,000 fen of a 10,000 fen payment, without the
    service: the second waits for the first's lock on the order, then counts its refund."""
    order = await a_paid_order()
    insert = (
        "INSERT INTO payment_refund (public_id, order_id, refund_no, amount_fen, reason, status,"
        " operator, created_at, updated_at) VALUES ($1, $2, $3, 6000, 'x', 'requested', 'stf_1',"
        " now(), now())"
    )
    first = await asyncpg.connect(_raw_url(database_url))
    second = await asyncpg.connect(_raw_url(database_url))
    try:
        first_tx, second_tx = first.transaction(), second.transaction()
        await first_tx.start()
        await second_tx.start()
        await first.execute(insert, new_public_id("rfd"), order.id, "RAW-1")
        racing = asyncio.create_task(
            second.execute(insert, new_public_id("rfd"), order.id, "RAW-2")
        )
        await asyncio.sleep(0.3)
        assert not racing.done(), "the second refund did not wait for the first's lock"
        await first_tx.commit()
        with pytest.raises(asyncpg.CheckViolationError, match="above the 10000 fen paid"):
            await racing
        await second_tx.rollback()
    finally:
        await first.close()
        await second.close()
    assert await Refund.filter(order_id=order.id).values_list("refund_no", flat=True) == ["RAW-1"]


async def test_refunded_fen_never_exceeds_paid_fen(clean) -> None:
    order = await a_paid_order()
    await payments.request_refund(order.public_id, 6_000, "部分退费", "stf_1", "R-1")
    await payments.finish_refund("R-1", succeeded=True)
    partly = await PaymentOrder.get(id=order.id)
    assert (partly.status, partly.refunded_fen) == (S.PARTIALLY_REFUNDED, 6_000)
    with pytest.raises(errors.RefundExceedsPaid):
        await payments.request_refund(order.public_id, 4_001, "退余款", "stf_1", "R-2")
    await payments.request_refund(order.public_id, 4_000, "退余款", "stf_1", "R-2")
    await payments.finish_refund("R-2", succeeded=True)
    await payments.finish_refund("R-2", succeeded=True)  # a repeat of the outcome: no change
    whole = await PaymentOrder.get(id=order.id)
    assert (whole.status, whole.refunded_fen, whole.paid_fen) == (S.REFUNDED, PAID, PAID)
    with pytest.raises(errors.NotRefundable):
        await payments.request_refund(order.public_id, 1, "再退", "stf_1", "R-3")
    # Nor can any writer push it over: the CHECK holds whatever the code.
    with pytest.raises(BaseORMException, match="payment_order_amounts"):
        async with transaction():
            await default_client().execute_query(
                "UPDATE payment_order SET refunded_fen = paid_fen + 1 WHERE id = $1", [order.id]
            )
    steps = await PaymentEvent.filter(order_id=order.id, to_status__not="paying").order_by("id")
    assert [s.to_status for s in steps][-2:] == ["partially_refunded", "refunded"]


async def test_a_failed_refund_frees_its_amount(clean) -> None:
    order = await a_paid_order()
    await payments.request_refund(order.public_id, PAID, "退费", "stf_1", "R-1")
    failed = await payments.finish_refund("R-1", succeeded=False)
    assert failed.status is RefundStatus.FAILED
    with pytest.raises(errors.RefundAlreadyFinished):
        await payments.finish_refund("R-1", succeeded=True)
    again = await payments.request_refund(order.public_id, PAID, "退费", "stf_1", "R-2")
    assert again.status is RefundStatus.REQUESTED
    assert (await PaymentOrder.get(id=order.id)).status is S.PAID


async def test_a_refund_number_repeated_makes_one_refund(clean) -> None:
    order = await a_paid_order()
    first = await payments.request_refund(order.public_id, 3_000, "退费", "stf_1", "R-1")
    repeats = await asyncio.gather(
        *(payments.request_refund(order.public_id, 3_000, "退费", "stf_1", "R-1") for _ in range(5))
    )
    assert {r.public_id for r in repeats} == {first.public_id}
    assert await Refund.filter(order_id=order.id).count() == 1
    with pytest.raises(errors.RefundNumberReused):
        await payments.request_refund(order.public_id, 2_000, "退费", "stf_1", "R-1")
    other = await a_paid_order()
    with pytest.raises(errors.RefundNumberReused):
        await payments.request_refund(other.public_id, 3_000, "退费", "stf_1", "R-1")
    assert await Refund.all().count() == 1


async def test_refunds_only_of_paid_orders(clean) -> None:
    person = await a_person()
    order = await payments.order_for_fee_notice(a_notice(), person.id, "app_1")
    with pytest.raises(errors.NotRefundable):
        await payments.request_refund(order.public_id, 100, "退费", "stf_1", "R-1")
    with pytest.raises(errors.RefundAmountInvalid):
        await payments.request_refund(order.public_id, 0, "退费", "stf_1", "R-1")
    with pytest.raises(errors.OrderNotFound):
        await payments.request_refund("pay_missing", 100, "退费", "stf_1", "R-1")
    assert await Refund.all().count() == 0


async def test_a_person_sees_only_their_own_orders(clean) -> None:
    me, other = await a_person(), await a_person()
    mine = await payments.order_for_fee_notice(a_notice(), me.id, "app_1")
    newer = await payments.order_for_fee_notice(a_notice(), me.id, "app_2")
    theirs = await payments.order_for_fee_notice(a_notice(), other.id, "app_3")
    assert [o.public_id for o in await payments.my_orders(me)] == [newer.public_id, mine.public_id]
    assert (await payments.my_order(me, mine.public_id)).id == mine.id
    with pytest.raises(errors.OrderNotFound):
        await payments.my_order(me, theirs.public_id)


async def test_an_order_answers_in_fen_and_hall_time(clean) -> None:
    order = await a_paid_order()
    shown = OrderOut.of(await PaymentOrder.get(id=order.id)).model_dump(mode="json")
    assert shown["total_fen"] == shown["paid_fen"] == PAID and shown["status"] == "paid"
    assert shown["paid_at"].endswith("+08:00") and "." not in shown["paid_at"]
    assert shown["items"][0] == {
        "code": "0101",
        "name": "工本费",
        "amount_fen": PAID - 500,
        "late_fee_fen": 500,
        "penalty_fen": 0,
    }
    assert isinstance(datetime.fromisoformat(shown["created_at"]), datetime)


def test_the_table_names_every_status() -> None:
    assert set(TRANSITIONS) == set(S)
