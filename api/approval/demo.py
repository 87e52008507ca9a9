"""The demo catalogue of service items (事项目录) and the demo citizens' e-licences (电子证照),
for the embedded mode and the tests.

The items live in `demo_catalogue.json` beside this module, modelled on the published item
lists of the 国家政务服务平台 and the provincial 一网通办 platforms (their names, kinds,
conditions, materials, time limits and fees); the codes and department codes are demo codes in
the national style. Loading is strict: an unknown or missing key, a value of the wrong type or
outside its range raises `CatalogueError`, naming where.

The e-licences belong to the demo citizens of `auth.demo` (public GB 11643 test vectors); the
licences' own numbers are marked DEMO where they are not the ID number itself.
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.resources import files
from typing import Any

from api.approval.gateways.core import ELicence, FeeSpec, ItemSpec, MaterialSpec
from auth.demo import DEMO_CITIZENS

CATALOGUE_RESOURCE = "demo_catalogue.json"

KINDS: dict[str, str] = {
    "administrative_licence": "行政许可",
    "administrative_confirmation": "行政确认",
    "administrative_payment": "行政给付",
    "public_service": "公共服务",
    "other_power": "其他行政权力",
}
MATERIAL_FORMS = frozenset({"original", "copy", "original_and_copy", "electronic"})
ELICENCE_TYPES: dict[str, str] = {
    "id_card": "居民身份证",
    "household_register": "居民户口簿",
    "marriage_certificate": "结婚证",
    "business_licence": "营业执照",
    "real_estate_certificate": "不动产权证书",
    "driving_licence": "机动车驾驶证",
    "vehicle_licence": "机动车行驶证",
    "social_security_card": "社会保障卡",
    "degree_certificate": "学位证书",
    "birth_certificate": "出生医学证明",
}
CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")

ITEM_KEYS = frozenset(
    {
        "code",
        "name",
        "department_code",
        "department_name",
        "kind",
        "conditions",
        "materials",
        "legal_limit_days",
        "promised_limit_days",
        "fees",
        "visits",
        "online_depth",
        "appointment",
        "online",
        "ems_delivery",
        "payment",
        "queue_code",
        "required_level",
        "form_schema",
        "version",
    }
)
MATERIAL_KEYS = frozenset({"code", "name", "required", "form", "copies", "elicence_type"})
FEE_KEYS = frozenset({"code", "name", "amount_fen"})


class CatalogueError(ValueError):
    """The catalogue's data does not fit the item specification; the message says where."""


class _Object:
    """One JSON object whose keys must be exactly `keys`, read one typed field at a time."""

    def __init__(self, value: object, where: str, keys: frozenset[str]) -> None:
        if not isinstance(value, dict):
            raise CatalogueError(f"{where}: expected an object")
        unknown = sorted(set(value) - keys)
        missing = sorted(keys - set(value))
        if unknown:
            raise CatalogueError(f"{where}: unknown keys {unknown}")
        if missing:
            raise CatalogueError(f"{where}: missing keys {missing}")
        self.value: dict[str, object] = value
        self.where = where

    def _at(self, key: str) -> str:
        return f"{self.where}.{key}"

    def text(self, key: str) -> str:
        value = self.value[key]
        if not isinstance(value, str) or not value.strip():
            raise CatalogueError(f"{self._at(key)}: expected a non-empty string")
        return value

    def code(self, key: str) -> str:
        value = self.text(key)
        if not CODE.fullmatch(value):
            raise CatalogueError(f"{self._at(key)}: a code is 1-64 of [A-Za-z0-9_.-]")
        return value

    def choice(self, key: str, allowed: frozenset[str] | dict[str, str]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise CatalogueError(f"{self._at(key)}: {value!r} is not one of {sorted(allowed)}")
        return value

    def optional_choice(self, key: str, allowed: frozenset[str] | dict[str, str]) -> str | None:
        return None if self.value[key] is None else self.choice(key, allowed)

    def optional_code(self, key: str) -> str | None:
        return None if self.value[key] is None else self.code(key)

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.value[key]
        # bool is an int to Python, never to the catalogue
        if isinstance(value, bool) or not isinstance(value, int):
            raise CatalogueError(f"{self._at(key)}: expected an integer")
        if not low <= value <= high:
            raise CatalogueError(f"{self._at(key)}: {value} is outside {low}..{high}")
        return value

    def flag(self, key: str) -> bool:
        value = self.value[key]
        if not isinstance(value, bool):
            raise CatalogueError(f"{self._at(key)}: expected true or false")
        return value

    def array(self, key: str) -> list[object]:
        value = self.value[key]
        if not isinstance(value, list):
            raise CatalogueError(f"{self._at(key)}: expected an array")
        return value

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.value[key]
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise CatalogueError(f"{self._at(key)}: expected an object")
        return value


def _material(value: object, where: str) -> MaterialSpec:
    fields = _Object(value, where, MATERIAL_KEYS)
    return MaterialSpec(
        code=fields.code("code"),
        name=fields.text("name"),
        required=fields.flag("required"),
        form=fields.choice("form", MATERIAL_FORMS),
        copies=fields.integer("copies", 1, 10),
        elicence_type=fields.optional_choice("elicence_type", ELICENCE_TYPES),
    )


def _fee(value: object, where: str) -> FeeSpec:
    fields = _Object(value, where, FEE_KEYS)
    return FeeSpec(
        code=fields.code("code"),
        name=fields.text("name"),
        amount_fen=fields.integer("amount_fen", 1, 100_000_000),
    )


def _unique(codes: list[str], where: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise CatalogueError(f"{where}: code {code!r} appears twice")
        seen.add(code)


def parse_item(value: object, where: str) -> ItemSpec:
    fields = _Object(value, where, ITEM_KEYS)
    materials = tuple(
        _material(m, f"{where}.materials[{n}]") for n, m in enumerate(fields.array("materials"))
    )
    fees = tuple(_fee(f, f"{where}.fees[{n}]") for n, f in enumerate(fields.array("fees")))
    _unique([m.code for m in materials], f"{where}.materials")
    _unique([f.code for f in fees], f"{where}.fees")
    legal = fields.integer("legal_limit_days", 0, 366)
    promised = fields.integer("promised_limit_days", 0, legal)
    payment = fields.flag("payment")
    if payment != bool(fees):
        raise CatalogueError(f"{where}.payment: must be true exactly when the item has fees")
    return ItemSpec(
        code=fields.code("code"),
        name=fields.text("name"),
        department_code=fields.code("department_code"),
        department_name=fields.text("department_name"),
        kind=fields.choice("kind", KINDS),
        conditions=fields.text("conditions"),
        materials=materials,
        legal_limit_days=legal,
        promised_limit_days=promised,
        fees=fees,
        visits=fields.integer("visits", 0, 2),
        online_depth=fields.integer("online_depth", 1, 4),
        appointment=fields.flag("appointment"),
        online=fields.flag("online"),
        ems_delivery=fields.flag("ems_delivery"),
        payment=payment,
        queue_code=fields.optional_code("queue_code"),
        required_level=fields.integer("required_level", 1, 3),
        form_schema=fields.mapping("form_schema"),
        version=fields.integer("version", 1, 1_000_000),
    )


def parse_items(value: object) -> list[ItemSpec]:
    """A catalogue (a JSON array of items) as item specifications; raises CatalogueError."""
    if not isinstance(value, list):
        raise CatalogueError("catalogue: expected an array of items")
    items = [parse_item(item, f"items[{n}]") for n, item in enumerate(value)]
    _unique([item.code for item in items], "catalogue")
    return items


def demo_items() -> list[ItemSpec]:
    """The demo catalogue, checked item by item (CatalogueError names what does not fit)."""
    text = files("api.approval").joinpath(CATALOGUE_RESOURCE).read_text(encoding="utf-8")
    return parse_items(json.loads(text))


def _licence(
    licence_type: str, number: str, issuer: str, valid_until: date | None = None
) -> ELicence:
    return ELicence(
        licence_type=licence_type,
        licence_number=number,
        name=ELICENCE_TYPES[licence_type],
        issuer=issuer,
        valid_until=valid_until,
    )


def demo_elicences() -> dict[str, list[ELicence]]:
    """The e-licences the government holds for each demo citizen, by ID number. A resident
    ID card's, a driving licence's and a social security card's numbers are the holder's ID
    number, as in life; the other numbers are marked DEMO."""
    zhang_san, li_si = (id_number for _, id_number in DEMO_CITIZENS)
    return {
        # born 1949, registered in 北京市朝阳区 (110105): a long-term ID card, married, owns
        # a home
        zhang_san: [
            _licence("id_card", zhang_san, "北京市公安局朝阳分局"),
            _licence("household_register", "DEMO-HR-110105-000001", "北京市公安局朝阳分局"),
            _licence("marriage_certificate", "DEMO-J110105-1972-000001", "北京市朝阳区民政局"),
            _licence(
                "real_estate_certificate",
                "京（2019）朝阳区不动产权第DEMO0001号",
                "北京市规划和自然资源委员会",
            ),
            _licence(
                "social_security_card",
                zhang_san,
                "北京市人力资源和社会保障局",
                date(2030, 6, 30),
            ),
        ],
        # born 1991, registered in 江西省德安县 (360426): runs an individual business, drives
        li_si: [
            _licence("id_card", li_si, "德安县公安局", date(2037, 3, 15)),
            _licence("household_register", "DEMO-HR-360426-000001", "德安县公安局"),
            _licence("business_licence", "DEMO-92360426-000001", "德安县市场监督管理局"),
            _licence("driving_licence", li_si, "九江市公安局交通警察支队", date(2031, 8, 20)),
            _licence(
                "social_security_card",
                li_si,
                "九江市人力资源和社会保障局",
                date(2029, 5, 31),
            ),
        ],
    }


async def seed() -> int:
    """The demo catalogue, as a sync from the embedded engine would store it (idempotent)."""
    from api.approval.catalogue import store_items

    report = await store_items(demo_items())
    return report.added
