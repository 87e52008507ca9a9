"""Settings: dev defaults, production refusals, keys generated once in dev."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from api.kit.settings import (
    LIVE_GATEWAYS,
    SANDBOX_CREDENTIALS,
    SECRETS,
    SettingsError,
    load_settings,
)


@pytest.fixture(autouse=True)
def no_yiwang_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for key in list(os.environ):
        if key.startswith("YIWANG_") and not key.startswith("YIWANG_TEST_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("YIWANG_VAR_DIR", str(tmp_path / "var"))


def test_dev_fills_in_local_defaults(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.env == "dev"
    assert settings.database_url is None
    assert settings.private_pgdata == tmp_path / "var" / "postgres"
    assert settings.cache_url == "memory://"
    assert settings.gateway_mode == "sandbox"
    assert settings.embedded and settings.seeds_demo_data


def test_dev_generates_each_key_once_and_reuses_it(tmp_path: Path) -> None:
    settings = load_settings()
    first = {spec.name: settings.secret(spec.name) for spec in SECRETS}
    again = {spec.name: load_settings().secret(spec.name) for spec in SECRETS}
    assert first == again
    assert len(first["vault_key"]) == 32
    assert b"BEGIN PRIVATE KEY" in first["token_signing_key"]
    key_file = tmp_path / "var" / "keys" / "vault_key.key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_production_with_nothing_configured_names_every_missing_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("YIWANG_ENV", "production")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    message = str(raised.value)
    for name in ("YIWANG_DATABASE_URL", "YIWANG_REDIS_URL"):
        assert name in message
    for spec in SECRETS:
        assert spec.env_var in message
    assert "YIWANG_WECHAT_BASE_URL" in message and "YIWANG_SMS_ACCESS_KEY_SECRET" in message


def _production_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YIWANG_ENV", "production")
    monkeypatch.setenv("YIWANG_DATABASE_URL", "postgres://yiwang@db.internal/yiwang")
    monkeypatch.setenv("YIWANG_REDIS_URL", "redis://cache.internal:6379/0")
    monkeypatch.setenv("YIWANG_GATEWAYS", "live")
    for system in LIVE_GATEWAYS:
        monkeypatch.setenv(f"YIWANG_{system.upper()}_BASE_URL", f"https://{system}.example.gov.cn")
    for name in SANDBOX_CREDENTIALS:
        monkeypatch.setenv(f"YIWANG_{name.upper()}", f"live-{name}-value")
    for app in ("MP", "OA"):  # WeChat's own shapes: a short alphanumeric token, a 43-char key
        monkeypatch.setenv(f"YIWANG_WECHAT_{app}_PUSH_TOKEN", f"live{app}PushToken")
        monkeypatch.setenv(f"YIWANG_WECHAT_{app}_ENCODING_AES_KEY", f"live{app}" + "k" * 37)
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    monkeypatch.setenv("YIWANG_TOKEN_SIGNING_KEY", pem.decode())
    monkeypatch.setenv("YIWANG_VAULT_KEY", base64.b64encode(b"v" * 32).decode())
    monkeypatch.setenv("YIWANG_BLIND_INDEX_KEY", base64.b64encode(b"b" * 32).decode())
    monkeypatch.setenv("YIWANG_FILE_ENCRYPTION_KEY", base64.b64encode(b"f" * 32).decode())
    monkeypatch.setenv("YIWANG_DOWNLOAD_LINK_KEY", base64.b64encode(b"d" * 32).decode())
    monkeypatch.setenv("YIWANG_WECHATPAY_API_V3_KEY", "w" * 32)  # as the merchant sets it
    monkeypatch.setenv("YIWANG_EMS_SM4_KEY", base64.b64encode(b"e" * 16).decode())
    from cryptography.hazmat.primitives.asymmetric import rsa

    merchant = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    monkeypatch.setenv("YIWANG_WECHATPAY_MERCHANT_KEY", merchant.decode())
    monkeypatch.setenv("YIWANG_NONTAX_CLIENT_KEY", merchant.decode())
    platform = ec.generate_private_key(ec.SECP256R1()).public_key()  # any PEM: read at start
    monkeypatch.setenv("YIWANG_NONTAX_PLATFORM_PUBLIC_KEY", platform_pem(platform))
    monkeypatch.setenv(
        "YIWANG_WECHATPAY_NOTIFY_URL", "https://hall.example.gov.cn/callbacks/payments/wechat"
    )
    monkeypatch.setenv(
        "YIWANG_WECHATPAY_PLATFORM_KEYS",
        json.dumps({"PUB_KEY_ID_0114232134912410000000000000": platform_pem(platform)}),
    )


def platform_pem(key: object) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    assert isinstance(key, ec.EllipticCurvePublicKey)
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def test_production_fully_configured_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    _production_environment(monkeypatch)
    settings = load_settings()
    assert not settings.embedded
    assert settings.secret("vault_key") == b"v" * 32
    assert settings.secret("wechatpay_api_v3_key") == b"w" * 32


def test_production_refuses_sandboxes_other_databases_and_memory_redis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _production_environment(monkeypatch)
    monkeypatch.setenv("YIWANG_GATEWAYS", "sandbox")
    monkeypatch.setenv("YIWANG_DATABASE_URL", "mysql://var/x")
    monkeypatch.setenv("YIWANG_REDIS_URL", "memory://")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert len(raised.value.problems) == 3


def test_production_needs_the_core_system_only_when_it_is_reached_over_http(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _production_environment(monkeypatch)
    assert load_settings().core_gateway == "local"  # the embedded engine needs neither
    monkeypatch.setenv("YIWANG_CORE_GATEWAY", "http")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert len(raised.value.problems) == 3  # the URL, and both sandbox credentials
    monkeypatch.setenv("YIWANG_CORE_BASE_URL", "https://core.hall.example/api/")
    monkeypatch.setenv("YIWANG_CORE_APP_ID", "hall-yiwang")
    monkeypatch.setenv("YIWANG_CORE_SECRET", "s" * 32)
    assert load_settings().gateway_url("core") == "https://core.hall.example/api"


def test_production_with_object_storage_needs_all_of_its_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _production_environment(monkeypatch)
    monkeypatch.setenv("YIWANG_STORAGE_BACKEND", "s3")
    monkeypatch.setenv("YIWANG_S3_BUCKET", "yiwang-files")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert sorted(p.split()[0] for p in raised.value.problems) == [
        "YIWANG_S3_ACCESS_KEY",
        "YIWANG_S3_ENDPOINT_URL",
        "YIWANG_S3_SECRET_KEY",
    ]
    monkeypatch.setenv("YIWANG_S3_ENDPOINT_URL", "https://oss.internal")
    monkeypatch.setenv("YIWANG_S3_ACCESS_KEY", "yiwang")
    monkeypatch.setenv("YIWANG_S3_SECRET_KEY", "live-secret")
    assert load_settings().describe()["storage"] == "s3 https://oss.internal bucket yiwang-files"


def test_production_refuses_a_key_generated_in_dev(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dev_key = load_settings().secret("vault_key")
    assert dev_key
    _production_environment(monkeypatch)
    monkeypatch.delenv("YIWANG_VAULT_KEY")
    monkeypatch.setenv("YIWANG_VAULT_KEY_FILE", str(tmp_path / "var" / "keys" / "vault_key.key"))
    with pytest.raises(SettingsError, match="generated in dev mode"):
        load_settings()


def test_a_malformed_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _production_environment(monkeypatch)
    monkeypatch.setenv("YIWANG_BLIND_INDEX_KEY", base64.b64encode(b"short").decode())
    with pytest.raises(SettingsError, match="YIWANG_BLIND_INDEX_KEY"):
        load_settings()


def test_a_value_of_the_wrong_type_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YIWANG_PORT", "eighty")
    monkeypatch.setenv("YIWANG_WORKERS", "0")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert any("YIWANG_PORT" in p for p in raised.value.problems)
    assert any("YIWANG_WORKERS" in p for p in raised.value.problems)


def test_describe_masks_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YIWANG_DATABASE_URL", "postgres://yiwang:hunter2@db/yiwang")
    described = load_settings().describe()
    assert "hunter2" not in str(described)
    assert described["database"] == "postgres://yiwang:***@db/yiwang"
