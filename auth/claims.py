"""A claim: a verified name and ID number that another account holds, waiting for a face.

Kept sealed in Redis for 30 minutes; only a face verification may give them to the claimant.
"""

from __future__ import annotations

import json as jsonlib
from dataclasses import dataclass

import redis.asyncio as redis

from auth.models import Person
from auth.persons import Persons

CLAIM_SECONDS = 1800  # to do the face verification that joins an account held elsewhere


@dataclass
class Claims:
    persons: Persons
    redis: redis.Redis

    async def hold(self, person: Person, name: str, number: str) -> None:
        """A matching name and number another account holds, kept (sealed) for the face
        verification that alone may give them to this account."""
        sealed = self.persons.seal(
            jsonlib.dumps({"name": name, "id_number": number}, ensure_ascii=False),
            table="claim",
            column="real_name",
            row=person.public_id,
        )
        await self.redis.set(claim_key(person), sealed, ex=CLAIM_SECONDS)

    async def of(self, person: Person) -> tuple[str, str] | None:
        """The name and number the person claims, if a claim is waiting."""
        sealed = await self.redis.get(claim_key(person))
        if sealed is None:
            return None
        text = sealed.decode() if isinstance(sealed, bytes) else sealed
        claim = jsonlib.loads(
            self.persons.vault.open(text, table="claim", column="real_name", row=person.public_id)
        )
        return claim["name"], claim["id_number"]

    async def drop(self, person: Person) -> None:
        await self.redis.delete(claim_key(person))


def claim_key(person: Person) -> str:
    return f"auth:claim:{person.public_id}"
