"""A result that goes by EMS: the citizen picks an address from their book, and when the
result is ready express gets its waybill from EMS (the sandbox, over HTTP) and follows its
trace to the citizen's door."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from api.approval.models import Application
from api.context import YiwangApp
from express.models import Shipment, ShipmentStatus
from notify.models import InboxMessage
from payments.models import OrderStatus, PaymentOrder
from tests.approval.support import (
    OTHER_ID_NUMBER,
    OTHER_NAME,
    Hall,
    citizen,
    engine_step,
    settle,
    step,
    submit,
    submitted,
)
from tests.conftest import LiveServer
from tests.express.test_addresses import entry

DELIVERED = "704"


async def test_a_result_by_ems_gets_its_waybill_and_is_followed_to_the_door(
    local_hall: Hall,
) -> None:
    person, me = await citizen(local_hall)
    server = local_hall.server
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        address = await http.post("/api/v1/me/addresses", json=entry(), headers=me)
        assert address.status_code == 201, address.text
        application_id, core_ref = await submitted(local_hall, http, me)
        path = f"/api/v1/applications/{application_id}/delivery"
        stranger_address = {"method": "ems", "address_id": "adr_0000000000000000000000"}
        refused = await http.put(path, json=stranger_address, headers=me)
        assert refused.status_code == 404
        assert refused.json()["code"] == "express.address_not_found"
        chosen = await http.put(
            path,
            json={"method": "ems", "address_id": address.json()["address_id"]},
            headers=me,
        )
        assert chosen.status_code == 200, chosen.text
        assert "*" in chosen.json()["address"]  # masked, as everywhere
        for action in ("accept", "approve", "result_ready"):
            await step(local_hall, core_ref, action)
        [shipment] = await Shipment.filter(application_ref=application_id)
        assert shipment.status is ShipmentStatus.PENDING and shipment.person_id == person.id
        locked = await http.put(path, json={"method": "window"}, headers=me)
        assert locked.status_code == 409  # handed to express: the choice is closed

        shipments = server.app.ctx.services.shipments
        assert await shipments.create_waybills() == 1
        assert await shipments.create_waybills() == 0
        shipment = await Shipment.get(id=shipment.id)
        assert shipment.status is ShipmentStatus.CREATED and shipment.mail_no

        sandboxes = server.app.ctx.sandboxes
        assert sandboxes is not None
        await sandboxes.ems.add_events(
            server.app.ctx.redis, shipment.mail_no, [{"op_code": "203"}, {"op_code": DELIVERED}]
        )
        await sandboxes.ems.settle()
        mine = await http.get("/api/v1/me/shipments", headers=me)
    [shown] = mine.json()["shipments"]
    assert shown["status"] == "delivered" and shown["application_id"] == application_id


# -- an address typed at submission --------------------------------------------------------------

TYPED = {
    "recipient": "张小三",
    "phone": "13812345678",
    "region": "福建省福州市鼓楼区",
    "street": "鼓屏路88号",
}


async def test_a_typed_address_makes_the_shipment_ask_for_one_of_the_book(
    local_hall: Hall,
) -> None:
    """A typed address has no division codes EMS can route by, and guessing them would send a
    certificate astray: the shipment waits, the citizen is asked, and picks one of their book;
    nothing else of theirs has to change."""
    person, me = await citizen(local_hall)
    server = local_hall.server
    shipments = server.app.ctx.services.shipments
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        answer = await submit(http, me, delivery={"method": "ems", "address": TYPED})
        assert answer.status_code == 201, answer.text
        application_id = answer.json()["application_id"]
        await settle(local_hall)
        application = await Application.get(public_id=application_id)
        assert application.core_ref is not None
        for action in ("accept", "approve", "result_ready"):
            await step(local_hall, application.core_ref, action)
        [shown] = (await http.get("/api/v1/me/shipments", headers=me)).json()["shipments"]
        assert shown["waiting_for"] == "address" and shown["address"] is None
        titles = await InboxMessage.filter(person_id=person.id).values_list("title", flat=True)
        assert "请选择收件地址" in titles
        assert await shipments.create_waybills() == 0

        path = f"/api/v1/shipments/{shown['shipment_id']}/address"
        _, stranger = await citizen(local_hall, OTHER_NAME, OTHER_ID_NUMBER)
        strangers = await http.post("/api/v1/me/addresses", json=entry(), headers=stranger)
        theirs = {"address_id": strangers.json()["address_id"]}
        assert (await http.put(path, json=theirs, headers=me)).status_code == 404
        assert (await http.put(path, json=theirs, headers=stranger)).status_code == 404
        mine = await http.post("/api/v1/me/addresses", json=entry(), headers=me)
        chosen = await http.put(path, json={"address_id": mine.json()["address_id"]}, headers=me)
        assert chosen.status_code == 200, chosen.text
        assert chosen.json()["waiting_for"] is None and "*" in chosen.json()["address"]
        again = await http.put(path, json={"address_id": mine.json()["address_id"]}, headers=me)
        assert again.status_code == 409
        assert again.json()["code"] == "express.shipment_address_fixed"
    assert await shipments.create_waybills() == 1
    shipment = await Shipment.get(public_id=shown["shipment_id"])
    assert shipment.status is ShipmentStatus.CREATED and shipment.mail_no


async def test_an_address_deleted_before_the_waybill_is_asked_for_again(
    local_hall: Hall,
) -> None:
    person, me = await citizen(local_hall)
    shipments = local_hall.server.app.ctx.services.shipments
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        address = (await http.post("/api/v1/me/addresses", json=entry(), headers=me)).json()
        application_id, core_ref = await submitted(local_hall, http, me)
        chosen = {"method": "ems", "address_id": address["address_id"]}
        path = f"/api/v1/applications/{application_id}/delivery"
        assert (await http.put(path, json=chosen, headers=me)).status_code == 200
        for action in ("accept", "approve", "result_ready"):
            await step(local_hall, core_ref, action)
        gone = await http.delete(f"/api/v1/me/addresses/{address['address_id']}", headers=me)
        assert gone.status_code == 204
        assert await shipments.create_waybills() == 0
        [shown] = (await http.get("/api/v1/me/shipments", headers=me)).json()["shipments"]
    assert shown["waiting_for"] == "address" and shown["status"] == "pending"
    titles = await InboxMessage.filter(person_id=person.id).values_list("title", flat=True)
    assert "请选择收件地址" in titles


# -- a delivery fee ------------------------------------------------------------------------------

FEE_FEN = 1200
_charging: dict[str, LiveServer] = {}


@pytest.fixture
async def charging_hall(
    make_app: Callable[..., YiwangApp],
    start_server: Callable[[YiwangApp], Awaitable[LiveServer]],
    clean: Any,
) -> Hall:
    """A hall that charges for sending results by EMS (one app for the session)."""
    if "app" not in _charging:
        _charging["app"] = await start_server(make_app(ems_delivery_fee_fen=FEE_FEN))
    served = _charging["app"]
    hall = Hall(served, engine_step(served))
    await hall.approval.catalogue.sync(hall.approval.core)
    return hall


async def test_a_charged_delivery_waits_for_its_fee_paid_through_the_platform(
    charging_hall: Hall,
) -> None:
    person, me = await citizen(charging_hall)
    server = charging_hall.server
    shipments = server.app.ctx.services.shipments
    sandboxes = server.app.ctx.sandboxes
    assert sandboxes is not None
    async with httpx.AsyncClient(base_url=charging_hall.url, timeout=10) as http:
        address = (await http.post("/api/v1/me/addresses", json=entry(), headers=me)).json()
        application_id, core_ref = await submitted(charging_hall, http, me)
        chosen = {"method": "ems", "address_id": address["address_id"]}
        path = f"/api/v1/applications/{application_id}/delivery"
        assert (await http.put(path, json=chosen, headers=me)).status_code == 200
        for action in ("accept", "approve", "result_ready"):
            await step(charging_hall, core_ref, action)

        [shown] = (await http.get("/api/v1/me/shipments", headers=me)).json()["shipments"]
        assert shown["waiting_for"] == "payment" and shown["delivery_fee_fen"] == FEE_FEN
        [order] = (await http.get("/api/v1/me/payments", headers=me)).json()["orders"]
        assert order["total_fen"] == FEE_FEN and order["status"] == "created"
        assert await shipments.create_waybills() == 0  # not before the fee is paid

        cashier = await http.post(f"/api/v1/payments/{order['order_id']}/cashier", headers=me)
        assert cashier.status_code == 200, cashier.text
        await sandboxes.nontax.pay(
            server.app.ctx.redis, payment_code=cashier.json()["payment_code"]
        )
        await sandboxes.nontax.settle()  # the platform's signed notice reached our callback
        paid = await PaymentOrder.get(public_id=order["order_id"])
        assert paid.status is OrderStatus.PAID and paid.person_id == person.id

        assert await shipments.create_waybills() == 1
        [shown] = (await http.get("/api/v1/me/shipments", headers=me)).json()["shipments"]
    assert shown["status"] == "created" and shown["mail_number"]
    assert shown["waiting_for"] is None
