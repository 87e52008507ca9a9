"""The floor for applying a payment callback: bare Sanic in one process with an asyncpg pool of
20 (as Yiwang's), answering POST /callbacks/payments/wechat with 204 after running the
statements Yiwang ran for one callback, as `bench/payments_callbacks.py` captured them from
PostgreSQL's statement log, in the same order and transaction, and nothing else: no middleware,
signature, timestamp window, Redis nonce, decryption, ORM or transition table. What a server
running this SQL over HTTP could reach at best on this machine.

Its body is plain JSON, `{"id": notification id, "order": order public id}`: the two values
of a callback that are the request's own (the order's row id comes from the locking SELECT, as
in Yiwang). Every other parameter is the value Yiwang sent, as in pgbench's script. A
notification id already recorded (the statement recording it once, `ON CONFLICT DO NOTHING`,
answers no row) is rolled back and answered 204 without the rest, as Yiwang does.

Usage: python bench/callback_floor_server.py PORT DATABASE_URL PLAN_JSON
"""

from __future__ import annotations

import json
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from sanic import DefaultSanic, Request, Sanic
from sanic.response import HTTPResponse, empty
from sanic.response import json as json_response

sys.path.insert(0, str(Path(__file__).resolve().parent))

from logged_params import CONVERT

app = Sanic("callback_floor")


@dataclass(frozen=True)
class Step:
    sql: str
    constants: list[object]  # by position; a variable's place holds None
    # position -> "nid" | "opub" | "oid" | "fresh:<prefix>" (a new public id) |
    # "format:<template>" (a text naming the order: "payment_paid:{opub}")
    variables: dict[int, str]
    binds_oid: bool  # this statement's first row's `id` is the order's
    records_once: bool  # no row back (ON CONFLICT DO NOTHING): a repeat, nothing to apply


@app.before_server_start
async def open_pool(app: DefaultSanic) -> None:
    url = app.config.DATABASE_URL.replace("postgres://", "postgresql://", 1)
    app.ctx.pool = await asyncpg.create_pool(url, min_size=2, max_size=20, reset=_no_reset)
    async with app.ctx.pool.acquire() as connection:
        app.ctx.steps = await load_plan(connection, app.config.PLAN)


async def _no_reset(connection: asyncpg.Connection) -> None:
    """asyncpg's default reset is a round trip per release; the floor leaves nothing to undo."""


@app.after_server_stop
async def close_pool(app: DefaultSanic) -> None:
    await app.ctx.pool.close()


async def load_plan(connection: asyncpg.Connection, raw: list[dict[str, object]]) -> list[Step]:
    steps: list[Step] = []
    for entry in raw:
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
                elif "var" in parameter:
                    variables[position] = parameter["var"]
                    constants.append(None)
                elif "fresh" in parameter:
                    variables[position] = "fresh:" + parameter["fresh"]
                    constants.append(None)
                elif "format" in parameter:
                    variables[position] = "format:" + parameter["format"]
                    constants.append(None)
                else:
                    convert = CONVERT.get(type_name)
                    text = parameter["const"]
                    constants.append(text if convert is None else convert(text))
        binds = "opub" in variables.values() and sql.lstrip().upper().startswith("SELECT")
        # The callback's record-once: a repeat inserts nothing and changes nothing more. (Other
        # ON CONFLICT inserts, a receipt or an event, go on either way.)
        once = "callback_record" in sql and "ON CONFLICT" in sql.upper()
        steps.append(Step(sql, constants, variables, binds, once))
    return steps


@app.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json_response({"ok": True})


@app.post("/callbacks/payments/wechat")
async def callback(request: Request) -> HTTPResponse:
    body = request.json
    values: dict[str, object] = {"nid": body["id"], "opub": body["order"]}
    async with app.ctx.pool.acquire() as connection:
        in_transaction = False
        try:
            for step in app.ctx.steps:
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
                if step.records_once and not rows:  # as Yiwang: a repeat changes nothing
                    await connection.execute("ROLLBACK")
                    return empty(status=204)
                if step.binds_oid:
                    if not rows:
                        if in_transaction:
                            await connection.execute("ROLLBACK")
                        return json_response({"code": "floor.no_order"}, status=409)
                    values["oid"] = rows[0]["id"]
        except BaseException:
            if in_transaction:
                await connection.execute("ROLLBACK")
            raise
    return empty(status=204)


def _value(name: str, values: dict[str, object]) -> object:
    if name.startswith("fresh:"):
        return f"{name[6:]}_{secrets.token_urlsafe(16)[:22]}"
    if name.startswith("format:"):
        return name[7:].replace("{opub}", str(values["opub"]))
    return values[name]


if __name__ == "__main__":
    port, database_url, plan = sys.argv[1], sys.argv[2], sys.argv[3]
    app.config.DATABASE_URL = database_url
    app.config.PLAN = json.loads(Path(plan).read_text())
    app.run(host="127.0.0.1", port=int(port), single_process=True, access_log=False, debug=False)
