"""Watching the whole test session for personal data stored or logged in the clear.

Every test's rows are scanned before the next test empties the tables, and every log line the
service writes is teed here; the last test of the suite also dumps the database for real.
Findings are recorded masked, so the test output cannot leak what it is looking for.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from tortoise import Tortoise, connections

from api.kit.logs import TextSink
from api.kit.masking import mask_text

# A mainland mobile number or an 18-character ID number standing on its own.
PERSONAL_DATA = re.compile(r"(?<![0-9A-Za-z])(?:1[3-9]\d{9}|\d{17}[\dXx])(?![0-9A-Za-z])")


class Tee(io.TextIOBase):
    def __init__(self, *streams: TextSink) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


@dataclass
class PersonalDataWatch:
    findings: list[str] = field(default_factory=list)
    logs: io.StringIO = field(default_factory=io.StringIO)
    rows_scanned: int = 0
    tables_scanned: set[str] = field(default_factory=set)

    def scan_text(self, where: str, text: str) -> int:
        found = 0
        for match in PERSONAL_DATA.finditer(text):
            found += 1
            self.findings.append(f"{where}: {mask_text(match.group(0))}")
        return found

    async def scan_database(self, where: str) -> None:
        """Every filled table's rows, as JSON text from one statement. Not aerich's: its
        migration snapshots (some 2 MB) hold no one's data, and scanning them was most of what
        each test cost."""
        probe = " UNION ALL ".join(
            f"SELECT '{table}' AS name, (SELECT json_agg(t)::text FROM \"{table}\" t) AS rows"
            for table in tables()
            if table != MIGRATIONS_TABLE
        )
        filled = await connections.get("default").execute_query_dict(
            f"SELECT name, rows FROM ({probe}) AS tables WHERE rows IS NOT NULL"
        )
        for table in filled:
            self.tables_scanned.add(table["name"])
            self.rows_scanned += table["rows"].count("\n") + 1  # json_agg: a row a line
            self.scan_text(f"{where} table {table['name']}", table["rows"])

    def scan_logs(self) -> None:
        self.scan_text("logs", self.logs.getvalue())


MIGRATIONS_TABLE = "aerich"


def tables() -> list[str]:
    return sorted(model._meta.db_table for app in Tortoise.apps.values() for model in app.values())


async def filled_tables() -> list[str]:
    """The tables holding at least one row, asked in one statement: a test touches a few of
    the sixty, and reading (or truncating) the empty ones one by one was most of the suite's
    time."""
    probe = " UNION ALL ".join(
        f"SELECT '{table}' AS name WHERE EXISTS (SELECT 1 FROM \"{table}\")" for table in tables()
    )
    rows = await connections.get("default").execute_query_dict(probe)
    return [str(row["name"]) for row in rows]
