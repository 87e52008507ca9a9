"""WeChat Pay's payment and refund callbacks, end to end over loopback HTTP: the sandbox signs
with its platform key and seals with our APIv3 key, the route verifies, records each
notification once and applies it by the transition table, and answers as WeChat Pay reads."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from api.context import YiwangApp
from api.kit import clock
from api.kit.callbacks import CallbackAuthenticator
from api.kit.ids import new_public_id
from api.kit.models import CallbackRecord
from api.kit.policy import PolicyKind
from api.plumbing import register_authenticator
from auth.models import Person
from payments.callbacks import wechatpay_verifier
from payments.models import Channel, OrderStatus, PaymentEvent, PaymentOrder, PaymentOrphan
from payments.sandbox import WeChatPaySandbox, sandbox_from_settings
from payments.service import FeeItemIn, FeeNoticeIn, Payments
from tests.conftest import LiveServer

S = OrderStatus
TOTAL = 2_500
payments = Payments()
_numbers = itertools.count(1)
VECTOR = json.loads(
    (Path(__file__).parent.parent / "vectors" / "wechatpay_v3_notify.json").read_text()
)


@pytest.fixture
def sandbox(server: LiveServer) -> WeChatPaySandbox:
    return sandbox_from_settings(server.app.ctx.settings, server.url)


async def an_order(*, paying: bool = True) -> PaymentOrder:
    person = await Person.create(public_id=new_public_id("per"), level=2)
    notice = FeeNoticeIn(
        notice_number=f"W{next(_numbers):08d}",
        payee_code="110101001",
        region_code="110101",
        total_fen=TOTAL,
        due_date=date(2026, 12, 31),
        items=(FeeItemIn(code="0101", name="工本费", amount_fen=TOTAL),),
    )
    order = await payments.order_for_fee_notice(notice, person.id, "app_x")
    if paying:
        await payments.move(order, S.PAYING, source="citizen", channel=Channel.WECHAT)
    return order


async def reloaded(order: PaymentOrder) -> PaymentOrder:
    return await PaymentOrder.get(id=order.id)


def assert_success(answer: httpx.Response) -> None:
    assert answer.status_code == 204, answer.text
    assert answer.content == b""


def assert_failure(answer: httpx.Response, status: int = 401) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert body["code"] == "FAIL" and body["message"]


async def stored() -> tuple[int, int, int]:
    return (
        await PaymentEvent.all().count(),
        await CallbackRecord.all().count(),
        await PaymentOrphan.all().count(),
    )


# ------------------------------------------------------------------------------- payments


async def test_a_paid_callback_pays_the_order(clean, sandbox: WeChatPaySandbox) -> None:
    order = await an_order()
    paid_at = clock.now().replace(microsecond=0) - timedelta(seconds=30)
    assert_success(
        await sandbox.deliver(sandbox.paid(order.public_id, TOTAL, success_time=paid_at))
    )
    paid = await reloaded(order)
    assert paid.status is S.PAID and paid.paid_fen == TOTAL
    assert paid.channel is Channel.WECHAT and paid.paid_at == paid_at
    assert await CallbackRecord.filter(source="wechatpay").count() == 1


async def test_an_order_not_yet_paying_is_paid_through_wechat(
    clean, sandbox: WeChatPaySandbox
) -> None:
    order = await an_order(paying=False)
    assert_success(await sandbox.deliver(sandbox.paid(order.public_id, TOTAL)))
    paid = await reloaded(order)
    assert paid.status is S.PAID and paid.channel is Channel.WECHAT
    steps = await PaymentEvent.filter(order_id=order.id).order_by("id")
    assert [(s.from_status, s.to_status) for s in steps][1:] == [
        ("created", "paying"),
        ("paying", "paid"),
    ]


async def test_forgeries_and_probes_are_refused_in_wechats_format_and_change_nothing(
    clean, sandbox: WeChatPaySandbox
) -> None:
    order = await an_order()
    body = sandbox.paid(order.public_id, TOTAL)
    good = sandbox.signed(body)
    before = await stored()
    refused = [
        {**good, "Wechatpay-Signature": "WECHATPAY/SIGNTEST/" + "A" * 40},  # WeChat's probe
        {**good, "Wechatpay-Signature": good["Wechatpay-Signature"][:-8] + "AAAAAAA="},
        sandbox.signed(body.replace(b'"id":"', b'"id":"x')),  # signed for another body
        {**good, "Wechatpay-Serial": "PUB_KEY_ID_0199999999999999999999999999"},
        {k: v for k, v in good.items() if k != "Wechatpay-Signature"},
    ]
    for headers in refused:
        assert_failure(await sandbox.deliver(body, headers=headers))
    assert await stored() == before
    assert (await reloaded(order)).status is S.PAYING


async def test_a_replayed_nonce_or_a_stale_timestamp_is_refused(
    clean, sandbox: WeChatPaySandbox
) -> None:
    order = await an_order()
    body = sandbox.paid(order.public_id, TOTAL)
    now = int(time.time())
    # Well outside the window: a second lost on a busy machine must not bring +301 back in
    # (the exact ±300 s edge is tested on the pure function, test_wechatpay_verify).
    for stale in (now - 330, now + 330):
        assert_failure(await sandbox.deliver(body, headers=sandbox.signed(body, timestamp=stale)))
    assert (await reloaded(order)).status is S.PAYING
    once = sandbox.signed(body)
    assert_success(await sandbox.deliver(body, headers=once))
    assert_failure(await sandbox.deliver(body, headers=once))  # the same nonce again
    assert (await reloaded(order)).status is S.PAID


async def test_twenty_deliveries_of_one_notification_make_one_transition(
    clean, sandbox: WeChatPaySandbox
) -> None:
    order = await an_order()
    body = sandbox.paid(order.public_id, TOTAL)
    # WeChat Pay's retries: the same notification, each delivery freshly signed.
    answers = await asyncio.gather(*(sandbox.deliver(body) for _ in range(20)))
    for answer in answers:
        assert_success(answer)
    assert (await reloaded(order)).status is S.PAID
    assert await PaymentEvent.filter(order_id=order.id, to_status="paid").count() == 1
    assert await CallbackRecord.filter(source="wechatpay").count() == 1
    assert_success(await sandbox.deliver(body))  # and once more, later: the same answer
    assert await PaymentEvent.filter(order_id=order.id, to_status="paid").count() == 1


async def test_one_fen_off_or_another_payee_is_an_amount_mismatch(
    clean, sandbox: WeChatPaySandbox, caplog: pytest.LogCaptureFixture
) -> None:
    short, elsewhere = await an_order(), await an_order()
    assert_success(await sandbox.deliver(sandbox.paid(short.public_id, TOTAL - 1)))
    assert_success(
        await sandbox.deliver(sandbox.paid(elsewhere.public_id, TOTAL, mchid="1900000999"))
    )
    for order, paid_fen in ((short, TOTAL - 1), (elsewhere, TOTAL)):
        found = await reloaded(order)
        assert found.status is S.AMOUNT_MISMATCH and found.paid_fen == paid_fen
    warned = [r for r in caplog.records if r.name == "yiwang.payments"]
    assert warned and all(r.levelname == "WARNING" for r in warned)


async def test_a_payment_after_the_close_is_kept_as_such(clean, sandbox: WeChatPaySandbox) -> None:
    order = await an_order()
    await payments.move(order, S.CLOSED, source="sweep")
    assert_success(await sandbox.deliver(sandbox.paid(order.public_id, TOTAL)))
    late = await reloaded(order)
    assert late.status is S.PAID_AFTER_CLOSE and late.paid_fen == TOTAL
    assert late.channel is Channel.WECHAT


async def test_an_unknown_order_is_acknowledged_and_kept_as_an_orphan(
    clean, sandbox: WeChatPaySandbox
) -> None:
    body = sandbox.paid("pay_NoSuchOrderAtAll0000000", TOTAL)
    assert_success(await sandbox.deliver(body))
    assert_success(await sandbox.deliver(body))  # a retry: still one orphan
    orphans = await PaymentOrphan.all()
    assert len(orphans) == 1
    assert orphans[0].out_trade_no == "pay_NoSuchOrderAtAll0000000"
    assert orphans[0].kind == "transaction" and orphans[0].amount_fen == TOTAL


async def test_a_second_payment_of_a_paid_order_is_an_orphan(
    clean, sandbox: WeChatPaySandbox
) -> None:
    order = await an_order()
    assert_success(await sandbox.deliver(sandbox.paid(order.public_id, TOTAL)))
    assert_success(await sandbox.deliver(sandbox.paid(order.public_id, TOTAL + 100)))
    assert (await reloaded(order)).paid_fen == TOTAL
    assert await PaymentOrphan.filter(out_trade_no=order.public_id).count() == 1


# -------------------------------------------------------------------------------- refunds


async def test_a_refund_callback_finishes_the_refund(clean, sandbox: WeChatPaySandbox) -> None:
    order = await an_order()
    assert_success(await sandbox.deliver(sandbox.paid(order.public_id, TOTAL)))
    await payments.request_refund(order.public_id, 1_000, "多缴", "stf_1", "RF-1")
    await payments.request_refund(order.public_id, 1_500, "多缴", "stf_1", "RF-2")
    done = sandbox.refund("RF-1", order.public_id, 1_000, TOTAL)
    assert_success(await sandbox.deliver(done))
    assert_success(await sandbox.deliver(done))
    assert (await reloaded(order)).status is S.PARTIALLY_REFUNDED
    failed = sandbox.refund("RF-2", order.public_id, 1_500, TOTAL, status="ABNORMAL")
    assert_success(await sandbox.deliver(failed))
    found = await reloaded(order)
    assert found.status is S.PARTIALLY_REFUNDED and found.refunded_fen == 1_000


async def test_a_refund_before_the_paid_callback_ends_refunded(
    clean, sandbox: WeChatPaySandbox
) -> None:
    """A refund is taken only of a paid order, so a refund's callback arriving first means the
    payment was learnt another way (here an officer; the order query later): the paid callback
    that follows finds the money in and changes nothing."""
    order = await an_order()
    await payments.move(order, S.PAID, source="staff:stf_1", paid_fen=TOTAL)
    await payments.request_refund(order.public_id, TOTAL, "撤件", "stf_1", "RF-9")
    assert_success(await sandbox.deliver(sandbox.refund("RF-9", order.public_id, TOTAL, TOTAL)))
    assert_success(await sandbox.deliver(sandbox.paid(order.public_id, TOTAL)))
    found = await reloaded(order)
    assert found.status is S.REFUNDED and found.paid_fen == found.refunded_fen == TOTAL
    assert await PaymentOrphan.all().count() == 0


async def test_a_refund_we_never_sent_is_an_orphan(clean, sandbox: WeChatPaySandbox) -> None:
    order = await an_order()
    assert_success(await sandbox.deliver(sandbox.refund("RF-X", order.public_id, 100, TOTAL)))
    orphan = await PaymentOrphan.get(out_refund_no="RF-X")
    assert orphan.kind == "refund" and orphan.amount_fen == 100


async def test_an_unreadable_notification_is_refused(clean, sandbox: WeChatPaySandbox) -> None:
    for body in (b"not json", b"[]", b'{"id": "x", "event_type": "TRANSACTION.SUCCESS"}'):
        assert_failure(await sandbox.deliver(body))
    sealed_for_another = json.loads(sandbox.paid("pay_x", TOTAL))
    sealed_for_another["resource"]["associated_data"] = "refund"
    assert_failure(await sandbox.deliver(json.dumps(sealed_for_another).encode()))
    assert await stored() == (0, 0, 0)


# ------------------------------------------------------------------------- the official vector


async def test_the_official_vector_verifies_and_is_acknowledged_unopened(
    clean,
    make_app: Callable[..., YiwangApp],
    start_server: Callable[[YiwangApp], Awaitable[LiveServer]],
) -> None:
    """A payscore event: WeChat Pay's and authentic, but not one we act on. Acknowledged
    without opening it (its resource is sealed with the vector's own 16-byte key)."""
    serial = VECTOR["platform_certificate_serial_hex"]
    app = make_app(wechatpay_platform_keys={serial: VECTOR["platform_certificate_pem"]})
    at_its_time = float(VECTOR["headers"]["Wechatpay-Timestamp"])
    frozen = wechatpay_verifier(app.ctx.settings, wall_clock=lambda: at_its_time)
    register_authenticator(app, PolicyKind.CALLBACK, CallbackAuthenticator({"wechatpay": frozen}))
    live = await start_server(app)
    headers = {**VECTOR["headers"], "Wechatpay-Serial": serial, "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=live.url, timeout=10) as http:
        url = "/callbacks/payments/wechat"
        assert_success(await http.post(url, content=VECTOR["body"].encode(), headers=headers))
        replay = await http.post(url, content=VECTOR["body"].encode(), headers=headers)
        assert_failure(replay)  # its nonce was seen
    assert await stored() == (0, 0, 0)
