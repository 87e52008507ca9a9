"""Whether a problem's `code` is one its route declares: the rule the suite's contract watch
(tests/contract_watch.py) and the schemathesis run (tests/miniprogram_contract/) share. It
imports nothing of the service, so the fuzzer's hooks load it quickly."""

from __future__ import annotations

from typing import Any

PROBLEM = "application/problem+json"
# Answers the HTTP layer gives before a route's own code runs, for any route.
ANY_ROUTE = {
    "http.payload_too_large",
    "http.header_fields_too_large",
    "http.request_timeout",
    "http.response_timeout",  # a body that stopped arriving: the server gives up on any route
    "http.client_closed_request",
    "http.bad_request",
}


def problem_violation(operation: dict[str, Any], status: int, code: object) -> str | None:
    """What is wrong with answering `operation` (of the OpenAPI document) with a problem of
    `status` and `code`, if anything: the document lists each declared error as an example of
    its status's answer."""
    if status == 500:
        return f"500 {code}: a bug"
    if code in ANY_ROUTE:
        return None
    answer = operation["responses"].get(str(status))
    examples = (answer or {}).get("content", {}).get(PROBLEM, {}).get("examples", {})
    if code not in examples:
        return f"{status} {code} is not among the route's declared errors"
    return None
