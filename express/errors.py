"""Express's errors: what a citizen can run into with their address book."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

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
