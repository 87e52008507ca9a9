"""What happens around every request: request id, the route's access policy, one log line,
metrics. Registered on the app by `install_plumbing`.
"""

from __future__ import annotations

import itertools
import re
import secrets
import string
import time
from collections.abc import Callable, Coroutine
from typing import Any

from sanic import Request
from sanic.helpers import has_message_body
from sanic.http import Http
from sanic.response import BaseHTTPResponse, HTTPResponse
from sanic.response.types import HEADER_TRANSLATION_TABLE

from api import metrics
from api.context import AppContext, YiwangApp, context_of
from api.kit.bodies import NUL_MESSAGE
from api.kit.errors import (
    BadRequest,
    DomainError,
    PolicyUndeclared,
    Unauthenticated,
    ValidationFailed,
)
from api.kit.masking import mask_text
from api.kit.policy import (
    ANONYMOUS,
    Authenticator,
    Caller,
    Policy,
    PolicyKind,
    policy_of,
)

REQUEST_ID_HEADER = "X-Request-ID"
_ACCEPTABLE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
# Routes that extensions register, whose handlers we do not write: the OpenAPI document.
FRAMEWORK_PUBLIC_BLUEPRINTS = frozenset({"openapi"})
UNMATCHED_ROUTE = "unmatched"


def request_id_of(request: Request) -> str:
    """The caller's X-Request-ID when it is sane, else a new one; the same for the whole request."""
    context = request.ctx
    known = getattr(context, "request_id", None)
    if known:
        return str(known)
    request_id = context.request_id = _offered_or_new_request_id(request)
    return request_id


def _offered_or_new_request_id(request: Request) -> str:
    offered = request.headers.get(REQUEST_ID_HEADER)
    if offered is None:
        return new_request_id()
    sane = _ACCEPTABLE_REQUEST_ID.fullmatch(offered) and mask_text(offered) == offered
    return offered if sane else new_request_id()  # never echo a phone or ID number


# Generated request ids: a random prefix per process and a counter, written in letters only
# (hex digits shifted to g-v). Unique across processes and restarts, cheap (no system call per
# request), and never mistaken for an ID or phone number by the log masking.
# (Bytes: `bytes.translate` takes a 256-byte table, a third of `str.translate`'s cost.)
_DIGITS_TO_LETTERS = bytes.maketrans(b"0123456789abcdef", b"ghijklmnopqrstuv")
_REQUEST_ID_PREFIX = "".join(secrets.choice(string.ascii_lowercase) for _ in range(12)).encode()
_request_counter = itertools.count(1)


def new_request_id() -> str:
    counter = b"%012x" % next(_request_counter)
    return (_REQUEST_ID_PREFIX + counter).translate(_DIGITS_TO_LETTERS).decode()


def declared_policy(route: Any) -> Policy | None:
    """The policy a route declared, or the public policy of an extension's own routes."""
    policy = policy_of(route.handler)
    if policy is not None:
        return policy
    blueprint = route.name.split(".")[1] if route.name.count(".") >= 2 else None
    if blueprint in FRAMEWORK_PUBLIC_BLUEPRINTS:
        return Policy(PolicyKind.PUBLIC)
    return None


def undeclared_routes(app: YiwangApp) -> list[str]:
    """Routes that declare no policy: the app refuses to start while there is any."""
    return sorted(
        f"{'|'.join(sorted(route.methods))} /{route.path} ({route.name})"
        for route in app.router.routes
        if declared_policy(route) is None
    )


async def _refuse_undeclared_routes(app: YiwangApp) -> None:
    missing = undeclared_routes(app)
    if missing:
        raise RuntimeError("routes without an access policy: " + "; ".join(missing))


# Path parameters that name a row: a public id or a code fits its column, or the route does
# not match (404), instead of the ORM refusing an over-long value with a 500. The router
# enforces a custom type through its cast raising ValueError, and finds the cast by name.
_REF = re.compile(r"[A-Za-z0-9_-]{1,32}")
_CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")


def path_ref(value: str) -> str:
    """A public id (tkt_…) or a hall or queue code."""
    if _REF.fullmatch(value) is None:
        raise ValueError(value)
    return value


def path_code(value: str) -> str:
    """A service item code."""
    if _CODE.fullmatch(value) is None:
        raise ValueError(value)
    return value


# Every header field name is a token (RFC 9110 5.1). Sanic's parser takes any text before the
# colon as the name, so `Transfer-Encoding : chunked` (RFC 9112 5.1: must be refused with 400)
# was read as an unknown header named "transfer-encoding " and the chunked body that followed
# as a second request on the connection. Checked on the parsed names, first thing, and answered
# with 400 on a connection that then closes, so the bytes after it are never read as a request.
# (A `http.lifecycle.read_head` signal saw the raw head, but dispatching a signal on every
# request cost a third of the throughput of a bare answer.)
_NAME = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_NAMES_ONE_A_LINE = re.compile(rf"{_NAME}(?:\n{_NAME})*")


def _header_names_are_tokens(request: Request) -> bool:
    """One match over the names a line each (a name never holds a line break: the parser
    splits on them), instead of one per name."""
    if not request.headers:
        return True
    return _NAMES_ONE_A_LINE.fullmatch("\n".join(request.headers)) is not None


# On every answer: no content sniffing, no Referer leaking a path (which may carry a state or
# an id) to another site. The one HTML page, /docs, sets its own Content-Security-Policy; the
# JSON answers carry none, since with nosniff no browser renders them as a page, and every
# header costs its sanitising on each of a release-day rush's answers.
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


# Sanic strips CR, LF and NUL from every response header name and value (no header can be
# split or smuggled) with `str.translate` and a deletion table: CPython's slow path, about
# 0.7 us a call and a dozen calls on each of our answers (their request id and security
# headers), a tenth of a bare answer's cost. The same result, when none of the three is there
# (nearly always), comes from three substring checks.
def _sanitize_header_value(value: str) -> str:
    if "\r" in value or "\n" in value or "\x00" in value:
        return value.translate(HEADER_TRANSLATION_TABLE)
    return value


# The headers whose values come from a small fixed set (the content types we answer with, the
# security headers) are encoded once per process and looked up after: each costs Sanic a
# generator step, two sanitising calls, a format and two encodings on every answer.
_FIXED_VALUE_HEADERS = frozenset({"content-type", *(name.lower() for name in SECURITY_HEADERS)})
_encoded_fixed_headers: dict[tuple[str, str], tuple[bytes, bytes]] = {}
_MAX_ENCODED_FIXED_HEADERS = 256


def _encoded_header(name: str, value: Any) -> tuple[bytes, bytes]:
    key = (name, value)
    encoded = _encoded_fixed_headers.get(key) if type(value) is str else None
    if encoded is not None:
        return encoded
    encoded = (
        _sanitize_header_value(name).encode("ascii"),
        _sanitize_header_value(f"{value}").encode(errors="surrogateescape"),
    )
    if (
        name.lower() in _FIXED_VALUE_HEADERS
        and type(value) is str
        and len(_encoded_fixed_headers) < _MAX_ENCODED_FIXED_HEADERS
    ):
        _encoded_fixed_headers[key] = encoded
    return encoded


def _processed_headers(response: BaseHTTPResponse) -> list[tuple[bytes, bytes]]:
    """Sanic's `processed_headers`, with the fixed-value headers encoded once."""
    if has_message_body(response.status):
        response.headers.setdefault("content-type", response.content_type)
    return [_encoded_header(name, value) for name, value in response.headers.items()]


def install_plumbing(app: YiwangApp) -> None:
    BaseHTTPResponse._sanitize_header_value = staticmethod(_sanitize_header_value)  # type: ignore[method-assign]
    BaseHTTPResponse.processed_headers = property(_processed_headers)  # type: ignore[assignment,method-assign]
    app.router.register_pattern("ref", path_ref, _REF.pattern)
    app.router.register_pattern("code", path_code, _CODE.pattern)
    app.register_listener(_refuse_undeclared_routes, "before_server_start")
    app.register_listener(_flush_access_log_and_metrics, "after_server_stop")
    app.register_listener(_begin_stopping, "before_server_stop")
    app.register_middleware(_start_request, "request", priority=1000)
    app.register_middleware(_request_finisher(app.ctx), "response", priority=1000)


def register_authenticator(app: YiwangApp, kind: PolicyKind, authenticator: Authenticator) -> None:
    app.ctx.authenticators[kind] = authenticator


async def _begin_stopping(app: YiwangApp) -> None:
    app.ctx.stopping = True


async def _flush_access_log_and_metrics(app: YiwangApp) -> None:
    app.ctx.access_log.flush()
    metrics.flush()


async def _start_request(request: Request) -> HTTPResponse | None:
    context = request.ctx  # a property that builds it on first use: read once
    context.started = time.perf_counter()
    context.request_id = _offered_or_new_request_id(request)
    context.caller = ANONYMOUS
    if not _header_names_are_tokens(request):
        return _refuse_and_close(request, BadRequest("header field name is not a token"))
    if request.route is None:
        return None  # no route matched: the 404 or 405 is already on its way
    await _drain_ignored_body(request)
    try:
        _refuse_nul_in_query(request)
        context.caller = await _authorise(request)
    except DomainError as refusal:
        # Answered here, not raised: Sanic's exception path is a sizeable share of a refused
        # request's cost, and at 08:00 on release day most requests are refused (a full slot).
        # Through `response`, not `default`: a blueprint whose callers read only their own
        # format (WeChat Pay's callbacks) renders its refusals with its exception handler.
        response: HTTPResponse = request.app.error_handler.response(request, refusal)
        return response
    return None


def _refuse_and_close(request: Request, refusal: DomainError) -> HTTPResponse:
    if isinstance(request.stream, Http):
        request.stream.keep_alive = False
    response: HTTPResponse = request.app.error_handler.default(request, refusal)
    return response


async def _drain_ignored_body(request: Request) -> None:
    """A body sent with GET or HEAD is read and dropped up front: Sanic would drain it after
    a 2xx answer too, but log each one at ERROR ("body not consumed"), letting anyone fill
    the operator's error log with well-formed requests."""
    assert request.route is not None
    stream = request.stream
    if isinstance(stream, Http) and stream.request_body and request.route.extra.ignore_body:
        await request.receive_body()  # bounded by REQUEST_MAX_SIZE, as every body is


def _refuse_nul_in_query(request: Request) -> None:
    """No PostgreSQL text can hold U+0000: a query parameter carrying one is refused here,
    whichever route reads it."""
    if "%00" in request.query_string:
        raise ValidationFailed([{"field": "query", "message": NUL_MESSAGE}])


async def _authorise(request: Request) -> Caller:
    assert request.route is not None
    policy = declared_policy(request.route)
    if policy is None:
        raise PolicyUndeclared()
    if policy.kind is PolicyKind.PUBLIC:
        return ANONYMOUS
    authenticator = context_of(request).authenticators.get(policy.kind)
    if authenticator is None:
        raise Unauthenticated()
    return await authenticator(request, policy)


FinishRequest = Callable[[Request, BaseHTTPResponse], Coroutine[Any, Any, None]]


def _request_finisher(app_context: AppContext) -> FinishRequest:
    """The response middleware of one app, holding its context (no look-up per request)."""
    access_log = app_context.access_log
    writes_access_log = app_context.settings.access_log

    async def finish_request(request: Request, response: BaseHTTPResponse) -> None:
        context = request.ctx
        request_id = getattr(context, "request_id", None) or request_id_of(request)
        headers = response.headers
        headers[REQUEST_ID_HEADER] = request_id
        headers.update(SECURITY_HEADERS)
        if app_context.stopping and isinstance(request.stream, Http):
            # Sanic closes only the connections idle when stopping starts; one busy then would
            # stay in keep-alive and hold the process for the whole grace period.
            request.stream.keep_alive = False
        started = getattr(context, "started", None)
        duration = time.perf_counter() - started if started is not None else 0.0
        route = (request.uri_template if request.route is not None else None) or UNMATCHED_ROUTE
        status = response.status
        method = request.method
        metrics.observe_request(route, method, status, duration)
        if writes_access_log:
            caller: Caller = getattr(context, "caller", ANONYMOUS)
            access_log.write(
                request_id=request_id,
                method=method,
                route=route,
                status=status,
                duration_ms=duration * 1000,
                subject=caller.subject,
                caller=caller.kind,  # a StrEnum: written as its value
            )

    return finish_request
