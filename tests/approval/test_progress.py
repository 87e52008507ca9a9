"""The core system's progress webhook: verified at the edge (forged, aged or replayed: 401 and
nothing stored), malformed bodies answered 4xx, and each event applied once, in sequence order,
by the transition table, whatever the repeats, the arrival order and the concurrency."""

from __future__ import annotations

import asyncio
import time

import httpx

from api.approval.models import Application, PendingProgress, TimelineEntry
from api.kit.models import CallbackRecord
from notify.models import Event
from payments.models import PaymentOrder
from tests.approval.support import (
    WEBHOOK,
    Hall,
    body_of,
    citizen,
    event,
    push,
    signed,
    step,
    submitted,
    view,
)


async def _stored() -> tuple[int, int, int]:
    return (
        await TimelineEntry.all().count(),
        await CallbackRecord.all().count(),
        await PendingProgress.all().count(),
    )


async def _statuses(http: httpx.AsyncClient, me: dict[str, str], application_id: str) -> list[str]:
    return [entry["status"] for entry in (await view(http, me, application_id))["timeline"]]


async def test_a_forged_aged_or_replayed_webhook_is_refused_and_stores_nothing(
    local_hall: Hall,
) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        body = body_of(event(application_id, core_ref, 2, "accepted"))
        good = signed(local_hall, body)
        before = await _stored()
        refused: list[dict[str, str] | dict[bytes, bytes]] = [
            {**good, "X-Signature": "c2lnbmVkIGJ5IG5vYm9keSBhdCBhbGwgYXQgYWxsIGF0IGFsbCE="},
            signed(local_hall, body, secret="not-the-core-secret"),
            signed(local_hall, body, timestamp=int(time.time()) - 301),
            signed(local_hall, body, timestamp=int(time.time()) + 301),
            {key: value for key, value in good.items() if key != "X-Nonce"},
            # signed for another body
            signed(local_hall, body_of(event(application_id, core_ref, 2, "refused"))),
            # not ASCII: not what anyone signed
            {k.encode(): v.encode() for k, v in good.items()} | {b"X-Signature": "签名".encode()},
        ]
        for headers in refused:
            answer = await http.post(WEBHOOK, content=body, headers=headers)
            assert answer.status_code == 401, answer.text
            assert answer.headers["content-type"].startswith("application/problem+json")
            assert answer.json()["code"] == "callback.refused"
        assert await _stored() == before
        assert (await view(http, me, application_id))["status"] == "submitted"

        first = await http.post(WEBHOOK, content=body, headers=good)
        assert first.status_code == 200 and first.json()["applied"] == 1
        after_first = await _stored()
        replayed = await http.post(WEBHOOK, content=body, headers=good)
        assert replayed.status_code == 401 and replayed.json()["code"] == "callback.refused"
        assert await _stored() == after_first


async def test_a_malformed_body_is_answered_4xx_never_500(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        good = event(application_id, core_ref, 2, "accepted")
        bodies = [
            b"",
            b"not json",
            b"\xff\xfe{}",
            b"[]",
            b'"events"',
            b"{}",
            b'{"events": {}}',
            b'{"events": [1]}',
            b'{"events": null}',
            body_of({**good, "sequence": "2"}),
            body_of({**good, "sequence": 0}),
            body_of({**good, "sequence": True}),
            body_of({**good, "status": "lost"}),
            body_of({**good, "at": "2026-05-01T09:30:00"}),
            body_of({**good, "at": "yesterday"}),
            body_of({key: value for key, value in good.items() if key != "event_id"}),
            body_of({**good, "corrections": [{"material_code": ""}]}),
            body_of({**good, "fee_notice": {"notice_number": "FN1"}}),
            body_of(*[good] * 101),
            b'{"events": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        ]
        before = await _stored()
        for body in bodies:
            answer = await http.post(WEBHOOK, content=body, headers=signed(local_hall, body))
            assert 400 <= answer.status_code < 500, (body[:60], answer.status_code)
            assert answer.headers["content-type"].startswith("application/problem+json")
        assert await _stored() == before


async def test_a_sequence_beyond_any_case_is_refused_not_a_500(local_hall: Hall) -> None:
    """The sequence is stored as a 32-bit integer: a larger one is not a step of any case."""
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        for sequence in (2**31, 10**30):
            answer = await push(
                http, local_hall, event(application_id, core_ref, sequence, "approved")
            )
            assert 400 <= answer.status_code < 500, answer.text
        assert await PendingProgress.all().count() == 0


async def test_events_delivered_twice_are_applied_once(local_hall: Hall) -> None:
    person, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        accepted = event(application_id, core_ref, 2, "accepted")
        approved = event(application_id, core_ref, 3, "approved")
        first = await push(http, local_hall, accepted, approved)
        assert first.json() == {"received": 2, "applied": 2}
        again = await push(http, local_hall, accepted, approved)
        assert again.status_code == 200 and again.json() == {"received": 2, "applied": 0}
        within = await push(http, local_hall, approved, approved, accepted)
        assert within.json()["applied"] == 0

        assert await _statuses(http, me, application_id) == ["submitted", "accepted", "approved"]
    events = [e.event_type async for e in Event.filter(person_id=person.id).order_by("id")]
    assert events == ["application.accepted", "application.approved"]


async def test_events_in_reverse_end_in_the_same_state_in_sequence_order(
    local_hall: Hall,
) -> None:
    person, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        steps = [
            event(application_id, core_ref, 2, "accepted"),
            event(application_id, core_ref, 3, "approved"),
            event(application_id, core_ref, 4, "result_ready"),
        ]
        for one in reversed(steps):
            answer = await push(http, local_hall, one)
            assert answer.status_code == 200, answer.text
        shown = await view(http, me, application_id)
    assert shown["status"] == "result_ready"
    assert [e["status"] for e in shown["timeline"]] == [
        "submitted",
        "accepted",
        "approved",
        "result_ready",
    ]
    assert await PendingProgress.all().count() == 0
    assert (await Application.get(public_id=application_id)).core_sequence == 4
    assert await Event.filter(person_id=person.id).count() == 3


async def test_an_event_after_a_gap_waits_until_the_gap_fills(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        early = await push(http, local_hall, event(application_id, core_ref, 3, "approved"))
        assert early.json() == {"received": 1, "applied": 0}
        assert (await view(http, me, application_id))["status"] == "submitted"
        waiting = await PendingProgress.all()
        assert [w.sequence for w in waiting] == [3]

        filled = await push(http, local_hall, event(application_id, core_ref, 2, "accepted"))
        assert filled.json()["applied"] == 2
        assert await _statuses(http, me, application_id) == ["submitted", "accepted", "approved"]
    assert await PendingProgress.all().count() == 0


async def test_a_step_the_table_forbids_changes_nothing(local_hall: Hall) -> None:
    person, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        await push(
            http,
            local_hall,
            event(application_id, core_ref, 2, "accepted"),
            event(application_id, core_ref, 3, "approved"),
        )
        backwards = await push(http, local_hall, event(application_id, core_ref, 4, "accepted"))
        assert backwards.status_code == 200 and backwards.json()["applied"] == 0
        withdrawn = await push(http, local_hall, event(application_id, core_ref, 5, "withdrawn"))
        assert withdrawn.status_code == 200 and withdrawn.json()["applied"] == 0
        shown = await view(http, me, application_id)
        assert shown["status"] == "approved"
        # the next allowed step still applies
        ready = await push(http, local_hall, event(application_id, core_ref, 6, "result_ready"))
        assert ready.json()["applied"] == 1
        assert (await view(http, me, application_id))["status"] == "result_ready"
    announced = [e.event_type async for e in Event.filter(person_id=person.id).order_by("id")]
    assert announced == [
        "application.accepted",
        "application.approved",
        "application.result_ready",
    ]


async def test_a_second_correction_notice_changes_nothing(local_hall: Hall) -> None:
    """一次性告知: a case has one correction notice; a second request is not applied (and is
    not a 500, which the core system would retry for ever)."""
    _, me = await citizen(local_hall)
    correction = [{"material_code": "PHOTO", "reason": "背景须为白色"}]
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        steps = [
            event(application_id, core_ref, 2, "correction_requested", corrections=correction),
            event(application_id, core_ref, 3, "supplemented"),
            event(application_id, core_ref, 4, "accepted"),
            event(application_id, core_ref, 5, "correction_requested", corrections=correction),
        ]
        answer = await push(http, local_hall, *steps)
        assert answer.status_code == 200, answer.text
        shown = await view(http, me, application_id)
    assert shown["status"] == "accepted"
    assert shown["correction"]["answered_at"] is not None


async def test_the_same_batch_posted_ten_times_at_once_is_applied_once(local_hall: Hall) -> None:
    person, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        batch = [
            event(application_id, core_ref, 4, "result_ready"),
            event(application_id, core_ref, 2, "accepted"),
            event(application_id, core_ref, 3, "approved"),
        ]
        answers = await asyncio.gather(*(push(http, local_hall, *batch) for _ in range(10)))
        assert [a.status_code for a in answers] == [200] * 10
        assert sum(a.json()["applied"] for a in answers) == 3
        assert await _statuses(http, me, application_id) == [
            "submitted",
            "accepted",
            "approved",
            "result_ready",
        ]
    assert await Event.filter(person_id=person.id).count() == 3


async def test_the_sandbox_redelivering_a_case_newest_first_changes_nothing(hall: Hall) -> None:
    """Against both gateways: the core system's own steps, then every event again, newest
    first (the sandbox's redeliver, or the engine's events pushed one by one in reverse)."""
    person, me = await citizen(hall)
    async with httpx.AsyncClient(base_url=hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(hall, http, me)
        await step(hall, core_ref, "accept")
        await step(hall, core_ref, "approve")
        before = await view(http, me, application_id)
        sandboxes = hall.server.app.ctx.sandboxes
        if hall.approval.engine is None and sandboxes is not None:
            statuses = await sandboxes.core.redeliver(hall.server.app.ctx.redis, core_ref)
            assert statuses == [200, 200, 200]
        else:
            from api.approval.gateways.core import event_to_json

            for one in reversed(await hall.approval.core.progress(core_ref)):
                answer = await push(http, hall, event_to_json(one))
                assert answer.status_code == 200
        after = await view(http, me, application_id)
    assert after == before
    assert [e["status"] for e in after["timeline"]] == ["submitted", "accepted", "approved"]
    assert await Event.filter(person_id=person.id).count() == 2


async def test_a_fee_notice_shows_on_the_application_once(hall: Hall) -> None:
    """The core system's fee notice (缴款通知书) rides on a step of its own; the application
    shows it, with the item's fees in fen, however often the step is delivered."""
    _, me = await citizen(hall)
    async with httpx.AsyncClient(base_url=hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(hall, http, me)
        await step(hall, core_ref, "accept")
        await step(hall, core_ref, "issue_fee_notice")
        shown = await view(http, me, application_id)
    assert shown["status"] == "accepted"  # a notice moves no status
    [notice] = shown["fee_notices"]
    assert notice["total_fen"] == 2000 and notice["items"][0]["amount_fen"] == 2000
    assert [e["status"] for e in shown["timeline"]] == ["submitted", "accepted", "accepted"]
    # ... and payments made its order from it, once, in the citizen's name
    [order] = await PaymentOrder.filter(application_ref=application_id)
    assert order.total_fen == 2000 and order.notice_number == notice["notice_number"]
    assert order.status == "created"
