"""The core system is told when a result is delivered: once, by a report the database makes
with the delivered shipment, through either core gateway (the embedded engine, or the HTTP
client against the core system's sandbox); while the core system is down the report waits
and is tried again; and the core system's answer, the case completed, comes back as its own
step."""

from __future__ import annotations

from datetime import timedelta

import httpx

from api.approval.models import Application
from api.kit import clock
from express.models import DeliveryReport, ReportStatus, Shipment, ShipmentStatus
from tests.approval.support import Hall, citizen, settle, step, submitted, view
from tests.express.test_addresses import entry

ACCEPTED, DELIVERED = "203", "704"


async def delivered_by_ems(
    hall: Hall, http: httpx.AsyncClient
) -> tuple[dict[str, str], str, Shipment]:
    """An application whose result EMS delivered: its owner's header, its id, its shipment."""
    _, me = await citizen(hall)
    address = (await http.post("/api/v1/me/addresses", json=entry(), headers=me)).json()
    application_id, core_ref = await submitted(hall, http, me)
    chosen = {"method": "ems", "address_id": address["address_id"]}
    path = f"/api/v1/applications/{application_id}/delivery"
    assert (await http.put(path, json=chosen, headers=me)).status_code == 200
    for action in ("accept", "approve", "result_ready"):
        await step(hall, core_ref, action)
    services = hall.server.app.ctx.services
    assert await services.shipments.create_waybills() == 1
    [shipment] = await Shipment.filter(application_ref=application_id)
    assert shipment.mail_no is not None
    sandboxes = hall.server.app.ctx.sandboxes
    assert sandboxes is not None
    events = [{"op_code": ACCEPTED}, {"op_code": DELIVERED}]
    await sandboxes.ems.add_events(hall.server.app.ctx.redis, shipment.mail_no, events)
    await sandboxes.ems.settle()
    shipment = await Shipment.get(id=shipment.id)
    assert shipment.status is ShipmentStatus.DELIVERED
    return me, application_id, shipment


async def test_a_delivered_result_is_told_once_and_the_case_completes(hall: Hall) -> None:
    services = hall.server.app.ctx.services
    async with httpx.AsyncClient(base_url=hall.url, timeout=10) as http:
        me, application_id, shipment = await delivered_by_ems(hall, http)
        sandboxes = hall.server.app.ctx.sandboxes
        assert sandboxes is not None
        await sandboxes.ems.redeliver(hall.server.app.ctx.redis)  # 妥投 pushed again
        await sandboxes.ems.settle()
        [report] = await DeliveryReport.all()
        assert report.status is ReportStatus.DUE and report.mail_no == shipment.mail_no

        assert await services.delivery_reports.report_due() == 1
        await settle(hall)
        assert await services.delivery_reports.report_due() == 0
        shown = await view(http, me, application_id)
    assert shown["status"] == "completed"
    report = await DeliveryReport.get(id=report.id)
    assert report.status is ReportStatus.REPORTED and report.reported_at is not None
    completed = [e for e in shown["timeline"] if e["status"] == "completed"]
    assert len(completed) == 1 and str(shipment.mail_no) in completed[0]["note"]


async def test_while_the_core_system_is_down_the_report_waits_and_is_sent_again(
    http_hall: Hall,
) -> None:
    services = http_hall.server.app.ctx.services
    sandboxes = http_hall.server.app.ctx.sandboxes
    assert sandboxes is not None
    redis = http_hall.server.app.ctx.redis
    async with httpx.AsyncClient(base_url=http_hall.url, timeout=10) as http:
        _, application_id, _ = await delivered_by_ems(http_hall, http)
        await sandboxes.core.fail_next(redis, "delivery", 3)  # the client's every retry
        assert await services.delivery_reports.report_due() == 0
        [report] = await DeliveryReport.all()
        assert report.status is ReportStatus.DUE and report.attempts == 1
        assert report.next_attempt_at > clock.now() and report.last_error
        assert await services.delivery_reports.report_due() == 0  # not before its time

        # Its time comes (the backoff has passed): told, once.
        await DeliveryReport.filter(id=report.id).update(
            next_attempt_at=clock.now() - timedelta(seconds=1)
        )
        assert await services.delivery_reports.report_due() == 1
        await settle(http_hall)
    assert (await Application.get(public_id=application_id)).status.value == "completed"
    assert (await sandboxes.core.requests(redis)).get("delivery") == 4
