"""The citizen's address book over a live server: kept sealed, shown masked, one's own only,
regions checked, at most 20, one default, moved on a merge and erased on deletion."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from api.kit.db import transaction
from api.kit.ids import new_public_id
from auth.audit import Origin
from auth.merge import merge_persons
from auth.models import Person
from express.addresses import mask_detail, normalised_phone
from express.models import MAX_ADDRESSES, Address
from tests.conftest import LiveServer

PHONE = "13812345678"
BEIJING = {"province_code": "110000", "city_code": "110100", "district_code": "110105"}
FUZHOU = {"province_code": "350000", "city_code": "350100", "district_code": "350102"}


def services(server: LiveServer) -> Any:
    return server.app.ctx.services


async def citizen(server: LiveServer, level: int = 1) -> tuple[Person, dict[str, str]]:
    from auth.sessions import Origin as SessionOrigin

    person = await Person.create(public_id=new_public_id("per"), level=level)
    pair = await services(server).identity.sessions.start_session(
        person, SessionOrigin(channel="mp")
    )
    return person, {"Authorization": f"Bearer {pair.access_token}"}


def entry(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "recipient_name": "张小三",
        "phone": PHONE,
        **FUZHOU,
        "detail": "鼓屏路88号3号楼501室",
        "postcode": "350001",
    }
    return {**body, **changes}


async def add(http: httpx.AsyncClient, me: dict[str, str], **changes: Any) -> httpx.Response:
    return await http.post("/api/v1/me/addresses", json=entry(**changes), headers=me)


async def seed(person: Person, server: LiveServer, count: int) -> None:
    """`count` addresses made through the service (faster than the route)."""
    from express.schemas import AddressIn

    book = services(server).addresses
    for n in range(count):
        await book.create(person, AddressIn(**entry(detail=f"鼓屏路{n}号")))


# -- creating, reading, masking ----------------------------------------------------------------


async def test_an_address_is_kept_sealed_and_shown_masked(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        made = await add(http, me, phone="+86 138-1234-5678")
        assert made.status_code == 201, made.text
        shown = made.json()
        assert shown["address_id"].startswith("adr_")
        assert shown["recipient_name"] == "张*三" and shown["phone"] == "138****5678"
        assert shown["detail"] == "鼓屏路**号*号楼***室"
        assert (shown["province"], shown["city"], shown["district"]) == (
            "福建省",
            "福州市",
            "鼓楼区",
        )
        assert shown["postcode"] == "350001" and shown["is_default"] is True
        listed = (await http.get("/api/v1/me/addresses", headers=me)).json()
        assert listed["limit"] == MAX_ADDRESSES and listed["addresses"] == [shown]
        one = await http.get(f"/api/v1/me/addresses/{shown['address_id']}", headers=me)
        assert one.json() == shown
    row = await Address.get(public_id=shown["address_id"])
    for sealed in (row.name_sealed, row.phone_sealed, row.detail_sealed):
        assert "张小三" not in sealed and PHONE not in sealed and "鼓屏路" not in sealed
    courier = await services(server).addresses.open_for_courier(person, shown["address_id"])
    assert (courier.recipient_name, courier.phone) == ("张小三", PHONE)
    assert courier.full_address == "福建省福州市鼓楼区鼓屏路88号3号楼501室"
    assert PHONE not in repr(courier) and "张小三" not in repr(courier)


async def test_a_municipality_address(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        made = await add(http, me, **BEIJING, postcode="100020", detail="建国路88号")
    assert made.status_code == 201, made.text
    assert (made.json()["province"], made.json()["city"], made.json()["district"]) == (
        "北京市",
        "北京市",
        "朝阳区",
    )
    courier = await services(server).addresses.open_for_courier(person, made.json()["address_id"])
    assert courier.full_address == "北京市朝阳区建国路88号"


async def test_unknown_and_mismatched_regions_are_refused(server: LiveServer, clean: Any) -> None:
    _, me = await citizen(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        unknown = await add(http, me, province_code="990000")
        mismatched = await add(http, me, **{**BEIJING, "district_code": "350102"})
        listed = (await http.get("/api/v1/me/addresses", headers=me)).json()
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "express.region_unknown"
    assert unknown.json()["title"] == "行政区划代码无效"
    assert unknown.json()["level"] == "province" and "990000" in unknown.json()["detail"]
    assert mismatched.status_code == 422 and mismatched.json()["level"] == "district"
    assert "不属于" in mismatched.json()["detail"]
    assert listed["addresses"] == []


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"phone": "010-12345678"}, "phone"),
        ({"phone": "12812345678"}, "phone"),
        ({"recipient_name": "   "}, "recipient_name"),
        ({"detail": " 路 "}, "detail"),
    ],
)
async def test_what_does_not_fit_is_refused(
    server: LiveServer, clean: Any, changes: dict[str, str], field: str
) -> None:
    _, me = await citizen(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        refused = await add(http, me, **changes)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    if problem["code"] == "express.address_invalid":
        assert problem["field"] == field
    assert "12345678" not in refused.text


async def test_another_persons_address_is_not_found(server: LiveServer, clean: Any) -> None:
    _, mine = await citizen(server)
    _, theirs = await citizen(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        address_id = (await add(http, mine)).json()["address_id"]
        path = f"/api/v1/me/addresses/{address_id}"
        answers = [
            await http.get(path, headers=theirs),
            await http.put(path, json=entry(), headers=theirs),
            await http.delete(path, headers=theirs),
            await http.post(f"{path}/default", headers=theirs),
        ]
        assert (await http.get("/api/v1/me/addresses", headers=theirs)).json()["addresses"] == []
        assert (await http.get(path, headers=mine)).status_code == 200
        missing = await http.get(f"/api/v1/me/addresses/{new_public_id('adr')}", headers=mine)
    for answer in [*answers, missing]:
        assert answer.status_code == 404 and answer.json()["code"] == "express.address_not_found"


async def test_changing_and_deleting(server: LiveServer, clean: Any) -> None:
    _, me = await citizen(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        address_id = (await add(http, me)).json()["address_id"]
        path = f"/api/v1/me/addresses/{address_id}"
        changed = await http.put(
            path,
            json=entry(recipient_name="李四", **BEIJING, detail="建国路1号", postcode="100020"),
            headers=me,
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["recipient_name"] == "*四" and changed.json()["district"] == "朝阳区"
        assert changed.json()["is_default"] is True
        assert (await http.delete(path, headers=me)).status_code == 204
        assert (await http.get(path, headers=me)).status_code == 404
    assert await Address.all().count() == 0


# -- the default -------------------------------------------------------------------------------


async def test_exactly_one_default(server: LiveServer, clean: Any) -> None:
    _, me = await citizen(server)
    async with httpx.AsyncClient(base_url=server.url) as http:
        first = (await add(http, me, detail="一号路")).json()
        second = (await add(http, me, detail="二号路")).json()
        third = (await add(http, me, detail="三号路", is_default=True)).json()
        assert first["is_default"] and not second["is_default"] and third["is_default"]

        async def defaults() -> list[str]:
            book = (await http.get("/api/v1/me/addresses", headers=me)).json()["addresses"]
            return [a["address_id"] for a in book if a["is_default"]]

        assert await defaults() == [third["address_id"]]
        made = await http.post(f"/api/v1/me/addresses/{second['address_id']}/default", headers=me)
        assert made.status_code == 200 and made.json()["is_default"] is True
        assert await defaults() == [second["address_id"]]
        # deleting the default: the newest remaining becomes the default
        await http.delete(f"/api/v1/me/addresses/{second['address_id']}", headers=me)
        assert await defaults() == [third["address_id"]]
        await http.delete(f"/api/v1/me/addresses/{third['address_id']}", headers=me)
        assert await defaults() == [first["address_id"]]
        book = (await http.get("/api/v1/me/addresses", headers=me)).json()["addresses"]
        assert book[0]["address_id"] == first["address_id"]


async def test_the_database_holds_one_default_per_person(server: LiveServer, clean: Any) -> None:
    from tortoise.exceptions import IntegrityError

    person, _ = await citizen(server)
    await seed(person, server, 2)
    with pytest.raises(IntegrityError):
        await Address.filter(person_id=person.id).update(is_default=True)


# -- the cap -----------------------------------------------------------------------------------


async def test_the_twenty_first_is_refused(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    await seed(person, server, MAX_ADDRESSES)
    async with httpx.AsyncClient(base_url=server.url) as http:
        refused = await add(http, me)
    assert refused.status_code == 409 and refused.json()["code"] == "express.address_book_full"
    assert refused.json()["title"] == "收货地址已达上限"
    assert await Address.filter(person_id=person.id).count() == MAX_ADDRESSES


async def test_twenty_concurrent_creates_at_nineteen_make_one(
    server: LiveServer, clean: Any
) -> None:
    person, me = await citizen(server)
    await seed(person, server, MAX_ADDRESSES - 1)
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        answers = await asyncio.gather(*(add(http, me, detail=f"并发路{n}号") for n in range(20)))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [201] + [409] * 19, [a.text for a in answers if a.status_code != 409]
    assert await Address.filter(person_id=person.id).count() == MAX_ADDRESSES
    assert await Address.filter(person_id=person.id, is_default=True).count() == 1


async def test_the_database_holds_the_cap_without_the_service(
    server: LiveServer, clean: Any
) -> None:
    from tortoise.exceptions import IntegrityError

    person, _ = await citizen(server)
    await seed(person, server, MAX_ADDRESSES)
    row = await Address.filter(person_id=person.id).first()
    assert row is not None
    with pytest.raises(IntegrityError):
        await Address.create(
            public_id=new_public_id("adr"),
            person_id=person.id,
            name_sealed=row.name_sealed,
            phone_sealed=row.phone_sealed,
            detail_sealed=row.detail_sealed,
            province_code=row.province_code,
            city_code=row.city_code,
            district_code=row.district_code,
            postcode=row.postcode,
        )


# -- identity's merge and deletion ---------------------------------------------------------------


async def test_a_merge_moves_the_addresses_and_keeps_the_survivors_default(
    server: LiveServer, clean: Any
) -> None:
    survivor, me = await citizen(server, level=2)
    other, _ = await citizen(server)
    await seed(survivor, server, 1)
    await seed(other, server, 2)
    identity = services(server).identity
    assert services(server).addresses.move_person in identity.merge_hooks
    async with transaction():
        await merge_persons(into=survivor, other=other, origin=Origin(), hooks=identity.merge_hooks)
    assert await Address.filter(person_id=other.id).count() == 0
    assert await Address.filter(person_id=survivor.id).count() == 3
    assert await Address.filter(person_id=survivor.id, is_default=True).count() == 1
    async with httpx.AsyncClient(base_url=server.url) as http:
        book = (await http.get("/api/v1/me/addresses", headers=me)).json()["addresses"]
    assert len(book) == 3 and book[0]["is_default"] and book[0]["detail"] == "鼓屏路*号"


async def test_deleting_the_account_erases_the_addresses(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    other, _ = await citizen(server)
    await seed(person, server, 2)
    await seed(other, server, 1)
    async with httpx.AsyncClient(base_url=server.url) as http:
        gone = await http.request("DELETE", "/api/v1/me", json={"confirm": "注销账号"}, headers=me)
    assert gone.status_code == 204, gone.text
    assert await Address.filter(person_id=person.id).count() == 0
    assert await Address.filter(person_id=other.id).count() == 1


# -- the region picker ---------------------------------------------------------------------------


async def test_the_region_picker(server: LiveServer, clean: Any) -> None:
    async with httpx.AsyncClient(base_url=server.url) as http:
        provinces = await http.get("/api/v1/regions")
        beijing = await http.get("/api/v1/regions", params={"parent": "110000"})
        districts = await http.get("/api/v1/regions", params={"parent": "110100"})
        guangdong = await http.get("/api/v1/regions", params={"parent": "440000"})
        unknown = await http.get("/api/v1/regions", params={"parent": "990000"})
    assert provinces.status_code == 200 and len(provinces.json()["regions"]) == 31
    assert "public" in provinces.headers["cache-control"]
    assert beijing.json()["regions"] == [
        {"code": "110100", "name": "北京市", "level": "city", "leaf": False}
    ]
    assert {
        "code": "110105",
        "name": "朝阳区",
        "level": "district",
        "leaf": True,
    } in districts.json()["regions"]
    dongguan = [r for r in guangdong.json()["regions"] if r["code"] == "441900"]
    assert dongguan == [{"code": "441900", "name": "东莞市", "level": "city", "leaf": True}]
    assert unknown.status_code == 422 and unknown.json()["code"] == "express.region_unknown"


def test_the_masks_and_the_phone_rules() -> None:
    assert mask_detail("建国路88号院3号楼") == "建国路**号院*号楼"
    assert normalised_phone("+86 138 1234 5678") == PHONE
    assert normalised_phone("0086-13812345678") == PHONE
    assert normalised_phone("010-12345678") is None


async def test_an_address_whose_code_was_retired_is_still_listed(
    server: LiveServer, clean: Any
) -> None:
    person, me = await citizen(server)
    await seed(person, server, 1)
    # a district code retired after the address was saved (350199 stands for one)
    await Address.filter(person_id=person.id).update(district_code="350199")
    async with httpx.AsyncClient(base_url=server.url) as http:
        book = (await http.get("/api/v1/me/addresses", headers=me)).json()["addresses"]
        assert book[0]["district"] == "350199"
        refused = await http.put(
            f"/api/v1/me/addresses/{book[0]['address_id']}",
            json=entry(district_code="350199"),
            headers=me,
        )
    assert refused.json()["code"] == "express.region_unknown"


async def test_a_merge_into_a_book_without_addresses_keeps_the_others_default(
    server: LiveServer, clean: Any
) -> None:
    survivor, _ = await citizen(server, level=2)
    other, _ = await citizen(server)
    await seed(other, server, 2)
    default = await Address.get(person_id=other.id, is_default=True)
    async with transaction():
        await merge_persons(
            into=survivor,
            other=other,
            origin=Origin(),
            hooks=services(server).identity.merge_hooks,
        )
    assert [a.id for a in await Address.filter(person_id=survivor.id, is_default=True)] == [
        default.id
    ]


async def test_concurrent_first_addresses_make_one_default(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as http:
        answers = await asyncio.gather(*(add(http, me, detail=f"首址路{n}号") for n in range(6)))
    assert [a.status_code for a in answers] == [201] * 6
    assert sum(a.json()["is_default"] for a in answers) == 1
    assert await Address.filter(person_id=person.id, is_default=True).count() == 1
