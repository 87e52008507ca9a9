"""Merging two persons into one, and the hooks through which every package moves its rows.

Registered by each package that owns data about persons (see api.app): a merge moves a
person's rows to the survivor, a deletion erases or anonymises them. Both run inside the
identity transaction, so everything moves, or nothing does. What a hook has to do outside
the database (forget what Redis remembers of the rows, say) it returns, to be run once the
transaction has committed: run inside, a rollback would leave that memory out of step.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from auth.audit import Origin, audit
from auth.models import AuthSession, Binding, Consent, Person, PersonStatus

log = logging.getLogger("yiwang.auth")

AfterCommit = Callable[[], Awaitable[None]]
MergeHook = Callable[[int, int], Awaitable[AfterCommit | None]]
DeletionHook = Callable[[int], Awaitable[AfterCommit | None]]
# Tells a person their real name was taken back by the face of its owner (they are at level 1
# now); runs inside the transaction that released it, so the message and the change commit
# together. notify fills it in (a message through the outbox).
ReleaseNotice = Callable[[int], Awaitable[None]]


async def merge_persons(
    *, into: Person, other: Person, origin: Origin, hooks: list[MergeHook]
) -> list[AfterCommit]:
    """Fold `other` into `into`: everything it owns, in every package, in this transaction.
    Returns what the packages left to do once it has committed."""
    await Binding.filter(person_id=other.id).update(person_id=into.id)
    await AuthSession.filter(person_id=other.id).update(person_id=into.id)
    kept = await Consent.filter(person_id=into.id).values_list("policy_version", flat=True)
    await Consent.filter(person_id=other.id, policy_version__in=list(kept)).delete()
    await Consent.filter(person_id=other.id).update(person_id=into.id)
    after_commit = [done for hook in hooks if (done := await hook(other.id, into.id))]
    if other.level > into.level:
        into.level = other.level
        into.face_verified_at = other.face_verified_at
    other.status = PersonStatus.MERGED
    other.merged_into = into.public_id
    other.id_number_index = None
    other.id_number_sealed = None
    other.name_sealed = None
    await other.save(
        update_fields=[
            "status",
            "merged_into",
            "id_number_index",
            "id_number_sealed",
            "name_sealed",
            "updated_at",
        ]
    )
    await audit(
        "auth.persons_merged", person=into, origin=origin, detail={"merged": other.public_id}
    )
    return after_commit


async def settle(after_commit: list[AfterCommit]) -> None:
    """Run what hooks left for after a commit. The commit stands whatever happens here, and
    memory left stale lapses by itself (seconds), so a failure is logged, not answered."""
    for done in after_commit:
        try:
            await done()
        except Exception:
            log.exception("a step after the commit failed; the database is right, memory lapses")
