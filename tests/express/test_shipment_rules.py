"""How a shipment may move is the database's to hold, whatever code path writes it: cancelled
only before the courier has it and then for good, never back to pending, a result leaves
only with its delivery fee paid, one live pickup per application, and a delivered result
makes its one report for the core system in the same transaction."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

import pytest
from tortoise.exceptions import IntegrityError, OperationalError

from api.kit import clock
from api.kit.ids import new_public_id
from auth.models import Person
from express.models import DeliveryReport, Shipment, ShipmentKind, ShipmentStatus

S = ShipmentStatus
REFUSED = (IntegrityError, OperationalError)


async def a_person() -> Person:
    return await Person.create(public_id=new_public_id("per"), level=2)


async def a_pickup(person: Person, application_ref: str, status: ShipmentStatus) -> Shipment:
    start = clock.now() + timedelta(days=1)
    return await Shipment.create(
        public_id=new_public_id("shp"),
        kind=ShipmentKind.PICKUP,
        person_id=person.id,
        application_ref=application_ref,
        address_ref=new_public_id("adr"),
        hall_code="CIVIC",
        window_starts_at=start,
        window_ends_at=start + timedelta(hours=2),
        status=status,
        mail_no=None if status is S.PENDING else f"1{secrets.randbelow(10**12):012d}",
        cancelled_at=clock.now() if status is S.CANCELLED else None,
    )


async def a_result(person: Person, *, fee_fen: int = 0) -> Shipment:
    return await Shipment.create(
        public_id=new_public_id("shp"),
        kind=ShipmentKind.RESULT,
        person_id=person.id,
        application_ref=new_public_id("apl"),
        address_ref=new_public_id("adr"),
        fee_fen=fee_fen,
    )


async def moved(shipment: Shipment, **changes: Any) -> None:
    await Shipment.filter(id=shipment.id).update(**changes)


async def test_a_cancelled_shipment_stays_cancelled(clean: Any) -> None:
    pickup = await a_pickup(await a_person(), new_public_id("apl"), S.CREATED)
    await moved(pickup, status=S.CANCELLED, cancelled_at=clock.now())
    for status in (S.CREATED, S.ACCEPTED, S.PENDING):
        with pytest.raises(REFUSED):
            await moved(pickup, status=status, cancelled_at=None)
    with pytest.raises(REFUSED):  # cancelled once: its time does not move
        await moved(pickup, cancelled_at=clock.now() + timedelta(seconds=1))


async def test_once_the_courier_has_it_it_cannot_be_cancelled(clean: Any) -> None:
    pickup = await a_pickup(await a_person(), new_public_id("apl"), S.CREATED)
    await moved(pickup, status=S.ACCEPTED)
    with pytest.raises(REFUSED):
        await moved(pickup, status=S.CANCELLED, cancelled_at=clock.now())
    assert (await Shipment.get(id=pickup.id)).status is S.ACCEPTED


async def test_nothing_goes_back_to_pending_and_cancelled_says_when(clean: Any) -> None:
    pickup = await a_pickup(await a_person(), new_public_id("apl"), S.CREATED)
    with pytest.raises(REFUSED):
        await moved(pickup, status=S.PENDING, mail_no=None)
    with pytest.raises(REFUSED):
        await moved(pickup, status=S.CANCELLED)  # without its time


async def test_a_result_leaves_only_once_its_fee_is_paid(clean: Any) -> None:
    person = await a_person()
    charged = await a_result(person, fee_fen=1200)
    with pytest.raises(REFUSED):
        await moved(charged, status=S.CREATED, mail_no="1000000000001")
    await moved(charged, fee_paid_at=clock.now())
    await moved(charged, status=S.CREATED, mail_no="1000000000001")
    free = await a_result(person)
    await moved(free, status=S.CREATED, mail_no="1000000000002")
    pickup = await a_pickup(person, new_public_id("apl"), S.PENDING)
    with pytest.raises(REFUSED):  # only a result's delivery is charged
        await moved(pickup, fee_fen=500)


async def test_one_live_pickup_per_application(clean: Any) -> None:
    person = await a_person()
    application = new_public_id("apl")
    first = await a_pickup(person, application, S.PENDING)
    with pytest.raises(IntegrityError, match="shipment_one_live_pickup_per_application"):
        await a_pickup(person, application, S.PENDING)
    await moved(first, status=S.CANCELLED, cancelled_at=clock.now())
    await a_pickup(person, application, S.PENDING)  # a cancelled one holds nothing


async def test_a_delivered_result_makes_one_report(clean: Any) -> None:
    result = await a_result(await a_person())
    await moved(result, status=S.CREATED, mail_no="1000000000003")
    await moved(result, status=S.DELIVERED)
    await moved(result, last_event_at=clock.now())  # another write: no second report
    [report] = await DeliveryReport.all()
    assert report.shipment_id == result.id and report.mail_no == "1000000000003"
    assert report.application_ref == result.application_ref and report.status.value == "due"
    pickup = await a_pickup(await a_person(), new_public_id("apl"), S.CREATED)
    await moved(pickup, status=S.DELIVERED)  # the originals reached the hall: nobody to tell
    assert await DeliveryReport.all().count() == 1
