"""`yiwang` as operators run it: real subprocesses, real exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from api.schema import migration_files

ROOT = Path(__file__).resolve().parents[2]


def yiwang(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, code: str | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("YIWANG_")}
    base["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "api.cli", *args]
    return subprocess.run(
        command,
        env={**base, **(env or {})},
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_serve_with_nothing_configured_exits_naming_every_setting(tmp_path) -> None:
    result = yiwang("serve", env={"YIWANG_ENV": "production"}, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    for name in (
        "YIWANG_DATABASE_URL",
        "YIWANG_REDIS_URL",
        "YIWANG_TOKEN_SIGNING_KEY",
        "YIWANG_VAULT_KEY",
        "YIWANG_BLIND_INDEX_KEY",
    ):
        assert name in result.stderr
    assert not (tmp_path / "var").exists()


def test_migrate_then_check_then_demo_on_the_private_postgres(tmp_path) -> None:
    env = {"YIWANG_VAR_DIR": str(tmp_path / "var")}
    unmigrated = yiwang("check", env=env)
    assert unmigrated.returncode == 5, unmigrated.stdout + unmigrated.stderr
    assert "pending" in unmigrated.stdout
    first = yiwang("migrate", env=env)
    expected = len(migration_files())
    assert first.returncode == 0 and f"applied {expected} migration" in first.stdout, first.stderr
    again = yiwang("migrate", env=env)
    assert again.returncode == 0 and "applied 0 migration" in again.stdout
    checked = yiwang("check", env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "migrations: up to date" in checked.stdout
    first_demo = yiwang("demo", env=env)
    assert first_demo.returncode == 0 and "'identity': 3" in first_demo.stdout, first_demo.stderr
    again = yiwang("demo", env=env)
    assert again.returncode == 0 and "'identity': 0" in again.stdout  # idempotent
    assert "'booking': 0" in again.stdout


def test_check_exit_codes_name_what_failed(tmp_path) -> None:
    var = str(tmp_path / "var")
    bad_settings = yiwang("check", env={"YIWANG_VAR_DIR": var, "YIWANG_PORT": "eighty"})
    assert bad_settings.returncode == 2 and "YIWANG_PORT" in bad_settings.stderr
    no_database = yiwang(
        "check",
        env={"YIWANG_VAR_DIR": var, "YIWANG_DATABASE_URL": "postgres://nobody@127.0.0.1:9/x"},
    )
    assert no_database.returncode == 3, no_database.stdout + no_database.stderr
    assert "database: unreachable" in no_database.stdout
    yiwang("migrate", env={"YIWANG_VAR_DIR": var})
    no_redis = yiwang(
        "check", env={"YIWANG_VAR_DIR": var, "YIWANG_REDIS_URL": "redis://127.0.0.1:9/0"}
    )
    assert no_redis.returncode == 4, no_redis.stdout + no_redis.stderr


def test_embedded_serve_refuses_several_workers(tmp_path) -> None:
    result = yiwang("serve", "--workers", "2", env={"YIWANG_VAR_DIR": str(tmp_path / "var")})
    assert result.returncode == 2
    assert "in-process Redis" in result.stderr


def test_committed_migrations_match_the_models() -> None:
    result = yiwang("makemigrations", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "migrations match the models" in result.stdout


def test_a_model_without_a_migration_fails_the_check() -> None:
    code = (
        "import sys, api.lifecycle as lifecycle\n"
        "lifecycle.MODEL_MODULES += ('tests.api.unmigrated_models',)\n"
        "from api.cli import main\n"
        "sys.exit(main(['makemigrations', '--check']))\n"
    )
    result = yiwang(code=code)
    assert result.returncode == 5, result.stdout + result.stderr
    assert "unmigrated" in result.stdout


PUBLISH = """
import asyncio, sys
from pathlib import Path
from api.kit.db import start_database, stop_database
from api.kit.private_postgres import with_private_database
from api.kit.settings import load_settings
from api.lifecycle import MODEL_MODULES
from auth.keys import vault_from_settings
from notify.service import Notifier

async def main():
    settings = with_private_database(load_settings())
    await start_database(settings.db_url, MODEL_MODULES)
    notifier = Notifier(vault_from_settings(settings))
    event = await notifier.publish("auth.code", dedupe_key="cli:1", data={"code": "123456"},
                                   phone="13800009999")
    print(event.public_id)
    await stop_database()

asyncio.run(main())
"""


def test_notify_show_and_redrive(tmp_path) -> None:
    env = {"YIWANG_VAR_DIR": str(tmp_path / "var"), "YIWANG_SMS_BASE_URL": "http://127.0.0.1:9"}
    assert yiwang("migrate", env=env).returncode == 0
    published = yiwang(code=PUBLISH, env=env)
    assert published.returncode == 0, published.stderr
    event_id = published.stdout.strip()
    shown = yiwang("notify", "show", event_id, env=env)
    assert shown.returncode == 0 and " sms " in shown.stdout and "created" in shown.stdout
    assert "13800009999" not in shown.stdout
    assert yiwang("notify", "show", "evt_nothing", env=env).returncode == 1
    redriven = yiwang("notify", "redrive", env=env)
    assert redriven.returncode == 0 and "re-drove 0" in redriven.stdout
    listed = yiwang("notify", "dead", env=env)
    assert listed.returncode == 0 and "0 dead deliveries shown" in listed.stdout
