"""The checks behind the citizen, staff and device route policies (see api.kit.policy).

Tokens are verified first, then their session is looked up: a revoked or expired session, a
deleted person or a disabled staff account ends access at once, whatever the token says. The
assurance level is read from the person, so a step-up counts from the next request.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sanic import Request

from api.kit import clock
from api.kit.db import rows_of
from api.kit.errors import Forbidden, Unauthenticated
from api.kit.policy import Caller, Policy, PolicyKind
from auth import errors
from auth.models import Audience, AuthSession, Device, Person
from auth.tokens import CITIZEN_AUDIENCE, STAFF_AUDIENCE, InvalidToken, TokenSigner

DEVICE_KEY_HEADER = "X-Device-Key"


def bearer_token(request: Request) -> str:
    presented = request.headers.get("authorization", "")
    if not presented:
        raise Unauthenticated()  # "please sign in", not "your sign-in has expired"
    scheme, _, token = presented.partition(" ")
    if scheme.lower() != "bearer" or not token or not token.isascii():
        raise errors.TokenInvalid()  # a JWT is ASCII; other bytes are not even worth decoding
    return token.strip()


class CitizenAuthenticator:
    # PersonNotFound: the account was deleted while the request was on its way (caller_person).
    refusals = (Unauthenticated, errors.TokenInvalid, errors.LevelRequired, errors.PersonNotFound)

    def __init__(self, signer: TokenSigner) -> None:
        self._signer = signer

    async def __call__(self, request: Request, policy: Policy) -> Caller:
        now = clock.now()
        try:
            claims = self._signer.verify(bearer_token(request), audience=CITIZEN_AUDIENCE, now=now)
        except InvalidToken:
            raise errors.TokenInvalid() from None
        if policy.shed is not None:
            await policy.shed(request, claims.subject)
        person = await live_person(claims.subject, claims.session_id, now)
        if person is None:
            raise errors.TokenInvalid()
        if person.level < policy.min_level:
            raise errors.LevelRequired(required_level=policy.min_level, current_level=person.level)
        return Caller(
            PolicyKind.CITIZEN,
            subject=claims.subject,
            level=person.level,
            session_id=claims.session_id,
            channel=claims.channel,
            extra={"person": person},
        )


# Every citizen request runs this: written by hand, it costs a fraction of the ORM's query.
_LIVE_PERSON = """
SELECT p.* FROM person p JOIN auth_session s ON s.person_id = p.id
 WHERE p.public_id = $1 AND p.status = 'active' AND s.public_id = $2
   AND s.audience = 'citizen' AND s.revoked_at IS NULL AND s.expires_at > $3
 LIMIT 1
"""


async def live_person(public_id: str, session_id: str, now: datetime) -> Person | None:
    """One query: the person, provided their session is live. Routes use it from here."""
    rows = await rows_of(_LIVE_PERSON, (public_id, session_id, now))
    return Person._init_from_db(**rows[0]) if rows else None


class StaffAuthenticator:
    refusals = (Unauthenticated, errors.TokenInvalid, errors.WrongAudience)

    def __init__(self, signer: TokenSigner) -> None:
        self._signer = signer

    async def __call__(self, request: Request, policy: Policy) -> Caller:
        now = clock.now()
        try:
            claims = self._signer.verify(bearer_token(request), audience=STAFF_AUDIENCE, now=now)
        except InvalidToken:
            raise errors.TokenInvalid() from None
        row = await AuthSession.filter(
            public_id=claims.session_id,
            audience=Audience.STAFF,
            revoked_at=None,
            expires_at__gt=now,
            staff__public_id=claims.subject,
            staff__disabled=False,
        ).values("staff__roles", "staff__hall_code")
        if not row:
            raise errors.TokenInvalid()
        roles = frozenset(row[0]["staff__roles"] or ())
        if not roles & policy.roles:
            raise errors.WrongAudience(required_roles=sorted(policy.roles))
        return Caller(
            PolicyKind.STAFF,
            subject=claims.subject,
            roles=roles,
            session_id=claims.session_id,
            channel=claims.channel,
            extra={"hall_code": row[0]["staff__hall_code"]},
        )


class DeviceAuthenticator:
    refusals = (errors.DeviceKeyInvalid, Forbidden)

    async def __call__(self, request: Request, policy: Policy) -> Caller:
        key = request.headers.get(DEVICE_KEY_HEADER, "")
        if not key or not key.isascii():
            raise errors.DeviceKeyInvalid()
        device = await Device.get_or_none(key_hash=hash_device_key(key), revoked_at=None)
        if device is None:
            raise errors.DeviceKeyInvalid()
        if policy.roles and device.kind not in policy.roles:
            raise Forbidden()  # a hall display issues no tickets and checks nobody in
        return Caller(
            PolicyKind.DEVICE,
            subject=device.public_id,
            channel=device.kind,
            extra={"hall_code": device.hall_code, "device_kind": device.kind},
        )


def hash_device_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
