"""The payment platform's (统一公共支付平台) signed JSON notices, verified as pure functions.

Each province's platform publishes its own signing rules, so ours are written down here as our
platform profile, the one the sandbox speaks and a real deployment is configured to:

- A notice is one flat JSON object: every value is a string, an integer or null (money in
  integer fen; a float, a boolean, an array or an object is malformed).
- It carries `timestamp` (seconds since the epoch, digits, as a string or an integer), `nonce`
  (1 to 64 printable ASCII characters, unique per notice; the caller remembers it for 24 h,
  because the platform retries a notice for a day) and `sign` (base64).
- The signed string: every field except `sign` whose value is not null or empty, sorted by key
  (code point order), written `key=value` and joined by `&`, encoded as UTF-8. An integer is
  written in decimal, a string as it is.
- The signature is one of two algorithms, chosen by our configuration, never by the notice (a
  notice naming its own algorithm could pick the weaker one):
  `RSA-SHA256`: RSASSA-PKCS1-v1_5 with SHA-256, the platform's RSA public key in PEM;
  `SM2-SM3`: SM2 with SM3 (GB/T 32918, GM/T 0009: the SM3 Z value over the signer id
  `1234567812345678` unless configured), the signature DER-encoded, the platform's SM2 public
  key as hex (uncompressed `04‖x‖y`, bare `x‖y` or compressed).
- The timestamp must be within 300 s of our wall clock.

Why `gmssl-pyx` for SM2: `cryptography` (OpenSSL's bindings as Python ships them) has no SM2
signatures. `gmssl-pyx` wraps the GmSSL 3.2 C library, the reference implementation of the
Chinese standards, and installs here as a manylinux wheel with GmSSL linked in (no system
library, no compiler). The pure-Python `gmssl`
was the other candidate: it would install anywhere, but its elliptic-curve arithmetic runs in
Python on the request path, and GmSSL is the implementation the standards' authors maintain.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar, Protocol

import gmssl_pyx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from api.kit.callbacks import LONG_NONCE_TTL_SECONDS, CallbackRefused, unix_seconds

WINDOW_SECONDS = 300
NONCE_TTL_SECONDS = LONG_NONCE_TTL_SECONDS  # the platform retries a notice for up to a day
MAX_NONCE_LENGTH = 64
SM2_DEFAULT_SIGNER_ID = b"1234567812345678"

Value = str | int
Fields = Mapping[str, Value | None]


class Refusal(StrEnum):
    """Why a notice was refused: stable words for logs and tests."""

    MALFORMED = "malformed_notice"
    STALE_TIMESTAMP = "timestamp_out_of_window"
    BAD_SIGNATURE = "bad_signature"


_DETAILS = {
    Refusal.MALFORMED: "通知格式无效",
    Refusal.STALE_TIMESTAMP: "时间戳超出允许范围",
    Refusal.BAD_SIGNATURE: "签名无效",
}


class NonTaxRefused(CallbackRefused):
    """A payment platform notice we will not act on; `reason` says which check failed.

    A CallbackRefused, so a route that lets it through answers 401 `callback.refused`."""

    def __init__(self, reason: Refusal) -> None:
        self.reason = reason
        super().__init__(_DETAILS[reason])


# -------------------------------------------------------------------------- the signed string


def canonical_string(fields: Fields) -> bytes:
    """`k=v&k=v` over the fields but `sign`, sorted by key, null and empty values left out."""
    pairs = [
        f"{key}={value}"
        for key, value in sorted(fields.items())
        if key != "sign" and value is not None and value != ""
    ]
    return "&".join(pairs).encode("utf-8")


# -------------------------------------------------------------------- verifiers and signers


class NoticeVerifier(Protocol):
    """Checks a signature over a notice's canonical string with the platform's public key."""

    algorithm: ClassVar[str]

    def verify(self, message: bytes, signature: bytes) -> bool: ...


class NoticeSigner(Protocol):
    """Signs a canonical string: the sandbox's side of a NoticeVerifier."""

    algorithm: ClassVar[str]

    def sign(self, message: bytes) -> bytes: ...


class RsaSha256Verifier:
    algorithm: ClassVar[str] = "RSA-SHA256"

    def __init__(self, public_key: rsa.RSAPublicKey) -> None:
        self._public_key = public_key

    @classmethod
    def from_pem(cls, pem: str | bytes) -> RsaSha256Verifier:
        key = serialization.load_pem_public_key(pem.encode() if isinstance(pem, str) else pem)
        if not isinstance(key, rsa.RSAPublicKey):
            raise ValueError("the platform's RSA-SHA256 key must be an RSA public key")
        return cls(key)

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            self._public_key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return False
        return True


class RsaSha256Signer:
    algorithm: ClassVar[str] = "RSA-SHA256"

    def __init__(self, private_key: rsa.RSAPrivateKey) -> None:
        self._private_key = private_key

    def sign(self, message: bytes) -> bytes:
        return self._private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())


class Sm2Sm3Verifier:
    algorithm: ClassVar[str] = "SM2-SM3"

    def __init__(self, public_key: bytes, signer_id: bytes = SM2_DEFAULT_SIGNER_ID) -> None:
        # Normalised once, at start-up: a key that is not a point of the curve stops the
        # process, instead of refusing every notice.
        try:
            self._public_key: bytes = gmssl_pyx.normalize_sm2_public_key(public_key)
        except gmssl_pyx.GmsslInnerError as error:
            raise ValueError("the platform's SM2 public key is not a point of the curve") from error
        self._signer_id = signer_id

    @classmethod
    def from_hex(cls, public_key: str, signer_id: bytes = SM2_DEFAULT_SIGNER_ID) -> Sm2Sm3Verifier:
        try:
            raw = bytes.fromhex(public_key)
        except ValueError as error:
            raise ValueError("the platform's SM2 public key is hex") from error
        return cls(raw, signer_id)

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            return bool(gmssl_pyx.sm2_verify(self._public_key, message, signature, self._signer_id))
        except gmssl_pyx.GmsslInnerError:  # an empty or unparseable signature
            return False


class Sm2Sm3Signer:
    algorithm: ClassVar[str] = "SM2-SM3"

    def __init__(
        self, private_key: bytes, public_key: bytes, signer_id: bytes = SM2_DEFAULT_SIGNER_ID
    ) -> None:
        # SM2's Z value hashes the public key into every signature, so the signer needs it too.
        self._private_key = private_key
        self._public_key: bytes = gmssl_pyx.normalize_sm2_public_key(public_key)
        self._signer_id = signer_id

    @classmethod
    def generate(cls) -> Sm2Sm3Signer:
        """A fresh key pair, for the sandbox and tests."""
        public_key, private_key = gmssl_pyx.sm2_key_generate()
        return cls(private_key, public_key)

    @property
    def public_key(self) -> bytes:
        return self._public_key

    def sign(self, message: bytes) -> bytes:
        signature: bytes = gmssl_pyx.sm2_sign(
            self._private_key, self._public_key, message, self._signer_id
        )
        return signature


def verifier_from_settings(algorithm: str, public_key: str) -> NoticeVerifier:
    """The verifier the configuration names: `RSA-SHA256` with a PEM, `SM2-SM3` with hex."""
    if algorithm == RsaSha256Verifier.algorithm:
        return RsaSha256Verifier.from_pem(public_key)
    if algorithm == Sm2Sm3Verifier.algorithm:
        return Sm2Sm3Verifier.from_hex(public_key)
    raise ValueError(f"unknown payment platform signature algorithm {algorithm!r}")


# ------------------------------------------------------------------------------- verifying


@dataclass(frozen=True)
class SignedNotice:
    """A notice whose signature and timestamp verified; `fields` holds all but `sign`."""

    fields: Mapping[str, Value | None]
    timestamp: int
    nonce: str


def verify_notice(body: bytes, verifier: NoticeVerifier, now: float) -> SignedNotice:
    """The notice in `body`, or NonTaxRefused. `now` is wall-clock seconds since the epoch.

    The nonce is not checked here: pass `nonce_of(notice)` to the caller's nonce store, with
    NONCE_TTL_SECONDS, once this returns.
    """
    fields = _flat_object(body)
    timestamp = _timestamp(fields)
    nonce = _nonce(fields)
    # The window before the signature: a stale notice costs no public-key operation.
    if abs(now - timestamp) > WINDOW_SECONDS:
        raise NonTaxRefused(Refusal.STALE_TIMESTAMP)
    signature = _signature(fields)
    if not verifier.verify(canonical_string(fields), signature):
        raise NonTaxRefused(Refusal.BAD_SIGNATURE)
    signed = {key: value for key, value in fields.items() if key != "sign"}
    return SignedNotice(fields=signed, timestamp=timestamp, nonce=nonce)


def nonce_of(notice: SignedNotice) -> str:
    """The notice's nonce, for the caller's 24 h nonce store."""
    return notice.nonce


def _flat_object(body: bytes) -> dict[str, Value | None]:
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise NonTaxRefused(Refusal.MALFORMED) from None
    if not isinstance(value, dict) or not all(_is_flat_value(v) for v in value.values()):
        raise NonTaxRefused(Refusal.MALFORMED)
    return value


def _is_flat_value(value: Any) -> bool:
    # bool is an int to Python; `true` has no agreed form in the signed string.
    return value is None or isinstance(value, str) or type(value) is int


def _timestamp(fields: Mapping[str, Value | None]) -> int:
    value = fields.get("timestamp")
    seconds = unix_seconds(value) if isinstance(value, str) else None
    if type(value) is int and 0 <= value < 10**12:
        seconds = float(value)
    if seconds is None:
        raise NonTaxRefused(Refusal.MALFORMED)
    return int(seconds)


def _nonce(fields: Mapping[str, Value | None]) -> str:
    value = fields.get("nonce")
    if not (
        isinstance(value, str)
        and 0 < len(value) <= MAX_NONCE_LENGTH
        and value.isascii()
        and value.isprintable()
    ):
        raise NonTaxRefused(Refusal.MALFORMED)
    return value


def _signature(fields: Mapping[str, Value | None]) -> bytes:
    value = fields.get("sign")
    if not isinstance(value, str) or not value:
        raise NonTaxRefused(Refusal.MALFORMED)
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:  # binascii.Error, or text that is not ASCII
        raise NonTaxRefused(Refusal.BAD_SIGNATURE) from None


# ------------------------------------------------------------------- the sandbox's side


def sign_notice(fields: Fields, signer: NoticeSigner, timestamp: int, nonce: str) -> bytes:
    """The JSON body the platform would send: `fields` with timestamp, nonce and sign."""
    unsigned = {**fields, "timestamp": str(timestamp), "nonce": nonce}
    signature = signer.sign(canonical_string(unsigned))
    signed = {**unsigned, "sign": base64.b64encode(signature).decode("ascii")}
    return json.dumps(signed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ------------------------------------------------------------------------ reading a notice
#
# What a verified notice says, as typed values. Every notice carries `notify_id` (unique per
# notice, the same on every delivery of it: the key a receiver records once), `notify_type`
# ("PAID" or "REFUND"), `order_id` (our order's public id), `payment_code`, `payee_code` (the
# 执收单位 the money went to), `platform_serial` (the platform's payment serial), `paid_fen`
# and `paid_at` (RFC 3339 with its offset). A refund notice adds `refund_no` (ours),
# `refund_serial` (the platform's), `refund_fen` and `refund_status` (SUCCESS or FAILED).
# Fields the platform adds and we do not know are ignored.

PAID_NOTICE = "PAID"
REFUND_NOTICE = "REFUND"
REFUND_STATUSES = frozenset({"SUCCESS", "FAILED"})
MAX_FEN = 10**12  # far above any fee; a bigger number is not a real amount
PAYMENT_CODE_LENGTH = 20

# What the platform expects as our answer to a notice: this exact JSON on success (HTTP 200);
# anything else, a failure answer included, makes it deliver the notice again.
SUCCESS_ANSWER = b'{"code":"SUCCESS","message":"\xe6\x88\x90\xe5\x8a\x9f"}'  # 成功


def failure_answer(message: str) -> bytes:
    """The body of our answer refusing a notice (the platform retries it)."""
    return json.dumps({"code": "FAIL", "message": message}, ensure_ascii=False).encode()


@dataclass(frozen=True)
class PlatformPayment:
    """A PAID notice: money arrived for one of our orders."""

    notify_id: str
    order_id: str
    payment_code: str
    payee_code: str  # where the money went: compare it with the order's own payee
    platform_serial: str
    paid_fen: int
    paid_at: datetime


@dataclass(frozen=True)
class PlatformRefund:
    """A REFUND notice: the outcome of one of our refunds of a paid order."""

    notify_id: str
    order_id: str
    payment_code: str
    payee_code: str
    platform_serial: str  # the payment's serial
    paid_fen: int
    paid_at: datetime
    refund_no: str
    refund_serial: str
    refund_fen: int
    succeeded: bool  # refund_status SUCCESS; FAILED is False


def parse_notice(notice: SignedNotice) -> PlatformPayment | PlatformRefund:
    """The verified notice as what it says, or NonTaxRefused(MALFORMED) for a field missing,
    of the wrong type, too long, a negative amount or a time without its offset."""
    kind = notice.fields.get("notify_type")
    if kind == PAID_NOTICE:
        return parse_paid_notice(notice)
    if kind == REFUND_NOTICE:
        return parse_refund_notice(notice)
    raise NonTaxRefused(Refusal.MALFORMED)


def parse_paid_notice(notice: SignedNotice) -> PlatformPayment:
    fields = notice.fields
    _expect_type(fields, PAID_NOTICE)
    return PlatformPayment(
        notify_id=_field_text(fields, "notify_id", 64),
        order_id=_field_text(fields, "order_id", 32),
        payment_code=_payment_code(fields),
        payee_code=_field_text(fields, "payee_code", 32),
        platform_serial=_field_text(fields, "platform_serial", 64),
        paid_fen=_field_fen(fields, "paid_fen"),
        paid_at=_field_time(fields, "paid_at"),
    )


def parse_refund_notice(notice: SignedNotice) -> PlatformRefund:
    fields = notice.fields
    _expect_type(fields, REFUND_NOTICE)
    status = fields.get("refund_status")
    if status not in REFUND_STATUSES:
        raise NonTaxRefused(Refusal.MALFORMED)
    return PlatformRefund(
        notify_id=_field_text(fields, "notify_id", 64),
        order_id=_field_text(fields, "order_id", 32),
        payment_code=_payment_code(fields),
        payee_code=_field_text(fields, "payee_code", 32),
        platform_serial=_field_text(fields, "platform_serial", 64),
        paid_fen=_field_fen(fields, "paid_fen"),
        paid_at=_field_time(fields, "paid_at"),
        refund_no=_field_text(fields, "refund_no", 64),
        refund_serial=_field_text(fields, "refund_serial", 64),
        refund_fen=_field_fen(fields, "refund_fen"),
        succeeded=status == "SUCCESS",
    )


def _expect_type(fields: Fields, kind: str) -> None:
    if fields.get("notify_type") != kind:
        raise NonTaxRefused(Refusal.MALFORMED)


def _field_text(fields: Fields, key: str, longest: int) -> str:
    value = fields.get(key)
    if not (isinstance(value, str) and 0 < len(value) <= longest and value.isprintable()):
        raise NonTaxRefused(Refusal.MALFORMED)
    return value


def _payment_code(fields: Fields) -> str:
    code = _field_text(fields, "payment_code", PAYMENT_CODE_LENGTH)
    # The province's prefix is the client's to check; a notice's code is 20 digits anywhere.
    if len(code) != PAYMENT_CODE_LENGTH or not (code.isascii() and code.isdigit()):
        raise NonTaxRefused(Refusal.MALFORMED)
    return code


def _field_fen(fields: Fields, key: str) -> int:
    value = fields.get(key)
    # Amounts are JSON integers: "100" or 1.0 is not the platform's, and bool is not an amount.
    if type(value) is not int or not 0 <= value <= MAX_FEN:
        raise NonTaxRefused(Refusal.MALFORMED)
    return value


def _field_time(fields: Fields, key: str) -> datetime:
    text = _field_text(fields, key, 40)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise NonTaxRefused(Refusal.MALFORMED) from None
    if moment.utcoffset() is None:
        raise NonTaxRefused(Refusal.MALFORMED)
    return moment
