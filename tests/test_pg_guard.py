"""In CI a PostgreSQL-only test that does not run is a failure, never a silent skip."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

INNER_TESTS = """
import pytest

@pytest.mark.postgres
def test_needs_postgres():
    assert True

@pytest.mark.postgres
def test_skips_itself():
    pytest.skip("no row locks here")
"""


@pytest.fixture
def inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    pytester.makeconftest(
        "from tests.pg_guard import pytest_runtest_makereport, pytest_runtest_setup\n"
    )
    pytester.makeini("[pytest]\nmarkers =\n    postgres: needs PostgreSQL\n")
    pytester.makepyfile(INNER_TESTS)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    return pytester


def test_without_postgres_they_skip_with_a_reason(inner, monkeypatch) -> None:
    monkeypatch.delenv("YIWANG_TEST_DATABASE_URL", raising=False)
    monkeypatch.delenv("YIWANG_TEST_REQUIRE_POSTGRES", raising=False)
    result = inner.runpytest_subprocess("-rs")
    result.assert_outcomes(skipped=2)
    result.stdout.fnmatch_lines(["*needs PostgreSQL semantics*"])


def test_where_postgres_is_required_a_skip_fails_the_run(inner, monkeypatch) -> None:
    monkeypatch.delenv("YIWANG_TEST_DATABASE_URL", raising=False)
    monkeypatch.setenv("YIWANG_TEST_REQUIRE_POSTGRES", "1")
    result = inner.runpytest_subprocess()
    assert result.ret != 0
    outcomes = result.parseoutcomes()
    assert outcomes.get("skipped", 0) == 0
    assert outcomes.get("failed", 0) + outcomes.get("errors", 0) == 2


def test_a_postgres_test_that_skips_itself_fails_where_required(inner, monkeypatch) -> None:
    monkeypatch.setenv("YIWANG_TEST_DATABASE_URL", "postgres://unused@127.0.0.1:9/x")
    monkeypatch.setenv("YIWANG_TEST_REQUIRE_POSTGRES", "1")
    result = inner.runpytest_subprocess()
    result.assert_outcomes(passed=1, failed=1)
