"""WeChat Pay API v3's client against its sandbox, over real loopback HTTP.

The sandbox is served by a small Sanic app of its own (its blueprint, and a stand-in for our
callback route that records what it was sent), on the suite's Redis, with the dev keys of the
suite's settings: the code that would run in production is the code under test. The last tests
run the client of the suite's own app against that app's sandbox, to its real callback route.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from redis.asyncio import Redis
from sanic import Request, Sanic
from sanic.response import HTTPResponse, empty
from sanic.server.async_server import AsyncioServer

from api.kit import clock
from api.kit.ids import new_public_id
from api.kit.settings import Settings
from api.lifecycle import Resources
from auth.models import Person
from payments.callbacks import SANDBOX_KEY_ID, sandbox_public_pem
from payments.gateways.channel import (
    ChannelRefused,
    ChannelUnavailable,
    FeeLine,
    OrderToPay,
    RefundToSend,
    RemoteState,
)
from payments.gateways.wechatpay import (
    PlatformKeys,
    decrypt_resource,
    parse_refund,
    parse_transaction,
    resource_of,
    verify_notification,
)
from payments.gateways.wechatpay_client import (
    CALLBACK_PATH,
    SANDBOX_PREFIX,
    WeChatPayClient,
    client_from_settings,
    merchant_key,
    pay_sign_message,
)
from payments.gateways.wechatpay_sandbox import (
    BILL_HEADER,
    BILL_SUMMARY_HEADER,
    WeChatPayApiSandbox,
    sandbox_blueprint,
)
from payments.models import Channel, OrderStatus, PaymentOrder
from payments.service import FeeItemIn, FeeNoticeIn, Payments
from tests.conftest import LiveServer, free_port

QUICK_BACKOFF = (0.05, 0.1)
QUICK_DELIVERIES = (0.0, 0.05, 0.1)
OPENID = "o-test-payer-openid-0001"
_apps = itertools.count()
_orders = itertools.count(1)


@dataclass
class PaySite:
    """The sandbox on a loopback port, and what its notifications reached our stand-in with."""

    sandbox: WeChatPayApiSandbox
    url: str
    redis: Redis
    settings: Settings
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    failing_answers: list[int] = field(default_factory=list)  # the stand-in's next answers

    def client(self, base_url: str | None = None, **options: Any) -> WeChatPayClient:
        settings = self.settings
        chosen: dict[str, Any] = {
            "mchid": settings.wechatpay_mchid,
            "appid": settings.wechat_mp_appid,
            "merchant_serial": settings.wechatpay_merchant_serial,
            "merchant_key": merchant_key(settings),
            "platform_keys": PlatformKeys.from_pems({SANDBOX_KEY_ID: sandbox_public_pem(settings)}),
            "notify_url": self.url + CALLBACK_PATH,
            "timeout": 5.0,
            "backoff": QUICK_BACKOFF,
        }
        chosen.update(options)
        return WeChatPayClient(base_url or self.url + SANDBOX_PREFIX, **chosen)

    async def control(self, method: str, path: str, body: object = None) -> httpx.Response:
        async with httpx.AsyncClient(base_url=self.url + SANDBOX_PREFIX, timeout=5) as http:
            return await http.request(method, "/control" + path, json=body)


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
async def pay_site_server(resources: Resources, settings: Settings) -> AsyncIterator[PaySite]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    platform_key = serialization.load_pem_private_key(
        settings.secret("wechatpay_sandbox_platform_key"), password=None
    )
    assert isinstance(platform_key, rsa.RSAPrivateKey)
    sandbox = WeChatPayApiSandbox(
        mchid=settings.wechatpay_mchid,
        appid=settings.wechat_mp_appid,
        merchant_serial=settings.wechatpay_merchant_serial,
        merchant_public_key=merchant_key(settings).public_key(),
        platform_key=platform_key,
        api_v3_key=settings.secret("wechatpay_api_v3_key"),
        base_url=url + SANDBOX_PREFIX,
        delivery_delays=QUICK_DELIVERIES,
        refund_seconds=0.0,
    )
    site = PaySite(sandbox, url, resources.redis, settings)
    app: Sanic[Any, Any] = Sanic(f"wechatpay_sandbox_test_{next(_apps)}")
    app.config.TOUCHUP = False  # TouchUp rewrites Sanic's classes once per process
    app.ctx.redis = resources.redis
    app.blueprint(sandbox_blueprint(sandbox))

    @app.post(CALLBACK_PATH)
    async def callback(request: Request) -> HTTPResponse:
        site.received.append(({k.lower(): v for k, v in request.headers.items()}, request.body))
        return empty(status=site.failing_answers.pop(0) if site.failing_answers else 204)

    server = await _serve(app, port)
    yield site
    await server.before_stop()
    await server.close()
    await server.after_stop()


@pytest.fixture
async def site(pay_site_server: PaySite, clean: Resources) -> AsyncIterator[PaySite]:
    pay_site_server.received.clear()
    pay_site_server.failing_answers.clear()
    yield pay_site_server
    await pay_site_server.sandbox.settle()


@pytest.fixture
async def wxpay(site: PaySite) -> AsyncIterator[WeChatPayClient]:
    client = site.client()
    yield client
    await client.aclose()


def an_order(total_fen: int = 2_500, order_id: str | None = None) -> OrderToPay:
    return OrderToPay(
        order_id=order_id or f"pay_test{next(_orders):06d}{int(time.time() * 1000) % 10**8}",
        notice_number="N0001",
        payee_code="110101001",
        region_code="110101",
        total_fen=total_fen,
        description="工本费",
        due_date=date.today() + timedelta(days=10),
        lines=(FeeLine("0101", "工本费", total_fen),),
    )


def opened(site: PaySite, body: bytes) -> dict[str, Any]:
    return decrypt_resource(resource_of(body), site.settings.secret("wechatpay_api_v3_key"))


# ------------------------------------------------------------------------------ prepay


async def test_prepaying_an_order_twice_gives_the_same_prepay_id(wxpay):
    order = an_order()
    first = await wxpay.prepay(order, OPENID)
    again = await wxpay.prepay(order, OPENID)
    assert first.package.startswith("prepay_id=wx")
    assert again.package == first.package
    assert again.nonce_str != first.nonce_str  # each one freshly signed


async def test_the_request_payment_is_signed_as_wx_request_payment_wants(site, wxpay):
    payment = await wxpay.prepay(an_order(), OPENID)
    wx = payment.as_wx()
    assert set(wx) == {"appId", "timeStamp", "nonceStr", "package", "signType", "paySign"}
    assert wx["appId"] == site.settings.wechat_mp_appid
    assert wx["timeStamp"].isdigit() and abs(int(wx["timeStamp"]) - time.time()) < 5
    assert wx["signType"] == "RSA" and len(wx["nonceStr"]) == 32
    message = pay_sign_message(wx["appId"], wx["timeStamp"], wx["nonceStr"], wx["package"])
    merchant_public = merchant_key(site.settings).public_key()
    merchant_public.verify(  # raises InvalidSignature if not
        base64.b64decode(wx["paySign"]), message, padding.PKCS1v15(), hashes.SHA256()
    )


async def test_the_prepay_carries_what_wechat_pay_asks(site, wxpay):
    order = an_order(1_234)
    await wxpay.prepay(order, OPENID)
    stored = await site.sandbox.state(site.redis).get("order", order.order_id)
    assert stored is not None
    assert stored["total"] == 1_234 and stored["description"] == "工本费"
    assert stored["notify_url"] == site.url + CALLBACK_PATH
    assert stored["time_expire"] == f"{order.due_date.isoformat()}T23:59:59+08:00"
    assert OPENID not in json.dumps(stored)  # the sandbox keeps only a digest of the payer


async def test_an_order_prepaid_again_with_another_amount_is_refused(wxpay):
    order = an_order(2_500)
    await wxpay.prepay(order, OPENID)
    with pytest.raises(ChannelRefused) as refused:
        await wxpay.prepay(an_order(2_600, order_id=order.order_id), OPENID)
    assert refused.value.code == "OUT_TRADE_NO_USED"


# ------------------------------------------------------------------------------- query


async def test_query_follows_the_order_through_every_state(site, wxpay):
    order = an_order()
    assert (await wxpay.query(order.order_id)).state is RemoteState.UNKNOWN
    await wxpay.prepay(order, OPENID)
    assert (await wxpay.query(order.order_id)).state is RemoteState.UNPAID

    paid = await site.control("POST", "/pay", {"out_trade_no": order.order_id, "deliver": False})
    assert paid.status_code == 200, paid.text
    remote = await wxpay.query(order.order_id)
    assert remote.state is RemoteState.PAID and remote.paid_fen == order.total_fen
    assert remote.channel_ref == paid.json()["transaction_id"] and remote.payee_is_us
    assert remote.paid_at is not None and abs(remote.paid_at - clock.now()).total_seconds() < 5
    assert site.received == []  # deliver: false

    await wxpay.refund(RefundToSend(order.order_id, "rf_q1", 500, order.total_fen, "退费"))
    assert (await wxpay.query(order.order_id)).state is RemoteState.PAID  # REFUND is still paid

    closing = an_order()
    await wxpay.prepay(closing, OPENID)
    await wxpay.close(closing.order_id)
    assert (await wxpay.query(closing.order_id)).state is RemoteState.CLOSED


async def test_a_payment_to_another_merchant_or_of_another_amount_reads_as_such(site, wxpay):
    order = an_order(2_500)
    await wxpay.prepay(order, OPENID)
    body = {"out_trade_no": order.order_id, "amount": 2_400, "mchid": "1900000999"}
    assert (await site.control("POST", "/pay", body)).status_code == 200
    remote = await wxpay.query(order.order_id)
    assert remote.state is RemoteState.PAID
    assert remote.paid_fen == 2_400 and not remote.payee_is_us


# ------------------------------------------------------------------------------- close


async def test_close_refuses_a_paid_order_and_takes_closed_or_unknown_ones(site, wxpay):
    await wxpay.close(an_order().order_id)  # never started: nothing to close, no error
    order = an_order()
    await wxpay.prepay(order, OPENID)
    await wxpay.close(order.order_id)
    await wxpay.close(order.order_id)  # closed again
    with pytest.raises(ChannelRefused) as refused:
        await wxpay.prepay(order, OPENID)
    assert refused.value.code == "ORDER_CLOSED"

    paid = an_order()
    await wxpay.prepay(paid, OPENID)
    await site.control("POST", "/pay", {"out_trade_no": paid.order_id, "deliver": False})
    with pytest.raises(ChannelRefused) as refused:
        await wxpay.close(paid.order_id)
    assert refused.value.code == "ORDER_PAID"


# ------------------------------------------------------------------------ notifications


async def test_a_payment_is_notified_signed_and_sealed_to_the_notify_url(site, wxpay):
    order = an_order()
    await wxpay.prepay(order, OPENID)
    answer = await site.control("POST", "/pay", {"out_trade_no": order.order_id})
    await site.sandbox.settle()
    assert len(site.received) == 1
    headers, body = site.received[0]
    keys = PlatformKeys.from_pems({SANDBOX_KEY_ID: sandbox_public_pem(site.settings)})
    verify_notification(headers, body, keys, time.time())
    assert json.loads(body)["event_type"] == "TRANSACTION.SUCCESS"
    notice = parse_transaction(opened(site, body))
    assert notice.out_trade_no == order.order_id and notice.total_fen == order.total_fen
    assert notice.transaction_id == answer.json()["transaction_id"]
    assert notice.mchid == site.settings.wechatpay_mchid

    last = (await site.control("GET", "/notifications/last")).json()
    assert last["id"] == json.loads(body)["id"] and last["event_type"] == "TRANSACTION.SUCCESS"


async def test_a_notification_is_sent_again_until_answered_2xx_and_on_redeliver(site, wxpay):
    order = an_order()
    await wxpay.prepay(order, OPENID)
    site.failing_answers.extend([500, 401])
    await site.control("POST", "/pay", {"out_trade_no": order.order_id})
    await site.sandbox.settle()
    assert [d["status"] for d in await site.sandbox.deliveries(site.redis)] == [500, 401, 204]

    again = await site.control("POST", "/redeliver", {})
    await site.sandbox.settle()
    ids = {json.loads(body)["id"] for _, body in site.received}
    assert ids == {again.json()["id"]} and len(site.received) == 4
    nonces = {headers["wechatpay-nonce"] for headers, _ in site.received}
    assert len(nonces) == 4  # each delivery freshly signed


# ------------------------------------------------------------------------------ refunds


async def paid_order(site: PaySite, wxpay: WeChatPayClient, total: int = 2_500) -> OrderToPay:
    order = an_order(total)
    await wxpay.prepay(order, OPENID)
    await site.control("POST", "/pay", {"out_trade_no": order.order_id, "deliver": False})
    return order


async def test_the_same_refund_number_twice_is_one_refund(site, wxpay):
    order = await paid_order(site, wxpay)
    refund = RefundToSend(order.order_id, "rf_twice", 1_000, order.total_fen, "多缴退费")
    await wxpay.refund(refund)
    await wxpay.refund(refund)
    await site.sandbox.settle()
    assert (await site.sandbox.calls(site.redis))["refund"] == 2
    stored = await site.sandbox.state(site.redis).get("order", order.order_id)
    assert stored is not None and stored["refunded"] == 1_000
    assert len(site.received) == 1
    notice = parse_refund(opened(site, site.received[0][1]))
    assert (notice.out_refund_no, notice.refund_status, notice.refund_fen) == (
        "rf_twice",
        "SUCCESS",
        1_000,
    )

    with pytest.raises(ChannelRefused) as refused:  # more than is left
        await wxpay.refund(RefundToSend(order.order_id, "rf_more", 1_600, order.total_fen, "x"))
    assert refused.value.code == "INVALID_REQUEST"


async def test_a_refund_can_be_made_abnormal_or_held(site, wxpay):
    order = await paid_order(site, wxpay)
    await site.control("POST", "/refunds/next", {"outcome": "ABNORMAL"})
    await wxpay.refund(RefundToSend(order.order_id, "rf_abn", 100, order.total_fen, "x"))
    await site.control("POST", "/refunds/next", {"outcome": "HOLD"})
    await wxpay.refund(RefundToSend(order.order_id, "rf_held", 200, order.total_fen, "x"))
    await site.sandbox.settle()
    events = [json.loads(body)["event_type"] for _, body in site.received]
    assert events == ["REFUND.ABNORMAL"]

    finished = await site.control("POST", "/refunds/rf_held/finish", {"status": "SUCCESS"})
    assert finished.status_code == 200
    await site.sandbox.settle()
    assert [json.loads(body)["event_type"] for _, body in site.received][-1] == "REFUND.SUCCESS"


# --------------------------------------------------------------------------------- bill


async def test_the_trade_bill_is_downloaded_checked_and_in_wechat_pays_format(site, wxpay):
    order = await paid_order(site, wxpay, 2_500)
    await wxpay.refund(RefundToSend(order.order_id, "rf_bill", 1_001, order.total_fen, "退费"))
    await site.sandbox.settle()
    today = clock.local(clock.now()).date()
    content = await wxpay.statement(today)
    lines = content.decode("utf-8").split("\r\n")
    assert lines[0] == BILL_HEADER and lines[-1] == ""
    assert lines[3] == BILL_SUMMARY_HEADER
    paid_row, refund_row = (line.split(",") for line in lines[1:3])
    assert all(value.startswith("`") for value in paid_row + refund_row)
    header = BILL_HEADER.split(",")
    paid = dict(zip(header, (v[1:] for v in paid_row), strict=True))
    refunded = dict(zip(header, (v[1:] for v in refund_row), strict=True))
    assert paid["商户订单号"] == order.order_id and paid["交易状态"] == "SUCCESS"
    assert paid["应结订单金额"] == "25.00" and paid["订单金额"] == "25.00"
    assert paid["交易时间"].startswith(today.isoformat())
    assert refunded["交易状态"] == "REFUND" and refunded["商户退款单号"] == "rf_bill"
    assert refunded["退款金额"] == "10.01" and refunded["申请退款金额"] == "10.01"
    assert lines[4].split(",") == ["`2", "`25.00", "`10.01", "`0.00", "`0.09", "`25.00", "`10.01"]

    with pytest.raises(ChannelRefused) as refused:
        await wxpay.statement(today - timedelta(days=400))
    assert refused.value.code == "NO_STATEMENT_EXIST"


async def test_a_bill_that_does_not_match_its_hash_is_not_taken(site, wxpay):
    await paid_order(site, wxpay)

    class Tampering(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await super().handle_async_request(request)
            if "billdownload" not in request.url.path:
                return response
            await response.aread()
            return httpx.Response(200, content=response.content.replace(b"25.00", b"2500.00"))

    tampered = site.client(transport=Tampering())
    try:
        with pytest.raises(ChannelUnavailable, match="SHA1"):
            await tampered.statement(clock.local(clock.now()).date())
    finally:
        await tampered.aclose()


# ---------------------------------------------------------------------------- failures


async def test_an_answer_signed_by_another_key_is_no_answer(site):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = stranger.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    client = site.client(platform_keys=PlatformKeys.from_pems({SANDBOX_KEY_ID: pem}))
    try:
        with pytest.raises(ChannelUnavailable, match="signature"):
            await client.prepay(an_order(), OPENID)
        with pytest.raises(ChannelUnavailable):
            await client.query(an_order().order_id)  # a 404 that does not verify is not UNKNOWN
    finally:
        await client.aclose()


async def test_the_sandbox_refuses_a_call_with_a_bad_authorization(site):
    async with httpx.AsyncClient(base_url=site.url + SANDBOX_PREFIX, timeout=5) as http:
        url = f"/v3/pay/transactions/out-trade-no/pay_x?mchid={site.settings.wechatpay_mchid}"
        for authorization in (
            "",
            "WECHATPAY2-SHA256-RSA2048 garbage",
            'WECHATPAY2-SHA256-RSA2048 mchid="x",nonce_str="n",signature="c2ln",'
            'timestamp="1",serial_no="s"',
        ):
            answer = await http.get(url, headers={"Authorization": authorization})
            assert answer.status_code == 401
            assert answer.json()["code"] == "SIGN_ERROR"

    impostor = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    client = site.client(merchant_key=impostor)
    try:
        with pytest.raises(ChannelUnavailable, match="401"):
            await client.query("pay_x")
    finally:
        await client.aclose()
    assert (await site.sandbox.calls(site.redis))["query"] == 4  # a 401 is not retried


async def test_a_system_error_is_retried_and_gives_up_after_three(site, wxpay):
    order = an_order()
    await site.sandbox.fail_next(site.redis, "prepay", 2)
    await wxpay.prepay(order, OPENID)
    assert (await site.sandbox.calls(site.redis))["prepay"] == 3
    await site.sandbox.fail_next(site.redis, "query", 3)
    with pytest.raises(ChannelUnavailable):
        await wxpay.query(order.order_id)
    assert (await site.sandbox.calls(site.redis))["query"] == 3


@pytest.fixture
async def silent_server() -> AsyncIterator[str]:
    """A server that takes connections and never answers."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    for writer in held:
        writer.close()
    server.close()
    await server.wait_closed()


@pytest.mark.parametrize("call", ["prepay", "query", "statement"])
async def test_wechat_pay_that_never_answers_is_unavailable_within_the_timeout(
    pay_site_server, silent_server, call
):
    client = pay_site_server.client(base_url=silent_server, timeout=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(ChannelUnavailable):
            if call == "prepay":
                await client.prepay(an_order(), OPENID)
            elif call == "query":
                await client.query("pay_x")
            else:
                await client.statement(date.today())
    finally:
        await client.aclose()
    assert time.monotonic() - started < 0.9


async def test_wechat_pay_that_is_down_is_unavailable(pay_site_server):
    client = pay_site_server.client(base_url=f"http://127.0.0.1:{free_port()}", timeout=2)
    try:
        with pytest.raises(ChannelUnavailable):
            await client.close("pay_x")
    finally:
        await client.aclose()


# ------------------------------------------------- the app's own client, sandbox and route


async def test_the_apps_client_pays_an_order_through_the_apps_sandbox_and_callback(
    server: LiveServer, clean: Resources
):
    payments = Payments()
    person = await Person.create(public_id=new_public_id("per"), level=2)
    notice = FeeNoticeIn(
        notice_number=f"WX{next(_orders):08d}",
        payee_code="110101001",
        region_code="110101",
        total_fen=3_000,
        due_date=date.today() + timedelta(days=10),
        items=(FeeItemIn(code="0101", name="工本费", amount_fen=3_000),),
    )
    order = await payments.order_for_fee_notice(notice, person.id, "app_x")
    await payments.move(order, OrderStatus.PAYING, source="citizen", channel=Channel.WECHAT)
    client = client_from_settings(server.app.ctx.settings)
    sandboxes = server.app.ctx.sandboxes
    assert sandboxes is not None
    sandbox = sandboxes.wechatpay
    try:
        to_pay = an_order(3_000, order_id=order.public_id)
        payment = await client.prepay(to_pay, OPENID)
        assert payment.package.startswith("prepay_id=")
        await sandbox.pay(server.app.ctx.redis, order.public_id)
        await sandbox.settle()
        assert (await PaymentOrder.get(id=order.id)).status is OrderStatus.PAID
        assert [d["status"] for d in await sandbox.deliveries(server.app.ctx.redis)] == [204]
        assert (await client.query(order.public_id)).state is RemoteState.PAID
    finally:
        await client.aclose()


def test_the_bill_headers_are_wechat_pays() -> None:
    assert len(BILL_HEADER.split(",")) == 27
    assert BILL_HEADER.startswith("交易时间,公众账号ID,商户号") and BILL_HEADER.endswith("费率备注")
    assert len(BILL_SUMMARY_HEADER.split(",")) == 7


async def test_an_order_past_its_due_date_is_neither_prepaid_nor_paid(site, wxpay):
    late = replace(an_order(), due_date=date.today() - timedelta(days=2))
    with pytest.raises(ChannelRefused) as refused:
        await wxpay.prepay(late, OPENID)
    assert refused.value.code == "PARAM_ERROR"


def test_a_live_client_is_not_built_without_our_notify_url(settings: Settings) -> None:
    live = settings.model_copy(update={"wechatpay_base_url": "https://api.mch.weixin.qq.com"})
    with pytest.raises(ValueError, match="wechatpay_notify_url"):
        client_from_settings(live)
