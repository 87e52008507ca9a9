"""EMS's HTTP client against its sandbox, over real loopback HTTP, and the tracking push's
verification.

The sandbox is served by a small Sanic app of its own (the sandbox's blueprint, a stand-in
for our tracking callback that verifies and records what it was sent, and an EMS that
answers too late), on the suite's Redis: the client is the code that runs in production, the
sandbox plays EMS.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import logging
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

import httpx
import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from redis.asyncio import Redis
from sanic import Request, Sanic
from sanic.response import HTTPResponse
from sanic.response import json as json_response
from sanic.response import text as text_response
from sanic.server.async_server import AsyncioServer

from api.kit import clock
from api.lifecycle import Resources
from express.gateways.courier import (
    CourierRefused,
    CourierUnavailable,
    Operation,
    Party,
    PickupRequest,
    WaybillRequest,
)
from express.gateways.ems import (
    ALREADY_PICKED_UP,
    API_CREATE_ORDER,
    CALLBACK_PATH,
    SUCCESS_ANSWER,
    EmsPushRefused,
    EmsPushVerifier,
    PushRefusal,
    SealBroken,
    VerifiedPush,
    ems_push_verifier,
    failure_answer,
    open_sealed,
    parse_ems_time,
    parse_push,
    push_body,
    push_digest,
    seal,
    verified_push,
    verify_push,
)
from express.gateways.ems_client import EmsAuthRejected, EmsClient, client_from_settings
from express.gateways.ems_sandbox import EmsSandbox, sandbox_blueprint
from express.mailnumbers import is_domestic_mail_no
from tests.conftest import free_port

SENDER_NO = "1100000000001"
AUTHORIZATION = "test-ems-authorization"
QUICK_BACKOFF = (0.05, 0.1)
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}
CITIZEN_NAME = "林晓燕"
CITIZEN_PHONE = "13912345678"

_apps = itertools.count()


@dataclass
class Ems:
    """The sandbox on a loopback port, and what our callback stand-in received."""

    sandbox: EmsSandbox
    url: str
    redis: Redis
    key: bytes
    received: list[bytes] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # planned answers, then SUCCESS

    def client(
        self,
        *,
        base: str | None = None,
        authorization: str = AUTHORIZATION,
        key: bytes | None = None,
        timeout: float = 5.0,
        path: str = "/api/gateway",
    ) -> EmsClient:
        return EmsClient(
            base or f"{self.url}/sandbox/ems",
            SENDER_NO,
            authorization,
            key or self.key,
            timeout=timeout,
            backoff=QUICK_BACKOFF,
            path=path,
        )

    def pushes(self) -> list[VerifiedPush]:
        return [verify_push(body, JSON_HEADERS, self.key, time.time()) for body in self.received]


async def _serve(app: Sanic[Any, Any], port: int) -> AsyncioServer:
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    assert server is not None
    await server.startup()
    await server.before_start()
    await server.after_start()
    await server.start_serving()
    return server


@pytest.fixture(scope="session")
async def ems_server(resources: Resources) -> AsyncIterator[Ems]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    key = secrets.token_bytes(16)
    sandbox = EmsSandbox(
        SENDER_NO, AUTHORIZATION, key, f"{url}{CALLBACK_PATH}", delivery_backoff=QUICK_BACKOFF
    )
    ems = Ems(sandbox, url, resources.redis, key)
    app: Sanic[Any, Any] = Sanic(f"ems_sandbox_test_{next(_apps)}")
    app.config.TOUCHUP = False  # TouchUp rewrites Sanic's classes once per process
    app.ctx.redis = resources.redis
    app.blueprint(sandbox_blueprint(sandbox))

    @app.post(CALLBACK_PATH)
    async def push_callback(request: Request) -> HTTPResponse:
        ems.received.append(request.body)
        answer = ems.answers.pop(0) if ems.answers else SUCCESS_ANSWER
        return text_response(answer, content_type="application/json")

    @app.post("/slow/api/gateway")
    async def slow(request: Request) -> HTTPResponse:
        await asyncio.sleep(3)
        return json_response({})

    server = await _serve(app, port)
    yield ems
    await server.before_stop()
    await server.close()
    await server.after_stop()


@pytest.fixture
async def ems(ems_server: Ems, clean: Resources) -> AsyncIterator[Ems]:
    ems_server.received.clear()
    ems_server.answers.clear()
    yield ems_server
    await ems_server.sandbox.settle()


@pytest.fixture
async def courier(ems: Ems) -> AsyncIterator[EmsClient]:
    client = ems.client()
    yield client
    await client.aclose()


def a_party(name: str = CITIZEN_NAME, phone: str = CITIZEN_PHONE) -> Party:
    return Party(
        name=name,
        phone=phone,
        province_code="350000",
        city_code="350100",
        district_code="350102",
        address="福建省福州市鼓楼区五四路 1 号",
        postcode="350001",
    )


def a_waybill(logistics_no: str | None = None) -> WaybillRequest:
    return WaybillRequest(
        logistics_no=logistics_no or f"shp_{secrets.token_hex(6)}",
        sender=a_party("政务服务中心", "059100000000"),
        receiver=a_party(),
        contents="居民身份证",
    )


def a_pickup(logistics_no: str | None = None) -> PickupRequest:
    start = clock.now() + timedelta(hours=2)
    return PickupRequest(
        logistics_no=logistics_no or f"shp_{secrets.token_hex(6)}",
        sender=a_party(),
        receiver=a_party("政务服务中心", "059100000000"),
        window_start=start,
        window_end=start + timedelta(hours=2),
        contents="申请材料",
    )


async def _delivered(ems: Ems, count: int) -> None:
    """Wait (briefly) until the callback stand-in has `count` pushes."""
    for _ in range(100):
        await ems.sandbox.settle()
        if len(ems.received) >= count:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"{len(ems.received)} pushes arrived, not {count}")


# ------------------------------------------------------------------------------- SM4


def test_a_sealed_payload_opens_with_its_key_only():
    key, other = secrets.token_bytes(16), secrets.token_bytes(16)
    payload = {"logisticsOrderNo": "shp_1", "receiver": {"name": CITIZEN_NAME}}
    sealed = seal(payload, key)
    assert sealed.startswith("|$4|")
    assert CITIZEN_NAME not in sealed
    assert open_sealed(sealed, key) == payload
    with pytest.raises(SealBroken):
        open_sealed(sealed, other)
    raw = bytearray(base64.b64decode(sealed[4:]))
    raw[-1] ^= 1
    with pytest.raises(SealBroken):
        open_sealed("|$4|" + base64.b64encode(bytes(raw)).decode(), key)
    with pytest.raises(SealBroken):
        open_sealed("not sealed", key)


def test_the_seal_is_sm4_ecb_over_the_json_and_the_key_text():
    key = bytes(range(16))
    decryptor = Cipher(algorithms.SM4(key), modes.ECB()).decryptor()
    padded = decryptor.update(base64.b64decode(seal({"a": 1}, key)[4:])) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    plain = unpadder.update(padded) + unpadder.finalize()
    assert plain == b'{"a":1}' + base64.b64encode(key)


# ------------------------------------------------------------------------------- waybills


async def test_one_logistics_number_twice_is_one_mail_number(ems, courier):
    request = a_waybill()
    first = await courier.create_waybill(request)
    again = await courier.create_waybill(request)
    assert first == again
    assert first.logistics_no == request.logistics_no
    assert is_domestic_mail_no(first.mail_no)
    other = await courier.create_waybill(a_waybill())
    assert other.mail_no != first.mail_no
    assert (await ems.sandbox.requests(ems.redis))[API_CREATE_ORDER] == 3


async def test_cancelling_twice_is_fine_and_after_pickup_refused(ems, courier):
    waybill = await courier.create_waybill(a_waybill())
    await courier.cancel(waybill.logistics_no)
    await courier.cancel(waybill.logistics_no)

    picked = await courier.create_waybill(a_waybill())
    await ems.sandbox.add_events(ems.redis, picked.mail_no, [{"op_code": "203"}], push=False)
    with pytest.raises(CourierRefused) as refused:
        await courier.cancel(picked.logistics_no)
    assert refused.value.code == ALREADY_PICKED_UP


async def test_a_base_that_is_the_whole_endpoint_is_posted_to_as_it_is(ems):
    # EMS's production API is one URL (…/amp/api/open), with no path of ours after it.
    whole = ems.client(base=f"{ems.url}/sandbox/ems/api/gateway", path="")
    try:
        assert is_domestic_mail_no((await whole.create_waybill(a_waybill())).mail_no)
    finally:
        await whole.aclose()


async def test_cancelling_an_unknown_order_is_refused(courier):
    with pytest.raises(CourierRefused) as refused:
        await courier.cancel("shp_never_made")
    assert refused.value.code == "ORDER_NOT_FOUND"


async def test_a_pickup_is_booked_once_per_logistics_number(courier):
    request = a_pickup()
    pickup = await courier.book_pickup(request)
    assert is_domestic_mail_no(pickup.mail_no)
    assert await courier.book_pickup(request) == pickup
    await courier.cancel(request.logistics_no)


# ------------------------------------------------------------------------------- traces


async def test_trace_returns_the_mails_events(ems, courier):
    waybill = await courier.create_waybill(a_waybill())
    assert await courier.trace(waybill.mail_no) == []
    events = [
        {"op_code": "203", "op_time": "2026-12-07 09:00:00", "office": "福州鼓楼营业部"},
        {"op_code": "306", "op_time": "2026-12-07 15:00:00", "office": "福州邮区中心局"},
        {"op_code": "704", "op_time": "2026-12-08 10:30:00", "office": "厦门思明营业部"},
    ]
    await ems.sandbox.add_events(ems.redis, waybill.mail_no, events, push=False)
    trace = await courier.trace(waybill.mail_no)
    assert [e.operation for e in trace] == [
        Operation.ACCEPTED,
        Operation.IN_TRANSIT,
        Operation.DELIVERED,
    ]
    first = trace[0]
    assert first.mail_no == waybill.mail_no
    assert first.op_time == datetime(2026, 12, 7, 9, tzinfo=clock.HALL_TIMEZONE)
    assert first.office == "福州鼓楼营业部"
    assert first.description == "收寄"


# ------------------------------------------------------------------------------- pushes


async def test_a_push_the_sandbox_sends_verifies_and_parses(ems, courier):
    waybill = await courier.create_waybill(a_waybill())
    events = [{"op_code": "702", "op_time": "2026-12-08 08:00:00", "office": "厦门思明营业部"}]
    await ems.sandbox.add_events(ems.redis, waybill.mail_no, events)
    await _delivered(ems, 1)
    (push,) = ems.pushes()
    (event,) = parse_push(push)
    assert (event.mail_no, event.op_code, event.operation) == (
        waybill.mail_no,
        "702",
        Operation.OUT_FOR_DELIVERY,
    )
    assert event.op_time.utcoffset() == timedelta(hours=8)
    last = await ems.sandbox.last_push_body(ems.redis)
    assert last == ems.received[-1]


async def test_pushes_one_by_one_shuffled_all_arrive_and_failures_are_retried(ems, courier):
    waybill = await courier.create_waybill(a_waybill())
    ems.answers.extend([failure_answer("busy")])
    events = [{"op_code": code} for code in ("203", "306", "307", "702", "704")]
    ids = await ems.sandbox.add_events(
        ems.redis, waybill.mail_no, events, separately=True, shuffle=True
    )
    assert len(ids) == 5
    await _delivered(ems, 6)  # one refused, retried
    codes = [event.op_code for push in ems.pushes() for event in parse_push(push)]
    assert len(codes) == 6 and set(codes) == {"203", "306", "307", "702", "704"}
    serials = {push.serial_no for push in ems.pushes()}
    assert len(serials) == 6  # every attempt has a fresh serial number


async def test_a_redelivered_push_is_a_fresh_serial_with_the_same_events(ems, courier):
    waybill = await courier.create_waybill(a_waybill())
    await ems.sandbox.add_events(ems.redis, waybill.mail_no, [{"op_code": "203"}])
    await _delivered(ems, 1)
    await ems.sandbox.redeliver(ems.redis)
    await _delivered(ems, 2)
    first, again = ems.pushes()
    assert first.serial_no != again.serial_no
    assert parse_push(first) == parse_push(again)


def _body(key: bytes, *, now: datetime | None = None, payload: Any = None) -> bytes:
    item = {
        "waybillNo": "1234567890123",
        "opCode": "704",
        "opName": "妥投",
        "opTime": "2026-12-08 10:30:00",
        "opOrgName": "厦门思明营业部",
    }
    return push_body(
        payload if payload is not None else item,
        key=key,
        sender_no=SENDER_NO,
        serial_no=secrets.token_hex(16),
        now=now or clock.now(),
    )


def test_an_ems_time_is_beijing_time_in_exactly_emss_format():
    assert parse_ems_time("2026-12-08 10:30:00") == datetime(2026, 12, 8, 2, 30, tzinfo=UTC)
    for not_one in (
        "2026-02-30 10:30:00",  # no such day
        "2026-12-08 24:00:00",
        "2026-12-08T10:30:00",  # ISO's other spelling
        "2026-12-08  0:30:00",
        "２026-12-08 10:30:00",  # a full-width digit
        "2026-12-08 10:30:00+08:00",
        "",
    ):
        assert parse_ems_time(not_one) is None, not_one


def test_verify_push_refuses_a_forgery_an_undecryptable_and_a_stale_push():
    key = secrets.token_bytes(16)
    good = _body(key)
    assert parse_push(verify_push(good, JSON_HEADERS, key, time.time()))[0].operation is (
        Operation.DELIVERED
    )

    def refusal(body: bytes, now: float | None = None) -> PushRefusal:
        with pytest.raises(EmsPushRefused) as refused:
            verify_push(body, JSON_HEADERS, key, now or time.time())
        return refused.value.reason

    # Forged: another key's push, or ours with the digest or the timestamp changed.
    assert refusal(_body(secrets.token_bytes(16))) is PushRefusal.BAD_DIGEST
    fields = json.loads(good)
    assert refusal(json.dumps({**fields, "dataDigest": "AAAA"}).encode()) is (
        PushRefusal.BAD_DIGEST
    )
    later = (clock.now() + timedelta(minutes=1)).astimezone(clock.HALL_TIMEZONE)
    moved = {**fields, "timeStamp": later.strftime("%Y-%m-%d %H:%M:%S")}
    assert refusal(json.dumps(moved).encode()) is PushRefusal.BAD_DIGEST
    # Undecryptable: a digest over a payload another key sealed.
    foreign = seal({"waybillNo": "1234567890123"}, secrets.token_bytes(16))
    digest = push_digest(key, fields["senderNo"], fields["serialNo"], fields["timeStamp"], foreign)
    sealed_wrong = {**fields, "logitcsInterface": foreign, "dataDigest": digest}
    assert refusal(json.dumps(sealed_wrong).encode()) is PushRefusal.UNDECRYPTABLE
    # Stale: more than 300 s either side.
    assert refusal(_body(key, now=clock.now() - timedelta(seconds=301))) is PushRefusal.STALE
    assert refusal(good, time.time() + 301) is PushRefusal.STALE
    # Not a push at all.
    assert refusal(b"\xff\xfe") is PushRefusal.MALFORMED
    assert refusal(b"[]") is PushRefusal.MALFORMED


def test_parse_push_maps_codes_keeps_unknown_as_in_transit_and_bounds_fields():
    key = secrets.token_bytes(16)

    def events(item: Any) -> Any:
        return parse_push(verify_push(_body(key, payload=item), JSON_HEADERS, key, time.time()))

    base = {"waybillNo": "EA123456785CN", "opTime": "2026-12-08 10:30:00", "opOrgName": "x"}
    expected = {
        "203": Operation.ACCEPTED,
        "306": Operation.IN_TRANSIT,
        "702": Operation.OUT_FOR_DELIVERY,
        "704": Operation.DELIVERED,
        "705": Operation.DELIVERY_FAILED,
        "711": Operation.RETURNED,
        "999": Operation.IN_TRANSIT,
    }
    for code, operation in expected.items():
        assert events({**base, "opCode": code})[0].operation is operation
    assert len(events([{**base, "opCode": "203"}, {**base, "opCode": "704"}])) == 2
    for broken in (
        {**base, "opCode": "704", "opOrgName": "x" * 101},
        {**base, "opCode": "704", "opTime": "2026-12-08T10:30:00"},
        {**base, "opCode": "704", "waybillNo": "EA123456789CN"},
        {**base, "opCode": 704},
    ):
        with pytest.raises(EmsPushRefused):
            events(broken)


class _Nonces:
    def __init__(self) -> None:
        self.seen: set[str] = set()

    async def first_time(self, key: str, ttl_seconds: int) -> bool:
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


async def test_the_verifier_refuses_a_replayed_serial_number():
    key = secrets.token_bytes(16)
    nonces = _Nonces()
    verifier = EmsPushVerifier(key, nonce_store=lambda request: nonces)
    request = cast(
        Request, SimpleNamespace(body=_body(key), headers=JSON_HEADERS, ctx=SimpleNamespace())
    )
    await verifier(request)
    # What the route applies is the push the verifier opened.
    assert verified_push(request).payload["opCode"] == "704"
    with pytest.raises(EmsPushRefused) as refused:
        await verifier(request)
    assert refused.value.reason is PushRefusal.REPLAYED
    assert refused.value.status == 401


def test_a_push_no_verifier_opened_is_not_applied():
    request = cast(Request, SimpleNamespace(ctx=SimpleNamespace()))
    with pytest.raises(EmsPushRefused):
        verified_push(request)


# ------------------------------------------------------------------------------- failures


async def test_a_wrong_authorisation_is_refused_and_not_retried(ems):
    wrong = ems.client(authorization="not-ours")
    try:
        with pytest.raises(EmsAuthRejected) as rejected:
            await wrong.create_waybill(a_waybill())
    finally:
        await wrong.aclose()
    assert rejected.value.code == "AUTHORIZATION_INVALID"
    assert isinstance(rejected.value, CourierUnavailable)  # what callers catch
    assert (await ems.sandbox.requests(ems.redis))[API_CREATE_ORDER] == 1


async def test_a_wrong_key_is_refused(ems):
    wrong = ems.client(key=secrets.token_bytes(16))
    try:
        with pytest.raises(EmsAuthRejected) as rejected:
            await wrong.create_waybill(a_waybill())
    finally:
        await wrong.aclose()
    assert rejected.value.code == "DECRYPT_FAILED"


async def test_an_ems_that_is_down_is_unavailable_within_the_timeout(ems):
    down = ems.client(base=f"http://127.0.0.1:{free_port()}", timeout=1.0)
    started = time.monotonic()
    try:
        with pytest.raises(CourierUnavailable):
            await down.create_waybill(a_waybill())
    finally:
        await down.aclose()
    assert time.monotonic() - started < 1.5


async def test_an_ems_that_answers_too_late_is_unavailable_within_the_timeout(ems):
    slow = ems.client(base=f"{ems.url}/slow", timeout=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(CourierUnavailable):
            await slow.trace("1234567890123")
    finally:
        await slow.aclose()
    assert time.monotonic() - started < 1.0


async def test_a_503_is_retried_and_the_keyed_creation_acts_once(ems, courier):
    await ems.sandbox.fail_next(ems.redis, 2, API_CREATE_ORDER)
    request = a_waybill()
    waybill = await courier.create_waybill(request)
    assert (await ems.sandbox.requests(ems.redis))[API_CREATE_ORDER] == 3
    assert await courier.create_waybill(request) == waybill

    await ems.sandbox.fail_next(ems.redis, 3)
    with pytest.raises(CourierUnavailable):
        await courier.trace(waybill.mail_no)


async def test_no_personal_data_in_logs_or_errors(ems, courier, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = ems.client(authorization="not-ours")
    try:
        with pytest.raises(CourierUnavailable) as failed:
            await wrong.create_waybill(a_waybill())
    finally:
        await wrong.aclose()
    await courier.create_waybill(a_waybill())
    for text in (caplog.text, str(failed.value)):
        assert CITIZEN_NAME not in text and CITIZEN_PHONE not in text


async def test_the_control_endpoints_over_http(ems, courier):
    waybill = await courier.create_waybill(a_waybill())
    async with httpx.AsyncClient(base_url=f"{ems.url}/sandbox/ems/control") as http:
        added = await http.post(
            "/events", json={"mail_no": waybill.mail_no, "events": [{"op_code": "203"}]}
        )
        assert added.status_code == 200 and len(added.json()["push_ids"]) == 1
        await _delivered(ems, 1)
        last = await http.get("/pushes/last")
        assert last.content == ems.received[-1]
        again = await http.post("/redeliver", json={})
        assert again.json()["push_id"] == added.json()["push_ids"][0]
        await _delivered(ems, 2)
        failing = await http.post("/fail-next", json={"times": 1})
        assert failing.status_code == 200
    with pytest.raises(CourierRefused):  # picked up by the 203 event
        await courier.cancel(waybill.logistics_no)


# ------------------------------------------------------------------------------- the app


async def test_the_apps_own_sandbox_plays_ems_for_the_client_from_the_settings(server, clean):
    settings = server.app.ctx.settings
    assert settings.gateway_url("ems") == f"{server.url}/sandbox/ems"
    courier = client_from_settings(settings)
    try:
        waybill = await courier.create_waybill(a_waybill())
        sandbox = server.app.ctx.sandboxes.ems
        assert sandbox.callback_url == f"{server.url}{CALLBACK_PATH}"
        await sandbox.add_events(clean.redis, waybill.mail_no, [{"op_code": "203"}], push=False)
        (event,) = await courier.trace(waybill.mail_no)
        assert event.operation is Operation.ACCEPTED
    finally:
        await courier.aclose()
    verifier = ems_push_verifier(settings)
    assert isinstance(verifier, EmsPushVerifier)


async def test_a_frozen_business_clock_does_not_make_calls_or_pushes_stale(ems, monkeypatch):
    monkeypatch.setattr(clock, "clock", clock.FrozenClock(datetime(2026, 1, 5, 9, tzinfo=UTC)))
    courier = ems.client()
    try:
        waybill = await courier.create_waybill(a_waybill())
    finally:
        await courier.aclose()
    await ems.sandbox.add_events(ems.redis, waybill.mail_no, [{"op_code": "203"}])
    await _delivered(ems, 1)
    (push,) = ems.pushes()  # verified against the wall clock
    (event,) = parse_push(push)
    assert event.op_time == datetime(2026, 1, 5, 9, tzinfo=UTC)  # the event's business time
