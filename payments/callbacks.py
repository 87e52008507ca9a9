"""The payment channels' callbacks (支付通知、退款通知), from the edge to the order: WeChat
Pay's, then the non-tax platform's (at the end of this module), both by the same flow.

The house's flow (docs: ARCHITECTURE "How a callback flows"):

1. `WeChatPayVerifier`, run by the callback authenticator before the route: the platform
   key's signature, the ±300 s window (`payments.gateways.wechatpay.verify_notification`), and
   the nonce once in Redis. A SIGNTEST probe and a forgery are refused there, nothing stored.
2. `WeChatPayNotifications.apply`: the notification's `id` recorded once and the change made
   in one transaction, so a repeat (WeChat Pay retries until it gets our success answer, each
   retry freshly signed) changes nothing and is answered the same success.

Which notifications we act on: TRANSACTION.SUCCESS (a payment) and REFUND.SUCCESS /
REFUND.ABNORMAL / REFUND.CLOSED (a refund's outcome). Any other event type that verified (a
payscore event, say: the merchant account may have products we do not use) is acknowledged
without being opened: it is WeChat Pay's and authentic, refusing it would only make WeChat
Pay retry it for a day, and its resource may be sealed for a product whose key is not ours.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from sanic import Request

from api.kit.callbacks import NonceStore, app_redis_nonces, record_once
from api.kit.db import transaction
from api.kit.settings import Settings
from payments.gateways.nontax import (
    NONCE_TTL_SECONDS,
    NonTaxRefused,
    NoticeVerifier,
    PlatformPayment,
    PlatformRefund,
    verify_notice,
)
from payments.gateways.nontax import Refusal as NonTaxRefusal
from payments.gateways.nontax import nonce_of as nontax_nonce_of
from payments.gateways.nontax import parse_notice as parse_nontax_notice
from payments.gateways.nontax_client import platform_verifier_from_settings
from payments.gateways.wechatpay import (
    WINDOW_SECONDS,
    PlatformKeys,
    Refusal,
    WeChatPayRefused,
    decrypt_resource,
    nonce_of,
    parse_refund,
    parse_transaction,
    verify_notification,
)
from payments.models import Channel
from payments.service import Applied, PaymentNotice, Payments, RefundNotice

SOURCE = "wechatpay"
PAID_EVENT = "TRANSACTION.SUCCESS"
REFUND_EVENTS = frozenset({"REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED"})
# The sandbox's platform key is a public key (WeChat Pay's newer scheme), named by this id.
SANDBOX_KEY_ID = "PUB_KEY_ID_0100000000SANDBOX0000000000000"
log = logging.getLogger("yiwang.payments.wechatpay")


# ------------------------------------------------------------------------------- the edge


class WeChatPayVerifier:
    """The callback authenticator's check for source "wechatpay"."""

    def __init__(
        self,
        keys: PlatformKeys,
        *,
        nonce_store: Callable[[Request], NonceStore] = app_redis_nonces,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._nonce_store = nonce_store
        # Freshness is about the message in transit: wall-clock time, not business time.
        self._wall_clock = wall_clock

    async def __call__(self, request: Request) -> None:
        headers = dict(request.headers)
        try:
            verify_notification(headers, request.body or b"", self._keys, self._wall_clock())
            nonce = nonce_of(headers)
            if not await self._nonce_store(request).first_time(
                f"callback:{SOURCE}:nonce:{nonce}", 2 * WINDOW_SECONDS
            ):
                raise WeChatPayRefused(Refusal.BAD_SIGNATURE)  # a replay is not WeChat Pay
        except WeChatPayRefused as refused:
            # The reason in the log tells a probe from a forgery from a replay.
            log.warning("wechatpay callback refused", extra={"reason": refused.reason.value})
            raise


def platform_keys_from_settings(settings: Settings) -> PlatformKeys:
    """The configured platform keys, and in the sandbox gateway mode the sandbox's own."""
    keys = PlatformKeys.from_pems(settings.wechatpay_platform_keys)
    if settings.gateway_mode == "sandbox":
        keys = keys.with_pem(SANDBOX_KEY_ID, sandbox_public_pem(settings))
    return keys


def sandbox_public_pem(settings: Settings) -> bytes:
    private = serialization.load_pem_private_key(
        settings.secret("wechatpay_sandbox_platform_key"), password=None
    )
    return private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def wechatpay_verifier(settings: Settings, **options: Any) -> WeChatPayVerifier:
    return WeChatPayVerifier(platform_keys_from_settings(settings), **options)


# ---------------------------------------------------------------------------- applying


@dataclass(frozen=True)
class Envelope:
    """A verified notification's outer, unencrypted part."""

    id: str
    event_type: str
    resource: dict[str, Any]


class WeChatPayNotifications:
    """Opens a verified notification and applies it to orders and refunds."""

    def __init__(self, payments: Payments, *, api_v3_key: bytes, mchid: str) -> None:
        self._payments = payments
        self._api_v3_key = api_v3_key
        self._mchid = mchid

    async def apply(self, body: bytes) -> Applied | None:
        """What the notification did; None for an event type we do not act on."""
        envelope = envelope_of(body)
        if envelope.event_type == PAID_EVENT:
            paid = self._payment(envelope)
            return await self._once(envelope, lambda: self._payments.payment_notified(paid))
        if envelope.event_type in REFUND_EVENTS:
            refund = self._refund(envelope)
            return await self._once(envelope, lambda: self._payments.refund_notified(refund))
        log.info("wechatpay event not acted on", extra={"event_type": envelope.event_type[:64]})
        return None

    async def _once(self, envelope: Envelope, act: Callable[[], Any]) -> Applied:
        async with transaction():
            if not await record_once(SOURCE, envelope.id):
                return Applied.DUPLICATE
            applied: Applied = await act()
        log.info("wechatpay notification applied", extra={"outcome": applied.value})
        return applied

    def _payment(self, envelope: Envelope) -> PaymentNotice:
        paid = parse_transaction(decrypt_resource(envelope.resource, self._api_v3_key))
        if paid.trade_state != "SUCCESS":
            raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
        return PaymentNotice(
            source=SOURCE,
            notification_id=envelope.id,
            channel=Channel.WECHAT,
            order_public_id=paid.out_trade_no,
            channel_ref=paid.transaction_id,
            paid_fen=paid.total_fen,
            payee_is_us=paid.mchid == self._mchid,
            paid_at=paid.success_time,
        )

    def _refund(self, envelope: Envelope) -> RefundNotice:
        refund = parse_refund(decrypt_resource(envelope.resource, self._api_v3_key))
        return RefundNotice(
            source=SOURCE,
            notification_id=envelope.id,
            refund_no=refund.out_refund_no,
            order_public_id=refund.out_trade_no,
            channel_ref=refund.refund_id,
            refund_fen=refund.refund_fen,
            succeeded=refund.refund_status == "SUCCESS",
        )


def envelope_of(body: bytes) -> Envelope:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE) from None
    if not isinstance(document, dict):
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
    notification_id = document.get("id")
    event_type = document.get("event_type")
    resource = document.get("resource")
    if not (
        isinstance(notification_id, str)
        and 0 < len(notification_id) <= 128
        and isinstance(event_type, str)
        and isinstance(resource, dict)
    ):
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
    return Envelope(notification_id, event_type, resource)


def notifications_from_settings(settings: Settings, payments: Payments) -> WeChatPayNotifications:
    return WeChatPayNotifications(
        payments,
        api_v3_key=settings.secret("wechatpay_api_v3_key"),
        mchid=settings.wechatpay_mchid,
    )


# ------------------------------------------------------------------- the non-tax platform

NONTAX_SOURCE = "nontax"
nontax_log = logging.getLogger("yiwang.payments.nontax")


class NonTaxVerifier:
    """The callback authenticator's check for source "nontax": the platform's signature (the
    configured algorithm, never the notice's choice), ±300 s, and the nonce once in 24 h."""

    def __init__(
        self,
        verifier: NoticeVerifier,
        *,
        nonce_store: Callable[[Request], NonceStore] = app_redis_nonces,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._verifier = verifier
        self._nonce_store = nonce_store
        self._wall_clock = wall_clock

    async def __call__(self, request: Request) -> None:
        try:
            notice = verify_notice(request.body or b"", self._verifier, self._wall_clock())
            key = f"callback:{NONTAX_SOURCE}:nonce:{nontax_nonce_of(notice)}"
            if not await self._nonce_store(request).first_time(key, NONCE_TTL_SECONDS):
                raise NonTaxRefused(NonTaxRefusal.BAD_SIGNATURE)  # a replay is not the platform
        except NonTaxRefused as refused:
            nontax_log.warning("non-tax notice refused", extra={"reason": refused.reason.value})
            raise


def nontax_verifier(settings: Settings, **options: Any) -> NonTaxVerifier:
    return NonTaxVerifier(platform_verifier_from_settings(settings), **options)


class NonTaxNotifications:
    """Applies a verified platform notice: recorded once by its notify_id, then the payment or
    the refund's outcome by the transition table, in one transaction."""

    def __init__(self, payments: Payments, verifier: NoticeVerifier) -> None:
        self._payments = payments
        self._verifier = verifier

    async def apply(self, body: bytes) -> Applied:
        # Verified at the edge already; verified again as it is read (a public-key check is
        # cheap), so nothing unverified can be applied whoever calls this.
        notice = parse_nontax_notice(verify_notice(body, self._verifier, time.time()))
        async with transaction():
            if not await record_once(NONTAX_SOURCE, notice.notify_id):
                return Applied.DUPLICATE
            if isinstance(notice, PlatformRefund):
                applied = await self._payments.refund_notified(_nontax_refund(notice))
            else:
                applied = await self._payments.payment_notified(_nontax_payment(notice))
        nontax_log.info("non-tax notice applied", extra={"outcome": applied.value})
        return applied


def _nontax_payment(notice: PlatformPayment) -> PaymentNotice:
    return PaymentNotice(
        source=NONTAX_SOURCE,
        notification_id=notice.notify_id,
        channel=Channel.NONTAX,
        order_public_id=notice.order_id,
        channel_ref=notice.platform_serial,
        paid_fen=notice.paid_fen,
        payee_is_us=True,
        paid_at=notice.paid_at,
        payee_code=notice.payee_code,  # compared with the order's own under its lock
    )


def _nontax_refund(notice: PlatformRefund) -> RefundNotice:
    return RefundNotice(
        source=NONTAX_SOURCE,
        notification_id=notice.notify_id,
        refund_no=notice.refund_no,
        order_public_id=notice.order_id,
        channel_ref=notice.refund_serial,
        refund_fen=notice.refund_fen,
        succeeded=notice.succeeded,
    )
