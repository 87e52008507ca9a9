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
            last_event_at=None
            if shipment.last_event_at is None
            else clock.shown(shipment.last_event_at),
            created_at=clock.shown(shipment.created_at),
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
