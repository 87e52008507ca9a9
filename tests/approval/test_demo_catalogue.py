"""The demo catalogue of service items and the demo citizens' e-licences: the data fits the
item specification, the hall's queues and the forms' own schemas."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from api.approval.demo import (
    CATALOGUE_RESOURCE,
    ELICENCE_TYPES,
    KINDS,
    MATERIAL_FORMS,
    CatalogueError,
    demo_elicences,
    demo_items,
    parse_items,
)
from api.approval.gateways.core import ItemSpec
from auth.demo import DEMO_CITIZENS
from auth.idnumber import is_valid
from booking.demo import HALLS, SERVICES

ITEMS = demo_items()
BY_CODE = {item.code: item for item in ITEMS}
RAW: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[2] / "api" / "approval" / CATALOGUE_RESOURCE).read_text("utf-8")
)
QUEUE_CODES = {code for _, _, categories in HALLS for code, _, _ in categories}
CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
CJK = re.compile(r"[\u4e00-\u9fff]")
VECTORS = json.loads((Path(__file__).parents[1] / "vectors" / "id_numbers.json").read_text())


def by_code(item: ItemSpec) -> str:
    return item.code


def test_the_catalogue_is_broad() -> None:
    assert len(ITEMS) >= 30
    assert len({item.department_code for item in ITEMS}) >= 8
    assert {item.kind for item in ITEMS} == set(KINDS)
    assert {item.required_level for item in ITEMS} == {1, 2, 3}
    assert any(item.fees for item in ITEMS) and any(not item.fees for item in ITEMS)
    assert any(item.promised_limit_days == 0 for item in ITEMS)  # 即办件


def test_codes_are_unique_and_well_formed() -> None:
    assert len(BY_CODE) == len(ITEMS)
    for item in ITEMS:
        assert CODE.fullmatch(item.code), item.code
        assert CODE.fullmatch(item.department_code), item.department_code
        assert item.code.startswith(item.department_code + "-"), item.code
        for material in item.materials:
            assert CODE.fullmatch(material.code), (item.code, material.code)
        for fee in item.fees:
            assert CODE.fullmatch(fee.code), (item.code, fee.code)
        assert len({m.code for m in item.materials}) == len(item.materials), item.code


def test_a_department_code_names_one_department() -> None:
    names: dict[str, set[str]] = {}
    for item in ITEMS:
        names.setdefault(item.department_code, set()).add(item.department_name)
    assert all(len(found) == 1 for found in names.values()), names
    assert len({name for found in names.values() for name in found}) == len(names)


@pytest.mark.parametrize("item", ITEMS, ids=by_code)
def test_limits_fees_and_channels_agree(item: ItemSpec) -> None:
    assert 0 <= item.promised_limit_days <= item.legal_limit_days
    assert item.payment == bool(item.fees)
    for fee in item.fees:
        assert type(fee.amount_fen) is int and fee.amount_fen > 0, fee
    assert item.visits in (0, 1, 2)
    assert 1 <= item.online_depth <= 4
    # 网上办理深度: 3 (网上受理) and 4 (全程网办) are applied for online; only 4 needs no visit
    assert item.online == (item.online_depth >= 3)
    assert (item.visits == 0) == (item.online_depth == 4)
    # an appointment is booked in one of the hall's queues
    assert not item.appointment or item.queue_code is not None
    assert item.required_level in (1, 2, 3)
    assert item.version == 1
    assert CJK.search(item.name) and CJK.search(item.conditions)


@pytest.mark.parametrize("item", ITEMS, ids=by_code)
def test_materials_are_well_formed(item: ItemSpec) -> None:
    for material in item.materials:
        assert material.form in MATERIAL_FORMS, material
        assert material.copies >= 1, material
        assert material.elicence_type is None or material.elicence_type in ELICENCE_TYPES
    if item.required_level > 1:
        assert any(m.required for m in item.materials), "an item for a person asks for proof"


def test_every_queue_code_is_one_of_the_demo_halls() -> None:
    used = {item.queue_code for item in ITEMS if item.queue_code is not None}
    assert used <= QUEUE_CODES
    assert used == QUEUE_CODES, "every demo queue serves at least one item"


def test_the_demo_halls_service_mapping_matches_the_catalogue() -> None:
    """booking's demo routes some items to its queues by item code: those items exist and
    name the same queue."""
    for services in SERVICES.values():
        for service_code, category_code in services:
            assert BY_CODE[service_code].queue_code == category_code


def sample_value(schema: dict[str, Any]) -> Any:
    """The simplest value a form field's schema accepts: the first enum value, a given
    example, a short string, a number in range."""
    if "enum" in schema:
        return schema["enum"][0]
    if "examples" in schema:
        return schema["examples"][0]
    kind = schema["type"]
    if kind == "string":
        if schema.get("format") == "date":
            return "2026-03-02"
        assert "pattern" not in schema, "a patterned field carries an example"
        return ("示例" * 32)[: schema.get("minLength", min(2, schema["maxLength"]))]
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        return low + 1 if "exclusiveMinimum" in schema else low
    if kind == "boolean":
        return True
    if kind == "array":
        return [sample_value(schema["items"]) for _ in range(schema.get("minItems", 0))]
    raise AssertionError(f"no sample for {schema}")


def sample_form(schema: dict[str, Any]) -> dict[str, Any]:
    return {name: sample_value(field) for name, field in schema["properties"].items()}


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("item", ITEMS, ids=by_code)
def test_the_form_schema_is_a_small_closed_json_schema(item: ItemSpec) -> None:
    schema = item.form_schema
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    properties = schema["properties"]
    assert 2 <= len(properties) <= 6
    assert schema["required"] and set(schema["required"]) <= set(properties)
    for name, field in properties.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
        assert CJK.search(field["title"]), name
        if field["type"] == "string" and "enum" not in field:
            assert field["maxLength"] >= 1, name
        if field["type"] in ("integer", "number"):
            assert "maximum" in field, name
        for example in field.get("examples", []):
            validator(field).validate(example)


@pytest.mark.parametrize("item", ITEMS, ids=by_code)
def test_a_sample_form_validates_and_a_stray_field_does_not(item: ItemSpec) -> None:
    form = sample_form(item.form_schema)
    validator(item.form_schema).validate(form)
    required_only = {name: form[name] for name in item.form_schema["required"]}
    validator(item.form_schema).validate(required_only)
    assert not validator(item.form_schema).is_valid({**form, "unexpected": "x"})
    assert not validator(item.form_schema).is_valid({})


def test_the_loader_reads_the_file_as_written() -> None:
    assert parse_items(RAW) == ITEMS


def broken(change: Any) -> list[dict[str, Any]]:
    items = copy.deepcopy(RAW)
    change(items[0])
    return items


@pytest.mark.parametrize(
    "change",
    [
        lambda item: item.update(unknown_key=1),
        lambda item: item.pop("queue_code"),
        lambda item: item.update(visits=True),
        lambda item: item.update(visits="1"),
        lambda item: item.update(visits=3),
        lambda item: item.update(online_depth=5),
        lambda item: item.update(appointment=1),
        lambda item: item.update(kind="licence"),
        lambda item: item.update(code="有 空格"),
        lambda item: item.update(code="x" * 65),
        lambda item: item.update(name=""),
        lambda item: item.update(materials={}),
        lambda item: item.update(form_schema=[]),
        lambda item: item.update(promised_limit_days=item["legal_limit_days"] + 1),
        lambda item: item.update(payment=not item["payment"]),
        lambda item: item["materials"][0].update(form="scan"),
        lambda item: item["materials"][0].update(elicence_type="passport"),
        lambda item: item["materials"][0].update(copies=0),
        lambda item: item["materials"][0].update(extra=None),
        lambda item: item["materials"][0].pop("required"),
        lambda item: item["materials"].append(item["materials"][0]),
        lambda item: item["fees"][0].update(amount_fen=0),
        lambda item: item["fees"][0].update(amount_fen=20.0),
        lambda item: item["fees"][0].update(amount_fen="2000"),
    ],
)
def test_the_loader_is_strict(change: Any) -> None:
    assert RAW[0]["fees"] and RAW[0]["materials"]
    with pytest.raises(CatalogueError, match=r"^items\[0\]"):
        parse_items(broken(change))


def test_the_loader_refuses_a_code_twice_and_a_non_array() -> None:
    with pytest.raises(CatalogueError, match="appears twice"):
        parse_items([RAW[0], RAW[0]])
    with pytest.raises(CatalogueError, match="array"):
        parse_items({"items": RAW})


def test_the_demo_elicences_belong_to_the_demo_citizens() -> None:
    licences = demo_elicences()
    citizens = {id_number for _, id_number in DEMO_CITIZENS}
    assert set(licences) == citizens
    for id_number, held in licences.items():
        assert id_number in VECTORS["valid"]
        assert is_valid(id_number, date(2026, 1, 1))
        types = [licence.licence_type for licence in held]
        assert {"id_card", "household_register"} <= set(types)
        assert len(types) == len(set(types))
        for licence in held:
            assert licence.licence_type in ELICENCE_TYPES
            assert licence.name == ELICENCE_TYPES[licence.licence_type]
            assert licence.issuer and licence.licence_number
            if licence.licence_type in ("id_card", "driving_licence", "social_security_card"):
                assert licence.licence_number == id_number
            else:
                assert "DEMO" in licence.licence_number
    held_types = {licence.licence_type for held in licences.values() for licence in held}
    assert {"marriage_certificate", "business_licence", "driving_licence"} <= held_types


def test_every_demo_elicence_type_stands_in_for_some_material() -> None:
    asked = {m.elicence_type for item in ITEMS for m in item.materials if m.elicence_type}
    held = {licence.licence_type for held in demo_elicences().values() for licence in held}
    assert held <= asked
