"""EMS over HTTP: our `Courier`. The wire protocol is `express.gateways.ems` (and, for EMS,
`miniprogram_contract/EMS.md`).

How the client reads an answer: HTTP 200 with `retCode` "00000" and a `retBody` that opens
and names the call's `logisticsOrderNo` (or, for a trace, its `waybillNo`) is success; any
other `retCode` is `CourierRefused(retCode, retMsg)`. A timeout, a connection error, a 5xx
or 429, or an answer we cannot read (not JSON, a retBody that does not open, an answer
about another order) is transient: retried up to three tries with a short backoff, all
within `gateway_timeout_seconds`, then `CourierUnavailable`. Retrying a creation is safe:
every creation (order, pickup) is keyed by our `logisticsOrderNo`, and EMS answers the same
mail number for it again; a cancel is idempotent. A mail number of the wrong shape in a
success answer is `CourierUnavailable` too (EMS answered something we cannot track; asked
again it gives the same number, so it is not retried).

Logs and exception messages name the apiCode and EMS's code, never a person, a phone or an
address (the payload is sealed, and never logged).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import httpx

from api.kit.settings import Settings
from express.gateways.courier import (
    CourierRefused,
    CourierUnavailable,
    Party,
    Pickup,
    PickupRequest,
    TraceEvent,
    Waybill,
    WaybillRequest,
)
from express.gateways.ems import (
    API_BOOK_PICKUP,
    API_CANCEL_ORDER,
    API_CREATE_ORDER,
    API_QUERY_TRACE,
    AUTH_CODES,
    GATEWAY_PATH,
    KEY_BYTES,
    SUCCESS_CODE,
    MalformedEvent,
    SealBroken,
    call_form,
    ems_time,
    read_ret_body,
    trace_event,
    wall_now,
)
from express.mailnumbers import is_mail_no

log = logging.getLogger("yiwang.express.ems")
_DIGIT_RUNS = re.compile(r"[0-9]{7,}")

RETRY_ATTEMPTS = 3
RETRY_BACKOFF_SECONDS = (0.2, 0.5)
FORM_TYPE = "application/x-www-form-urlencoded; charset=UTF-8"
MAX_TRACE_EVENTS = 500
BIZ_PRODUCT_NO = "10"  # 标准快递 in EMS's product table (our profile's default)
CONTENTS_ATTRIBUTE = "1"  # 文件 (documents): a hall's results and materials


class EmsAuthRejected(CourierUnavailable):
    """EMS refused our call itself (sender number, authorisation, the payload's key, the
    clock): our configuration is wrong, which no retry mends, so it is not retried.
    Unavailable to callers, distinct for logs and tests."""

    def __init__(self, api_code: str, code: str) -> None:
        super().__init__(f"{api_code}: call refused {code}")
        self.code = code


class _Transient(Exception):
    """A failure a retry may mend: no answer, a 5xx or 429, an answer we cannot read."""


def _masked(words: str) -> str:
    """EMS's words with any run of 7 or more digits masked: a refusal may quote a phone."""
    return _DIGIT_RUNS.sub(lambda run: run.group()[:3] + "*" * (len(run.group()) - 3), words)


def party_fields(party: Party) -> dict[str, str]:
    """A sender or receiver as EMS's payload names it. Personal data: sealed, never logged."""
    return {
        "name": party.name,
        "mobile": party.phone,
        "provCode": party.province_code,
        "cityCode": party.city_code,
        "countyCode": party.district_code,
        "address": party.address,
        "postCode": party.postcode,
    }


class EmsClient:
    """`Courier` over HTTP to EMS. `timeout` bounds each whole call, retries included."""

    def __init__(
        self,
        base_url: str,
        sender_no: str,
        authorization: str,
        key: bytes,
        *,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
        attempts: int = RETRY_ATTEMPTS,
        backoff: Sequence[float] = RETRY_BACKOFF_SECONDS,
        now: Callable[[], datetime] = wall_now,
        path: str = GATEWAY_PATH,
    ) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("the EMS SM4 key is 16 bytes")
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)
        self._sender_no = sender_no
        self._authorization = authorization
        self._key = key
        self._timeout = timeout
        self._attempts = max(1, attempts)
        self._backoff = tuple(backoff) or (0.0,)
        self._now = now
        # EMS's production API is one URL (…/amp/api/open): there `path` is "" and the base
        # is the whole URL; our sandbox and profile put the gateway at {base}/api/gateway.
        self._url = base_url.rstrip("/") + path

    async def aclose(self) -> None:
        await self._http.aclose()

    # ------------------------------------------------------------------ the calls

    async def create_waybill(self, request: WaybillRequest) -> Waybill:
        payload = {
            "logisticsOrderNo": request.logistics_no,
            "createdTime": ems_time(self._now()),
            "senderNo": self._sender_no,
            "bizProductNo": BIZ_PRODUCT_NO,
            "contentsAttribute": CONTENTS_ATTRIBUTE,
            "weight": str(request.weight_grams),
            "sender": party_fields(request.sender),
            "receiver": party_fields(request.receiver),
            "cargos": [{"cargoName": request.contents, "cargoQuantity": 1}],
        }
        body = await self._call(API_CREATE_ORDER, payload, bound=request.logistics_no)
        return Waybill(request.logistics_no, self._mail_no(API_CREATE_ORDER, body))

    async def cancel(self, logistics_no: str) -> None:
        payload = {"logisticsOrderNo": logistics_no, "cancelReason": "寄件取消"}
        await self._call(API_CANCEL_ORDER, payload, bound=logistics_no)

    async def book_pickup(self, request: PickupRequest) -> Pickup:
        payload = {
            "logisticsOrderNo": request.logistics_no,
            "createdTime": ems_time(self._now()),
            "senderNo": self._sender_no,
            "bizProductNo": BIZ_PRODUCT_NO,
            "contentsAttribute": CONTENTS_ATTRIBUTE,
            "pickupStartTime": ems_time(request.window_start),
            "pickupEndTime": ems_time(request.window_end),
            "sender": party_fields(request.sender),
            "receiver": party_fields(request.receiver),
            "cargos": [{"cargoName": request.contents, "cargoQuantity": 1}],
        }
        body = await self._call(API_BOOK_PICKUP, payload, bound=request.logistics_no)
        return Pickup(request.logistics_no, self._mail_no(API_BOOK_PICKUP, body))

    async def trace(self, mail_no: str) -> list[TraceEvent]:
        body = await self._call(
            API_QUERY_TRACE, {"waybillNo": mail_no}, bound=mail_no, bound_field="waybillNo"
        )
        items = body.get("responseItems")
        if not isinstance(items, list) or len(items) > MAX_TRACE_EVENTS:
            raise CourierUnavailable(f"{API_QUERY_TRACE}: unexpected responseItems")
        try:
            events = [trace_event(item) for item in items]
        except MalformedEvent as exc:
            raise CourierUnavailable(f"{API_QUERY_TRACE}: unreadable event ({exc})") from None
        if any(event.mail_no != mail_no for event in events):
            raise CourierUnavailable(f"{API_QUERY_TRACE}: events of another mail")
        return events

    # ------------------------------------------------------------------ one call

    async def _call(
        self,
        api_code: str,
        payload: Mapping[str, Any],
        *,
        bound: str,
        bound_field: str = "logisticsOrderNo",
    ) -> dict[str, Any]:
        """The opened retBody of a success answer, after up to `attempts` tries within the
        timeout. The retBody must repeat `bound` in `bound_field`."""
        try:
            async with asyncio.timeout(self._timeout):
                for attempt in range(1, self._attempts + 1):
                    try:
                        return await self._once(api_code, payload, bound, bound_field)
                    except _Transient as exc:
                        log.info("ems: transient failure", extra={"api_code": api_code})
                        if attempt == self._attempts:
                            raise CourierUnavailable(f"{api_code}: {exc}") from exc
                        await asyncio.sleep(self._backoff[min(attempt, len(self._backoff)) - 1])
        except TimeoutError as exc:
            raise CourierUnavailable(f"{api_code}: no answer within {self._timeout} s") from exc
        raise AssertionError("unreachable: the last attempt answers or raises")

    async def _once(
        self, api_code: str, payload: Mapping[str, Any], bound: str, bound_field: str
    ) -> dict[str, Any]:
        # Sealed afresh each try: a new timeStamp, the same logisticsOrderNo.
        form = call_form(
            api_code,
            payload,
            sender_no=self._sender_no,
            authorization=self._authorization,
            key=self._key,
            now=self._now(),
        )
        try:
            response = await self._http.post(
                self._url, data=form.fields(), headers={"Content-Type": FORM_TYPE}
            )
        except httpx.HTTPError as exc:
            raise _Transient(type(exc).__name__) from exc
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"HTTP {response.status_code}")
        answer = self._answer(response)
        code = answer.get("retCode")
        if code != SUCCESS_CODE:
            raise self._refusal(api_code, code, answer.get("retMsg"))
        try:
            body = read_ret_body(answer.get("retBody"), self._key)
        except (SealBroken, ValueError):
            raise _Transient("a retBody that does not open") from None
        if not isinstance(body, dict) or body.get(bound_field) != bound:
            raise _Transient("an answer to another call")
        return body

    @staticmethod
    def _answer(response: httpx.Response) -> dict[str, Any]:
        try:
            answer = response.json()
        except ValueError:
            raise _Transient(f"HTTP {response.status_code}, not JSON") from None
        if not isinstance(answer, dict):
            raise _Transient("an answer that is not an object")
        return answer

    @staticmethod
    def _refusal(api_code: str, code: Any, message: Any) -> CourierRefused | CourierUnavailable:
        if not isinstance(code, str) or not code or len(code) > 64:
            return CourierUnavailable(f"{api_code}: an answer without a code")
        # retMsg is EMS's words about our call; it may echo a field of the payload, so only
        # EMS's code is logged, and the words are cut short.
        words = _masked(message[:200]) if isinstance(message, str) else ""
        log.info("ems: call refused", extra={"api_code": api_code, "code": code})
        if code in AUTH_CODES:
            return EmsAuthRejected(api_code, code)
        return CourierRefused(code, words)

    @staticmethod
    def _mail_no(api_code: str, body: Mapping[str, Any]) -> str:
        mail_no = body.get("waybillNo")
        if not isinstance(mail_no, str) or not is_mail_no(mail_no):
            log.warning("ems: a mail number of the wrong shape", extra={"api_code": api_code})
            raise CourierUnavailable(f"{api_code}: mail number of the wrong shape")
        return mail_no


# ================================================================= built from the settings


def client_from_settings(settings: Settings) -> EmsClient:
    """The client of the configured EMS, or of this process's sandbox of it."""
    return EmsClient(
        settings.gateway_url("ems"),
        settings.ems_sender_no,
        settings.ems_authorization,
        settings.secret("ems_sm4_key"),
        timeout=settings.gateway_timeout_seconds,
    )
