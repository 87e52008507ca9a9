"""Identity's transitions are the database's rules, whatever the Python above them does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tortoise.exceptions import IntegrityError

from api.kit.ids import new_public_id
from auth.models import Binding, BindingKind, Person, PersonStatus

NOW = datetime(2026, 11, 22, tzinfo=UTC)
REFUSED = IntegrityError  # what the service catches; a broken trigger would raise otherwise


async def person(status: PersonStatus = PersonStatus.ACTIVE, level: int = 1) -> Person:
    return await Person.create(public_id=new_public_id("per"), status=status, level=level)


async def test_a_merged_or_deleted_person_stays_so(server, clean) -> None:
    for final in (PersonStatus.MERGED, PersonStatus.DELETED):
        gone = await person()
        await Person.filter(id=gone.id).update(status=final)
        with pytest.raises(REFUSED):
            await Person.filter(id=gone.id).update(status=PersonStatus.ACTIVE)
    assert await Person.filter(status=PersonStatus.ACTIVE).count() == 0


async def test_an_assurance_level_goes_down_only_when_a_real_name_is_released(
    server, clean
) -> None:
    verified = await person(level=3)
    await Person.filter(id=verified.id).update(id_number_index="idx-3", face_verified_at=NOW)
    with pytest.raises(REFUSED):
        await Person.filter(id=verified.id).update(level=1)
    with pytest.raises(REFUSED):  # not even released: a face-verified person keeps its level
        await Person.filter(id=verified.id).update(level=1, id_number_index=None)
    await Person.filter(id=verified.id).update(level=3)  # staying put is fine
    known_only = await person(level=2)
    await Person.filter(id=known_only.id).update(id_number_index="idx-2")
    with pytest.raises(REFUSED):  # down, but keeping the number
        await Person.filter(id=known_only.id).update(level=1)
    await Person.filter(id=known_only.id).update(level=1, id_number_index=None)  # released
    assert (await Person.get(id=known_only.id)).level == 1


async def test_a_person_created_inactive_holds_no_personal_data(server, clean) -> None:
    with pytest.raises(REFUSED):
        await Person.create(
            public_id=new_public_id("per"), status=PersonStatus.DELETED, name_sealed="v1:x"
        )


async def test_a_person_no_longer_active_holds_no_personal_data(server, clean) -> None:
    sealed = await person(level=2)
    await Person.filter(id=sealed.id).update(name_sealed="v1:sealed", id_number_index="idx-1")
    with pytest.raises(REFUSED):  # deleted but still holding the sealed name
        await Person.filter(id=sealed.id).update(status=PersonStatus.DELETED)
    await Person.filter(id=sealed.id).update(
        status=PersonStatus.DELETED, name_sealed=None, id_number_index=None
    )
    with pytest.raises(REFUSED):  # and nothing brings it back afterwards
        await Person.filter(id=sealed.id).update(id_number_sealed="v1:late")


async def test_a_binding_only_belongs_to_an_active_person(server, clean) -> None:
    active, deleted = await person(), await person(PersonStatus.DELETED)

    def binding(owner: Person, value: str) -> Binding:
        return Binding(
            public_id=new_public_id("bnd"),
            person_id=owner.id,
            kind=BindingKind.PHONE,
            value_index=value,
            value_sealed="v1:sealed",
        )

    with pytest.raises(REFUSED):
        await binding(deleted, "i-1").save()
    kept = binding(active, "i-2")
    await kept.save()
    with pytest.raises(REFUSED):
        await Binding.filter(id=kept.id).update(person_id=deleted.id)
    assert await Binding.filter(person_id=active.id).count() == 1
