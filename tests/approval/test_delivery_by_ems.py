"""A result that goes by EMS: the citizen picks an address from their book, and when the
result is ready express gets its waybill from EMS (the sandbox, over HTTP) and follows its
trace to the citizen's door."""

from __future__ import annotations

import httpx

from express.models import Shipment, ShipmentStatus
from tests.approval.support import Hall, citizen, step, submitted
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
