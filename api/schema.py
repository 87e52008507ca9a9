"""The database schema, built only from the committed aerich migrations.

One migration history, for PostgreSQL, under `migrations/` (it starts from a squashed
baseline). `yiwang makemigrations NAME` writes the next migration from the models;
`yiwang makemigrations --check` fails when the models have changed without one (the test suite
runs it), and `yiwang migrate` applies what is pending.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from aerich import Command
from aerich.models import Aerich
from tortoise.exceptions import OperationalError

from api.kit.db import APP_LABEL, database_of_this_task, tortoise_config
from api.lifecycle import MODEL_MODULES

MIGRATIONS_ROOT = Path(__file__).resolve().parent.parent / "migrations"
# Offline generation never connects; the URL only names the SQL dialect.
_OFFLINE_URL = "postgres://offline@127.0.0.1:1/offline"


def _command(db_url: str, where: Path) -> Command:
    return Command(
        tortoise_config=tortoise_config(db_url, MODEL_MODULES), app=APP_LABEL, location=str(where)
    )


async def apply_migrations(db_url: str) -> list[str]:
    """Apply every pending migration; return the files applied."""
    # aerich uses whatever Tortoise context is current when one is: this task's own, on this
    # URL, never another's that happens to be global (the test suite's, for an in-process run).
    async with (
        database_of_this_task(db_url, MODEL_MODULES),
        _command(db_url, MIGRATIONS_ROOT) as command,
    ):
        await command.init()
        return await command.upgrade(run_in_transaction=True)


def migration_files() -> list[str]:
    files = [
        path.name
        for path in (MIGRATIONS_ROOT / APP_LABEL).glob("*.py")
        if path.stem.split("_", 1)[0].isdigit()
    ]
    return sorted(files, key=lambda name: int(name.split("_", 1)[0]))


async def pending_migrations() -> list[str]:
    """Migration files not yet applied; the database must be started (`start_database`)."""
    try:
        applied = set(await Aerich.filter(app=APP_LABEL).values_list("version", flat=True))
    except OperationalError:  # no aerich table yet: nothing applied
        applied = set()
    return [name for name in migration_files() if name not in applied]


async def make_migration(name: str, where: Path = MIGRATIONS_ROOT) -> str | None:
    """Write the next migration; None when the models have not changed."""
    # The models loaded without connecting, in this task's own context (see apply_migrations).
    async with database_of_this_task(_OFFLINE_URL, MODEL_MODULES, connect=False):
        return await _write_migration(_command(_OFFLINE_URL, where), name, where)


async def _write_migration(command: Command, name: str, where: Path) -> str | None:
    # Not `async with command`: entering it runs its online init, which would connect.
    try:
        if not any((where / APP_LABEL).glob("*.py")):
            await command.init_migrations(safe=True)
            return "initial"
        await command.init(offline=True)
        written = await command.migrate(name, no_input=True, offline=True)
        return written or None
    finally:
        await command.aclose()


async def unmigrated_changes() -> str | None:
    """What `make_migration` would write, computed on a throw-away copy of the migrations."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "migrations"
        if (MIGRATIONS_ROOT / APP_LABEL).exists():
            shutil.copytree(MIGRATIONS_ROOT / APP_LABEL, copy / APP_LABEL)
        before = set((copy / APP_LABEL).glob("*.py"))
        written = await make_migration("check", where=copy)
        if written is None:
            return None
        # The file this check wrote (not the "last" by name: 9_ sorts after 10_).
        new = sorted(set((copy / APP_LABEL).glob("*.py")) - before)
        return new[0].read_text(encoding="utf-8") if new else written
