"""Who may see and do what: a citizen only their own applications and files (another's is not
found), a download link only for the file it names and only until it expires, staff views
audited, citizens kept out of staff routes, and decisions kept to approvers."""

from __future__ import annotations

from datetime import timedelta

import httpx

from auth.models import AuditEvent
from tests.approval.support import (
    OTHER_ID_NUMBER,
    OTHER_NAME,
    PNG,
    Hall,
    citizen,
    decided,
    step,
    submitted,
    upload,
    view,
)
from tests.booking.test_hall import staff_headers
from tests.clocks import later

EMS = {
    "method": "ems",
    "address": {
        "recipient": "李四",
        "phone": "13800138000",
        "region": "福建省福州市鼓楼区",
        "street": "五四路1号",
    },
}


async def test_another_citizen_can_do_nothing_with_my_application(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    _, other = await citizen(local_hall, OTHER_NAME, OTHER_ID_NUMBER)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id = await decided(local_hall, http, me)
        base = f"/api/v1/applications/{application_id}"
        attempts = [
            http.get(base, headers=other),
            http.post(f"{base}/withdrawal", headers=other),
            http.post(
                f"{base}/supplement",
                json={"materials": [{"code": "PHOTO", "elicence": "id_card"}]},
                headers=other,
            ),
            http.put(f"{base}/delivery", json=EMS, headers=other),
            http.post(f"{base}/evaluation", json={"stars": 1}, headers=other),
        ]
        for attempt in attempts:
            answer = await attempt
            assert answer.status_code == 404, answer.text
            assert answer.json()["code"] == "approval.application_not_found"
        mine = await http.get("/api/v1/me/applications", headers=other)
        assert mine.json()["total"] == 0
        # and nothing changed
        shown = await view(http, me, application_id)
    assert shown["delivery"] == "window" and shown["evaluation"] is None


async def test_a_file_link_is_for_its_owner_and_for_its_file_only(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    _, other = await citizen(local_hall, OTHER_NAME, OTHER_ID_NUMBER)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        mine = await upload(http, me)
        theirs = await upload(http, other, PNG + b"theirs")
        refused = await http.post(f"/api/v1/files/{mine}/link", headers=other)
        assert refused.status_code == 404 and refused.json()["code"] == "approval.file_not_found"
        unknown = await http.post("/api/v1/files/fil_nothing_here/link", headers=me)
        assert unknown.status_code == 404

        link = await http.post(f"/api/v1/files/{mine}/link", headers=me)
        assert link.status_code == 200, link.text
        url = link.json()["url"]
        fetched = await http.get(url)  # no credentials
        assert fetched.status_code == 200 and fetched.content == PNG

        token = url.split("token=", 1)[1]
        their_link = (await http.post(f"/api/v1/files/{theirs}/link", headers=other)).json()
        their_token = their_link["url"].split("token=", 1)[1]
        tampered = [
            token[:-1] + ("A" if token[-1] != "A" else "B"),  # another signature
            their_token.split(".")[0] + "." + token.split(".")[1],  # their file, my signature
            token.split(".")[0] + "." + their_token.split(".")[1],
            "x" * 40,
            token + "." + token,
        ]
        for bad in tampered:
            answer = await http.get("/api/v1/files/download", params={"token": bad})
            assert answer.status_code == 403, (answer.status_code, answer.text)
            assert answer.json()["code"] == "approval.link_invalid"
            assert PNG not in answer.content

        with later(timedelta(minutes=6)):
            expired = await http.get(url)
        assert expired.status_code == 403 and expired.json()["code"] == "approval.link_invalid"


async def test_staff_views_are_audited_and_citizens_kept_out(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, _ = await submitted(local_hall, http, me)
        clerk = await staff_headers(http, "approval-clerk", {"clerk"}, None)
        before = await AuditEvent.filter(kind="approval.application_viewed").count()
        seen = await http.get(
            f"/api/v1/staff/approval/applications/{application_id}", headers=clerk
        )
        assert seen.status_code == 200, seen.text
        audited = await AuditEvent.filter(kind="approval.application_viewed").order_by("-id")
        assert len(audited) == before + 1
        assert audited[0].detail["application"] == application_id
        assert audited[0].actor is not None

        staff_routes = [
            http.get("/api/v1/staff/approval/applications", headers=me),
            http.get(f"/api/v1/staff/approval/applications/{application_id}", headers=me),
            http.get("/api/v1/staff/approval/overdue", headers=me),
            http.post(
                f"/api/v1/staff/approval/applications/{application_id}/accept",
                json={},
                headers=me,
            ),
            http.get("/api/v1/staff/approval/evaluations", headers=me),
            http.get("/api/v1/staff/approval/satisfaction", params={"by": "item"}, headers=me),
            http.get(f"/api/v1/staff/approval/applications/{application_id}"),
        ]
        for attempt in staff_routes:
            answer = await attempt
            assert answer.status_code in (401, 403), answer.text
    # a citizen's refused look is not a view
    assert await AuditEvent.filter(kind="approval.application_viewed").count() == before + 1


async def test_approving_and_refusing_need_an_approver(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, _ = await submitted(local_hall, http, me)
        clerk = await staff_headers(http, "approval-clerk", {"clerk"}, None)
        approver = await staff_headers(http, "approval-approver", {"approver"}, None)
        admin = await staff_headers(http, "approval-admin", {"hall_admin"}, None)
        base = f"/api/v1/staff/approval/applications/{application_id}"

        accepted = await http.post(f"{base}/accept", json={}, headers=clerk)
        assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
        for action in ("approve", "refuse"):
            refused = await http.post(f"{base}/{action}", json={}, headers=clerk)
            assert refused.status_code == 403, refused.text
        assert (await view(http, me, application_id))["status"] == "accepted"

        approved = await http.post(f"{base}/approve", json={}, headers=approver)
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
        again = await http.post(f"{base}/refuse", json={}, headers=admin)
        assert again.status_code == 409 and again.json()["code"] == "approval.core_refused"
    steps = await AuditEvent.filter(kind="approval.case_step").count()
    assert steps == 2


async def test_a_decided_application_refuses_another_citizens_rating(hall: Hall) -> None:
    """The same 404 with either core gateway: access is ours, not the core system's."""
    _, me = await citizen(hall)
    _, other = await citizen(hall, OTHER_NAME, OTHER_ID_NUMBER)
    async with httpx.AsyncClient(base_url=hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(hall, http, me)
        await step(hall, core_ref, "accept")
        await step(hall, core_ref, "approve")
        answer = await http.post(
            f"/api/v1/applications/{application_id}/evaluation", json={"stars": 1}, headers=other
        )
        assert answer.status_code == 404
        rated = await http.post(
            f"/api/v1/applications/{application_id}/evaluation", json={"stars": 5}, headers=me
        )
        assert rated.status_code == 201
