"""Express's routes: the citizen's address book and the region picker (the shipments' routes
follow below them).

The address book is a level-1 citizen's: it holds only what the citizen typed themselves and
shows it back masked, so an account signed in by phone alone learns nothing from it; what it is
for, an EMS delivery of an application's result, is gated by the shipment's own route (the
application's owner, at the level the application needs). The region list is public data
(GB/T 2260) and public here, cacheable, for the mini-program's picker.
"""

from __future__ import annotations

from typing import Protocol

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from api.kit.context import HasContext, app_context
from api.kit.declare import NO_BODY, NoContent, declare
from api.kit.policy import PUBLIC, citizen, requires
from auth.callers import caller_person
from express import errors, schemas
from express.addresses import Addresses
from express.divisions import divisions

bp = Blueprint("express")

ADDRESS_REFUSALS = [errors.AddressInvalid, errors.RegionUnknown]


class ExpressServices(Protocol):
    @property
    def addresses(self) -> Addresses: ...


class ExpressApp(Protocol):
    @property
    def services(self) -> ExpressServices: ...


def addresses_of(source: Request | HasContext) -> Addresses:
    return app_context(source, ExpressApp).services.addresses


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
