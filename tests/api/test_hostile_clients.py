"""Issue 18, hostile clients: what an unauthenticated client could do to the service with a
few bytes (a 500, an answer many times its request, a second request smuggled in a first)."""

from __future__ import annotations

import json
import time

import pytest

from api.kit.models import CallbackRecord
from tests.api.test_hostile_input import assert_problem

UNSPLITTABLE_REDIRECTS = (
    "http://[evil.test/",
    "http://[::1/",
    "http://localhost℀/",  # NFKC: localhosta/c
    "http://evil.test＃@localhost/",  # NFKC: evil.test#@localhost
)


@pytest.mark.parametrize("uri", UNSPLITTABLE_REDIRECTS)
async def test_a_redirect_uri_that_does_not_split_is_not_allowed(client, uri: str) -> None:
    refused = await client.post(
        "/api/v1/auth/official-account/authorize",
        json={"redirect_uri": uri, "scope": "snsapi_base"},
    )
    assert_problem(refused, 400, "auth.redirect_not_allowed")


@pytest.mark.parametrize("signature", [b"\xc3\xa9", b"\xff", "签名".encode(), b"abc\xffdef"])
async def test_a_receipt_signature_that_is_not_ascii_is_a_forgery(client, signature) -> None:
    body = json.dumps([{"out_id": "dlv_x", "biz_id": "x", "success": True}]).encode()
    refused = await client.post(
        "/callbacks/sms/receipts",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Sms-Timestamp": str(int(time.time())),
            "X-Sms-Nonce": "nonce-1",
            "X-Sms-Signature": signature,
        },
    )
    assert_problem(refused, 401, "callback.refused")
    assert await CallbackRecord.all().count() == 0


async def test_the_verification_sandbox_refuses_a_non_ascii_signature(server, client) -> None:
    """The sandboxes play the outside systems: they refuse a forgery as those would."""
    sandbox = server.app.ctx.sandboxes["idverify"]
    problem = sandbox.problem_with(
        {
            "x-app-id": sandbox.app_id,
            "x-timestamp": str(int(time.time())),
            "x-nonce": "n-1",
            "x-signature": "签名",
        },
        b"{}",
    )
    assert problem == "bad signature"


# ---------------------------------------------------------------------------- bodies

SMS_CODE = "/api/v1/auth/sms-code"
PHONE_BODY = b'{"phone": "13800000001"}'


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
        "application/json-patch+json",
        None,
    ],
)
async def test_only_a_body_declared_as_utf8_json_is_read(client, content_type) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    refused = await client.post(SMS_CODE, content=PHONE_BODY, headers=headers)
    assert_problem(refused, 415, "request.unsupported_media_type")


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "Application/JSON; charset=UTF-8", 'application/json;charset="utf-8"'],
)
async def test_a_body_declared_as_json_is_read(client, content_type) -> None:
    sent = await client.post(SMS_CODE, content=PHONE_BODY, headers={"Content-Type": content_type})
    assert sent.status_code == 202, sent.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-32-be", "utf-8-sig"])
async def test_json_in_another_encoding_is_not_guessed(client, encoding) -> None:
    body = '{"phone": "13800000001"}'.encode(encoding)
    refused = await client.post(
        SMS_CODE, content=body, headers={"Content-Type": "application/json"}
    )
    assert_problem(refused, 400, "request.malformed_json")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"phone": "13800000001", "phone": "13900000002"}', "phone"),
        (b'{"phone": "13800000001", "x": [{"a": 1, "a": 2}]}', "a"),
    ],
)
async def test_a_key_repeated_at_any_depth_is_refused(client, body, field) -> None:
    refused = await client.post(
        SMS_CODE, content=body, headers={"Content-Type": "application/json"}
    )
    assert_problem(refused, 422, "request.validation_failed")
    assert refused.json()["errors"] == [{"field": field, "message": "字段重复出现"}]


async def test_a_horde_of_unknown_keys_gets_a_short_answer(client) -> None:
    keys = 60_001
    body = "{" + ",".join(f'"k{n}":0' for n in range(keys)) + "}"
    assert len(body) < 1024 * 1024
    refused = await client.post(
        SMS_CODE, content=body, headers={"Content-Type": "application/json"}
    )
    assert_problem(refused, 422, "request.validation_failed")
    answer = refused.json()
    assert len(answer["errors"]) == 20 and answer["error_count"] >= keys
    assert len(refused.content) < 4096


async def test_a_query_with_many_bad_fields_lists_the_first_twenty(server, client) -> None:
    from tests.booking.test_booking import citizen

    _, headers = await citizen(server, level=1)
    params = [(f"k{n}", "x") for n in range(100)]
    refused = await client.get("/api/v1/me/inbox", params=params, headers=headers)
    assert_problem(refused, 422, "request.validation_failed")
    assert len(refused.json()["errors"]) == 20 and refused.json()["error_count"] == 100
