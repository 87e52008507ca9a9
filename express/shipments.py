"""Shipments and their trace: EMS's pushes and the sweep's trace queries applied to them.

Every event is recorded once (mail number, operation code, time, office: the unique index),
under the shipment's row lock, and the shipment's status is then derived from all its events
(`express.tracking`): so a push that arrives twice, late or out of order changes nothing it
should not, and delivered is never taken back. The citizen is told when the result leaves,
goes out for delivery, is delivered or fails, each once per shipment and status.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.expressions import Q

from api.kit import clock
from api.kit.db import rows_of, transaction
from api.kit.ids import is_public_id, new_public_id
from auth.models import Person
from express import errors
from express.addresses import Addresses, masked_label
from express.gateways.courier import (
    Courier,
    CourierRefused,
    CourierUnavailable,
    Operation,
    Party,
    TraceEvent,
    WaybillRequest,
)
from express.models import Shipment, ShipmentKind, ShipmentStatus, TrackingEvent
from express.schemas import AddressOut
from express.tracking import status_of, timeline
from notify.service import Notifier

QUIET = timedelta(hours=24)  # a shipment with no news this long is asked about
FINAL = frozenset({ShipmentStatus.DELIVERED, ShipmentStatus.CANCELLED})
# What the citizen is told, by the status a result delivery reached.
_TOLD = {
    ShipmentStatus.ACCEPTED: "express.shipped",
    ShipmentStatus.OUT_FOR_DELIVERY: "express.out_for_delivery",
    ShipmentStatus.DELIVERED: "express.delivered",
    ShipmentStatus.DELIVERY_FAILED: "express.failed",
}
log = logging.getLogger("yiwang.express.shipments")


@dataclass(frozen=True)
class TraceApplied:
    """What a batch of trace events did: stable figures for the log and the tests."""

    recorded: int  # events new to us
    repeated: int  # events we had already
    unknown: int  # events of a mail number that is none of our shipments


@dataclass(frozen=True)
class ShipmentView:
    shipment: Shipment
    events: list[TrackingEvent]


class Shipments:
    def __init__(
        self,
        courier: Courier,
        notifier: Notifier | None = None,
        *,
        addresses: Addresses | None = None,
        hall: Party | None = None,
    ) -> None:
        self._courier = courier
        self._notifier = notifier
        self._addresses = addresses
        self._hall = hall  # the sender of results

    async def request_result_delivery(
        self,
        application_ref: str,
        person_id: int,
        address_ref: str | None,
        *,
        fee_fen: int = 0,
    ) -> Shipment:
        """The result of an application to go by EMS: recorded (once per application, inside
        the caller's transaction); the waybill job hands it to the courier once it has an
        address of the book and, when it costs `fee_fen`, once that is paid (`fee_paid`).
        Without an address (the citizen typed one, or the one chosen is gone from the book)
        the citizen is told to choose one (`choose_address`)."""
        person = await Person.get(id=person_id)
        shown = await self._shown_address(person, address_ref)
        shipment, made = await Shipment.get_or_create(
            application_ref=application_ref,
            kind=ShipmentKind.RESULT,
            defaults={
                "public_id": new_public_id("shp"),
                "person_id": person_id,
                "address_ref": shown.address_id if shown else None,
                "address_masked": masked_label(shown) if shown else None,
                "fee_fen": fee_fen,
                "created_at": clock.now(),  # business time, as every instant a citizen reads
            },
        )
        if made and shown is None:
            await self._ask_for_address(shipment, "typed")
        return shipment

    async def fee_paid(self, shipment_id: str, paid_at: datetime) -> bool:
        """The delivery fee of a result was paid (payments' paid hook, in its transaction):
        the waybill job may take it. False when there is no such fee to settle."""
        settled = await Shipment.filter(
            public_id=shipment_id, kind=ShipmentKind.RESULT, fee_fen__gt=0, fee_paid_at=None
        ).update(fee_paid_at=paid_at)
        return settled > 0

    async def choose_address(self, person: Person, shipment_id: str, address_id: str) -> Shipment:
        """The address a result waiting for one goes to: one of the person's book. Chosen
        once: a shipment with an address may be in the courier's hands already."""
        shipment = await self._own(person, shipment_id)
        shown = await self._shown_address(person, address_id)
        if shown is None:
            raise errors.AddressNotFound()
        chosen = await Shipment.filter(
            id=shipment.id,
            kind=ShipmentKind.RESULT,
            status=ShipmentStatus.PENDING,
            address_ref=None,
        ).update(address_ref=shown.address_id, address_masked=masked_label(shown))
        if not chosen:
            raise errors.ShipmentAddressFixed()
        return await Shipment.get(id=shipment.id)

    async def create_waybills(self, limit: int = 20) -> int:
        """The job: results waiting for their waybill get one from the courier (keyed by the
        shipment's id, so a retry after a lost answer is the same waybill). A result waits
        while it has no address, and while its delivery fee is unpaid."""
        waiting = (
            await Shipment.filter(
                Q(fee_fen=0) | Q(fee_paid_at__isnull=False),
                kind=ShipmentKind.RESULT,
                status=ShipmentStatus.PENDING,
                address_ref__isnull=False,
            )
            .order_by("created_at")
            .limit(limit)
        )
        made = 0
        for shipment in waiting:
            try:
                request = await self._waybill_for(shipment)
            except errors.AddressNotFound:
                await self._address_gone(shipment)
                continue
            try:
                waybill = await self._courier.create_waybill(request)
            except CourierUnavailable:
                return made  # the next tick tries again
            except CourierRefused as refused:
                log.warning("EMS refused a waybill", extra={"code": refused.code[:32]})
                continue
            await Shipment.filter(id=shipment.id, status=ShipmentStatus.PENDING).update(
                status=ShipmentStatus.CREATED, mail_no=waybill.mail_no
            )
            made += 1
        return made

    async def _waybill_for(self, shipment: Shipment) -> WaybillRequest:
        if self._addresses is None or self._hall is None or shipment.address_ref is None:
            raise CourierRefused("NO_ADDRESS", "no address or sender")
        person = await Person.get(id=shipment.person_id)
        to = await self._addresses.open_for_courier(person, shipment.address_ref)
        receiver = Party(
            name=to.recipient_name,
            phone=to.phone,
            province_code=to.province_code,
            city_code=to.city_code,
            district_code=to.district_code,
            address=to.full_address,
            postcode=to.postcode,
        )
        return WaybillRequest(shipment.public_id, self._hall, receiver, "政务服务办理结果")

    async def _shown_address(self, person: Person, address_id: str | None) -> AddressOut | None:
        """The person's address as they see it, or None: none named, or none such (gone)."""
        if address_id is None or self._addresses is None:
            return None
        try:
            return await self._addresses.get(person, address_id)
        except errors.AddressNotFound:
            return None

    async def _address_gone(self, shipment: Shipment) -> None:
        """The address chosen for a result was deleted from the book before its waybill: the
        shipment waits for another, and the citizen is asked for it."""
        async with transaction():  # asked if and only if it waits
            cleared = await Shipment.filter(
                id=shipment.id, status=ShipmentStatus.PENDING, address_ref=shipment.address_ref
            ).update(address_ref=None, address_masked=None)
            if cleared:
                await self._ask_for_address(shipment, f"gone:{shipment.address_ref}")

    async def _ask_for_address(self, shipment: Shipment, why: str) -> None:
        if self._notifier is None:
            return
        await self._notifier.publish(
            "express.address_needed",
            dedupe_key=f"shipment:{shipment.public_id}:address_needed:{why}",
            data={"shipment_id": shipment.public_id},
            person_id=shipment.person_id,
        )

    async def _own(self, person: Person, shipment_id: str) -> Shipment:
        if not is_public_id(shipment_id, "shp"):
            raise errors.ShipmentNotFound()
        shipment = await Shipment.get_or_none(public_id=shipment_id, person_id=person.id)
        if shipment is None:
            raise errors.ShipmentNotFound()
        return shipment

    async def my_shipments(self, person: Person) -> list[Shipment]:
        """The person's shipments, newest first."""
        return await Shipment.filter(person_id=person.id).order_by("-created_at", "-id")

    async def my_shipment(self, person: Person, public_id: str) -> ShipmentView:
        """One of the person's shipments with its timeline (oldest first); another person's
        is not found, as a missing one."""
        shipment = await Shipment.get_or_none(public_id=public_id, person_id=person.id)
        if shipment is None:
            raise errors.ShipmentNotFound()
        events = await TrackingEvent.filter(shipment_id=shipment.id).order_by("op_time", "id")
        ordered = timeline(_as_trace(event) for event in events)
        by_key = {(e.op_code, e.op_time, e.office): e for e in events}
        return ShipmentView(shipment, [by_key[(t.op_code, t.op_time, t.office)] for t in ordered])

    async def apply_trace(self, events: Sequence[TraceEvent]) -> TraceApplied:
        """Record the events once each and move their shipments by them; a mail number that
        is none of ours is acknowledged (EMS would only push it again) and logged."""
        by_mail: dict[str, list[TraceEvent]] = defaultdict(list)
        for event in events:
            by_mail[event.mail_no].append(event)
        recorded = repeated = unknown = 0
        for mail_no, mail_events in by_mail.items():
            new = await self._apply_mail(mail_no, mail_events)
            if new is None:
                unknown += len(mail_events)
                continue
            recorded += new
            repeated += len(mail_events) - new
        return TraceApplied(recorded, repeated, unknown)

    async def check_quiet(self, limit: int = 50) -> int:
        """The sweep: shipments under way with no news for a day are traced at the courier
        (each asked at most once a day); what it answers is applied as a push would be."""
        now = clock.now()
        not_asked_today = Q(checked_at__isnull=True) | Q(checked_at__lte=now - QUIET)
        quiet = (
            await Shipment.filter(
                not_asked_today,
                mail_no__isnull=False,
                status__not_in=list(FINAL),
                updated_at__lte=now - QUIET,
            )
            .order_by("updated_at")
            .limit(limit)
        )
        moved = 0
        for shipment in quiet:
            assert shipment.mail_no is not None
            await Shipment.filter(id=shipment.id).update(checked_at=now)
            try:
                events = await self._courier.trace(shipment.mail_no)
            except (CourierUnavailable, CourierRefused) as failure:
                log.warning("trace query failed", extra={"failure": type(failure).__name__})
                continue
            moved += (await self.apply_trace(events)).recorded > 0
        return moved

    async def _apply_mail(self, mail_no: str, events: list[TraceEvent]) -> int | None:
        """How many of the events were new; None when the mail is none of ours."""
        async with transaction():
            locked = await rows_of(_LOCK, [mail_no])
            if not locked:
                log.info("trace of a mail that is none of ours", extra={"events": len(events)})
                return None
            shipment = _Locked.of(locked[0], mail_no)
            rows = await rows_of(_RECORD_AND_READ, _record_parameters(shipment, events))
            new = sum(1 for row in rows if row["new"])
            if new:
                await self._follow(shipment, [_trace_of(mail_no, row) for row in rows])
        return new

    async def _follow(self, shipment: _Locked, trace: list[TraceEvent]) -> None:
        """The shipment's status from all its events; the citizen told of a new one."""
        operation = status_of(trace)
        if operation is None or shipment.status in FINAL:
            return
        status = ShipmentStatus(operation.value)
        last_event_at = max(event.op_time for event in trace)
        await rows_of(_MOVE, [status.value, last_event_at, clock.now(), shipment.id])
        if status is not shipment.status:
            await self._tell(shipment, status)

    async def _tell(self, shipment: Shipment | _Locked, status: ShipmentStatus) -> None:
        event_type = _TOLD.get(status)
        if self._notifier is None or event_type is None or shipment.kind is not ShipmentKind.RESULT:
            return
        data: dict[str, object] = {"mail_number": shipment.mail_no or ""}
        if status is ShipmentStatus.DELIVERY_FAILED:
            data["reason"] = "未妥投，邮政将再次投递或联系您"
        await self._notifier.publish(
            event_type,
            dedupe_key=f"shipment:{shipment.public_id}:{status.value}",
            data=data,
            person_id=shipment.person_id,
        )


# The trace's statements, by hand: a push is applied on every delivery EMS makes, and building
# these through the ORM cost more than running them.
#
# The shipment, locked for the trace's transaction (every writer of its events takes this lock
# first, so the statements after it see every event recorded before): the columns applying a
# trace reads.
_LOCK = "SELECT id, kind, status, person_id, public_id FROM shipment WHERE mail_no = $1 FOR UPDATE"
# The events recorded once each (the unique index: a repeat inserts nothing) and the mail's
# whole trace, in one statement: the rows it inserted, marked new, beside those recorded before
# it (a data-modifying CTE's rows are not in its own statement's snapshot, so each row is read
# once). The trace is read by mail number, which the unique index leads with.
_RECORD_AND_READ = """
WITH new AS (
    INSERT INTO tracking_event (shipment_id, mail_no, op_code, operation, op_time, office,
                                description, received_at)
    SELECT $1, $2, e.op_code, e.operation, e.op_time, e.office, e.description, $8
      FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
           AS e (op_code, operation, op_time, office, description)
    ON CONFLICT DO NOTHING
    RETURNING op_code, operation, op_time, office, description
)
SELECT op_code, operation, op_time, office, description, true AS new FROM new
UNION ALL
SELECT op_code, operation, op_time, office, description, false AS new
  FROM tracking_event WHERE mail_no = $2
"""
_MOVE = "UPDATE shipment SET status = $1, last_event_at = $2, updated_at = $3 WHERE id = $4"


@dataclass(frozen=True)
class _Locked:
    """The locked shipment's columns a trace needs."""

    id: int
    kind: ShipmentKind
    status: ShipmentStatus
    person_id: int
    public_id: str
    mail_no: str

    @classmethod
    def of(cls, row: dict[str, Any], mail_no: str) -> _Locked:
        return cls(
            id=int(row["id"]),
            kind=ShipmentKind(row["kind"]),
            status=ShipmentStatus(row["status"]),
            person_id=int(row["person_id"]),
            public_id=str(row["public_id"]),
            mail_no=mail_no,
        )


def _record_parameters(shipment: _Locked, events: list[TraceEvent]) -> list[object]:
    return [
        shipment.id,
        shipment.mail_no,
        [event.op_code for event in events],
        [event.operation.value for event in events],
        [event.op_time for event in events],
        [event.office for event in events],
        [event.description[:200] for event in events],
        clock.now(),
    ]


def _trace_of(mail_no: str, row: dict[str, Any]) -> TraceEvent:
    return TraceEvent(
        mail_no=mail_no,
        op_code=row["op_code"],
        operation=Operation(row["operation"]),
        op_time=row["op_time"],
        office=row["office"],
        description=row["description"],
    )


def _as_trace(event: TrackingEvent) -> TraceEvent:
    return TraceEvent(
        mail_no=event.mail_no,
        op_code=event.op_code,
        operation=Operation(event.operation),
        op_time=event.op_time,
        office=event.office,
        description=event.description,
    )
