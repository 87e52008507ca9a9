"""The database going away at the worst moment for an answer: just after a write committed.

A write that committed answers its success: it reads its answer inside its transaction or
builds it from what it wrote, so nothing is left to fail between the commit and the answer.
`gone_after_commit(table)` makes every statement fail as an outage does (the connection
closed) from the moment a write to `table` has committed, an autocommit statement or the
transaction that made it, until the block ends. The test server runs in this process, so
its statements meet it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest
from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper

# The tables a statement writes; `FOR UPDATE` locks rows, it writes none.
WRITTEN_TABLES = re.compile(r'(?<!FOR )\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
STATEMENTS = ("execute_query", "execute_query_dict", "execute_insert", "execute_script")


class DatabaseGone:
    def __init__(self, table: str) -> None:
        self.table = table
        self.gone = False
        self._writing: set[int] = set()  # the outermost transactions that wrote the table

    def refuse_when_gone(self) -> None:
        if self.gone:
            raise asyncpg.exceptions.ConnectionDoesNotExistError(
                "connection was closed in the middle of operation"
            )

    def ran(self, client: AsyncpgDBClient, query: str) -> None:
        written = {match.lower() for match in WRITTEN_TABLES.findall(query)}
        if self.table not in written:
            return
        outermost = _outermost_transaction(client)
        if outermost is None:
            self.gone = True  # an autocommit statement: committed as it returned
        else:
            self._writing.add(id(outermost))

    def committed(self, client: TransactionWrapper) -> None:
        if _outermost_transaction(client) is client and id(client) in self._writing:
            self.gone = True


def _outermost_transaction(client: AsyncpgDBClient) -> TransactionWrapper | None:
    if not isinstance(client, TransactionWrapper):
        return None
    while isinstance(client._parent, TransactionWrapper):  # a savepoint's parent
        client = client._parent
    return client


@contextmanager
def gone_after_commit(table: str) -> Iterator[DatabaseGone]:
    database = DatabaseGone(table)
    with pytest.MonkeyPatch.context() as patch:
        for name in STATEMENTS:
            patch.setattr(AsyncpgDBClient, name, _watched(getattr(AsyncpgDBClient, name), database))
        patch.setattr(
            TransactionWrapper, "execute_many", _watched(TransactionWrapper.execute_many, database)
        )
        original_begin, original_commit = TransactionWrapper.begin, TransactionWrapper.commit

        async def begin(self: TransactionWrapper) -> None:
            database.refuse_when_gone()
            await original_begin(self)

        async def commit(self: TransactionWrapper) -> None:
            database.refuse_when_gone()
            await original_commit(self)
            database.committed(self)

        patch.setattr(TransactionWrapper, "begin", begin)
        patch.setattr(TransactionWrapper, "commit", commit)
        yield database


def _watched(statement: Any, database: DatabaseGone) -> Any:
    async def watched(self: AsyncpgDBClient, query: str, *args: Any, **kwargs: Any) -> Any:
        database.refuse_when_gone()
        result = await statement(self, query, *args, **kwargs)
        database.ran(self, query)
        return result

    return watched
