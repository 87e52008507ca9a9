"""The published contract of this app: its OpenAPI document, served at `/openapi.json`,
committed as `miniprogram_contract/openapi.json` (`yiwang contract export`) and checked in CI.

The outside systems' sandboxes, the metrics and the docs page are not part of it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sanic.router import Router

from api.context import AppContext
from api.kit.openapi import Info, Operation, build_document
from api.kit.policy import PolicyKind

SERVICE_TITLE = "一网 Yiwang"
# The contract's version: the major moves with the URL prefix (/api/v1) and with any breaking
# change (a removed path or answer field, a retyped field, a newly required request field).
CONTRACT_VERSION = "1.0.0"
DESCRIPTION = (
    "政务服务大厅市民端后端：统一身份、预约与取号、办件进度推送、非税缴费、EMS 寄递。\n\n"
    "Errors are `application/problem+json` with a stable `code` and a Chinese `title`; "
    "`GET /api/v1/meta/errors` lists every code. Times are ISO 8601 with the hall's offset "
    "(+08:00), to the second; intervals are named `starts_at` / `ends_at`, clock times of a "
    'day (opening hours, slot templates: `"09:00"`) too.'
)
UNPUBLISHED_PREFIXES = ("sandbox/", "metrics", "docs", "openapi.json")
PUBLISHED = Path(__file__).resolve().parent.parent / "miniprogram_contract" / "openapi.json"


def contract_document(router: Router, context: AppContext) -> dict[str, Any]:
    refusals = {
        kind: authenticator.refusals for kind, authenticator in context.authenticators.items()
    }
    refusals.setdefault(PolicyKind.PUBLIC, ())
    return build_document(
        published_operations(router),
        Info(title=SERVICE_TITLE, version=CONTRACT_VERSION, description=DESCRIPTION),
        refusals,
    )


def published_operations(router: Router) -> list[Operation]:
    patterns = {label: _regex(kind[1]) for label, kind in router.regex_types.items()}
    operations = []
    for route in router.routes:
        if route.path.startswith(UNPUBLISHED_PREFIXES):
            continue
        for method in sorted(route.methods):
            operations.append(
                Operation(
                    method=method,
                    path=route.path,
                    handler=route.handler,
                    patterns=patterns,
                    blueprint=_blueprint_of(route.name),
                )
            )
    return operations


def _regex(pattern: object) -> str:
    return str(getattr(pattern, "pattern", pattern))


def _blueprint_of(route_name: str) -> str | None:
    parts = route_name.split(".")
    return parts[1] if len(parts) >= 3 else None


def rendered(document: dict[str, Any]) -> str:
    """The committed form: stable key order, Chinese as written, a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
