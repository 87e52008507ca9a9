"""The kernel's Idempotency-Key store: one answer per key, committed with its work."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta

import pytest

from api.kit import clock
from api.kit.db import transaction
from api.kit.idempotency import (
    IdempotencyKeyInFlight,
    IdempotencyKeyReused,
    Once,
    Replay,
    move_subject,
    request_digest,
    sweep_expired_keys,
)
from api.kit.models import CallbackRecord, IdempotencyRecord

_work_ids = itertools.count(1)


def once_for(key: str | None, body: object, subject: str = "citizen:per_a") -> Once[int]:
    return Once(
        subject=subject,
        key=key,
        digest=request_digest("POST", "/api/v1/things", body),
        status=201,
        render=lambda made: {"made": made},
    )


async def do_work(once: Once[int], pause: float = 0.0, fail: bool = False) -> int | Replay:
    """A service's transaction: claim, work (a row), record, commit."""
    async with transaction():
        replay = await once.claim()
        if replay is not None:
            return replay
        work = next(_work_ids)
        await CallbackRecord.create(source="work", external_id=str(work))
        await asyncio.sleep(pause)
        await once.record(work)
        if fail:
            raise RuntimeError("crashed before the commit")
        return work


async def test_twenty_at_once_do_the_work_once_and_the_rest_replay_its_answer(clean) -> None:
    """No lock of the caller's own: the unique index holds each duplicate until the first
    commits, then it replays."""
    same = [once_for("k", {"a": 1}) for _ in range(20)]
    results = await asyncio.gather(*(do_work(once, pause=0.05) for once in same))
    fresh = [r for r in results if not isinstance(r, Replay)]
    replays = [r for r in results if isinstance(r, Replay)]
    assert len(fresh) == 1 and len(replays) == 19
    assert await CallbackRecord.filter(source="work").count() == 1
    assert {(r.status, r.body) for r in replays} == {(201, f'{{"made":{fresh[0]}}}'.encode())}


async def test_the_same_body_spelled_otherwise_is_the_same_request(clean) -> None:
    first = await do_work(once_for("k", {"a": 1, "b": [1, 2]}))
    again = await do_work(once_for("k", {"b": [1, 2], "a": 1}))
    assert isinstance(again, Replay) and again.body == f'{{"made":{first}}}'.encode()


async def test_a_key_reused_for_another_request_is_refused_and_changes_nothing(clean) -> None:
    await do_work(once_for("k", {"a": 1}))
    with pytest.raises(IdempotencyKeyReused) as refused:
        await do_work(once_for("k", {"a": 2}))
    assert refused.value.status == 422 and refused.value.code == "request.idempotency_key_reused"
    assert await CallbackRecord.filter(source="work").count() == 1
    other_caller = await do_work(once_for("k", {"a": 2}, subject="citizen:per_b"))
    assert not isinstance(other_caller, Replay)  # keys are per caller


async def test_a_crash_before_the_commit_leaves_neither_key_nor_work(clean) -> None:
    with pytest.raises(RuntimeError):
        await do_work(once_for("k", {"a": 1}), fail=True)
    assert await IdempotencyRecord.all().count() == 0
    assert await CallbackRecord.filter(source="work").count() == 0
    assert not isinstance(await do_work(once_for("k", {"a": 1})), Replay)  # the retry works


async def test_a_key_claimed_and_committed_without_an_answer_is_in_flight(clean) -> None:
    async with transaction():
        assert await once_for("k", {"a": 1}).claim() is None  # work outside, not recorded yet
    with pytest.raises(IdempotencyKeyInFlight) as busy:
        await do_work(once_for("k", {"a": 1}))
    assert busy.value.status == 409 and busy.value.headers == {"Retry-After": "1"}


async def test_without_a_key_every_request_does_its_work(clean) -> None:
    await do_work(once_for(None, {"a": 1}))
    await do_work(once_for(None, {"a": 1}))
    assert await CallbackRecord.filter(source="work").count() == 2
    assert await IdempotencyRecord.all().count() == 0


async def test_keys_expire_after_a_day_and_are_swept(clean) -> None:
    real = clock.clock
    start = real.now()
    try:
        clock.clock = clock.FrozenClock(start - timedelta(hours=25))
        await do_work(once_for("old", {"a": 1}))
        await do_work(once_for("reused-later", {"a": 1}))
        clock.clock = clock.FrozenClock(start - timedelta(hours=23))
        await do_work(once_for("recent", {"a": 1}))
    finally:
        clock.clock = real
    # Expired but not yet swept: the key is free again, for any request.
    assert not isinstance(await do_work(once_for("reused-later", {"b": 2})), Replay)
    assert await sweep_expired_keys(start) == 1  # "old"
    assert sorted(await IdempotencyRecord.all().values_list("key", flat=True)) == [
        "recent",
        "reused-later",
    ]
    assert await sweep_expired_keys(start) == 0
    assert await sweep_expired_keys(start + timedelta(hours=2)) == 1  # "recent"


async def test_a_merge_moves_the_keys_and_the_survivors_own_win(clean) -> None:
    await do_work(once_for("both", {"from": 1}, subject="citizen:per_from"))
    await do_work(once_for("only-from", {"a": 1}, subject="citizen:per_from"))
    await do_work(once_for("both", {"to": 1}, subject="citizen:per_to"))
    async with transaction():
        await move_subject("citizen:per_from", "citizen:per_to")
    moved = await IdempotencyRecord.filter(subject="citizen:per_to").order_by("key")
    assert [r.key for r in moved] == ["both", "only-from"]
    assert isinstance(await do_work(once_for("both", {"to": 1}, subject="citizen:per_to")), Replay)
    assert await IdempotencyRecord.filter(subject="citizen:per_from").count() == 0
