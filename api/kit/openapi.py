"""The OpenAPI 3.1 document, built from the routes' declarations (`api.kit.declare`) and
policies (`api.kit.policy`) alone: what a route validates is what the document says.

Schemas come from the pydantic models (requests in their validation form, answers in their
serialisation form) under `components/schemas`; every error a route can answer is listed
under its status with its code, Chinese title and meaning, and the whole catalogue is in the
document's description, so `/docs` shows it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from api.kit.declare import JSON, Declaration, Media, NoContent, declaration_of
from api.kit.errors import (
    CatalogueEntry,
    DomainError,
    MalformedJSON,
    NotFound,
    ServiceUnavailable,
    UnsupportedMediaType,
    ValidationFailed,
    catalogue,
)
from api.kit.policy import Policy, PolicyKind, policy_of

PROBLEM_JSON = "application/problem+json"
REF = "#/components/schemas/{model}"

SECURITY_SCHEMES: dict[str, dict[str, Any]] = {
    "citizenBearer": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "市民的访问令牌 (POST /api/v1/auth/* 登录所得 access_token，15 分钟有效)",
    },
    "staffBearer": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "窗口人员的访问令牌 (POST /api/v1/staff/auth/login)",
    },
    "deviceKey": {
        "type": "apiKey",
        "in": "header",
        "name": "X-Device-Key",
        "description": "大厅设备 (取号机、显示屏) 的设备密钥，由 `yiwang device create` 发放",
    },
}
_SECURITY_OF: dict[PolicyKind, list[dict[str, list[str]]]] = {
    PolicyKind.PUBLIC: [],
    PolicyKind.CITIZEN: [{"citizenBearer": []}],
    PolicyKind.STAFF: [{"staffBearer": []}],
    PolicyKind.DEVICE: [{"deviceKey": []}],
    PolicyKind.CALLBACK: [],
}
_PATH_PARAMETER = re.compile(r"<([a-zA-Z_][a-zA-Z0-9_]*)(?::([^>]+))?>")


@dataclass(frozen=True)
class Operation:
    """One route and method, as the router has it."""

    method: str
    path: str  # Sanic's, e.g. "api/v1/halls/<hall_code:ref>/slots"
    handler: object
    patterns: Mapping[str, str]  # a path parameter's type label -> its regular expression
    blueprint: str | None


@dataclass(frozen=True)
class Info:
    title: str
    version: str
    description: str


def build_document(
    operations: Iterable[Operation],
    info: Info,
    policy_errors: Mapping[PolicyKind, Sequence[type[DomainError]]],
) -> dict[str, Any]:
    """The document for the declared operations (an undeclared one is left out; the route
    test fails on it)."""
    declared = [
        (operation, declaration, policy)
        for operation in operations
        if (declaration := declaration_of(operation.handler)) is not None
        and (policy := policy_of(operation.handler)) is not None
    ]
    schemas = _Schemas([d for _, d, _ in declared])
    paths: dict[str, dict[str, Any]] = defaultdict(dict)
    for operation, declaration, policy in sorted(declared, key=lambda d: (d[0].path, d[0].method)):
        errors = [*declaration.errors, *policy_errors.get(policy.kind, ())]
        paths[openapi_path(operation.path)][operation.method.lower()] = _operation(
            operation, declaration, policy, errors, schemas
        )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": info.title,
            "version": info.version,
            "description": info.description + "\n\n" + error_table(catalogue()),
        },
        "paths": dict(paths),
        "components": {
            "schemas": {**schemas.definitions, "Problem": PROBLEM_SCHEMA},
            "securitySchemes": SECURITY_SCHEMES,
        },
    }


def openapi_path(sanic_path: str) -> str:
    return "/" + _PATH_PARAMETER.sub(r"{\1}", sanic_path).lstrip("/")


def _operation(
    operation: Operation,
    declaration: Declaration,
    policy: Policy,
    errors: Sequence[type[DomainError]],
    schemas: _Schemas,
) -> dict[str, Any]:
    described: dict[str, Any] = {
        "operationId": _operation_id(operation),
        "summary": declaration.summary,
        "tags": [operation.blueprint or "ops"],
        "security": _SECURITY_OF[policy.kind],
        "responses": {
            **_successes(declaration, schemas),
            **_failures(_answerable_errors(operation, declaration, errors), declaration, schemas),
        },
    }
    if declaration.description:
        described["description"] = declaration.description
    if policy.kind is PolicyKind.CITIZEN and policy.min_level > 1:
        described["x-assurance-level"] = policy.min_level
    if policy.kind is PolicyKind.STAFF:
        described["x-staff-roles"] = sorted(policy.roles)
    parameters = [
        *_path_parameters(operation),
        *_query_parameters(declaration, schemas),
        *_header_parameters(declaration),
    ]
    if parameters:
        described["parameters"] = parameters
    if declaration.body is not None:
        described["requestBody"] = {
            "required": True,
            "content": {JSON: {"schema": schemas.ref(declaration.body, "validation")}},
        }
    elif declaration.raw_body is not None:
        described["requestBody"] = {
            "required": True,
            "description": declaration.raw_body.description,
            "content": {
                media: {"schema": {"type": "object" if media == JSON else "string"}}
                for media in declaration.raw_body.content_types
            },
        }
    return described


def _operation_id(operation: Operation) -> str:
    name = getattr(operation.handler, "__name__", "handler")
    return f"{operation.blueprint}_{name}" if operation.blueprint else name


def _answerable_errors(
    operation: Operation, declaration: Declaration, errors: Sequence[type[DomainError]]
) -> list[type[DomainError]]:
    """The route's own errors, its policy's, and what reading its input can answer."""
    found: list[type[DomainError]] = list(errors)
    if _PATH_PARAMETER.search(operation.path):
        # A path parameter outside its schema (pattern, integer, date) matches no route, so the
        # router answers before the route does.
        found.append(NotFound)
    for header in declaration.headers:
        found += header.errors
    if declaration.body is not None:
        found += [MalformedJSON, UnsupportedMediaType, ValidationFailed]
    # Every route: a query string holding U+0000 is refused (422) whatever the route reads,
    # and an outage of the database or Redis answers 503.
    found += [ValidationFailed, ServiceUnavailable]
    unique = {error.code: error for error in found}
    return sorted(unique.values(), key=lambda e: (e.status, e.code))


def _successes(declaration: Declaration, schemas: _Schemas) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    headers = {
        name: {"schema": {"type": "string"}, "description": meaning}
        for name, meaning in declaration.response_headers.items()
    }
    for status, shape in sorted(declaration.responses.items()):
        answer: dict[str, Any] = {"description": _describe_success(shape)}
        if isinstance(shape, Media):
            answer["content"] = {
                content_type: {"schema": {"type": "string"}} for content_type in shape.content_types
            }
        elif not isinstance(shape, NoContent):
            answer["content"] = {JSON: {"schema": schemas.ref(shape, "serialization")}}
        if headers:
            answer["headers"] = headers
        answers[str(status)] = answer
    return answers


def _describe_success(shape: type[BaseModel] | Media | NoContent) -> str:
    if isinstance(shape, Media | NoContent):
        return shape.description
    return _first_line(shape.__doc__) or shape.__name__


def _failures(
    errors: Sequence[type[DomainError]], declaration: Declaration, schemas: _Schemas
) -> dict[str, Any]:
    by_status: dict[int, list[type[DomainError]]] = defaultdict(list)
    for error in errors:
        by_status[error.status].append(error)
    if declaration.failure is not None:  # the caller's own failure format, not a problem
        content = {JSON: {"schema": schemas.ref(declaration.failure, "serialization")}}
        return {
            str(status): {
                "description": "；".join(f"`{e.code}` {e.title}" for e in group),
                "content": content,
            }
            for status, group in sorted(by_status.items())
        }
    return {
        str(status): {
            "description": "；".join(f"`{e.code}` {e.title}" for e in group),
            "content": {
                PROBLEM_JSON: {
                    "schema": {"$ref": REF.format(model="Problem")},
                    "examples": {e.code: _example(e) for e in group},
                }
            },
        }
        for status, group in sorted(by_status.items())
    }


def _example(error: type[DomainError]) -> dict[str, Any]:
    return {
        "summary": error.title,
        "description": error.when,
        "value": {
            "type": f"urn:yiwang:problem:{error.code}",
            "title": error.title,
            "status": error.status,
            "code": error.code,
            "detail": error.title,
            "request_id": "req-example",
            **error.extensions,
        },
    }


def _path_parameters(operation: Operation) -> list[dict[str, Any]]:
    parameters = []
    for match in _PATH_PARAMETER.finditer(operation.path):
        name, label = match.group(1), match.group(2) or "str"
        parameters.append(
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": _path_schema(label, operation.patterns.get(label)),
            }
        )
    return parameters


def _path_schema(label: str, pattern: str | None) -> dict[str, Any]:
    if label == "int":
        return {"type": "integer"}
    if label == "ymd":
        return {"type": "string", "format": "date"}
    if "|" in label:
        return {"type": "string", "enum": label.split("|")}
    schema: dict[str, Any] = {"type": "string"}
    if pattern:
        schema["pattern"] = "^" + pattern.strip("^$") + "$"
    return schema


def _query_parameters(declaration: Declaration, schemas: _Schemas) -> list[dict[str, Any]]:
    if declaration.query is None:
        return []
    schema = declaration.query.model_json_schema(ref_template=REF, mode="validation")
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": {k: v for k, v in field.items() if k != "title"},
            **({"description": field["description"]} if "description" in field else {}),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def _header_parameters(declaration: Declaration) -> list[dict[str, Any]]:
    parameters = []
    for header in declaration.headers:
        schema: dict[str, Any] = {"type": "string"}
        if header.max_length:
            schema["maxLength"] = header.max_length
        parameter: dict[str, Any] = {
            "name": header.name,
            "in": "header",
            "required": header.required,
            "description": header.description,
            "schema": schema,
        }
        if header.example:
            parameter["example"] = header.example
        parameters.append(parameter)
    return parameters


class _Schemas:
    """Every model the declarations name, as components; a model whose request and answer
    forms differ gets two (pydantic names them `-Input` and `-Output`)."""

    def __init__(self, declarations: Sequence[Declaration]) -> None:
        wanted: set[tuple[type[BaseModel], JsonSchemaMode]] = set()
        for declaration in declarations:
            if declaration.body is not None:
                wanted.add((declaration.body, "validation"))
            for shape in declaration.responses.values():
                if isinstance(shape, type) and issubclass(shape, BaseModel):
                    wanted.add((shape, "serialization"))
            if declaration.failure is not None:
                wanted.add((declaration.failure, "serialization"))
        ordered = sorted(wanted, key=lambda w: (w[0].__module__, w[0].__qualname__, w[1]))
        self._refs, top = models_json_schema(ordered, ref_template=REF)
        self.definitions: dict[str, Any] = top.get("$defs", {})

    def ref(self, model: type[BaseModel], mode: Literal["validation", "serialization"]) -> Any:
        return self._refs[(model, mode)]


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem details; `code` is stable, `title` is Chinese.",
    "required": ["type", "title", "status", "code", "detail", "request_id"],
    "properties": {
        "type": {"type": "string", "examples": ["urn:yiwang:problem:booking.slot_full"]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "detail": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "request.validation_failed: the fields at fault (the first 20)",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
    "additionalProperties": True,
}


def error_table(entries: Iterable[CatalogueEntry]) -> str:
    """The error catalogue as a Markdown table (the document's description shows it)."""
    rows = [f"| `{e.code}` | {e.status} | {e.title} | {e.when} |" for e in entries]
    return "\n".join(
        [
            "## 错误码 (error codes)",
            "",
            "| code | status | title | when |",
            "|---|---|---|---|",
            *rows,
        ]
    )


def _first_line(text: str | None) -> str | None:
    return text.strip().splitlines()[0] if text and text.strip() else None
