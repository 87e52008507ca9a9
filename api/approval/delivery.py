"""Results that go by EMS (express never imports approval: `api.wiring` installs this hook)."""

from __future__ import annotations

from api.approval.models import Application, Delivery
from api.approval.progress import ResultReadyHook
from api.kit import clock
from express.shipments import Shipments


def ship_results_by_ems(shipments: Shipments) -> ResultReadyHook:
    """Called inside the transaction that makes the result ready: the shipment is requested
    and the delivery choice closes with it (what was chosen is what EMS carries)."""

    async def ship(application: Application) -> None:
        if application.delivery is not Delivery.EMS:
            return
        await shipments.request_result_delivery(
            application.public_id, application.person_id, application.address_ref
        )
        application.dispatched_at = clock.now()
        await application.save(update_fields=["dispatched_at"])

    return ship
