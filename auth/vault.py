"""The personal-data vault: AEAD encryption at rest and a keyed blind index for lookups.

Every value is sealed with the row it belongs to: the associated data is `table.column.row`,
so a ciphertext copied to another row or column does not open. The key ring is versioned: new
values use the current key, old ones open with the key they name until `yiwang keys rotate`
re-seals them. AES-256-GCM by default; SM4-GCM for deployments that must use national
algorithms. Lookups never decrypt: they compare an HMAC of the normalised value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

Algorithm = Literal["aes-256-gcm", "sm4-gcm"]
_ALGORITHM_CODES: dict[Algorithm, str] = {"aes-256-gcm": "A", "sm4-gcm": "S"}
_NONCE_BYTES = 12
_TAG_BYTES = 16


class VaultError(Exception):
    """A sealed value cannot be opened: unknown key, wrong row, or tampering."""


@dataclass(frozen=True)
class VaultKey:
    key_id: str
    secret: bytes  # 32 bytes of key material

    def for_algorithm(self, algorithm: Algorithm) -> bytes:
        if algorithm == "aes-256-gcm":
            return self.secret
        # SM4 takes 128-bit keys: derive one rather than cut the material in half.
        return HKDF(hashes.SHA256(), 16, salt=None, info=b"yiwang vault sm4-gcm").derive(
            self.secret
        )


class Vault:
    def __init__(
        self,
        current: VaultKey,
        blind_index_key: bytes,
        *,
        previous: tuple[VaultKey, ...] = (),
        algorithm: Algorithm = "aes-256-gcm",
    ) -> None:
        if ":" in current.key_id or any(":" in key.key_id for key in previous):
            raise ValueError("vault key ids must not contain ':'")
        self.current = current
        self.algorithm = algorithm
        self._keys = {key.key_id: key for key in (*previous, current)}
        self._blind_index_key = blind_index_key

    def seal(self, plaintext: str, *, table: str, column: str, row: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        aad = _associated_data(table, column, row)
        key = self.current.for_algorithm(self.algorithm)
        sealed = _encrypt(self.algorithm, key, nonce, plaintext.encode("utf-8"), aad)
        code = _ALGORITHM_CODES[self.algorithm]
        body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
        return f"{self.current.key_id}:{code}:{body}"

    def open(self, sealed: str, *, table: str, column: str, row: str) -> str:
        try:
            key_id, code, body = sealed.split(":", 2)
            algorithm = _algorithm_for(code)
            key = self._keys[key_id].for_algorithm(algorithm)
            raw = base64.urlsafe_b64decode(body)
        except (ValueError, KeyError) as exc:
            raise VaultError("sealed value is malformed or names an unknown key") from exc
        nonce, ciphertext = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
        try:
            plaintext = _decrypt(
                algorithm, key, nonce, ciphertext, _associated_data(table, column, row)
            )
        except InvalidTag as exc:
            raise VaultError("sealed value does not open for this row") from exc
        return plaintext.decode("utf-8")

    def needs_reseal(self, sealed: str) -> bool:
        key_id, code, _ = sealed.split(":", 2)
        return key_id != self.current.key_id or code != _ALGORITHM_CODES[self.algorithm]

    def blind_index(self, kind: str, normalised_value: str) -> str:
        """A keyed, deterministic digest for equality lookups; reveals nothing without the key."""
        message = f"{kind}\x1f{normalised_value}".encode()
        return hmac.new(self._blind_index_key, message, hashlib.sha256).hexdigest()


def _associated_data(table: str, column: str, row: str) -> bytes:
    return f"yiwang\x1f{table}\x1f{column}\x1f{row}".encode()


def _algorithm_for(code: str) -> Algorithm:
    for algorithm, known in _ALGORITHM_CODES.items():
        if known == code:
            return algorithm
    raise ValueError(f"unknown algorithm code {code!r}")


def _encrypt(algorithm: Algorithm, key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    if algorithm == "aes-256-gcm":
        return AESGCM(key).encrypt(nonce, data, aad)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    return encryptor.update(data) + encryptor.finalize() + encryptor.tag


def _decrypt(algorithm: Algorithm, key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    if algorithm == "aes-256-gcm":
        return AESGCM(key).decrypt(nonce, data, aad)
    ciphertext, tag = data[:-_TAG_BYTES], data[-_TAG_BYTES:]
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(aad)
    return decryptor.update(ciphertext) + decryptor.finalize()
