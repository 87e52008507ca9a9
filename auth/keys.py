"""The vault and the token signer, built from settings."""

from __future__ import annotations

import base64
from datetime import timedelta

from api.kit.settings import Settings, SettingsError
from auth.tokens import TokenSigner
from auth.vault import Vault, VaultKey


def vault_from_settings(settings: Settings) -> Vault:
    return Vault(
        VaultKey(settings.vault_key_id, settings.secret("vault_key")),
        settings.secret("blind_index_key"),
        previous=_previous_vault_keys(settings.vault_previous_keys),
        algorithm=settings.vault_algorithm,
    )


def _previous_vault_keys(spec: str) -> tuple[VaultKey, ...]:
    keys = []
    for item in filter(None, (part.strip() for part in spec.split(","))):
        key_id, _, encoded = item.partition(":")
        try:
            secret = base64.b64decode(encoded, validate=True)
        except ValueError:
            secret = b""
        if not key_id or len(secret) != 32:
            raise SettingsError(["YIWANG_VAULT_PREVIOUS_KEYS: expected id:base64-of-32-bytes,..."])
        keys.append(VaultKey(key_id, secret))
    return tuple(keys)


def signer_from_settings(settings: Settings) -> TokenSigner:
    retired = b""
    if settings.token_retired_public_keys_file:
        retired = settings.token_retired_public_keys_file.read_bytes()
    return TokenSigner(
        settings.secret("token_signing_key"),
        issuer=settings.token_issuer,
        lifetime=timedelta(minutes=settings.access_token_minutes),
        retired_public_keys_pem=retired,
    )
