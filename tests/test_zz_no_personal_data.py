"""Runs last (by name): the whole suite stored and logged no personal data in the clear."""

from __future__ import annotations

import asyncio
import shutil
from urllib.parse import urlsplit

from tests.personal_data import PersonalDataWatch
from tests.pg_guard import on_postgres


def test_the_scanner_finds_what_it_looks_for() -> None:
    probe = PersonalDataWatch()
    assert probe.scan_text("probe", "call 13812345678 about 11010519491231002X") == 2
    assert probe.scan_text("probe", "138****5678 1101**********002X ses_13812a") == 0
    assert all("****" in finding for finding in probe.findings)


async def test_no_personal_data_in_the_database_or_the_logs(
    personal_data_watch: PersonalDataWatch, make_app, settings, clean
) -> None:
    watch = personal_data_watch
    for app in make_app.made:
        app.ctx.access_log.flush()
    watch.scan_logs()
    if on_postgres() and shutil.which("pg_dump"):
        url = urlsplit(settings.db_url)
        process = await asyncio.create_subprocess_exec(
            "pg_dump",
            "--no-owner",
            "-h",
            url.hostname or "127.0.0.1",
            "-p",
            str(url.port or 5432),
            "-U",
            url.username or "postgres",
            url.path.lstrip("/"),
            stdout=asyncio.subprocess.PIPE,
        )
        output, _ = await process.communicate()
        assert process.returncode == 0
        dump = output.decode("utf-8")
        assert "CREATE TABLE public.person" in dump
        watch.scan_text("pg_dump", dump)
    # The suite really stored persons and bindings, and really logged requests.
    assert {"person", "binding", "audit_event", "auth_session"} <= watch.tables_scanned
    assert watch.rows_scanned > 100
    assert '"route":"/api/v1/auth/phone"' in watch.logs.getvalue()
    assert watch.findings == []
