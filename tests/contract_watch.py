"""Every answer the test servers give is checked against the route's declared contract.

The apps the suite makes carry a response middleware that looks each answer up in the app's
own OpenAPI document (the one `/openapi.json` serves): the status must be declared for the
route, a problem's `code` must be among the errors declared for that status, and a JSON
success must validate against the declared schema. A violation is recorded, and the fixture
in conftest fails the test that caused it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator
from sanic import Request
from sanic.response import BaseHTTPResponse

from api.context import YiwangApp
from api.contract import contract_document
from api.kit.masking import mask_text
from api.kit.openapi import openapi_path
from tests.declared_errors import PROBLEM, problem_violation

JSON = "application/json"


@dataclass
class ContractWatch:
    app: YiwangApp
    violations: list[str] = field(default_factory=list)
    # 500s: bugs, unless the test provokes one on purpose (`logs_error_traceback`).
    server_errors: list[str] = field(default_factory=list)
    _document: dict[str, Any] | None = None
    _validators: dict[str, Draft202012Validator] = field(default_factory=dict)

    def install(self) -> None:
        self.app.register_middleware(self._check, "response", priority=-1000)

    async def _check(self, request: Request, response: BaseHTTPResponse) -> None:
        if request.route is None or not hasattr(response, "body") or response.body is None:
            return  # no route (the router's 404/405), or a stream
        problem = self.violation(
            request.method,
            openapi_path(request.route.path),
            response.status,
            response.content_type or "",
            response.body,
        )
        if problem:
            found = self.server_errors if response.status == 500 else self.violations
            found.append(f"{request.method} {request.path}: {problem}")

    @property
    def document(self) -> dict[str, Any]:
        if self._document is None:
            self._document = contract_document(self.app.router, self.app.ctx)
        return self._document

    def violation(
        self, method: str, path: str, status: int, content_type: str, body: bytes
    ) -> str | None:
        operation = self.document["paths"].get(path, {}).get(method.lower())
        if operation is None:
            return None  # an unpublished route (sandboxes, metrics, docs)
        media = content_type.split(";")[0].strip()
        if media == PROBLEM:
            return self._problem_violation(operation, status, body)
        answer = operation["responses"].get(str(status))
        if answer is None:
            return f"status {status} is not declared"
        declared = answer.get("content", {})
        if not declared:
            return None if not body else f"status {status} declares no body"
        if media not in declared:
            return f"{media} is not declared for {status} (only {', '.join(declared)})"
        if media == JSON:
            return self._schema_violation(declared[JSON]["schema"], body)
        return None

    def _problem_violation(self, operation: dict[str, Any], status: int, body: bytes) -> str | None:
        return problem_violation(operation, status, json.loads(body).get("code"))

    def _schema_violation(self, schema: dict[str, Any], body: bytes) -> str | None:
        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            rooted = {**schema, "components": self.document["components"]}
            validator = self._validators[key] = Draft202012Validator(rooted)
        errors = sorted(validator.iter_errors(json.loads(body)), key=lambda e: list(e.path))
        if errors:
            where = "/".join(str(p) for p in errors[0].path) or "(root)"
            return (
                f"answer does not fit its schema at {where}: {mask_text(errors[0].message)[:200]}"
            )
        return None
