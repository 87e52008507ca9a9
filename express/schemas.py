"""Request and answer shapes of the address book and the region picker.

What an address shows, and why (the citizen typed it all, but their screen is seen by others
in a service hall's queue): the recipient's name as `张*三` and the phone as `138****5678`, the
house's masks; the province, city and district in full (public, and what a citizen recognises
an address by); the street detail with every digit masked (`建国路**号院*号楼***`): the street
and the estate tell the citizen which address it is, the building and door numbers, what would
let a shoulder-surfer find the door, stay hidden. The courier gets the opened values server-side
only (`express.addresses.CourierAddress`), never through a response.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from api.kit import clock
from booking.schemas import HallTime, Strict
from express.models import (
    MAX_ADDRESSES,
    Shipment,
    ShipmentKind,
    ShipmentStatus,
    TrackingEvent,
)

CODE = r"^[0-9]{6}$"


class AddressIn(Strict):
    """An address as the citizen enters it (a new one, or all of one they change)."""

    recipient_name: str = Field(min_length=1, max_length=20, examples=["张小三"])
    phone: str = Field(
        min_length=11,
        max_length=20,
        description="中国大陆手机号（11 位，可带 +86），用于邮政投递短信与电话联系",
        examples=["13812345678"],
    )
    province_code: str = Field(pattern=CODE, description="省级行政区划代码", examples=["110000"])
    city_code: str = Field(
        pattern=CODE, description="地级行政区划代码（直辖市为 xx0100）", examples=["110100"]
    )
    district_code: str = Field(
        pattern=CODE,
        description="县级行政区划代码（不设区的地级市为其自身代码，如东莞 441900）",
        examples=["110105"],
    )
    detail: str = Field(
        min_length=2, max_length=120, description="街道门牌等详细地址", examples=["建国路88号"]
    )
    postcode: str = Field(pattern=CODE, description="邮政编码", examples=["100020"])


class NewAddressIn(AddressIn):
    is_default: bool = Field(default=False, description="设为默认地址（第一个地址总是默认地址）")


class AddressOut(BaseModel):
    """An address as the citizen sees it: name, phone and street detail masked."""

    address_id: str = Field(examples=["adr_3kq8x2m4n7p1Xb9QwErTyU"])
    recipient_name: str = Field(description="脱敏姓名", examples=["张*三"])
    phone: str = Field(description="脱敏手机号", examples=["138****5678"])
    province_code: str = Field(examples=["110000"])
    city_code: str = Field(examples=["110100"])
    district_code: str = Field(examples=["110105"])
    province: str = Field(examples=["北京市"])
    city: str = Field(examples=["北京市"])
    district: str = Field(examples=["朝阳区"])
    detail: str = Field(description="详细地址，数字已脱敏", examples=["建国路**号"])
    postcode: str = Field(examples=["100020"])
    is_default: bool


class AddressesOut(BaseModel):
    """The citizen's address book, the default first, then newest first."""

    addresses: list[AddressOut]
    limit: int = Field(default=MAX_ADDRESSES, description="每人最多可保存的地址数")


class RegionsQuery(Strict):
    parent: str | None = Field(
        default=None,
        pattern=CODE,
        description="上级行政区划代码；不填时列出省级行政区",
        examples=["110000"],
    )


class RegionOut(BaseModel):
    code: str = Field(examples=["110105"])
    name: str = Field(examples=["朝阳区"])
    level: Literal["province", "city", "district"]
    leaf: bool = Field(description="没有下级（选到这一级即可）")


class RegionsOut(BaseModel):
    """The children of one region (GB/T 2260 codes), for the address picker."""

    parent: str | None = Field(examples=["110100"])
    regions: list[RegionOut]


class ShipmentOut(BaseModel):
    """A result on its way to the citizen (`result`) or their originals on their way to the
    hall (`pickup`)."""

    shipment_id: str
    kind: ShipmentKind
    application_id: str
    status: ShipmentStatus
    mail_number: str | None = Field(description="EMS's mail number, once it has one")
    address: str | None = Field(
        description="收件（结果）或揽收（原件）地址，已脱敏",
        examples=["张*三 138****5678 北京市北京市朝阳区建国路**号"],
    )
    waiting_for: Literal["address", "payment"] | None = Field(
        description=(
            "What a result waits for before EMS gets it: `address` (choose one: PUT "
            "/api/v1/shipments/{id}/address), `payment` (the delivery fee's order, under "
            "GET /api/v1/me/payments); null when nothing"
        )
    )
    delivery_fee_fen: int = Field(description="邮寄费（分），0 为免费", examples=[0])
    last_event_at: HallTime | None
    created_at: HallTime

    @classmethod
    def of(cls, shipment: Shipment) -> ShipmentOut:
        return cls(
            shipment_id=shipment.public_id,
            kind=shipment.kind,
            application_id=shipment.application_ref,
            status=shipment.status,
            mail_number=shipment.mail_no,
            address=shipment.address_masked,
            waiting_for=waiting_for(shipment),
            delivery_fee_fen=shipment.fee_fen,
            last_event_at=None
            if shipment.last_event_at is None
            else clock.shown(shipment.last_event_at),
            created_at=clock.shown(shipment.created_at),
        )


def waiting_for(shipment: Shipment) -> Literal["address", "payment"] | None:
    if shipment.kind is not ShipmentKind.RESULT or shipment.status is not ShipmentStatus.PENDING:
        return None
    if shipment.address_ref is None:
        return "address"
    if shipment.fee_fen and shipment.fee_paid_at is None:
        return "payment"
    return None


class ChosenAddressIn(Strict):
    address_id: str = Field(
        min_length=4,
        max_length=32,
        description="地址簿中的地址（GET /api/v1/me/addresses）",
        examples=["adr_3kq8x2m4n7p1Xb9QwErTyU"],
    )


class ShipmentsOut(BaseModel):
    shipments: list[ShipmentOut]


class TrackingEventOut(BaseModel):
    operation: str = Field(examples=["in_transit"])
    description: str = Field(examples=["离开处理中心"])
    office: str = Field(examples=["北京邮区中心"])
    at: HallTime

    @classmethod
    def of(cls, event: TrackingEvent) -> TrackingEventOut:
        return cls(
            operation=event.operation,
            description=event.description,
            office=event.office,
            at=clock.shown(event.op_time),
        )


class ShipmentDetailOut(BaseModel):
    """The shipment and its trace, oldest first."""

    shipment: ShipmentOut
    timeline: list[TrackingEventOut]


class EmsAnswer(BaseModel):
    """EMS's answer to its push: `00000` taken; anything else it pushes again."""

    code: str = Field(examples=["00000"])
    codeMessage: str = Field(examples=["成功"])


# -- pickups (上门揽收) ---------------------------------------------------------------------------


class PickupWindowOut(BaseModel):
    starts_at: HallTime
    ends_at: HallTime


class PickupWindowsOut(BaseModel):
    """The two-hour windows EMS can come in, earliest first: inside the hall's opening hours,
    from two hours from now to seven days ahead."""

    hall: str = Field(description="原件送达的大厅", examples=["CIVIC"])
    windows: list[PickupWindowOut]


class PickupIn(Strict):
    address_id: str = Field(
        min_length=4,
        max_length=32,
        description="揽收地址：地址簿中的地址（GET /api/v1/me/addresses）",
        examples=["adr_3kq8x2m4n7p1Xb9QwErTyU"],
    )
    starts_at: HallTime = Field(
        description="揽收时段的开始，须为 GET /api/v1/pickup-windows 列出的时段之一"
    )


class PickupOut(BaseModel):
    """A pickup of an application's originals: EMS comes to the address in the window and
    carries them to the hall. `status` follows EMS (pending: EMS has not confirmed it yet;
    created: booked, with its mail number; accepted: picked up, 收寄)."""

    pickup_id: str = Field(examples=["shp_3kq8x2m4n7p1Xb9QwErTyU"])
    application_id: str
    status: ShipmentStatus
    mail_number: str | None
    hall: str = Field(examples=["CIVIC"])
    window: PickupWindowOut
    address: str | None = Field(description="揽收地址，已脱敏")
    cancellable: bool = Field(description="邮政揽收前可取消")
    cancelled_at: HallTime | None
    created_at: HallTime

    @classmethod
    def of(cls, pickup: Shipment) -> PickupOut:
        assert pickup.window_starts_at is not None and pickup.window_ends_at is not None
        return cls(
            pickup_id=pickup.public_id,
            application_id=pickup.application_ref,
            status=pickup.status,
            mail_number=pickup.mail_no,
            hall=pickup.hall_code or "",
            window=PickupWindowOut(
                starts_at=clock.shown(pickup.window_starts_at),
                ends_at=clock.shown(pickup.window_ends_at),
            ),
            address=pickup.address_masked,
            cancellable=pickup.status in (ShipmentStatus.PENDING, ShipmentStatus.CREATED),
            cancelled_at=None if pickup.cancelled_at is None else clock.shown(pickup.cancelled_at),
            created_at=clock.shown(pickup.created_at),
        )


class PickupsOut(BaseModel):
    pickups: list[PickupOut]


class HallPickupsQuery(Strict):
    date: dt.date = Field(description="大厅日历上的一天", examples=["2026-12-01"])


class HallPickupsOut(BaseModel):
    """The pickups coming to a hall on a day, by window; contact data masked."""

    hall: str
    date: dt.date
    pickups: list[PickupOut]
