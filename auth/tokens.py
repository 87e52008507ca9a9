"""Access tokens (JWT, ES256) and refresh tokens (opaque, stored hashed).

Access tokens carry `kid` and `typ: at+jwt` (RFC 9068) in the header and are checked strictly:
only ES256, a known key, the expected issuer and audience, every required claim, and expiry
against our own clock. Citizens and staff get different audiences, so one is never accepted
where the other is expected. Public keys, current and retired, are published as a JWKS so the
core approval system can verify our tokens too.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

ACCESS_TOKEN_TYPE = "at+jwt"  # noqa: S105 - a token type, not a secret
ALGORITHM = "ES256"
CITIZEN_AUDIENCE = "yiwang:citizen"
STAFF_AUDIENCE = "yiwang:staff"
_REQUIRED_CLAIMS = ("iss", "aud", "sub", "sid", "iat", "exp", "chn")
VERIFIED_CACHE_SIZE = 20_000
CLOCK_LEEWAY_SECONDS = 60
_JWS = jwt.PyJWS()


class InvalidToken(Exception):
    """Why a token was refused; for logs only, the client hears a generic answer."""


@dataclass(frozen=True)
class AccessClaims:
    subject: str
    session_id: str
    audience: str
    channel: str
    level: int
    roles: tuple[str, ...]
    issued_at: datetime
    expires_at: datetime

    def check_times(self, now: datetime) -> None:
        if self.expires_at <= now:
            raise InvalidToken("expired")
        if self.issued_at.timestamp() > now.timestamp() + CLOCK_LEEWAY_SECONDS:
            raise InvalidToken("issued in the future")


def key_id(public_key: ec.EllipticCurvePublicKey) -> str:
    """A stable id for a key: the start of the SHA-256 of its SubjectPublicKeyInfo."""
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.urlsafe_b64encode(hashlib.sha256(der).digest()[:12]).decode().rstrip("=")


class TokenSigner:
    def __init__(
        self,
        private_key_pem: bytes,
        *,
        issuer: str,
        lifetime: timedelta,
        retired_public_keys_pem: bytes = b"",
    ) -> None:
        private_key = serialization.load_pem_private_key(private_key_pem, password=None)
        if not isinstance(private_key, ec.EllipticCurvePrivateKey) or not isinstance(
            private_key.curve, ec.SECP256R1
        ):
            raise ValueError("the token signing key must be an EC P-256 private key")
        self._private_key = private_key
        self.current_kid = key_id(private_key.public_key())
        self._headers = {"kid": self.current_kid, "typ": ACCESS_TOKEN_TYPE}
        self._public_keys = {self.current_kid: private_key.public_key()}
        for public_key in _load_public_keys(retired_public_keys_pem):
            self._public_keys.setdefault(key_id(public_key), public_key)
        self.issuer = issuer
        self.lifetime = lifetime
        # Verified tokens, by their full text: a client reuses one token for its whole
        # lifetime, and the signature check is the costliest step of every request. Expiry
        # is checked again on every hit; sessions are checked by the caller every time.
        self._verified: OrderedDict[tuple[str, str], AccessClaims] = OrderedDict()

    def issue(
        self,
        *,
        audience: str,
        subject: str,
        session_id: str,
        channel: str,
        now: datetime,
        level: int = 0,
        roles: tuple[str, ...] = (),
    ) -> str:
        issued, expires = int(now.timestamp()), int((now + self.lifetime).timestamp())
        claims = {
            "iss": self.issuer,
            "aud": audience,
            "sub": subject,
            "sid": session_id,
            "chn": channel,
            "lvl": level,
            "roles": list(roles),
            "iat": issued,
            "exp": expires,
            "jti": secrets.token_urlsafe(12),
        }
        # PyJWT's JWS layer with the claims serialised here, as `jwt.encode` would: its claim
        # checks are for callers' dicts, and cost a third of an access token's signing.
        payload = json.dumps(claims, separators=(",", ":")).encode()
        token = _JWS.encode(payload, self._private_key, algorithm=ALGORITHM, headers=self._headers)
        # Signed here, so known good: its first use (usually at once) skips the signature check.
        self._remember(
            audience,
            token,
            AccessClaims(
                subject=subject,
                session_id=session_id,
                audience=audience,
                channel=channel,
                level=level,
                roles=roles,
                issued_at=datetime.fromtimestamp(issued, tz=now.tzinfo),
                expires_at=datetime.fromtimestamp(expires, tz=now.tzinfo),
            ),
        )
        return token

    def verify(self, token: str, *, audience: str, now: datetime) -> AccessClaims:
        cached = self._verified.get((audience, token))
        if cached is not None:
            cached.check_times(now)
            return cached
        claims = self._verify_signature_and_claims(token, audience=audience, now=now)
        self._remember(audience, token, claims)
        return claims

    def _remember(self, audience: str, token: str, claims: AccessClaims) -> None:
        self._verified[(audience, token)] = claims
        if len(self._verified) > VERIFIED_CACHE_SIZE:
            self._verified.popitem(last=False)

    def _verify_signature_and_claims(
        self, token: str, *, audience: str, now: datetime
    ) -> AccessClaims:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise InvalidToken("malformed header") from exc
        if header.get("alg") != ALGORITHM:
            raise InvalidToken(f"algorithm {header.get('alg')!r} is not allowed")
        if header.get("typ") != ACCESS_TOKEN_TYPE:
            raise InvalidToken("not an access token")
        public_key = self._public_keys.get(str(header.get("kid")))
        if public_key is None:
            raise InvalidToken("unknown key id")
        try:
            claims = jwt.decode(
                token,
                public_key,
                algorithms=[ALGORITHM],
                audience=audience,
                issuer=self.issuer,
                # Time claims are checked below against our clock, so tests can move time.
                options={
                    "require": list(_REQUIRED_CLAIMS),
                    "verify_exp": False,
                    "verify_iat": False,
                },
            )
        except jwt.InvalidTokenError as exc:
            raise InvalidToken(type(exc).__name__) from exc
        checked = AccessClaims(
            subject=str(claims["sub"]),
            session_id=str(claims["sid"]),
            audience=audience,
            channel=str(claims["chn"]),
            level=int(claims.get("lvl", 0)),
            roles=tuple(str(role) for role in claims.get("roles", ())),
            issued_at=datetime.fromtimestamp(int(claims["iat"]), tz=now.tzinfo),
            expires_at=datetime.fromtimestamp(int(claims["exp"]), tz=now.tzinfo),
        )
        checked.check_times(now)
        return checked

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        keys = []
        for kid, public_key in self._public_keys.items():
            jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(public_key))
            keys.append({**jwk, "kid": kid, "use": "sig", "alg": ALGORITHM})
        return {"keys": keys}


def _load_public_keys(pem_bundle: bytes) -> list[ec.EllipticCurvePublicKey]:
    keys = []
    marker = b"-----END PUBLIC KEY-----"
    for block in pem_bundle.split(marker):
        if b"BEGIN PUBLIC KEY" not in block:
            continue
        key = serialization.load_pem_public_key(block + marker + b"\n")
        if isinstance(key, ec.EllipticCurvePublicKey):
            keys.append(key)
    return keys


def new_refresh_token() -> tuple[str, str]:
    """A new opaque refresh token and the hash that is stored instead of it."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
