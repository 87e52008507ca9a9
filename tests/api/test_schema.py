"""The schema comes from the committed migrations."""

from __future__ import annotations

from tortoise import connections

from api.kit.db import APP_LABEL
from api.schema import migration_files, pending_migrations


async def test_session_database_was_built_by_the_migrations(clean) -> None:
    assert await pending_migrations() == []
    rows = await connections.get("default").execute_query_dict(
        "SELECT version FROM aerich WHERE app = $1 ORDER BY id", [APP_LABEL]
    )
    assert [row["version"] for row in rows] == migration_files()
