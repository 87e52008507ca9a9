"""Express's routes: the citizen's address book and the region picker (the shipments' routes
follow below them).

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
from api.kit.policy import PUBLIC, callback, citizen, requires
from api.kit.settings import Settings
from auth.callers import caller_person
from express import errors, schemas
from express.addresses import Addresses
from express.divisions import divisions
from express.gateways import ems
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
    def settings(self) -> Settings: ...


class ExpressApp(Protocol):
    @property
    def services(self) -> ExpressServices: ...


def addresses_of(source: Request | HasContext) -> Addresses:
    return app_context(source, ExpressApp).services.addresses


def shipments_of(source: Request | HasContext) -> Shipments:
    return app_context(source, ExpressApp).services.shipments


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
