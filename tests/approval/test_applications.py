"""Submitting, withdrawing and choosing delivery: materials and forms checked with the right
codes (and no typed value echoed), withdrawal only before acceptance, one application per
Idempotency-Key, a submission kept when the core system is down and handed over later, and
delivery fixed once the result is dispatched."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx

from api.approval.applications import _ACCEPTED_ON, _OWN_FILE_AS
from api.approval.models import Application, ApplicationStatus, ServiceItem
from api.kit import clock
from api.kit.ids import new_public_id
from auth.audit import Origin
from auth.models import Person
from tests.approval.support import (
    Hall,
    citizen,
    settle,
    step,
    submit,
    submitted,
    upload,
    view,
)
from tests.approval.test_demo_catalogue import sample_form
from tests.clocks import later

EMS = {
    "method": "ems",
    "address": {
        "recipient": "张三",
        "phone": "13912345678",
        "region": "福建省福州市鼓楼区",
        "street": "五四路1号",
    },
}


async def test_materials_are_checked_with_the_right_codes(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    _, stranger = await citizen(local_hall, "王五", "110101199003070011")  # holds no e-licence
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        photo = await upload(http, me)
        old_id = {"code": "OLD_ID", "elicence": "id_card"}
        hr = {"code": "HR", "elicence": "household_register"}
        pic = {"code": "PHOTO", "file_id": photo}
        refusals = {
            "missing": ([old_id, pic], "approval.materials_invalid", "materials.HR"),
            "unknown": (
                [old_id, hr, pic, {"code": "XYZ", "file_id": photo}],
                None,
                "materials.XYZ",
            ),
            "both": ([old_id, {**hr, "file_id": photo}, pic], None, "materials.HR"),
            "neither": ([old_id, {"code": "HR"}, pic], None, "materials.HR"),
            "twice": ([old_id, hr, hr, pic], None, "materials.HR"),
        }
        for name, (given, _, field) in refusals.items():
            answer = await submit(http, me, photo_id=photo, materials=given)
            assert answer.status_code == 422, (name, answer.text)
            assert answer.json()["code"] == "approval.materials_invalid", name
            assert field in [e["field"] for e in answer.json()["errors"]], name

        wrong_type = await submit(
            http,
            me,
            photo_id=photo,
            materials=[{**old_id, "elicence": "marriage_certificate"}, hr, pic],
        )
        assert wrong_type.status_code == 422
        assert wrong_type.json()["code"] == "approval.elicence_not_found"
        their_photo = await upload(http, stranger)
        not_held = await submit(http, stranger, photo_id=their_photo)
        assert (
            not_held.status_code == 422 and not_held.json()["code"] == "approval.elicence_not_found"
        )
        not_theirs = await submit(http, stranger, photo_id=photo)  # my file
        assert not_theirs.status_code in (404, 422)
    assert await Application.all().count() == 0


async def test_a_form_against_the_schema_is_refused_without_echoing_it(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    typed = "13912345678 身份证110101199003070011"
    forms = [
        {"apply_reason": typed, "delivery": "窗口领取"},
        {"apply_reason": "有效期满"},
        {"apply_reason": "有效期满", "delivery": "窗口领取", typed: typed},
        {"apply_reason": 13912345678, "delivery": "窗口领取"},
    ]
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        photo = await upload(http, me)
        for form in forms:
            answer = await submit(http, me, photo_id=photo, form=form)
            assert answer.status_code == 422, answer.text
            assert answer.json()["code"] == "approval.form_invalid"
            assert answer.json()["errors"]
            assert "13912345678" not in answer.text and "110101199003070011" not in answer.text
    assert await Application.all().count() == 0


async def test_withdrawal_before_acceptance_only(hall: Hall) -> None:
    _, me = await citizen(hall)
    async with httpx.AsyncClient(base_url=hall.url, timeout=10) as http:
        early, _ = await submitted(hall, http, me)
        withdrawn = await http.post(f"/api/v1/applications/{early}/withdrawal", headers=me)
        assert withdrawn.status_code == 200, withdrawn.text
        assert (await view(http, me, early))["status"] == "withdrawn"

        late, core_ref = await submitted(hall, http, me)
        await step(hall, core_ref, "accept")
        refused = await http.post(f"/api/v1/applications/{late}/withdrawal", headers=me)
        assert refused.status_code == 409 and refused.json()["code"] == "approval.not_withdrawable"
        assert (await view(http, me, late))["status"] == "accepted"


async def test_the_same_idempotency_key_gives_one_application(hall: Hall) -> None:
    _, me = await citizen(hall)
    async with httpx.AsyncClient(base_url=hall.url, timeout=10) as http:
        photo = await upload(http, me)
        key = {"Idempotency-Key": "submit-once-1"}
        first = await submit(http, me, photo_id=photo, headers=key)
        second = await submit(http, me, photo_id=photo, headers=key)
        assert first.status_code == second.status_code == 201
        assert second.json() == first.json()
        assert second.headers.get("Idempotent-Replayed") == "true"
        together = await asyncio.gather(
            *(
                submit(http, me, photo_id=photo, headers={"Idempotency-Key": "at-once"})
                for _ in range(5)
            )
        )
        assert {a.status_code for a in together} == {201}
        assert len({a.json()["application_id"] for a in together}) == 1
    assert await Application.all().count() == 2


async def test_a_core_system_down_at_submission_gets_the_application_later(http_hall: Hall) -> None:
    _, me = await citizen(http_hall)
    sandboxes = http_hall.server.app.ctx.sandboxes
    assert sandboxes is not None
    redis = http_hall.server.app.ctx.redis
    async with httpx.AsyncClient(base_url=http_hall.url, timeout=20) as http:
        photo = await upload(http, me)
        await sandboxes.core.fail_next(redis, "submit", times=3)  # the first try and two retries
        answer = await submit(http, me, photo_id=photo)
        assert answer.status_code == 201, answer.text
        assert answer.json()["core_ref"] is None
        application_id = answer.json()["application_id"]
        assert (await view(http, me, application_id))["core_ref"] is None

        with later(timedelta(hours=7)):  # the sync asks about applications quiet for 6 hours
            assert await http_hall.approval.sync_quiet() >= 1
        await sandboxes.core.settle()
        shown = await view(http, me, application_id)
    assert shown["core_ref"] is not None and shown["status"] == "submitted"


async def test_delivery_can_change_until_the_result_is_dispatched(local_hall: Hall) -> None:
    _, me = await citizen(local_hall)
    async with httpx.AsyncClient(base_url=local_hall.url, timeout=10) as http:
        application_id, core_ref = await submitted(local_hall, http, me)
        path = f"/api/v1/applications/{application_id}/delivery"
        changed = await http.put(path, json=EMS, headers=me)
        assert changed.status_code == 200, changed.text
        assert changed.json()["delivery"] == "ems"
        assert "13912345678" not in changed.text and "五四路" not in changed.text  # masked
        no_address = await http.put(path, json={"method": "ems"}, headers=me)
        assert no_address.status_code == 422

        await step(local_hall, core_ref, "accept")
        await step(local_hall, core_ref, "approve")
        await Application.filter(public_id=application_id).update(dispatched_at=clock.now())
        locked = await http.put(path, json={"method": "window"}, headers=me)
        assert locked.status_code == 409 and locked.json()["code"] == "approval.delivery_locked"
        assert (await view(http, me, application_id))["delivery"] == "ems"


async def test_a_level_one_item_is_applied_for_without_a_real_name(hall: Hall) -> None:
    """增值税发票真伪查验 asks only for an account (level 1): its applicant has no name or ID
    number to hand over, and the core system gets the application without them."""
    services = hall.server.app.ctx.services
    person = await Person.create(public_id=new_public_id("per"), level=1)
    pair = await services.identity.sessions.start_session(person, Origin(channel="mp"))
    me = {"Authorization": f"Bearer {pair.access_token}"}
    item = await ServiceItem.get(code="11440100MB2C90008-002")
    form = sample_form(item.form_schema)
    async with httpx.AsyncClient(base_url=hall.url, timeout=10) as http:
        answer = await http.post(
            "/api/v1/applications",
            json={"item_code": item.code, "form": form, "materials": []},
            headers=me,
        )
        assert answer.status_code == 201, answer.text
        await settle(hall)
        shown = await view(http, me, answer.json()["application_id"])
    assert shown["core_ref"] is not None  # handed over


async def test_a_submission_the_core_system_refuses_is_kept_not_a_500(http_hall: Hall) -> None:
    """An item we list but the core system no longer publishes: the citizen's application is
    ours (201, kept for the hall to settle), never a 500 after its commit."""
    from dataclasses import replace

    from api.approval.catalogue import store_items
    from api.approval.demo import demo_items

    items = demo_items()
    [level_one] = [item for item in items if item.required_level == 1]
    await store_items([*items, replace(level_one, code="UNPUBLISHED-001")])
    _, me = await citizen(http_hall)
    form = sample_form(level_one.form_schema)
    async with httpx.AsyncClient(base_url=http_hall.url, timeout=20) as http:
        answer = await http.post(
            "/api/v1/applications",
            json={"item_code": "UNPUBLISHED-001", "form": form, "materials": []},
            headers=me,
        )
        assert answer.status_code == 201, answer.text
        shown = await view(http, me, answer.json()["application_id"])
    assert shown["core_ref"] is None and shown["status"] == "submitted"


def test_the_reuse_look_counts_the_statuses_an_accepted_application_has() -> None:
    """The hand-written look for a reused file names the statuses in its SQL: the same as the
    earlier-files list's, so that a file is offered for reuse and recorded as reused alike."""
    for status in ApplicationStatus:
        assert (f"'{status.value}'" in _OWN_FILE_AS) == (status in _ACCEPTED_ON), status
