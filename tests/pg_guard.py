"""PostgreSQL-only tests: skipped with a reason on SQLite, a failure where PostgreSQL is required.

CI sets YIWANG_TEST_REQUIRE_POSTGRES=1, so a test marked `postgres` that does not run there
(no database URL, or a skip inside the test) fails the run instead of passing silently.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

SKIP_REASON = "needs PostgreSQL semantics: set YIWANG_TEST_DATABASE_URL"


def on_postgres() -> bool:
    return bool(os.environ.get("YIWANG_TEST_DATABASE_URL"))


def postgres_required() -> bool:
    return os.environ.get("YIWANG_TEST_REQUIRE_POSTGRES") == "1"


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") and not on_postgres():
        if postgres_required():
            pytest.fail(f"PostgreSQL-only test cannot run: {SKIP_REASON}", pytrace=False)
        pytest.skip(SKIP_REASON)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.skipped and item.get_closest_marker("postgres") and postgres_required():
        report.outcome = "failed"
        report.longrepr = (
            f"PostgreSQL-only test skipped where PostgreSQL is required: {call.excinfo}"
        )
    return report
