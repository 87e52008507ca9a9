"""`Idempotency-Key`: a client's retry gets the first answer back, never a second effect.

One store for every route that takes the header (booking now; payments later). A key belongs
to its caller (the subject: `citizen:per_...`), is kept 24 hours, and remembers the digest of
the request that first used it (SHA-256 of method, path and the canonical JSON body) and the
answer that request got (status and body, the exact bytes).

The route reads the header through `once(request, status=..., render=...)` and passes the
`Once` to its service. Inside the transaction of its work, the service calls `claim()` first
(after any lock it takes anyway) and `record(result)` before it commits, so the key and the
work commit together or not at all: a crash never leaves a key without its work or work without
its key, and a refused request (a DomainError rolls the transaction back) leaves no key, so a
later retry may still succeed. The route answers `once.respond(result)`.

- same key, same request: the stored answer, replayed byte for byte (header
  `Idempotent-Replayed: true`);
- same key, another request: 422 `request.idempotency_key_reused`;
- same key while the first request is still at work: it waits for the first one's commit (the
  unique index on (subject, key) holds the second insert until then) and replays its answer;
  if the first one rolled back, the second one does the work. A key claimed and committed
  without an answer (a caller that claims outside its work's transaction) answers 409
  `request.idempotency_key_in_flight` until it is recorded or expires.

Expired keys are deleted by `sweep_expired_keys(now)`, which the worker calls; an expired key
not yet swept counts as unused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sanic import Request
from sanic.response import HTTPResponse, raw

from api.kit import clock
from api.kit.bodies import read_json_body
from api.kit.db import rows_of
from api.kit.declare import Header
from api.kit.errors import DomainError
from api.kit.models import IdempotencyRecord
from api.kit.policy import PolicyKind, caller_of

HEADER = "idempotency-key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 64
KEPT = timedelta(hours=24)

Result = TypeVar("Result")


class IdempotencyKeyInvalid(DomainError):
    code = "request.idempotency_key_invalid"
    status = 422
    title = "Idempotency-Key 格式不正确"
    when = "The Idempotency-Key header is longer than 64 characters or not printable ASCII."


class IdempotencyKeyReused(DomainError):
    code = "request.idempotency_key_reused"
    status = 422
    title = "请求标识已用于另一请求"
    when = (
        "This Idempotency-Key was already used, within 24 hours, for a different request (for "
        "example a booking of another slot); a new request needs a new key."
    )


class IdempotencyKeyInFlight(DomainError):
    code = "request.idempotency_key_in_flight"
    status = 409
    title = "相同请求正在处理中，请稍后重试"
    when = (
        "A request with this Idempotency-Key is still being processed; retry after the seconds "
        "in Retry-After to get its answer."
    )

    def __init__(self) -> None:
        super().__init__(headers={"Retry-After": "1"})


def subject_for(kind: PolicyKind, subject: str) -> str:
    """Whose keys: the kind of caller and its opaque id (a citizen's person public id)."""
    return f"{kind.value}:{subject}"


def request_digest(method: str, path: str, body: Any) -> str:
    """SHA-256 of method, path and the body as canonical JSON (keys sorted, no spaces): the
    same request, however its JSON was spaced or ordered, has the same digest."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{method.upper()}\n{path}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class Replay:
    """The answer stored for a key, to be given again."""

    status: int
    body: bytes

    def response(self) -> HTTPResponse:
        return raw(
            self.body,
            status=self.status,
            content_type="application/json",
            headers={REPLAYED_HEADER: "true"},
        )


@dataclass
class Once(Generic[Result]):
    """One request's answer-once promise. `key` None: the client sent no key, and claiming and
    recording do nothing. `render` shapes the service's result into the answer's JSON."""

    subject: str
    key: str | None
    digest: str
    status: int
    render: Callable[[Result], Any]
    _answer: bytes | None = field(default=None, init=False)

    async def claim(self, now: datetime | None = None) -> Replay | None:
        """Inside the work's transaction: None when this request holds the key (do the work,
        then `record`); the earlier answer to replay otherwise. Raises when the key was used
        for another request or is held, committed, without an answer."""
        if self.key is None:
            return None
        now = now or clock.now()
        for _ in range(3):  # the row may be swept between the insert and the look
            claimed = await rows_of(_CLAIM, (self.subject, self.key, self.digest, now, now - KEPT))
            if claimed:
                return None
            rows = await rows_of(_EARLIER, (self.subject, self.key))
            if rows:
                return _earlier_answer(rows[0], self.digest)
        raise IdempotencyKeyInFlight()  # pragma: no cover - a sweep racing thrice

    async def record(self, result: Result) -> None:
        """In the same transaction as the work, before it commits."""
        self._answer = _json_bytes(self.render(result))
        if self.key is None:
            return
        await rows_of(_RECORD, (self.subject, self.key, self.status, self._answer.decode()))

    def respond(self, result: Result | Replay) -> HTTPResponse:
        """The HTTP answer: a replay as stored, or the fresh result as it was recorded."""
        if isinstance(result, Replay):
            return result.response()
        body = self._answer if self._answer is not None else _json_bytes(self.render(result))
        return raw(body, status=self.status, content_type="application/json")


def once(request: Request, *, status: int, render: Callable[[Result], Any]) -> Once[Result]:
    """The route helper: reads the Idempotency-Key header (printable ASCII, at most 64
    characters, or none) and the caller, and digests the request. Call it after the body was
    parsed (a body that is not JSON has been refused by then)."""
    key = (request.headers.get(HEADER) or "").strip() or None
    if key is not None and (len(key) > MAX_KEY_LENGTH or not (key.isascii() and key.isprintable())):
        raise IdempotencyKeyInvalid()
    caller = caller_of(request)
    path = request.path + (f"?{request.query_string}" if request.query_string else "")
    body = read_json_body(request) if request.body else None
    return Once(
        subject=subject_for(caller.kind, caller.subject or ""),
        key=key,
        digest=request_digest(request.method, path, body),
        status=status,
        render=render,
    )


def _json_bytes(data: Any) -> bytes:
    if isinstance(data, BaseModel):
        return data.model_dump_json().encode()
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


# The header, as routes that honour it declare it (api.kit.declare).
IDEMPOTENCY_KEY = Header(
    "Idempotency-Key",
    "同一请求重试时携带相同的键 (可打印 ASCII，至多 64 个字符)：24 小时内得到同一应答，"
    "不会重复办理；换了请求体再用同一个键答 422 request.idempotency_key_reused。",
    max_length=MAX_KEY_LENGTH,
    example="9b2f6c1e-5d1a-4c8e-9a53-0f3c2b7d8e11",
    errors=(IdempotencyKeyInvalid, IdempotencyKeyReused, IdempotencyKeyInFlight),
)


def _earlier_answer(row: dict[str, Any], digest: str) -> Replay:
    if row["request_digest"] != digest:
        raise IdempotencyKeyReused()
    if row["response_status"] is None:
        raise IdempotencyKeyInFlight()
    return Replay(status=int(row["response_status"]), body=str(row["response_body"]).encode())


# A new key, or one expired and not yet swept, is this request's. A key another transaction
# inserted and has not committed holds this insert until it ends (the unique index): then the
# look below sees its answer, or, if it rolled back, this insert goes through.
_CLAIM = """
INSERT INTO idempotency_key (subject, key, request_digest, created_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (subject, key) DO UPDATE
   SET request_digest = EXCLUDED.request_digest, created_at = EXCLUDED.created_at,
       response_status = NULL, response_body = NULL
 WHERE idempotency_key.created_at <= $5
RETURNING id
"""
_EARLIER = """
SELECT request_digest, response_status, response_body
  FROM idempotency_key WHERE subject = $1 AND key = $2
"""
_RECORD = """
UPDATE idempotency_key SET response_status = $3, response_body = $4
 WHERE subject = $1 AND key = $2
"""


async def sweep_expired_keys(now: datetime) -> int:
    """Deletes the keys older than 24 hours at `now`; returns how many. For the worker."""
    deleted: int = await IdempotencyRecord.filter(created_at__lte=now - KEPT).delete()
    return deleted


async def move_subject(from_subject: str, to_subject: str) -> None:
    """Two callers found to be one (identity's merge): the keys move to the survivor, whose
    own keys win where both used the same one. Call it inside the merge's transaction."""
    survivor_keys = await IdempotencyRecord.filter(subject=to_subject).values_list("key", flat=True)
    if survivor_keys:
        await IdempotencyRecord.filter(subject=from_subject, key__in=list(survivor_keys)).delete()
    await IdempotencyRecord.filter(subject=from_subject).update(subject=to_subject)
