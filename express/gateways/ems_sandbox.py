"""EMS's side, served under /sandbox/ems over loopback HTTP.

It speaks the wire protocol of `express.gateways.ems`: it reads every call as EMS does (the
sender number, the authorisation, the timestamp within 300 s, the payload opening with the
sender's SM4 key), answers with a sealed retBody, keeps its orders, pickups and traces in
Redis (so every server process plays one EMS), issues 13-digit mail numbers (one per
logistics number, however often it is asked), and sends tracking pushes to our
`/callbacks/express/ems` in the background, retried until our answer is `{"code":"00000"}`:
each attempt with a fresh serialNo, timeStamp and digest.

Tests and the demo drive it with control endpoints EMS does not have, JSON under
`/sandbox/ems/control/`:

- `events` `{"mail_no", "events": [{"op_code", "op_time"?, "office"?}], "push"?: true,
  "separately"?: false, "shuffle"?: false, "delay_seconds"?: 0}`: add trace events to a mail
  (op_time `YYYY-MM-DD HH:MM:SS` Beijing time, now by default) and push them: in one push, or
  one push per event (`separately`), in a shuffled order (`shuffle`), after a delay. A 收寄
  (203) event marks the order picked up, so cancelling it is refused `ALREADY_PICKED_UP`.
  Answers `{"push_ids": [...]}`.
- `redeliver` `{"push_id"?}`: send a push again (by default the last one made): a duplicate.
- `fail-next` `{"times": N, "api_code"?}`: answer the next N calls (of that apiCode, or of
  any) 503.
- `refuse-next` `{"times": N, "api_code"}`: refuse the next N calls of that apiCode as EMS
  refuses an address it does not serve (retCode `OUT_OF_SERVICE_AREA`).
- `GET /sandbox/ems/control/pushes/last`: the body of the last push sent, as sent.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response
from sanic.response import raw as raw_response

from api.kit import clock
from api.kit.policy import PUBLIC, requires
from api.kit.sandbox_state import JsonObject, Later, SandboxRefusal, SandboxState, sandbox_redis
from api.kit.settings import Settings
from express.gateways.ems import (
    ALREADY_PICKED_UP,
    API_BOOK_PICKUP,
    API_CANCEL_ORDER,
    API_CREATE_ORDER,
    API_QUERY_TRACE,
    CALLBACK_PATH,
    GATEWAY_PATH,
    OP_NAMES,
    ORDER_NOT_FOUND,
    SANDBOX_PREFIX,
    SUCCESS_CODE,
    WINDOW_SECONDS,
    CallForm,
    SealBroken,
    answer_body,
    ems_time,
    open_sealed,
    parse_ems_time,
    push_body,
    wall_now,
)

log = logging.getLogger("yiwang.sandbox.ems")

ACCEPTED_OP_CODE = "203"  # 收寄: the courier has the item
DELIVERIES_KEPT = 200
PUSHES_KEPT = 1000
TRACE_EVENTS_KEPT = 200
DELIVERY_TIMEOUT_SECONDS = 5.0
DELIVERY_BACKOFF_SECONDS = (0.5, 2.0, 5.0)  # then it gives up; `redeliver` tries again
ANY_API = "*"
OUT_OF_AREA = "OUT_OF_SERVICE_AREA"


class EmsRefusal(SandboxRefusal):
    """EMS says no: answered with its retCode and retMsg (HTTP 200, or `status`)."""


def _bad(name: str) -> EmsRefusal:
    return EmsRefusal("PARAM_INVALID", f"参数 {name} 无效")


def _text(fields: Mapping[str, Any], name: str, longest: int = 64) -> str:
    value = fields.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= longest:
        raise _bad(name)
    return value


def _party(fields: Mapping[str, Any], name: str) -> None:
    party = fields.get(name)
    if not isinstance(party, dict):
        raise _bad(name)
    for field in ("name", "mobile", "address"):
        _text(party, field, 200)


@dataclass(frozen=True)
class Delivery:
    push_id: str
    status: int  # HTTP status of our answer; 0 for none
    succeeded: bool
    body: str  # the push as sent


class EmsSandbox:
    """EMS's side. It knows our sender number, authorisation and SM4 key, and where our
    tracking callback is."""

    def __init__(
        self,
        sender_no: str,
        authorization: str,
        key: bytes,
        callback_url: str,
        *,
        delivery_transport: httpx.AsyncBaseTransport | None = None,
        delivery_backoff: Sequence[float] = DELIVERY_BACKOFF_SECONDS,
    ) -> None:
        self.sender_no = sender_no
        self._authorization = authorization
        self._key = key
        self.callback_url = callback_url
        self._delivery_transport = delivery_transport
        self._delivery_backoff = tuple(delivery_backoff)
        self._later = Later("ems sandbox", (EmsRefusal, RedisError))

    @staticmethod
    def _state(redis: Redis) -> SandboxState:
        return SandboxState(redis, "ems")

    # ------------------------------------------------------------------ checking a call

    async def admit(self, redis: Redis, body: bytes) -> tuple[str, JsonObject]:
        """The call's apiCode and opened payload, or EmsRefusal for a call EMS would refuse."""
        try:
            form = CallForm.read(body)
        except (KeyError, ValueError):
            raise EmsRefusal("PARAM_INVALID", "请求参数缺失", 400) from None
        state = self._state(redis)
        await state.count("requests", form.api_code)
        if form.sender_no != self.sender_no:
            raise EmsRefusal("SENDER_UNKNOWN", "协议客户号不存在")
        if not secrets.compare_digest(form.authorization.encode(), self._authorization.encode()):
            raise EmsRefusal("AUTHORIZATION_INVALID", "授权码错误")
        sent = parse_ems_time(form.time_stamp)
        if sent is None or abs(wall_now().timestamp() - sent.timestamp()) > WINDOW_SECONDS:
            raise EmsRefusal("TIMESTAMP_EXPIRED", "请求时间超出允许范围")
        try:
            payload = open_sealed(form.logitcs_interface, self._key)
        except SealBroken:
            raise EmsRefusal("DECRYPT_FAILED", "报文解密失败") from None
        if not isinstance(payload, dict):
            raise _bad("logitcsInterface")
        if await state.spend_one("faults", form.api_code) or await state.spend_one(
            "faults", ANY_API
        ):
            raise EmsRefusal("SYSTEM_BUSY", "系统繁忙 (a test asked for it)", 503)
        if await state.spend_one("refusals", form.api_code):
            raise EmsRefusal(OUT_OF_AREA, "超出揽收或投递范围 (a test asked for it)")
        return form.api_code, payload

    def answer(self, code: str, message: str, body: Any = None, status: int = 200) -> HTTPResponse:
        content = answer_body(code, message, body, self._key, wall_now())
        return raw_response(content, status=status, content_type="application/json")

    # ------------------------------------------------------------------ the wire side

    async def create_order(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        return await self._new_order(redis, call, "waybill")

    async def book_pickup(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        start = parse_ems_time(_text(call, "pickupStartTime", 19))
        end = parse_ems_time(_text(call, "pickupEndTime", 19))
        if start is None or end is None or end <= start:
            raise _bad("pickupEndTime")
        window = {"pickupStartTime": ems_time(start), "pickupEndTime": ems_time(end)}
        return await self._new_order(redis, call, "pickup", window)

    async def _new_order(
        self, redis: Redis, call: Mapping[str, Any], kind: str, more: JsonObject | None = None
    ) -> JsonObject:
        logistics_no = _text(call, "logisticsOrderNo", 64)
        _party(call, "sender")
        _party(call, "receiver")
        state = self._state(redis)
        record = {
            "logisticsOrderNo": logistics_no,
            "waybillNo": _new_mail_no(),
            "kind": kind,
            "state": "CREATED",
            **(more or {}),
        }
        # SET NX on the logistics number: of two creations at once, one mints the number.
        if await state.put("order", logistics_no, record, None, only_new=True):
            await state.put("mail", record["waybillNo"], {"logisticsOrderNo": logistics_no}, None)
        else:
            record = await self._order(redis, logistics_no)
        return {"logisticsOrderNo": logistics_no, "waybillNo": record["waybillNo"]}

    async def cancel(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        logistics_no = _text(call, "logisticsOrderNo", 64)
        record = await self._order(redis, logistics_no)
        if record["state"] == "PICKED_UP":
            raise EmsRefusal(ALREADY_PICKED_UP, "邮件已收寄，不能取消")
        if record["state"] != "CANCELLED":
            record["state"] = "CANCELLED"
            await self._state(redis).put("order", logistics_no, record, None)
        return {"logisticsOrderNo": logistics_no, "state": "CANCELLED"}

    async def query_trace(self, redis: Redis, call: Mapping[str, Any]) -> JsonObject:
        mail_no = _text(call, "waybillNo", 13)
        items = await self._state(redis).items(f"trace:{mail_no}")
        return {"waybillNo": mail_no, "responseItems": items}

    # ------------------------------------------------------------------ test controls

    async def add_events(
        self,
        redis: Redis,
        mail_no: str,
        events: Sequence[Mapping[str, Any]],
        *,
        push: bool = True,
        separately: bool = False,
        shuffle: bool = False,
        delay_seconds: float = 0.0,
    ) -> list[str]:
        """Add trace events to a mail and push them; the push ids made."""
        state = self._state(redis)
        owner = await state.get("mail", mail_no)
        if owner is None:
            raise EmsRefusal("MAIL_NOT_FOUND", "邮件号不存在", 404)
        items = [_trace_item(mail_no, owner["logisticsOrderNo"], event) for event in events]
        for item in items:
            await state.append_capped(f"trace:{mail_no}", item, TRACE_EVENTS_KEPT)
            if item["opCode"] == ACCEPTED_OP_CODE:
                await self._picked_up(redis, owner["logisticsOrderNo"])
        if not push:
            return []
        if shuffle:
            secrets.SystemRandom().shuffle(items)
        batches: list[Any] = [[item] for item in items] if separately else [items]
        pushes = [await self._new_push(redis, batch) for batch in batches]
        for push_id in pushes:
            self._later(self.deliver(redis, push_id, delay_seconds))
        return pushes

    async def redeliver(self, redis: Redis, push_id: str | None = None) -> str:
        """Send a push again (by default the last one made), in the background: a duplicate
        with a fresh serialNo. The push id sent."""
        state = self._state(redis)
        if push_id is None:
            last = await state.items("pushes", last=1)
            if not last:
                raise EmsRefusal("PUSH_NOT_FOUND", "没有推送", 404)
            push_id = str(last[0]["push_id"])
        if await state.get("push", push_id) is None:
            raise EmsRefusal("PUSH_NOT_FOUND", "推送不存在", 404)
        self._later(self.deliver(redis, push_id))
        return push_id

    async def fail_next(self, redis: Redis, times: int = 1, api_code: str = ANY_API) -> None:
        """Answer the next `times` calls (of `api_code`, or of any) 503."""
        for _ in range(times):
            await self._state(redis).give_one("faults", api_code)

    async def refuse_next(self, redis: Redis, api_code: str, times: int = 1) -> None:
        """Refuse the next `times` calls of `api_code` as EMS refuses an address it does not
        serve (HTTP 200, retCode OUT_OF_SERVICE_AREA)."""
        for _ in range(times):
            await self._state(redis).give_one("refusals", api_code)

    async def requests(self, redis: Redis) -> dict[str, int]:
        """How many calls of each apiCode reached it, refused ones included."""
        return await self._state(redis).counts("requests")

    async def order(self, redis: Redis, logistics_no: str) -> JsonObject | None:
        """What EMS keeps of an order or pickup (no personal data): its mail number, kind,
        state (CREATED, PICKED_UP, CANCELLED) and a pickup's window; None if it has none."""
        return await self._state(redis).get("order", logistics_no)

    async def deliveries(self, redis: Redis) -> list[Delivery]:
        return [
            Delivery(str(d["push_id"]), int(d["status"]), bool(d["succeeded"]), str(d["body"]))
            for d in await self._state(redis).items("deliveries")
        ]

    async def last_push_body(self, redis: Redis) -> bytes | None:
        last = await self._state(redis).items("deliveries", last=1)
        return str(last[0]["body"]).encode() if last else None

    async def settle(self) -> None:
        """Wait for the pushes still being delivered in the background."""
        await self._later.settle()

    # ------------------------------------------------------------------ delivering pushes

    async def deliver(self, redis: Redis, push_id: str, delay_seconds: float = 0.0) -> None:
        """Send one push until our answer is `{"code":"00000"}` or the backoff runs out."""
        push = await self._state(redis).get("push", push_id)
        if push is None:
            return
        if delay_seconds > 0:
            await asyncio.sleep(delay_seconds)
        waits = (*self._delivery_backoff, None)
        async with httpx.AsyncClient(
            timeout=DELIVERY_TIMEOUT_SECONDS, transport=self._delivery_transport
        ) as http:
            for wait in waits:
                if await self._attempt(redis, http, push_id, push["events"]) or wait is None:
                    return
                await asyncio.sleep(wait)

    async def _attempt(
        self, redis: Redis, http: httpx.AsyncClient, push_id: str, events: list[JsonObject]
    ) -> bool:
        # One event is sent as EMS sends it, an object; several as an array (our profile).
        payload: Any = events[0] if len(events) == 1 else events
        body = push_body(
            payload,
            key=self._key,
            sender_no=self.sender_no,
            serial_no=secrets.token_hex(16).upper(),
            now=wall_now(),
        )
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
            log.warning("ems sandbox: push got no answer (%s)", type(exc).__name__)
        delivery = {"push_id": push_id, "status": status, "succeeded": succeeded}
        try:
            await self._state(redis).append_capped(
                "deliveries", {**delivery, "body": body.decode()}, DELIVERIES_KEPT
            )
        except RedisError as exc:  # a background delivery outliving the test's Redis
            log.warning("ems sandbox: delivery not recorded (%s)", type(exc).__name__)
        return succeeded

    async def _new_push(self, redis: Redis, events: list[JsonObject]) -> str:
        push_id = f"PS{secrets.token_hex(12).upper()}"
        state = self._state(redis)
        await state.put("push", push_id, {"push_id": push_id, "events": events}, None)
        await state.append_capped("pushes", {"push_id": push_id}, PUSHES_KEPT)
        return push_id

    # ------------------------------------------------------------------ inside

    async def _order(self, redis: Redis, logistics_no: str) -> JsonObject:
        record = await self._state(redis).get("order", logistics_no)
        if record is None:
            raise EmsRefusal(ORDER_NOT_FOUND, "订单不存在")
        return record

    async def _picked_up(self, redis: Redis, logistics_no: str) -> None:
        record = await self._order(redis, logistics_no)
        if record["state"] == "CREATED":
            record["state"] = "PICKED_UP"
            await self._state(redis).put("order", logistics_no, record, None)


def _new_mail_no() -> str:
    """13 digits starting with 1, as domestic EMS numbers seen in practice do."""
    return f"1{secrets.randbelow(10**12):012d}"


def _trace_item(mail_no: str, logistics_no: str, event: Mapping[str, Any]) -> JsonObject:
    op_code = str(event["op_code"])
    op_time = event.get("op_time") or ems_time(clock.now())
    if parse_ems_time(op_time) is None:
        raise ValueError("op_time is YYYY-MM-DD HH:MM:SS")
    office = str(event.get("office", "福州市邮区中心局"))
    name = str(event.get("op_name") or OP_NAMES.get(op_code, "处理"))
    return {
        "waybillNo": mail_no,
        "orderNo": logistics_no,
        "opCode": op_code,
        "opName": name,
        "opDesc": f"【{office}】{name}",
        "opTime": op_time,
        "opOrgName": office,
        "opOrgProvName": "福建省",
        "opOrgCity": "福州市",
        "opOrgCode": "35000100",
        "operatorNo": "00000",
        "operatorName": "",
    }


def _says_success(answer: httpx.Response) -> bool:
    try:
        body = answer.json()
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("code") == SUCCESS_CODE


# ------------------------------------------------------------------ the sandbox's routes

Handler = Callable[[Redis, Mapping[str, Any]], Awaitable[JsonObject]]


def sandbox_blueprint(sandbox: EmsSandbox) -> Blueprint:
    bp = Blueprint("sandbox_ems", url_prefix=SANDBOX_PREFIX)
    bp.add_route(_gateway_route(sandbox), GATEWAY_PATH, methods=["POST"], name="gateway")

    @bp.post("/control/events")
    @requires(PUBLIC)
    async def events(request: Request) -> HTTPResponse:
        body = _control_body(request)
        work = sandbox.add_events(
            sandbox_redis(request),
            str(body["mail_no"]),
            list(body["events"]),
            push=bool(body.get("push", True)),
            separately=bool(body.get("separately", False)),
            shuffle=bool(body.get("shuffle", False)),
            delay_seconds=min(float(body.get("delay_seconds", 0)), 60.0),
        )
        return await _control_answer(_as_object("push_ids", work))

    @bp.post("/control/redeliver")
    @requires(PUBLIC)
    async def redeliver(request: Request) -> HTTPResponse:
        push_id = _control_body(request).get("push_id")
        work = sandbox.redeliver(sandbox_redis(request), push_id)
        return await _control_answer(_as_object("push_id", work))

    @bp.post("/control/fail-next")
    @requires(PUBLIC)
    async def fail_next(request: Request) -> HTTPResponse:
        body = _control_body(request)
        times, api_code = int(body.get("times", 1)), str(body.get("api_code", ANY_API))
        await sandbox.fail_next(sandbox_redis(request), min(times, 100), api_code)
        return json_response({"times": times, "api_code": api_code})

    @bp.post("/control/refuse-next")
    @requires(PUBLIC)
    async def refuse_next(request: Request) -> HTTPResponse:
        body = _control_body(request)
        times, api_code = int(body.get("times", 1)), str(body["api_code"])
        await sandbox.refuse_next(sandbox_redis(request), api_code, min(times, 100))
        return json_response({"times": times, "api_code": api_code})

    @bp.get("/control/pushes/last")
    @requires(PUBLIC)
    async def last_push(request: Request) -> HTTPResponse:
        body = await sandbox.last_push_body(sandbox_redis(request))
        if body is None:
            return json_response({"code": "PUSH_NOT_FOUND"}, status=404)
        return raw_response(body, content_type="application/json; charset=utf-8")

    return bp


def _gateway_route(sandbox: EmsSandbox) -> Callable[[Request], Coroutine[Any, Any, HTTPResponse]]:
    handlers: dict[str, Handler] = {
        API_CREATE_ORDER: sandbox.create_order,
        API_CANCEL_ORDER: sandbox.cancel,
        API_BOOK_PICKUP: sandbox.book_pickup,
        API_QUERY_TRACE: sandbox.query_trace,
    }

    @requires(PUBLIC)
    async def gateway(request: Request) -> HTTPResponse:
        redis = sandbox_redis(request)
        try:
            api_code, call = await sandbox.admit(redis, request.body or b"")
            handler = handlers.get(api_code)
            if handler is None:
                raise EmsRefusal("API_CODE_UNKNOWN", "接口代码不存在")
            body = await handler(redis, call)
        except EmsRefusal as refused:
            return sandbox.answer(refused.code, refused.message, status=refused.status)
        return sandbox.answer(SUCCESS_CODE, "成功", body)

    return gateway


def _control_body(request: Request) -> dict[str, Any]:
    body = json.loads(request.body or b"{}")
    if not isinstance(body, dict):
        raise ValueError("a control body is a JSON object")
    return body


async def _as_object(name: str, work: Awaitable[Any]) -> JsonObject:
    return {name: await work}


async def _control_answer(work: Awaitable[JsonObject]) -> HTTPResponse:
    try:
        return json_response(await work, ensure_ascii=False)
    except EmsRefusal as refused:
        body = {"code": refused.code, "message": refused.message}
        return json_response(body, status=refused.status, ensure_ascii=False)


# ================================================================= built from the settings


def sandbox_from_settings(settings: Settings) -> EmsSandbox:
    """The sandbox this process serves: it knows our sender number, authorisation and key,
    and pushes to this process's callback."""
    base = settings.gateway_url("ems")
    return EmsSandbox(
        settings.ems_sender_no,
        settings.ems_authorization,
        settings.secret("ems_sm4_key"),
        base.replace(SANDBOX_PREFIX, CALLBACK_PATH),
    )
