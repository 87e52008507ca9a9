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
    sandbox = server.app.ctx.sandboxes.idverify
    problem = await sandbox.problem_with(
        server.app.ctx.redis,
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


# ---------------------------------------------------------------------------- headers


async def test_every_answer_carries_the_security_headers(client) -> None:
    answers = [
        await client.get("/healthz"),
        await client.get("/no/such/place"),
        await client.get("/api/v1/me"),
        await client.post(SMS_CODE, json={"phone": "1"}),
        await client.post(SMS_CODE, content=b"x" * (2 * 1024 * 1024)),
    ]
    assert [a.status_code for a in answers] == [200, 404, 401, 422, 413]
    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
    docs = await client.get("/docs")
    assert "frame-ancestors 'none'" in docs.headers["content-security-policy"]


async def test_answers_that_carry_tokens_are_not_stored(client) -> None:
    from auth.staff import create_staff
    from tests.auth.conftest import sign_in_by_phone

    tokens = await client.post("/api/v1/auth/refresh", json={"refresh_token": "x" * 40})
    assert tokens.status_code == 401  # a refusal carries no token; what follows does
    signed_in = await sign_in_by_phone(client, "13800000001")
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": signed_in["refresh_token"]}
    )
    await create_staff("clerk-h", "Hall-clerk-2026!", {"clerk"}, None)
    staff = await client.post(
        "/api/v1/staff/auth/login", json={"username": "clerk-h", "password": "Hall-clerk-2026!"}
    )
    started = await client.post(
        "/api/v1/auth/sms-code", json={"phone": "13800000002"}
    )  # no token: may be cached as usual
    assert started.status_code == 202 and "no-store" not in started.headers.get("cache-control", "")
    for answer in (refreshed, staff):
        assert answer.status_code == 200, answer.text
        assert answer.headers["cache-control"] == "no-store"


async def test_a_phone_sign_in_is_stored_by_no_cache(client) -> None:
    from tests.auth.conftest import POLICY, last_sms_code

    phone = "13800000003"
    await client.post(SMS_CODE, json={"phone": phone})
    code = await last_sms_code(client, phone)
    signed_in = await client.post(
        "/api/v1/auth/phone",
        json={"phone": phone, "code": code, "privacy_policy_version": POLICY},
    )
    assert signed_in.status_code == 200 and signed_in.headers["cache-control"] == "no-store"


async def test_the_docs_page_runs_only_its_own_scripts(client) -> None:
    docs = await client.get("/docs")
    policy = docs.headers["content-security-policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src and "'sha256-" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy


async def test_a_session_s_channel_is_its_sign_in_route_s_not_a_header_s(client) -> None:
    import jwt

    from auth.models import AuthSession
    from tests.auth.conftest import POLICY, last_sms_code

    phone = "13800000004"
    await client.post(SMS_CODE, json={"phone": phone})
    code = await last_sms_code(client, phone)
    signed_in = await client.post(
        "/api/v1/auth/phone",
        json={"phone": phone, "code": code, "privacy_policy_version": POLICY},
        headers={"X-Client-Channel": "kiosk"},
    )
    tokens = signed_in.json()
    assert jwt.decode(tokens["access_token"], options={"verify_signature": False})["chn"] == "app"
    assert (await AuthSession.get(public_id=tokens["session_id"])).channel == "app"


async def raw_exchange(port: int, request: bytes, wait: float = 5) -> bytes:
    """Send raw bytes, read everything until the server closes the connection."""
    import asyncio

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    try:
        return await asyncio.wait_for(reader.read(1 << 20), timeout=wait) + await asyncio.wait_for(
            reader.read(), timeout=wait
        )
    finally:
        writer.close()


async def test_an_oversized_header_section_answers_431(server, clean) -> None:
    answer = await raw_exchange(
        server.port,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: " + b"a" * 20_000 + b"\r\n\r\n",
    )
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431"), head
    assert b'"http.header_fields_too_large"' in body


@pytest.mark.parametrize(
    "header_line",
    [
        b"Transfer-Encoding : chunked",
        b"Transfer-Encoding\t: chunked",
        b"Content-Length : 5",
        b"Bad Name: x",
        b" folded: x",
        b": nameless",
        b"X-Fine: 1\r\nBad Name: x",
    ],
)
async def test_a_header_name_that_is_not_a_token_is_refused_and_nothing_is_smuggled(
    server, clean, header_line: bytes
) -> None:
    smuggled = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    chunked = b"%x\r\n" % len(smuggled) + smuggled + b"\r\n0\r\n\r\n"
    answer = await raw_exchange(
        server.port,
        b"POST /api/v1/auth/sms-code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + header_line
        + b"\r\n\r\n"
        + chunked,
    )
    assert answer.count(b"HTTP/1.1 ") == 1, answer  # one answer; the connection is closed
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), head
    assert b'"http.bad_request"' in body


# ---------------------------------------------------------------------------- hanging up


@pytest.fixture(scope="module")
async def slow_server(make_app, start_server):
    import asyncio

    from sanic import Blueprint
    from sanic.response import json as json_response

    from api.kit.policy import PUBLIC, requires

    bp = Blueprint("slow_probe", url_prefix="/probe")

    @bp.get("/slow")
    @requires(PUBLIC)
    async def slow(request):
        await asyncio.sleep(5)
        return json_response({})

    app = make_app()
    app.blueprint(bp)
    return await start_server(app)


async def test_a_client_hanging_up_is_no_error(slow_server, clean, caplog) -> None:
    import asyncio
    import logging

    from api import metrics

    def counted(status: str) -> float:
        metrics.flush()
        value = metrics.REGISTRY.get_sample_value(
            "yiwang_http_requests_total",
            {"route": "/probe/slow", "method": "GET", "status": status},
        )
        return value or 0.0

    before = counted("499")
    with caplog.at_level(logging.INFO):
        _, writer = await asyncio.open_connection("127.0.0.1", slow_server.port)
        writer.write(b"GET /probe/slow HTTP/1.1\r\nHost: x\r\n\r\n")
        await writer.drain()
        await asyncio.sleep(0.3)
        writer.close()
        for _ in range(50):
            await asyncio.sleep(0.05)
            if counted("499") > before:
                break
    assert counted("499") == before + 1 and counted("500") == 0
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert any(r.getMessage() == "client closed the request" for r in caplog.records)
