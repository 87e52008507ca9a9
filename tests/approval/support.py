"""What the approval tests share: a hall (an app and how its core system's clerks take a
step), real-named citizens, uploads, submissions, and the core system's signed webhook built
by hand (so a test can forge it, replay it, reorder it or break it)."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from api.approval.demo import demo_elicences
from api.approval.gateways.core import CorrectionItem, signature
from api.approval.models import Application
from api.approval.service import Approval
from api.kit import clock
from api.kit.ids import new_public_id
from auth.audit import Origin
from auth.models import Person
from tests.conftest import LiveServer

ITEM = "11440100007501-002"  # 居民身份证换领: OLD_ID and HR by e-licence, PHOTO uploaded
NAME, ID_NUMBER = "张三", "11010519491231002X"  # the demo citizens (public test vectors)
OTHER_NAME, OTHER_ID_NUMBER = "李四", "360426199101010071"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
FORM = {"apply_reason": "有效期满", "delivery": "窗口领取"}
WEBHOOK = "/callbacks/approval/progress"

Step = Callable[[str, str, list[CorrectionItem]], Awaitable[None]]


@dataclass
class Hall:
    """One app serving the tests, and how its core system's clerks take a step."""

    server: LiveServer
    take_step: Step

    @property
    def approval(self) -> Approval:
        return self.server.app.ctx.services.approval

    @property
    def url(self) -> str:
        return self.server.url


def engine_step(server: LiveServer) -> Step:
    async def step(core_ref: str, action: str, corrections: list[CorrectionItem]) -> None:
        from api.approval.local_engine import CaseAction

        engine = server.app.ctx.services.approval.engine
        assert engine is not None
        await engine.act(core_ref, CaseAction(action), corrections=corrections)

    return step


async def citizen(
    hall: Hall, name: str = NAME, id_number: str = ID_NUMBER
) -> tuple[Person, dict[str, str]]:
    """A real-named person (level 2) and their bearer header; the e-licences the government
    holds for them are in the hall's core system."""
    services = hall.server.app.ctx.services
    persons = services.identity.persons
    public_id = new_public_id("per")
    person = await Person.create(
        public_id=public_id,
        level=2,
        name_sealed=persons.seal(name, table="person", column="name", row=public_id),
        id_number_sealed=persons.seal(id_number, table="person", column="id_number", row=public_id),
    )
    sandboxes = hall.server.app.ctx.sandboxes
    if hall.approval.engine is None and sandboxes is not None:
        licences = demo_elicences().get(id_number, [])
        await sandboxes.core.register_elicences(hall.server.app.ctx.redis, id_number, licences)
    pair = await services.identity.sessions.start_session(person, Origin(channel="mp"))
    return person, {"Authorization": f"Bearer {pair.access_token}"}


async def real_named_citizen(hall: Hall) -> tuple[Person, dict[str, str]]:
    return await citizen(hall)


async def upload(http: httpx.AsyncClient, me: dict[str, str], content: bytes = PNG) -> str:
    answer = await http.post(
        "/api/v1/files", files={"file": ("photo.png", content, "image/png")}, headers=me
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["file_id"])


def materials(photo_id: str) -> list[dict[str, str]]:
    return [
        {"code": "OLD_ID", "elicence": "id_card"},
        {"code": "HR", "elicence": "household_register"},
        {"code": "PHOTO", "file_id": photo_id},
    ]


async def submit(
    http: httpx.AsyncClient,
    me: dict[str, str],
    *,
    photo_id: str | None = None,
    headers: dict[str, str] | None = None,
    **changes: Any,
) -> httpx.Response:
    """POST /api/v1/applications for ITEM, as the journey does; `changes` replace fields."""
    if photo_id is None:
        photo_id = await upload(http, me)
    body = {"item_code": ITEM, "form": FORM, "materials": materials(photo_id), **changes}
    return await http.post("/api/v1/applications", json=body, headers={**me, **(headers or {})})


async def submitted(hall: Hall, http: httpx.AsyncClient, me: dict[str, str]) -> tuple[str, str]:
    """An application handed to the core system: its id and the core system's case number."""
    answer = await submit(http, me)
    assert answer.status_code == 201, answer.text
    application_id = str(answer.json()["application_id"])
    await settle(hall)
    application = await Application.get(public_id=application_id)
    assert application.core_ref is not None
    return application_id, application.core_ref


async def step(
    hall: Hall, core_ref: str, action: str, corrections: Sequence[CorrectionItem] = ()
) -> None:
    await hall.take_step(core_ref, action, list(corrections))
    await settle(hall)


async def settle(hall: Hall) -> None:
    sandboxes = hall.server.app.ctx.sandboxes
    if sandboxes is not None:
        await sandboxes.core.settle()


async def view(http: httpx.AsyncClient, me: dict[str, str], application_id: str) -> dict[str, Any]:
    answer = await http.get(f"/api/v1/applications/{application_id}", headers=me)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def decided(hall: Hall, http: httpx.AsyncClient, me: dict[str, str]) -> str:
    """An application accepted and approved: ready to be evaluated."""
    application_id, core_ref = await submitted(hall, http, me)
    await step(hall, core_ref, "accept")
    await step(hall, core_ref, "approve")
    return application_id


# -- the core system's webhook, by hand ---------------------------------------------------------


def event(
    application_id: str, core_ref: str, sequence: int, status: str, **more: object
) -> dict[str, object]:
    """One progress event as the core system sends it, numbered `sequence` in its case."""
    return {
        "event_id": f"T-{core_ref}-{sequence}",
        "core_ref": core_ref,
        "application_id": application_id,
        "sequence": sequence,
        "status": status,
        "at": clock.shown(clock.now()).isoformat(),
        "department": "市公安局",
        "note": f"第{sequence}步",
        **more,
    }


def body_of(*events: dict[str, object]) -> bytes:
    return json.dumps({"events": list(events)}, ensure_ascii=False).encode()


def signed(
    hall: Hall,
    body: bytes,
    *,
    secret: str | None = None,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The webhook's headers, signed as the core system signs them (or with `secret`, at
    `timestamp`, with `nonce`, to forge, age or replay one)."""
    settings = hall.server.app.ctx.settings
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or secrets.token_hex(16)
    return {
        "Content-Type": "application/json",
        "X-App-Id": settings.core_app_id,
        "X-Timestamp": stamp,
        "X-Nonce": nonce,
        "X-Signature": signature(
            secret or settings.core_secret, "POST", WEBHOOK, stamp, nonce, body
        ),
    }


async def push(http: httpx.AsyncClient, hall: Hall, *events: dict[str, object]) -> httpx.Response:
    """Deliver `events` in one signed webhook."""
    body = body_of(*events)
    return await http.post(WEBHOOK, content=body, headers=signed(hall, body))
