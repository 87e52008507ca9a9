"""What counts as breaking a published contract, on small documents."""

from __future__ import annotations

import copy
from typing import Any

from api.contract import breaking_changes


def document() -> dict[str, Any]:
    return {
        "paths": {
            "/api/v1/appointments": {
                "post": {
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": False,
                            "schema": {"type": "string"},
                        },
                    ],
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Book"}}
                        }
                    },
                    "responses": {
                        "201": {
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Booked"}
                                }
                            }
                        },
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Book": {
                    "type": "object",
                    "required": ["slot_id"],
                    "properties": {"slot_id": {"type": "string"}, "note": {"type": "string"}},
                },
                "Booked": {
                    "type": "object",
                    "properties": {
                        "appointment_id": {"type": "string"},
                        "slots": {"type": "array", "items": {"$ref": "#/components/schemas/Slot"}},
                    },
                },
                "Slot": {
                    "type": "object",
                    "properties": {
                        "remaining": {"type": "integer"},
                        "ends_at": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    },
                },
            }
        },
    }


def changed(change) -> list[str]:
    new = copy.deepcopy(document())
    change(new)
    return breaking_changes(document(), new)


def schemas(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["components"]["schemas"]


def test_an_unchanged_document_breaks_nothing() -> None:
    assert breaking_changes(document(), document()) == []


def test_additions_a_client_can_ignore_break_nothing() -> None:
    def add(doc: dict[str, Any]) -> None:
        schemas(doc)["Booked"]["properties"]["hall"] = {"type": "string"}
        schemas(doc)["Book"]["properties"]["channel"] = {"type": "string"}
        doc["paths"]["/api/v1/halls"] = {"get": {"responses": {}}}

    assert changed(add) == []


def test_a_removed_path_breaks() -> None:
    assert changed(lambda doc: doc["paths"].pop("/api/v1/appointments")) == [
        "POST /api/v1/appointments: removed"
    ]


def test_a_removed_answer_field_breaks_even_nested() -> None:
    found = changed(lambda doc: schemas(doc)["Slot"]["properties"].pop("remaining"))
    assert found == ["POST /api/v1/appointments answer 201.slots[]: field remaining removed"]


def test_a_retyped_field_breaks() -> None:
    def retype(doc: dict[str, Any]) -> None:
        schemas(doc)["Booked"]["properties"]["appointment_id"] = {"type": "integer"}

    assert changed(retype) == [
        "POST /api/v1/appointments answer 201.appointment_id: retyped (string -> integer)"
    ]


def test_a_newly_required_request_field_or_parameter_breaks() -> None:
    def require(doc: dict[str, Any]) -> None:
        schemas(doc)["Book"]["required"].append("note")
        doc["paths"]["/api/v1/appointments"]["post"]["parameters"][0]["required"] = True

    assert sorted(changed(require)) == [
        "POST /api/v1/appointments request: field note is now required",
        "POST /api/v1/appointments: parameter idempotency-key (header) is now required",
    ]


def test_a_request_field_that_goes_away_breaks_a_client_still_sending_it() -> None:
    found = changed(lambda doc: schemas(doc)["Book"]["properties"].pop("note"))
    assert found == ["POST /api/v1/appointments request: field note removed"]
