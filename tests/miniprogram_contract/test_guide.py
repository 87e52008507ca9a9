"""The contract guide's examples are what the service really sends and answers.

The flows of miniprogram_contract/README.md run against a live server on the demo data, at a
fixed moment (Monday 30 November 2026, 09:30 at the hall), and every recorded exchange must
equal the README's block of that name (`YIWANG_UPDATE_GUIDE=1` rewrites the blocks).
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from api.contract import RECORDED_EXAMPLES, contract_document, rendered_examples
from api.demo import seed_demo_data
from api.kit import clock
from auth.demo import DEMO_PASSWORD
from auth.models import BindingKind, Person
from tests.auth.conftest import POLICY, register_citizen
from tests.miniprogram_contract.guide import GUIDE, Recorder, blocks_of, with_blocks

MOMENT = datetime(2026, 11, 30, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
PHONE = "13800000000"


@pytest.fixture
def at_the_guides_moment():
    real = clock.clock
    clock.clock = clock.FrozenClock(MOMENT)
    yield
    clock.clock = real


async def test_the_guides_examples_are_recorded_from_a_real_run(
    server, clean, at_the_guides_moment
) -> None:
    await seed_demo_data()
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        recorder = Recorder(http)
        tokens = await phone_sign_in(recorder, http)
        await mini_program_sign_in_with_consent(recorder, http)
        await official_account_sign_in(recorder, http)
        tokens = await refresh(recorder, tokens)
        await real_name(recorder, http, tokens)
        application_id = await applying(recorder, http, tokens)
        await paying(recorder, http, tokens, server, application_id)
        await by_ems(recorder, http, tokens, server, application_id)
        await booking(recorder, tokens)
        await same_day_ticket(recorder, tokens)
        await subscribe_grants(recorder, tokens)
        await errors(recorder, tokens)
    recorded = recorder.rendered()
    examples = recorder.operation_examples(list(server_paths(server)))
    text = GUIDE.read_text(encoding="utf-8")
    if os.environ.get("YIWANG_UPDATE_GUIDE"):
        GUIDE.write_text(with_blocks(text, recorded), encoding="utf-8")
        RECORDED_EXAMPLES.write_text(rendered_examples(examples), encoding="utf-8")
    committed = RECORDED_EXAMPLES.read_text(encoding="utf-8") if RECORDED_EXAMPLES.exists() else ""
    assert committed == rendered_examples(examples), "examples.json differs: YIWANG_UPDATE_GUIDE=1"
    in_guide = blocks_of(text)
    assert sorted(in_guide) == sorted(recorded), "the guide and the run name other examples"
    for name, block in recorded.items():
        assert in_guide[name] == block, f"example {name!r} differs: YIWANG_UPDATE_GUIDE=1"


def server_paths(server) -> list[str]:
    return list(contract_document(server.app.router, server.app.ctx)["paths"])


def bearer(tokens: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def phone_sign_in(recorder: Recorder, http: httpx.AsyncClient) -> dict[str, str]:
    await recorder.send(
        "phone-sign-in", "POST", "/api/v1/auth/sms-code", json_body={"phone": PHONE}
    )
    messages = (await http.get("/sandbox/sms/messages", params={"phone": PHONE})).json()
    code = messages["messages"][-1]["parameters"]["code"]
    signed_in = await recorder.send(
        "phone-sign-in",
        "POST",
        "/api/v1/auth/phone",
        json_body={"phone": PHONE, "code": code, "privacy_policy_version": POLICY},
    )
    return dict(signed_in.json())


async def mini_program_sign_in_with_consent(recorder: Recorder, http: httpx.AsyncClient) -> None:
    minted = await http.post("/sandbox/wechat/_test/login-code", json={"openid": "o-guide"})
    asked = await recorder.send(
        "miniprogram-sign-in",
        "POST",
        "/api/v1/auth/miniprogram",
        json_body={"code": minted.json()["code"]},
    )
    await recorder.send(
        "miniprogram-sign-in",
        "POST",
        "/api/v1/auth/consent",
        json_body={
            "consent_ticket": asked.json()["consent_ticket"],
            "privacy_policy_version": POLICY,
        },
    )


async def official_account_sign_in(recorder: Recorder, http: httpx.AsyncClient) -> None:
    started = await recorder.send(
        "official-account-sign-in",
        "POST",
        "/api/v1/auth/official-account/authorize",
        json_body={"redirect_uri": "http://127.0.0.1/h5/after-login", "scope": "snsapi_base"},
    )
    code = (
        await http.post("/sandbox/wechat/_test/oauth-code", json={"openid": "oa-guide"})
    ).json()["code"]
    await recorder.send(
        "official-account-sign-in",
        "POST",
        "/api/v1/auth/official-account",
        json_body={
            "code": code,
            "state": started.json()["state"],
            "verifier": started.json()["verifier"],
            "privacy_policy_version": POLICY,
        },
    )


async def refresh(recorder: Recorder, tokens: dict[str, str]) -> dict[str, str]:
    refreshed = await recorder.send(
        "refresh",
        "POST",
        "/api/v1/auth/refresh",
        json_body={"refresh_token": tokens["refresh_token"]},
    )
    return dict(refreshed.json())


async def real_name(recorder: Recorder, http: httpx.AsyncClient, tokens: dict[str, str]) -> None:
    await register_citizen(http, "张三", "11010519491231002X")
    await recorder.send(
        "real-name",
        "POST",
        "/api/v1/me/real-name",
        json_body={"name": "张三", "id_number": "11010519491231002X"},
        headers=bearer(tokens),
    )


ITEM = "11440100007501-002"  # 居民身份证换领
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


async def applying(recorder: Recorder, http: httpx.AsyncClient, tokens: dict[str, str]) -> str:
    await recorder.send("catalogue-search", "GET", "/api/v1/catalogue/items?q=身份证换领")
    await recorder.send(
        "reusable-materials",
        "GET",
        f"/api/v1/me/reusable-materials?item={ITEM}",
        headers=bearer(tokens),
    )
    photo = await http.post(
        "/api/v1/files", files={"file": ("photo.png", PNG, "image/png")}, headers=bearer(tokens)
    )
    submitted = await recorder.send(
        "submit-application",
        "POST",
        "/api/v1/applications",
        json_body={
            "item_code": ITEM,
            "form": {"apply_reason": "有效期满", "delivery": "窗口领取"},
            "materials": [
                {"code": "OLD_ID", "elicence": "id_card"},
                {"code": "HR", "elicence": "household_register"},
                {"code": "PHOTO", "file_id": photo.json()["file_id"]},
            ],
        },
        headers={**bearer(tokens), "Idempotency-Key": "5e0c9a7d-2b41-4f8e-b6c3-71d2a9e04f58"},
    )
    application_id = submitted.json()["application_id"]
    clerk = await http.post(
        "/api/v1/staff/auth/login", json={"username": "demo_clerk", "password": DEMO_PASSWORD}
    )
    await http.post(
        f"/api/v1/staff/approval/applications/{application_id}/accept",
        json={},
        headers=bearer(clerk.json()),
    )
    await recorder.send(
        "application-progress",
        "GET",
        f"/api/v1/applications/{application_id}",
        headers=bearer(tokens),
    )
    return str(application_id)


async def paying(
    recorder: Recorder,
    http: httpx.AsyncClient,
    tokens: dict[str, str],
    server: Any,
    application_id: str,
) -> None:
    """The core system issues the fee notice; the citizen takes the cashier's payment code,
    then changes their mind and pays with WeChat Pay in the mini-program."""
    clerk = await http.post(
        "/api/v1/staff/auth/login", json={"username": "demo_clerk", "password": DEMO_PASSWORD}
    )
    await http.post(
        f"/api/v1/staff/approval/applications/{application_id}/issue_fee_notice",
        json={},
        headers=bearer(clerk.json()),
    )
    orders = await recorder.send(
        "my-payments", "GET", "/api/v1/me/payments", headers=bearer(tokens)
    )
    order_id = orders.json()["orders"][0]["order_id"]
    await recorder.send(
        "pay-at-cashier", "POST", f"/api/v1/payments/{order_id}/cashier", headers=bearer(tokens)
    )
    services = server.app.ctx.services
    # The citizen signed in to the mini-program too (WeChat Pay pays from that openid).
    profile = await http.get("/api/v1/me", headers=bearer(tokens))
    person = await Person.get(public_id=profile.json()["person_id"])
    await services.identity.persons.bind(
        person, BindingKind.MP_OPENID, "o-guide-payer", verified=True
    )
    await recorder.send(
        "pay-in-mini-program",
        "POST",
        f"/api/v1/payments/{order_id}/wechat-pay",
        headers=bearer(tokens),
    )
    await http.post("/sandbox/wechatpay/control/pay", json={"out_trade_no": order_id})
    await server.app.ctx.sandboxes.wechatpay.settle()
    await recorder.send(
        "payment-order", "GET", f"/api/v1/payments/{order_id}", headers=bearer(tokens)
    )


async def by_ems(
    recorder: Recorder,
    http: httpx.AsyncClient,
    tokens: dict[str, str],
    server: Any,
    application_id: str,
) -> None:
    """An address for the book; the originals picked up (booked, and another booking
    cancelled); the result sent by EMS, followed to the door."""
    address = await recorder.send(
        "address-book",
        "POST",
        "/api/v1/me/addresses",
        json_body={
            "recipient_name": "张三",
            "phone": "13800000000",
            "province_code": "350000",
            "city_code": "350100",
            "district_code": "350102",
            "detail": "鼓屏路88号3号楼501室",
            "postcode": "350001",
        },
        headers=bearer(tokens),
    )
    address_id = address.json()["address_id"]
    await recorder.send("address-book", "GET", "/api/v1/me/addresses", headers=bearer(tokens))

    windows = await recorder.send("pickup-windows", "GET", "/api/v1/pickup-windows")
    first, second = windows.json()["windows"][:2]
    pickups = f"/api/v1/applications/{application_id}/pickups"
    booked = await recorder.send(
        "book-pickup",
        "POST",
        pickups,
        json_body={"address_id": address_id, "starts_at": second["starts_at"]},
        headers=bearer(tokens),
    )
    await recorder.send(
        "cancel-pickup",
        "POST",
        f"/api/v1/pickups/{booked.json()['pickup_id']}/cancel",
        headers=bearer(tokens),
    )
    await recorder.send(  # once cancelled, another window may be booked
        "cancel-pickup",
        "POST",
        pickups,
        json_body={"address_id": address_id, "starts_at": first["starts_at"]},
        headers=bearer(tokens),
    )

    await recorder.send(
        "choose-ems",
        "PUT",
        f"/api/v1/applications/{application_id}/delivery",
        json_body={"method": "ems", "address_id": address_id},
        headers=bearer(tokens),
    )
    approver = await http.post(
        "/api/v1/staff/auth/login", json={"username": "demo_approver", "password": DEMO_PASSWORD}
    )
    for action in ("approve", "result_ready"):
        await http.post(
            f"/api/v1/staff/approval/applications/{application_id}/{action}",
            json={},
            headers=bearer(approver.json()),
        )
    services = server.app.ctx.services
    await services.shipments.create_waybills()
    shipments = await http.get("/api/v1/me/shipments", headers=bearer(tokens))
    result = next(s for s in shipments.json()["shipments"] if s["kind"] == "result")
    journey = [
        ("203", "2026-11-30 14:05:00", "福州市鼓楼区邮政营业部"),
        ("307", "2026-11-30 18:40:00", "福州邮区中心局"),
        ("702", "2026-12-01 08:15:00", "福州市鼓楼区邮政投递部"),
        ("704", "2026-12-01 10:31:00", "福州市鼓楼区邮政投递部"),
    ]
    sandbox = server.app.ctx.sandboxes.ems
    await sandbox.add_events(
        server.app.ctx.redis,
        result["mail_number"],
        [{"op_code": code, "op_time": at, "office": office} for code, at, office in journey],
    )
    await sandbox.settle()
    await recorder.send("follow-shipment", "GET", "/api/v1/me/shipments", headers=bearer(tokens))
    await recorder.send(
        "follow-shipment",
        "GET",
        f"/api/v1/shipments/{result['shipment_id']}",
        headers=bearer(tokens),
    )


async def booking(recorder: Recorder, tokens: dict[str, str]) -> None:
    slots = await recorder.send(
        "slots", "GET", "/api/v1/halls/CIVIC/slots?category=business&date=2026-12-01"
    )
    first = slots.json()["slots"][0]["slot_id"]
    for _ in range(2):  # the retry answers the first answer again
        await recorder.send(
            "book",
            "POST",
            "/api/v1/appointments",
            json_body={"slot_id": first},
            headers={**bearer(tokens), "Idempotency-Key": "9b2f6c1e-5d1a-4c8e-9a53-0f3c2b7d8e11"},
        )


async def same_day_ticket(recorder: Recorder, tokens: dict[str, str]) -> None:
    taken = await recorder.send(
        "ticket",
        "POST",
        "/api/v1/halls/CIVIC/tickets",
        json_body={"category": "social"},
        headers=bearer(tokens),
    )
    await recorder.send(
        "ticket", "GET", f"/api/v1/tickets/{taken.json()['ticket_id']}", headers=bearer(tokens)
    )
    await recorder.send("live-status", "GET", "/api/v1/halls/CIVIC/status")


async def subscribe_grants(recorder: Recorder, tokens: dict[str, str]) -> None:
    await recorder.send(
        "subscribe-grants",
        "POST",
        "/api/v1/me/subscribe-grants",
        json_body={"template_ids": ["tmpl-ticket.called"]},
        headers=bearer(tokens),
    )


async def errors(recorder: Recorder, tokens: dict[str, str]) -> None:
    await recorder.send(
        "errors",
        "POST",
        "/api/v1/appointments",
        json_body={"slot": 1},
        headers=bearer(tokens),
    )
    await recorder.send(
        "errors", "GET", "/api/v1/me", headers={"Authorization": "Bearer expired.or.forged"}
    )
