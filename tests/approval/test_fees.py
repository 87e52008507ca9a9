"""A fee notice's order paid through the payments package settles the notice: the application
shows it, its timeline says so, and only then may the result be released (result_ready)."""

from __future__ import annotations

import httpx

from payments.models import OrderStatus, PaymentOrder
from tests.approval.support import Hall, citizen, settle, step, submitted, view
from tests.booking.test_hall import staff_headers


async def test_the_result_is_released_only_once_the_fee_is_paid(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    server = local_hall.server
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        for action in ("accept", "issue_fee_notice", "approve"):
            await step(local_hall, core_ref, action)
        approver = await staff_headers(http, "fee-approver", {"approver"}, None)
        release = f"/api/v1/staff/approval/applications/{application_id}/result_ready"
        early = await http.post(release, json={}, headers=approver)
        assert early.status_code == 409 and early.json()["code"] == "approval.fee_unpaid"

        [order] = await PaymentOrder.filter(application_ref=application_id)
        assert order.service_name  # the citizen sees what the fee is for
        cashier = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        assert cashier.status_code == 200, cashier.text
        sandboxes = server.app.ctx.sandboxes
        assert sandboxes is not None
        await sandboxes.nontax.pay(
            server.app.ctx.redis, payment_code=cashier.json()["payment_code"]
        )
        await sandboxes.nontax.settle()
        assert (await PaymentOrder.get(id=order.id)).status is OrderStatus.PAID

        shown = await view(http, me, application_id)
        assert shown["fee_notices"][0]["paid_at"] is not None
        assert "fee_paid" in [entry["status"] for entry in shown["timeline"]]
        released = await http.post(release, json={}, headers=approver)
        assert released.status_code == 200, released.text
        await settle(local_hall)
        assert (await view(http, me, application_id))["status"] == "result_ready"
