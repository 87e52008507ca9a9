"""The floor for submitting an application: bare Sanic in one process with an asyncpg pool of
20 (as Yiwang's), answering POST /api/v1/applications by running the statements Yiwang ran for
one submission, as `bench/approval.py` captured them from PostgreSQL's statement log, in the
same order and the same transactions, and nothing else: no middleware, ORM, form or material
validation, vault sealing, idempotency digest, token checking or hand-over. What a server
running this SQL over HTTP could reach at best (the submission's counterpart of
`sql_floor_server.py`).

The plan (written by approval.py from the capture) holds each statement's text and, for each
parameter, the value Yiwang sent or how to make this request's own: the citizen and session
from the bearer token (here the person's and session's public ids joined by a dot, an opaque
id the bench hands out: the floor checks no signature), the photo from the body, the
Idempotency-Key from its header, fresh public ids and core reference per request, and the ids
earlier statements answered (the person's, the file's, the rows inserted). Values that are
constants in the capture (sealed form and licence numbers, timestamps, the request digest)
stay as captured, as in pgbench's script. The answer is the one the request records for its
Idempotency-Key, as Yiwang's is, with status 201.

Usage: python bench/submission_floor_server.py PORT DATABASE_URL PLAN_JSON
"""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from sanic import DefaultSanic, Request, Sanic
from sanic.response import HTTPResponse
from sanic.response import json as json_response

sys.path.insert(0, str(Path(__file__).resolve().parent))

from logged_params import CONVERT

app = Sanic("submission_floor")

Values = dict[str, object]
Piece = str | dict[str, str]  # a literal, or {"var": name}


@dataclass(frozen=True)
class Parameter:
    pieces: list[Piece] | None  # None: NULL
    convert: Callable[[str], object] | None
    constant: object = None

    def value(self, values: Values) -> object:
        if self.pieces is None:
            return None
        if self.constant is not None:
            return self.constant
        if len(self.pieces) == 1 and isinstance(self.pieces[0], dict):
            found = values[self.pieces[0]["var"]]
            if not isinstance(found, str) or self.convert is None:
                return found
            return self.convert(found)
        text = "".join(
            piece if isinstance(piece, str) else str(values[piece["var"]]) for piece in self.pieces
        )
        return text if self.convert is None else self.convert(text)


@dataclass(frozen=True)
class Step:
    sql: str
    parameters: list[Parameter]
    bind: str | None  # the variable this statement's first row's `id` becomes


@dataclass(frozen=True)
class Plan:
    steps: list[Step]
    fresh: dict[str, str]  # variable -> kind: a public id prefix ("apl"), or "core_ref"
    answer: list[Piece]


@app.before_server_start
async def open_pool(app: DefaultSanic) -> None:
    url = app.config.DATABASE_URL.replace("postgres://", "postgresql://", 1)
    app.ctx.pool = await asyncpg.create_pool(url, min_size=2, max_size=20, reset=_no_reset)
    async with app.ctx.pool.acquire() as connection:
        app.ctx.plan = await load_plan(connection, app.config.PLAN)


async def _no_reset(connection: asyncpg.Connection) -> None:
    """asyncpg's default reset is a round trip per release; the floor leaves nothing to undo."""


@app.after_server_stop
async def close_pool(app: DefaultSanic) -> None:
    await app.ctx.pool.close()


async def load_plan(connection: asyncpg.Connection, raw: dict[str, object]) -> Plan:
    """Each statement prepared once here for its parameters' types: constants are converted
    now, the request's own values per request."""
    steps: list[Step] = []
    for entry in raw["steps"]:  # type: ignore[attr-defined]
        parameters: list[Parameter] = []
        if entry["parameters"]:
            prepared = await connection.prepare(entry["sql"])
            types = [t.name for t in prepared.get_parameters()]
            for type_name, pieces in zip(types, entry["parameters"], strict=True):
                convert = CONVERT.get(type_name)
                constant = None
                if pieces is not None and all(isinstance(p, str) for p in pieces):
                    text = "".join(pieces)
                    constant = text if convert is None else convert(text)
                parameters.append(Parameter(pieces, convert, constant))
        steps.append(Step(entry["sql"], parameters, entry["bind"]))
    return Plan(steps, dict(raw["fresh"]), list(raw["answer"]))  # type: ignore[call-overload]


def fresh(kind: str) -> str:
    if kind == "core_ref":
        return f"SP{secrets.randbelow(10**16):016d}"
    return f"{kind}_{secrets.token_urlsafe(16)}"


@app.get("/healthz")
async def healthz(request: Request) -> HTTPResponse:
    return json_response({"ok": True})


@app.post("/api/v1/applications")
async def submit(request: Request) -> HTTPResponse:
    plan: Plan = app.ctx.plan
    person, _, session = request.headers.get("authorization", "")[7:].partition(".")
    photo = next(m["file_id"] for m in request.json["materials"] if "file_id" in m)
    values: Values = {
        "ppub": person,
        "spub": session,
        "fpub": photo,
        "key": request.headers.get("idempotency-key", ""),
    }
    for name, kind in plan.fresh.items():
        values[name] = fresh(kind)
    async with app.ctx.pool.acquire() as connection:
        in_transaction = False
        try:
            for number, step in enumerate(plan.steps):
                if not step.parameters:
                    await connection.execute(step.sql)
                    verb = step.sql.split(None, 1)[0].upper()
                    in_transaction = verb in ("BEGIN", "START") or (
                        in_transaction and verb not in ("COMMIT", "ROLLBACK", "END")
                    )
                    continue
                rows = await connection.fetch(
                    step.sql, *[parameter.value(values) for parameter in step.parameters]
                )
                if step.bind is not None:
                    if not rows:
                        if in_transaction:
                            await connection.execute("ROLLBACK")
                        return json_response(
                            {"code": "floor.no_row", "statement": number}, status=409
                        )
                    values[step.bind] = rows[0]["id"]
        except BaseException:
            if in_transaction:
                await connection.execute("ROLLBACK")
            raise
    answer = "".join(p if isinstance(p, str) else str(values[p["var"]]) for p in plan.answer)
    return HTTPResponse(answer, status=201, content_type="application/json")


if __name__ == "__main__":
    port, database_url, plan = sys.argv[1], sys.argv[2], sys.argv[3]
    app.config.DATABASE_URL = database_url
    app.config.PLAN = json.loads(Path(plan).read_text())
    app.run(host="127.0.0.1", port=int(port), single_process=True, access_log=False, debug=False)
