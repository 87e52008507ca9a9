"""The floor for applying an EMS tracking push: bare Sanic in one process with an asyncpg pool
of 20 (as Yiwang's), answering POST /callbacks/express/ems with EMS's success answer after
running the statements Yiwang ran for a push of that stage of the journey, as
`bench/express_pushes.py` captured them from PostgreSQL's statement log, in the same order and
transactions, and nothing else: no middleware, digest, timestamp window, Redis serial, SM4,
ORM or status derivation. What a server running this SQL over HTTP could reach at best on this
machine.

Its body is plain JSON, `{"mail": mail number, "stage": 0..7}`: the push's own values. The
shipment's id, public id and person come from the row the locking SELECT answers (by the mail
number, as in Yiwang); every other parameter is the value Yiwang sent, as in pgbench's script,
except the public ids a push mints, which are fresh.

Usage: python bench/push_floor_server.py PORT DATABASE_URL PLAN_JSON
"""

from __future__ import annotations

import json
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from sanic import DefaultSanic, Request, Sanic
from sanic.response import HTTPResponse, raw
from sanic.response import json as json_response

sys.path.insert(0, str(Path(__file__).resolve().parent))

from logged_params import CONVERT

app = Sanic("push_floor")
SUCCESS = json.dumps({"code": "00000", "codeMessage": "成功"}, ensure_ascii=False).encode()


def converted(type_name: str, text: str) -> object:
    """A logged parameter as asyncpg takes it: an array type (`text[]`, `timestamptz[]`) from
    PostgreSQL's one-dimensional array text, element by element."""
    if type_name.endswith("[]"):
        return [converted(type_name[:-2], element) for element in _elements(text)]
    convert = CONVERT.get(type_name)
    return text if convert is None else convert(text)


def _elements(text: str) -> list[str]:
    """The elements of `{a,"b c","d\\"e"}` (no NULLs or nesting: the captured pushes have
    none)."""
    assert text.startswith("{") and text.endswith("}"), text
    elements: list[str] = []
    inside, quoted, escaped, current = text[1:-1], False, False, ""
    for char in inside:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            elements.append(current)
            current = ""
        else:
            current += char
    if inside:
        elements.append(current)
    return elements


@dataclass(frozen=True)
class Step:
    sql: str
    constants: list[object]  # by position; a variable's place holds None
    # position -> "sid" | "mno" | "pid" | "fresh:<prefix>" (a new public id) |
    # "format:<template>" (a text naming the shipment: "shipment:{spub}:delivered")
    variables: dict[int, str]
    binds_shipment: bool  # the locking SELECT: its first row is the shipment's


@app.before_server_start
async def open_pool(app: DefaultSanic) -> None:
    url = app.config.DATABASE_URL.replace("postgres://", "postgresql://", 1)
    app.ctx.pool = await asyncpg.create_pool(url, min_size=2, max_size=20, reset=_no_reset)
    async with app.ctx.pool.acquire() as connection:
        app.ctx.stages = [await load_plan(connection, stage) for stage in app.config.PLAN]


async def _no_reset(connection: asyncpg.Connection) -> None:
    """asyncpg's default reset is a round trip per release; the floor leaves nothing to undo."""


@app.after_server_stop
async def close_pool(app: DefaultSanic) -> None:
    await app.ctx.pool.close()


async def load_plan(
    connection: asyncpg.Connection, raw_steps: list[dict[str, object]]
) -> list[Step]:
    steps: list[Step] = []
    for entry in raw_steps:
        sql = str(entry["sql"])
        parameters: list[dict[str, str] | None] = entry["parameters"]  # type: ignore[assignment]
        constants: list[object] = []
        variables: dict[int, str] = {}
        if parameters:
            prepared = await connection.prepare(sql)
            types = [t.name for t in prepared.get_parameters()]
            for position, (type_name, parameter) in enumerate(zip(types, parameters, strict=True)):
                if parameter is None:
                    constants.append(None)
                    continue
                constants.append(None)
                if "var" in parameter:
                    variables[position] = parameter["var"]
                elif "fresh" in parameter:
                    variables[position] = "fresh:" + parameter["fresh"]
                elif "format" in parameter:
                    variables[position] = "format:" + parameter["format"]
                else:
                    constants[-1] = converted(type_name, parameter["const"])
        binds = (
            "mno" in variables.values()
            and sql.lstrip().upper().startswith("SELECT")
            and "FOR UPDATE" in sql.upper()
        )
        steps.append(Step(sql, constants, variables, binds))
    return steps


@app.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json_response({"ok": True})


@app.post("/callbacks/express/ems")
async def push(request: Request) -> HTTPResponse:
    body = request.json
    values: dict[str, object] = {"mno": body["mail"]}
    async with app.ctx.pool.acquire() as connection:
        in_transaction = False
        try:
            for step in app.ctx.stages[int(body["stage"])]:
                if not step.constants:
                    await connection.execute(step.sql)
                    verb = step.sql.split(None, 1)[0].upper()
                    in_transaction = verb in ("BEGIN", "START") or (
                        in_transaction and verb not in ("COMMIT", "ROLLBACK", "END")
                    )
                    continue
                arguments = list(step.constants)
                for position, name in step.variables.items():
                    arguments[position] = _value(name, values)
                rows = await connection.fetch(step.sql, *arguments)
                if step.binds_shipment:
                    if not rows:
                        if in_transaction:
                            await connection.execute("ROLLBACK")
                        return json_response({"code": "floor.no_shipment"}, status=409)
                    row = rows[0]
                    values.update(sid=row["id"], pid=row["person_id"], spub=row["public_id"])
        except BaseException:
            if in_transaction:
                await connection.execute("ROLLBACK")
            raise
    return raw(SUCCESS, content_type="application/json")


def _value(name: str, values: dict[str, object]) -> object:
    if name.startswith("fresh:"):
        return f"{name[6:]}_{secrets.token_urlsafe(16)[:22]}"
    if name.startswith("format:"):
        return name[7:].replace("{spub}", str(values["spub"])).replace("{mno}", str(values["mno"]))
    return values[name]


if __name__ == "__main__":
    port, database_url, plan = sys.argv[1], sys.argv[2], sys.argv[3]
    app.config.DATABASE_URL = database_url
    app.config.PLAN = json.loads(Path(plan).read_text())
    app.run(host="127.0.0.1", port=int(port), single_process=True, access_log=False, debug=False)
