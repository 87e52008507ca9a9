"""The database schema, built only from the committed aerich migrations.

aerich writes dialect-specific SQL, so there is one migration set per dialect:
`migrations/postgres` and `migrations/sqlite`. `yiwang makemigrations NAME` writes the next
migration of both from the models; `yiwang makemigrations --check` fails when the models have
changed without one (the test suite runs it), and `yiwang migrate` applies what is pending.

aerich and Tortoise keep process-wide state, so each dialect's generation runs in its own
process (see `api.cli`).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from aerich import Command
from aerich.models import Aerich
from tortoise.exceptions import OperationalError

from api.kit.db import APP_LABEL, dialect_of, ensure_sqlite_directory, tortoise_config
from api.lifecycle import MODEL_MODULES

MIGRATIONS_ROOT = Path(__file__).resolve().parent.parent / "migrations"
DIALECTS = ("postgres", "sqlite")
# Offline generation never connects; these URLs only choose the SQL dialect.
_OFFLINE_URLS = {
    "postgres": "postgres://offline@127.0.0.1:1/offline",
    "sqlite": "sqlite://:memory:",
}


def location(dialect: str, root: Path = MIGRATIONS_ROOT) -> Path:
    return root / dialect


def _command(db_url: str, where: Path) -> Command:
    return Command(
        tortoise_config=tortoise_config(db_url, MODEL_MODULES), app=APP_LABEL, location=str(where)
    )


async def apply_migrations(db_url: str) -> list[str]:
    """Apply every pending migration of the URL's dialect; return the files applied."""
    ensure_sqlite_directory(db_url)
    async with _command(db_url, location(dialect_of(db_url))) as command:
        await command.init()
        return await command.upgrade(run_in_transaction=True)


def migration_files(dialect: str) -> list[str]:
    files = [
        path.name
        for path in (location(dialect) / APP_LABEL).glob("*.py")
        if path.stem.split("_", 1)[0].isdigit()
    ]
    return sorted(files, key=lambda name: int(name.split("_", 1)[0]))


async def pending_migrations(db_url: str) -> list[str]:
    """Migration files not yet applied; the database must be started (`start_database`)."""
    try:
        applied = set(await Aerich.filter(app=APP_LABEL).values_list("version", flat=True))
    except OperationalError:  # no aerich table yet: nothing applied
        applied = set()
    return [name for name in migration_files(dialect_of(db_url)) if name not in applied]


async def make_migration(dialect: str, name: str, root: Path = MIGRATIONS_ROOT) -> str | None:
    """Write the next migration for one dialect; None when the models have not changed."""
    where = location(dialect, root)
    # Not `async with`: entering the command runs its online init, which would connect.
    command = _command(_OFFLINE_URLS[dialect], where)
    try:
        if not any((where / APP_LABEL).glob("*.py")):
            await command.init_migrations(safe=True)
            return "initial"
        await command.init(offline=True)
        written = await command.migrate(name, no_input=True, offline=True)
        return written or None
    finally:
        await command.aclose()


async def unmigrated_changes(dialect: str) -> str | None:
    """What `make_migration` would write, computed on a throw-away copy of the migrations."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "migrations"
        if location(dialect).exists():
            shutil.copytree(location(dialect), copy / dialect)
        before = set((copy / dialect / APP_LABEL).glob("*.py"))
        written = await make_migration(dialect, "check", root=copy)
        if written is None:
            return None
        # The file this check wrote (not the "last" by name: 9_ sorts after 10_).
        new = sorted(set((copy / dialect / APP_LABEL).glob("*.py")) - before)
        return new[0].read_text(encoding="utf-8") if new else written
