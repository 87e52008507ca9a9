"""Express's routes: the citizen's address book and the region picker, the shipments, the
pickups (booked from the application: `api.approval.routes`) and what a hall has coming.

The address book is a level-1 citizen's: it holds only what the citizen typed themselves and
shows it back masked, so an account signed in by phone alone learns nothing from it; what it is
for, an EMS delivery of an application's result, is gated by the shipment's own route (the
application's owner, at the level the application needs). The region list is public data
(GB/T 2260) and public here, cacheable, for the mini-program's picker.
"""

from __future__ import annotations

import json
from typing import Protocol

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, raw

from api.kit.context import HasContext, app_context
from api.kit.declare import JSON, NO_BODY, NoContent, RawBody, declare
from api.kit.policy import PUBLIC, callback, caller_of, citizen, requires, staff
from api.kit.settings import Settings
from auth.callers import caller_person
from booking import errors as booking_errors
from booking import hall as booking_hall
from express import errors, schemas
from express.addresses import Addresses
from express.divisions import divisions
from express.gateways import ems
from express.pickups import Pickups
from express.shipments import Shipments

bp = Blueprint("express")
callbacks_bp = Blueprint("express_callbacks", url_prefix="/callbacks/express")
EMS_PUSH = RawBody(
    (JSON,),
    "EMS 轨迹推送：{logitcsInterface (SM4 密文), method 040002, senderNo, serialNo, timeStamp, "
    "dataDigest}，见 miniprogram_contract/EMS.md",
)

ADDRESS_REFUSALS = [errors.AddressInvalid, errors.RegionUnknown]


class ExpressServices(Protocol):
    @property
    def addresses(self) -> Addresses: ...

    @property
    def shipments(self) -> Shipments: ...

    @property
    def pickups(self) -> Pickups: ...

    @property
    def settings(self) -> Settings: ...


class ExpressApp(Protocol):
    @property
    def services(self) -> ExpressServices: ...


def addresses_of(source: Request | HasContext) -> Addresses:
    return app_context(source, ExpressApp).services.addresses


def shipments_of(source: Request | HasContext) -> Shipments:
    return app_context(source, ExpressApp).services.shipments


def pickups_of(source: Request | HasContext) -> Pickups:
    return app_context(source, ExpressApp).services.pickups


# -- the region picker --------------------------------------------------------------------------


@bp.get("/regions")
@requires(PUBLIC)
@declare(
    "行政区划列表（地址选择器）",
    query=schemas.RegionsQuery,
    responses={200: schemas.RegionsOut},
    errors=[errors.RegionUnknown],
    response_headers={"Cache-Control": "public, max-age=86400"},
)
async def regions(request: Request, query: schemas.RegionsQuery) -> schemas.RegionsOut:
    """Without `parent`, the provinces; with a province's code, its prefecture-level cities
    (a municipality's `市辖区` row shown by the municipality's name); with a city's, its
    county-level districts. A city that is a leaf (东莞 441900) is its own district code."""
    table = divisions()
    children = table.children_of(query.parent)
    return schemas.RegionsOut(
        parent=query.parent,
        regions=[
            schemas.RegionOut(
                code=region.code,
                name=region.name,
                level=region.level,
                leaf=not table.children.get(region.code),
            )
            for region in children
        ],
    )


# -- the citizen's address book -----------------------------------------------------------------


@bp.get("/me/addresses")
@requires(citizen(1))
@declare("我的收货地址", responses={200: schemas.AddressesOut})
async def my_addresses(request: Request) -> schemas.AddressesOut:
    """The default first, then newest first; names, phones and door numbers masked."""
    book = await addresses_of(request).list_for(await caller_person(request))
    return schemas.AddressesOut(addresses=book)


@bp.post("/me/addresses")
@requires(citizen(1))
@declare(
    "新增收货地址",
    body=schemas.NewAddressIn,
    responses={201: schemas.AddressOut},
    errors=[*ADDRESS_REFUSALS, errors.AddressBookFull],
)
async def add_address(request: Request, body: schemas.NewAddressIn) -> schemas.AddressOut:
    """The first address, or one sent with `is_default`, becomes the default. At most 20."""
    return await addresses_of(request).create(
        await caller_person(request), body, make_default=body.is_default
    )


@bp.get("/me/addresses/<address_id:ref>")
@requires(citizen(1))
@declare("我的一个收货地址", responses={200: schemas.AddressOut}, errors=[errors.AddressNotFound])
async def my_address(request: Request, address_id: str) -> schemas.AddressOut:
    """Another citizen's address is not found, as one that does not exist."""
    return await addresses_of(request).get(await caller_person(request), address_id)


@bp.put("/me/addresses/<address_id:ref>")
@requires(citizen(1))
@declare(
    "修改收货地址",
    body=schemas.AddressIn,
    responses={200: schemas.AddressOut},
    errors=[errors.AddressNotFound, *ADDRESS_REFUSALS],
)
async def change_address(
    request: Request, address_id: str, body: schemas.AddressIn
) -> schemas.AddressOut:
    """Every field is sent again (the masked answer cannot be sent back as it is); whether
    it is the default does not change here."""
    return await addresses_of(request).update(await caller_person(request), address_id, body)


@bp.delete("/me/addresses/<address_id:ref>")
@requires(citizen(1))
@declare(
    "删除收货地址",
    responses={204: NoContent("已删除；删除默认地址时，最新的其余地址成为默认地址")},
    errors=[errors.AddressNotFound],
)
async def remove_address(request: Request, address_id: str) -> HTTPResponse:
    await addresses_of(request).delete(await caller_person(request), address_id)
    return HTTPResponse(status=204)


@bp.post("/me/addresses/<address_id:ref>/default")
@requires(citizen(1))
@declare(
    "设为默认收货地址",
    body=NO_BODY,
    responses={200: schemas.AddressOut},
    errors=[errors.AddressNotFound],
)
async def make_default(request: Request, address_id: str) -> schemas.AddressOut:
    return await addresses_of(request).set_default(await caller_person(request), address_id)


# -- shipments ----------------------------------------------------------------------------------


@bp.get("/me/shipments")
@requires(citizen(1))
@declare("我的邮件（结果寄递与上门揽收）", responses={200: schemas.ShipmentsOut})
async def my_shipments(request: Request) -> schemas.ShipmentsOut:
    shipments = await shipments_of(request).my_shipments(await caller_person(request))
    return schemas.ShipmentsOut(shipments=[schemas.ShipmentOut.of(s) for s in shipments])


@bp.get("/shipments/<shipment_id:ref>")
@requires(citizen(1))
@declare(
    "邮件详情与轨迹",
    responses={200: schemas.ShipmentDetailOut},
    errors=[errors.ShipmentNotFound],
)
async def my_shipment(request: Request, shipment_id: str) -> schemas.ShipmentDetailOut:
    """The trace oldest first, each event once; another citizen's shipment is not found."""
    view = await shipments_of(request).my_shipment(await caller_person(request), shipment_id)
    return schemas.ShipmentDetailOut(
        shipment=schemas.ShipmentOut.of(view.shipment),
        timeline=[schemas.TrackingEventOut.of(event) for event in view.events],
    )


@bp.put("/shipments/<shipment_id:ref>/address")
@requires(citizen(1))
@declare(
    "为待寄的结果选择收件地址",
    body=schemas.ChosenAddressIn,
    responses={200: schemas.ShipmentOut},
    errors=[errors.ShipmentNotFound, errors.AddressNotFound, errors.ShipmentAddressFixed],
)
async def choose_shipment_address(
    request: Request, shipment_id: str, body: schemas.ChosenAddressIn
) -> schemas.ShipmentOut:
    """For a result whose `waiting_for` is `address` (the address was typed at submission, or
    the one chosen was deleted from the book): one of the citizen's book; its waybill follows
    within a minute."""
    shipment = await shipments_of(request).choose_address(
        await caller_person(request), shipment_id, body.address_id
    )
    return schemas.ShipmentOut.of(shipment)


# -- pickups (上门揽收) ---------------------------------------------------------------------------


@bp.get("/pickup-windows")
@requires(PUBLIC)
@declare("可预约的上门揽收时段", responses={200: schemas.PickupWindowsOut})
async def pickup_windows(request: Request) -> schemas.PickupWindowsOut:
    """Two-hour windows of the hall's opening hours, from two hours from now to seven days
    ahead: book one with `POST /api/v1/applications/{id}/pickups`."""
    pickups = pickups_of(request)
    windows = await pickups.windows()
    return schemas.PickupWindowsOut(
        hall=pickups.hall_code,
        windows=[
            schemas.PickupWindowOut(starts_at=w.starts_at, ends_at=w.ends_at) for w in windows
        ],
    )


@bp.get("/me/pickups")
@requires(citizen(1))
@declare("我的上门揽收预约", responses={200: schemas.PickupsOut})
async def my_pickups(request: Request) -> schemas.PickupsOut:
    mine = await pickups_of(request).mine(await caller_person(request))
    return schemas.PickupsOut(pickups=[schemas.PickupOut.of(pickup) for pickup in mine])


@bp.get("/pickups/<pickup_id:ref>")
@requires(citizen(1))
@declare("上门揽收预约详情", responses={200: schemas.PickupOut}, errors=[errors.PickupNotFound])
async def my_pickup(request: Request, pickup_id: str) -> schemas.PickupOut:
    """Its trace, once picked up, is the shipment's: `GET /api/v1/shipments/{pickup_id}`."""
    pickup = await pickups_of(request).one_of_mine(await caller_person(request), pickup_id)
    return schemas.PickupOut.of(pickup)


@bp.post("/pickups/<pickup_id:ref>/cancel")
@requires(citizen(1))
@declare(
    "取消上门揽收",
    body=NO_BODY,
    responses={200: schemas.PickupOut},
    errors=[
        errors.PickupNotFound,
        errors.PickupCollected,
        errors.CourierRefusal,
        errors.CourierUnavailable,
    ],
)
async def cancel_pickup(request: Request, pickup_id: str) -> schemas.PickupOut:
    """Before EMS picks the parcel up; cancelling again answers the cancelled pickup."""
    pickup = await pickups_of(request).cancel(await caller_person(request), pickup_id)
    return schemas.PickupOut.of(pickup)


@bp.get("/staff/halls/<hall_code:ref>/pickups")
@requires(staff("clerk", "hall_admin"))
@declare(
    "大厅某日的上门揽收",
    query=schemas.HallPickupsQuery,
    responses={200: schemas.HallPickupsOut},
    errors=[booking_errors.HallNotFound],
)
async def hall_pickups(
    request: Request, hall_code: str, query: schemas.HallPickupsQuery
) -> schemas.HallPickupsOut:
    """What EMS brings to the hall that day, by window, cancelled ones included; names,
    phones and door numbers masked. Staff bound to another hall get 404."""
    scope = caller_of(request).extra.get("hall_code")
    hall = await booking_hall.hall_by_code(hall_code, scope if isinstance(scope, str) else None)
    coming = await pickups_of(request).for_hall(hall, query.date)
    return schemas.HallPickupsOut(
        hall=hall.code, date=query.date, pickups=[schemas.PickupOut.of(p) for p in coming]
    )


# -- EMS's tracking pushes ----------------------------------------------------------------------


@callbacks_bp.post("/ems")
@requires(callback(ems.SOURCE))
@declare(
    "EMS 轨迹推送",
    body=EMS_PUSH,
    responses={200: schemas.EmsAnswer},
    failure=schemas.EmsAnswer,
)
async def ems_push(request: Request) -> HTTPResponse:
    """Verified before the route (the digest with our key, ±300 s, the serial once, the
    payload opens); each event recorded once and its shipment moved by its whole trace, in
    one transaction per mail. A mail that is none of ours is acknowledged and logged."""
    push = ems.verified_push(request)
    await shipments_of(request).apply_trace(ems.parse_push(push))
    return raw(ems.SUCCESS_ANSWER.encode(), status=200, content_type=JSON)


@callbacks_bp.exception(Exception)
def _ems_failure(request: Request, exception: Exception) -> HTTPResponse:
    """Any failure in EMS's format (it pushes again), built by the app's handler first (the
    log, the outage count), then said the way EMS reads it."""
    problem: HTTPResponse = request.app.error_handler.default(request, exception)
    detail = json.loads(problem.body or b"{}").get("detail") or "处理失败"
    headers = {k: v for k, v in problem.headers.items() if k.lower() != "content-type"}
    return raw(
        ems.failure_answer(detail).encode(),
        status=problem.status,
        headers=headers,
        content_type=JSON,
    )
