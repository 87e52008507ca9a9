"""Consent ledger, account deletion, the append-only audit log, key rotation."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import asyncpg
import httpx
import pytest
from tortoise import connections
from tortoise.exceptions import OperationalError

from auth.audit import purge_audit_events
from auth.jobs import reseal_all
from auth.models import AuditEvent, Binding, Consent, Person, PersonStatus
from auth.vault import Vault, VaultKey
from tests.auth.conftest import (
    POLICY,
    bearer,
    last_sms_code,
    let_a_minute_pass,
    me,
    new_phone,
    policy_version,
    sign_in_by_phone,
)
from tests.yiwang_cli import yiwang

ROOT = Path(__file__).resolve().parents[2]


async def test_a_new_policy_version_must_be_accepted_to_sign_in(
    client, make_app, start_server, clean
) -> None:
    phone = new_phone()
    await sign_in_by_phone(client, phone)
    newer = await start_server(make_app(privacy_policy_version="2027-01"))
    async with httpx.AsyncClient(base_url=newer.url) as http:
        await let_a_minute_pass(clean.redis)
        await http.post("/api/v1/auth/sms-code", json={"phone": phone})
        code = await last_sms_code(http, phone)
        refused = await http.post("/api/v1/auth/phone", json={"phone": phone, "code": code})
        assert refused.status_code == 403 and refused.json()["policy_version"] == "2027-01"
        accepted = await http.post(
            "/api/v1/auth/phone",
            json={"phone": phone, "code": code, "privacy_policy_version": "2027-01"},
        )
        assert accepted.status_code == 200
    versions = await Consent.all().order_by("accepted_at").values_list("policy_version", flat=True)
    assert versions == [POLICY, "2027-01"]


async def test_account_deletion_is_confirmed_final_and_anonymising(client) -> None:
    phone = new_phone()
    tokens = await sign_in_by_phone(client, phone)
    person_id = (await me(client, tokens))["person_id"]
    unconfirmed = await client.request(
        "DELETE", "/api/v1/me", json={"confirm": "yes"}, headers=bearer(tokens)
    )
    assert unconfirmed.status_code == 422 and unconfirmed.json()["phrase"] == "注销账号"
    deleted = await client.request(
        "DELETE", "/api/v1/me", json={"confirm": "注销账号"}, headers=bearer(tokens)
    )
    assert deleted.status_code == 204
    assert (await client.get("/api/v1/me", headers=bearer(tokens))).status_code == 401
    refresh = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refresh.status_code == 401
    person = await Person.get(public_id=person_id)
    assert person.status == PersonStatus.DELETED and person.deleted_at is not None
    assert person.name_sealed is None and person.id_number_index is None
    assert await Binding.filter(person_id=person.id).count() == 0
    assert await AuditEvent.filter(kind="auth.account_deleted", person_public_id=person_id).exists()


async def test_deleted_accounts_do_not_come_back(client, clean) -> None:
    phone = new_phone()
    tokens = await sign_in_by_phone(client, phone)
    first = (await me(client, tokens))["person_id"]
    await client.request(
        "DELETE", "/api/v1/me", json={"confirm": "注销账号"}, headers=bearer(tokens)
    )
    await let_a_minute_pass(clean.redis)
    again = await sign_in_by_phone(client, phone)
    assert (await me(client, again))["person_id"] != first


async def test_the_audit_log_is_append_only_and_kept_180_days(client) -> None:
    await sign_in_by_phone(client, new_phone())
    connection = connections.get("default")
    with pytest.raises((OperationalError, asyncpg.PostgresError), match="append-only"):
        await connection.execute_script("UPDATE audit_event SET kind = 'x'")
    with pytest.raises((OperationalError, asyncpg.PostgresError), match="180 days"):
        await connection.execute_script("DELETE FROM audit_event")
    await connection.execute_script(
        "INSERT INTO audit_event (at, kind, detail)"
        " VALUES (now() - interval '200 days', 'old', '{}')"
    )
    with pytest.raises(ValueError):
        await purge_audit_events(30)
    assert await purge_audit_events(180) == 1
    assert await AuditEvent.filter(kind="old").count() == 0
    assert await AuditEvent.all().count() > 0


async def test_rotating_the_vault_key_reseals_everything(client, server) -> None:
    """Operators first configure the new key (the old one as previous), then run the rotation."""
    await sign_in_by_phone(client, new_phone())
    settings = server.app.ctx.settings
    old = VaultKey(settings.vault_key_id, settings.secret("vault_key"))
    rotated = Vault(
        VaultKey("2", os.urandom(32)),
        settings.secret("blind_index_key"),
        previous=(old,),
        algorithm="sm4-gcm",
    )
    assert await reseal_all(rotated) == 1  # the phone binding's value
    binding = await Binding.get()
    assert binding.value_sealed.startswith("2:S:")
    assert rotated.open(
        binding.value_sealed, table="binding", column="value", row=binding.public_id
    ).startswith("138")
    assert await reseal_all(rotated) == 0


def test_staff_and_device_commands(scratch_database_url, tmp_path: Path) -> None:
    env = {"YIWANG_VAR_DIR": str(tmp_path / "var"), "YIWANG_DATABASE_URL": scratch_database_url}
    assert yiwang("migrate", env=env).returncode == 0
    created = yiwang("staff", "create", "clerk9", "--role", "clerk", "--hall", "H001", env=env)
    assert created.returncode == 0, created.stderr
    assert "password (shown once):" in created.stdout
    weak = yiwang(
        "staff", "create", "clerk8", "--role", "clerk", "--password-stdin", env=env, stdin="weak\n"
    )
    assert weak.returncode == 1 and "too weak" in weak.stderr
    device = yiwang("device", "create", "大厅屏", "--kind", "display", "--hall", "H001", env=env)
    assert device.returncode == 0 and "key (shown once" in device.stdout
    device_id = device.stdout.split()[1]
    assert yiwang("device", "revoke", device_id, env=env).returncode == 0
    assert yiwang("device", "revoke", device_id, env=env).returncode == 1
    assert yiwang("keys", "rotate", env=env).returncode == 0
    assert yiwang("audit", "purge", "--days", "30", env=env).returncode == 1


async def test_accepting_the_policy_twice_at_once_records_it_once(server, client) -> None:
    tokens = await sign_in_by_phone(client, new_phone())
    with policy_version(server, "2027-02"):
        responses = await asyncio.gather(
            *(
                client.post(
                    "/api/v1/me/consent",
                    json={"privacy_policy_version": "2027-02"},
                    headers=bearer(tokens),
                )
                for _ in range(5)
            )
        )
        assert [r.status_code for r in responses if r.status_code >= 500] == []
        assert await Consent.filter(policy_version="2027-02").count() == 1
