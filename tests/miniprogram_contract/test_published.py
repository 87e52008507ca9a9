"""The committed contract is the one the routes declare."""

from __future__ import annotations

from openapi_spec_validator import validate

from api.contract import PUBLISHED
from tests.yiwang_cli import yiwang


def test_the_committed_document_is_what_the_routes_declare() -> None:
    result = yiwang("contract", "export", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_committed_document_is_valid_openapi() -> None:
    import json

    validate(json.loads(PUBLISHED.read_text(encoding="utf-8")))
