"""The non-tax payment platform (统一公共支付平台) over HTTP: our `CashierChannel`.

The wire protocol is our platform profile, the one `payments.gateways.nontax_sandbox` plays
and a real deployment is configured to; for the platform's vendor it is written down in
`miniprogram_contract/NONTAX_PLATFORM.md`.

- Every call is `POST {base}/api/...` with a flat JSON object body: every value a string, an
  integer or null, money in integer fen, dates `YYYY-MM-DD`, times RFC 3339 with an offset.
  It carries `app_id` (ours at the platform), `timestamp` (Unix seconds, a string), `nonce`
  (32 hex characters, fresh for every attempt) and `sign`: base64 RSA-SHA256 (PKCS#1 v1.5)
  by our `nontax_client_key` over `payments.gateways.nontax.canonical_string` of the body,
  the same signed string as the platform's notices. The platform holds our public key; it
  refuses a timestamp more than 300 s from its clock, a nonce it saw in the last 600 s and a
  wrong signature.
- Every answer is a flat JSON object signed by the platform exactly as its notices are (its
  own `timestamp`, `nonce`, `sign`; RSA-SHA256 or SM2-SM3 as our configuration says), with
  `code` "0000" for success, or the platform's error code and `message`. We verify every
  answer; one that is unsigned, forged, stale or unreadable is taken as no answer at all. An
  answer about an order names that order (`order_id`), so a signed answer replayed from
  another call is not taken for this one.
- Endpoints (request fields -> answer fields, beside `code`):
  `/api/payment-codes/issue` order_id, notice_number, payee_code, region_code, total_fen,
  due_date, description, items (a JSON array as a string: [{code, name, amount_fen}]) ->
  order_id, payment_code (20 digits, the first two the province's), pay_url. Issued again for
  the same order_id, the same code; the same order_id with another total or payee is refused
  `ORDER_CONFLICT`.
  `/api/payment-codes/query` order_id -> order_id, state (UNPAID|PAID|CLOSED|UNKNOWN),
  paid_fen, platform_serial, payee_code (where the money went), issued_payee_code (the payee
  the code was issued for), paid_at, refunded_fen.
  `/api/payment-codes/close` order_id -> order_id, state. Closing a closed or unknown order is
  success; a paid one is refused `ORDER_PAID`.
  `/api/refunds/apply` order_id, refund_no, amount_fen, reason -> order_id, refund_no,
  refund_status (PROCESSING, SUCCESS or FAILED). The same refund_no is the same refund; its
  outcome comes by a REFUND notice. Refused: `ORDER_NOT_FOUND`, `ORDER_NOT_PAID`,
  `REFUND_EXCEEDS` (more than is left to refund), `REFUND_CONFLICT` (a refund_no reused for
  another order or amount).
  `/api/receipts/issue` order_id, paid_fen -> order_id, receipt_code (票据代码),
  receipt_number (票据号码), check_code (校验码), receipt_url, issued_at; again, the same
  receipt. Refused: `ORDER_NOT_PAID`, `AMOUNT_MISMATCH`.
  `/api/receipts/reverse` (冲红) order_id, receipt_code, receipt_number, reason -> order_id,
  reversed_at; again, success. Refused: `RECEIPT_NOT_FOUND`.
  `/api/statements/download` date (YYYY-MM-DD) -> date, statement: the day's statement CSV as
  a string field, so it is signed like every answer (the CSV's format: the contract document).
- Refusals of the call itself (answered HTTP 400/401, signed): `PARAM_INVALID`,
  `APP_ID_UNKNOWN`, `TIMESTAMP_EXPIRED`, `NONCE_REUSED`, `SIGN_INVALID`.

How the client reads it: a verified "0000" is success; a verified refusal of the call itself
is `NonTaxAuthRejected` (a ChannelUnavailable: our key, app id or clock is wrong, which no
retry mends, so it is not retried); any other verified code is `ChannelRefused(code,
message)`. A timeout, a connection error, a 5xx or 429, or an answer we cannot read or verify
is retried (every call is keyed by order_id or refund_no, so a retry after a lost answer
cannot act twice), up to three tries with a short backoff, all within
`gateway_timeout_seconds`; then ChannelUnavailable. A payment code of the wrong shape in a
verified answer is ChannelUnavailable too (not a refusal of our order: the platform answered
something we cannot hand to a citizen; asked again it gives the same code, so not retried).
Logs name the endpoint and the platform's code, never a person or an amount.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from api.kit.settings import Settings
from payments.gateways.channel import (
    CashierStart,
    ChannelRefused,
    ChannelUnavailable,
    OrderToPay,
    Receipt,
    RefundToSend,
    RemoteOrder,
    RemoteState,
)
from payments.gateways.nontax import (
    MAX_FEN,
    PAYMENT_CODE_LENGTH,
    Fields,
    NonTaxRefused,
    NoticeSigner,
    NoticeVerifier,
    RsaSha256Signer,
    RsaSha256Verifier,
    Value,
    sign_notice,
    verifier_from_settings,
    verify_notice,
)
from payments.models import Channel

log = logging.getLogger("yiwang.payments.nontax")

SUCCESS_CODE = "0000"
# The platform's refusals of a call itself (its signature, app id, clock): ours to mend.
AUTH_CODES = frozenset({"APP_ID_UNKNOWN", "TIMESTAMP_EXPIRED", "NONCE_REUSED", "SIGN_INVALID"})
ORDER_PAID = "ORDER_PAID"

ISSUE_PATH = "/api/payment-codes/issue"
QUERY_PATH = "/api/payment-codes/query"
CLOSE_PATH = "/api/payment-codes/close"
REFUND_PATH = "/api/refunds/apply"
RECEIPT_PATH = "/api/receipts/issue"
REVERSE_PATH = "/api/receipts/reverse"
STATEMENT_PATH = "/api/statements/download"

RETRY_ATTEMPTS = 3
RETRY_BACKOFF_SECONDS = (0.2, 0.5)

_STATES = {
    "UNPAID": RemoteState.UNPAID,
    "PAID": RemoteState.PAID,
    "CLOSED": RemoteState.CLOSED,
    "UNKNOWN": RemoteState.UNKNOWN,
}


def is_payment_code(code: str, province_prefix: str) -> bool:
    """20 ASCII digits starting with the province's two. The platform publishes no check
    digit, so the shape is all a client can check."""
    return (
        len(code) == PAYMENT_CODE_LENGTH
        and code.isascii()
        and code.isdigit()
        and code.startswith(province_prefix)
    )


def signed_call_body(fields: Fields, signer: NoticeSigner) -> bytes:
    """A call's body (or the platform's answer): `fields` with a fresh timestamp, nonce and
    sign, so a retry is a new request and never a replay."""
    return sign_notice(fields, signer, int(time.time()), secrets.token_hex(16))


class NonTaxAuthRejected(ChannelUnavailable):
    """The platform refused our call itself (signature, app id, timestamp, nonce): our
    configuration or clock is wrong. Unavailable to callers, distinct for logs and tests."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(Channel.NONTAX, f"call refused {code} {message}".strip())
        self.code = code


class _Transient(Exception):
    """A failure a retry may mend: no answer, a 5xx or 429, an answer we cannot verify."""


class _Answer:
    """A verified answer's fields, each read as the type it must have; a field that does not
    fit is the platform's fault, raised as ChannelUnavailable."""

    def __init__(self, path: str, fields: Mapping[str, Value | None]) -> None:
        self._path = path
        self._fields = fields

    def _wrong(self, name: str) -> ChannelUnavailable:
        return ChannelUnavailable(Channel.NONTAX, f"{self._path}: unexpected {name}")

    def text(self, name: str, longest: int = 64) -> str:
        value = self._fields.get(name)
        if not (isinstance(value, str) and 0 < len(value) <= longest and value.isprintable()):
            raise self._wrong(name)
        return value

    def optional_text(self, name: str, longest: int = 64) -> str:
        return self.text(name, longest) if self._fields.get(name) not in (None, "") else ""

    def fen(self, name: str) -> int:
        value = self._fields.get(name)
        if type(value) is not int or not 0 <= value <= MAX_FEN:
            raise self._wrong(name)
        return value

    def moment(self, name: str) -> datetime:
        try:
            value = datetime.fromisoformat(self.text(name, 40))
        except ValueError:
            raise self._wrong(name) from None
        if value.utcoffset() is None:
            raise self._wrong(name)
        return value

    def optional_moment(self, name: str) -> datetime | None:
        return self.moment(name) if self._fields.get(name) not in (None, "") else None

    def choice(self, name: str, allowed: Mapping[str, RemoteState]) -> RemoteState:
        value = self._fields.get(name)
        if not isinstance(value, str) or value not in allowed:
            raise self._wrong(name)
        return allowed[value]

    def statement(self, name: str) -> str:
        value = self._fields.get(name)
        if not isinstance(value, str):
            raise self._wrong(name)
        return value


class NonTaxClient:
    """`CashierChannel` over HTTP to the platform. `timeout` bounds each whole call, retries
    included; `signer` signs our calls, `verifier` checks the platform's answers."""

    def __init__(
        self,
        base_url: str,
        app_id: str,
        signer: NoticeSigner,
        verifier: NoticeVerifier,
        *,
        province_prefix: str,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
        attempts: int = RETRY_ATTEMPTS,
        backoff: Sequence[float] = RETRY_BACKOFF_SECONDS,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)
        self._app_id = app_id
        self._signer = signer
        self._verifier = verifier
        self._prefix = province_prefix
        self._timeout = timeout
        self._attempts = max(1, attempts)
        self._backoff = tuple(backoff) or (0.0,)
        # Answer freshness is about the message in transit: wall-clock time.
        self._wall_clock = wall_clock

    @property
    def channel(self) -> Channel:
        return Channel.NONTAX

    async def aclose(self) -> None:
        await self._http.aclose()

    # ------------------------------------------------------------------ the calls

    async def start(self, order: OrderToPay) -> CashierStart:
        items = [
            {"code": line.code, "name": line.name, "amount_fen": line.amount_fen}
            for line in order.lines
        ]
        answer = await self._call(
            ISSUE_PATH,
            {
                "order_id": order.order_id,
                "notice_number": order.notice_number,
                "payee_code": order.payee_code,
                "region_code": order.region_code,
                "total_fen": order.total_fen,
                "due_date": order.due_date.isoformat(),
                "description": order.description,
                "items": json.dumps(items, ensure_ascii=False, separators=(",", ":")),
            },
        )
        code = answer.text("payment_code", PAYMENT_CODE_LENGTH)
        if not is_payment_code(code, self._prefix):
            log.warning("nontax: issued a payment code of the wrong shape")
            raise ChannelUnavailable(Channel.NONTAX, "payment code of the wrong shape")
        return CashierStart(payment_code=code, pay_url=answer.text("pay_url", 512))

    async def query(self, order_id: str) -> RemoteOrder:
        answer = await self._call(QUERY_PATH, {"order_id": order_id})
        state = answer.choice("state", _STATES)
        if state is not RemoteState.PAID:
            return RemoteOrder(state=state, order_id=order_id)
        payee = answer.text("payee_code", 32)
        issued_payee = answer.optional_text("issued_payee_code", 32)
        return RemoteOrder(
            state=state,
            order_id=order_id,
            paid_fen=answer.fen("paid_fen"),
            channel_ref=answer.text("platform_serial"),
            paid_at=answer.moment("paid_at"),
            payee_is_us=not issued_payee or payee == issued_payee,
        )

    async def close(self, order_id: str) -> None:
        await self._call(CLOSE_PATH, {"order_id": order_id})

    async def refund(self, refund: RefundToSend) -> None:
        await self._call(
            REFUND_PATH,
            {
                "order_id": refund.order_id,
                "refund_no": refund.refund_no,
                "amount_fen": refund.amount_fen,
                "reason": refund.reason,
            },
        )

    async def statement(self, day: date) -> bytes:
        answer = await self._call(STATEMENT_PATH, {"date": day.isoformat()}, bound_to="date")
        return answer.statement("statement").encode("utf-8")

    async def issue_receipt(self, order_id: str, paid_fen: int) -> Receipt:
        answer = await self._call(RECEIPT_PATH, {"order_id": order_id, "paid_fen": paid_fen})
        return Receipt(
            code=answer.text("receipt_code", 32),
            number=answer.text("receipt_number", 32),
            check_code=answer.text("check_code", 32),
            url=answer.text("receipt_url", 512),
            issued_at=answer.moment("issued_at"),
        )

    async def reverse_receipt(self, order_id: str, receipt: Receipt, reason: str) -> None:
        await self._call(
            REVERSE_PATH,
            {
                "order_id": order_id,
                "receipt_code": receipt.code,
                "receipt_number": receipt.number,
                "reason": reason,
            },
        )

    # ------------------------------------------------------------------ one call

    async def _call(
        self, path: str, fields: dict[str, Value | None], *, bound_to: str | None = "order_id"
    ) -> _Answer:
        """The verified success answer, after up to `attempts` tries within the timeout.
        `bound_to` names the request field the answer must repeat."""
        body = {**fields, "app_id": self._app_id}
        bound = (bound_to, fields.get(bound_to)) if bound_to else None
        try:
            async with asyncio.timeout(self._timeout):
                for attempt in range(1, self._attempts + 1):
                    try:
                        return self._accepted(path, await self._once(path, body, bound))
                    except _Transient as exc:
                        if attempt == self._attempts:
                            raise ChannelUnavailable(Channel.NONTAX, f"{path}: {exc}") from exc
                        await asyncio.sleep(self._backoff[min(attempt, len(self._backoff)) - 1])
        except TimeoutError as exc:
            raise ChannelUnavailable(
                Channel.NONTAX, f"{path}: no answer within {self._timeout} s"
            ) from exc
        raise AssertionError("unreachable: the last attempt answers or raises")

    async def _once(
        self, path: str, fields: dict[str, Value | None], bound: tuple[str, Value | None] | None
    ) -> Mapping[str, Value | None]:
        content = signed_call_body(fields, self._signer)
        headers = {"Content-Type": "application/json; charset=utf-8"}
        try:
            response = await self._http.post(path, content=content, headers=headers)
        except httpx.HTTPError as exc:
            raise _Transient(type(exc).__name__) from exc
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"HTTP {response.status_code}")
        try:
            notice = verify_notice(response.content, self._verifier, self._wall_clock())
        except NonTaxRefused as refused:
            log.warning("nontax: answer not verified", extra={"reason": refused.reason.value})
            raise _Transient(f"answer not verified ({refused.reason.value})") from None
        answer = notice.fields
        if bound and answer.get("code") == SUCCESS_CODE and answer.get(bound[0]) != bound[1]:
            raise _Transient("a signed answer to another call")
        return answer

    def _accepted(self, path: str, answer: Mapping[str, Value | None]) -> _Answer:
        code = answer.get("code")
        if code == SUCCESS_CODE:
            return _Answer(path, answer)
        if not isinstance(code, str) or not code:
            raise ChannelUnavailable(Channel.NONTAX, f"{path}: an answer without a code")
        message = answer.get("message")
        words = message[:200] if isinstance(message, str) else ""
        log.info("nontax: call refused", extra={"endpoint": path, "code": code[:64]})
        if code in AUTH_CODES:
            raise NonTaxAuthRejected(code, words)
        raise ChannelRefused(Channel.NONTAX, code[:64], words)


# ================================================================= built from the settings

SANDBOX_PREFIX = "/sandbox/nontax"


def client_from_settings(settings: Settings) -> NonTaxClient:
    """The client of the configured platform, or of this process's sandbox of it."""
    return NonTaxClient(
        settings.gateway_url("nontax"),
        settings.nontax_app_id,
        RsaSha256Signer(private_rsa_key(settings.secret("nontax_client_key"))),
        platform_verifier_from_settings(settings),
        province_prefix=settings.nontax_province_prefix,
        timeout=settings.gateway_timeout_seconds,
    )


def platform_verifier_from_settings(settings: Settings) -> NoticeVerifier:
    """What checks the platform's answers and notices: the configured algorithm and key, or in
    the sandbox gateway mode the sandbox's own RSA key (the notice callback uses it too)."""
    if settings.gateway_mode == "sandbox":
        return RsaSha256Verifier.from_pem(
            public_pem_of(settings.secret("nontax_sandbox_platform_key"))
        )
    algorithm, key = settings.nontax_sign_algorithm, settings.nontax_platform_public_key
    return verifier_from_settings(algorithm, key)


def private_rsa_key(pem: bytes) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("the non-tax platform keys are RSA keys")
    return key


def public_pem_of(private_pem: bytes) -> bytes:
    """The public half of a private key, PEM (SubjectPublicKeyInfo)."""
    return (
        private_rsa_key(private_pem)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
