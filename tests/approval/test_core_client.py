"""The core approval system's HTTP client against its sandbox, over real loopback HTTP.

The sandbox is served by a small Sanic app of its own (the sandbox's blueprint, and a stand-in
for our progress webhook that records what it was sent), on the suite's Redis: the code that
would run in production is the code under test, and the sandbox plays the other side.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis.asyncio import Redis
from sanic import Request, Sanic
from sanic.response import HTTPResponse
from sanic.response import json as json_response
from sanic.server.async_server import AsyncioServer

from api.approval.gateways.core import (
    CoreApprovalClient,
    CoreApprovalSandbox,
    CoreAuthRejected,
    CoreRefused,
    CoreStatus,
    CoreUnavailable,
    CorrectionItem,
    ELicence,
    FeeNoticeSpec,
    FeeSpec,
    ItemSpec,
    MaterialSpec,
    ProgressEvent,
    Submission,
    SubmittedMaterial,
    event_from_json,
    event_to_json,
    sandbox_blueprint,
    signature,
    signed_headers,
)
from api.lifecycle import Resources
from tests.conftest import free_port

APP_ID = "test-core-app"
SECRET = "test-core-secret"  # a test value, published like the sandbox's own
WEBHOOK_PATH = "/callbacks/approval/progress"
QUICK_BACKOFF = (0.05, 0.1)

CATALOGUE = (
    ItemSpec(
        code="CORE-001",
        name="个体工商户设立登记",
        department_code="SCJG",
        department_name="市场监督管理局",
        kind="administrative_licence",
        conditions="年满十八周岁",
        materials=(
            MaterialSpec("id_card", "居民身份证", True, "original", 1, "id_card"),
            MaterialSpec("lease", "经营场所证明", True, "copy", 2),
        ),
        legal_limit_days=15,
        promised_limit_days=3,
        fees=(FeeSpec("F01", "工本费", 1500), FeeSpec("F02", "登记费", 2000)),
        visits=0,
        online_depth=4,
        appointment=True,
        online=True,
        ems_delivery=True,
        payment=True,
        queue_code="B",
        required_level=3,
        form_schema={"type": "object", "required": ["shop_name"]},
        version=2,
    ),
    ItemSpec(
        code="CORE-002",
        name="户籍证明",
        department_code="GA",
        department_name="公安局",
        kind="public_service",
        conditions="",
        materials=(),
        legal_limit_days=5,
        promised_limit_days=1,
        fees=(),
        visits=1,
        online_depth=2,
        appointment=False,
        online=True,
        ems_delivery=False,
        payment=False,
        queue_code=None,
    ),
)

_apps = itertools.count()


@dataclass
class CoreSite:
    """The sandbox served on a loopback port, and what its webhook stand-in received."""

    sandbox: CoreApprovalSandbox
    url: str
    redis: Redis
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    def client(self, *, secret: str = SECRET, timeout: float = 5.0) -> CoreApprovalClient:
        return CoreApprovalClient(
            f"{self.url}/sandbox/core", APP_ID, secret, timeout=timeout, backoff=QUICK_BACKOFF
        )


async def _serve(app: Sanic[Any, Any], port: int) -> AsyncioServer:
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    assert server is not None
    await server.startup()
    await server.before_start()
    await server.after_start()
    await server.start_serving()
    return server


@pytest.fixture(scope="session")
async def core_site_server(resources: Resources) -> AsyncIterator[CoreSite]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sandbox = CoreApprovalSandbox(APP_ID, SECRET, CATALOGUE, f"{url}{WEBHOOK_PATH}")
    site = CoreSite(sandbox, url, resources.redis)
    app: Sanic[Any, Any] = Sanic(f"core_sandbox_test_{next(_apps)}")
    app.config.TOUCHUP = False  # TouchUp rewrites Sanic's classes once per process
    app.ctx.redis = resources.redis
    app.blueprint(sandbox_blueprint(sandbox))

    @app.post(WEBHOOK_PATH)
    async def progress_webhook(request: Request) -> HTTPResponse:
        site.received.append(({k.lower(): v for k, v in request.headers.items()}, request.body))
        return json_response({"ok": True})

    server = await _serve(app, port)
    yield site
    await server.before_stop()
    await server.close()
    await server.after_stop()


@pytest.fixture
async def site(core_site_server: CoreSite, clean: Resources) -> AsyncIterator[CoreSite]:
    core_site_server.received.clear()
    yield core_site_server
    await core_site_server.sandbox.settle()


@pytest.fixture
async def core(site: CoreSite) -> AsyncIterator[CoreApprovalClient]:
    client = site.client()
    yield client
    await client.aclose()


def a_submission(application_id: str | None = None, item_code: str = "CORE-001") -> Submission:
    return Submission(
        application_id=application_id or f"app_{secrets.token_hex(6)}",
        item_code=item_code,
        applicant_id_number="350102199001011234",
        applicant_name="林小明",
        form={"shop_name": "小明便利店"},
        materials=(
            SubmittedMaterial("id_card", "elicence", licence_type="id_card"),
            SubmittedMaterial(
                "lease",
                "upload",
                file_digest="ab" * 32,
                file_url="https://files.example/lease?sig=x",
                media_type="application/pdf",
            ),
        ),
        delivery="ems",
    )


# ------------------------------------------------------------------------------- the calls


async def test_the_catalogue_comes_back_as_the_sandbox_publishes_it(core):
    assert await core.catalogue() == list(CATALOGUE)


async def test_submitting_one_application_twice_opens_one_case(site, core):
    submission = a_submission()
    first = await core.submit(submission)
    again = await core.submit(submission)
    assert first == again
    events = await core.progress(first)
    assert [(e.sequence, e.status) for e in events] == [(1, CoreStatus.SUBMITTED)]
    assert events[0].application_id == submission.application_id
    assert events[0].department == "市场监督管理局"
    assert (await site.sandbox.requests(site.redis))["submit"] == 2


async def test_an_item_the_core_system_does_not_publish_is_refused(core):
    with pytest.raises(CoreRefused) as refused:
        await core.submit(a_submission(item_code="NO-SUCH-ITEM"))
    assert refused.value.reason == "unknown_item"


async def test_a_case_is_withdrawn_before_acceptance_and_not_after(site, core):
    early = await core.submit(a_submission())
    await core.withdraw(early)
    await core.withdraw(early)  # a repeat of a withdrawal that went through
    assert [e.status for e in await core.progress(early)] == [
        CoreStatus.SUBMITTED,
        CoreStatus.WITHDRAWN,
    ]

    late = await core.submit(a_submission())
    await site.sandbox.act(site.redis, late, "accept")
    with pytest.raises(CoreRefused) as refused:
        await core.withdraw(late)
    assert refused.value.reason == "already_accepted"


async def test_a_supplement_is_taken_only_while_a_correction_is_requested(site, core):
    core_ref = await core.submit(a_submission())
    lease = (SubmittedMaterial("lease", "upload", file_digest="cd" * 32),)
    with pytest.raises(CoreRefused) as refused:
        await core.supplement(core_ref, lease)
    assert refused.value.reason == "not_awaiting_correction"

    asked = (CorrectionItem("lease", "租赁合同缺少出租方签字"),)
    await site.sandbox.act(site.redis, core_ref, "request_correction", corrections=asked)
    await core.supplement(core_ref, lease)
    events = await core.progress(core_ref)
    assert [e.status for e in events] == [
        CoreStatus.SUBMITTED,
        CoreStatus.CORRECTION_REQUESTED,
        CoreStatus.SUPPLEMENTED,
    ]
    assert events[1].corrections == asked


async def test_a_whole_case_reads_back_in_order_with_its_fee_notice(site, core):
    core_ref = await core.submit(a_submission())
    for action in ("accept", "approve", "issue_fee_notice", "result_ready"):
        await site.sandbox.act(site.redis, core_ref, action)
    events = await core.progress(core_ref)
    assert [e.sequence for e in events] == [1, 2, 3, 4, 5]
    assert [e.status for e in events] == [
        CoreStatus.SUBMITTED,
        CoreStatus.ACCEPTED,
        CoreStatus.APPROVED,
        CoreStatus.APPROVED,  # a fee notice leaves the status where it was
        CoreStatus.RESULT_READY,
    ]
    notice = events[3].fee_notice
    assert notice is not None and notice.total_fen == 3500 and notice.payee_code == "SCJG"
    assert all(e.at.utcoffset() is not None for e in events)


async def test_a_step_the_status_does_not_allow_is_refused(site, core):
    core_ref = await core.submit(a_submission())
    with pytest.raises(CoreRefused) as refused:
        await site.sandbox.act(site.redis, core_ref, "result_ready")
    assert refused.value.reason == "invalid_transition"


async def test_elicences_are_asked_for_by_post_and_come_back(site, core):
    licences = [
        ELicence("id_card", "350102199001011234", "居民身份证", "福州市公安局", date(2036, 1, 1)),
        ELicence("household_register", "HR-0001", "居民户口簿", "福州市公安局", None),
    ]
    await site.sandbox.register_elicences(site.redis, "350102199001011234", licences)
    assert await core.elicences("350102199001011234") == licences
    assert await core.elicences("110101199003077777") == []


# ------------------------------------------------------------------------ signed requests


async def test_a_client_with_the_wrong_secret_is_refused_401_and_raises_auth_rejected(site):
    forger = site.client(secret="not-the-secret")
    try:
        with pytest.raises(CoreAuthRejected):
            await forger.submit(a_submission())
    finally:
        await forger.aclose()
    assert issubclass(CoreAuthRejected, CoreUnavailable)  # what callers catch
    # Refused before anything was done, and not retried: a retry is signed the same way.
    assert (await site.sandbox.requests(site.redis))["submit"] == 1
    assert site.received == []


async def _post_signed(site: CoreSite, headers: dict[str, str], body: bytes) -> httpx.Response:
    async with httpx.AsyncClient(base_url=site.url, timeout=5) as http:
        return await http.post("/sandbox/core/v1/elicences/query", content=body, headers=headers)


def _headers_at(timestamp: str, nonce: str, body: bytes) -> dict[str, str]:
    path = "/sandbox/core/v1/elicences/query"
    return {
        "X-App-Id": APP_ID,
        "X-Timestamp": timestamp,
        "X-Nonce": nonce,
        "X-Signature": signature(SECRET, "POST", path, timestamp, nonce, body),
    }


async def test_a_stale_timestamp_is_refused_401(site):
    body = b'{"id_number":"350102199001011234"}'
    stale = str(int(time.time()) - 301)
    answer = await _post_signed(site, _headers_at(stale, secrets.token_hex(8), body), body)
    assert answer.status_code == 401
    fresh = str(int(time.time()))
    answer = await _post_signed(site, _headers_at(fresh, secrets.token_hex(8), body), body)
    assert answer.status_code == 200


async def test_a_replayed_nonce_is_refused_401(site):
    body = b'{"id_number":"350102199001011234"}'
    headers = _headers_at(str(int(time.time())), secrets.token_hex(8), body)
    assert (await _post_signed(site, headers, body)).status_code == 200
    assert (await _post_signed(site, headers, body)).status_code == 401


async def test_a_signature_over_another_body_or_path_is_refused_401(site):
    body = b'{"id_number":"350102199001011234"}'
    headers = signed_headers(APP_ID, SECRET, "POST", "/sandbox/core/v1/elicences/query", b"{}")
    assert (await _post_signed(site, headers, body)).status_code == 401
    headers = signed_headers(APP_ID, SECRET, "POST", "/v1/elicences/query", body)
    assert (await _post_signed(site, headers, body)).status_code == 401


# ----------------------------------------------------------------- timeouts and retries


@pytest.fixture
async def silent_server() -> AsyncIterator[str]:
    """A server that takes connections and never answers."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    for writer in held:
        writer.close()
    server.close()
    await server.wait_closed()


@pytest.mark.parametrize("call", ["catalogue", "supplement"])
async def test_a_core_system_that_never_answers_is_unavailable_within_the_timeout(
    silent_server, call
):
    client = CoreApprovalClient(silent_server, APP_ID, SECRET, timeout=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(CoreUnavailable):
            if call == "catalogue":
                await client.catalogue()  # retried, and still within the one timeout
            else:
                await client.supplement("CR1", ())
    finally:
        await client.aclose()
    assert time.monotonic() - started < 0.9


async def test_a_read_is_retried_after_a_5xx_and_gives_up_after_three(site, core):
    await site.sandbox.fail_next(site.redis, "catalogue", 2)
    assert await core.catalogue() == list(CATALOGUE)
    assert (await site.sandbox.requests(site.redis))["catalogue"] == 3

    await site.sandbox.fail_next(site.redis, "catalogue", 3)
    with pytest.raises(CoreUnavailable):
        await core.catalogue()
    assert (await site.sandbox.requests(site.redis))["catalogue"] == 6


async def test_the_idempotent_calls_are_retried(site, core):
    await site.sandbox.fail_next(site.redis, "submit", 1)
    core_ref = await core.submit(a_submission())
    await site.sandbox.fail_next(site.redis, "events", 1)
    await site.sandbox.fail_next(site.redis, "elicences", 1)
    assert len(await core.progress(core_ref)) == 1
    assert await core.elicences("350102199001011234") == []
    counted = await site.sandbox.requests(site.redis)
    assert (counted["submit"], counted["events"], counted["elicences"]) == (2, 2, 2)


async def test_a_supplement_or_a_withdrawal_is_never_retried(site, core):
    core_ref = await core.submit(a_submission())
    await site.sandbox.act(
        site.redis, core_ref, "request_correction", corrections=(CorrectionItem("lease", "缺"),)
    )
    await site.sandbox.fail_next(site.redis, "supplement", 1)
    with pytest.raises(CoreUnavailable):
        await core.supplement(core_ref, (SubmittedMaterial("lease", "upload"),))
    await site.sandbox.fail_next(site.redis, "withdraw", 1)
    with pytest.raises(CoreUnavailable):
        await core.withdraw(core_ref)
    counted = await site.sandbox.requests(site.redis)
    assert (counted["supplement"], counted["withdraw"]) == (1, 1)


async def test_an_unreachable_core_system_is_unavailable():
    client = CoreApprovalClient(
        f"http://127.0.0.1:{free_port()}", APP_ID, SECRET, timeout=2, backoff=QUICK_BACKOFF
    )
    try:
        with pytest.raises(CoreUnavailable):
            await client.progress("CR1")
    finally:
        await client.aclose()


async def test_an_answer_that_is_not_json_is_unavailable():
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>maintenance</html>")

    client = CoreApprovalClient(
        "http://core.invalid",
        APP_ID,
        SECRET,
        timeout=2,
        transport=httpx.MockTransport(answer),
        backoff=QUICK_BACKOFF,
    )
    try:
        with pytest.raises(CoreUnavailable):
            await client.catalogue()
    finally:
        await client.aclose()


# ------------------------------------------------------------------------------ webhooks


async def test_webhook_deliveries_are_signed_and_verify(site, core):
    core_ref = await core.submit(a_submission())
    await site.sandbox.settle()  # the submission's own step is pushed after the answer
    await site.sandbox.act(site.redis, core_ref, "accept", note="材料齐全")
    assert len(site.received) == 2
    sequences = []
    for headers, body in site.received:
        expected = signature(
            SECRET, "POST", WEBHOOK_PATH, headers["x-timestamp"], headers["x-nonce"], body
        )
        assert headers["x-signature"] == expected
        assert headers["x-app-id"] == APP_ID
        events = [event_from_json(e) for e in json.loads(body)["events"]]
        sequences += [(e.core_ref, e.sequence) for e in events]
    assert sorted(sequences) == [(core_ref, 1), (core_ref, 2)]
    assert [d["status"] for d in await site.sandbox.deliveries(site.redis)] == [200, 200]


async def test_redeliver_sends_every_event_again_newest_first(site, core):
    core_ref = await core.submit(a_submission())
    await site.sandbox.settle()
    await site.sandbox.act(site.redis, core_ref, "accept")
    await site.sandbox.act(site.redis, core_ref, "approve")
    site.received.clear()
    assert await site.sandbox.redeliver(site.redis, core_ref) == [200, 200, 200]
    resent = [event_from_json(json.loads(body)["events"][0]) for _, body in site.received]
    assert [e.sequence for e in resent] == [3, 2, 1]


async def test_the_control_endpoints_move_a_case_over_http(site, core):
    core_ref = await core.submit(a_submission())
    async with httpx.AsyncClient(base_url=f"{site.url}/sandbox/core/control", timeout=5) as http:
        corrected = await http.post(
            f"/cases/{core_ref}/request_correction",
            json={"corrections": [{"material_code": "lease", "reason": "不清晰"}]},
        )
        assert corrected.status_code == 200
        assert corrected.json()["event"]["status"] == "correction_requested"
        assert (await http.post(f"/cases/{core_ref}/approve")).status_code == 409
        assert (await http.post(f"/cases/{core_ref}/dance")).status_code == 400
        assert (await http.post("/cases/CRNONE/accept")).status_code == 404
        listless = await http.post(f"/cases/{core_ref}/request_correction", json={})
        assert listless.status_code == 409  # not from correction_requested
        assert (await http.post(f"/cases/{core_ref}/redeliver")).json()["statuses"] == [200, 200]


# ------------------------------------------------------------------------- event JSON

offsets = st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))])
words = st.text(max_size=20)
ids = st.text(min_size=1, max_size=20)
fees = st.builds(FeeSpec, ids, words, st.integers(min_value=0, max_value=10**9))
fee_notices = st.builds(
    FeeNoticeSpec,
    ids,
    words,
    st.text(max_size=12),  # a region code: as long as our column holds
    st.integers(min_value=0, max_value=10**9),
    st.dates(),
    st.lists(fees, max_size=3).map(tuple),
)
progress_events = st.builds(
    ProgressEvent,
    event_id=ids,
    core_ref=ids,
    application_id=ids,
    sequence=st.integers(min_value=1, max_value=10**6),
    status=st.sampled_from(CoreStatus),
    at=st.datetimes(timezones=offsets),
    department=words,
    note=words,
    corrections=st.lists(st.builds(CorrectionItem, ids, words), max_size=3).map(tuple),
    fee_notice=st.none() | fee_notices,
    window=st.none() | ids,
)
NO_FIXTURE_CHECK = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@NO_FIXTURE_CHECK
@given(progress_events)
def test_an_event_survives_the_wire(event):
    wire = json.dumps(event_to_json(event), ensure_ascii=False)
    back = event_from_json(json.loads(wire))
    assert back == event
    assert back.at.utcoffset() == event.at.utcoffset()


def _mutations(valid: dict[str, Any]) -> st.SearchStrategy[object]:
    """A valid event with one field dropped or replaced by any JSON value, or any JSON value."""
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=8,
    )
    keys = st.sampled_from(sorted(valid))
    dropped = keys.map(lambda k: {n: v for n, v in valid.items() if n != k})
    replaced = st.tuples(keys, json_values).map(lambda kv: {**valid, kv[0]: kv[1]})
    return dropped | replaced | json_values


A_VALID_EVENT = event_to_json(
    ProgressEvent(
        "EV1",
        "CR1",
        "app_1",
        2,
        CoreStatus.CORRECTION_REQUESTED,
        datetime(2026, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=8))),
        "公安局",
        corrections=(CorrectionItem("lease", "缺页"),),
        fee_notice=FeeNoticeSpec("FN1", "GA", "350100", 100, date(2026, 5, 16), ()),
    )
)


@NO_FIXTURE_CHECK
@given(_mutations(A_VALID_EVENT))
def test_a_malformed_event_raises_value_error_and_nothing_else(value):
    with contextlib.suppress(ValueError):  # anything else (KeyError, TypeError) fails
        event_from_json(value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("at", "2026-05-01T09:30:00"),  # no offset
        ("at", "yesterday"),
        ("sequence", 0),
        ("sequence", True),
        ("sequence", 2.0),
        ("status", "lost"),
        ("event_id", ""),
        ("corrections", [{"material_code": "lease"}]),
        ("fee_notice", {"notice_number": "FN1"}),
        ("fee_notice", "FN1"),
        ("department", None),
    ],
)
def test_these_events_are_malformed(name, value):
    with pytest.raises(ValueError, match=name):
        event_from_json({**A_VALID_EVENT, name: value})


def test_the_optional_fields_of_an_event_may_be_absent():
    bare = {
        k: v for k, v in A_VALID_EVENT.items() if k not in ("note", "corrections", "fee_notice")
    }
    event = event_from_json(bare)
    assert (event.note, event.corrections, event.fee_notice) == ("", (), None)
