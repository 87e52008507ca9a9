"""The schema comes from the committed migrations, on both dialects."""

from __future__ import annotations

import pytest
from tortoise import connections

from api.kit.db import APP_LABEL
from api.schema import migration_files, pending_migrations


@pytest.mark.postgres
async def test_postgres_session_database_was_built_by_the_migrations(settings, clean) -> None:
    assert await pending_migrations(settings.db_url) == []
    rows = await connections.get("default").execute_query_dict(
        "SELECT version FROM aerich WHERE app = $1 ORDER BY id", [APP_LABEL]
    )
    assert [row["version"] for row in rows] == migration_files("postgres")


async def test_session_database_has_no_pending_migration(settings, clean) -> None:
    assert await pending_migrations(settings.db_url) == []


def test_both_dialects_have_the_same_migration_history() -> None:
    def numbered(dialect: str) -> list[str]:
        return [name.split("_", 1)[0] + name.split("_", 2)[-1] for name in migration_files(dialect)]

    assert migration_files("postgres")
    assert numbered("postgres") == numbered("sqlite")
