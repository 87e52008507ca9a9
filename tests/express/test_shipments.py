"""EMS's tracking pushes end to end: the sandbox pushes signed, sealed events to our callback
route over HTTP; each is recorded once, and the shipment's status follows its whole trace."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx

from api.kit import clock
from api.kit.ids import new_public_id
from auth.models import Person
from auth.sessions import Origin
from express.gateways.courier import Party, WaybillRequest
from express.gateways.ems import ems_time
from express.models import Shipment, ShipmentKind, ShipmentStatus, TrackingEvent
from notify.models import InboxMessage
from tests.conftest import LiveServer

ACCEPTED, LEFT, OUT, DELIVERED = "203", "307", "702", "704"


def services(server: LiveServer) -> Any:
    return server.app.ctx.services


def ems_sandbox(server: LiveServer) -> Any:
    found = server.app.ctx.sandboxes
    assert found is not None
    return found.ems


def party(name: str) -> Party:
    return Party(
        name=name,
        phone="13800000000",
        province_code="350000",
        city_code="350100",
        district_code="350102",
        address="福建省福州市鼓楼区鼓屏路1号",
    )


async def a_shipment(server: LiveServer) -> tuple[Shipment, dict[str, str]]:
    """A result delivery EMS has a waybill for (made through the app's client and sandbox)."""
    person = await Person.create(public_id=new_public_id("per"), level=2)
    public_id = new_public_id("shp")
    waybill = await services(server).gateways.ems.create_waybill(
        WaybillRequest(public_id, party("政务服务中心"), party("张三"), "居民身份证")
    )
    shipment = await Shipment.create(
        public_id=public_id,
        kind=ShipmentKind.RESULT,
        person_id=person.id,
        application_ref=new_public_id("apl"),
        status=ShipmentStatus.CREATED,
        mail_no=waybill.mail_no,
    )
    pair = await services(server).identity.sessions.start_session(person, Origin(channel="mp"))
    return shipment, {"Authorization": f"Bearer {pair.access_token}"}


def at(minutes: int) -> str:
    return ems_time(clock.now() - timedelta(hours=6) + timedelta(minutes=minutes))


def events(*codes_and_minutes: tuple[str, int]) -> list[dict[str, str]]:
    return [{"op_code": code, "op_time": at(minutes)} for code, minutes in codes_and_minutes]


async def pushed(server: LiveServer, mail_no: str, items: list[dict[str, str]], **how: Any) -> None:
    await ems_sandbox(server).add_events(server.app.ctx.redis, mail_no, items, **how)
    await ems_sandbox(server).settle()


async def status_of(shipment: Shipment) -> ShipmentStatus:
    return (await Shipment.get(id=shipment.id)).status


async def test_a_journey_pushed_event_by_event_ends_delivered_and_tells_the_citizen(
    server: LiveServer, clean: Any
) -> None:
    shipment, me = await a_shipment(server)
    assert shipment.mail_no is not None
    journey = events((ACCEPTED, 0), (LEFT, 60), (OUT, 120), (DELIVERED, 180))
    await pushed(server, shipment.mail_no, journey, separately=True)
    assert await status_of(shipment) is ShipmentStatus.DELIVERED
    async with httpx.AsyncClient(base_url=server.url) as http:
        mine = await http.get("/api/v1/me/shipments", headers=me)
        detail = await http.get(f"/api/v1/shipments/{shipment.public_id}", headers=me)
    assert mine.json()["shipments"][0]["mail_number"] == shipment.mail_no
    assert [e["operation"] for e in detail.json()["timeline"]] == [
        "accepted",
        "in_transit",
        "out_for_delivery",
        "delivered",
    ]
    # Pushed one by one, the events may overtake each other: what the citizen was told before
    # delivered depends on that, delivered itself does not, and nothing is told twice.
    titles = await InboxMessage.filter(person_id=shipment.person_id).values_list("title", flat=True)
    assert "已妥投" in titles and len(titles) == len(set(titles))


async def test_duplicate_pushes_give_one_event(server: LiveServer, clean: Any) -> None:
    shipment, _ = await a_shipment(server)
    assert shipment.mail_no is not None
    await pushed(server, shipment.mail_no, events((ACCEPTED, 0), (LEFT, 30)))
    sandbox, redis = ems_sandbox(server), server.app.ctx.redis
    await asyncio.gather(*(sandbox.redeliver(redis) for _ in range(5)))
    await sandbox.settle()
    assert await TrackingEvent.filter(shipment_id=shipment.id).count() == 2
    assert all(delivery.succeeded for delivery in await sandbox.deliveries(redis))


async def test_one_push_carrying_an_event_twice_records_it_once(
    server: LiveServer, clean: Any
) -> None:
    shipment, _ = await a_shipment(server)
    assert shipment.mail_no is not None
    await pushed(server, shipment.mail_no, events((ACCEPTED, 0), (ACCEPTED, 0), (LEFT, 30)))
    assert await TrackingEvent.filter(shipment_id=shipment.id).count() == 2
    assert await status_of(shipment) is ShipmentStatus.IN_TRANSIT


async def test_an_older_event_after_delivered_leaves_it_delivered(
    server: LiveServer, clean: Any
) -> None:
    shipment, _ = await a_shipment(server)
    assert shipment.mail_no is not None
    await pushed(server, shipment.mail_no, events((ACCEPTED, 0), (DELIVERED, 180)))
    await pushed(server, shipment.mail_no, events((LEFT, 60)))
    assert await status_of(shipment) is ShipmentStatus.DELIVERED
    assert await TrackingEvent.filter(shipment_id=shipment.id).count() == 3


async def test_the_same_events_in_shuffled_order_give_the_same_end(
    server: LiveServer, clean: Any
) -> None:
    journey = events((ACCEPTED, 0), (LEFT, 60), (LEFT, 90), (OUT, 120))
    ends = []
    for _ in range(3):
        shipment, me = await a_shipment(server)
        assert shipment.mail_no is not None
        await pushed(server, shipment.mail_no, journey, separately=True, shuffle=True)
        async with httpx.AsyncClient(base_url=server.url) as http:
            detail = (await http.get(f"/api/v1/shipments/{shipment.public_id}", headers=me)).json()
        ends.append(
            (detail["shipment"]["status"], [(e["operation"], e["at"]) for e in detail["timeline"]])
        )
    assert ends[0][0] == "out_for_delivery"
    assert ends[0] == ends[1] == ends[2]


async def test_a_forged_push_stores_nothing_and_gets_emss_failure_answer(
    server: LiveServer, clean: Any
) -> None:
    shipment, _ = await a_shipment(server)
    assert shipment.mail_no is not None
    await pushed(server, shipment.mail_no, events((ACCEPTED, 0)))
    body = await ems_sandbox(server).last_push_body(server.app.ctx.redis)
    assert body is not None
    forged = body.replace(b'"dataDigest":"', b'"dataDigest":"AAAA')
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(
            "/callbacks/express/ems", content=forged, headers={"Content-Type": "application/json"}
        )
        replayed = await http.post(
            "/callbacks/express/ems", content=body, headers={"Content-Type": "application/json"}
        )
    assert answer.status_code == 401 and answer.json()["code"] != "00000"
    assert replayed.status_code == 401  # its serial was taken once already
    assert await TrackingEvent.filter(shipment_id=shipment.id).count() == 1


async def test_another_citizens_shipment_is_not_found(server: LiveServer, clean: Any) -> None:
    shipment, _ = await a_shipment(server)
    _, stranger = await a_shipment(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.get(f"/api/v1/shipments/{shipment.public_id}", headers=stranger)
    assert answer.status_code == 404 and answer.json()["code"] == "express.shipment_not_found"


async def test_a_quiet_shipment_is_traced_by_the_sweep(server: LiveServer, clean: Any) -> None:
    shipment, _ = await a_shipment(server)
    assert shipment.mail_no is not None
    sandbox, redis = ems_sandbox(server), server.app.ctx.redis
    await sandbox.add_events(redis, shipment.mail_no, events((ACCEPTED, 0)), push=False)
    shipments = services(server).shipments
    assert await shipments.check_quiet() == 0  # not quiet for a day yet
    await Shipment.filter(id=shipment.id).update(updated_at=clock.now() - timedelta(days=2))
    assert await shipments.check_quiet() == 1
    assert await status_of(shipment) is ShipmentStatus.ACCEPTED
    assert await shipments.check_quiet() == 0  # asked once a day
