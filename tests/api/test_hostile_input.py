"""Hostile input found by fuzzing the running service: each answered as a problem, not a 500."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest

from tests.booking.test_booking import book, citizen, make_hall, make_slot
from tests.booking.test_hall import staff_headers

DEEP = b"[" * 5000 + b"]" * 5000


def assert_problem(response: httpx.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    if code is not None:
        assert response.json()["code"] == code


async def test_json_nested_beyond_the_parser_is_malformed(server, client) -> None:
    as_json = {"Content-Type": "application/json"}
    for path in ("/api/v1/auth/sms-code", "/api/v1/auth/refresh"):
        answer = await client.post(path, content=DEEP, headers=as_json)
        assert_problem(answer, 400, "request.malformed_json")
    _, headers = await citizen(server)
    booked = await client.post("/api/v1/appointments", content=DEEP, headers={**headers, **as_json})
    assert_problem(booked, 400, "request.malformed_json")


async def test_a_body_on_a_get_is_dropped_without_an_error_line(
    server, client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        for _ in range(3):
            answered = await client.request("GET", "/healthz", content=b'{"x": 1}' * 100)
            assert answered.status_code == 200
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    too_big = await client.request("GET", "/healthz", content=b"x" * (2 * 1024 * 1024))
    assert_problem(too_big, 413, "http.payload_too_large")


async def test_header_bytes_that_are_not_text_are_refused(server, client) -> None:
    me = await client.get("/api/v1/me", headers={"Authorization": b"Bearer \xff\xfe"})
    assert_problem(me, 401, "auth.token_invalid")
    staff = await client.get("/api/v1/staff/me", headers={"Authorization": b"Bearer \xff"})
    assert staff.status_code == 401
    kiosk = await client.get("/api/v1/device/me", headers={"X-Device-Key": b"\xff"})
    assert_problem(kiosk, 401)


async def test_ids_and_codes_longer_than_their_column_are_not_found(server, client) -> None:
    await make_hall()
    for path in (
        "/api/v1/halls/" + "A" * 33,
        "/api/v1/halls/" + "A" * 33 + "/status",
        "/api/v1/tickets/tkt_" + "A" * 30,
        "/api/v1/halls/ID11010519491231002Xphone13800000001",
    ):
        assert_problem(await client.get(path), 404)


async def test_an_inbox_cursor_past_the_id_range_is_invalid(server, client) -> None:
    _, headers = await citizen(server, level=1)
    page = await client.get("/api/v1/me/inbox", params={"before": 2**63}, headers=headers)
    assert_problem(page, 422)


async def test_booking_refuses_a_broken_slot_id_or_idempotency_key(server, client) -> None:
    hall, category = await make_hall()
    slot = await make_slot(hall, category, capacity=2)
    _, headers = await citizen(server)
    surrogate = await client.post(
        "/api/v1/appointments",
        content=b'{"slot_id": "\\ud800"}',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert surrogate.status_code == 422
    for key in (b"\xe9\xe9", b"k" * 65):
        refused = await client.post(
            "/api/v1/appointments",
            json={"slot_id": slot.public_id},
            headers={**headers, "Idempotency-Key": key},
        )
        assert_problem(refused, 422, "request.idempotency_key_invalid")
    assert (await book(client, headers, slot, key="k" * 64)).status_code == 201


async def test_two_identical_template_changes_at_once_both_succeed(server, client) -> None:
    await make_hall()
    admin = await staff_headers(client, "h1-admin", {"hall_admin"}, "H1")
    body = {
        "periods": [
            {"weekday": d, "starts_at": "09:00", "ends_at": "10:00", "capacity": 5}
            for d in range(7)
        ]
    }
    path = "/api/v1/staff/halls/H1/categories/passport/templates"
    responses = await asyncio.gather(
        *(client.put(path, json=body, headers=admin) for _ in range(2))
    )
    assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]


async def test_the_sandboxes_answer_a_malformed_test_request_with_400(server, client) -> None:
    for path, body in (
        ("/sandbox/wechat/_test/login-code", [1]),
        ("/sandbox/wechat/_test/phone-code", {}),
        ("/sandbox/idverify/_test/citizens", {"name": "张三"}),
        ("/sandbox/sms/_test/push-receipts", {"times": "many"}),
    ):
        response = await client.post(path, json=body)
        assert_problem(response, 400, "request.malformed_json")


async def test_a_nul_character_anywhere_is_refused_before_the_database(server, client) -> None:
    """PostgreSQL text cannot hold U+0000; it answered 500 wherever a string carried one."""
    await make_hall()
    _, headers = await citizen(server)
    refused = [
        await client.post(
            "/api/v1/staff/auth/login", json={"username": "x\x00", "password": "p" * 12}
        ),
        await client.post("/api/v1/appointments", json={"slot_id": "slt_a\x00b"}, headers=headers),
        await client.post("/api/v1/halls/H1/tickets", json={"category": "a\x00b"}, headers=headers),
        await client.post(
            "/api/v1/auth/sms-code", json={"phone": "13800000001", "extra": {"k\x00": ["\x00"]}}
        ),
        await client.get("/api/v1/halls/H1/slots", params={"category": "a\x00b", "date": "x"}),
    ]
    for answer in refused:
        assert_problem(answer, 422, "request.validation_failed")
    fields = [e["field"] for e in refused[0].json()["errors"]]
    assert fields == ["username"]
    assert [e["field"] for e in refused[3].json()["errors"]] == ["extra", "extra.k\x00.0"]


async def test_a_body_that_stops_arriving_answers_503_not_500(
    server, caplog: pytest.LogCaptureFixture
) -> None:
    original = server.app.config.RESPONSE_TIMEOUT
    server.app.config.RESPONSE_TIMEOUT = 1  # read by each new connection
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(
            b"POST /api/v1/auth/sms-code HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{}"
        )
        await writer.drain()
        with caplog.at_level(logging.WARNING):
            answer = await asyncio.wait_for(reader.read(4096), timeout=10)
        writer.close()
    finally:
        server.app.config.RESPONSE_TIMEOUT = original
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 503"), head
    assert b"application/problem+json" in head and b'"http.response_timeout"' in body
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


async def test_a_field_named_like_a_phone_is_masked_in_the_refusal(server, client) -> None:
    answer = await client.post(
        "/api/v1/auth/sms-code", json={"phone": "13800000001", "13912345678": "x"}
    )
    assert_problem(answer, 422, "request.validation_failed")
    assert "13912345678" not in answer.text and "139****5678" in answer.text
