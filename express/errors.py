"""Express's errors: what a citizen can run into with their address book, their shipments
and their pickups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from api.kit.errors import DomainError


class ExpressError(DomainError):
    """Any express failure."""


class RegionUnknown(ExpressError):
    code = "express.region_unknown"
    status = 422
    title = "行政区划代码无效"
    when = (
        "A province, city or district code is not in the national administrative-division "
        "list (GB/T 2260), or does not belong to the level above it; the detail names the level."
    )
    # the level refused: province | city | district | parent
    extensions: ClassVar[Mapping[str, object]] = {"level": "district"}


class AddressNotFound(ExpressError):
    code = "express.address_not_found"
    status = 404
    title = "收货地址不存在"
    when = "No address with that id, or it is another person's."


class AddressBookFull(ExpressError):
    code = "express.address_book_full"
    status = 409
    title = "收货地址已达上限"
    when = "The person already keeps the most addresses allowed (20); delete one first."


class AddressInvalid(ExpressError):
    code = "express.address_invalid"
    status = 422
    title = "收货地址信息有误"
    when = (
        "The recipient's name (1-20 characters), mobile number (mainland, 11 digits), street "
        "detail (2-120 characters) or postcode (6 digits) does not fit; the detail says which."
    )
    extensions: ClassVar[Mapping[str, object]] = {"field": "phone"}


class ShipmentNotFound(ExpressError):
    code = "express.shipment_not_found"
    status = 404
    title = "邮件不存在"
    when = "No shipment with that id, or it is another person's."


class ShipmentAddressFixed(ExpressError):
    code = "express.shipment_address_fixed"
    status = 409
    title = "邮件的收件地址已确定"
    when = (
        "An address is chosen here only for a result that waits for one (`waiting_for` is "
        "`address`); once it has one, EMS may have it already. Before the result is ready, "
        "change the application's delivery instead."
    )


class PickupNotFound(ExpressError):
    code = "express.pickup_not_found"
    status = 404
    title = "上门揽收预约不存在"
    when = "No pickup with that id, or it is another person's."


class PickupWindowInvalid(ExpressError):
    code = "express.pickup_window_invalid"
    status = 422
    title = "该揽收时段不可预约"
    when = (
        "The window is not one EMS can come in: pickups are booked in the two-hour windows "
        "of the hall's opening hours, starting at least two hours from now and at most seven "
        "days ahead (GET /api/v1/pickup-windows lists them)."
    )


class PickupAlreadyBooked(ExpressError):
    code = "express.pickup_already_booked"
    status = 409
    title = "该办件已预约上门揽收"
    when = (
        "The application has a pickup booked and not yet cancelled or delivered (one at a "
        "time); `pickup_id` names it. The same booking sent again answers that pickup instead."
    )
    extensions: ClassVar[Mapping[str, object]] = {"pickup_id": "shp_3kq8x2m4n7p1Xb9QwErTyU"}


class PickupCollected(ExpressError):
    code = "express.pickup_collected"
    status = 409
    title = "邮政已揽收，不能取消"
    when = "The courier has picked the parcel up (收寄): a pickup is cancelled only before."


class CourierRefusal(ExpressError):
    code = "express.courier_refused"
    status = 422
    title = "邮政未受理该请求"
    when = (
        "EMS answered and said no (for example an address it does not serve); the detail "
        "gives EMS's code. A pickup EMS refused is cancelled: book another."
    )


class CourierUnavailable(ExpressError):
    code = "express.courier_unavailable"
    status = 503
    title = "邮政系统暂时不可用，请稍后再试"
    when = "EMS did not answer in time; Retry-After says when to try again."
    RETRY_AFTER_SECONDS = 30

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail, headers={"Retry-After": str(self.RETRY_AFTER_SECONDS)}, **extra)
