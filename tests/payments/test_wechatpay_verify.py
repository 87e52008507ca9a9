"""WeChat Pay v3 callbacks: the official vector verifies and opens; forgeries refused by name."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from hypothesis import given
from hypothesis import strategies as st

from payments.gateways.wechatpay import (
    PlatformKeys,
    Refusal,
    WeChatPayRefused,
    decrypt_resource,
    encrypt_resource,
    failure_body,
    nonce_of,
    parse_refund,
    parse_transaction,
    resource_of,
    sign_notification,
    verify_notification,
)

VECTOR = json.loads(
    (Path(__file__).parent.parent / "vectors" / "wechatpay_v3_notify.json").read_text()
)
VECTOR_SERIAL = VECTOR["platform_certificate_serial_hex"]
VECTOR_BODY: bytes = VECTOR["body"].encode()
VECTOR_TIME = float(VECTOR["headers"]["Wechatpay-Timestamp"])
VECTOR_KEYS = PlatformKeys().with_certificate(VECTOR["platform_certificate_pem"])
API_V3_KEY = b"0123456789abcdef0123456789abcdef"  # 32 bytes, as in production
NEW_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000"


def vector_headers(**changes: str) -> dict[str, str]:
    # The Go SDK's test names the serial through its certificate store, not a header.
    return {**VECTOR["headers"], "Wechatpay-Serial": VECTOR_SERIAL, **changes}


def refusal(headers: dict[str, str], body: bytes, keys: PlatformKeys, now: float) -> Refusal:
    with pytest.raises(WeChatPayRefused) as refused:
        verify_notification(headers, body, keys, now)
    assert refused.value.code == "callback.refused"
    return refused.value.reason


@pytest.fixture(scope="module")
def new_private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def switching_keys(new_private_key: rsa.RSAPrivateKey) -> PlatformKeys:
    """The vector's certificate and a new platform public key, held together during a switch."""
    pem = new_private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return PlatformKeys.from_pems(
        {VECTOR_SERIAL: VECTOR["platform_certificate_pem"], NEW_KEY_ID: pem}
    )


# ------------------------------------------------------------------------- the official vector


def test_the_official_vector_verifies_with_the_clock_at_its_timestamp():
    verify_notification(vector_headers(), VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME)


def test_header_names_are_case_insensitive():
    lower = {name.lower(): value for name, value in vector_headers().items()}
    verify_notification(lower, VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME)


def test_the_official_vector_decrypts_with_its_apiv3_key():
    opened = decrypt_resource(resource_of(VECTOR_BODY), VECTOR["apiv3_key"].encode())
    # AES-GCM authenticated these bytes: this is the plaintext WeChat's test encrypted.
    assert opened == {
        "mchid": "1234567890",
        "appid": "054aa7d7a2a54ab5898df65bd96f001c",
        "create_time": "2020-06-30T12:12:00+08:00",
        "out_contract_code": "21640bdbd08e473e828f3206a2741c6e",
    }


def test_the_vector_is_fresh_for_exactly_300_seconds_either_way():
    for offset in (-300, 300):
        verify_notification(vector_headers(), VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME + offset)


@pytest.mark.parametrize("offset", [-301, 301])
def test_a_timestamp_301_seconds_off_is_stale(offset):
    reason = refusal(vector_headers(), VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME + offset)
    assert reason is Refusal.STALE_TIMESTAMP


def test_one_flipped_bit_of_the_signature_is_a_forgery():
    signature = bytearray(base64.b64decode(VECTOR["headers"]["Wechatpay-Signature"]))
    signature[17] ^= 0x01
    forged = vector_headers(**{"Wechatpay-Signature": base64.b64encode(signature).decode()})
    assert refusal(forged, VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME) is Refusal.BAD_SIGNATURE


def test_another_body_under_the_vectors_signature_is_a_forgery():
    other = VECTOR_BODY.replace(b"PAYSCORE.USER_OPEN_SERVICE", b"TRANSACTION.SUCCESS")
    assert refusal(vector_headers(), other, VECTOR_KEYS, VECTOR_TIME) is Refusal.BAD_SIGNATURE


def test_another_nonce_is_a_forgery():
    headers = vector_headers(**{"Wechatpay-Nonce": "EcZ9Cmy4Xyx1i6RlJQzLcCyEqDa26NBZ"})
    assert refusal(headers, VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME) is Refusal.BAD_SIGNATURE


def test_a_signtest_probe_is_refused_as_a_probe():
    probe = vector_headers(**{"Wechatpay-Signature": "WECHATPAY/SIGNTEST/" + "A" * 40})
    assert refusal(probe, VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME) is Refusal.SIGNTEST_PROBE


def test_an_unknown_serial_is_refused():
    headers = vector_headers(**{"Wechatpay-Serial": "5157F09EFDC096DE15EBE81A47057A72"})
    assert refusal(headers, VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME) is Refusal.UNKNOWN_SERIAL


def test_another_signature_type_is_refused():
    headers = vector_headers(**{"Wechatpay-Signature-Type": "WECHATPAY2-SM2-WITH-SM3"})
    assert refusal(headers, VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME) is Refusal.SIGNATURE_TYPE


@pytest.mark.parametrize(
    "header", ["Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Timestamp"]
)
def test_a_missing_header_is_refused(header):
    headers = vector_headers()
    del headers[header]
    assert refusal(headers, VECTOR_BODY, VECTOR_KEYS, VECTOR_TIME) in {
        Refusal.MISSING_HEADER,
        Refusal.STALE_TIMESTAMP,  # no timestamp is no time within the window
    }


def test_the_nonce_is_given_to_the_caller():
    assert nonce_of(vector_headers()) == VECTOR["headers"]["Wechatpay-Nonce"]


# --------------------------------------------------------------------------------- key switch


def test_during_a_key_switch_both_serials_verify(switching_keys, new_private_key):
    verify_notification(vector_headers(), VECTOR_BODY, switching_keys, VECTOR_TIME)
    body = b'{"id":"new"}'
    headers = sign_notification(new_private_key, NEW_KEY_ID, body, 1_700_000_000, "n" * 32)
    verify_notification(headers, body, switching_keys, 1_700_000_000)


def test_a_signature_checked_with_the_other_serials_key_fails(switching_keys, new_private_key):
    body = b'{"id":"new"}'
    headers = sign_notification(new_private_key, VECTOR_SERIAL, body, 1_700_000_000, "n" * 32)
    assert refusal(headers, body, switching_keys, 1_700_000_000) is Refusal.BAD_SIGNATURE


def test_a_certificate_loads_under_its_own_serial_only():
    with pytest.raises(ValueError):
        PlatformKeys.from_pems({"0123ABCD": VECTOR["platform_certificate_pem"]})


def test_a_certificates_serial_may_be_configured_in_lower_case():
    keys = PlatformKeys.from_pems({VECTOR_SERIAL.lower(): VECTOR["platform_certificate_pem"]})
    verify_notification(vector_headers(), VECTOR_BODY, keys, VECTOR_TIME)


def test_a_public_key_needs_a_public_key_id(new_private_key):
    pem = new_private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(ValueError):
        PlatformKeys.from_pems({"D7CE59D1F522D702": pem})


def test_a_sandbox_certificate_round_trips(new_private_key):
    certificate = self_signed(new_private_key)
    keys = PlatformKeys().with_certificate(certificate)
    serial = next(iter(keys.by_serial))
    body = b'{"id":"sandbox"}'
    headers = sign_notification(new_private_key, serial, body, 1_700_000_000, "abc")
    verify_notification(headers, body, keys, 1_700_000_000)


def self_signed(key: rsa.RSAPrivateKey) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Yiwang sandbox WeChat Pay")])
    start = datetime(2026, 1, 1, tzinfo=UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


# -------------------------------------------------------------------------------- resources

TRANSACTION = {
    "mchid": "1900000109",
    "appid": "wxd678efh567hg6787",
    "out_trade_no": "YW20260107123456",
    "transaction_id": "4200000000202601071234567890",
    "trade_type": "JSAPI",
    "trade_state": "SUCCESS",
    "trade_state_desc": "支付成功",
    "bank_type": "CMC",
    "success_time": "2026-01-07T10:34:56+08:00",
    "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
    "amount": {"total": 5000, "payer_total": 4900, "currency": "CNY", "payer_currency": "CNY"},
}

REFUND = {
    "mchid": "1900000109",
    "out_trade_no": "YW20260107123456",
    "transaction_id": "4200000000202601071234567890",
    "out_refund_no": "YWR20260108000001",
    "refund_id": "50000000382019052709732678859",
    "refund_status": "SUCCESS",
    "success_time": "2026-01-08T09:00:00+08:00",
    "user_received_account": "招商银行信用卡0403",
    "amount": {"total": 5000, "refund": 5000, "payer_total": 4900, "payer_refund": 4900},
}


def test_a_transaction_round_trips_through_the_sandbox_signer(new_private_key):
    resource = encrypt_resource(TRANSACTION, API_V3_KEY, nonce="fdasflkja484")
    body = json.dumps({"id": "e1", "event_type": "TRANSACTION.SUCCESS", "resource": resource})
    headers = sign_notification(new_private_key, NEW_KEY_ID, body.encode(), 1_700_000_000, "n1")
    keys = PlatformKeys.from_pems({NEW_KEY_ID: public_pem(new_private_key)})
    verify_notification(headers, body.encode(), keys, 1_700_000_123)
    notice = parse_transaction(decrypt_resource(resource_of(body.encode()), API_V3_KEY))
    assert notice.out_trade_no == "YW20260107123456"
    assert notice.transaction_id == "4200000000202601071234567890"
    assert (notice.total_fen, notice.payer_total_fen) == (5000, 4900)
    assert notice.success_time == datetime(2026, 1, 7, 2, 34, 56, tzinfo=UTC)
    assert (notice.mchid, notice.appid) == ("1900000109", "wxd678efh567hg6787")


def public_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def test_a_refund_notice_reads():
    opened = decrypt_resource(
        encrypt_resource(REFUND, API_V3_KEY, "refundnonce1", "refund"), API_V3_KEY
    )
    notice = parse_refund(opened)
    assert (notice.out_refund_no, notice.refund_id) == ("YWR20260108000001", REFUND["refund_id"])
    assert (notice.refund_status, notice.refund_fen, notice.payer_refund_fen) == (
        "SUCCESS",
        5000,
        4900,
    )
    assert notice.success_time == datetime(2026, 1, 8, 1, 0, tzinfo=UTC)


def test_an_abnormal_refund_has_no_success_time():
    abnormal = {**REFUND, "refund_status": "ABNORMAL"}
    del abnormal["success_time"]
    assert parse_refund(abnormal).success_time is None


def sealed(**changes: Any) -> dict[str, Any]:
    return {**encrypt_resource(TRANSACTION, API_V3_KEY, "fdasflkja484"), **changes}


def flipped(text: str) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[0] ^= 0x80
    return base64.b64encode(raw).decode()


@pytest.mark.parametrize(
    ("resource", "key"),
    [
        (sealed(), b"another key of thirty-two bytes!"),
        (sealed(), b"short"),
        (sealed(ciphertext=flipped(sealed()["ciphertext"])), API_V3_KEY),
        (sealed(associated_data="refund"), API_V3_KEY),
        (sealed(nonce="fdasflkja485"), API_V3_KEY),
        (sealed(nonce=""), API_V3_KEY),
        (sealed(ciphertext="not base64!"), API_V3_KEY),
        (sealed(ciphertext="密文"), API_V3_KEY),
        (sealed(ciphertext=""), API_V3_KEY),
        (sealed(algorithm="AEAD_SM4_GCM"), API_V3_KEY),
        (sealed(ciphertext=None), API_V3_KEY),
        ({}, API_V3_KEY),
        (encrypt_resource({}, API_V3_KEY, "fdasflkja484") | {"ciphertext": "x"}, API_V3_KEY),
    ],
    ids=[
        "wrong key",
        "key of a wrong size",
        "tampered ciphertext",
        "other associated data",
        "other nonce",
        "empty nonce",
        "bad base64",
        "not ascii",
        "empty ciphertext",
        "other algorithm",
        "no ciphertext",
        "empty resource",
        "truncated",
    ],
)
def test_a_resource_that_does_not_open_is_refused(resource, key):
    with pytest.raises(WeChatPayRefused) as refused:
        decrypt_resource(resource, key)
    assert refused.value.reason is Refusal.BAD_RESOURCE


@pytest.mark.parametrize("plaintext", [b"not json", b"[1, 2]", b"\xff\xfe", b"[" * 100_000])
def test_a_resource_that_is_not_a_json_object_is_refused(plaintext):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ciphertext = AESGCM(API_V3_KEY).encrypt(b"fdasflkja484", plaintext, b"")
    resource = {
        "algorithm": "AEAD_AES_256_GCM",
        "ciphertext": base64.b64encode(ciphertext).decode(),
        "nonce": "fdasflkja484",
        "associated_data": "",
    }
    with pytest.raises(WeChatPayRefused) as refused:
        decrypt_resource(resource, API_V3_KEY)
    assert refused.value.reason is Refusal.BAD_RESOURCE


def without(data: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != key}


@pytest.mark.parametrize(
    "transaction",
    [
        without(TRANSACTION, "out_trade_no"),
        without(TRANSACTION, "transaction_id"),
        without(TRANSACTION, "success_time"),
        without(TRANSACTION, "amount"),
        TRANSACTION | {"trade_state": "PAID"},
        TRANSACTION | {"success_time": "2026-01-07T10:34:56"},
        TRANSACTION | {"success_time": "yesterday"},
        TRANSACTION | {"out_trade_no": ""},
        TRANSACTION | {"out_trade_no": 12345678},
        TRANSACTION | {"out_trade_no": "x" * 65},
        TRANSACTION | {"amount": {"total": "5000", "payer_total": 5000}},
        TRANSACTION | {"amount": {"total": 50.0, "payer_total": 50}},
        TRANSACTION | {"amount": {"total": True, "payer_total": 1}},
        TRANSACTION | {"amount": {"total": 0, "payer_total": 0}},
        TRANSACTION | {"amount": {"total": 100, "payer_total": 101}},
        TRANSACTION | {"amount": {"total": 100, "payer_total": -1}},
        TRANSACTION | {"amount": {"total": 100, "payer_total": 100, "currency": "USD"}},
        TRANSACTION | {"amount": [100]},
    ],
)
def test_a_malformed_transaction_is_refused(transaction):
    with pytest.raises(WeChatPayRefused) as refused:
        parse_transaction(transaction)
    assert refused.value.reason is Refusal.MALFORMED_NOTICE


@pytest.mark.parametrize(
    "refund",
    [
        without(REFUND, "out_refund_no"),
        without(REFUND, "refund_id"),
        without(REFUND, "success_time"),
        REFUND | {"refund_status": "DONE"},
        REFUND | {"amount": {"total": 100, "refund": 101, "payer_total": 100, "payer_refund": 1}},
        REFUND | {"amount": {"total": 100, "refund": 100, "payer_total": 90, "payer_refund": 91}},
        REFUND | {"amount": {"total": 100, "refund": 0, "payer_total": 100, "payer_refund": 0}},
    ],
)
def test_a_malformed_refund_is_refused(refund):
    with pytest.raises(WeChatPayRefused) as refused:
        parse_refund(refund)
    assert refused.value.reason is Refusal.MALFORMED_NOTICE


@pytest.mark.parametrize("body", [b"", b"{}", b'{"resource": "x"}', b"[]", b"\xff"])
def test_a_body_without_a_resource_object_is_refused(body):
    with pytest.raises(WeChatPayRefused) as refused:
        resource_of(body)
    assert refused.value.reason is Refusal.MALFORMED_NOTICE


def test_the_failure_answer_is_wechats_shape():
    assert json.loads(failure_body("签名无效")) == {"code": "FAIL", "message": "签名无效"}


# ------------------------------------------------------------------------------- garbage in

HEADER_NAMES = [
    "Wechatpay-Serial",
    "Wechatpay-Timestamp",
    "Wechatpay-Nonce",
    "Wechatpay-Signature",
    "Wechatpay-Signature-Type",
]
header_values = st.one_of(
    st.text(max_size=400),
    st.sampled_from([VECTOR_SERIAL, VECTOR["headers"]["Wechatpay-Timestamp"], "WECHATPAY2"]),
    st.binary(max_size=300).map(lambda raw: base64.b64encode(raw).decode()),
)


@given(
    headers=st.dictionaries(
        st.one_of(st.sampled_from(HEADER_NAMES), st.text(max_size=20)), header_values
    ),
    body=st.binary(max_size=500),
)
def test_garbage_headers_and_bodies_raise_only_the_refusal(headers, body):
    with pytest.raises(WeChatPayRefused):
        verify_notification(headers, body, VECTOR_KEYS, VECTOR_TIME)


@given(
    signature=st.one_of(st.text(max_size=400), st.binary(max_size=300).map(base64.b64encode)),
    body=st.binary(max_size=500),
)
def test_garbage_signatures_under_a_known_serial_raise_only_the_refusal(signature, body):
    offered = signature.decode() if isinstance(signature, bytes) else signature
    headers = vector_headers(**{"Wechatpay-Signature": offered})
    with pytest.raises(WeChatPayRefused):
        verify_notification(headers, body, VECTOR_KEYS, VECTOR_TIME)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)


@given(resource=st.dictionaries(st.text(max_size=20), json_values), key=st.binary(max_size=40))
def test_garbage_resources_raise_only_the_refusal(resource, key):
    with pytest.raises(WeChatPayRefused):
        decrypt_resource(resource, key)


@given(
    decrypted=st.dictionaries(st.sampled_from([*TRANSACTION, *REFUND]), json_values, max_size=14)
)
def test_garbage_notices_raise_only_the_refusal(decrypted):
    for parse in (parse_transaction, parse_refund):
        with contextlib.suppress(WeChatPayRefused):
            parse(decrypted)
