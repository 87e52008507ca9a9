"""The non-tax payment platform's side, served under /sandbox/nontax over loopback HTTP.

It speaks the wire protocol of `payments.gateways.nontax_client` (written down for the vendor in
`miniprogram_contract/NONTAX_PLATFORM.md`): it checks every call as the platform does (app
id, timestamp window, nonce once, our RSA-SHA256 signature), answers signed with its own key
(the secret `nontax_sandbox_platform_key`), keeps its orders, refunds and receipts in Redis
(so every server process plays one platform), and sends its notices by signed HTTP POST to our
`/callbacks/payments/nontax`, in the background, retried as the platform retries them until
our answer is `{"code":"SUCCESS"}`: each attempt signed afresh (a new timestamp and nonce),
the `notify_id` the same.

A citizen pays on its cashier page, `GET /sandbox/nontax/cashier/{payment_code}` (the
支付 button posts back to it). Tests and the demo drive it with control endpoints the real
platform does not have, each a JSON POST under `/sandbox/nontax/control/`:

- `pay` `{"payment_code" | "order_id", "amount_fen"?, "payee_code"?, "deliver"?}`: pay an
  unpaid order (a different amount or payee makes a 1-fen-off or wrong-payee payment;
  `"deliver": false` marks it paid and sends no notice, for the sweeps' tests). Answers the
  notice's fields.
- `refund-mode` `{"auto": true | false}`: refunds succeed by themselves just after they are
  applied for (the default), or wait for `refund-outcome`.
- `refund-outcome` `{"refund_no", "status": "SUCCESS" | "FAILED"}`: settle a waiting refund.
- `redeliver` `{"notify_id"?}`: send a notice again (by default the last one made, also one
  a `"deliver": false` payment never sent): a duplicate.
- `GET /sandbox/nontax/control/notices/last`: the body of the last notice sent, as sent.
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import httpx
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import html as html_response
from sanic.response import json as json_response
from sanic.response import raw as raw_response

from api.kit import clock
from api.kit.policy import PUBLIC, requires
from api.kit.sandbox_state import JsonObject, Later, SandboxRefusal, SandboxState, sandbox_redis
from api.kit.settings import Settings
from payments.gateways.nontax import (
    MAX_FEN,
    PAID_NOTICE,
    REFUND_NOTICE,
    NonTaxRefused,
    NoticeSigner,
    NoticeVerifier,
    Refusal,
    RsaSha256Signer,
    RsaSha256Verifier,
    Value,
    verify_notice,
)
from payments.gateways.nontax_client import (
    CLOSE_PATH,
    ISSUE_PATH,
    ORDER_PAID,
    QUERY_PATH,
    RECEIPT_PATH,
    REFUND_PATH,
    REVERSE_PATH,
    SANDBOX_PREFIX,
    STATEMENT_PATH,
    SUCCESS_CODE,
    private_rsa_key,
    public_pem_of,
    signed_call_body,
)

log = logging.getLogger("yiwang.sandbox.nontax")

WINDOW_SECONDS = 300
NONCE_SECONDS = 2 * WINDOW_SECONDS
DELIVERIES_KEPT = 200
NOTICES_KEPT = 1000
DELIVERY_TIMEOUT_SECONDS = 5.0
DELIVERY_BACKOFF_SECONDS = (0.5, 2.0, 5.0)  # then it gives up; `redeliver` tries again

STATEMENT_HEADER = (
    "订单号",
    "缴款码",
    "平台流水号",
    "执收单位编码",
    "缴款金额(分)",
    "退款金额(分)",
    "状态",
    "缴款时间",
)
STATEMENT_TOTAL = "合计"


class PlatformRefusal(SandboxRefusal):
    """The platform says no: answered signed, with its code and words."""


def _bad(name: str) -> PlatformRefusal:
    return PlatformRefusal("PARAM_INVALID", f"参数 {name} 无效", 400)


# ------------------------------------------------------------------ reading a call's fields


def _text(fields: Mapping[str, Any], name: str, longest: int = 64, *, empty: bool = False) -> str:
    value = fields.get(name)
    if value is None and empty:
        return ""
    if not isinstance(value, str) or len(value) > longest or (not value and not empty):
        raise _bad(name)
    return value


def _fen(fields: Mapping[str, Any], name: str, *, least: int = 0) -> int:
    value = fields.get(name)
    if type(value) is not int or not least <= value <= MAX_FEN:
        raise _bad(name)
    return value


def _day(fields: Mapping[str, Any], name: str) -> date:
    try:
        return date.fromisoformat(_text(fields, name, 10))
    except ValueError:
        raise _bad(name) from None


# ------------------------------------------------------------------ the statement


def statement_csv(orders: Sequence[JsonObject]) -> str:
    """The day's statement of the paid orders given: the header, one row per order in order of
    payment, and the 合计 row (rows, paid, refunded). UTF-8 text, `\\n` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STATEMENT_HEADER)
    paid_total = refunded_total = 0
    ordered = sorted(orders, key=lambda order: (str(order["paid_at"]), str(order["order_id"])))
    for order in ordered:
        paid, refunded = int(order["paid_fen"]), int(order.get("refunded_fen", 0))
        paid_total, refunded_total = paid_total + paid, refunded_total + refunded
        writer.writerow(
            (
                order["order_id"],
                order["payment_code"],
                order["platform_serial"],
                order["paid_payee_code"],
                paid,
                refunded,
                _statement_status(paid, refunded),
                clock.local(datetime.fromisoformat(order["paid_at"])).strftime("%Y-%m-%d %H:%M:%S"),
            )
        )
    writer.writerow((STATEMENT_TOTAL, len(ordered), paid_total, refunded_total, "", "", "", ""))
    return out.getvalue()


def _statement_status(paid_fen: int, refunded_fen: int) -> str:
    if refunded_fen <= 0:
        return "已缴款"
    return "已退款" if refunded_fen >= paid_fen else "部分退款"


# ------------------------------------------------------------------ the sandbox


@dataclass(frozen=True)
class Delivery:
    notify_id: str
    status: int  # HTTP status of our answer; 0 for none
    succeeded: bool
    body: str  # the signed notice as sent


class NonTaxSandbox:
    """The platform's side. `client_verifier` checks our calls (the public half of our
    `nontax_client_key`), `signer` signs its answers and notices, `base_url` is where it is
    served (its cashier pages' addresses), `callback_url` where its notices go."""

    def __init__(
        self,
        app_id: str,
        client_verifier: NoticeVerifier,
        signer: NoticeSigner,
        base_url: str,
        callback_url: str,
        *,
        province_prefix: str = "35",
        delivery_transport: httpx.AsyncBaseTransport | None = None,
        delivery_backoff: Sequence[float] = DELIVERY_BACKOFF_SECONDS,
    ) -> None:
        self.app_id = app_id
        self._client_verifier = client_verifier
        self._signer = signer
        self.base_url = base_url.rstrip("/")
        self.callback_url = callback_url
        self.province_prefix = province_prefix
        self._delivery_transport = delivery_transport
        self._delivery_backoff = tuple(delivery_backoff)
        self._later = Later("nontax sandbox", (PlatformRefusal, RedisError))

    @staticmethod
    def _state(redis: Redis) -> SandboxState:
        return SandboxState(redis, "nontax")

    # ------------------------------------------------------------------ checking a call

    async def admit(self, redis: Redis, body: bytes, endpoint: str) -> dict[str, Value | None]:
        """The call's fields, or PlatformRefusal for a call the platform would refuse."""
        state = self._state(redis)
        await state.count("requests", endpoint)
        try:
            call = verify_notice(body, self._client_verifier, time.time())
        except NonTaxRefused as refused:
            raise _refusal_of(refused.reason) from None
        if call.fields.get("app_id") != self.app_id:
            raise PlatformRefusal("APP_ID_UNKNOWN", "应用不存在", 401)
        # Only a signed call spends its nonce: a forgery cannot burn a caller's nonces.
        if not await state.first_time("nonce", call.nonce, NONCE_SECONDS):
            raise PlatformRefusal("NONCE_REUSED", "随机串重复", 401)
        if await state.spend_one("faults", endpoint):
            raise PlatformRefusal("SYSTEM_BUSY", "系统繁忙 (a test asked for it)", 503)
        return dict(call.fields)

    def answer(self, fields: Mapping[str, Value | None], status: int = 200) -> HTTPResponse:
        """A signed answer, as the platform gives every one."""
        body = signed_call_body(fields, self._signer)
        return raw_response(body, status=status, content_type="application/json; charset=utf-8")

    # ------------------------------------------------------------------ the wire side

    async def issue(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        order_id = _text(call, "order_id", 32)
        total = _fen(call, "total_fen", least=1)
        payee = _text(call, "payee_code", 32)
        _day(call, "due_date")
        try:
            items = json.loads(_text(call, "items", 8000))
        except ValueError:
            raise _bad("items") from None
        if not isinstance(items, list):
            raise _bad("items")
        state = self._state(redis)
        code = self._new_payment_code()
        record = {
            "order_id": order_id,
            "payment_code": code,
            "notice_number": _text(call, "notice_number", 32),
            "payee_code": payee,
            "region_code": _text(call, "region_code", 12, empty=True),
            "total_fen": total,
            "due_date": call["due_date"],
            "description": _text(call, "description", 200, empty=True),
            "items": items,
            "state": "UNPAID",
            "paid_fen": 0,
            "refunded_fen": 0,
            "refund_nos": [],
        }
        # The order id is claimed first (SET NX): of two issues at once, one mints the code.
        if await state.put("order", order_id, record, None, only_new=True):
            await state.put("code", code, {"order_id": order_id}, None)
        else:
            record = await self._order(redis, order_id)
            if record["total_fen"] != total or record["payee_code"] != payee:
                raise PlatformRefusal("ORDER_CONFLICT", "订单号已用于其他金额或执收单位")
        return {
            "order_id": order_id,
            "payment_code": record["payment_code"],
            "pay_url": self.cashier_url(record["payment_code"]),
        }

    async def query(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        order_id = _text(call, "order_id", 32)
        record = await self._state(redis).get("order", order_id)
        if record is None:
            return {"order_id": order_id, "state": "UNKNOWN"}
        paid = record["state"] == "PAID"
        return {
            "order_id": order_id,
            "state": record["state"],
            "payment_code": record["payment_code"],
            "paid_fen": record["paid_fen"],
            "platform_serial": record.get("platform_serial"),
            "payee_code": record.get("paid_payee_code") if paid else record["payee_code"],
            "issued_payee_code": record["payee_code"],
            "paid_at": record.get("paid_at"),
            "refunded_fen": record["refunded_fen"],
        }

    async def close(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        order_id = _text(call, "order_id", 32)
        record = await self._state(redis).get("order", order_id)
        if record is None:
            return {"order_id": order_id, "state": "UNKNOWN"}
        if record["state"] == "PAID":
            raise PlatformRefusal(ORDER_PAID, "订单已缴款，不能关闭")
        if record["state"] == "UNPAID":
            record["state"] = "CLOSED"
            await self._state(redis).put("order", order_id, record, None)
        return {"order_id": order_id, "state": "CLOSED"}

    async def apply_refund(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        order_id = _text(call, "order_id", 32)
        refund_no = _text(call, "refund_no", 64)
        amount = _fen(call, "amount_fen", least=1)
        state = self._state(redis)
        existing = await state.get("refund", refund_no)
        if existing is not None:
            if existing["order_id"] != order_id or existing["amount_fen"] != amount:
                raise PlatformRefusal("REFUND_CONFLICT", "退款单号已用于其他订单或金额")
            return _refund_answer(existing)
        record = await state.get("order", order_id)
        if record is None:
            raise PlatformRefusal("ORDER_NOT_FOUND", "订单不存在")
        if record["state"] != "PAID":
            raise PlatformRefusal("ORDER_NOT_PAID", "订单未缴款")
        if amount > record["paid_fen"] - await self._committed_refunds(redis, record):
            raise PlatformRefusal("REFUND_EXCEEDS", "退款金额超过可退金额")
        refund = {
            "refund_no": refund_no,
            "order_id": order_id,
            "amount_fen": amount,
            "reason": _text(call, "reason", 200, empty=True),
            "refund_serial": f"RF{_digits(18)}",
            "status": "PROCESSING",
        }
        if not await state.put("refund", refund_no, refund, None, only_new=True):
            return _refund_answer(await state.get("refund", refund_no) or refund)
        record["refund_nos"] = [*record["refund_nos"], refund_no]
        await state.put("order", order_id, record, None)
        if await self.refunds_settle_themselves(redis):
            self._later(self.settle_refund(redis, refund_no, succeeded=True))
        return _refund_answer(refund)

    async def issue_receipt(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        order_id = _text(call, "order_id", 32)
        paid_fen = _fen(call, "paid_fen")
        state = self._state(redis)
        record = await state.get("order", order_id)
        if record is None or record["state"] != "PAID":
            raise PlatformRefusal("ORDER_NOT_PAID", "订单未缴款，不能开票")
        if record["paid_fen"] != paid_fen:
            raise PlatformRefusal("AMOUNT_MISMATCH", "开票金额与缴款金额不符")
        number = _digits(10)
        receipt = {
            "order_id": order_id,
            "receipt_code": f"{self.province_prefix}010126",
            "receipt_number": number,
            "check_code": secrets.token_hex(3).upper(),
            "receipt_url": f"{self.base_url}/receipts/{number}",
            "issued_at": clock.shown(clock.now()).isoformat(),
        }
        if not await state.put("receipt", order_id, receipt, None, only_new=True):
            receipt = await state.get("receipt", order_id) or receipt
        return {key: value for key, value in receipt.items() if key != "reversed_at"}

    async def reverse_receipt(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        order_id = _text(call, "order_id", 32)
        state = self._state(redis)
        receipt = await state.get("receipt", order_id)
        if (
            receipt is None
            or receipt["receipt_code"] != _text(call, "receipt_code", 32)
            or receipt["receipt_number"] != _text(call, "receipt_number", 32)
        ):
            raise PlatformRefusal("RECEIPT_NOT_FOUND", "票据不存在")
        if not receipt.get("reversed_at"):
            receipt["reversed_at"] = clock.shown(clock.now()).isoformat()
            await state.put("receipt", order_id, receipt, None)
        return {"order_id": order_id, "reversed_at": receipt["reversed_at"]}

    async def statement(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        day = _day(call, "date")
        state = self._state(redis)
        paid_that_day = await redis.smembers(state.key("paid-on", day.isoformat()))
        order_ids = sorted(_text_of(member) for member in paid_that_day)
        orders = [found for i in order_ids if (found := await state.get("order", i)) is not None]
        return {"date": day.isoformat(), "statement": statement_csv(orders)}

    # ------------------------------------------------------------------ the cashier and tests

    def cashier_url(self, payment_code: str) -> str:
        return f"{self.base_url}/cashier/{payment_code}"

    async def order_by_code(self, redis: Redis, payment_code: str) -> JsonObject | None:
        found = await self._state(redis).get("code", payment_code)
        return None if found is None else await self._state(redis).get("order", found["order_id"])

    async def pay(
        self,
        redis: Redis,
        *,
        payment_code: str | None = None,
        order_id: str | None = None,
        amount_fen: int | None = None,
        payee_code: str | None = None,
        deliver: bool = True,
    ) -> JsonObject:
        """Pay an unpaid order as a citizen would; the PAID notice's fields (sent in the
        background unless `deliver` is False). PlatformRefusal for an unknown, closed or paid
        order."""
        if payment_code is not None:
            record = await self.order_by_code(redis, payment_code)
        else:
            record = await self._state(redis).get("order", order_id or "")
        if record is None:
            raise PlatformRefusal("ORDER_NOT_FOUND", "缴款码不存在", 404)
        if record["state"] != "UNPAID":
            code = ORDER_PAID if record["state"] == "PAID" else "ORDER_CLOSED"
            raise PlatformRefusal(code, "订单不能缴款", 409)
        paid_at = clock.shown(clock.now())
        record.update(
            state="PAID",
            paid_fen=record["total_fen"] if amount_fen is None else amount_fen,
            paid_payee_code=payee_code or record["payee_code"],
            platform_serial=f"PS{paid_at:%Y%m%d}{_digits(12)}",
            paid_at=paid_at.isoformat(),
        )
        state = self._state(redis)
        await state.put("order", record["order_id"], record, None)
        await state.add(f"paid-on:{clock.local(paid_at).date()}", record["order_id"])
        notice = await self._new_notice(redis, _paid_fields(record))
        if deliver:
            self._later(self.deliver(redis, str(notice["notify_id"])))
        return notice

    async def set_refund_mode(self, redis: Redis, *, auto: bool) -> None:
        await self._state(redis).put("mode", "refunds", {"auto": auto}, None)

    async def refunds_settle_themselves(self, redis: Redis) -> bool:
        mode = await self._state(redis).get("mode", "refunds")
        return True if mode is None else bool(mode["auto"])

    async def settle_refund(self, redis: Redis, refund_no: str, *, succeeded: bool) -> JsonObject:
        """Settle a waiting refund and send its REFUND notice (in the background); the
        notice's fields. Settling it again the same way sends nothing new."""
        state = self._state(redis)
        refund = await state.get("refund", refund_no)
        if refund is None:
            raise PlatformRefusal("REFUND_NOT_FOUND", "退款不存在", 404)
        outcome = "SUCCESS" if succeeded else "FAILED"
        if refund["status"] != "PROCESSING":
            if refund["status"] != outcome:
                raise PlatformRefusal("REFUND_SETTLED", "退款已有结果", 409)
            return {"refund_no": refund_no, "refund_status": outcome}
        refund["status"] = outcome
        await state.put("refund", refund_no, refund, None)
        record = await self._order(redis, refund["order_id"])
        if succeeded:
            record["refunded_fen"] += refund["amount_fen"]
            await state.put("order", record["order_id"], record, None)
        fields = {
            **_paid_fields(record),
            "notify_type": REFUND_NOTICE,
            "refund_no": refund_no,
            "refund_serial": refund["refund_serial"],
            "refund_fen": refund["amount_fen"],
            "refund_status": outcome,
        }
        notice = await self._new_notice(redis, fields)
        self._later(self.deliver(redis, str(notice["notify_id"])))
        return notice

    async def redeliver(self, redis: Redis, notify_id: str | None = None) -> str:
        """Send a notice again (by default the last one made, sent or not), in the
        background: a duplicate, freshly signed. The notify_id sent."""
        state = self._state(redis)
        if notify_id is None:
            last = await state.items("notices", last=1)
            if not last:
                raise PlatformRefusal("NOTICE_NOT_FOUND", "没有已发送的通知", 404)
            notify_id = str(last[0]["notify_id"])
        if await state.get("notice", notify_id) is None:
            raise PlatformRefusal("NOTICE_NOT_FOUND", "通知不存在", 404)
        self._later(self.deliver(redis, notify_id))
        return notify_id

    async def deliveries(self, redis: Redis) -> list[Delivery]:
        """Every delivery attempt, oldest first."""
        return [
            Delivery(str(d["notify_id"]), int(d["status"]), bool(d["succeeded"]), str(d["body"]))
            for d in await self._state(redis).items("deliveries")
        ]

    async def last_notice_body(self, redis: Redis) -> bytes | None:
        """The last notice sent, exactly as sent."""
        last = await self._state(redis).items("deliveries", last=1)
        return str(last[0]["body"]).encode() if last else None

    async def fail_next(self, redis: Redis, endpoint: str, times: int = 1) -> None:
        """Answer the next `times` calls to `endpoint` (a path like "/api/refunds/apply") 503."""
        for _ in range(times):
            await self._state(redis).give_one("faults", endpoint)

    async def requests(self, redis: Redis) -> dict[str, int]:
        """How many calls reached each endpoint, refused ones included."""
        return await self._state(redis).counts("requests")

    async def settle(self) -> None:
        """Wait for the notices still being delivered in the background."""
        await self._later.settle()

    # ------------------------------------------------------------------ delivering notices

    async def deliver(self, redis: Redis, notify_id: str) -> None:
        """Send one notice until our answer is `{"code":"SUCCESS"}` or the backoff runs out,
        each attempt signed afresh."""
        fields = await self._state(redis).get("notice", notify_id)
        if fields is None:
            return
        waits = (*self._delivery_backoff, None)
        async with httpx.AsyncClient(
            timeout=DELIVERY_TIMEOUT_SECONDS, transport=self._delivery_transport
        ) as http:
            for wait in waits:
                if await self._attempt(redis, http, notify_id, fields) or wait is None:
                    return
                await asyncio.sleep(wait)

    async def _attempt(
        self, redis: Redis, http: httpx.AsyncClient, notify_id: str, fields: JsonObject
    ) -> bool:
        body = signed_call_body(fields, self._signer)
        status, succeeded = 0, False
        try:
            answer = await http.post(
                self.callback_url,
                content=body,
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
            status = answer.status_code
            succeeded = status == 200 and _says_success(answer)
        except httpx.HTTPError as exc:
            log.warning("nontax sandbox: notice got no answer (%s)", type(exc).__name__)
        delivery = {
            "notify_id": notify_id,
            "status": status,
            "succeeded": succeeded,
            "body": body.decode(),
        }
        try:
            await self._state(redis).append_capped("deliveries", delivery, DELIVERIES_KEPT)
        except RedisError as exc:  # a background delivery outliving the test's Redis
            log.warning("nontax sandbox: delivery not recorded (%s)", type(exc).__name__)
        return succeeded

    async def _new_notice(self, redis: Redis, fields: JsonObject) -> JsonObject:
        notice = {**fields, "notify_id": f"NT{secrets.token_hex(12).upper()}"}
        state = self._state(redis)
        await state.put("notice", notice["notify_id"], notice, None)
        await state.append_capped("notices", {"notify_id": notice["notify_id"]}, NOTICES_KEPT)
        return notice

    # ------------------------------------------------------------------ inside

    async def _order(self, redis: Redis, order_id: str) -> JsonObject:
        record = await self._state(redis).get("order", order_id)
        if record is None:
            raise PlatformRefusal("ORDER_NOT_FOUND", "订单不存在")
        return record

    async def _committed_refunds(self, redis: Redis, record: JsonObject) -> int:
        """What the order's refunds that did not fail take out of it."""
        total = 0
        for refund_no in record["refund_nos"]:
            refund = await self._state(redis).get("refund", refund_no)
            if refund is not None and refund["status"] != "FAILED":
                total += int(refund["amount_fen"])
        return total

    def _new_payment_code(self) -> str:
        today = clock.local(clock.now())
        return f"{self.province_prefix}{today:%y%m%d}{_digits(12)}"


def _paid_fields(record: JsonObject) -> JsonObject:
    return {
        "notify_type": PAID_NOTICE,
        "order_id": record["order_id"],
        "payment_code": record["payment_code"],
        "payee_code": record["paid_payee_code"],
        "platform_serial": record["platform_serial"],
        "paid_fen": record["paid_fen"],
        "paid_at": record["paid_at"],
    }


def _refund_answer(refund: JsonObject) -> JsonObject:
    return {
        "order_id": refund["order_id"],
        "refund_no": refund["refund_no"],
        "refund_status": refund["status"],
    }


def _digits(count: int) -> str:
    return f"{secrets.randbelow(10**count):0{count}d}"


def _text_of(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _says_success(answer: httpx.Response) -> bool:
    try:
        body = answer.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("code") == "SUCCESS"


_CALL_REFUSALS = {
    Refusal.MALFORMED: ("PARAM_INVALID", "请求格式无效", 400),
    Refusal.STALE_TIMESTAMP: ("TIMESTAMP_EXPIRED", "时间戳超出允许范围", 401),
    Refusal.BAD_SIGNATURE: ("SIGN_INVALID", "签名无效", 401),
}


def _refusal_of(reason: Refusal) -> PlatformRefusal:
    code, message, status = _CALL_REFUSALS[reason]
    return PlatformRefusal(code, message, status)


# ------------------------------------------------------------------ the sandbox's routes

Handler = Callable[[Redis, Mapping[str, Any]], Awaitable[JsonObject]]


def sandbox_blueprint(sandbox: NonTaxSandbox) -> Blueprint:
    bp = Blueprint("sandbox_nontax", url_prefix=SANDBOX_PREFIX)
    endpoints: dict[str, Handler] = {
        ISSUE_PATH: sandbox.issue,
        QUERY_PATH: sandbox.query,
        CLOSE_PATH: sandbox.close,
        REFUND_PATH: sandbox.apply_refund,
        RECEIPT_PATH: sandbox.issue_receipt,
        REVERSE_PATH: sandbox.reverse_receipt,
        STATEMENT_PATH: sandbox.statement,
    }
    for path, handler in endpoints.items():
        bp.add_route(_api_route(sandbox, path, handler), path, methods=["POST"], name=_name(path))

    @bp.get("/cashier/<payment_code>")
    @requires(PUBLIC)
    async def cashier(request: Request, payment_code: str) -> HTTPResponse:
        record = await sandbox.order_by_code(sandbox_redis(request), payment_code)
        return html_response(*_cashier_page(record))

    @bp.post("/cashier/<payment_code>")
    @requires(PUBLIC)
    async def cashier_pay(request: Request, payment_code: str) -> HTTPResponse:
        redis = sandbox_redis(request)
        try:
            await sandbox.pay(redis, payment_code=payment_code)
        except PlatformRefusal as refused:
            return html_response(_page("无法缴款", html.escape(refused.message)), status=409)
        return html_response(*_cashier_page(await sandbox.order_by_code(redis, payment_code)))

    @bp.post("/control/pay")
    @requires(PUBLIC)
    async def pay(request: Request) -> HTTPResponse:
        body = _control_body(request)
        amount, payee = body.get("amount_fen"), body.get("payee_code")
        if not (amount is None or type(amount) is int) or not isinstance(payee, str | None):
            raise ValueError("amount_fen is an integer, payee_code a string")
        work = sandbox.pay(
            sandbox_redis(request),
            payment_code=body.get("payment_code"),
            order_id=body.get("order_id"),
            amount_fen=amount,
            payee_code=payee,
            deliver=bool(body.get("deliver", True)),
        )
        return await _control_answer(work)

    @bp.post("/control/refund-mode")
    @requires(PUBLIC)
    async def refund_mode(request: Request) -> HTTPResponse:
        auto = bool(_control_body(request)["auto"])
        await sandbox.set_refund_mode(sandbox_redis(request), auto=auto)
        return json_response({"auto": auto})

    @bp.post("/control/refund-outcome")
    @requires(PUBLIC)
    async def refund_outcome(request: Request) -> HTTPResponse:
        body = _control_body(request)
        status = body["status"]
        if status not in ("SUCCESS", "FAILED"):
            raise ValueError("status is SUCCESS or FAILED")
        work = sandbox.settle_refund(
            sandbox_redis(request), str(body["refund_no"]), succeeded=status == "SUCCESS"
        )
        return await _control_answer(work)

    @bp.post("/control/redeliver")
    @requires(PUBLIC)
    async def redeliver(request: Request) -> HTTPResponse:
        notify_id = _control_body(request).get("notify_id")
        try:
            sent = await sandbox.redeliver(sandbox_redis(request), notify_id)
        except PlatformRefusal as refused:
            return json_response({"code": refused.code}, status=refused.status)
        return json_response({"notify_id": sent})

    @bp.get("/control/notices/last")
    @requires(PUBLIC)
    async def last_notice(request: Request) -> HTTPResponse:
        body = await sandbox.last_notice_body(sandbox_redis(request))
        if body is None:
            return json_response({"code": "NOTICE_NOT_FOUND"}, status=404)
        return raw_response(body, content_type="application/json; charset=utf-8")

    return bp


def _name(path: str) -> str:
    return path.strip("/").replace("/", "_").replace("-", "_")


def _api_route(
    sandbox: NonTaxSandbox, path: str, handler: Handler
) -> Callable[[Request], Coroutine[Any, Any, HTTPResponse]]:
    @requires(PUBLIC)
    async def route(request: Request) -> HTTPResponse:
        redis = sandbox_redis(request)
        try:
            call = await sandbox.admit(redis, request.body or b"", path)
            answer = await handler(redis, call)
        except PlatformRefusal as refused:
            refusal = {"code": refused.code, "message": refused.message}
            return sandbox.answer(refusal, refused.status)
        return sandbox.answer({"code": SUCCESS_CODE, "message": "成功", **answer})

    return route


def _control_body(request: Request) -> dict[str, Any]:
    body = json.loads(request.body or b"{}")
    if not isinstance(body, dict):
        raise ValueError("a control body is a JSON object")
    return body


async def _control_answer(work: Awaitable[JsonObject]) -> HTTPResponse:
    try:
        return json_response(await work, ensure_ascii=False)
    except PlatformRefusal as refused:
        body = {"code": refused.code, "message": refused.message}
        return json_response(body, status=refused.status, ensure_ascii=False)


def _cashier_page(record: JsonObject | None) -> tuple[str, int]:
    if record is None:
        return _page("缴款码不存在", "请核对缴款码。"), 404
    amount = f"{record['total_fen'] // 100}.{record['total_fen'] % 100:02d}"
    details = (
        f"<p>缴款码：{html.escape(record['payment_code'])}</p>"
        f"<p>项目：{html.escape(record['description'])}</p>"
        f"<p>执收单位：{html.escape(record['payee_code'])}</p>"
        f"<p>金额：<strong>¥{amount}</strong></p>"
    )
    if record["state"] == "PAID":
        return _page("缴款成功", details + "<p>已缴款，谢谢。</p>"), 200
    if record["state"] == "CLOSED":
        return _page("缴款码已关闭", details), 200
    form = '<form method="post"><button type="submit">支付</button></form>'
    return _page("统一公共支付平台（沙箱）", details + form), 200


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    )


# ================================================================= built from the settings


def sandbox_from_settings(settings: Settings) -> NonTaxSandbox:
    """The sandbox this process serves: it knows our public key, signs with its own, and
    sends its notices to this process's callback."""
    base = settings.gateway_url("nontax")
    return NonTaxSandbox(
        settings.nontax_app_id,
        RsaSha256Verifier.from_pem(public_pem_of(settings.secret("nontax_client_key"))),
        RsaSha256Signer(private_rsa_key(settings.secret("nontax_sandbox_platform_key"))),
        base,
        base.replace(SANDBOX_PREFIX, "/callbacks/payments/nontax"),
        province_prefix=settings.nontax_province_prefix,
    )
