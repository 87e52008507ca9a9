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
