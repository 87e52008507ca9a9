"""Persons and their bindings: found by blind index, sealed by the vault, shown masked.

A person is reached through bindings (openids, unionid, phone, app devices) found by the keyed
blind index of their value; every value is sealed before it is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.kit import clock
from api.kit.db import rows_of
from api.kit.ids import new_public_id
from api.kit.masking import mask_id_number, mask_name, mask_phone
from auth.models import Binding, BindingKind, Person, PersonStatus
from auth.schemas import BindingOut, ProfileOut
from auth.vault import Vault


@dataclass
class Persons:
    vault: Vault

    # ------------------------------------------------------------------ personal data

    def seal(self, value: str, *, table: str, column: str, row: str) -> str:
        return self.vault.seal(value, table=table, column=column, row=row)

    def index(self, kind: BindingKind | str, value: str) -> str:
        return self.vault.blind_index(str(kind), value)

    def open_person(self, person: Person, column: str) -> str:
        sealed = getattr(person, f"{column}_sealed")
        return self.vault.open(sealed, table="person", column=column, row=person.public_id)

    def open_binding(self, binding: Binding) -> str:
        return self.vault.open(
            binding.value_sealed, table="binding", column="value", row=binding.public_id
        )

    async def mini_program_openid(self, person: Person) -> str | None:
        """The openid of the mini-program account the person signed in with last (what
        WeChat Pay pays from), or None when they never signed in there."""
        binding = await Binding.last_used(person.id, BindingKind.MP_OPENID)
        return None if binding is None else self.open_binding(binding)

    # ------------------------------------------------------------------ persons and bindings

    async def person_by_binding(self, kind: BindingKind, value: str) -> Person | None:
        binding = await Binding.get_or_none(
            kind=kind, value_index=self.index(kind, value)
        ).prefetch_related("person")
        return binding.person if binding is not None else None

    async def create_person(self) -> Person:
        return await Person.create(public_id=new_public_id("per"), level=1)

    async def bind(
        self,
        person: Person,
        kind: BindingKind,
        value: str,
        *,
        verified: bool,
        session_key: str | None = None,
    ) -> Binding:
        public_id = new_public_id("bnd")
        return await Binding.create(
            public_id=public_id,
            person=person,
            kind=kind,
            value_index=self.index(kind, value),
            value_sealed=self.seal(value, table="binding", column="value", row=public_id),
            session_key_sealed=self.seal(
                session_key, table="binding", column="session_key", row=public_id
            )
            if session_key
            else None,
            verified=verified,
            last_used_at=clock.now(),
        )

    async def keep_session_key(self, openid: str, session_key: str) -> None:
        """The mini-program's latest session_key, sealed on its openid's binding."""
        binding = await Binding.get(
            kind=BindingKind.MP_OPENID, value_index=self.index(BindingKind.MP_OPENID, openid)
        )
        binding.session_key_sealed = self.seal(
            session_key, table="binding", column="session_key", row=binding.public_id
        )
        binding.last_used_at = clock.now()
        await binding.save(update_fields=["session_key_sealed", "last_used_at"])

    # ------------------------------------------------------------------ reading a person

    async def profile(self, person: Person) -> ProfileOut:
        """What the person may see about themselves: masked, never the sealed values."""
        bindings, policy_version = await _bindings_and_consent(person)
        return ProfileOut(
            person_id=person.public_id,
            level=person.level,
            name=mask_name(self.open_person(person, "name")) if person.name_sealed else None,
            id_number=mask_id_number(self.open_person(person, "id_number"))
            if person.id_number_sealed
            else None,
            bindings=[self.describe_binding(row) for row in bindings],
            privacy_policy_version=policy_version,
        )

    async def fresh_profile(self, person: Person) -> ProfileOut:
        """The profile as the database has it now (after a change made on another copy)."""
        return await self.profile(await Person.get(id=person.id))

    def describe_binding(self, row: dict[str, Any]) -> BindingOut:
        """A binding as its row has it (read on every GET /me, so no model instance is loaded)."""
        value = self.vault.open(
            row["value_sealed"], table="binding", column="value", row=row["public_id"]
        )
        shown = mask_phone(value) if row["kind"] == BindingKind.PHONE else value[:4] + "****"
        return BindingOut(kind=row["kind"], value=shown, verified=row["verified"])


# Every GET /me reads both, only the columns it shows; one round trip on PostgreSQL (a person
# with no binding left still gets the one row that carries the policy version).
_BINDINGS_AND_CONSENT = """
SELECT b.id, b.public_id, b.kind, b.value_sealed, b.verified,
       c.policy_version AS accepted_policy_version
  FROM (SELECT 1) AS one
  LEFT JOIN binding b ON b.person_id = $1
  LEFT JOIN LATERAL (
      SELECT policy_version FROM consent WHERE person_id = $1 ORDER BY accepted_at DESC LIMIT 1
  ) c ON true
 ORDER BY b.created_at
"""


async def _bindings_and_consent(person: Person) -> tuple[list[dict[str, Any]], str | None]:
    rows = await rows_of(_BINDINGS_AND_CONSENT, (person.id,))
    return [row for row in rows if row["id"] is not None], rows[0]["accepted_policy_version"]


async def person_by_public_id(public_id: str) -> Person:
    """The person with this public id (raises DoesNotExist when there is none)."""
    return await Person.get(public_id=public_id)


async def active_person(public_id: str) -> Person | None:
    """The active person with this public id, if any."""
    return await Person.get_or_none(public_id=public_id, status=PersonStatus.ACTIVE)
