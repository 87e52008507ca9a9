"""好差评 and the overdue warning: an evaluation only after the decision, once (even when two
arrive at once), 1 to 5 stars, no control characters; two stars or fewer is flagged, followed
up once and audited; satisfaction adds up by item and by department; an accepted application
past its promised limit is on the overdue list."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest

from api.approval.models import Application, Evaluation
from api.kit import clock
from auth.models import AuditEvent
from tests.approval.support import ITEM, Hall, citizen, decided, step, submit, submitted, upload
from tests.booking.test_hall import staff_headers

LOSS = "11440100007501-003"  # 居民身份证补领, the same department as ITEM
HONG_KONG = "11440100007502-HK01"  # 往来港澳通行证, another department
OTHER_ITEMS: dict[str, dict[str, Any]] = {
    LOSS: {
        "form": {"loss_date": "2026-11-30", "delivery": "窗口领取"},
        "materials": [{"code": "HR", "elicence": "household_register"}],
    },
    HONG_KONG: {
        "form": {
            "destination": "香港",
            "endorsement": "个人旅游",
            "endorsement_times": "一次有效",
            "delivery": "窗口领取",
        },
        "materials": [{"code": "ID", "elicence": "id_card"}],
    },
}


async def _evaluate(
    http: httpx.AsyncClient, me: dict[str, str], application_id: str, **given: object
) -> httpx.Response:
    return await http.post(
        f"/api/v1/applications/{application_id}/evaluation", json=given, headers=me
    )


async def _decided_for(hall: Hall, http: httpx.AsyncClient, me: dict[str, str], item: str) -> str:
    photo = await upload(http, me)
    spec = OTHER_ITEMS[item]
    answer = await submit(
        http,
        me,
        photo_id=photo,
        item_code=item,
        form=spec["form"],
        materials=[*spec["materials"], {"code": "PHOTO", "file_id": photo}],
    )
    assert answer.status_code == 201, answer.text
    application = await Application.get(public_id=answer.json()["application_id"])
    assert application.core_ref is not None
    await step(hall, application.core_ref, "accept")
    await step(hall, application.core_ref, "approve")
    return application.public_id


async def test_an_evaluation_waits_for_the_decision_and_is_checked(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        early = await _evaluate(http, me, application_id, stars=5)
        assert early.status_code == 409 and early.json()["code"] == "approval.not_evaluable"
        await step(local_hall, core_ref, "accept")
        assert (await _evaluate(http, me, application_id, stars=5)).status_code == 409
        await step(local_hall, core_ref, "approve")

        for stars in (0, 6, -1, 4.5, None):
            answer = await _evaluate(http, me, application_id, stars=stars)
            assert answer.status_code == 422, (stars, answer.text)
        # NUL is refused at the edge, before any rule sees it
        assert (
            await _evaluate(http, me, application_id, stars=4, comment="\x00")
        ).status_code == 422
        rated = await _evaluate(
            http,
            me,
            application_id,
            stars=4,
            comment="很好\x1b[31m红\u202e字\r\n谢谢\u200b",
        )
        assert rated.status_code == 201, rated.text
        assert rated.json()["comment"] == "很好[31m红字  谢谢"
        assert rated.json()["follow_up_due_at"] is None
    stored = await Evaluation.get()
    assert stored.comment == "很好[31m红字  谢谢"


async def test_two_evaluations_at_once_make_exactly_one(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id = await decided(local_hall, http, me)
        answers = await asyncio.gather(
            _evaluate(http, me, application_id, stars=5),
            _evaluate(http, me, application_id, stars=1),
        )
    assert sorted(a.status_code for a in answers) == [201, 409]
    (refused,) = [a for a in answers if a.status_code == 409]
    assert refused.json()["code"] == "approval.already_evaluated"
    assert await Evaluation.all().count() == 1


async def test_a_bad_review_is_flagged_followed_up_once_and_audited(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        bad = await decided(local_hall, http, me)
        good = await decided(local_hall, http, me)
        rated = await _evaluate(http, me, bad, stars=2, tags=["等待时间长"], comment="排队太久")
        assert rated.status_code == 201
        due = rated.json()["follow_up_due_at"]
        assert due is not None and due > rated.json()["created_at"]
        assert (await _evaluate(http, me, good, stars=5)).status_code == 201

        admin = await staff_headers(http, "approval-admin", {"hall_admin"}, None)
        clerk = await staff_headers(http, "approval-clerk", {"clerk"}, None)
        listing = "/api/v1/staff/approval/evaluations"
        flagged = await http.get(listing, params={"flagged": "true"}, headers=admin)
        assert flagged.status_code == 200, flagged.text
        assert [e["application_id"] for e in flagged.json()["evaluations"]] == [bad]
        assert flagged.json()["total"] == 1
        everything = await http.get(listing, headers=admin)
        assert everything.json()["total"] == 2
        assert (await http.get(listing, headers=clerk)).status_code == 403

        follow_up = f"{listing}/{bad}/follow-up"
        note = {"note": "已电话回访，增开窗口\x07"}
        assert (await http.post(follow_up, json=note, headers=clerk)).status_code == 403
        done = await http.post(follow_up, json=note, headers=admin)
        assert done.status_code == 200, done.text
        assert done.json()["follow_up_note"] == "已电话回访，增开窗口"
        assert done.json()["followed_up_at"] is not None
        again = await http.post(follow_up, json=note, headers=admin)
        assert again.status_code == 409
        assert again.json()["code"] == "approval.follow_up_not_needed"
        not_bad = await http.post(f"{listing}/{good}/follow-up", json=note, headers=admin)
        assert not_bad.status_code == 409
        still_open = await http.get(
            listing, params={"flagged": "true", "open_only": "true"}, headers=admin
        )
        assert still_open.json()["total"] == 0
    audited = await AuditEvent.filter(kind="approval.evaluation_followed_up")
    assert len(audited) == 1 and audited[0].detail["application"] == bad


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "item",
            {
                ITEM: (2, 3.0, 0.5, 1),
                LOSS: (1, 4.0, 1.0, 0),
                HONG_KONG: (1, 2.0, 0.0, 1),
            },
        ),
        (
            "department",
            {"11440100007501": (3, 3.33, 0.667, 1), "11440100007502": (1, 2.0, 0.0, 1)},
        ),
    ],
)
async def test_satisfaction_adds_up(
    local_hall: Hall, by: str, expected: dict[str, tuple[int, float, float, int]]
) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        rated = [
            (await decided(local_hall, http, me), 5),
            (await decided(local_hall, http, me), 1),
            (await _decided_for(local_hall, http, me, LOSS), 4),
            (await _decided_for(local_hall, http, me, HONG_KONG), 2),
        ]
        for application_id, stars in rated:
            assert (await _evaluate(http, me, application_id, stars=stars)).status_code == 201
        admin = await staff_headers(http, "approval-admin", {"hall_admin"}, None)
        answer = await http.get(
            "/api/v1/staff/approval/satisfaction", params={"by": by}, headers=admin
        )
    assert answer.status_code == 200, answer.text
    assert answer.json()["by"] == by
    rows = {
        row["key"]: (
            row["evaluations"],
            row["average_stars"],
            row["satisfied_share"],
            row["flagged"],
        )
        for row in answer.json()["rows"]
    }
    assert rows == expected


async def test_an_accepted_application_past_its_limit_is_overdue(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        late, late_ref = await submitted(local_hall, http, me)
        on_time, on_time_ref = await submitted(local_hall, http, me)
        decided_late = await decided(local_hall, http, me)
        for core_ref in (late_ref, on_time_ref):
            await step(local_hall, core_ref, "accept")
        past = clock.now() - timedelta(days=1)
        await Application.filter(public_id__in=[late, decided_late]).update(due_at=past)
        assert (await Application.get(public_id=on_time)).due_at is not None

        clerk = await staff_headers(http, "approval-clerk", {"clerk"}, None)
        answer = await http.get("/api/v1/staff/approval/overdue", headers=clerk)
        assert answer.status_code == 200, answer.text
        assert answer.json()["overdue"] == 1
        assert [a["application_id"] for a in answer.json()["applications"]] == [late]
        assert answer.json()["applications"][0]["overdue"] is True
        refused = await http.get("/api/v1/staff/approval/overdue", headers=me)
        assert refused.status_code in (401, 403)


async def test_satisfaction_by_the_window_that_took_the_step(local_hall: Hall) -> None:
    """A clerk's step names the window; evaluations add up by it, online-only ones apart."""
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        approver = await staff_headers(http, "window-approver", {"approver"}, None)
        at_window = []
        for stars in (5, 2):
            application_id, _ = await submitted(local_hall, http, me)
            for action in ("accept", "approve"):
                taken = await http.post(
                    f"/api/v1/staff/approval/applications/{application_id}/{action}",
                    json={"window": "CIVIC-3"},
                    headers=approver,
                )
                assert taken.status_code == 200, taken.text
            at_window.append((application_id, stars))
        online = await decided(local_hall, http, me)  # steps taken with no window named
        for application_id, stars in [*at_window, (online, 4)]:
            assert (await _evaluate(http, me, application_id, stars=stars)).status_code == 201
        admin = await staff_headers(http, "window-admin", {"hall_admin"}, None)
        answer = await http.get(
            "/api/v1/staff/approval/satisfaction", params={"by": "window"}, headers=admin
        )
    assert answer.status_code == 200, answer.text
    rows = {row["key"]: (row["evaluations"], row["average_stars"]) for row in answer.json()["rows"]}
    assert rows == {"CIVIC-3": (2, 3.5), "online": (1, 4.0)}
