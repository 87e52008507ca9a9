"""Property tests of the parsers of client bytes: whatever a client sends, the answer is a
4xx problem (or a success), never a 5xx. Kept small: each runs a few dozen examples."""

from __future__ import annotations

import contextlib
import time
from urllib.parse import quote

import httpx
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from api.kit.bodies import read_json
from api.kit.callbacks import same_signature
from api.kit.errors import DomainError
from api.plumbing import path_code, path_ref
from auth.sign_in import redirect_allowed

FEW = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ALLOWLIST = ("http://127.0.0.1", "http://localhost/h5")
# What a client can put in a header value (RFC 9110 field-value, as h11 sends it): visible
# ASCII, any byte from 0x80 up, spaces and tabs inside.
_FIELD_BYTES = [9, *range(0x20, 0x7F), *range(0x80, 0x100)]
HEADER_VALUE = (
    st.lists(st.sampled_from(_FIELD_BYTES), min_size=1, max_size=64)
    .map(bytes)
    .filter(lambda v: v.strip() == v)
)


def answered_as_a_client_error_or_success(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"]


urls = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, rest: f"{scheme}://{host}{rest}",
        st.sampled_from(["http", "https", "javascript", ""]),
        st.text(max_size=20),
        st.text(max_size=20),
    ),
)


@given(urls)
def test_redirect_allowed_decides_any_text(uri: str) -> None:
    assert redirect_allowed(uri, ALLOWLIST) in (True, False)


@given(st.text(max_size=64))
def test_same_signature_decides_any_text(offered: str) -> None:
    assert same_signature("c2lnbmF0dXJl", offered) is (offered == "c2lnbmF0dXJl")


@given(st.text(max_size=80))
def test_path_parameters_match_or_do_not(value: str) -> None:
    for cast in (path_ref, path_code):
        with contextlib.suppress(ValueError):
            assert cast(value) == value


@given(st.binary(max_size=200))
def test_read_json_reads_or_refuses_any_bytes(body: bytes) -> None:
    try:
        read_json(body)
    except DomainError as refusal:
        assert 400 <= refusal.status < 500


@FEW
@given(uri=urls)
async def test_any_redirect_uri_is_allowed_or_refused(client, uri: str) -> None:
    answer = await client.post(
        "/api/v1/auth/official-account/authorize",
        json={"redirect_uri": uri, "scope": "snsapi_base"},
    )
    answered_as_a_client_error_or_success(answer)


@FEW
@given(signature=HEADER_VALUE, timestamp=HEADER_VALUE, nonce=HEADER_VALUE)
@example(signature=b"x", timestamp=b"1", nonce=b"\x80")  # found by this test: a 500
@example(signature=b"x", timestamp="签".encode(), nonce=b"n")
async def test_any_receipt_signature_headers_are_refused(
    client, signature: bytes, timestamp: bytes, nonce: bytes
) -> None:
    for stamp in (timestamp, str(int(time.time())).encode()):
        answer = await client.post(
            "/callbacks/sms/receipts",
            content=b"[]",
            headers={
                "Content-Type": "application/json",
                "X-Sms-Timestamp": stamp,
                "X-Sms-Nonce": nonce,
                "X-Sms-Signature": signature,
            },
        )
        answered_as_a_client_error_or_success(answer)
        assert answer.status_code == 401


@FEW
@given(segment=st.text(min_size=1, max_size=60))
async def test_any_path_parameter_is_found_or_not(client, segment: str) -> None:
    encoded = quote(segment, safe="")
    for path in (f"/api/v1/halls/{encoded}", f"/api/v1/halls/{encoded}/slots"):
        answered_as_a_client_error_or_success(await client.get(path))


@FEW
@given(
    params=st.lists(st.tuples(st.text(max_size=20), st.text(max_size=40)), max_size=6),
    raw=st.text(max_size=60),
)
async def test_any_query_string_is_read_or_refused(client, params, raw: str) -> None:
    for path in ("/api/v1/halls/CIVIC/slots", "/api/v1/meta/errors"):
        answered_as_a_client_error_or_success(await client.get(path, params=params))
        query = quote(raw, safe="=&%+;")  # any escapes, broken ones too (%zz, %ff)
        answered_as_a_client_error_or_success(await client.get(f"{path}?{query}"))
