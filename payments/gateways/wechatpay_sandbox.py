"""WeChat Pay API v3's side, played over loopback HTTP under `/sandbox/wechatpay`.

It checks every call as WeChat Pay does (our `Authorization` against the merchant's public key,
its ±300 s window, its nonce once: 401 SIGN_ERROR otherwise, unsigned as WeChat Pay's is), signs
every other answer with the sandbox's platform key under `SANDBOX_KEY_ID` (the key
`platform_keys_from_settings` trusts in the sandbox mode), and keeps orders, refunds and its
ledger in Redis, so every server process on one Redis plays one WeChat Pay.

What the real one has that this one plays:
- JSAPI 下单: a stable prepay_id per order for two hours (WeChat Pay's prepay_id lifetime);
  the same out_trade_no with another amount is OUT_TRADE_NO_USED, a paid one ORDER_PAID, a
  closed one ORDER_CLOSED.
- 查询订单 (404 ORDER_NOT_EXIST for an unknown one), 关闭订单 (204; ORDER_PAID for a paid one;
  a closed one closes again), 申请退款 (the same out_refund_no is the same refund; more than is
  left to refund is INVALID_REQUEST), 查询单笔退款.
- 申请交易账单 and 下载账单: the ALL trade bill of a day (Asia/Shanghai) in WeChat Pay's CSV,
  its SHA1 in the signed answer, the file itself unsigned (as WeChat Pay's is). Unlike the real
  one it bills a day as soon as asked (today so far included); a day without trades is 400
  NO_STATEMENT_EXIST, as WeChat Pay answers.
- Notifications: TRANSACTION.SUCCESS and REFUND.*, signed and AES-GCM sealed with our APIv3 key
  (`payments.sandbox.WeChatPaySandbox` builds them), posted to the notify_url the order or the
  refund gave, in a background task (a single-worker server waits on its own callback
  otherwise), and posted again after a non-2xx answer, as WeChat Pay retries.

Test controls (the real one has none), under `/sandbox/wechatpay/control`:
- `POST /pay` `{"out_trade_no", "amount"?, "mchid"?, "deliver"?}`: the payer pays (an amount
  or a payee other than the order's, for the mismatch tests; `deliver: false` only marks it
  paid, for the sweep's query to find).
- `POST /refunds/next` `{"outcome": "SUCCESS" | "ABNORMAL" | "HOLD"}`: what the next refund
  does (SUCCESS unless told); `POST /refunds/{out_refund_no}/finish` `{"status"}` ends a held one.
- `POST /redeliver` `{"id"?}`: the last notification (or the one named) again, freshly signed.
- `GET /notifications/last`: what was sent last (`id`, `event_type`, `url`, `resource`: the
  opened plaintext); `GET /deliveries`: every attempt and its HTTP status (0: no answer).
- `POST /fail-next` `{"endpoint", "times"?}`: answer the next calls to an endpoint 500
  SYSTEM_ERROR (after checking their signature), for the client's retries.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, raw
from sanic.response import json as json_response

from api.kit import clock
from api.kit.policy import PUBLIC, requires
from api.kit.sandbox_state import JsonObject, Later, SandboxState, sandbox_redis
from api.kit.settings import Settings
from payments.callbacks import SANDBOX_KEY_ID
from payments.gateways.wechatpay import WINDOW_SECONDS, sign_notification
from payments.gateways.wechatpay_client import (
    SANDBOX_PREFIX,
    merchant_key,
    new_nonce,
    parse_authorization,
    request_message,
    rsa_verifies,
)
from payments.sandbox import WeChatPaySandbox, new_refund_id, new_transaction_id, rfc3339

log = logging.getLogger("yiwang.sandbox.wechatpay")

PREPAY_ID_SECONDS = 2 * 3600  # how long WeChat Pay's prepay_id is good for
BILL_LINK_SECONDS = 300  # download_url lives five minutes
NONCE_SECONDS = 2 * WINDOW_SECONDS
KEPT = 10_000  # ledger entries and notifications kept; far more than any test makes
DELIVERY_TIMEOUT_SECONDS = 5.0
# WeChat Pay retries at 15 s, 15 s, 30 s, 3 min, ...; a sandbox compresses the schedule.
DELIVERY_DELAYS_SECONDS = (0.0, 0.5, 2.0, 5.0)
REFUND_SECONDS = 1.0  # from a refund's acceptance to its outcome
FEE_RATE_PERMILLE = 6  # 0.60%, the usual rate for a government merchant's account
Endpoint = Literal["prepay", "query", "close", "refund", "bill", "download"]
ENDPOINTS: tuple[Endpoint, ...] = ("prepay", "query", "close", "refund", "bill", "download")
Outcome = Literal["SUCCESS", "ABNORMAL", "HOLD"]

BILL_HEADER = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,"
    "交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,"
    "充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
)
BILL_SUMMARY_HEADER = (
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"
)


class _Refused(Exception):
    """An answer WeChat Pay gives with `{"code", "message"}`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message


def _param_error(message: str) -> _Refused:
    return _Refused(400, "PARAM_ERROR", message)


@dataclass(frozen=True)
class Answer:
    status: int
    body: JsonObject | None  # None: no body (204)


class WeChatPayApiSandbox:
    """WeChat Pay's side. `base_url` is where this sandbox is served (its bill links point
    there); notifications go to the notify_url each call gave."""

    def __init__(
        self,
        *,
        mchid: str,
        appid: str,
        merchant_serial: str,
        merchant_public_key: rsa.RSAPublicKey,
        platform_key: rsa.RSAPrivateKey,
        api_v3_key: bytes,
        base_url: str,
        platform_serial: str = SANDBOX_KEY_ID,
        delivery_delays: Sequence[float] = DELIVERY_DELAYS_SECONDS,
        refund_seconds: float = REFUND_SECONDS,
        delivery_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.mchid = mchid
        self.appid = appid
        self.merchant_serial = merchant_serial
        self._merchant_public_key = merchant_public_key
        self._platform_key = platform_key
        self.platform_serial = platform_serial
        self.base_url = base_url.rstrip("/")
        self._notices = WeChatPaySandbox(
            private_key=platform_key,
            serial=platform_serial,
            api_v3_key=api_v3_key,
            mchid=mchid,
            appid=appid,
            callback_url="",  # each notification goes to the URL its order or refund gave
        )
        self._delays = tuple(delivery_delays) or (0.0,)
        self._refund_seconds = refund_seconds
        self._transport = delivery_transport
        self._later = Later("wechatpay sandbox", (_Refused, RedisError))

    @staticmethod
    def state(redis: Redis) -> SandboxState:
        return SandboxState(redis, "wechatpay")

    # ------------------------------------------------------------------ checking a call

    async def problem_with(
        self, redis: Redis, method: str, url: str, authorization: str, body: bytes
    ) -> str | None:
        """Why a call must be refused 401 SIGN_ERROR, or None; `url` is its path and query."""
        parts = parse_authorization(authorization)
        if parts is None:
            return "no WECHATPAY2-SHA256-RSA2048 authorization"
        if parts.mchid != self.mchid or parts.serial != self.merchant_serial:
            return "unknown merchant or certificate serial"
        stamp = parts.timestamp
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
            return "bad timestamp"
        if abs(time.time() - int(stamp)) > WINDOW_SECONDS:
            return "timestamp outside the window"
        if not 0 < len(parts.nonce) <= 64 or not parts.nonce.isascii():
            return "bad nonce"
        message = request_message(method, url, stamp, parts.nonce, body)
        if not rsa_verifies(self._merchant_public_key, message, parts.signature):
            return "bad signature"
        # Only a signed call spends its nonce: a forgery cannot burn the merchant's nonces.
        if not await self.state(redis).first_time("nonce", parts.nonce, NONCE_SECONDS):
            return "nonce reused"
        return None

    async def arrived(self, redis: Redis, endpoint: Endpoint) -> bool:
        """Count a call; True if a test asked for it to fail."""
        state = self.state(redis)
        await state.count("calls", endpoint)
        return await state.spend_one("faults", endpoint)

    def signed_headers(self, body: bytes) -> dict[str, str]:
        """An answer's signature headers, as WeChat Pay signs its answers."""
        return {
            "Request-ID": secrets.token_hex(16),
            **sign_notification(
                self._platform_key, self.platform_serial, body, int(time.time()), new_nonce()
            ),
        }

    # ------------------------------------------------------------------ the wire side

    async def prepay(self, redis: Redis, call: Mapping[str, Any]) -> Answer:
        out_trade_no = _text(call, "out_trade_no", 6, 32)
        if _text(call, "appid") != self.appid or _text(call, "mchid") != self.mchid:
            raise _Refused(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配")
        amount = _object(call, "amount")
        total = _amount(amount, "total")
        if amount.get("currency", "CNY") != "CNY":
            raise _param_error("currency 只支持 CNY")
        openid = _text(_object(call, "payer"), "openid", 1, 128)
        time_expire = _moment(_text(call, "time_expire", 1, 64))
        if time_expire <= clock.now():
            raise _param_error("time_expire 已过期")
        notify_url = _text(call, "notify_url", 1, 256)
        description = _text(call, "description", 1, 127)
        state = self.state(redis)
        order = await state.get("order", out_trade_no)
        now = time.time()
        if order is None:
            order = {
                "out_trade_no": out_trade_no,
                "appid": self.appid,
                "mchid": self.mchid,
                "description": description,
                "total": total,
                "time_expire": time_expire.isoformat(),
                "notify_url": notify_url,
                # Only a digest of the openid is kept (it names the bill's 用户标识).
                "payer": "o" + hashlib.sha256(openid.encode()).hexdigest()[:27],
                "trade_state": "NOTPAY",
                "prepay_id": _new_prepay_id(),
                "prepaid_at": now,
            }
        else:
            _check_can_prepay(order, total)
            if now - float(order["prepaid_at"]) >= PREPAY_ID_SECONDS:
                order.update(prepay_id=_new_prepay_id(), prepaid_at=now)
            order.update(notify_url=notify_url, time_expire=time_expire.isoformat())
        await state.put("order", out_trade_no, order, None)
        return Answer(200, {"prepay_id": order["prepay_id"]})

    async def query(self, redis: Redis, out_trade_no: str, mchid: str) -> Answer:
        if mchid != self.mchid:
            raise _param_error("mchid 与请求的商户号不一致")
        order = await self._order(redis, out_trade_no)
        return Answer(200, _transaction_of(order))

    async def close(self, redis: Redis, out_trade_no: str, call: Mapping[str, Any]) -> Answer:
        if _text(call, "mchid") != self.mchid:
            raise _param_error("mchid 与请求的商户号不一致")
        order = await self._order(redis, out_trade_no)
        if order["trade_state"] in ("SUCCESS", "REFUND"):
            raise _Refused(400, "ORDER_PAID", "订单已支付")
        order["trade_state"] = "CLOSED"
        await self.state(redis).put("order", out_trade_no, order, None)
        return Answer(204, None)

    async def refund(self, redis: Redis, call: Mapping[str, Any]) -> Answer:
        out_trade_no = _text(call, "out_trade_no", 6, 32)
        out_refund_no = _text(call, "out_refund_no", 1, 64)
        amount = _object(call, "amount")
        refund_fen, total = _amount(amount, "refund"), _amount(amount, "total")
        notify_url = str(call.get("notify_url") or "")
        state = self.state(redis)
        existing = await state.get("refund", out_refund_no)
        if existing is not None:
            if existing["out_trade_no"] != out_trade_no or existing["refund"] != refund_fen:
                raise _Refused(400, "INVALID_REQUEST", "退款单号重复但参数不一致")
            return Answer(200, _refund_of(existing))
        order = await self._order(redis, out_trade_no)
        if order["trade_state"] not in ("SUCCESS", "REFUND"):
            raise _Refused(400, "INVALID_REQUEST", "订单未支付，不能退款")
        if total != order["paid_total"]:
            raise _Refused(400, "INVALID_REQUEST", "订单金额与原订单不一致")
        if order.get("refunded", 0) + refund_fen > total:
            raise _Refused(400, "INVALID_REQUEST", "申请退款金额超过订单可退金额")
        refund: JsonObject = {
            "refund_id": new_refund_id(),
            "out_refund_no": out_refund_no,
            "out_trade_no": out_trade_no,
            "transaction_id": order["transaction_id"],
            "refund": refund_fen,
            "total": total,
            "reason": str(call.get("reason") or ""),
            "notify_url": notify_url or order["notify_url"],
            "status": "PROCESSING",
            "create_time": rfc3339(clock.now()),
        }
        # Claimed first (SET NX): of two requests with one number, one makes the refund.
        if not await state.put("refund", out_refund_no, refund, None, only_new=True):
            return await self.refund(redis, call)
        order.update(trade_state="REFUND", refunded=order.get("refunded", 0) + refund_fen)
        await state.put("order", out_trade_no, order, None)
        await self._ledger(redis, "refund", out_refund_no, refund["create_time"])
        outcome = await state.take("control", "next_refund")
        status = str((outcome or {}).get("outcome", "SUCCESS"))
        if status != "HOLD":
            self._later(self._finish_refund_later(redis, out_refund_no, status))
        return Answer(200, _refund_of(refund))

    async def refund_status(self, redis: Redis, out_refund_no: str) -> Answer:
        refund = await self.state(redis).get("refund", out_refund_no)
        if refund is None:
            raise _Refused(404, "RESOURCE_NOT_EXISTS", "退款单不存在")
        return Answer(200, _refund_of(refund))

    async def trade_bill(self, redis: Redis, bill_date: str, bill_type: str) -> Answer:
        try:
            day = date.fromisoformat(bill_date)
        except ValueError:
            raise _param_error("bill_date 格式应为 yyyy-MM-dd") from None
        if bill_type != "ALL":
            raise _param_error("沙箱只提供 ALL 类型的交易账单")
        content = await self.bill(redis, day)
        if content is None:
            raise _Refused(400, "NO_STATEMENT_EXIST", "账单文件不存在")
        token = await self.state(redis).new_code(
            "bill", {"content": content.decode()}, BILL_LINK_SECONDS
        )
        return Answer(
            200,
            {
                "hash_type": "SHA1",
                "hash_value": hashlib.sha1(content).hexdigest(),  # noqa: S324 - WeChat Pay's
                "download_url": f"{self.base_url}/v3/billdownload/file?token={token}",
            },
        )

    async def bill_file(self, redis: Redis, token: str) -> bytes:
        found = await self.state(redis).get("bill", token)
        if found is None:
            raise _Refused(400, "INVALID_REQUEST", "账单下载地址已过期")
        return str(found["content"]).encode()

    # ------------------------------------------------------------------ the bill

    async def bill(self, redis: Redis, day: date) -> bytes | None:
        """The ALL trade bill of `day` (Asia/Shanghai), or None for a day without trades."""
        state = self.state(redis)
        rows: list[_BillRow] = []
        for entry in await state.items("ledger"):
            if clock.local(datetime.fromisoformat(entry["at"])).date() != day:
                continue
            if entry["kind"] == "pay":
                order = await state.get("order", entry["id"])
                if order is not None:
                    rows.append(_payment_row(order))
            else:
                refund = await state.get("refund", entry["id"])
                order = await state.get("order", refund["out_trade_no"]) if refund else None
                if refund is not None and order is not None:
                    rows.append(_refund_row(order, refund))
        return trade_bill_csv(rows) if rows else None

    # ------------------------------------------------------------------ the test side

    async def pay(
        self,
        redis: Redis,
        out_trade_no: str,
        *,
        amount: int | None = None,
        mchid: str | None = None,
        deliver: bool = True,
    ) -> JsonObject:
        """The payer pays the order: marked SUCCESS and, unless `deliver` is False, notified."""
        order = await self._order(redis, out_trade_no)
        if order["trade_state"] not in ("NOTPAY", "USERPAYING"):
            raise _Refused(409, "INVALID_REQUEST", f"订单状态为 {order['trade_state']}")
        paid_at = clock.now()
        if datetime.fromisoformat(order["time_expire"]) < paid_at:
            raise _Refused(409, "ORDER_EXPIRED", "订单已过支付截止时间")
        order.update(
            trade_state="SUCCESS",
            transaction_id=new_transaction_id(),
            success_time=rfc3339(paid_at),
            paid_total=order["total"] if amount is None else amount,
            paid_mchid=mchid or self.mchid,
            refunded=0,
        )
        await self.state(redis).put("order", out_trade_no, order, None)
        await self._ledger(redis, "pay", out_trade_no, order["success_time"])
        if deliver:
            body = self._notices.paid(
                out_trade_no,
                order["paid_total"],
                mchid=order["paid_mchid"],
                success_time=paid_at,
                transaction_id=order["transaction_id"],
            )
            await self._send_later(redis, order["notify_url"], body, _transaction_of(order))
        return _transaction_of(order)

    async def finish_refund(self, redis: Redis, out_refund_no: str, status: str) -> None:
        """A refund's outcome (SUCCESS, ABNORMAL or CLOSED), notified."""
        if status not in ("SUCCESS", "ABNORMAL", "CLOSED"):
            raise _param_error("status 应为 SUCCESS、ABNORMAL 或 CLOSED")
        state = self.state(redis)
        refund = await state.get("refund", out_refund_no)
        if refund is None:
            raise _Refused(404, "RESOURCE_NOT_EXISTS", "退款单不存在")
        if refund["status"] != "PROCESSING":
            return
        finished_at = clock.now()
        refund.update(status=status)
        if status == "SUCCESS":
            refund["success_time"] = rfc3339(finished_at)
        await state.put("refund", out_refund_no, refund, None)
        if status == "CLOSED":  # a closed refund gives its amount back to what may be refunded
            order = await self._order(redis, refund["out_trade_no"])
            order["refunded"] = order.get("refunded", 0) - refund["refund"]
            await state.put("order", refund["out_trade_no"], order, None)
        body = self._notices.refund(
            out_refund_no,
            refund["out_trade_no"],
            refund["refund"],
            refund["total"],
            status=status,
            transaction_id=refund["transaction_id"],
            refund_id=refund["refund_id"],
            success_time=finished_at,
        )
        await self._send_later(redis, refund["notify_url"], body, _refund_notice_of(refund))

    async def _finish_refund_later(self, redis: Redis, out_refund_no: str, status: str) -> None:
        # A refund's outcome follows its acceptance by a moment, as WeChat Pay's does: the
        # caller has recorded the refund it asked for before its notification arrives.
        await asyncio.sleep(self._refund_seconds)
        await self.finish_refund(redis, out_refund_no, status)

    async def next_refund(self, redis: Redis, outcome: Outcome) -> None:
        await self.state(redis).put("control", "next_refund", {"outcome": outcome}, None)

    async def redeliver(self, redis: Redis, notification_id: str | None = None) -> JsonObject:
        """Send a notification again (the last, or the one named), freshly signed."""
        sent = await self.state(redis).items("notifications")
        chosen = [n for n in sent if notification_id in (None, n["id"])]
        if not chosen:
            raise _Refused(404, "RESOURCE_NOT_EXISTS", "没有这条通知")
        last = chosen[-1]
        self._later(self._deliver(redis, last["url"], last["body"].encode(), last["id"]))
        return {"id": last["id"], "event_type": last["event_type"]}

    async def last_notification(self, redis: Redis) -> JsonObject | None:
        sent = await self.state(redis).items("notifications", last=1)
        return sent[-1] if sent else None

    async def deliveries(self, redis: Redis) -> list[JsonObject]:
        return await self.state(redis).items("deliveries")

    async def fail_next(self, redis: Redis, endpoint: Endpoint, times: int = 1) -> None:
        for _ in range(times):
            await self.state(redis).give_one("faults", endpoint)

    async def calls(self, redis: Redis) -> dict[str, int]:
        return await self.state(redis).counts("calls")

    async def settle(self) -> None:
        """Wait for the notifications and refund outcomes still under way."""
        await self._later.settle()

    # ------------------------------------------------------------------ inside

    async def _order(self, redis: Redis, out_trade_no: str) -> JsonObject:
        order = await self.state(redis).get("order", out_trade_no)
        if order is None:
            raise _Refused(404, "ORDER_NOT_EXIST", "订单不存在")
        return order

    async def _ledger(self, redis: Redis, kind: str, ident: str, at: str) -> None:
        await self.state(redis).append_capped("ledger", {"kind": kind, "id": ident, "at": at}, KEPT)

    async def _send_later(self, redis: Redis, url: str, body: bytes, plaintext: JsonObject) -> None:
        envelope = json.loads(body)
        record = {
            "id": envelope["id"],
            "event_type": envelope["event_type"],
            "url": url,
            "body": body.decode(),
            "resource": plaintext,
        }
        await self.state(redis).append_capped("notifications", record, KEPT)
        self._later(self._deliver(redis, url, body, envelope["id"]))

    async def _deliver(self, redis: Redis, url: str, body: bytes, notification_id: str) -> None:
        """Post until a 2xx answer or the schedule runs out, each attempt freshly signed."""
        for delay in self._delays:
            await asyncio.sleep(delay)
            status = await self._post(url, body)
            delivery = {"id": notification_id, "status": status}
            await self.state(redis).append_capped("deliveries", delivery, KEPT)
            if 200 <= status < 300:
                return

    async def _post(self, url: str, body: bytes) -> int:
        try:
            async with httpx.AsyncClient(
                timeout=DELIVERY_TIMEOUT_SECONDS, transport=self._transport
            ) as http:
                return (
                    await http.post(url, content=body, headers=self._notices.signed(body))
                ).status_code
        except httpx.HTTPError as exc:
            log.warning("wechatpay sandbox: notification got no answer (%s)", type(exc).__name__)
            return 0


# ------------------------------------------------------------------ answers' shapes


def _transaction_of(order: Mapping[str, Any]) -> JsonObject:
    """An order as 查询订单 answers it (and as a TRANSACTION notification carries it)."""
    state = order["trade_state"]
    answer: JsonObject = {
        "appid": order["appid"],
        "mchid": order.get("paid_mchid", order["mchid"]),
        "out_trade_no": order["out_trade_no"],
        "trade_type": "JSAPI",
        "trade_state": state,
        "trade_state_desc": _STATE_WORDS[state],
        "amount": {"total": order["total"], "currency": "CNY", "payer_currency": "CNY"},
    }
    if state in ("SUCCESS", "REFUND"):
        answer.update(
            transaction_id=order["transaction_id"],
            bank_type="OTHERS",
            success_time=order["success_time"],
            payer={"openid": order["payer"]},
            amount={
                "total": order["paid_total"],
                "payer_total": order["paid_total"],
                "currency": "CNY",
                "payer_currency": "CNY",
            },
        )
    return answer


_STATE_WORDS = {
    "NOTPAY": "订单未支付",
    "USERPAYING": "用户支付中",
    "SUCCESS": "支付成功",
    "REFUND": "转入退款",
    "CLOSED": "已关闭",
    "REVOKED": "已撤销",
    "PAYERROR": "支付失败",
}


def _refund_of(refund: Mapping[str, Any]) -> JsonObject:
    """A refund as 申请退款 and 查询单笔退款 answer it."""
    answer: JsonObject = {
        "refund_id": refund["refund_id"],
        "out_refund_no": refund["out_refund_no"],
        "transaction_id": refund["transaction_id"],
        "out_trade_no": refund["out_trade_no"],
        "channel": "ORIGINAL",
        "user_received_account": "支付用户零钱",
        "create_time": refund["create_time"],
        "status": refund["status"],
        "amount": {
            "total": refund["total"],
            "refund": refund["refund"],
            "payer_total": refund["total"],
            "payer_refund": refund["refund"],
            "settlement_refund": refund["refund"],
            "settlement_total": refund["total"],
            "discount_refund": 0,
            "currency": "CNY",
        },
    }
    if "success_time" in refund:
        answer["success_time"] = refund["success_time"]
    return answer


def _refund_notice_of(refund: Mapping[str, Any]) -> JsonObject:
    return {**_refund_of(refund), "refund_status": refund["status"]}


def _check_can_prepay(order: Mapping[str, Any], total: int) -> None:
    if order["trade_state"] in ("SUCCESS", "REFUND"):
        raise _Refused(400, "ORDER_PAID", "订单已支付")
    if order["trade_state"] == "CLOSED":
        raise _Refused(400, "ORDER_CLOSED", "订单已关闭")
    if order["total"] != total:
        raise _Refused(403, "OUT_TRADE_NO_USED", "商户订单号重复")


def _new_prepay_id() -> str:
    return "wx" + clock.local(clock.now()).strftime("%d%H%M%S") + secrets.token_hex(12)


# ------------------------------------------------------------------ the bill's format


@dataclass(frozen=True)
class _BillRow:
    """One detail row of a trade bill; amounts in fen."""

    at: str  # 交易时间, yyyy-MM-dd HH:mm:ss in Beijing time
    appid: str
    mchid: str
    transaction_id: str
    out_trade_no: str
    payer: str
    status: str  # SUCCESS or REFUND
    settled_fen: int  # 应结订单金额 (0 on a refund row)
    refund_id: str
    out_refund_no: str
    refund_fen: int
    refund_type: str
    refund_status: str
    description: str
    fee_fen: int  # negative on a refund row: the fee given back
    order_fen: int  # 订单金额 (0 on a refund row)
    asked_refund_fen: int  # 申请退款金额


def _payment_row(order: Mapping[str, Any]) -> _BillRow:
    total = int(order["paid_total"])
    return _BillRow(
        at=_bill_time(order["success_time"]),
        appid=order["appid"],
        mchid=order["paid_mchid"],
        transaction_id=order["transaction_id"],
        out_trade_no=order["out_trade_no"],
        payer=order["payer"],
        status="SUCCESS",
        settled_fen=total,
        refund_id="0",
        out_refund_no="0",
        refund_fen=0,
        refund_type="",
        refund_status="",
        description=order["description"],
        fee_fen=_fee(total),
        order_fen=total,
        asked_refund_fen=0,
    )


def _refund_row(order: Mapping[str, Any], refund: Mapping[str, Any]) -> _BillRow:
    amount = int(refund["refund"])
    return _BillRow(
        at=_bill_time(refund["create_time"]),
        appid=order["appid"],
        mchid=order["paid_mchid"],
        transaction_id=order["transaction_id"],
        out_trade_no=order["out_trade_no"],
        payer=order["payer"],
        status="REFUND",
        settled_fen=0,
        refund_id=refund["refund_id"],
        out_refund_no=refund["out_refund_no"],
        refund_fen=amount,
        refund_type="ORIGINAL",
        refund_status=refund["status"],
        description=order["description"],
        fee_fen=-_fee(amount),
        order_fen=0,
        asked_refund_fen=amount,
    )


def _fee(fen: int) -> int:
    """The fee on an amount at the rate, rounded half up to the fen."""
    return (fen * FEE_RATE_PERMILLE + 500) // 1000


def trade_bill_csv(rows: Sequence[_BillRow]) -> bytes:
    """WeChat Pay's trade bill: the detail header, a row per trade with every value after a
    backtick (so a spreadsheet keeps long numbers as text), the summary header and its row;
    amounts in yuan with two decimals, lines ended by CRLF, UTF-8."""
    lines = [BILL_HEADER]
    lines.extend(_ticked(_detail_values(row)) for row in rows)
    lines.append(BILL_SUMMARY_HEADER)
    lines.append(
        _ticked(
            [
                str(len(rows)),
                _yuan(sum(row.settled_fen for row in rows)),
                _yuan(sum(row.refund_fen for row in rows)),
                _yuan(0),
                _yuan(sum(row.fee_fen for row in rows)),
                _yuan(sum(row.order_fen for row in rows)),
                _yuan(sum(row.asked_refund_fen for row in rows)),
            ]
        )
    )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _detail_values(row: _BillRow) -> list[str]:
    return [
        row.at,
        row.appid,
        row.mchid,
        "0",  # 特约商户号: none for an ordinary merchant
        "",  # 设备号
        row.transaction_id,
        row.out_trade_no,
        row.payer,
        "JSAPI",
        row.status,
        "OTHERS",
        "CNY",
        _yuan(row.settled_fen),
        _yuan(0),  # 代金券金额
        row.refund_id,
        row.out_refund_no,
        _yuan(row.refund_fen),
        _yuan(0),  # 充值券退款金额
        row.refund_type,
        row.refund_status,
        row.description.replace(",", "，"),  # a comma would split the column
        "",  # 商户数据包 (attach): we send none
        _yuan(row.fee_fen),
        f"{FEE_RATE_PERMILLE / 10:.2f}%",
        _yuan(row.order_fen),
        _yuan(row.asked_refund_fen),
        "",  # 费率备注
    ]


def _ticked(values: Sequence[str]) -> str:
    return ",".join("`" + value for value in values)


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def _bill_time(rfc3339_text: str) -> str:
    return clock.local(datetime.fromisoformat(rfc3339_text)).strftime("%Y-%m-%d %H:%M:%S")


# ------------------------------------------------------------------ reading calls


def _object(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = data.get(name)
    if not isinstance(value, dict):
        raise _param_error(f"{name} 应为对象")
    return value


def _text(data: Mapping[str, Any], name: str, shortest: int = 1, longest: int = 64) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not shortest <= len(value) <= longest:
        raise _param_error(f"{name} 缺失或长度不符")
    return value


def _amount(data: Mapping[str, Any], name: str) -> int:
    value = data.get(name)
    if type(value) is not int or value < 1:
        raise _param_error(f"{name} 应为正整数（分）")
    return value


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _param_error("时间格式应为 RFC 3339") from None
    if moment.tzinfo is None:
        raise _param_error("时间应带时区")
    return moment


def _json_call(request: Request) -> Mapping[str, Any]:
    try:
        value = json.loads(request.body or b"{}")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _param_error("请求体不是 JSON") from None
    if not isinstance(value, dict):
        raise _param_error("请求体应为 JSON 对象")
    return value


# -------------------------------------------------------------------- the sandbox's routes


def _signed(sandbox: WeChatPayApiSandbox, answer: Answer) -> HTTPResponse:
    body = b"" if answer.body is None else _dumps(answer.body)
    headers = sandbox.signed_headers(body)
    if answer.body is None:
        return raw(b"", status=answer.status, headers=headers)
    return raw(body, status=answer.status, headers=headers, content_type="application/json")


async def _admitted(
    sandbox: WeChatPayApiSandbox, request: Request, endpoint: Endpoint
) -> HTTPResponse | None:
    """None if the call may go on; otherwise WeChat Pay's refusal of it: 401 SIGN_ERROR
    (unsigned, as WeChat Pay's is), or the 500 SYSTEM_ERROR a test asked for."""
    redis = sandbox_redis(request)
    failing = await sandbox.arrived(redis, endpoint)
    url = request.raw_url.decode("ascii", "replace")
    problem = await sandbox.problem_with(
        redis, request.method, url, request.headers.get("authorization", ""), request.body or b""
    )
    if problem:
        log.info("wechatpay sandbox: SIGN_ERROR (%s)", problem)
        return json_response({"code": "SIGN_ERROR", "message": "签名错误"}, status=401)
    if failing:
        return _signed(sandbox, _refusal(_Refused(500, "SYSTEM_ERROR", "系统错误（测试要求）")))
    return None


async def _served(
    sandbox: WeChatPayApiSandbox,
    request: Request,
    endpoint: Endpoint,
    work: Callable[[Redis], Awaitable[Answer]],
) -> HTTPResponse:
    """Check the call, do the work, answer signed; WeChat Pay's refusals are answered with
    their code and message, signed too."""
    refusal = await _admitted(sandbox, request, endpoint)
    if refusal is not None:
        return refusal
    try:
        answer = await work(sandbox_redis(request))
    except _Refused as refused:
        answer = _refusal(refused)
    return _signed(sandbox, answer)


def _refusal(refused: _Refused) -> Answer:
    return Answer(refused.status, {"code": refused.code, "message": refused.message})


async def _controlled(work: Awaitable[JsonObject]) -> HTTPResponse:
    try:
        body = await work
    except _Refused as refused:
        return json_response(
            {"code": refused.code, "message": refused.message}, status=refused.status
        )
    return json_response(body, ensure_ascii=False)


def sandbox_blueprint(sandbox: WeChatPayApiSandbox) -> Blueprint:
    bp = Blueprint("sandbox_wechatpay", url_prefix=SANDBOX_PREFIX)

    @bp.post("/v3/pay/transactions/jsapi")
    @requires(PUBLIC)
    async def prepay(request: Request) -> HTTPResponse:
        return await _served(
            sandbox, request, "prepay", lambda redis: sandbox.prepay(redis, _json_call(request))
        )

    @bp.get("/v3/pay/transactions/out-trade-no/<out_trade_no>")
    @requires(PUBLIC)
    async def query(request: Request, out_trade_no: str) -> HTTPResponse:
        mchid = request.args.get("mchid", "")
        return await _served(
            sandbox, request, "query", lambda redis: sandbox.query(redis, out_trade_no, mchid)
        )

    @bp.post("/v3/pay/transactions/out-trade-no/<out_trade_no>/close")
    @requires(PUBLIC)
    async def close(request: Request, out_trade_no: str) -> HTTPResponse:
        return await _served(
            sandbox,
            request,
            "close",
            lambda redis: sandbox.close(redis, out_trade_no, _json_call(request)),
        )

    @bp.post("/v3/refund/domestic/refunds")
    @requires(PUBLIC)
    async def refund(request: Request) -> HTTPResponse:
        return await _served(
            sandbox, request, "refund", lambda redis: sandbox.refund(redis, _json_call(request))
        )

    @bp.get("/v3/refund/domestic/refunds/<out_refund_no>")
    @requires(PUBLIC)
    async def refund_status(request: Request, out_refund_no: str) -> HTTPResponse:
        return await _served(
            sandbox, request, "refund", lambda redis: sandbox.refund_status(redis, out_refund_no)
        )

    @bp.get("/v3/bill/tradebill")
    @requires(PUBLIC)
    async def trade_bill(request: Request) -> HTTPResponse:
        bill_date = request.args.get("bill_date", "")
        bill_type = request.args.get("bill_type", "ALL")
        return await _served(
            sandbox, request, "bill", lambda redis: sandbox.trade_bill(redis, bill_date, bill_type)
        )

    @bp.get("/v3/billdownload/file")
    @requires(PUBLIC)
    async def download(request: Request) -> HTTPResponse:
        refusal = await _admitted(sandbox, request, "download")
        if refusal is not None:
            return refusal
        try:
            content = await sandbox.bill_file(sandbox_redis(request), request.args.get("token", ""))
        except _Refused as refused:
            return _signed(sandbox, _refusal(refused))
        # The file is not signed: its SHA1, in the signed bill answer, vouches for it.
        return raw(content, content_type="text/plain; charset=utf-8")

    @bp.post("/control/pay")
    @requires(PUBLIC)
    async def pay(request: Request) -> HTTPResponse:
        call = _json_call(request)
        amount = call.get("amount")
        if amount is not None and (type(amount) is not int or amount < 1):
            raise ValueError("amount is a positive number of fen")
        return await _controlled(
            sandbox.pay(
                sandbox_redis(request),
                _text(call, "out_trade_no", 1, 32),
                amount=amount,
                mchid=str(call["mchid"]) if call.get("mchid") else None,
                deliver=call.get("deliver", True) is not False,
            )
        )

    @bp.post("/control/refunds/next")
    @requires(PUBLIC)
    async def next_refund(request: Request) -> HTTPResponse:
        outcome = _json_call(request).get("outcome")
        if outcome not in ("SUCCESS", "ABNORMAL", "HOLD"):
            raise ValueError("outcome is SUCCESS, ABNORMAL or HOLD")

        async def work() -> JsonObject:
            await sandbox.next_refund(sandbox_redis(request), outcome)
            return {"next_refund": outcome}

        return await _controlled(work())

    @bp.post("/control/refunds/<out_refund_no>/finish")
    @requires(PUBLIC)
    async def finish_refund(request: Request, out_refund_no: str) -> HTTPResponse:
        status = str(_json_call(request).get("status", "SUCCESS"))

        async def work() -> JsonObject:
            await sandbox.finish_refund(sandbox_redis(request), out_refund_no, status)
            return {"out_refund_no": out_refund_no, "status": status}

        return await _controlled(work())

    @bp.post("/control/redeliver")
    @requires(PUBLIC)
    async def redeliver(request: Request) -> HTTPResponse:
        named = _json_call(request).get("id")
        return await _controlled(
            sandbox.redeliver(sandbox_redis(request), str(named) if named else None)
        )

    @bp.get("/control/notifications/last")
    @requires(PUBLIC)
    async def last_notification(request: Request) -> HTTPResponse:
        async def work() -> JsonObject:
            found = await sandbox.last_notification(sandbox_redis(request))
            if found is None:
                raise _Refused(404, "RESOURCE_NOT_EXISTS", "还没有发出通知")
            return found

        return await _controlled(work())

    @bp.get("/control/deliveries")
    @requires(PUBLIC)
    async def deliveries(request: Request) -> HTTPResponse:
        async def work() -> JsonObject:
            return {"deliveries": await sandbox.deliveries(sandbox_redis(request))}

        return await _controlled(work())

    @bp.post("/control/fail-next")
    @requires(PUBLIC)
    async def fail_next(request: Request) -> HTTPResponse:
        call = _json_call(request)
        endpoint = call.get("endpoint")
        times = call.get("times", 1)
        if endpoint not in ENDPOINTS or type(times) is not int or not 0 < times <= 100:
            raise ValueError("endpoint is one of " + ", ".join(ENDPOINTS))

        async def work() -> JsonObject:
            await sandbox.fail_next(sandbox_redis(request), endpoint, times)
            return {"endpoint": endpoint, "times": times}

        return await _controlled(work())

    return bp


def _dumps(value: JsonObject) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


# ================================================================= built from the settings


def sandbox_from_settings(settings: Settings) -> WeChatPayApiSandbox:
    """The sandbox this process serves under /sandbox/wechatpay: it knows our merchant public
    key (from the merchant key) and signs with the sandbox platform key."""
    platform_key = serialization.load_pem_private_key(
        settings.secret("wechatpay_sandbox_platform_key"), password=None
    )
    if not isinstance(platform_key, rsa.RSAPrivateKey):
        raise ValueError("the sandbox platform key is an RSA key")
    return WeChatPayApiSandbox(
        mchid=settings.wechatpay_mchid,
        appid=settings.wechat_mp_appid,
        merchant_serial=settings.wechatpay_merchant_serial,
        merchant_public_key=merchant_key(settings).public_key(),
        platform_key=platform_key,
        api_v3_key=settings.secret("wechatpay_api_v3_key"),
        base_url=settings.gateway_url("wechatpay"),
    )
