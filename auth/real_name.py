"""Real name (assurance level 2, 3 with a face): a name and ID number proved and sealed.

The verification service confirms the pair; one active person holds an ID number. A pair
another account holds is refused without a face; with one, that account is merged in if it
passed face verification too, and otherwise loses the real name it only knew.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import redis.asyncio as redis
from tortoise import connections
from tortoise.exceptions import IntegrityError

from api.kit import clock
from api.kit.db import transaction
from api.kit.masking import mask_id_number
from auth import errors, idnumber
from auth.audit import Origin, audit
from auth.claims import Claims
from auth.gateways.idverify import IdVerifyClient, IdVerifyUnavailable
from auth.merge import AfterCommit, MergeHook, ReleaseNotice, merge_persons, settle
from auth.models import Person, PersonStatus
from auth.persons import Persons
from auth.schemas import ProfileOut

NAME = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z·• ]{0,28}[\u4e00-\u9fffA-Za-z]$")
DAILY_VERIFICATION_FAILURES = 5


@dataclass
class RealName:
    persons: Persons
    claims: Claims
    redis: redis.Redis
    idverify: IdVerifyClient
    merge_hooks: list[MergeHook]
    release_notices: list[ReleaseNotice]

    async def verify_real_name(
        self, person: Person, name: str, id_number: str, origin: Origin
    ) -> ProfileOut:
        """Verify and seal the name and number; the person's profile as it then is."""
        number = idnumber.normalise(id_number)
        problem = idnumber.problem_with(number, clock.local(clock.now()).date())
        if problem:
            raise errors.IdNumberInvalid(problem)
        name = normalise_name(name)
        index = self.persons.index("id_number", number)
        if person.id_number_index == index:
            return await self.persons.fresh_profile(person)  # verified already with this number
        if person.id_number_index is not None:
            raise errors.AlreadyVerified()
        await self._reserve_verification_attempt(person)
        try:
            result = await self.idverify.verify(name, number, origin.request_id or "")
        except IdVerifyUnavailable:
            await self._release_verification_attempt(person)
            raise errors.GatewayUnavailable() from None
        await audit(
            "auth.real_name_attempt",
            person=person,
            origin=origin,
            detail={"id_number": mask_id_number(number), "result": result},
        )
        if result != "match":
            raise errors.RealNameMismatch()
        try:
            profile = await self.apply_real_name(person, name, number, index, origin, face=False)
        except errors.IdentityHeldElsewhere:
            # Counted: it is no proof, and unlimited tries would ask the paid gateway and
            # tell whether someone has an account here as often as one liked.
            await self.claims.hold(person, name, number)
            await audit(
                "auth.identity_held_elsewhere",
                person=person,
                origin=origin,
                detail={"id_number": mask_id_number(number)},
            )
            raise
        await self._release_verification_attempt(person)  # only failures count
        return profile

    async def _reserve_verification_attempt(self, person: Person) -> None:
        key = _attempts_key(person)
        count = await self.redis.incr(key)
        await self.redis.expire(key, 2 * 86400)
        if count > DAILY_VERIFICATION_FAILURES:
            await self.redis.decr(key)
            raise errors.VerificationLimit()

    async def _release_verification_attempt(self, person: Person) -> None:
        await self.redis.decr(_attempts_key(person))

    async def apply_real_name(
        self, person: Person, name: str, number: str, index: str, origin: Origin, *, face: bool
    ) -> ProfileOut:
        """Seal the verified name and number. Another person holding them is refused without a
        face (`face`); with one, it is merged here if it passed face verification too, and
        otherwise loses the real name it only knew. Returns the person's profile, read inside
        the transaction: once it has committed, nothing is left to fail before the answer."""
        try:
            async with transaction():
                await _one_claim_at_a_time(index)
                after_commit = await self._seal_real_name(
                    person, name, number, index, origin, face=face
                )
                profile = await self.persons.fresh_profile(person)
        except IntegrityError:
            if await _held_by_another(person, index):  # taken a moment ago
                raise errors.IdentityHeldElsewhere() from None
            raise
        await settle(after_commit)
        return profile

    async def _seal_real_name(
        self, person: Person, name: str, number: str, index: str, origin: Origin, *, face: bool
    ) -> list[AfterCommit]:
        holder = await Person.filter(id_number_index=index).first()
        involved = sorted({person.id} | ({holder.id} if holder else set()))
        # Lock both rows, always in id order, so two merges of the same pair cannot deadlock.
        locked = {
            p.id: p for p in await Person.filter(id__in=involved).order_by("id").select_for_update()
        }
        me = locked[person.id]
        if me.status != PersonStatus.ACTIVE:
            raise errors.PersonNotFound()  # deleted or merged while the gateway answered
        if me.id_number_index is not None and me.id_number_index != index:
            raise errors.AlreadyVerified()  # verified with another number a moment ago
        other = locked.get(holder.id) if holder is not None and holder.id != me.id else None
        after_commit: list[AfterCommit] = []
        if other is not None and other.id_number_index == index:  # still its, under the lock
            if not face:
                raise errors.IdentityHeldElsewhere()
            if other.face_verified_at is not None:  # two faces: one person
                after_commit = await merge_persons(
                    into=me, other=other, origin=origin, hooks=self.merge_hooks
                )
            else:
                await _release_real_name(other, taken_by=me, origin=origin)
                for notice in self.release_notices:
                    await notice(other.id)
        await self._seal_onto(me, name, number, index, face=face)
        await audit(
            "auth.real_name_verified",
            person=me,
            origin=origin,
            detail={"id_number": mask_id_number(number), "face": face},
        )
        return after_commit

    async def _seal_onto(
        self, me: Person, name: str, number: str, index: str, *, face: bool
    ) -> None:
        now = clock.now()
        me.name_sealed = self.persons.seal(name, table="person", column="name", row=me.public_id)
        me.id_number_sealed = self.persons.seal(
            number, table="person", column="id_number", row=me.public_id
        )
        me.id_number_index = index
        me.level = max(me.level, 3 if face else 2)
        me.verified_at = me.verified_at or now
        if face:
            me.face_verified_at = now
        await me.save(
            update_fields=[
                "name_sealed",
                "id_number_sealed",
                "id_number_index",
                "level",
                "verified_at",
                "face_verified_at",
                "updated_at",
            ]
        )


async def _release_real_name(holder: Person, *, taken_by: Person, origin: Origin) -> None:
    """The holder proved the name and number only by knowing them; the face of the person
    they belong to outranks that. The holder keeps its account, bindings, sessions and
    what it made, at level 1: nothing of it reaches the person who proved their face."""
    holder.name_sealed = None
    holder.id_number_sealed = None
    holder.id_number_index = None
    holder.verified_at = None
    holder.level = 1
    await holder.save(
        update_fields=[
            "name_sealed",
            "id_number_sealed",
            "id_number_index",
            "verified_at",
            "level",
            "updated_at",
        ]
    )
    await audit(
        "auth.real_name_released",
        person=holder,
        origin=origin,
        detail={"taken_by": taken_by.public_id},
    )


async def _held_by_another(person: Person, index: str) -> bool:
    return (
        await Person.filter(id_number_index=index, status=PersonStatus.ACTIVE)
        .exclude(id=person.id)
        .exists()
    )


async def _one_claim_at_a_time(index: str) -> None:
    """Claims to one ID number settle one after the other (a transaction-scoped advisory
    lock on the number's blind index). Without it, a
    face check could find the holder merged away a moment ago and meet the new holder only
    at the unique index, answering 409 to a face that had passed."""
    key = int(index[:15], 16)  # 60 bits of an HMAC: fits PostgreSQL's bigint
    await connections.get("default").execute_query("SELECT pg_advisory_xact_lock($1)", [key])


def normalise_name(value: str) -> str:
    name = value.strip()
    if not NAME.fullmatch(name):
        raise errors.NameInvalid()
    return name


def _attempts_key(person: Person) -> str:
    return f"auth:verify-fail:{person.public_id}:{clock.local(clock.now()):%Y%m%d}"
