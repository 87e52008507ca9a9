"""Consent to the privacy policy: signing in, and refreshing, need its current version accepted.

The ledger keeps one row per person and version; the version asked for is the process's
(`policy_version`), changed by configuration when a new policy is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.exceptions import IntegrityError

from api.kit.db import transaction
from auth import errors
from auth.audit import Origin, audit
from auth.models import Consent, Person


@dataclass
class Consents:
    policy_version: str

    def require_offered(self, consent: str | None) -> None:
        """The request carries the current version, or is refused naming it."""
        if consent != self.policy_version:
            raise errors.ConsentRequired(policy_version=self.policy_version)

    async def accepted_current(self, person_id: int) -> bool:
        return await Consent.exists(person_id=person_id, policy_version=self.policy_version)

    async def ensure(self, person_id: int, consent: str | None, channel: str) -> None:
        """The current version accepted, now (recorded here) or before."""
        if await self.accepted_current(person_id):
            return
        self.require_offered(consent)
        await self._record(person_id, channel)

    async def _record(self, person_id: int, channel: str) -> None:
        """Once per person and version, whichever of two racing requests gets there first."""
        try:
            async with transaction():  # a savepoint: losing the race leaves the caller's intact
                await Consent.create(
                    person_id=person_id, policy_version=self.policy_version, channel=channel
                )
        except IntegrityError:
            pass  # accepted by the other request: the ledger has its row

    async def accept_policy(self, person: Person, version: str, origin: Origin) -> None:
        """The citizen accepts the policy shown to them, which must be the current one."""
        self.require_offered(version)
        await self.ensure(person.id, version, origin.channel)
        await audit("auth.consent", person=person, origin=origin, detail={"version": version})
