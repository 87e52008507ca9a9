"""The SMS gateway: a client for an Aliyun-Dysmsapi-shaped `SendSms` API, and its sandbox.

Wire format (the RPC style most Chinese SMS gateways share): a form POST of the action's
parameters plus AccessKeyId, SignatureMethod=HMAC-SHA1, SignatureNonce, SignatureVersion=1.0,
Timestamp (UTC ISO 8601), Version; `Signature` is base64(HMAC-SHA1(secret + "&",
"POST&%2F&" + percent-encoded sorted query)). The approved signature name, the template code
and the template parameters (each at most 35 characters) travel separately; `OutId` carries our
own reference so receipts can be matched. The answer is JSON with `Code` "OK" or an error code.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx
from redis.asyncio import Redis
from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from api.kit.callbacks import (
    SignedParts,
    hmac_sha256_base64,
    same_signature,
    timestamp_nonce_body,
)
from api.kit.policy import PUBLIC, requires
from api.kit.sandbox_state import SandboxState, sandbox_redis

API_VERSION = "2017-05-25"
MAX_PARAMETER_LENGTH = 35
# Error codes the gateway uses for conditions that may pass; everything else is permanent.
TEMPORARY_CODES = frozenset({"isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "Throttling.User"})


class SmsError(Exception):
    def __init__(self, code: str, temporary: bool) -> None:
        self.code = code
        self.temporary = temporary
        super().__init__(code)


@dataclass(frozen=True)
class SmsReceipt:
    biz_id: str
    request_id: str


def percent_encode(value: str) -> str:
    return quote(value, safe="~")


def sign(parameters: dict[str, str], secret: str, method: str = "POST") -> str:
    canonical = "&".join(
        f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(parameters.items())
    )
    string_to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class SmsClient:
    def __init__(
        self,
        base_url: str,
        access_key_id: str,
        access_key_secret: str,
        sign_name: str,
        *,
        timeout: float,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)
        self._key_id = access_key_id
        self._secret = access_key_secret
        self.sign_name = sign_name

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(
        self, phone: str, template_code: str, parameters: dict[str, str], out_id: str
    ) -> SmsReceipt:
        for name, value in parameters.items():
            if len(value) > MAX_PARAMETER_LENGTH:
                raise ValueError(f"template parameter {name!r} is longer than 35 characters")
        form = {
            "Action": "SendSms",
            "PhoneNumbers": phone,
            "SignName": self.sign_name,
            "TemplateCode": template_code,
            "TemplateParam": json.dumps(parameters, ensure_ascii=False, separators=(",", ":")),
            "OutId": out_id,
            **self._common_parameters(),
        }
        form["Signature"] = sign(form, self._secret)
        try:
            response = await self._http.post("/", data=form)
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SmsError(f"transport:{type(exc).__name__}", temporary=True) from exc
        code = str(answer.get("Code", "unknown")) if isinstance(answer, dict) else "unknown"
        if code != "OK":
            raise SmsError(code, temporary=code in TEMPORARY_CODES or response.status_code >= 500)
        return SmsReceipt(
            biz_id=str(answer.get("BizId", "")), request_id=str(answer.get("RequestId", ""))
        )

    def _common_parameters(self) -> dict[str, str]:
        return {
            "AccessKeyId": self._key_id,
            "Format": "JSON",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": secrets.token_hex(16),
            "SignatureVersion": "1.0",
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
        }


# Receipts pushed to us are signed: base64(HMAC-SHA256(secret, ts\nnonce\nbody)).
RECEIPT_SIGNED_STRING = timestamp_nonce_body


def receipt_signature(secret: str, timestamp: str, nonce: str, body: bytes) -> str:
    """The signature the gateway puts on a receipt (the sandbox signs with it)."""
    message = RECEIPT_SIGNED_STRING(SignedParts("POST", "", timestamp, nonce, body))
    return hmac_sha256_base64(secret.encode(), message).decode()


# --------------------------------------------------------------------------- the sandbox

MESSAGES_KEPT = 1000
# The gateway refuses a SignatureNonce seen within its 15-minute timestamp window; a nonce is
# remembered for the whole span a timestamp is accepted (15 minutes either side).
TIMESTAMP_WINDOW = timedelta(minutes=15)
NONCE_SECONDS = 2 * int(TIMESTAMP_WINDOW.total_seconds())


@dataclass
class SandboxSms:
    """What the sandbox gateway accepted, newest last (dev and tests read it back)."""

    phone: str
    sign_name: str
    template_code: str
    parameters: dict[str, str]
    out_id: str
    biz_id: str
    received_at: str


class SmsSandbox:
    """The SMS gateway's side. Its state (what it accepted, the nonces it saw) is in Redis, so
    every server process plays one gateway."""

    def __init__(
        self,
        access_key_id: str,
        access_key_secret: str,
        receipt_url: str,
        keep: int = MESSAGES_KEPT,
    ) -> None:
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.receipt_url = receipt_url
        self.keep = keep

    @staticmethod
    def _state(redis: Redis) -> SandboxState:
        return SandboxState(redis, "sms")

    async def accept(self, redis: Redis, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        problem = await self._problem_with(redis, form)
        if problem:
            return 400, {"Code": problem, "Message": problem, "RequestId": secrets.token_hex(8)}
        message = SandboxSms(
            phone=form["PhoneNumbers"],
            sign_name=form["SignName"],
            template_code=form["TemplateCode"],
            parameters=json.loads(form.get("TemplateParam") or "{}"),
            out_id=form.get("OutId", ""),
            biz_id=secrets.token_hex(10),
            received_at=datetime.now(UTC).isoformat(),
        )
        await self._state(redis).append_capped("messages", asdict(message), self.keep)
        return 200, {
            "Code": "OK",
            "Message": "OK",
            "BizId": message.biz_id,
            "RequestId": secrets.token_hex(8),
        }

    async def messages(self, redis: Redis, phone: str | None = None) -> list[SandboxSms]:
        """What it accepted (the newest `keep`), oldest first; only to `phone` if given."""
        every = [SandboxSms(**item) for item in await self._state(redis).items("messages")]
        return [m for m in every if phone is None or m.phone == phone]

    async def _problem_with(self, redis: Redis, form: dict[str, str]) -> str | None:
        if form.get("AccessKeyId") != self.access_key_id:
            return "InvalidAccessKeyId.NotFound"
        unsigned = {k: v for k, v in form.items() if k != "Signature"}
        if not same_signature(sign(unsigned, self.access_key_secret), form.get("Signature", "")):
            return "SignatureDoesNotMatch"
        try:
            sent = datetime.strptime(form["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except (KeyError, ValueError):
            return "InvalidTimeStamp.Format"
        if abs(datetime.now(UTC) - sent) > TIMESTAMP_WINDOW:
            return "InvalidTimeStamp.Expired"
        nonce = form.get("SignatureNonce", "")
        if not nonce or not await self._state(redis).first_time("nonce", nonce, NONCE_SECONDS):
            return "SignatureNonceUsed"
        if not form.get("PhoneNumbers", "").isdigit():
            return "isv.MOBILE_NUMBER_ILLEGAL"
        return None


MAX_RECEIPT_REPEATS = 10  # a test repeats a receipt a few times; no more


def sandbox_blueprint(sandbox: SmsSandbox) -> Blueprint:
    bp = Blueprint("sandbox_sms", url_prefix="/sandbox/sms")

    @bp.post("/")
    @requires(PUBLIC)
    async def send_sms(request: Request) -> HTTPResponse:
        form = {key: values[0] for key, values in (request.form or {}).items()}
        status, body = await sandbox.accept(sandbox_redis(request), form)
        return json_response(body, status=status, ensure_ascii=False)

    @bp.post("/_test/push-receipts")
    @requires(PUBLIC)
    async def push_receipts(request: Request) -> HTTPResponse:
        """Play the gateway's receipt push: signed, over HTTP, to our callback endpoint."""
        body = request.json or {}
        wanted = set(body.get("out_ids") or [])
        times = min(int(body.get("times", 1)), MAX_RECEIPT_REPEATS)
        success = bool(body.get("success", True))
        reports = [
            {
                "phone_number": m.phone,
                "success": success,
                "err_code": "DELIVERED" if success else "MK:0001",
                "biz_id": m.biz_id,
                "out_id": m.out_id,
                "report_time": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            }
            for m in await sandbox.messages(sandbox_redis(request))
            if m.out_id in wanted
        ]
        payload = json.dumps(reports, ensure_ascii=False).encode()
        answers = []
        async with httpx.AsyncClient(timeout=5) as http:
            for _ in range(times):
                timestamp, nonce = str(int(datetime.now(UTC).timestamp())), secrets.token_hex(8)
                response = await http.post(
                    sandbox.receipt_url,
                    content=payload,
                    headers={
                        "Content-Type": "application/json",
                        "X-Sms-Timestamp": timestamp,
                        "X-Sms-Nonce": nonce,
                        "X-Sms-Signature": receipt_signature(
                            sandbox.access_key_secret, timestamp, nonce, payload
                        ),
                    },
                )
                answers.append({"status": response.status_code, "body": response.json()})
        return json_response({"pushed": len(reports), "answers": answers}, ensure_ascii=False)

    @bp.get("/messages")
    @requires(PUBLIC)
    async def messages(request: Request) -> HTTPResponse:
        found = await sandbox.messages(sandbox_redis(request), request.args.get("phone"))
        return json_response({"messages": [asdict(m) for m in found]}, ensure_ascii=False)

    return bp
