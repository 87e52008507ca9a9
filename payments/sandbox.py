"""WeChat Pay's side of a callback, played over loopback: notifications signed with the
sandbox's platform key and sealed with our APIv3 key, posted to our route as WeChat Pay would.

Each delivery is freshly signed (its own timestamp and nonce), as WeChat Pay's retries are:
the same notification `id` delivered twenty times is twenty different requests.
"""

from __future__ import annotations

import json
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from api.kit import clock
from api.kit.settings import Settings
from payments.callbacks import SANDBOX_KEY_ID
from payments.gateways.wechatpay import encrypt_resource, sign_notification

CALLBACK_PATH = "/callbacks/payments/wechat"
DELIVERY_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class WeChatPaySandbox:
    private_key: rsa.RSAPrivateKey
    serial: str
    api_v3_key: bytes
    mchid: str
    appid: str
    callback_url: str

    def paid(
        self,
        out_trade_no: str,
        total_fen: int,
        *,
        mchid: str | None = None,
        notification_id: str | None = None,
        success_time: datetime | None = None,
        transaction_id: str | None = None,
    ) -> bytes:
        """A TRANSACTION.SUCCESS notification's body."""
        transaction = {
            "appid": self.appid,
            "mchid": mchid or self.mchid,
            "out_trade_no": out_trade_no,
            "transaction_id": transaction_id or new_transaction_id(),
            "trade_type": "JSAPI",
            "trade_state": "SUCCESS",
            "trade_state_desc": "支付成功",
            "bank_type": "OTHERS",
            "success_time": _rfc3339(success_time or clock.now()),
            "payer": {"openid": "sandbox-openid"},
            "amount": {
                "total": total_fen,
                "payer_total": total_fen,
                "currency": "CNY",
                "payer_currency": "CNY",
            },
        }
        return self._envelope("TRANSACTION.SUCCESS", "transaction", transaction, notification_id)

    def refund(
        self,
        out_refund_no: str,
        out_trade_no: str,
        refund_fen: int,
        total_fen: int,
        *,
        status: str = "SUCCESS",
        notification_id: str | None = None,
        transaction_id: str | None = None,
        refund_id: str | None = None,
        success_time: datetime | None = None,
    ) -> bytes:
        """A REFUND.<status> notification's body."""
        refund: dict[str, Any] = {
            "mchid": self.mchid,
            "out_trade_no": out_trade_no,
            "transaction_id": transaction_id or new_transaction_id(),
            "out_refund_no": out_refund_no,
            "refund_id": refund_id or new_refund_id(),
            "refund_status": status,
            "user_received_account": "支付用户零钱",
            "amount": {
                "total": total_fen,
                "refund": refund_fen,
                "payer_total": total_fen,
                "payer_refund": refund_fen,
            },
        }
        if status == "SUCCESS":
            refund["success_time"] = _rfc3339(success_time or clock.now())
        return self._envelope(f"REFUND.{status}", "refund", refund, notification_id)

    def signed(
        self, body: bytes, *, timestamp: int | None = None, nonce: str | None = None
    ) -> dict[str, str]:
        """The headers of one delivery of `body`."""
        return {
            "Content-Type": "application/json",
            **sign_notification(
                self.private_key,
                self.serial,
                body,
                int(time.time()) if timestamp is None else timestamp,
                nonce or secrets.token_hex(16).upper(),
            ),
        }

    async def deliver(
        self, body: bytes, *, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """Post `body` to our route, freshly signed unless `headers` are given."""
        async with httpx.AsyncClient(timeout=DELIVERY_TIMEOUT_SECONDS) as http:
            return await http.post(
                self.callback_url, content=body, headers=headers or self.signed(body)
            )

    def _envelope(
        self, event_type: str, original_type: str, plaintext: dict[str, Any], id_: str | None
    ) -> bytes:
        resource = encrypt_resource(
            plaintext,
            self.api_v3_key,
            secrets.token_hex(6),
            associated_data=original_type,
            original_type=original_type,
        )
        envelope = {
            "id": id_ or str(uuid.uuid4()),
            "create_time": _rfc3339(clock.now()),
            "resource_type": "encrypt-resource",
            "event_type": event_type,
            "summary": "支付成功" if original_type == "transaction" else "退款状态变更",
            "resource": resource,
        }
        return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def sandbox_from_settings(settings: Settings, base_url: str | None = None) -> WeChatPaySandbox:
    """The sandbox of a process's settings; `base_url` is where our routes are served."""
    private = serialization.load_pem_private_key(
        settings.secret("wechatpay_sandbox_platform_key"), password=None
    )
    if not isinstance(private, rsa.RSAPrivateKey):
        raise ValueError("the sandbox platform key is an RSA key")
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host  # noqa: S104
    base = base_url or f"http://{host}:{settings.port}"
    return WeChatPaySandbox(
        private_key=private,
        serial=SANDBOX_KEY_ID,
        api_v3_key=settings.secret("wechatpay_api_v3_key"),
        mchid=settings.wechatpay_mchid,
        appid=settings.wechat_mp_appid,
        callback_url=base.rstrip("/") + CALLBACK_PATH,
    )


def new_transaction_id() -> str:
    """A transaction id shaped like WeChat Pay's (28 digits, starting 42000)."""
    return "42000" + "".join(secrets.choice("0123456789") for _ in range(23))


def new_refund_id() -> str:
    """A refund id shaped like WeChat Pay's (starting 50300)."""
    return "50300" + "".join(secrets.choice("0123456789") for _ in range(24))


def rfc3339(moment: datetime) -> str:
    """WeChat Pay's time format: seconds, the hall's offset (`2026-12-07T10:34:56+08:00`)."""
    return _rfc3339(moment)


def _rfc3339(moment: datetime) -> str:
    return clock.local(moment).replace(microsecond=0).isoformat()
