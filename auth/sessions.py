"""Sessions and tokens: a short-lived access token and a refresh token that rotates on every use.

A reused refresh token revokes the whole session (the family). The usual refresh is one
statement (`_ROTATE`); anything amiss falls back to the careful path that finds out what.
"""

from __future__ import annotations

import json as jsonlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from api.kit import clock
from api.kit.db import rows_of, transaction
from api.kit.ids import new_public_id
from auth import errors
from auth.audit import Origin, audit
from auth.consent import Consents
from auth.models import Audience, AuthSession, Person, PersonStatus, RefreshToken, StaffAccount
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
        """
        now = clock.now()
        token_hash = hash_refresh_token(refresh_token)
        rotated = await self._rotate_in_one_statement(token_hash, now)
        if rotated is not None:
            return rotated
        return await self._rotate(token_hash, now, origin, consent)

    async def _rotate_in_one_statement(self, token_hash: str, now: datetime) -> TokenPair | None:
        """The usual refresh in one round trip, all or nothing. None when anything is amiss
        (unknown, used, revoked, expired, holder gone): `_rotate` then finds out what."""
        new_token, new_hash = new_refresh_token()
        rows = await rows_of(
            _ROTATE,
            (
                token_hash,
                now,
                now + self.refresh_lifetime,
                new_hash,
                self.consents.policy_version,
            ),
        )
        if not rows:
            return None
        held = rows[0]
        audience = STAFF_AUDIENCE if held["audience"] == Audience.STAFF else CITIZEN_AUDIENCE
        return self._pair(
            new_token,
            audience=audience,
            subject=held["subject"],
            session_id=held["session_public_id"],
            channel=held["channel"],
            level=held["level"],
            roles=tuple(jsonlib.loads(held["roles"]) if held["roles"] else ()),
            now=now,
        )

    async def _rotate(
        self, token_hash: str, now: datetime, origin: Origin, consent: str | None
    ) -> TokenPair:
        token = await RefreshToken.get_or_none(token_hash=token_hash).prefetch_related("session")
        if token is None:
            raise errors.RefreshInvalid()
        session = token.session
        if session.revoked_at is not None or session.expires_at <= now:
            raise errors.RefreshInvalid()
        if token.used_at is None:
            # Whose it is first (a holder gone ends here), then their consent: a refusal
            # writes nothing.
            subject, level, roles, audience = await _session_subject(session)
            if session.person_id is not None:
                await self.consents.ensure(session.person_id, consent, session.channel)
        async with transaction():
            # The conditional UPDATE decides, in the database, which of two racing uses wins.
            claimed = await RefreshToken.filter(id=token.id, used_at=None).update(used_at=now)
            if claimed:
                await AuthSession.filter(id=session.id).update(
                    last_used_at=now, expires_at=self._slid_expiry(session, now)
                )
                return await self.token_pair(session, subject, level, now, roles, audience)
            # A second use: revoke the family and commit that before refusing.
            await _revoke(session, "refresh_reused")
            await audit("auth.refresh_reused", session=session, origin=origin)
        raise errors.RefreshReused()

    def _slid_expiry(self, session: AuthSession, now: datetime) -> datetime:
        """Citizens' sessions slide with use; staff sessions end with the working day they
        began (as `_ROTATE` does on PostgreSQL)."""
        if session.audience == Audience.CITIZEN:
            return now + self.refresh_lifetime
        return session.expires_at

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


async def _session_subject(session: AuthSession) -> tuple[str, int, tuple[str, ...], str]:
    if session.audience == Audience.STAFF:
        staff = await StaffAccount.get(id=session.staff_id)
        if staff.disabled:
            raise errors.RefreshInvalid()
        return staff.public_id, 0, tuple(staff.roles), STAFF_AUDIENCE
    person = await Person.get(id=session.person_id)
    if person.status != PersonStatus.ACTIVE:
        raise errors.RefreshInvalid()
    return person.public_id, person.level, (), CITIZEN_AUDIENCE


# The refresh every client makes every 15 minutes, as one statement: the token is claimed only
# if it is unused, its session live, its holder active and (a citizen) agreed to the current
# privacy policy; a citizen's session slides, and the next token is stored in the same
# statement (data-modifying CTEs run once, read or not).
_ROTATE = """
WITH claimed AS (
    UPDATE refresh_token t SET used_at = $2
      FROM auth_session s
      LEFT JOIN person p ON p.id = s.person_id
      LEFT JOIN staff_account st ON st.id = s.staff_id
     WHERE t.token_hash = $1 AND t.used_at IS NULL AND s.id = t.session_id
       AND s.revoked_at IS NULL AND s.expires_at > $2
       AND (p.status = 'active' OR st.disabled = false)
       AND (p.id IS NULL OR EXISTS (
            SELECT 1 FROM consent c WHERE c.person_id = p.id AND c.policy_version = $5))
    RETURNING t.session_id, s.public_id AS session_public_id, s.audience, s.channel,
              coalesce(p.public_id, st.public_id) AS subject, coalesce(p.level, 0) AS level,
              st.roles::text AS roles
), slid AS (
    UPDATE auth_session s SET last_used_at = $2,
           expires_at = CASE WHEN s.audience = 'citizen' THEN $3 ELSE s.expires_at END
      FROM claimed c WHERE s.id = c.session_id
), minted AS (
    INSERT INTO refresh_token (session_id, token_hash, created_at)
    SELECT c.session_id, $4, $2 FROM claimed c
)
SELECT * FROM claimed
"""
