"""WeChat Pay API v3 callbacks: verified, opened and read, as pure functions.

A callback carries `Wechatpay-Serial`, `Wechatpay-Timestamp`, `Wechatpay-Nonce`,
`Wechatpay-Signature` (and usually `Wechatpay-Signature-Type: WECHATPAY2-SHA256-RSA2048`). The
signature is base64 RSA-SHA256 (PKCS#1 v1.5) over `timestamp\\nnonce\\nbody\\n`, made with the
private key of the platform certificate or platform public key the serial names (a public key's
id starts `PUB_KEY_ID_`). The body's `resource` is AEAD_AES_256_GCM ciphertext under the
merchant's APIv3 key, with the resource's `nonce` and `associated_data`.

WeChat Pay sends probes whose signature starts `WECHATPAY/SIGNTEST/` to see that we do verify:
they must fail, and they are refused with their own reason so the log tells a probe from a
forgery.

Why `cryptography` and not the `wechatpayv3` SDK: the SDK is a client that owns its HTTP
(requests, or httpx with its async extra), downloads and caches platform certificates in a
directory by itself, and opens a callback in one call that verifies and decrypts together and
answers None on any failure. We need the pieces apart and pure: a refusal that says why, our
wall clock, the house's nonce store (api.kit.callbacks), keys from our settings, and no network
inside a request. The checks themselves are a few lines of `cryptography`, already a dependency.

Answering: success is HTTP 200 or 204 with no body; failure is a 4xx/5xx with
`{"code": "FAIL", "message": "..."}`, and WeChat Pay retries.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from api.kit.callbacks import CallbackRefused, unix_seconds

SERIAL_HEADER = "wechatpay-serial"
TIMESTAMP_HEADER = "wechatpay-timestamp"
NONCE_HEADER = "wechatpay-nonce"
SIGNATURE_HEADER = "wechatpay-signature"
SIGNATURE_TYPE_HEADER = "wechatpay-signature-type"

SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048"
SIGNTEST_PREFIX = "WECHATPAY/SIGNTEST/"
PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_"
RESOURCE_ALGORITHM = "AEAD_AES_256_GCM"
WINDOW_SECONDS = 300
MAX_NONCE_LENGTH = 128  # WeChat's are 32 characters; anything far longer is not theirs
SUCCESS_STATUS = 204
FAILURE_STATUS = 401  # any 4xx/5xx makes WeChat Pay retry; a refusal is ours to name


class Refusal(StrEnum):
    """Why a callback was refused: stable words for logs and tests."""

    SIGNTEST_PROBE = "signtest_probe"
    MISSING_HEADER = "missing_header"
    SIGNATURE_TYPE = "unsupported_signature_type"
    UNKNOWN_SERIAL = "unknown_serial"
    STALE_TIMESTAMP = "timestamp_out_of_window"
    BAD_SIGNATURE = "bad_signature"
    BAD_RESOURCE = "resource_not_opened"
    MALFORMED_NOTICE = "malformed_notice"


_DETAILS = {
    Refusal.SIGNTEST_PROBE: "签名探测请求",
    Refusal.MISSING_HEADER: "缺少签名信息",
    Refusal.SIGNATURE_TYPE: "不支持的签名类型",
    Refusal.UNKNOWN_SERIAL: "未知的平台证书序列号",
    Refusal.STALE_TIMESTAMP: "时间戳超出允许范围",
    Refusal.BAD_SIGNATURE: "签名无效",
    Refusal.BAD_RESOURCE: "通知内容无法解密",
    Refusal.MALFORMED_NOTICE: "通知内容格式无效",
}


class WeChatPayRefused(CallbackRefused):
    """A WeChat Pay callback we will not act on; `reason` says which check failed.

    A CallbackRefused, so a route that lets it through answers 401 `callback.refused`."""

    def __init__(self, reason: Refusal) -> None:
        self.reason = reason
        super().__init__(_DETAILS[reason])


# ---------------------------------------------------------------------------- platform keys


@dataclass(frozen=True)
class PlatformKeys:
    """WeChat Pay's verifying keys by the serial `Wechatpay-Serial` names.

    Hold the old and the new key while WeChat Pay switches (a new certificate, or a move from
    certificates to a platform public key): callbacks signed with either verify until the old
    one is removed from the settings.
    """

    by_serial: Mapping[str, rsa.RSAPublicKey] = field(default_factory=dict)

    @classmethod
    def from_pems(cls, pems: Mapping[str, str | bytes]) -> PlatformKeys:
        """Keys from `{serial: PEM}`; a PEM is a platform certificate or a platform public key."""
        keys = PlatformKeys()
        for serial, pem in pems.items():
            keys = keys.with_pem(serial, pem)
        return keys

    def with_pem(self, serial: str, pem: str | bytes) -> PlatformKeys:
        data = pem.encode() if isinstance(pem, str) else pem
        if b"BEGIN CERTIFICATE" in data:
            # Stored as WeChat Pay writes a certificate's serial, upper-case hex, whatever the
            # settings' case.
            serial = serial.upper()
            key = _certificate_key(serial, data)
        else:
            key = _public_key(serial, data)
        return PlatformKeys({**self.by_serial, serial: key})

    def with_certificate(self, pem: str | bytes) -> PlatformKeys:
        """Add a platform certificate under its own serial number (upper-case hex)."""
        data = pem.encode() if isinstance(pem, str) else pem
        serial = format(x509.load_pem_x509_certificate(data).serial_number, "X")
        return self.with_pem(serial, data)

    def key_for(self, serial: str) -> rsa.RSAPublicKey | None:
        return self.by_serial.get(serial)


def _certificate_key(serial: str, pem: bytes) -> rsa.RSAPublicKey:
    certificate = x509.load_pem_x509_certificate(pem)
    # A mismatch is a settings mistake that would otherwise refuse every callback: stop at
    # start-up instead.
    if format(certificate.serial_number, "X") != serial:
        raise ValueError(f"the certificate's serial is not {serial}")
    return _rsa(certificate.public_key())


def _public_key(serial: str, pem: bytes) -> rsa.RSAPublicKey:
    if not serial.startswith(PUBLIC_KEY_ID_PREFIX):
        raise ValueError(f"a platform public key's id starts {PUBLIC_KEY_ID_PREFIX}")
    return _rsa(serialization.load_pem_public_key(pem))


def _rsa(key: object) -> rsa.RSAPublicKey:
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("WeChat Pay's platform keys are RSA keys")
    return key


# ------------------------------------------------------------------------------ verifying


def verify_notification(
    headers: Mapping[str, str], body: bytes, keys: PlatformKeys, now: float
) -> None:
    """Raise WeChatPayRefused unless the callback was signed by WeChat Pay within the window.

    `now` is wall-clock seconds since the epoch. The nonce is not checked here: pass
    `nonce_of(headers)` to the caller's nonce store once this returns.
    """
    lower = _lowercase(headers)
    offered = lower.get(SIGNATURE_HEADER, "")
    # Checked first: a probe must fail whatever else it carries, and say it was a probe.
    if offered.startswith(SIGNTEST_PREFIX):
        raise WeChatPayRefused(Refusal.SIGNTEST_PROBE)
    timestamp = lower.get(TIMESTAMP_HEADER, "")
    nonce = nonce_of(headers)
    if not offered:
        raise WeChatPayRefused(Refusal.MISSING_HEADER)
    if lower.get(SIGNATURE_TYPE_HEADER, SIGNATURE_TYPE) != SIGNATURE_TYPE:
        raise WeChatPayRefused(Refusal.SIGNATURE_TYPE)
    key = keys.key_for(lower.get(SERIAL_HEADER, ""))
    if key is None:
        raise WeChatPayRefused(Refusal.UNKNOWN_SERIAL)
    # The window before the RSA check: a stale message costs no public-key operation.
    sent = unix_seconds(timestamp)
    if sent is None or abs(now - sent) > WINDOW_SECONDS:
        raise WeChatPayRefused(Refusal.STALE_TIMESTAMP)
    if not _signed_by(key, signed_message(timestamp, nonce, body), offered):
        raise WeChatPayRefused(Refusal.BAD_SIGNATURE)


def nonce_of(headers: Mapping[str, str]) -> str:
    """The callback's `Wechatpay-Nonce`, for the caller's nonce store."""
    nonce = _lowercase(headers).get(NONCE_HEADER, "")
    if not nonce or len(nonce) > MAX_NONCE_LENGTH or not nonce.isascii():
        raise WeChatPayRefused(Refusal.MISSING_HEADER)
    return nonce


def signed_message(timestamp: str, nonce: str, body: bytes) -> bytes:
    """`timestamp\\nnonce\\nbody\\n`: what WeChat Pay signs (the body as the raw bytes sent)."""
    return timestamp.encode("ascii") + b"\n" + nonce.encode("ascii") + b"\n" + body + b"\n"


def _signed_by(key: rsa.RSAPublicKey, message: bytes, offered: str) -> bool:
    try:
        signature = base64.b64decode(offered, validate=True)
        key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):  # binascii.Error and non-ASCII text are ValueErrors
        return False
    return True


def _lowercase(headers: Mapping[str, str]) -> dict[str, str]:
    # HTTP header names are case-insensitive; a plain dict from a test or a sandbox is not.
    return {name.lower(): value for name, value in headers.items()}


# ------------------------------------------------------------------------ opening resources


def decrypt_resource(resource: Mapping[str, Any], api_v3_key: bytes) -> dict[str, Any]:
    """The JSON object inside a callback's `resource`, opened with the merchant's APIv3 key.

    AES-GCM authenticates as it decrypts, so a wrong key, a changed byte of the ciphertext,
    nonce or associated data all fail here. The key is 32 bytes in production (the name's
    AES_256); AES-GCM's other sizes are accepted because WeChat's own published test vector
    uses a 16-byte key.
    """
    if resource.get("algorithm") != RESOURCE_ALGORITHM:
        raise WeChatPayRefused(Refusal.BAD_RESOURCE)
    ciphertext = resource.get("ciphertext")
    nonce = resource.get("nonce")
    associated_data = resource.get("associated_data", "")
    if not (
        isinstance(ciphertext, str) and isinstance(nonce, str) and isinstance(associated_data, str)
    ):
        raise WeChatPayRefused(Refusal.BAD_RESOURCE)
    try:
        plaintext = AESGCM(api_v3_key).decrypt(
            nonce.encode(), base64.b64decode(ciphertext, validate=True), associated_data.encode()
        )
    except (InvalidTag, ValueError, OverflowError):  # key or nonce size, base64, tag
        raise WeChatPayRefused(Refusal.BAD_RESOURCE) from None
    return _json_object(plaintext)


def _json_object(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise WeChatPayRefused(Refusal.BAD_RESOURCE) from None
    if not isinstance(value, dict):
        raise WeChatPayRefused(Refusal.BAD_RESOURCE)
    return value


def resource_of(body: bytes) -> dict[str, Any]:
    """The `resource` object of a verified callback's body."""
    try:
        envelope = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE) from None
    resource = envelope.get("resource") if isinstance(envelope, dict) else None
    if not isinstance(resource, dict):
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
    return resource


# ------------------------------------------------------------------------- reading notices

TRADE_STATES = frozenset(
    {"SUCCESS", "REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"}
)
REFUND_STATUSES = frozenset({"SUCCESS", "CLOSED", "PROCESSING", "ABNORMAL"})
MAX_FEN = 10**12  # far above any fee; a bigger number is not a real amount


@dataclass(frozen=True)
class PaidNotice:
    """A decrypted transaction notice (TRANSACTION.SUCCESS), amounts in fen."""

    out_trade_no: str
    transaction_id: str
    trade_state: str
    total_fen: int
    payer_total_fen: int
    success_time: datetime
    mchid: str
    appid: str


@dataclass(frozen=True)
class RefundNotice:
    """A decrypted refund notice (REFUND.SUCCESS / ABNORMAL / CLOSED), amounts in fen."""

    out_refund_no: str
    refund_id: str
    refund_status: str
    out_trade_no: str
    transaction_id: str
    total_fen: int
    refund_fen: int
    payer_total_fen: int
    payer_refund_fen: int
    success_time: datetime | None  # only a successful refund has one
    mchid: str


def parse_transaction(decrypted: Mapping[str, Any]) -> PaidNotice:
    amount = _object(decrypted, "amount")
    _check_currency(amount)
    total = _fen(amount, "total", minimum=1)
    return PaidNotice(
        out_trade_no=_text(decrypted, "out_trade_no"),
        transaction_id=_text(decrypted, "transaction_id"),
        trade_state=_one_of(decrypted, "trade_state", TRADE_STATES),
        total_fen=total,
        payer_total_fen=_fen(amount, "payer_total", maximum=total),
        success_time=_aware_time(decrypted, "success_time"),
        mchid=_text(decrypted, "mchid"),
        appid=_text(decrypted, "appid"),
    )


def parse_refund(decrypted: Mapping[str, Any]) -> RefundNotice:
    amount = _object(decrypted, "amount")
    total = _fen(amount, "total", minimum=1)
    payer_total = _fen(amount, "payer_total", maximum=total)
    status = _one_of(decrypted, "refund_status", REFUND_STATUSES)
    success_time = _aware_time(decrypted, "success_time") if status == "SUCCESS" else None
    return RefundNotice(
        out_refund_no=_text(decrypted, "out_refund_no"),
        refund_id=_text(decrypted, "refund_id"),
        refund_status=status,
        out_trade_no=_text(decrypted, "out_trade_no"),
        transaction_id=_text(decrypted, "transaction_id"),
        total_fen=total,
        refund_fen=_fen(amount, "refund", minimum=1, maximum=total),
        payer_total_fen=payer_total,
        payer_refund_fen=_fen(amount, "payer_refund", maximum=payer_total),
        success_time=success_time,
        mchid=_text(decrypted, "mchid"),
    )


def _object(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
    return value


def _text(data: Mapping[str, Any], key: str, max_length: int = 64) -> str:
    value = data.get(key)
    if not (isinstance(value, str) and 0 < len(value) <= max_length and value.isprintable()):
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
    return value


def _one_of(data: Mapping[str, Any], key: str, allowed: frozenset[str]) -> str:
    value = data.get(key)
    if value not in allowed:
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
    return str(value)


def _fen(data: Mapping[str, Any], key: str, minimum: int = 0, maximum: int = MAX_FEN) -> int:
    value = data.get(key)
    # bool is an int to Python, never an amount to us.
    if type(value) is not int or not minimum <= value <= maximum:
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
    return value


def _check_currency(amount: Mapping[str, Any]) -> None:
    # Fees are in yuan; a notice in another currency is not one of ours to settle.
    for key in ("currency", "payer_currency"):
        if amount.get(key, "CNY") != "CNY":
            raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)


def _aware_time(data: Mapping[str, Any], key: str) -> datetime:
    """An RFC 3339 time with its offset (`2018-06-08T10:34:56+08:00`)."""
    text = _text(data, key, max_length=40)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE) from None
    if moment.tzinfo is None:
        raise WeChatPayRefused(Refusal.MALFORMED_NOTICE)
    return moment


# ------------------------------------------------------------------------------- answering


def failure_body(message: str) -> bytes:
    """The body of a failure answer (with a 4xx/5xx status); success has no body."""
    return json.dumps({"code": "FAIL", "message": message}, ensure_ascii=False).encode()


# ------------------------------------------------------------------- the sandbox's side


def sign_notification(
    private_key: rsa.RSAPrivateKey, serial: str, body: bytes, timestamp: int, nonce: str
) -> dict[str, str]:
    """The headers WeChat Pay would send with `body`, signed with the sandbox's platform key."""
    stamp = str(timestamp)
    signature = private_key.sign(
        signed_message(stamp, nonce, body), padding.PKCS1v15(), hashes.SHA256()
    )
    return {
        "Wechatpay-Serial": serial,
        "Wechatpay-Timestamp": stamp,
        "Wechatpay-Nonce": nonce,
        "Wechatpay-Signature": base64.b64encode(signature).decode("ascii"),
        "Wechatpay-Signature-Type": SIGNATURE_TYPE,
    }


def encrypt_resource(
    plaintext: Mapping[str, Any],
    api_v3_key: bytes,
    nonce: str,
    associated_data: str = "transaction",
    original_type: str = "transaction",
) -> dict[str, str]:
    """A callback's `resource` holding `plaintext`, as WeChat Pay encrypts it."""
    data = json.dumps(plaintext, ensure_ascii=False, separators=(",", ":")).encode()
    ciphertext = AESGCM(api_v3_key).encrypt(nonce.encode(), data, associated_data.encode())
    return {
        "original_type": original_type,
        "algorithm": RESOURCE_ALGORITHM,
        "ciphertext": base64.b64encode(ciphertext).decode("ascii"),
        "associated_data": associated_data,
        "nonce": nonce,
    }
