"""`yiwang` as operators run it: exit codes and output, through `main` in this process (see
tests/yiwang_cli.py), and once as a real subprocess on its own private PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api import schema
from api.schema import migration_files
from notify.service import Notifier
from tests.conftest import free_port
from tests.yiwang_cli import ROOT, on_database, yiwang


def test_production_serve_with_nothing_configured_exits_naming_every_setting(tmp_path) -> None:
    result = yiwang(
        "serve", env={"YIWANG_ENV": "production", "YIWANG_VAR_DIR": str(tmp_path / "var")}
    )
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


def test_migrate_then_check_then_demo(scratch_database_url, redis_url, tmp_path) -> None:
    env = {
        "YIWANG_VAR_DIR": str(tmp_path / "var"),
        "YIWANG_DATABASE_URL": scratch_database_url,
        "YIWANG_REDIS_URL": redis_url,
    }
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
    # Three staff accounts and three devices (a kiosk, a display, an evaluation pad).
    assert first_demo.returncode == 0 and "'identity': 6" in first_demo.stdout, first_demo.stderr
    assert "'approval': 40" in first_demo.stdout  # the demo catalogue
    again = yiwang("demo", env=env)
    assert again.returncode == 0 and "'identity': 0" in again.stdout  # idempotent
    assert "'booking': 0" in again.stdout
    synced = yiwang("catalog", "sync", env=env)  # the embedded engine publishes the same items
    assert synced.returncode == 0 and "added 0, updated 0, withdrawn 0" in synced.stdout
    unreachable = yiwang(
        "catalog",
        "sync",
        env={
            **env,
            "YIWANG_CORE_GATEWAY": "http",
            "YIWANG_CORE_BASE_URL": f"http://127.0.0.1:{free_port()}",
        },
    )
    assert unreachable.returncode == 7, unreachable.stdout + unreachable.stderr


def test_check_exit_codes_name_what_failed(scratch_database_url, tmp_path) -> None:
    var = str(tmp_path / "var")
    bad_settings = yiwang("check", env={"YIWANG_VAR_DIR": var, "YIWANG_PORT": "eighty"})
    assert bad_settings.returncode == 2 and "YIWANG_PORT" in bad_settings.stderr
    no_database = yiwang(
        "check",
        env={"YIWANG_VAR_DIR": var, "YIWANG_DATABASE_URL": "postgres://nobody@127.0.0.1:9/x"},
    )
    assert no_database.returncode == 3, no_database.stdout + no_database.stderr
    assert "database: unreachable" in no_database.stdout
    migrated = {"YIWANG_VAR_DIR": var, "YIWANG_DATABASE_URL": scratch_database_url}
    assert yiwang("migrate", env=migrated).returncode == 0
    no_redis = yiwang("check", env={**migrated, "YIWANG_REDIS_URL": "redis://127.0.0.1:9/0"})
    assert no_redis.returncode == 4, no_redis.stdout + no_redis.stderr


def test_embedded_serve_refuses_several_workers_before_starting_anything(tmp_path) -> None:
    result = yiwang("serve", "--workers", "2", env={"YIWANG_VAR_DIR": str(tmp_path / "var")})
    assert result.returncode == 2
    assert "in-process Redis" in result.stderr
    assert not (tmp_path / "var" / "postgres").exists()  # no private cluster was started


def test_committed_migrations_match_the_models() -> None:
    result = yiwang("makemigrations", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "migrations match the models" in result.stdout


def test_a_model_without_a_migration_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        schema, "MODEL_MODULES", (*schema.MODEL_MODULES, "tests.api.unmigrated_models")
    )
    result = yiwang("makemigrations", "--check")
    assert result.returncode == 5, result.stdout + result.stderr
    assert "unmigrated" in result.stdout


def test_notify_show_and_redrive(scratch_database_url, settings, tmp_path) -> None:
    env = {
        "YIWANG_VAR_DIR": str(tmp_path / "var"),
        "YIWANG_DATABASE_URL": scratch_database_url,
        "YIWANG_SMS_BASE_URL": "http://127.0.0.1:9",
    }
    assert yiwang("migrate", env=env).returncode == 0
    notifier = Notifier(settings_vault(settings, tmp_path))
    event = on_database(
        scratch_database_url,
        lambda: notifier.publish(
            "auth.code", dedupe_key="cli:1", data={"code": "123456"}, phone="13800009999"
        ),
    )
    shown = yiwang("notify", "show", event.public_id, env=env)
    assert shown.returncode == 0 and " sms " in shown.stdout and "created" in shown.stdout
    assert "13800009999" not in shown.stdout
    assert yiwang("notify", "show", "evt_nothing", env=env).returncode == 1
    redriven = yiwang("notify", "redrive", env=env)
    assert redriven.returncode == 0 and "re-drove 0" in redriven.stdout
    listed = yiwang("notify", "dead", env=env)
    assert listed.returncode == 0 and "0 dead deliveries shown" in listed.stdout


def settings_vault(settings, var_dir: Path):
    """The vault `yiwang` itself uses with this var directory (its dev keys live there)."""
    from auth.keys import vault_from_settings

    return vault_from_settings(settings.model_copy(update={"var_dir": var_dir / "var"}))


def test_the_installed_command_migrates_and_checks_its_private_postgres(tmp_path) -> None:
    """The one real subprocess: `python -m api.cli` as installed, on the private cluster it
    starts under the var directory and stops when it exits."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("YIWANG_")}
    env.update({"PYTHONPATH": str(ROOT), "YIWANG_VAR_DIR": str(tmp_path / "var")})

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "api.cli", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    migrated = run("migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert f"applied {len(migration_files())} migration" in migrated.stdout
    checked = run("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "migrations: up to date" in checked.stdout
    assert not (tmp_path / "var" / "postgres" / "postmaster.pid").exists()  # stopped with it
