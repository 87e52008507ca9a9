"""What express asks of a courier (EMS), whichever client plays it: one protocol, so the
shipments service is written once and the courier is a gateway with a real client and a
sandbox that speaks its wire protocol over loopback HTTP.

Our logistics order number (`logistics_no`, e.g. `shp_…`'s public id) keys every creation:
asked again after a timeout, the courier answers the same waybill or pickup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

# The refusals of `cancel` every courier answers with these codes (see `Courier.cancel`).
ALREADY_PICKED_UP = "ALREADY_PICKED_UP"
ORDER_NOT_FOUND = "ORDER_NOT_FOUND"


class CourierUnavailable(Exception):
    """The courier did not answer in time, could not be reached, answered 5xx or an answer we
    cannot read or verify: an outage (503 with Retry-After to a citizen; a sweep retries)."""


class CourierRefused(Exception):
    """The courier answered and said no; `code` is its own code, `message` its words (never
    personal data)."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(f"{code} {message}".strip())
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Party:
    """A sender or receiver as the courier needs them. Personal data: never logged."""

    name: str
    phone: str
    province_code: str  # GB/T 2260, six digits
    city_code: str
    district_code: str
    address: str  # province, city and district names and the street detail, as one line
    postcode: str = ""


@dataclass(frozen=True)
class WaybillRequest:
    logistics_no: str  # ours: the same number again is the same waybill
    sender: Party
    receiver: Party
    contents: str  # what is inside, e.g. "居民身份证"
    weight_grams: int = 200


@dataclass(frozen=True)
class Waybill:
    logistics_no: str
    mail_no: str  # the courier's mail number (13 digits for domestic EMS)


@dataclass(frozen=True)
class PickupRequest:
    logistics_no: str
    sender: Party  # the citizen, where the courier picks up
    receiver: Party  # the hall
    window_start: datetime
    window_end: datetime
    contents: str


@dataclass(frozen=True)
class Pickup:
    logistics_no: str
    mail_no: str


class Operation(StrEnum):
    """A trace event's kind, in our words; ranked by how far a shipment has come."""

    ACCEPTED = "accepted"  # 收寄
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"  # 派送
    DELIVERED = "delivered"  # 妥投
    DELIVERY_FAILED = "delivery_failed"  # 未妥投
    RETURNED = "returned"


@dataclass(frozen=True)
class TraceEvent:
    """One event of a mail's trace: the key that records it once is
    (mail_no, op_code, op_time, office)."""

    mail_no: str
    op_code: str  # the courier's own operation code
    operation: Operation
    op_time: datetime  # aware
    office: str  # where it happened (营业部/处理中心), no personal data
    description: str


class Courier(Protocol):
    async def create_waybill(self, request: WaybillRequest) -> Waybill: ...

    async def cancel(self, logistics_no: str) -> None:
        """Cancel a waybill or pickup not yet picked up; cancelling a cancelled one is no
        error; one already picked up raises CourierRefused(ALREADY_PICKED_UP), one the courier
        never had CourierRefused(ORDER_NOT_FOUND)."""
        ...

    async def book_pickup(self, request: PickupRequest) -> Pickup:
        """Ask the courier to come for `sender`'s parcel within the window and carry it to
        `receiver`; the pickup order's mail number. Keyed like a waybill: asked again (after
        a lost answer), the same pickup and mail number."""
        ...

    async def trace(self, mail_no: str) -> list[TraceEvent]:
        """Every event of the mail so far, in any order."""
        ...
