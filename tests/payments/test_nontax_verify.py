"""The payment platform's signed notices, under both configured algorithms: RSA-SHA256 and SM2."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from hypothesis import given
from hypothesis import strategies as st

from payments.gateways.nontax import (
    NONCE_TTL_SECONDS,
    NonTaxRefused,
    NoticeSigner,
    NoticeVerifier,
    Refusal,
    RsaSha256Signer,
    Sm2Sm3Signer,
    canonical_string,
    nonce_of,
    sign_notice,
    verifier_from_settings,
    verify_notice,
)

NOW = 1_767_000_000
PAID: dict[str, str | int | None] = {
    "pay_code": "350100260000123456",
    "bill_no": "YW-2026-000123",
    "amount_fen": 5000,
    "payee_code": "350100001",
    "paid_at": "2026-01-07T10:34:56+08:00",
    "payer_name": "张三",
    "remark": "",
    "channel": None,
}


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def sm2_signer() -> Sm2Sm3Signer:
    return Sm2Sm3Signer.generate()


@pytest.fixture(scope="module", params=["RSA-SHA256", "SM2-SM3"])
def pair(request, rsa_key, sm2_signer) -> tuple[NoticeSigner, NoticeVerifier]:
    """A signer and the verifier the configuration builds for it, once per algorithm."""
    if request.param == "RSA-SHA256":
        pem = rsa_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return RsaSha256Signer(rsa_key), verifier_from_settings("RSA-SHA256", pem.decode())
    return sm2_signer, verifier_from_settings("SM2-SM3", "04" + sm2_signer.public_key.hex())


def refusal(body: bytes, verifier: NoticeVerifier, now: float = NOW) -> Refusal:
    with pytest.raises(NonTaxRefused) as refused:
        verify_notice(body, verifier, now)
    assert refused.value.code == "callback.refused"
    return refused.value.reason


def resigned(body: bytes, **changes: Any) -> bytes:
    """The body with fields changed and its old signature kept: a forgery."""
    return json.dumps({**json.loads(body), **changes}, ensure_ascii=False).encode()


# -------------------------------------------------------------------------- the signed string


def test_the_canonical_string_is_sorted_pairs_without_sign_and_empty_values():
    fields: dict[str, str | int | None] = {
        "b": "2",
        "a": 1,
        "sign": "xx",
        "empty": "",
        "none": None,
        "中": "文",
    }
    assert canonical_string(fields) == "a=1&b=2&中=文".encode()


def test_the_algorithm_comes_from_configuration_only():
    with pytest.raises(ValueError):
        verifier_from_settings("MD5", "whatever")


def test_an_sm2_key_off_the_curve_stops_start_up():
    with pytest.raises(ValueError):
        verifier_from_settings("SM2-SM3", "04" + "11" * 64)


# ----------------------------------------------------------------------------- both algorithms


def test_a_signed_notice_verifies(pair):
    signer, verifier = pair
    body = sign_notice(PAID, signer, timestamp=NOW - 10, nonce="n-0001")
    notice = verify_notice(body, verifier, NOW)
    assert notice.fields["pay_code"] == "350100260000123456"
    assert notice.fields["amount_fen"] == 5000
    assert "sign" not in notice.fields
    assert (notice.timestamp, nonce_of(notice)) == (NOW - 10, "n-0001")
    assert NONCE_TTL_SECONDS == 24 * 3600


def test_field_order_in_the_body_does_not_matter(pair):
    signer, verifier = pair
    body = sign_notice(PAID, signer, timestamp=NOW, nonce="n-0002")
    shuffled = dict(reversed(list(json.loads(body).items())))
    verify_notice(json.dumps(shuffled).encode(), verifier, NOW)


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_fen": 5001},
        {"amount_fen": "5000 "},
        {"pay_code": "350100260000123457"},
        {"nonce": "n-0004"},
        {"remark": "加急"},  # an empty value was left out of the signature; a filled one is not
        {"extra": "x"},
    ],
)
def test_a_changed_field_is_a_forgery(pair, changes):
    signer, verifier = pair
    body = sign_notice(PAID, signer, timestamp=NOW, nonce="n-0003")
    assert refusal(resigned(body, **changes), verifier) is Refusal.BAD_SIGNATURE


def test_one_flipped_bit_of_the_signature_is_a_forgery(pair):
    signer, verifier = pair
    body = sign_notice(PAID, signer, timestamp=NOW, nonce="n-0005")
    signature = bytearray(base64.b64decode(json.loads(body)["sign"]))
    signature[-3] ^= 0x04
    forged = resigned(body, sign=base64.b64encode(signature).decode())
    assert refusal(forged, verifier) is Refusal.BAD_SIGNATURE


def test_the_other_algorithms_signature_is_a_forgery(rsa_key, sm2_signer):
    body = sign_notice(PAID, RsaSha256Signer(rsa_key), timestamp=NOW, nonce="n-0006")
    sm2_verifier = verifier_from_settings("SM2-SM3", sm2_signer.public_key.hex())
    assert refusal(body, sm2_verifier) is Refusal.BAD_SIGNATURE


def test_another_platforms_key_is_a_forgery(pair):
    signer, verifier = pair
    other = (
        Sm2Sm3Signer.generate()
        if signer.algorithm == "SM2-SM3"
        else RsaSha256Signer(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    )
    body = sign_notice(PAID, other, timestamp=NOW, nonce="n-0007")
    assert refusal(body, verifier) is Refusal.BAD_SIGNATURE


@pytest.mark.parametrize("offset", [-301, 301, -86_400])
def test_a_stale_notice_is_refused(pair, offset):
    signer, verifier = pair
    body = sign_notice(PAID, signer, timestamp=NOW + offset, nonce="n-0008")
    assert refusal(body, verifier) is Refusal.STALE_TIMESTAMP


@pytest.mark.parametrize("offset", [-300, 300])
def test_the_window_is_300_seconds_either_way(pair, offset):
    signer, verifier = pair
    verify_notice(sign_notice(PAID, signer, timestamp=NOW + offset, nonce="n-9"), verifier, NOW)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'"a string"',
        b"[" * 100_000,
        json.dumps({**PAID, "timestamp": str(NOW), "nonce": "n", "sign": "AAAA"}).encode()[:-1],
    ],
)
def test_a_body_that_is_not_a_json_object_is_malformed(pair, body):
    _, verifier = pair
    assert refusal(body, verifier) is Refusal.MALFORMED


@pytest.mark.parametrize(
    "changes",
    [
        {"amount_fen": 50.0},
        {"paid": True},
        {"items": [1, 2]},
        {"payer": {"name": "张三"}},
        {"timestamp": None},
        {"timestamp": "yesterday"},
        {"timestamp": True},
        {"timestamp": "１７６７００００００"},  # full-width digits are digits to str.isdigit
        {"nonce": None},
        {"nonce": ""},
        {"nonce": "x" * 65},
        {"nonce": "随机数"},
        {"sign": None},
        {"sign": ""},
        {"sign": 12},
    ],
)
def test_a_malformed_field_is_refused(pair, changes):
    signer, verifier = pair
    body = sign_notice(PAID, signer, timestamp=NOW, nonce="n-0010")
    assert refusal(resigned(body, **changes), verifier) is Refusal.MALFORMED


@pytest.mark.parametrize("sign", ["not base64!", "签名", "AAAA", "AA=="])
def test_a_signature_that_is_not_one_is_a_forgery(pair, sign):
    signer, verifier = pair
    body = sign_notice(PAID, signer, timestamp=NOW, nonce="n-0011")
    assert refusal(resigned(body, sign=sign), verifier) is Refusal.BAD_SIGNATURE


def test_an_integer_timestamp_is_accepted(pair):
    signer, verifier = pair
    fields = {**PAID, "timestamp": NOW, "nonce": "n-0012"}
    signature = signer.sign(canonical_string(fields))
    body = json.dumps({**fields, "sign": base64.b64encode(signature).decode()}).encode()
    assert verify_notice(body, verifier, NOW).timestamp == NOW


# ---------------------------------------------------------------------------------- garbage

flat_values = st.none() | st.text(max_size=40) | st.integers() | st.floats() | st.booleans()
json_values = st.recursive(
    flat_values,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)


@given(body=st.binary(max_size=400))
def test_garbage_bytes_raise_only_the_refusal(pair, body):
    _, verifier = pair
    with pytest.raises(NonTaxRefused):
        verify_notice(body, verifier, NOW)


@given(
    fields=st.dictionaries(
        st.sampled_from(["timestamp", "nonce", "sign", *PAID]) | st.text(max_size=8),
        json_values,
    ),
    fresh=st.booleans(),
    sign=st.binary(max_size=120).map(lambda raw: base64.b64encode(raw).decode()),
)
def test_garbage_notices_raise_only_the_refusal(pair, fields, fresh, sign):
    _, verifier = pair
    if fresh:  # reach the signature check with an in-window timestamp and a well-formed sign
        fields = {**fields, "timestamp": str(NOW), "nonce": "n", "sign": sign}
    with pytest.raises(NonTaxRefused):
        verify_notice(json.dumps(fields).encode(), verifier, NOW)
