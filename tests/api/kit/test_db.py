"""`atomic()`: its caller's transaction when there is one, else its own."""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from typing import Any

import pytest

from api.kit.db import atomic, transaction
from api.kit.ids import new_public_id
from api.kit.logs import quiet_abandoned_transactions
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


class ErrorsOf(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.messages.append(record.getMessage()[:80])


async def test_requests_abandoned_at_any_point_roll_back_without_an_error_line(clean: Any) -> None:
    """Sanic cancels a request's task when its client hangs up: a transaction cancelled while
    it begins, works or commits is rolled back (or committed) whole, leaves no connection
    unusable, and writes no ERROR for the operators (what `configure_logging` installs)."""
    quiet_abandoned_transactions()
    errors = ErrorsOf()
    logging.getLogger("asyncio").addHandler(errors)

    async def one_change() -> None:
        async with transaction():
            await Person.create(public_id=new_public_id("per"))

    finished = 0
    try:
        for attempt in range(120):
            task = asyncio.create_task(one_change())
            for _ in range(attempt % 12):  # cancel at each await point in turn
                await asyncio.sleep(0)
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
                finished += 1
    finally:
        logging.getLogger("asyncio").removeHandler(errors)
    assert errors.messages == []
    committed = await Person.all().count()
    assert finished <= committed <= 120  # a commit cut off may still have landed, no more
    async with transaction():  # no connection was left unusable in the pool
        await Person.create(public_id=new_public_id("per"))
    assert await Person.all().count() == committed + 1


async def test_a_request_abandoned_mid_query_rolls_back(clean: Any) -> None:
    started = asyncio.Event()

    async def abandoned() -> None:
        async with transaction() as connection:
            await Person.create(public_id=new_public_id("per"))
            started.set()
            await connection.execute_query("SELECT pg_sleep(5)")

    task = asyncio.create_task(abandoned())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await Person.all().count() == 0
