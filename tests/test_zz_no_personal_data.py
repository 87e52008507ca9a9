"""Runs last (by name): the whole suite stored and logged no personal data in the clear."""

from __future__ import annotations

import asyncio
import os
import shutil
from urllib.parse import urlsplit

import httpx

from tests.auth.conftest import bearer, mini_program_sign_in, register_citizen, sign_in_by_phone
from tests.personal_data import PersonalDataWatch
from tests.pg_guard import on_postgres

PERSON = {"phone": "13912345670", "name": "郑小明", "id_number": "360426199101010071"}
PERSON_NAME = {"name": PERSON["name"], "id_number": PERSON["id_number"]}


def test_the_scanner_finds_what_it_looks_for() -> None:
    probe = PersonalDataWatch()
    assert probe.scan_text("probe", "call 13812345678 about 11010519491231002X") == 2
    assert probe.scan_text("probe", "138****5678 1101**********002X ses_13812a") == 0
    assert all("****" in finding for finding in probe.findings)


async def a_person_on_every_channel(client: httpx.AsyncClient) -> None:
    """Left in the database for the dump: a phone, a verified real name, WeChat bindings."""
    await register_citizen(client, PERSON["name"], PERSON["id_number"])
    tokens = await sign_in_by_phone(client, PERSON["phone"])
    verified = await client.post("/api/v1/me/real-name", json=PERSON_NAME, headers=bearer(tokens))
    assert verified.status_code == 200, verified.text
    await mini_program_sign_in(client, "o-last-test", "u-last-test")


async def test_no_personal_data_in_the_database_or_the_logs(
    personal_data_watch: PersonalDataWatch, make_app, settings, client
) -> None:
    await a_person_on_every_channel(client)
    watch = personal_data_watch
    for app in make_app.made:
        app.ctx.access_log.flush()
    watch.scan_logs()
    await watch.scan_database("the last test")
    if on_postgres() and os.environ.get("YIWANG_TEST_REQUIRE_POSTGRES"):
        assert shutil.which("pg_dump"), "the dump check needs pg_dump (postgresql-client)"
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
        person_rows = dump.split("COPY public.person ", 1)[1].split("\\.", 1)[0]
        assert person_rows.count("\n") >= 2  # the header line and the person's row
        for plain in PERSON.values():
            assert plain not in dump, "a plaintext value of the last test's person"
        watch.scan_text("pg_dump", dump)
    # The suite really stored persons and bindings, and really logged requests.
    assert {"person", "binding", "audit_event", "auth_session"} <= watch.tables_scanned
    assert watch.rows_scanned > 100
    assert '"route":"/api/v1/auth/phone"' in watch.logs.getvalue()
    assert watch.findings == []
