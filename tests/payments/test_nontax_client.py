"""The non-tax payment platform's HTTP client against its sandbox, over real loopback HTTP.

The sandbox is served by a small Sanic app of its own (the sandbox's blueprint, a stand-in for
our notice callback that records what it was sent, and two misbehaving platforms: one that
answers unsigned, one that answers too late), on the suite's Redis: the client is the code
that runs in production, the sandbox plays the platform.
"""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
import json
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from redis.asyncio import Redis
from sanic import Request, Sanic
from sanic.response import HTTPResponse
from sanic.response import json as json_response
from sanic.response import raw as raw_response
from sanic.server.async_server import AsyncioServer

from api.kit import clock
from api.lifecycle import Resources
from payments.gateways.channel import (
    ChannelRefused,
    ChannelUnavailable,
    FeeLine,
    OrderToPay,
    RefundToSend,
    RemoteState,
)
from payments.gateways.nontax import (
    NonTaxRefused,
    PlatformPayment,
    PlatformRefund,
    Refusal,
    RsaSha256Signer,
    RsaSha256Verifier,
    SignedNotice,
    parse_notice,
    verify_notice,
)
from payments.gateways.nontax_client import (
    ISSUE_PATH,
    QUERY_PATH,
    REFUND_PATH,
    NonTaxAuthRejected,
    NonTaxClient,
    client_from_settings,
    is_payment_code,
    signed_call_body,
)
from payments.gateways.nontax_sandbox import NonTaxSandbox, sandbox_blueprint
from tests.conftest import free_port

APP_ID = "test-nontax-app"
PREFIX = "35"
CALLBACK_PATH = "/callbacks/payments/nontax"
QUICK_BACKOFF = (0.05, 0.1)

_apps = itertools.count()


def _rsa() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _public_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@dataclass
class Keys:
    client: rsa.RSAPrivateKey  # ours: signs our calls
    platform: rsa.RSAPrivateKey  # the sandbox's: signs its answers and notices
    stranger: rsa.RSAPrivateKey  # anyone else's

    @property
    def platform_verifier(self) -> RsaSha256Verifier:
        return RsaSha256Verifier.from_pem(_public_pem(self.platform))


@dataclass
class Platform:
    """The sandbox on a loopback port, and what our callback stand-in received."""

    sandbox: NonTaxSandbox
    url: str
    redis: Redis
    keys: Keys
    received: list[bytes] = field(default_factory=list)
    answers: list[dict[str, str]] = field(default_factory=list)  # planned answers, then SUCCESS

    def client(
        self,
        *,
        base: str | None = None,
        signer_key: rsa.RSAPrivateKey | None = None,
        verifier_key: rsa.RSAPrivateKey | None = None,
        timeout: float = 5.0,
        prefix: str = PREFIX,
    ) -> NonTaxClient:
        return NonTaxClient(
            base or f"{self.url}/sandbox/nontax",
            APP_ID,
            RsaSha256Signer(signer_key or self.keys.client),
            RsaSha256Verifier.from_pem(_public_pem(verifier_key or self.keys.platform)),
            province_prefix=prefix,
            timeout=timeout,
            backoff=QUICK_BACKOFF,
        )

    def notices(self) -> list[SignedNotice]:
        verifier = self.keys.platform_verifier
        return [verify_notice(body, verifier, time.time()) for body in self.received]


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
async def platform_server(resources: Resources) -> AsyncIterator[Platform]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    keys = Keys(_rsa(), _rsa(), _rsa())
    sandbox = NonTaxSandbox(
        APP_ID,
        RsaSha256Verifier.from_pem(_public_pem(keys.client)),
        RsaSha256Signer(keys.platform),
        f"{url}/sandbox/nontax",
        f"{url}{CALLBACK_PATH}",
        province_prefix=PREFIX,
        delivery_backoff=QUICK_BACKOFF,
    )
    platform = Platform(sandbox, url, resources.redis, keys)
    app: Sanic[Any, Any] = Sanic(f"nontax_sandbox_test_{next(_apps)}")
    app.config.TOUCHUP = False  # TouchUp rewrites Sanic's classes once per process
    app.ctx.redis = resources.redis
    app.blueprint(sandbox_blueprint(sandbox))

    @app.post(CALLBACK_PATH)
    async def notice_callback(request: Request) -> HTTPResponse:
        platform.received.append(request.body)
        answer = platform.answers.pop(0) if platform.answers else {"code": "SUCCESS"}
        return json_response({**answer, "message": "test"})

    @app.post("/unsigned/api/payment-codes/query")
    async def unsigned(request: Request) -> HTTPResponse:
        fields = json.loads(request.body)
        return json_response({"code": "0000", "order_id": fields["order_id"], "state": "PAID"})

    @app.post("/replaying/api/payment-codes/query")
    async def replaying(request: Request) -> HTTPResponse:
        # A genuine signed answer, but about another order: one recorded and played back.
        answer = {"code": "0000", "order_id": "pay_someone_else", "state": "CLOSED"}
        body = signed_call_body(answer, RsaSha256Signer(keys.platform))
        return raw_response(body, content_type="application/json")

    @app.post("/slow/api/payment-codes/query")
    async def slow(request: Request) -> HTTPResponse:
        await asyncio.sleep(3)
        return json_response({})

    server = await _serve(app, port)
    yield platform
    await server.before_stop()
    await server.close()
    await server.after_stop()


@pytest.fixture
async def platform(platform_server: Platform, clean: Resources) -> AsyncIterator[Platform]:
    platform_server.received.clear()
    platform_server.answers.clear()
    yield platform_server
    await platform_server.sandbox.settle()


@pytest.fixture
async def nontax(platform: Platform) -> AsyncIterator[NonTaxClient]:
    client = platform.client()
    yield client
    await client.aclose()


def an_order(order_id: str | None = None, total_fen: int = 3500) -> OrderToPay:
    return OrderToPay(
        order_id=order_id or f"pay_{secrets.token_hex(6)}",
        notice_number=f"FN{secrets.token_hex(6).upper()}",
        payee_code="350100001",
        region_code="350100",
        total_fen=total_fen,
        description="工本费",
        due_date=date(2027, 1, 31),
        lines=(FeeLine("F01", "工本费", 1500), FeeLine("F02", "登记费", total_fen - 1500)),
    )


def _our_signer(platform: Platform) -> RsaSha256Signer:
    return RsaSha256Signer(platform.keys.client)


async def _paid(platform: Platform, nontax: NonTaxClient, **pay: Any) -> OrderToPay:
    order = an_order()
    started = await nontax.start(order)
    await platform.sandbox.pay(platform.redis, payment_code=started.payment_code, **pay)
    await platform.sandbox.settle()
    return order


# --------------------------------------------------------------------------- payment codes


def test_a_payment_code_is_twenty_digits_with_the_province_prefix():
    assert is_payment_code("35" + "0" * 18, "35")
    assert not is_payment_code("36" + "0" * 18, "35")
    assert not is_payment_code("35" + "0" * 17, "35")
    assert not is_payment_code("35" + "0" * 19, "35")
    assert not is_payment_code("35" + "0" * 17 + "a", "35")
    assert not is_payment_code("35" + "０" * 18, "35")  # full-width digits are not ASCII


async def test_issuing_one_order_twice_gives_the_same_code(platform, nontax):
    order = an_order()
    first = await nontax.start(order)
    again = await nontax.start(order)
    assert first == again
    assert is_payment_code(first.payment_code, PREFIX)
    assert first.pay_url == f"{platform.url}/sandbox/nontax/cashier/{first.payment_code}"
    assert (await platform.sandbox.requests(platform.redis))[ISSUE_PATH] == 2


async def test_one_order_id_with_another_total_is_refused(nontax):
    order = an_order()
    await nontax.start(order)
    with pytest.raises(ChannelRefused) as refused:
        await nontax.start(an_order(order.order_id, total_fen=order.total_fen + 1))
    assert refused.value.code == "ORDER_CONFLICT"


async def test_a_code_of_the_wrong_shape_is_not_handed_on(platform):
    other_province = platform.client(prefix="11")  # a client configured for another province
    try:
        with pytest.raises(ChannelUnavailable):
            await other_province.start(an_order())
    finally:
        await other_province.aclose()


# ------------------------------------------------------------------------------- queries


async def test_query_reads_each_state(platform, nontax):
    assert (await nontax.query("pay_never_started")).state is RemoteState.UNKNOWN

    unpaid = an_order()
    await nontax.start(unpaid)
    assert (await nontax.query(unpaid.order_id)).state is RemoteState.UNPAID

    closed = an_order()
    await nontax.start(closed)
    await nontax.close(closed.order_id)
    assert (await nontax.query(closed.order_id)).state is RemoteState.CLOSED

    paid = await _paid(platform, nontax)
    remote = await nontax.query(paid.order_id)
    assert remote.state is RemoteState.PAID
    assert remote.paid_fen == paid.total_fen
    assert remote.channel_ref.startswith("PS")
    assert remote.paid_at is not None and remote.paid_at.utcoffset() is not None
    assert remote.payee_is_us


async def test_query_tells_a_wrong_payee_and_a_wrong_amount(platform, nontax):
    wrong_payee = await _paid(platform, nontax, payee_code="350100999")
    assert not (await nontax.query(wrong_payee.order_id)).payee_is_us
    one_fen_off = await _paid(platform, nontax, amount_fen=3499)
    remote = await nontax.query(one_fen_off.order_id)
    assert (remote.paid_fen, remote.payee_is_us) == (3499, True)


# ------------------------------------------------------------------------------- closing


async def test_closing_is_fine_for_closed_and_unknown_and_refused_once_paid(platform, nontax):
    order = an_order()
    await nontax.start(order)
    await nontax.close(order.order_id)
    await nontax.close(order.order_id)
    await nontax.close("pay_never_started")
    paid = await _paid(platform, nontax)
    with pytest.raises(ChannelRefused) as refused:
        await nontax.close(paid.order_id)
    assert refused.value.code == "ORDER_PAID"


# ------------------------------------------------------------------------------- refunds


async def test_one_refund_number_sent_twice_is_one_refund(platform, nontax):
    order = await _paid(platform, nontax)
    platform.received.clear()
    refund = RefundToSend(order.order_id, "RF-1", 1000, order.total_fen, "多缴")
    await nontax.refund(refund)
    await nontax.refund(refund)
    await platform.sandbox.settle()
    notices = [parse_notice(n) for n in platform.notices()]
    assert len(notices) == 1
    (notice,) = notices
    assert isinstance(notice, PlatformRefund)
    assert (notice.refund_no, notice.refund_fen, notice.succeeded) == ("RF-1", 1000, True)
    assert notice.order_id == order.order_id
    # What is left to refund is what the one refund left.
    with pytest.raises(ChannelRefused) as refused:
        await nontax.refund(RefundToSend(order.order_id, "RF-2", 2501, order.total_fen, "多缴"))
    assert refused.value.code == "REFUND_EXCEEDS"


async def test_a_refund_waits_for_its_outcome_when_told_to(platform, nontax):
    order = await _paid(platform, nontax)
    platform.received.clear()
    await platform.sandbox.set_refund_mode(platform.redis, auto=False)
    await nontax.refund(RefundToSend(order.order_id, "RF-9", 500, order.total_fen, "撤件"))
    await platform.sandbox.settle()
    assert platform.received == []
    await platform.sandbox.settle_refund(platform.redis, "RF-9", succeeded=False)
    await platform.sandbox.settle()
    (notice,) = [parse_notice(n) for n in platform.notices()]
    assert isinstance(notice, PlatformRefund) and not notice.succeeded


async def test_a_refund_of_an_unpaid_order_is_refused(nontax):
    order = an_order()
    await nontax.start(order)
    with pytest.raises(ChannelRefused) as refused:
        await nontax.refund(RefundToSend(order.order_id, "RF-3", 100, order.total_fen, "x"))
    assert refused.value.code == "ORDER_NOT_PAID"


# ------------------------------------------------------------------------------ receipts


async def test_a_receipt_asked_twice_is_the_same_and_reversed_twice_is_fine(platform, nontax):
    order = await _paid(platform, nontax)
    receipt = await nontax.issue_receipt(order.order_id, order.total_fen)
    assert await nontax.issue_receipt(order.order_id, order.total_fen) == receipt
    assert receipt.issued_at.utcoffset() is not None
    assert receipt.code and receipt.number and receipt.check_code and receipt.url
    await nontax.reverse_receipt(order.order_id, receipt, "全额退款")
    await nontax.reverse_receipt(order.order_id, receipt, "全额退款")


async def test_a_receipt_is_refused_before_payment_and_for_another_amount(platform, nontax):
    order = an_order()
    await nontax.start(order)
    with pytest.raises(ChannelRefused) as refused:
        await nontax.issue_receipt(order.order_id, order.total_fen)
    assert refused.value.code == "ORDER_NOT_PAID"
    paid = await _paid(platform, nontax)
    with pytest.raises(ChannelRefused) as refused:
        await nontax.issue_receipt(paid.order_id, paid.total_fen - 1)
    assert refused.value.code == "AMOUNT_MISMATCH"


# ----------------------------------------------------------------------------- statement

HEADER = [
    "订单号",
    "缴款码",
    "平台流水号",
    "执收单位编码",
    "缴款金额(分)",
    "退款金额(分)",
    "状态",
    "缴款时间",
]


async def test_the_statement_lists_the_day_s_payments_and_their_totals(platform, nontax):
    whole = await _paid(platform, nontax)
    part = await _paid(platform, nontax)
    full = await _paid(platform, nontax)
    await nontax.start(an_order())  # unpaid: not on the statement
    await nontax.refund(RefundToSend(part.order_id, "RF-P", 1000, part.total_fen, "部分"))
    await nontax.refund(RefundToSend(full.order_id, "RF-F", full.total_fen, full.total_fen, "全"))
    await platform.sandbox.settle()

    today = clock.local(clock.now()).date()
    text = (await nontax.statement(today)).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == HEADER
    by_order = {row[0]: row for row in rows[1:-1]}
    assert set(by_order) == {whole.order_id, part.order_id, full.order_id}
    assert [by_order[o.order_id][4:7] for o in (whole, part, full)] == [
        ["3500", "0", "已缴款"],
        ["3500", "1000", "部分退款"],
        ["3500", "3500", "已退款"],
    ]
    for row in rows[1:-1]:
        assert is_payment_code(row[1], PREFIX) and row[2].startswith("PS")
        assert row[3] == "350100001"
        assert len(row[7]) == 19 and row[7].startswith(today.isoformat())
    assert rows[-1] == ["合计", "3", "10500", "4500", "", "", "", ""]
    assert text.endswith("\n")


async def test_a_day_without_payments_has_a_statement_of_nothing(platform, nontax):
    await _paid(platform, nontax)
    yesterday = clock.local(clock.now()).date() - timedelta(days=1)
    rows = list(csv.reader(io.StringIO((await nontax.statement(yesterday)).decode())))
    assert rows == [HEADER, ["合计", "0", "0", "0", "", "", "", ""]]


# ------------------------------------------------------------------- answers not trusted


async def test_an_answer_signed_by_another_key_is_no_answer(platform):
    fooled = platform.client(verifier_key=platform.keys.stranger)
    try:
        with pytest.raises(ChannelUnavailable):
            await fooled.query("pay_any")
    finally:
        await fooled.aclose()


async def test_an_unsigned_answer_is_no_answer(platform):
    fooled = platform.client(base=f"{platform.url}/unsigned")
    try:
        with pytest.raises(ChannelUnavailable):
            await fooled.query("pay_any")
    finally:
        await fooled.aclose()


async def test_a_signed_answer_about_another_order_is_no_answer(platform):
    fooled = platform.client(base=f"{platform.url}/replaying")
    try:
        with pytest.raises(ChannelUnavailable):
            await fooled.query("pay_mine")
    finally:
        await fooled.aclose()


async def test_a_platform_that_is_down_is_unavailable_within_the_timeout(platform):
    down = platform.client(base=f"http://127.0.0.1:{free_port()}", timeout=1.0)
    started = time.monotonic()
    try:
        with pytest.raises(ChannelUnavailable):
            await down.query("pay_any")
    finally:
        await down.aclose()
    assert time.monotonic() - started < 1.5


async def test_a_platform_that_answers_too_late_is_unavailable_within_the_timeout(platform):
    slow = platform.client(base=f"{platform.url}/slow", timeout=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(ChannelUnavailable):
            await slow.query("pay_any")
    finally:
        await slow.aclose()
    assert time.monotonic() - started < 1.0


async def test_a_5xx_is_retried_and_the_keyed_call_acts_once(platform, nontax):
    await platform.sandbox.fail_next(platform.redis, ISSUE_PATH, 2)
    order = an_order()
    started = await nontax.start(order)
    assert (await platform.sandbox.requests(platform.redis))[ISSUE_PATH] == 3
    assert await nontax.start(order) == started

    await platform.sandbox.fail_next(platform.redis, QUERY_PATH, 3)
    with pytest.raises(ChannelUnavailable):
        await nontax.query(order.order_id)


# ------------------------------------------------------------------- calls not trusted


async def test_a_call_signed_with_the_wrong_key_is_refused_and_not_retried(platform):
    forger = platform.client(signer_key=platform.keys.stranger)
    try:
        with pytest.raises(NonTaxAuthRejected) as rejected:
            await forger.refund(RefundToSend("pay_x", "RF-X", 1, 1, "x"))
    finally:
        await forger.aclose()
    assert rejected.value.code == "SIGN_INVALID"
    assert isinstance(rejected.value, ChannelUnavailable)  # what callers catch
    assert (await platform.sandbox.requests(platform.redis))[REFUND_PATH] == 1


async def test_an_unsigned_or_replayed_call_is_refused(platform):
    url = f"{platform.url}/sandbox/nontax{QUERY_PATH}"
    async with httpx.AsyncClient(timeout=5) as http:
        unsigned = {"app_id": APP_ID, "order_id": "pay_x", "timestamp": str(int(time.time()))}
        answer = await http.post(url, json={**unsigned, "nonce": "n1"})
        assert answer.status_code == 400  # no sign at all: malformed
        verified = verify_notice(answer.content, platform.keys.platform_verifier, time.time())
        assert verified.fields["code"] == "PARAM_INVALID"

        # One body signed with our key, sent twice.
        body = signed_call_body({"app_id": APP_ID, "order_id": "pay_x"}, _our_signer(platform))
        assert (await http.post(url, content=body)).status_code == 200
        replayed = await http.post(url, content=body)
        assert replayed.status_code == 401
        assert json.loads(replayed.content)["code"] == "NONCE_REUSED"


# ------------------------------------------------------------------------------- notices


async def test_a_payment_s_notice_verifies_and_parses(platform, nontax):
    order = an_order()
    started = await nontax.start(order)
    await platform.sandbox.pay(platform.redis, payment_code=started.payment_code)
    await platform.sandbox.settle()
    (signed,) = platform.notices()
    notice = parse_notice(signed)
    assert isinstance(notice, PlatformPayment)
    assert notice.order_id == order.order_id
    assert notice.payment_code == started.payment_code
    assert (notice.paid_fen, notice.payee_code) == (order.total_fen, order.payee_code)
    assert notice.paid_at.utcoffset() is not None
    remote = await nontax.query(order.order_id)
    assert (remote.channel_ref, remote.paid_at) == (notice.platform_serial, notice.paid_at)


async def test_a_notice_is_retried_until_we_answer_success_each_time_signed_afresh(platform):
    nontax = platform.client()
    try:
        platform.answers.extend([{"code": "FAIL"}, {"code": "BUSY"}])
        await _paid(platform, nontax)
    finally:
        await nontax.aclose()
    signed = platform.notices()
    assert len(signed) == 3
    assert len({n.fields["notify_id"] for n in signed}) == 1
    assert len({n.nonce for n in signed}) == 3
    deliveries = await platform.sandbox.deliveries(platform.redis)
    assert [d.succeeded for d in deliveries] == [False, False, True]
    assert (await platform.sandbox.last_notice_body(platform.redis)) == platform.received[-1]


async def test_a_redelivered_notice_is_a_duplicate_and_an_undelivered_payment_sends_none(
    platform, nontax
):
    quiet = await _paid(platform, nontax, deliver=False)
    assert platform.received == []
    assert (await nontax.query(quiet.order_id)).state is RemoteState.PAID

    await _paid(platform, nontax)
    await platform.sandbox.redeliver(platform.redis)
    await platform.sandbox.settle()
    first, again = platform.notices()
    assert _unsigned(first) == _unsigned(again)  # the same notice, notify_id and all
    assert first.nonce != again.nonce


def _unsigned(notice: SignedNotice) -> dict[str, Any]:
    return {k: v for k, v in notice.fields.items() if k not in ("timestamp", "nonce")}


async def test_the_cashier_page_shows_the_amount_and_pays(platform, nontax):
    order = an_order()
    started = await nontax.start(order)
    async with httpx.AsyncClient(timeout=5) as http:
        page = await http.get(started.pay_url)
        assert page.status_code == 200 and "¥35.00" in page.text and "支付" in page.text
        paid = await http.post(started.pay_url)
        assert paid.status_code == 200 and "缴款成功" in paid.text
        again = await http.post(started.pay_url)
        assert again.status_code == 409
        last = await http.get(f"{platform.url}/sandbox/nontax/control/notices/last")
    await platform.sandbox.settle()
    assert (await nontax.query(order.order_id)).state is RemoteState.PAID
    assert last.status_code in (200, 404)  # the delivery may still be on its way


async def test_the_pay_control_takes_overrides_over_http(platform, nontax):
    order = an_order()
    started = await nontax.start(order)
    async with httpx.AsyncClient(base_url=f"{platform.url}/sandbox/nontax", timeout=5) as http:
        answer = await http.post(
            "/control/pay",
            json={"payment_code": started.payment_code, "amount_fen": 3499, "deliver": False},
        )
        assert answer.status_code == 200 and answer.json()["paid_fen"] == 3499
        assert (await http.post("/control/redeliver", json={})).status_code == 200
        await platform.sandbox.settle()
        last = await http.get("/control/notices/last")
    assert last.status_code == 200
    notice = parse_notice(verify_notice(last.content, platform.keys.platform_verifier, time.time()))
    assert isinstance(notice, PlatformPayment) and notice.paid_fen == 3499


# ----------------------------------------------------------------- reading a notice, pure

PAID_FIELDS: dict[str, str | int | None] = {
    "notify_id": "NT0001",
    "notify_type": "PAID",
    "order_id": "pay_abc",
    "payment_code": "35261207000000000001",
    "payee_code": "350100001",
    "platform_serial": "PS2026120700001",
    "paid_fen": 3500,
    "paid_at": "2026-12-07T10:00:00+08:00",
}


def _notice(**changes: str | int | None) -> SignedNotice:
    return SignedNotice(fields={**PAID_FIELDS, **changes}, timestamp=0, nonce="n")


def test_a_paid_notice_parses_to_its_typed_fields():
    notice = parse_notice(_notice())
    assert isinstance(notice, PlatformPayment)
    assert (notice.paid_fen, notice.paid_at.isoformat()) == (3500, "2026-12-07T10:00:00+08:00")


@pytest.mark.parametrize(
    "changes",
    [
        {"paid_fen": -1},
        {"paid_fen": "3500"},
        {"paid_fen": None},
        {"paid_at": "2026-12-07T10:00:00"},
        {"paid_at": "yesterday"},
        {"notify_id": "N" * 65},
        {"order_id": ""},
        {"payment_code": "3526120700000000000"},
        {"payment_code": "3526120700000000000x"},
        {"notify_type": "PAYED"},
        {"notify_type": "REFUND"},  # a refund notice without its refund fields
    ],
)
def test_a_malformed_notice_is_refused(changes):
    with pytest.raises(NonTaxRefused) as refused:
        parse_notice(_notice(**changes))
    assert refused.value.reason is Refusal.MALFORMED


def test_a_refund_notice_needs_a_known_status():
    refund: dict[str, str | int | None] = {
        "notify_type": "REFUND",
        "refund_no": "RF-1",
        "refund_serial": "RF0001",
        "refund_fen": 100,
    }
    failed = parse_notice(_notice(**refund, refund_status="FAILED"))
    assert isinstance(failed, PlatformRefund) and not failed.succeeded
    with pytest.raises(NonTaxRefused):
        parse_notice(_notice(**refund, refund_status="PROCESSING"))


# ------------------------------------------------------------------ built from the settings


async def test_the_settings_client_speaks_to_the_settings_sandbox(server, clean):
    """The app's own sandbox (registered with the others) and the client built from the same
    settings agree on both keys: our calls verify there, its answers verify here."""
    sandboxes = server.app.ctx.sandboxes
    assert sandboxes is not None
    nontax = client_from_settings(server.app.ctx.settings)
    try:
        order = an_order()
        started = await nontax.start(order)
        assert is_payment_code(started.payment_code, "35")
        assert started.pay_url.startswith(f"{server.url}/sandbox/nontax/cashier/")
        await sandboxes.nontax.pay(clean.redis, order_id=order.order_id, deliver=False)
        assert (await nontax.query(order.order_id)).state is RemoteState.PAID
    finally:
        await nontax.aclose()
