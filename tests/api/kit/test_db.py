"""`atomic()`: its caller's transaction when there is one, else its own."""

from __future__ import annotations

from typing import Any

import pytest

from api.kit.db import atomic, transaction
from api.kit.ids import new_public_id
from auth.models import Person


class Stop(Exception):
    pass


async def test_alone_it_is_a_transaction_of_its_own(clean: Any) -> None:
    with pytest.raises(Stop):
        async with atomic():
            await Person.create(public_id=new_public_id("per"))
            raise Stop
    assert await Person.all().count() == 0
    async with atomic():
        await Person.create(public_id=new_public_id("per"))
    assert await Person.all().count() == 1


async def test_inside_a_transaction_it_is_that_transaction(clean: Any) -> None:
    with pytest.raises(Stop):
        async with transaction():
            await Person.create(public_id=new_public_id("per"))
            async with atomic():
                await Person.create(public_id=new_public_id("per"))
            raise Stop  # the caller's failure takes back what atomic did: no savepoint kept it
    assert await Person.all().count() == 0
