"""Searching the catalogue: the answer the route sends is the typed page rendered, and a
rendered page is never served from an older catalogue."""

from __future__ import annotations

import dataclasses

import httpx

from api.approval.catalogue import Catalogue
from api.approval.demo import demo_items
from api.approval.local_engine import LocalCoreEngine
from api.approval.schemas import CatalogueQuery
from api.lifecycle import Resources
from tests.conftest import LiveServer


async def test_the_answer_is_the_typed_page_rendered(
    server: LiveServer, client: httpx.AsyncClient
) -> None:
    approval = server.app.ctx.services.approval
    await approval.catalogue.sync(approval.core)
    for q in ("身份证", "登记", "登记", "没有这个事项"):
        answer = await client.get("/api/v1/catalogue/items", params={"q": q, "page_size": 5})
        page, etag = await approval.catalogue.search(CatalogueQuery(q=q, page_size=5))
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/json"
        assert answer.headers["ETag"] == etag
        assert answer.content == page.model_dump_json().encode()


async def test_a_rendered_page_goes_with_its_catalogue(clean: Resources) -> None:
    items = demo_items()
    catalogue = Catalogue(recheck_seconds=0, rendered_pages=2)
    await catalogue.sync(LocalCoreEngine(items, {}))
    query = CatalogueQuery(q="身份证")
    before, _ = await catalogue.search_rendered(query)
    assert b"11440100007501-002" in before
    for q in ("公积金", "登记", "不动产"):  # more queries than it keeps
        await catalogue.search_rendered(CatalogueQuery(q=q))
    assert (await catalogue.search_rendered(query))[0] == before

    renamed = [
        dataclasses.replace(item, name="居民身份证换领（新）")
        if item.code == "11440100007501-002"
        else item
        for item in items
    ]
    await catalogue.sync(LocalCoreEngine(renamed, {}))
    after, _ = await catalogue.search_rendered(query)
    assert "居民身份证换领（新）".encode() in after
    page, _ = await catalogue.search(query)
    assert after == page.model_dump_json().encode()
