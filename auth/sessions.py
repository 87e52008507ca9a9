"""Sessions and tokens: a short-lived access token and a refresh token that rotates on every use.

A reused refresh token revokes the whole session (the family). Every refresh is one statement
(`_ROTATE`), which holds each rule of the rotation; a refused one is only told apart in Python.
"""

from __future__ import annotations

import json as jsonlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from api.kit import clock
from api.kit.db import rows_of, transaction
from api.kit.ids import new_public_id
from auth import errors
from auth.audit import Origin, audit
from auth.consent import Consents
from auth.models import Audience, AuthSession, Person, PersonStatus, RefreshToken
from auth.tokens import (
    CITIZEN_AUDIENCE,
    STAFF_AUDIENCE,
    TokenSigner,
    hash_refresh_token,
    new_refresh_token,
)


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int
    session_id: str
    token_type: str = "Bearer"  # noqa: S105 - a token type, not a secret


@dataclass
class Sessions:
    signer: TokenSigner
    consents: Consents
    refresh_lifetime: timedelta

    async def start_session(self, person: Person, origin: Origin) -> TokenPair:
        if person.status != PersonStatus.ACTIVE:
            raise errors.PersonNotFound()
        now = clock.now()
        session = await AuthSession.create(
            public_id=new_public_id("ses"),
            audience=Audience.CITIZEN,
            person=person,
            channel=origin.channel,
            expires_at=now + self.refresh_lifetime,
            last_used_at=now,
        )
        await audit(
            "auth.sign_in", person=person, origin=origin, detail={"session": session.public_id}
        )
        return await self.token_pair(session, person.public_id, person.level, now)

    async def token_pair(
        self,
        session: AuthSession,
        subject: str,
        level: int,
        now: datetime,
        roles: tuple[str, ...] = (),
        audience: str = CITIZEN_AUDIENCE,
    ) -> TokenPair:
        refresh_token, token_hash = new_refresh_token()
        await RefreshToken.create(session=session, token_hash=token_hash)
        return self._pair(
            refresh_token,
            audience=audience,
            subject=subject,
            session_id=session.public_id,
            channel=session.channel,
            level=level,
            roles=roles,
            now=now,
        )

    def _pair(
        self,
        refresh_token: str,
        *,
        audience: str,
        subject: str,
        session_id: str,
        channel: str,
        level: int,
        roles: tuple[str, ...],
        now: datetime,
    ) -> TokenPair:
        access_token = self.signer.issue(
            audience=audience,
            subject=subject,
            session_id=session_id,
            channel=channel,
            level=level,
            roles=roles,
            now=now,
        )
        return TokenPair(
            access_token=access_token,
            refresh_token=refresh_token,
            expires_in=int(self.signer.lifetime.total_seconds()),
            session_id=session_id,
        )

    # ------------------------------------------------------------------ refresh and rotation

    async def refresh(
        self, refresh_token: str, origin: Origin, consent: str | None = None
    ) -> TokenPair:
        """Rotate a refresh token. Its second use revokes the whole session (the family).

        A citizen who has not accepted the current privacy policy is refused (403, the token
        kept) until the refresh carries that version: a session cannot outlive a new policy.
        `_ROTATE` decides, in one statement, in every case; a refusal is only told apart here.
        """
        now = clock.now()
        new_token, new_hash = new_refresh_token()
        rows = await rows_of(
            _ROTATE,
            (
                hash_refresh_token(refresh_token),
                now,
                now + self.refresh_lifetime,
                new_hash,
                self.consents.policy_version,
                consent,
            ),
        )
        held = rows[0] if rows else None
        if held is None or not held["claimed"]:
            raise await self._refusal(held, origin)
        return self._pair(
            new_token,
            audience=STAFF_AUDIENCE if held["audience"] == Audience.STAFF else CITIZEN_AUDIENCE,
            subject=held["subject"],
            session_id=held["session_public_id"],
            channel=held["channel"],
            level=held["level"],
            roles=tuple(jsonlib.loads(held["roles"]) if held["roles"] else ()),
            now=now,
        )

    async def _refusal(self, held: dict[str, Any] | None, origin: Origin) -> errors.AuthError:
        """Why `_ROTATE` claimed nothing, told apart from the flags it read (the rules are its
        own). A used token, or one a racing use took first, revokes its family, committed
        before the refusal is answered."""
        if held is None or not held["session_live"]:
            return errors.RefreshInvalid()
        if not held["used"]:
            if not held["holder_active"]:
                return errors.RefreshInvalid()
            if not held["consented"]:
                return errors.ConsentRequired(policy_version=self.consents.policy_version)
        session = await AuthSession.get(id=held["session_id"])
        async with transaction():
            await _revoke(session, "refresh_reused")
            await audit("auth.refresh_reused", session=session, origin=origin)
        return errors.RefreshReused()

    # ------------------------------------------------------------------ a person's sessions

    async def revoke_session(
        self, person: Person, session_public_id: str, origin: Origin, reason: str = "revoked"
    ) -> None:
        session = await AuthSession.get_or_none(public_id=session_public_id, person=person)
        if session is None:
            raise errors.SessionNotFound()
        await _revoke(session, reason)
        await audit(
            "auth.session_revoked",
            person=person,
            origin=origin,
            detail={"session": session_public_id, "reason": reason},
        )

    async def list_sessions(self, person: Person) -> list[AuthSession]:
        return await AuthSession.filter(
            person=person, revoked_at=None, expires_at__gt=clock.now()
        ).order_by("-last_used_at")


async def _revoke(session: AuthSession, reason: str) -> None:
    await AuthSession.filter(id=session.id, revoked_at=None).update(
        revoked_at=clock.now(), revoked_reason=reason
    )


# Every refresh, as one statement: it reads the token with its session, holder and consent
# once (`candidate`, each rule a named flag), claims the token only if every flag allows it
# (the conditional UPDATE also decides which of two racing uses wins), slides a citizen's
# session, stores the next token and records the consent the refresh carries, all or nothing
# (data-modifying CTEs run once, read or not). It answers the flags with `claimed`, so a
# refusal is told apart without asking again; an unknown token answers no row.
_ROTATE = """
WITH candidate AS (
    SELECT t.id AS token_id, t.session_id, t.used_at IS NOT NULL AS used,
           s.revoked_at IS NULL AND s.expires_at > $2 AS session_live,
           coalesce(p.status = 'active' OR st.disabled = false, false) AS holder_active,
           p.id IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM consent c WHERE c.person_id = p.id AND c.policy_version = $5
           ) AS consent_missing,
           s.person_id, s.public_id AS session_public_id, s.audience, s.channel,
           coalesce(p.public_id, st.public_id) AS subject, coalesce(p.level, 0) AS level,
           st.roles::text AS roles
      FROM refresh_token t
      JOIN auth_session s ON s.id = t.session_id
      LEFT JOIN person p ON p.id = s.person_id
      LEFT JOIN staff_account st ON st.id = s.staff_id
     WHERE t.token_hash = $1
), allowed AS (
    SELECT c.*, NOT c.consent_missing OR coalesce($6::text = $5, false) AS consented
      FROM candidate c
), claimed AS (
    UPDATE refresh_token t SET used_at = $2
      FROM allowed a
     WHERE t.id = a.token_id AND t.used_at IS NULL
       AND a.session_live AND a.holder_active AND a.consented
    RETURNING t.session_id
), slid AS (
    UPDATE auth_session s SET last_used_at = $2,
           expires_at = CASE WHEN s.audience = 'citizen' THEN $3 ELSE s.expires_at END
      FROM claimed c WHERE s.id = c.session_id
), minted AS (
    INSERT INTO refresh_token (session_id, token_hash, created_at)
    SELECT c.session_id, $4, $2 FROM claimed c
), consent_given AS (
    INSERT INTO consent (person_id, policy_version, channel, accepted_at)
    SELECT a.person_id, $5, a.channel, $2 FROM allowed a, claimed
     WHERE a.consent_missing
    ON CONFLICT DO NOTHING
)
SELECT a.*, EXISTS (SELECT 1 FROM claimed) AS claimed FROM allowed a
"""
