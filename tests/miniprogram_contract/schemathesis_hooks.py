"""schemathesis hooks for tests/miniprogram_contract/test_schemathesis.py (the run loads this
module through SCHEMATHESIS_HOOKS).

schemathesis checks an answer's status and schema; every problem shares one schema, so it
cannot see a problem `code` the route does not declare. This check can: the same rule as the
suite's contract watch (tests/contract_watch.py, tests/declared_errors.py), applied to the
fuzzer's answers.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis import Case, CheckContext, Response

from tests.declared_errors import PROBLEM, problem_violation


@schemathesis.check
def declared_problem_code(ctx: CheckContext, response: Response, case: Case[Any]) -> None:
    if case.method.upper() != case.operation.method.upper():
        return  # schemathesis's probe of a method the route does not have: the router answers
    media = (response.headers.get("content-type") or [""])[0].split(";")[0].strip()
    if media != PROBLEM:
        return
    violation = problem_violation(
        case.operation.definition.raw, response.status_code, response.json().get("code")
    )
    if violation:
        raise AssertionError(violation)
