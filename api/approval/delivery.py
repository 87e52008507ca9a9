"""Approval, express and payments together (express and payments never import approval, nor
each other: `api.wiring` installs these hooks and jobs).

- A result that goes by EMS is handed to express when it is ready, and the delivery choice
  closes with it. Where the hall charges for the delivery (`ems_delivery_fee_fen`), the fee
  becomes a payment order in that same transaction, and the paid order releases the waybill.
- A result delivered (妥投) is told to the core system once, by a job over express's reports
  (made by the database when the shipment is delivered), retried while it is down.
- A pickup of an application's originals is booked for its owner while it is examined and
  only for an item that asks for originals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.approval import errors
from api.approval.applications import own_application
from api.approval.gateways.core import (
    CoreApproval,
    CoreRefused,
    CoreUnavailable,
    ResultDelivered,
)
from api.approval.models import Application, ApplicationStatus, Delivery, ServiceItem
from api.approval.progress import ResultReadyHook
from api.kit import clock
from auth.models import Person
from express import reports
from express.pickups import Booked, Pickups
from express.shipments import Shipments
from payments.models import PaymentOrder
from payments.service import FeeItemIn, FeeNoticeIn, PaidHook, Payments

S = ApplicationStatus
log = logging.getLogger("yiwang.approval.delivery")

# A delivery fee's notice number: the prefix and the shipment's id (our logistics number), so
# the paid order names the shipment it releases.
FEE_NOTICE_PREFIX = "EMS-"
FEE_ITEM_CODE = "EMS-DELIVERY"
FEE_DUE_DAYS = 15
COURIER = "ems"
# While the hall examines an application its originals may be sent; after the decision (or a
# withdrawal) nobody needs them.
PICKUP_OPEN = frozenset({S.SUBMITTED, S.ACCEPTED, S.CORRECTION_REQUESTED, S.SUPPLEMENTED})
ORIGINAL_FORMS = frozenset({"original", "original_and_copy"})


@dataclass(frozen=True)
class DeliveryFee:
    """What sending a result by EMS costs the citizen (fen; 0 when the hall pays it), and the
    payee (执收单位) and region its payment order names."""

    fen: int
    payee_code: str
    region_code: str


def ship_results_by_ems(
    shipments: Shipments, payments: Payments | None = None, fee: DeliveryFee | None = None
) -> ResultReadyHook:
    """Called inside the transaction that makes the result ready: the shipment is requested,
    its fee (if any) becomes the citizen's payment order, and the delivery choice closes (what
    was chosen is what EMS carries), all or nothing."""
    fee_fen = fee.fen if fee is not None and payments is not None else 0

    async def ship(application: Application) -> None:
        if application.delivery is not Delivery.EMS:
            return
        shipment = await shipments.request_result_delivery(
            application.public_id,
            application.person_id,
            application.address_ref,
            fee_fen=fee_fen,
        )
        if shipment.fee_fen and payments is not None and fee is not None:
            await payments.order_for_fee_notice(
                _fee_notice(shipment.public_id, shipment.fee_fen, fee, application),
                application.person_id,
                application.public_id,
            )
        application.dispatched_at = clock.now()
        await application.save(update_fields=["dispatched_at"])

    return ship


def _fee_notice(
    shipment_id: str, fen: int, fee: DeliveryFee, application: Application
) -> FeeNoticeIn:
    item: ServiceItem = application.item
    return FeeNoticeIn(
        notice_number=FEE_NOTICE_PREFIX + shipment_id,
        payee_code=fee.payee_code,
        region_code=fee.region_code,
        total_fen=fen,
        due_date=clock.local(clock.now()).date() + timedelta(days=FEE_DUE_DAYS),
        items=(FeeItemIn(code=FEE_ITEM_CODE, name="办理结果 EMS 邮寄费", amount_fen=fen),),
        service_name=f"{item.name}（结果邮寄）"[:100],
    )


def release_paid_deliveries(shipments: Shipments) -> PaidHook:
    """Called inside the transaction that makes an order paid: a delivery fee's order lets
    its shipment's waybill be made (the job takes it on its next round)."""

    async def release(order: PaymentOrder) -> None:
        if not order.notice_number.startswith(FEE_NOTICE_PREFIX):
            return
        shipment_id = order.notice_number.removeprefix(FEE_NOTICE_PREFIX)
        await shipments.fee_paid(shipment_id, order.paid_at or clock.now())

    return release


class DeliveryReports:
    """The job that tells the core system of each result delivered, once: a report is due
    from the moment the shipment is delivered (express's row, made by the database), leased
    while it is told, and tried again with backoff while the core system does not answer."""

    def __init__(self, core: CoreApproval) -> None:
        self._core = core

    async def report_due(self, limit: int = 20) -> int:
        """How many the core system took this round."""
        told = 0
        for report in await reports.claim_due(limit):
            application = await Application.get_or_none(public_id=report.application_ref)
            if application is None:
                await reports.refused(report, "no such application")
                continue
            if application.core_ref is None:  # not handed over yet: the sync will
                await reports.later(report, "the application has no case yet")
                continue
            delivered = ResultDelivered(COURIER, report.mail_no, report.delivered_at)
            try:
                await self._core.report_delivery(application.core_ref, delivered)
            except CoreUnavailable as outage:
                await reports.later(report, f"core unavailable: {type(outage).__name__}")
                continue
            except CoreRefused as refused:
                await reports.refused(report, refused.reason)
                continue
            await reports.reported(report)
            told += 1
        return told


class ApplicationPickups:
    """Pickups of an application's originals, booked by its owner."""

    def __init__(self, pickups: Pickups) -> None:
        self._pickups = pickups

    async def book(
        self, person: Person, application_id: str, address_id: str, starts_at: datetime
    ) -> Booked:
        application = await own_application(person, application_id)
        if application.status not in PICKUP_OPEN:
            raise errors.PickupNotOpen("办件已审结或已撤回，无需寄送原件")
        item = await ServiceItem.get(id=application.item_id)
        if not any(spec.get("form") in ORIGINAL_FORMS for spec in item.materials):
            raise errors.PickupNotOpen("该事项不需要提交纸质原件")
        return await self._pickups.book(person, application.public_id, address_id, starts_at)
