"""WeChat Pay API v3 for JSAPI payment in the mini-program: the real client.

What WeChat Pay's documents ask, and how this module does it:

- Every request carries `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",
  signature="…",timestamp="…",serial_no="…"`: base64 RSA-SHA256 (PKCS#1 v1.5) with the merchant
  API key over `METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n`, URL being the path and query as sent
  (签名生成, APIv3 接口规则).
- Every answer is checked as a callback is (`verify_notification`: the serial's platform key,
  `timestamp\\nnonce\\nbody\\n`, the ±300 s window). An answer that does not verify is treated as
  no answer (ChannelUnavailable) and nothing in it is believed. The bill file itself is not
  signed (下载账单: 应答不含签名); its SHA1, from the signed bill answer, vouches for it.
- JSAPI 下单 `POST /v3/pay/transactions/jsapi` → prepay_id, then `wx.requestPayment`'s paySign:
  RSA-SHA256 over `appId\\ntimeStamp\\nnonceStr\\npackage\\n` (小程序调起支付签名).
- 查询订单 by out_trade_no, 关闭订单, 申请退款 `POST /v3/refund/domestic/refunds`, 申请交易账单
  `GET /v3/bill/tradebill` then 下载账单 from its download_url.

Failures: no answer in time, no connection, 5xx, 429 and SYSTEM_ERROR are transient; every call
here is idempotent at WeChat Pay (a query, a close, a bill, and a prepay or a refund keyed by our
out_trade_no / out_refund_no), so they are retried a bounded number of times within one whole-call
timeout, then raised as ChannelUnavailable. Any other 4xx is WeChat Pay saying no: ChannelRefused
with its `code` and `message`. The payer's openid goes to WeChat Pay and nowhere else (no log).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as day_time
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from api.kit import clock
from api.kit.settings import Settings
from payments.callbacks import platform_keys_from_settings
from payments.gateways.channel import (
    ChannelRefused,
    ChannelUnavailable,
    OrderToPay,
    RefundToSend,
    RemoteOrder,
    RemoteState,
    RequestPayment,
)
from payments.gateways.wechatpay import (
    SIGNATURE_TYPE,
    PlatformKeys,
    WeChatPayRefused,
    verify_notification,
)
from payments.models import Channel

log = logging.getLogger("yiwang.payments.wechatpay.client")

SANDBOX_PREFIX = "/sandbox/wechatpay"
CALLBACK_PATH = "/callbacks/payments/wechat"
RETRY_ATTEMPTS = 3  # the first try and two more
RETRY_BACKOFF_SECONDS = (0.2, 0.5)
DESCRIPTION_LIMIT = 127  # characters WeChat Pay takes in `description`
BILL_TYPE = "ALL"
PAY_SIGN_TYPE = "RSA"

_PAID_STATES = frozenset({"SUCCESS", "REFUND"})  # a refund follows a payment: still paid
_UNPAID_STATES = frozenset({"NOTPAY", "USERPAYING"})
_CLOSED_STATES = frozenset({"CLOSED", "REVOKED", "PAYERROR"})
# The same refusal has been spelt both ways across WeChat Pay's API generations.
_CODE_ALIASES = {"ORDERPAID": "ORDER_PAID", "ORDERCLOSED": "ORDER_CLOSED"}


# =============================================================================== signing


def request_message(method: str, url: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """`METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n`: what a request's Authorization signs; `url`
    is the path and query exactly as sent."""
    head = f"{method.upper()}\n{url}\n{timestamp}\n{nonce}\n".encode()
    return head + body + b"\n"


def rsa_sign(key: rsa.RSAPrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message, padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_verifies(key: rsa.RSAPublicKey, message: bytes, offered: str) -> bool:
    try:
        signature = base64.b64decode(offered, validate=True)
        key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):  # binascii.Error is a ValueError
        return False
    return True


def authorization(
    key: rsa.RSAPrivateKey,
    *,
    mchid: str,
    serial: str,
    method: str,
    url: str,
    body: bytes,
    timestamp: str,
    nonce: str,
) -> str:
    """The `Authorization` header of one request."""
    signature = rsa_sign(key, request_message(method, url, timestamp, nonce, body))
    return (
        f'{SIGNATURE_TYPE} mchid="{mchid}",nonce_str="{nonce}",signature="{signature}",'
        f'timestamp="{timestamp}",serial_no="{serial}"'
    )


@dataclass(frozen=True)
class AuthorizationParts:
    mchid: str
    nonce: str
    signature: str
    timestamp: str
    serial: str


def parse_authorization(header: str) -> AuthorizationParts | None:
    """The parts of an `Authorization` header, or None for one that is not WeChat Pay's."""
    scheme, _, rest = header.partition(" ")
    if scheme != SIGNATURE_TYPE:
        return None
    parts: dict[str, str] = {}
    for item in rest.split(","):
        name, _, value = item.strip().partition("=")
        if len(value) < 2 or not (value.startswith('"') and value.endswith('"')):
            return None
        parts[name] = value[1:-1]
    try:
        return AuthorizationParts(
            parts["mchid"],
            parts["nonce_str"],
            parts["signature"],
            parts["timestamp"],
            parts["serial_no"],
        )
    except KeyError:
        return None


def pay_sign_message(app_id: str, time_stamp: str, nonce_str: str, package: str) -> bytes:
    """`appId\\ntimeStamp\\nnonceStr\\npackage\\n`: what `wx.requestPayment`'s paySign signs."""
    return f"{app_id}\n{time_stamp}\n{nonce_str}\n{package}\n".encode()


def request_payment(
    key: rsa.RSAPrivateKey, app_id: str, prepay_id: str, *, time_stamp: str, nonce_str: str
) -> RequestPayment:
    package = f"prepay_id={prepay_id}"
    return RequestPayment(
        app_id=app_id,
        time_stamp=time_stamp,
        nonce_str=nonce_str,
        package=package,
        sign_type=PAY_SIGN_TYPE,
        pay_sign=rsa_sign(key, pay_sign_message(app_id, time_stamp, nonce_str, package)),
    )


def new_nonce() -> str:
    return secrets.token_hex(16).upper()


# ========================================================================== the client


Tried = TypeVar("Tried")


class _Transient(Exception):
    """A failure a retry may mend: no answer, a 5xx or 429, SYSTEM_ERROR."""


@dataclass(frozen=True)
class _Answer:
    status: int
    body: dict[str, Any]


class WeChatPayClient:
    """`JsapiChannel` over WeChat Pay API v3. `timeout` bounds each whole call, retries
    included (a bill's two requests share it)."""

    def __init__(
        self,
        base_url: str,
        *,
        mchid: str,
        appid: str,
        merchant_serial: str,
        merchant_key: rsa.RSAPrivateKey,
        platform_keys: PlatformKeys,
        notify_url: str,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
        attempts: int = RETRY_ATTEMPTS,
        backoff: Sequence[float] = RETRY_BACKOFF_SECONDS,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=self._base_url, timeout=timeout, transport=transport
        )
        self._mchid = mchid
        self._appid = appid
        self._serial = merchant_serial
        self._key = merchant_key
        self._platform_keys = platform_keys
        self._notify_url = notify_url
        self._timeout = timeout
        self._attempts = max(1, attempts)
        self._backoff = tuple(backoff) or (0.0,)
        # Signatures and answers are about messages in transit: wall-clock time.
        self._wall_clock = wall_clock

    @property
    def channel(self) -> Channel:
        return Channel.WECHAT

    async def aclose(self) -> None:
        await self._http.aclose()

    # ------------------------------------------------------------------ the calls

    async def prepay(self, order: OrderToPay, openid: str) -> RequestPayment:
        body = {
            "appid": self._appid,
            "mchid": self._mchid,
            "description": order.description[:DESCRIPTION_LIMIT] or order.order_id,
            "out_trade_no": order.order_id,
            "time_expire": time_expire(order.due_date),
            "notify_url": self._notify_url,
            "amount": {"total": order.total_fen, "currency": "CNY"},
            "payer": {"openid": openid},
        }
        answer = await self._call("POST", "/v3/pay/transactions/jsapi", body)
        prepay_id = _required_text(answer.body, "prepay_id")
        return request_payment(
            self._key,
            self._appid,
            prepay_id,
            time_stamp=str(int(self._wall_clock())),
            nonce_str=new_nonce(),
        )

    async def query(self, order_id: str) -> RemoteOrder:
        path = f"{_order_path(order_id)}?mchid={quote(self._mchid, safe='')}"
        try:
            answer = await self._call("GET", path, None)
        except ChannelRefused as refused:
            if refused.code == "ORDER_NOT_EXIST":
                return RemoteOrder(RemoteState.UNKNOWN, order_id)
            raise
        return self._remote_order(order_id, answer.body)

    async def close(self, order_id: str) -> None:
        try:
            await self._call("POST", f"{_order_path(order_id)}/close", {"mchid": self._mchid})
        except ChannelRefused as refused:
            # Closed already, or never started: the order cannot be paid, which is the point.
            if refused.code not in ("ORDER_CLOSED", "ORDER_NOT_EXIST"):
                raise

    async def refund(self, refund: RefundToSend) -> None:
        body = {
            "out_trade_no": refund.order_id,
            "out_refund_no": refund.refund_no,
            "reason": refund.reason[:80],  # WeChat Pay shows at most 80 characters to the payer
            "notify_url": self._notify_url,
            "amount": {
                "refund": refund.amount_fen,
                "total": refund.order_total_fen,
                "currency": "CNY",
            },
        }
        await self._call("POST", "/v3/refund/domestic/refunds", body)

    async def statement(self, day: date) -> bytes:
        """The trade bill (交易账单, ALL) of `day`, checked against its SHA1."""
        try:
            async with asyncio.timeout(self._timeout):
                path = f"/v3/bill/tradebill?bill_date={day.isoformat()}&bill_type={BILL_TYPE}"
                answer = await self._retried(lambda: self._once("GET", path, b""))
                bill = _BillLink.of(answer.body)
                content = await self._retried(lambda: self._download(bill.download_url))
        except TimeoutError as exc:
            raise ChannelUnavailable(Channel.WECHAT, f"no answer within {self._timeout} s") from exc
        if not hmac.compare_digest(hashlib.sha1(content).hexdigest(), bill.hash_value.lower()):  # noqa: S324 - WeChat Pay's own check
            raise ChannelUnavailable(Channel.WECHAT, "the bill does not match its SHA1")
        return content

    # ------------------------------------------------------------------ reading answers

    def _remote_order(self, order_id: str, body: Mapping[str, Any]) -> RemoteOrder:
        state = _required_text(body, "trade_state")
        if state in _PAID_STATES:
            amount = body.get("amount")
            total = amount.get("total") if isinstance(amount, dict) else None
            if type(total) is not int or total < 0:
                raise ChannelUnavailable(Channel.WECHAT, "a paid order without its amount")
            return RemoteOrder(
                RemoteState.PAID,
                order_id,
                paid_fen=total,
                channel_ref=_required_text(body, "transaction_id"),
                paid_at=_moment(_required_text(body, "success_time")),
                payee_is_us=body.get("mchid") == self._mchid,
            )
        if state in _UNPAID_STATES:
            return RemoteOrder(RemoteState.UNPAID, order_id)
        if state in _CLOSED_STATES:
            return RemoteOrder(RemoteState.CLOSED, order_id)
        raise ChannelUnavailable(Channel.WECHAT, "an unknown trade_state")

    # ------------------------------------------------------------------ the wire

    async def _call(self, method: str, path: str, body: Mapping[str, Any] | None) -> _Answer:
        content = b"" if body is None else _dumps(body)
        try:
            async with asyncio.timeout(self._timeout):
                return await self._retried(lambda: self._once(method, path, content))
        except TimeoutError as exc:
            raise ChannelUnavailable(Channel.WECHAT, f"no answer within {self._timeout} s") from exc

    async def _retried(self, attempt: Callable[[], Awaitable[Tried]]) -> Tried:
        for number in range(1, self._attempts + 1):
            try:
                return await attempt()
            except _Transient as exc:
                if number == self._attempts:
                    raise ChannelUnavailable(Channel.WECHAT, str(exc)) from exc
                await asyncio.sleep(self._backoff[min(number, len(self._backoff)) - 1])
        raise AssertionError("unreachable: the last attempt answers or raises")

    async def _once(self, method: str, path: str, content: bytes) -> _Answer:
        response = await self._send(method, self._base_url + path, content)
        return self._answer_of(response)

    async def _download(self, url: str) -> bytes:
        # Our Authorization goes only where our API is: a link elsewhere is not WeChat Pay's.
        if _origin(url) != _origin(self._base_url):
            raise ChannelUnavailable(Channel.WECHAT, "the bill's link is not WeChat Pay's")
        response = await self._send("GET", url, b"")
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"HTTP {response.status_code}")
        if response.status_code != 200:
            self._answer_of(response)  # a refusal, signed like any other answer
            raise ChannelUnavailable(Channel.WECHAT, f"HTTP {response.status_code}")
        return response.content

    async def _send(self, method: str, url: str, content: bytes) -> httpx.Response:
        request = self._http.build_request(method, url, content=content or None)
        # Signed over the path and query exactly as they go on the wire.
        wire_url = request.url.raw_path.decode("ascii")
        request.headers["Authorization"] = authorization(
            self._key,
            mchid=self._mchid,
            serial=self._serial,
            method=method,
            url=wire_url,
            body=content,
            timestamp=str(int(self._wall_clock())),
            nonce=new_nonce(),
        )
        request.headers["Accept"] = "application/json"
        if content:
            request.headers["Content-Type"] = "application/json"
        try:
            return await self._http.send(request)
        except httpx.HTTPError as exc:
            raise _Transient(type(exc).__name__) from exc

    def _answer_of(self, response: httpx.Response) -> _Answer:
        status = response.status_code
        if status >= 500 or status == 429:
            raise _Transient(f"HTTP {status}")
        if status == 401:
            # WeChat Pay refused our signature (SIGN_ERROR); such answers are not signed, and
            # nothing a caller does mends it: our key, serial or clock is wrong.
            log.error("wechatpay refused our request's signature")
            raise ChannelUnavailable(Channel.WECHAT, "HTTP 401: our signature was refused")
        self._verify(response)
        body = _json_object(response.content) if response.content else {}
        if 200 <= status < 300:
            return _Answer(status, body)
        code = body.get("code")
        if not isinstance(code, str) or not code:
            raise ChannelUnavailable(Channel.WECHAT, f"HTTP {status} without a code")
        if code == "SYSTEM_ERROR":
            raise _Transient("SYSTEM_ERROR")
        message = body.get("message")
        raise ChannelRefused(
            Channel.WECHAT,
            _CODE_ALIASES.get(code, code),
            message if isinstance(message, str) else "",
        )

    def _verify(self, response: httpx.Response) -> None:
        try:
            verify_notification(
                dict(response.headers), response.content, self._platform_keys, self._wall_clock()
            )
        except WeChatPayRefused as refused:
            # Not WeChat Pay's answer, or not this one's: believe none of it.
            log.warning("wechatpay answer not verified", extra={"reason": refused.reason.value})
            raise ChannelUnavailable(
                Channel.WECHAT, "the answer's signature did not verify"
            ) from None


@dataclass(frozen=True)
class _BillLink:
    hash_type: str
    hash_value: str
    download_url: str

    @classmethod
    def of(cls, body: Mapping[str, Any]) -> _BillLink:
        link = cls(
            _required_text(body, "hash_type"),
            _required_text(body, "hash_value"),
            _required_text(body, "download_url"),
        )
        if link.hash_type != "SHA1":
            raise ChannelUnavailable(Channel.WECHAT, "a bill hash other than SHA1")
        return link


def time_expire(due: date) -> str:
    """The end of the due date in the hall's time zone, as WeChat Pay's RFC 3339 (seconds)."""
    end = datetime.combine(due, day_time(23, 59, 59), tzinfo=clock.HALL_TIMEZONE)
    return end.isoformat()


def _order_path(order_id: str) -> str:
    return f"/v3/pay/transactions/out-trade-no/{quote(order_id, safe='')}"


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def _dumps(value: Mapping[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _json_object(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ChannelUnavailable(Channel.WECHAT, "an answer that is not JSON") from None
    if not isinstance(value, dict):
        raise ChannelUnavailable(Channel.WECHAT, "an answer that is not a JSON object")
    return value


def _required_text(body: Mapping[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise ChannelUnavailable(Channel.WECHAT, f"an answer without {name}")
    return value


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ChannelUnavailable(Channel.WECHAT, "an unreadable time") from None
    if moment.tzinfo is None:
        raise ChannelUnavailable(Channel.WECHAT, "a time without its offset")
    return moment


# ================================================================= built from the settings


def merchant_key(settings: Settings) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(settings.secret("wechatpay_merchant_key"), None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("the WeChat Pay merchant key is an RSA key")
    return key


def notify_url_from_settings(settings: Settings) -> str:
    """Our callback URL as WeChat Pay is told it (notify_url). In the sandbox mode: this
    process's own route, beside its sandbox. Live, WeChat Pay must be told our public HTTPS
    address (`wechatpay_notify_url`); without it a live client is refused rather than built to
    tell WeChat Pay to notify a URL derived from its own."""
    if settings.wechatpay_notify_url:
        return settings.wechatpay_notify_url
    api_url = settings.gateway_url("wechatpay")
    if SANDBOX_PREFIX not in api_url:
        raise ValueError("wechatpay_notify_url is needed to call the real WeChat Pay")
    return api_url.replace(SANDBOX_PREFIX, CALLBACK_PATH)


def client_from_settings(settings: Settings) -> WeChatPayClient:
    """The client of a process: the configured WeChat Pay, or this process's sandbox of it."""
    return WeChatPayClient(
        settings.gateway_url("wechatpay"),
        mchid=settings.wechatpay_mchid,
        appid=settings.wechat_mp_appid,
        merchant_serial=settings.wechatpay_merchant_serial,
        merchant_key=merchant_key(settings),
        platform_keys=platform_keys_from_settings(settings),
        notify_url=notify_url_from_settings(settings),
        timeout=settings.gateway_timeout_seconds,
    )
