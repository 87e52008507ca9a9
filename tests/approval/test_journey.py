"""A citizen's whole journey, against both core approval gateways: the embedded engine, and
the HTTP client talking to the core system's sandbox over loopback HTTP (its steps come back
through the signed webhook).

browse -> submit with one upload and one reused e-licence -> accepted -> correction requested
-> supplement -> approved -> evaluated; the timeline is complete and ordered, and notify has an
event for each step.
"""

from __future__ import annotations

import httpx

from api.approval.gateways.core import CorrectionItem
from api.approval.models import Application
from notify.models import Event
from tests.approval.support import FORM, ID_NUMBER, ITEM, PNG, Hall, real_named_citizen, settle


async def test_the_whole_journey(hall: Hall) -> None:
    await hall.approval.catalogue.sync(hall.approval.core)
    person, me = await real_named_citizen(hall)
    async with httpx.AsyncClient(base_url=hall.server.url, timeout=10) as http:
        # browse
        found = await http.get("/api/v1/catalogue/items", params={"q": "身份证换领"})
        assert found.status_code == 200 and found.json()["items"][0]["code"] == ITEM
        etag = found.headers["ETag"]
        again = await http.get(
            "/api/v1/catalogue/items", params={"q": "身份证换领"}, headers={"If-None-Match": etag}
        )
        assert again.status_code == 304
        detail = (await http.get(f"/api/v1/catalogue/items/{ITEM}")).json()
        assert {m["code"] for m in detail["materials"]} == {"OLD_ID", "HR", "PHOTO"}

        # what can be reused, then one upload
        reusable = (
            await http.get("/api/v1/me/reusable-materials", params={"item": ITEM}, headers=me)
        ).json()
        offered = {m["material_code"]: m for m in reusable["materials"]}
        assert offered["HR"]["elicence"]["licence_type"] == "household_register"
        assert ID_NUMBER not in str(reusable)  # masked
        photo = await http.post(
            "/api/v1/files", files={"file": ("photo.png", PNG, "image/png")}, headers=me
        )
        assert photo.status_code == 201, photo.text
        photo_id = photo.json()["file_id"]

        # submit
        submitted = await http.post(
            "/api/v1/applications",
            json={
                "item_code": ITEM,
                "form": FORM,
                "materials": [
                    {"code": "OLD_ID", "elicence": "id_card"},
                    {"code": "HR", "elicence": "household_register"},
                    {"code": "PHOTO", "file_id": photo_id},
                ],
            },
            headers={**me, "Idempotency-Key": "journey-1"},
        )
        assert submitted.status_code == 201, submitted.text
        application_id = submitted.json()["application_id"]
        core_ref = await _core_ref(hall, application_id)

        await hall.take_step(core_ref, "accept", [])
        await _settle(hall)
        assert await _status(http, me, application_id) == "accepted"

        await hall.take_step(
            core_ref, "request_correction", [CorrectionItem("PHOTO", "照片背景须为白色")]
        )
        await _settle(hall)
        view = (await http.get(f"/api/v1/applications/{application_id}", headers=me)).json()
        assert view["status"] == "correction_requested"
        assert view["correction"]["items"] == [
            {"material_code": "PHOTO", "reason": "照片背景须为白色"}
        ]

        # supplement exactly what was asked (and nothing else is accepted)
        wrong = await http.post(
            f"/api/v1/applications/{application_id}/supplement",
            json={"materials": [{"code": "HR", "elicence": "household_register"}]},
            headers=me,
        )
        assert wrong.status_code == 422 and wrong.json()["code"] == "approval.supplement_mismatch"
        new_photo = await http.post(
            "/api/v1/files",
            content=PNG + b"",
            headers={**me, "Content-Type": "application/octet-stream"},
        )
        assert new_photo.status_code == 201
        supplemented = await http.post(
            f"/api/v1/applications/{application_id}/supplement",
            json={"materials": [{"code": "PHOTO", "file_id": new_photo.json()["file_id"]}]},
            headers=me,
        )
        assert supplemented.status_code == 200, supplemented.text
        await _settle(hall)

        await hall.take_step(core_ref, "approve", [])
        await _settle(hall)
        view = (await http.get(f"/api/v1/applications/{application_id}", headers=me)).json()
        assert view["status"] == "approved"

        # evaluate, once
        rated = await http.post(
            f"/api/v1/applications/{application_id}/evaluation",
            json={"stars": 5, "tags": ["一次办成"], "comment": "很快\x07"},
            headers=me,
        )
        assert rated.status_code == 201 and rated.json()["comment"] == "很快"
        twice = await http.post(
            f"/api/v1/applications/{application_id}/evaluation", json={"stars": 1}, headers=me
        )
        assert twice.status_code == 409

        view = (await http.get(f"/api/v1/applications/{application_id}", headers=me)).json()
    statuses = [entry["status"] for entry in view["timeline"]]
    assert statuses == ["submitted", "accepted", "correction_requested", "supplemented", "approved"]
    times = [entry["at"] for entry in view["timeline"]]
    assert times == sorted(times)
    assert view["evaluation"]["stars"] == 5
    events = {e.event_type async for e in Event.filter(person_id=person.id)}
    assert {
        "application.accepted",
        "application.correction_requested",
        "application.approved",
    } <= events
    sources = {m["code"]: m["source"] for m in view["materials"] if m["state"] == "provided"}
    assert sources == {"OLD_ID": "elicence", "HR": "elicence", "PHOTO": "upload"}


async def _core_ref(hall: Hall, application_id: str) -> str:
    await settle(hall)
    application = await Application.get(public_id=application_id)
    assert application.core_ref is not None
    return application.core_ref


async def _settle(hall: Hall) -> None:
    await settle(hall)


async def _status(http: httpx.AsyncClient, me: dict[str, str], application_id: str) -> str:
    view = (await http.get(f"/api/v1/applications/{application_id}", headers=me)).json()
    return str(view["status"])
