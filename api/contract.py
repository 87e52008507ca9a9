"""The published contract of this app: its OpenAPI document, served at `/openapi.json`,
committed as `miniprogram_contract/openapi.json` (`yiwang contract export`) and checked in CI.

The outside systems' sandboxes, the metrics, the docs page and the hall's screens' pages (not
the JSON they read) are not part of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanic.router import Router

from api.context import AppContext
from api.kit.openapi import Info, Operation, build_document
from api.kit.policy import PolicyKind

JSON_MEDIA = "application/json"
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
UNPUBLISHED_PREFIXES = ("sandbox/", "metrics", "docs", "openapi.json", "screens/")
PUBLISHED = Path(__file__).resolve().parent.parent / "miniprogram_contract" / "openapi.json"
# Requests and answers recorded by the guide's test run (tests/miniprogram_contract/test_guide.py),
# shown as each operation's examples.
RECORDED_EXAMPLES = PUBLISHED.parent / "examples.json"


def contract_document(router: Router, context: AppContext) -> dict[str, Any]:
    refusals = {
        kind: authenticator.refusals for kind, authenticator in context.authenticators.items()
    }
    refusals.setdefault(PolicyKind.PUBLIC, ())
    document = build_document(
        published_operations(router),
        Info(title=SERVICE_TITLE, version=CONTRACT_VERSION, description=DESCRIPTION),
        refusals,
    )
    return with_recorded_examples(document)


def with_recorded_examples(document: dict[str, Any]) -> dict[str, Any]:
    """Each operation's request and answers as a test run recorded them, where one did."""
    if not RECORDED_EXAMPLES.exists():
        return document
    recorded: dict[str, Any] = json.loads(RECORDED_EXAMPLES.read_text(encoding="utf-8"))
    for key, example in recorded.items():
        method, path = key.split(" ", 1)
        operation = document["paths"].get(path, {}).get(method.lower())
        if operation is None:
            continue
        body = operation.get("requestBody", {}).get("content", {}).get(JSON_MEDIA)
        if body is not None and "request" in example:
            body["examples"] = {
                "recorded": {"summary": "录自测试运行", "value": example["request"]}
            }
        for status, value in example["responses"].items():
            answer = operation["responses"].get(status, {}).get("content", {})
            media = answer.get(JSON_MEDIA) or answer.get("application/problem+json")
            if media is not None:
                media.setdefault("examples", {})["recorded"] = {
                    "summary": "录自测试运行",
                    "value": value,
                }
    return document


def rendered_examples(examples: dict[str, Any]) -> str:
    return json.dumps(examples, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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


# ---------------------------------------------------------------------------- breaking changes
# What a client built against the published document would trip over. No maintained tool for
# OpenAPI 3.1 is in this project's registries (oasdiff is a Go binary; npm's openapi-diff reads
# 3.0), so the rules are written here, small and tested.

PUBLISHED_DIR = PUBLISHED.parent / "published"


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """A removed operation, parameter, answer status or answer field; a retyped field; a
    request field or parameter that became required, or a request field that went away (the
    API refuses unknown fields)."""
    found: list[str] = []
    docs = _Versions(old, new)
    for path, operations in old.get("paths", {}).items():
        for method, before in operations.items():
            after = new.get("paths", {}).get(path, {}).get(method)
            where = f"{method.upper()} {path}"
            if after is None:
                found.append(f"{where}: removed")
                continue
            found += _parameter_changes(where, before, after)
            found += _request_changes(where, docs, before, after)
            found += _answer_changes(where, docs, before, after)
    return found


@dataclass(frozen=True)
class _Versions:
    """The published document and the new one, whose `$ref`s each side resolves in its own."""

    old: dict[str, Any]
    new: dict[str, Any]


def last_published() -> tuple[str, dict[str, Any]] | None:
    """The newest published contract kept under miniprogram_contract/published/."""
    snapshots = sorted(PUBLISHED_DIR.glob("openapi-*.json"), key=_version_of)
    if not snapshots:
        return None
    newest = snapshots[-1]
    return _version_text(newest), json.loads(newest.read_text(encoding="utf-8"))


def major(version: str) -> int:
    return int(version.split(".")[0])


def _version_of(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in _version_text(path).split("."))


def _version_text(path: Path) -> str:
    return path.stem.removeprefix("openapi-")


def _parameter_changes(where: str, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    def keyed(operation: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
        return {(p["in"], p["name"].lower()): p for p in operation.get("parameters", [])}

    old, new = keyed(before), keyed(after)
    found = [f"{where}: parameter {name} ({place}) removed" for place, name in old.keys() - new]
    for key, parameter in new.items():
        was = old.get(key)
        if parameter.get("required") and (was is None or not was.get("required")):
            found.append(f"{where}: parameter {key[1]} ({key[0]}) is now required")
        if was is not None and _type_of(was.get("schema", {})) != _type_of(parameter["schema"]):
            found.append(f"{where}: parameter {key[1]} ({key[0]}) retyped")
    return found


def _request_changes(
    where: str,
    docs: _Versions,
    before: dict[str, Any],
    after: dict[str, Any],
) -> list[str]:
    old = _json_schema(docs.old, before.get("requestBody", {}))
    new = _json_schema(docs.new, after.get("requestBody", {}))
    if old is None:
        return [f"{where}: now requires a body"] if new is not None else []
    if new is None:
        return [f"{where}: no longer takes a body"]
    return _object_changes(f"{where} request", docs, old, new, request=True)


def _answer_changes(
    where: str,
    docs: _Versions,
    before: dict[str, Any],
    after: dict[str, Any],
) -> list[str]:
    found = []
    for status, answer in before.get("responses", {}).items():
        if not status.startswith("2"):
            continue
        now = after.get("responses", {}).get(status)
        if now is None:
            found.append(f"{where}: answer {status} removed")
            continue
        old, new = _json_schema(docs.old, answer), _json_schema(docs.new, now)
        if old is not None and new is None:
            found.append(f"{where}: answer {status} lost its JSON body")
        elif old is not None and new is not None:
            found += _object_changes(f"{where} answer {status}", docs, old, new)
    return found


def _object_changes(
    where: str,
    docs: _Versions,
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    request: bool = False,
    depth: int = 0,
) -> list[str]:
    old, new = _resolved(docs.old, old), _resolved(docs.new, new)
    if _type_of(old) != _type_of(new):
        return [f"{where}: retyped ({_type_of(old)} -> {_type_of(new)})"]
    if depth > 8:
        return []
    if _type_of(old) == "array":
        return _object_changes(
            f"{where}[]",
            docs,
            old.get("items", {}),
            new.get("items", {}),
            request=request,
            depth=depth + 1,
        )
    found: list[str] = []
    old_fields, new_fields = old.get("properties", {}), new.get("properties", {})
    for name, field in old_fields.items():
        if name not in new_fields:
            found.append(f"{where}: field {name} removed")
            continue
        found += _object_changes(
            f"{where}.{name}",
            docs,
            field,
            new_fields[name],
            request=request,
            depth=depth + 1,
        )
    if request:
        newly = set(new.get("required", [])) - set(old.get("required", []))
        found += [f"{where}: field {name} is now required" for name in sorted(newly)]
    return found


def _json_schema(document: dict[str, Any], holder: dict[str, Any]) -> dict[str, Any] | None:
    schema = holder.get("content", {}).get("application/json", {}).get("schema")
    return _resolved(document, schema) if schema is not None else None


def _resolved(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while "$ref" in schema and seen < 20:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
        seen += 1
    if "anyOf" in schema:  # an optional field: `X | None`
        kinds = [_resolved(document, s) for s in schema["anyOf"] if s.get("type") != "null"]
        if len(kinds) == 1:
            return {**kinds[0], "nullable": True}
    return schema


def _type_of(schema: dict[str, Any]) -> str:
    if "type" in schema:
        return str(schema["type"])
    if "anyOf" in schema:
        return "|".join(sorted(_type_of(s) for s in schema["anyOf"]))
    if "enum" in schema or "const" in schema:
        return "enum"
    return "object" if "properties" in schema else "any"
