"""注销: deleting a citizen's account. Irreversible: sessions end, personal data is erased,
bindings go, every package erases or anonymises its rows (the deletion hooks), statistics
stay anonymous."""

from __future__ import annotations

from dataclasses import dataclass

from api.kit import clock
from api.kit.db import transaction
from auth import errors
from auth.audit import Origin, audit
from auth.claims import Claims
from auth.merge import DeletionHook, settle
from auth.models import AuthSession, Binding, Person, PersonStatus

DELETION_PHRASE = "注销账号"


@dataclass
class AccountDeletion:
    claims: Claims
    deletion_hooks: list[DeletionHook]

    async def delete_account(self, person: Person, confirm: str, origin: Origin) -> None:
        """注销: irreversible. Sessions end, personal data is erased, statistics stay anonymous."""
        if confirm != DELETION_PHRASE:
            raise errors.DeletionNotConfirmed(phrase=DELETION_PHRASE)
        now = clock.now()
        async with transaction():
            locked = await Person.filter(id=person.id).select_for_update().first()
            if locked is None or locked.status != PersonStatus.ACTIVE:
                raise errors.PersonNotFound()
            await AuthSession.filter(person_id=person.id, revoked_at=None).update(
                revoked_at=now, revoked_reason="account_deleted"
            )
            await Binding.filter(person_id=person.id).delete()
            after_commit = [done for hook in self.deletion_hooks if (done := await hook(person.id))]
            await Person.filter(id=person.id).update(
                status=PersonStatus.DELETED,
                name_sealed=None,
                id_number_sealed=None,
                id_number_index=None,
                deleted_at=now,
            )
            await audit("auth.account_deleted", person=person, origin=origin)
        await settle([lambda: self.claims.drop(person), *after_commit])
