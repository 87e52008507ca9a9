"""Paying an order end to end: the citizen's routes, the app's real channel clients, the
sandboxes of the non-tax platform and WeChat Pay over loopback HTTP, their signed callbacks,
the sweeps, the e-receipts and the operator's refunds."""

from __future__ import annotations

import asyncio
import base64
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from api.kit import clock
from api.kit.ids import new_public_id
from auth.models import BindingKind, Person
from auth.sessions import Origin
from notify.models import InboxMessage
from payments.models import (
    Channel,
    EReceipt,
    OrderStatus,
    PaymentEvent,
    PaymentOrder,
    ReceiptStatus,
    Refund,
    RefundStatus,
)
from payments.service import FeeItemIn, FeeNoticeIn
from tests.booking.test_hall import staff_headers
from tests.conftest import LiveServer

S = OrderStatus
TOTAL = 2000


def services(server: LiveServer) -> Any:
    return server.app.ctx.services


def sandboxes(server: LiveServer) -> Any:
    found = server.app.ctx.sandboxes
    assert found is not None
    return found


async def citizen(
    server: LiveServer, *, openid: str | None = None
) -> tuple[Person, dict[str, str]]:
    """A real-named person and their bearer header; with `openid`, signed in to the
    mini-program (what WeChat Pay pays from)."""
    identity = services(server).identity
    person = await Person.create(public_id=new_public_id("per"), level=2)
    if openid is not None:
        await identity.persons.bind(person, BindingKind.MP_OPENID, openid, verified=True)
    pair = await identity.sessions.start_session(person, Origin(channel="mp"))
    return person, {"Authorization": f"Bearer {pair.access_token}"}


async def an_order(
    server: LiveServer, person: Person, *, due: date | None = None, total: int = TOTAL
) -> PaymentOrder:
    notice = FeeNoticeIn(
        notice_number=f"FN{new_public_id('fn')[-18:]}",
        payee_code="350100001",
        region_code="350100",
        total_fen=total,
        due_date=due or clock.local(clock.now()).date() + timedelta(days=7),
        items=(FeeItemIn(code="0101", name="护照工本费", amount_fen=total),),
        service_name="普通护照签发",
    )
    return await services(server).payments.order_for_fee_notice(notice, person.id, "app_test")


async def paying_at_the_cashier(server: LiveServer) -> tuple[PaymentOrder, str]:
    """A citizen's order paying at the platform's cashier, and its payment code."""
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
    assert answer.status_code == 200, answer.text
    return order, str(answer.json()["payment_code"])


async def status_of(order: PaymentOrder) -> OrderStatus:
    return (await PaymentOrder.get(id=order.id)).status


async def settled(server: LiveServer) -> None:
    """Every notice the sandboxes send has reached our callback route and been answered."""
    await sandboxes(server).nontax.settle()
    await sandboxes(server).wechatpay.settle()


async def transitions_to(order: PaymentOrder, status: OrderStatus) -> int:
    return await PaymentEvent.filter(order_id=order.id, to_status=status.value).count()


# -- the cashier ----------------------------------------------------------------------------------


async def test_paying_at_the_cashier_end_to_end(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        first = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        assert first.status_code == 200, first.text
        code = first.json()["payment_code"]
        assert len(code) == 20 and code.isdigit() and code.startswith("35")
        assert first.json()["order"]["status"] == "paying"
        again = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        assert again.json()["payment_code"] == code

        png = await http.get(f"/api/v1/payments/{order.public_id}/qr", headers=me)
        assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
        svg = await http.get(f"/api/v1/payments/{order.public_id}/qr?format=svg", headers=me)
        assert svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content

        await sandboxes(server).nontax.pay(server.app.ctx.redis, payment_code=code)
        await settled(server)
        assert await status_of(order) is S.PAID

        await services(server).receipts.work_due()
        detail = (await http.get(f"/api/v1/payments/{order.public_id}", headers=me)).json()
    assert detail["order"]["paid_fen"] == TOTAL and detail["order"]["channel"] == "nontax"
    assert detail["receipt"]["status"] == "issued" and detail["receipt"]["number"]
    assert [step["to_status"] for step in detail["timeline"]] == ["created", "paying", "paid"]
    titles = await InboxMessage.filter(person_id=person.id).values_list("title", flat=True)
    assert "待缴费" in titles and "缴费成功" in titles


async def test_a_qr_code_needs_the_payment_code_first(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.get(f"/api/v1/payments/{order.public_id}/qr", headers=me)
    assert answer.status_code == 409 and answer.json()["code"] == "payments.not_payable"


async def test_another_citizens_order_is_not_found(server: LiveServer, clean: Any) -> None:
    owner, _ = await citizen(server)
    _, stranger = await citizen(server)
    order = await an_order(server, owner)
    async with httpx.AsyncClient(base_url=server.url) as http:
        for answer in (
            await http.get(f"/api/v1/payments/{order.public_id}", headers=stranger),
            await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=stranger),
        ):
            assert answer.status_code == 404
            assert answer.json()["code"] == "payments.order_not_found"


# -- WeChat Pay in the mini-program ---------------------------------------------------------------


def merchant_public_key(server: LiveServer) -> rsa.RSAPublicKey:
    private = serialization.load_pem_private_key(
        server.app.ctx.settings.secret("wechatpay_merchant_key"), password=None
    )
    public = private.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    return public


async def test_paying_in_the_mini_program_end_to_end(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server, openid="oMiniProgram0000000000000001")
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/wechat-pay", headers=me)
    assert answer.status_code == 200, answer.text
    wx = answer.json()["request_payment"]
    assert wx["signType"] == "RSA" and wx["package"].startswith("prepay_id=")
    assert wx["appId"] == server.app.ctx.settings.wechat_mp_appid
    signed = f"{wx['appId']}\n{wx['timeStamp']}\n{wx['nonceStr']}\n{wx['package']}\n".encode()
    merchant_public_key(server).verify(
        base64.b64decode(wx["paySign"]), signed, padding.PKCS1v15(), hashes.SHA256()
    )
    await sandboxes(server).wechatpay.pay(server.app.ctx.redis, order.public_id)
    await settled(server)
    assert await status_of(order) is S.PAID
    paid = await PaymentOrder.get(id=order.id)
    assert paid.channel is not None and paid.channel.value == "wechat"


async def test_wechat_pay_needs_the_mini_program(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/wechat-pay", headers=me)
    assert answer.status_code == 409
    assert answer.json()["code"] == "payments.mini_program_required"


async def test_switching_channel_closes_the_first_one_so_one_bill_is_paid_once(
    server: LiveServer, clean: Any
) -> None:
    person, me = await citizen(server, openid="oMiniProgram0000000000000002")
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        cashier = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        code = cashier.json()["payment_code"]
        wechat = await http.post(f"/api/v1/payments/{order.public_id}/wechat-pay", headers=me)
    assert wechat.status_code == 200, wechat.text
    platform = await services(server).gateways.nontax.query(order.public_id)
    assert platform.state.value == "closed"
    with pytest.raises(Exception, match=r"ORDER_CLOSED|订单不能缴款"):
        await sandboxes(server).nontax.pay(server.app.ctx.redis, payment_code=code)


# -- the sweeps -----------------------------------------------------------------------------------


async def test_a_payment_whose_callback_never_came_is_found_by_the_query_sweep(
    server: LiveServer, clean: Any
) -> None:
    order, code = await paying_at_the_cashier(server)
    await sandboxes(server).nontax.pay(server.app.ctx.redis, payment_code=code, deliver=False)
    checkout = services(server).checkout
    assert await checkout.query_stale() == 0  # not paying long enough to ask yet
    await PaymentOrder.filter(id=order.id).update(paying_since=clock.now() - timedelta(hours=1))
    assert await checkout.query_stale() == 1
    assert await status_of(order) is S.PAID
    assert await checkout.query_stale() == 0
    assert await transitions_to(order, S.PAID) == 1


async def test_an_expired_order_is_closed_at_the_channel_first(
    server: LiveServer, clean: Any
) -> None:
    order, code = await paying_at_the_cashier(server)
    yesterday = clock.local(clock.now()).date() - timedelta(days=1)
    await PaymentOrder.filter(id=order.id).update(due_date=yesterday)
    assert await services(server).checkout.close_expired() == 1
    assert await status_of(order) is S.CLOSED
    remote = await services(server).gateways.nontax.query(order.public_id)
    assert remote.state.value == "closed"
    with pytest.raises(Exception, match=r"ORDER_CLOSED|订单不能缴款"):
        await sandboxes(server).nontax.pay(server.app.ctx.redis, payment_code=code)


async def test_closing_an_order_paid_meanwhile_records_the_payment_instead(
    server: LiveServer, clean: Any
) -> None:
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        code = answer.json()["payment_code"]
        await sandboxes(server).nontax.pay(server.app.ctx.redis, payment_code=code, deliver=False)
        officer = await staff_headers(http, "pay-officer-1", {"operator"}, None)
        closed = await http.post(
            f"/api/v1/staff/payments/{order.public_id}/close",
            json={"note": "通知书作废"},
            headers=officer,
        )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "paid"
    assert await status_of(order) is S.PAID


async def test_an_expired_order_is_not_payable(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    order = await an_order(server, person, due=clock.local(clock.now()).date() - timedelta(days=1))
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
    assert answer.status_code == 409 and answer.json()["code"] == "payments.not_payable"
    assert await status_of(order) is S.CLOSED


# -- refunds and receipts -------------------------------------------------------------------------


async def paid_at_the_cashier(server: LiveServer) -> tuple[PaymentOrder, Person]:
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
    await sandboxes(server).nontax.pay(
        server.app.ctx.redis, payment_code=answer.json()["payment_code"]
    )
    await settled(server)
    assert await status_of(order) is S.PAID
    return order, person


async def test_an_operators_refunds_partial_then_full_and_the_receipt_reversed(
    server: LiveServer, clean: Any
) -> None:
    order, person = await paid_at_the_cashier(server)
    await services(server).receipts.work_due()
    async with httpx.AsyncClient(base_url=server.url) as http:
        officer = await staff_headers(http, "pay-officer-2", {"operator"}, None)
        path = f"/api/v1/staff/payments/{order.public_id}/refunds"
        first = await http.post(
            path,
            json={"amount_fen": 500, "reason": "多收工本费"},
            headers={**officer, "Idempotency-Key": "refund-1"},
        )
        assert first.status_code == 201, first.text
        retried = await http.post(
            path,
            json={"amount_fen": 500, "reason": "多收工本费"},
            headers={**officer, "Idempotency-Key": "refund-1"},
        )
        assert retried.json()["refund_id"] == first.json()["refund_id"]
        await settled(server)
        assert await status_of(order) is S.PARTIALLY_REFUNDED

        over = await http.post(
            path,
            json={"amount_fen": 1501, "reason": "全部退回"},
            headers={**officer, "Idempotency-Key": "refund-2"},
        )
        assert over.status_code == 409 and over.json()["code"] == "payments.refund_exceeds_paid"
        rest = await http.post(
            path,
            json={"amount_fen": 1500, "reason": "全部退回"},
            headers={**officer, "Idempotency-Key": "refund-3"},
        )
        assert rest.status_code == 201, rest.text
        await settled(server)
        no_key = await http.post(path, json={"amount_fen": 1, "reason": "再退"}, headers=officer)
        assert no_key.status_code == 422
    assert await status_of(order) is S.REFUNDED
    assert await Refund.filter(order_id=order.id, status=RefundStatus.SUCCEEDED).count() == 2
    receipt = await EReceipt.get(order_id=order.id)
    assert receipt.status is ReceiptStatus.REVERSAL_DUE
    await services(server).receipts.work_due()
    assert (await EReceipt.get(order_id=order.id)).status is ReceiptStatus.REVERSED
    refunded = await InboxMessage.filter(person_id=person.id, title="退款成功").count()
    assert refunded == 2


async def test_a_refund_an_outage_held_back_is_sent_by_the_sweep(
    server: LiveServer, clean: Any
) -> None:
    order, _ = await paid_at_the_cashier(server)
    platform = sandboxes(server).nontax
    await platform.fail_next(server.app.ctx.redis, "/api/refunds/apply", times=10)
    async with httpx.AsyncClient(base_url=server.url) as http:
        officer = await staff_headers(http, "pay-officer-3", {"operator"}, None)
        answer = await http.post(
            f"/api/v1/staff/payments/{order.public_id}/refunds",
            json={"amount_fen": TOTAL, "reason": "重复缴费"},
            headers={**officer, "Idempotency-Key": "held-1"},
        )
    assert answer.status_code == 201, answer.text
    refund = await Refund.get(order_id=order.id)
    assert refund.sent_at is None and refund.status is RefundStatus.REQUESTED
    await Refund.filter(id=refund.id).update(created_at=clock.now() - timedelta(minutes=5))
    await _drain_faults(server)
    assert await services(server).checkout.resend_refunds() == 1
    await settled(server)
    assert await status_of(order) is S.REFUNDED


async def _drain_faults(server: LiveServer) -> None:
    """The faults left unused by the outage are cleared, as a platform that came back."""
    redis = server.app.ctx.redis
    async for key in redis.scan_iter(match="*faults*"):
        await redis.delete(key)


async def test_a_receipt_the_platform_cannot_give_now_is_asked_again_later(
    server: LiveServer, clean: Any
) -> None:
    order, _ = await paid_at_the_cashier(server)
    await sandboxes(server).nontax.fail_next(server.app.ctx.redis, "/api/receipts/issue", times=10)
    assert await services(server).receipts.work_due() == 0
    receipt = await EReceipt.get(order_id=order.id)
    assert receipt.status is ReceiptStatus.DUE and receipt.next_attempt_at > clock.now()
    await _drain_faults(server)
    await EReceipt.filter(id=receipt.id).update(next_attempt_at=clock.now())
    assert await services(server).receipts.work_due() == 1
    assert (await EReceipt.get(order_id=order.id)).status is ReceiptStatus.ISSUED


# -- the platform's notices -----------------------------------------------------------------------


async def test_twenty_concurrent_copies_of_a_platform_notice_make_one_transition(
    server: LiveServer, clean: Any
) -> None:
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
    platform = sandboxes(server).nontax
    redis = server.app.ctx.redis
    notice = await platform.pay(redis, payment_code=answer.json()["payment_code"], deliver=False)
    await asyncio.gather(*(platform.deliver(redis, str(notice["notify_id"])) for _ in range(20)))
    deliveries = await platform.deliveries(redis)
    assert len(deliveries) == 20 and all(d.succeeded for d in deliveries)
    assert await status_of(order) is S.PAID
    assert await transitions_to(order, S.PAID) == 1


async def test_a_forged_platform_notice_is_refused_in_its_format_and_changes_nothing(
    server: LiveServer, clean: Any
) -> None:
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        platform = sandboxes(server).nontax
        redis = server.app.ctx.redis
        await platform.pay(redis, payment_code=answer.json()["payment_code"], deliver=False)
        await platform.redeliver(redis)
        await platform.settle()
        body = (await platform.last_notice_body(redis)) or b""
        forged = body.replace(b'"paid_fen":2000', b'"paid_fen":1')
        assert forged != body
        refused = await http.post(
            "/callbacks/payments/nontax",
            content=forged,
            headers={"Content-Type": "application/json"},
        )
        replayed = await http.post(
            "/callbacks/payments/nontax", content=body, headers={"Content-Type": "application/json"}
        )
    assert refused.status_code == 401 and refused.json()["code"] == "FAIL"
    assert replayed.status_code == 401, "a delivered notice's nonce is not taken twice"
    assert await transitions_to(order, S.AMOUNT_MISMATCH) == 0
    assert await transitions_to(order, S.PAID) == 1


async def test_one_fen_off_or_another_payee_at_the_platform_is_an_amount_mismatch(
    server: LiveServer, clean: Any
) -> None:
    for overrides in ({"amount_fen": TOTAL - 1}, {"payee_code": "350100999"}):
        person, me = await citizen(server)
        order = await an_order(server, person)
        async with httpx.AsyncClient(base_url=server.url) as http:
            answer = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        await sandboxes(server).nontax.pay(
            server.app.ctx.redis, payment_code=answer.json()["payment_code"], **overrides
        )
        await settled(server)
        assert await status_of(order) is S.AMOUNT_MISMATCH, overrides
        assert not await EReceipt.exists(order_id=order.id)


async def test_an_officer_resolves_an_amount_mismatch(server: LiveServer, clean: Any) -> None:
    person, me = await citizen(server)
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        answer = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        await sandboxes(server).nontax.pay(
            server.app.ctx.redis, payment_code=answer.json()["payment_code"], amount_fen=TOTAL + 1
        )
        await settled(server)
        officer = await staff_headers(http, "pay-officer-4", {"operator"}, None)
        listed = await http.get("/api/v1/staff/payments/exceptions", headers=officer)
        assert [o["order_id"] for o in listed.json()["orders"]] == [order.public_id]
        citizen_tries = await http.get("/api/v1/staff/payments/exceptions", headers=me)
        assert citizen_tries.status_code in (401, 403)
        resolved = await http.post(
            f"/api/v1/staff/payments/{order.public_id}/resolution",
            json={"to": "paid", "note": "多缴 1 分，经核实按已缴处理"},
            headers=officer,
        )
        assert resolved.status_code == 200, resolved.text
        again = await http.post(
            f"/api/v1/staff/payments/{order.public_id}/resolution",
            json={"to": "paid", "note": "再次处理"},
            headers=officer,
        )
    assert resolved.json()["status"] == "paid"
    assert again.status_code == 409 and again.json()["code"] == "payments.not_an_exception"
    assert await EReceipt.exists(order_id=order.id)


# -- the operator's reconciliation ---------------------------------------------------------------


async def test_an_operator_reads_and_resolves_reconciliation_differences(
    server: LiveServer, clean: Any
) -> None:
    from tests.payments.test_reconcile import DAY, Row, nontax_statement

    report = await services(server).reconciliation.reconcile(
        DAY, Channel.NONTAX, nontax_statement([Row("pay_unknownorder0000000000", TOTAL)])
    )
    [difference] = report.differences
    async with httpx.AsyncClient(base_url=server.url) as http:
        officer = await staff_headers(http, "pay-officer-5", {"operator"}, None)
        listed = await http.get(
            "/api/v1/staff/payments/reconciliation/differences", headers=officer
        )
        assert listed.status_code == 200, listed.text
        [shown] = listed.json()["differences"]
        assert shown["kind"] == "missing_locally" and shown["channel_paid_fen"] == TOTAL
        path = f"/api/v1/staff/payments/reconciliation/differences/{difference.id}/resolution"
        resolved = await http.post(path, json={"note": "平台误记，已联系更正"}, headers=officer)
        assert resolved.status_code == 200, resolved.text
        assert resolved.json()["resolution_note"] == "平台误记，已联系更正"
        twice = await http.post(path, json={"note": "再处理一次"}, headers=officer)
        assert twice.status_code == 409
        assert twice.json()["code"] == "payments.difference_already_resolved"
        still_open = await http.get(
            "/api/v1/staff/payments/reconciliation/differences", headers=officer
        )
        everything = await http.get(
            "/api/v1/staff/payments/reconciliation/differences?all=true", headers=officer
        )
    assert still_open.json()["differences"] == []
    assert len(everything.json()["differences"]) == 1


async def test_a_difference_id_no_row_could_have_is_not_found(
    server: LiveServer, clean: Any
) -> None:
    async with httpx.AsyncClient(base_url=server.url) as http:
        officer = await staff_headers(http, "pay-officer-6", {"operator"}, None)
        for huge in ("9223372036854775808", "99999999999999999999999"):
            answer = await http.post(
                f"/api/v1/staff/payments/reconciliation/differences/{huge}/resolution",
                json={"note": "核对无误"},
                headers=officer,
            )
            assert answer.status_code == 404, answer.text
            assert answer.json()["code"] == "payments.difference_not_found"


async def test_switching_channel_after_paying_at_the_first_records_that_payment(
    server: LiveServer, clean: Any
) -> None:
    person, me = await citizen(server, openid="oMiniProgram0000000000000003")
    order = await an_order(server, person)
    async with httpx.AsyncClient(base_url=server.url) as http:
        cashier = await http.post(f"/api/v1/payments/{order.public_id}/cashier", headers=me)
        await sandboxes(server).nontax.pay(
            server.app.ctx.redis, payment_code=cashier.json()["payment_code"], deliver=False
        )
        wechat = await http.post(f"/api/v1/payments/{order.public_id}/wechat-pay", headers=me)
    assert wechat.status_code == 409 and wechat.json()["code"] == "payments.already_paid"
    assert await status_of(order) is S.PAID
    assert await sandboxes(server).wechatpay.calls(server.app.ctx.redis) == {}
