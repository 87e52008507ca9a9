"""Signing-key rotation and the verified-token cache."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from auth.tokens import CITIZEN_AUDIENCE, InvalidToken, TokenSigner

NOW = datetime(2026, 11, 21, 8, 0, tzinfo=UTC)


def pem() -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public


def signer(private: bytes, retired: bytes = b"") -> TokenSigner:
    return TokenSigner(
        private, issuer="yiwang", lifetime=timedelta(minutes=15), retired_public_keys_pem=retired
    )


def issue(s: TokenSigner, now: datetime = NOW) -> str:
    return s.issue(
        audience=CITIZEN_AUDIENCE,
        subject="per_x",
        session_id="ses_x",
        channel="app",
        now=now,
        level=2,
    )


def test_tokens_of_a_retired_key_verify_until_they_expire() -> None:
    old_private, old_public = pem()
    new_private, _ = pem()
    old_token = issue(signer(old_private))
    rotated = signer(new_private, retired=old_public)
    assert rotated.verify(old_token, audience=CITIZEN_AUDIENCE, now=NOW).level == 2
    assert len(rotated.jwks()["keys"]) == 2
    assert signer(new_private).jwks()["keys"][0]["kid"] == rotated.current_kid
    with pytest.raises(InvalidToken):
        signer(new_private).verify(old_token, audience=CITIZEN_AUDIENCE, now=NOW)


def test_a_cached_token_still_expires() -> None:
    s = signer(pem()[0])
    token = issue(s)
    assert s.verify(token, audience=CITIZEN_AUDIENCE, now=NOW)  # now cached
    with pytest.raises(InvalidToken, match="expired"):
        s.verify(token, audience=CITIZEN_AUDIENCE, now=NOW + timedelta(minutes=16))
    with pytest.raises(InvalidToken):
        s.verify(token, audience="yiwang:staff", now=NOW)  # cached per audience


def test_a_non_p256_key_is_refused() -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(ValueError, match="P-256"):
        signer(private)


def test_a_token_issued_in_the_future_is_refused() -> None:
    s = signer(pem()[0])
    token = issue(s, now=NOW + timedelta(minutes=5))
    with pytest.raises(InvalidToken, match="future"):
        s.verify(token, audience=CITIZEN_AUDIENCE, now=NOW)


@pytest.mark.parametrize(
    ("issued_at", "checked_at", "why"),
    [
        (NOW, NOW + timedelta(minutes=16), "expired"),
        (NOW + timedelta(minutes=5), NOW, "future"),
    ],
)
def test_times_are_checked_on_the_signature_path_too(
    issued_at: datetime, checked_at: datetime, why: str
) -> None:
    private = pem()[0]
    token = issue(signer(private), now=issued_at)
    another_process = signer(private)  # same key, nothing cached: the signature is checked
    assert another_process.verify(token, audience=CITIZEN_AUDIENCE, now=issued_at).level == 2
    fresh = signer(private)
    with pytest.raises(InvalidToken, match=why):
        fresh.verify(token, audience=CITIZEN_AUDIENCE, now=checked_at)


def test_a_token_this_process_signed_is_known_without_a_signature_check() -> None:
    s = signer(pem()[0])
    token = issue(s)
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert s.verify(token, audience=CITIZEN_AUDIENCE, now=NOW).subject == "per_x"
    with pytest.raises(InvalidToken):  # a token it did not sign is checked in full
        s.verify(tampered, audience=CITIZEN_AUDIENCE, now=NOW)
