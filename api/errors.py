"""Every error leaves as application/problem+json (RFC 9457) with a stable code.

DomainErrors carry their own code, status and Chinese title. Sanic's own exceptions (no route,
wrong method, body too large, ...) are translated to the kernel's HTTP errors. A dependency
that is unreachable (PostgreSQL, Redis) is expected: 503 with Retry-After, said once in the log
by the process's `OutageWatch`. Anything else is a bug: a 500 with the request id, no trace in
the body, the trace in the log.
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from typing import Any

from sanic import Request
from sanic import exceptions as sanic_errors
from sanic.handlers import ErrorHandler
from sanic.response import HTTPResponse, json

from api.context import context_of
from api.kit import errors
from api.kit.outages import is_outage
from api.plumbing import request_id_of

PROBLEM_CONTENT_TYPE = "application/problem+json"
log = logging.getLogger("yiwang.errors")

# Most specific first: several Sanic exceptions subclass others.
_SANIC_TRANSLATIONS: tuple[tuple[type[Exception], type[errors.DomainError]], ...] = (
    (sanic_errors.NotFound, errors.NotFound),
    (sanic_errors.MethodNotAllowed, errors.MethodNotAllowed),
    (sanic_errors.PayloadTooLarge, errors.PayloadTooLarge),
    (sanic_errors.RequestTimeout, errors.RequestTimeout),
    (sanic_errors.ServiceUnavailable, errors.ResponseTimeout),
    (sanic_errors.BadRequest, errors.BadRequest),
)


def problem_type(code: str) -> str:
    return f"urn:yiwang:problem:{code}"


def problem_body(error: errors.DomainError, request_id: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(error.code),
        "title": error.title,
        "status": error.status,
        "code": error.code,
        "detail": error.detail,
        "request_id": request_id,
    }
    for key, value in error.extra.items():
        body.setdefault(key, value)
    return body


def problem_response(error: errors.DomainError, request_id: str) -> HTTPResponse:
    response = json(
        problem_body(error, request_id),
        status=error.status,
        content_type=PROBLEM_CONTENT_TYPE,
        ensure_ascii=False,
    )
    response.headers["X-Request-ID"] = request_id
    response.headers.update(error.headers)
    return response


# Sanic raises one PayloadTooLarge for a body and a header section over their limits, and
# tells them apart by this message only (sanic/http/http1.py, http1_request_header).
_SANIC_HEADER_TOO_LARGE = "Request header exceeds the size limit"


def as_domain_error(exception: BaseException) -> errors.DomainError:
    if isinstance(exception, errors.DomainError):
        return exception
    dependency = is_outage(exception)
    if dependency is not None:
        return errors.ServiceUnavailable(dependency)
    if isinstance(exception, CancelledError):  # Sanic's RequestCancelled: the client hung up
        return errors.ClientClosedRequest()
    if isinstance(exception, sanic_errors.PayloadTooLarge) and (
        str(exception) == _SANIC_HEADER_TOO_LARGE
    ):
        return errors.HeaderFieldsTooLarge()
    for sanic_type, domain_type in _SANIC_TRANSLATIONS:
        if isinstance(exception, sanic_type):
            return domain_type()
    if isinstance(exception, sanic_errors.SanicException) and 400 <= exception.status_code < 500:
        return errors.BadRequest()
    return errors.InternalError()


class ProblemErrorHandler(ErrorHandler):
    """Sanic's error handler, answering every failure as problem+json."""

    def default(self, request: Request, exception: Exception) -> HTTPResponse:
        error = as_domain_error(exception)
        request_id = request_id_of(request)
        if isinstance(error, errors.ResponseTimeout):
            # A client stalling its upload causes it at will: worth a warning, not a page.
            log.warning("response timeout", extra={"request_id": request_id, "route": request.path})
        elif isinstance(error, errors.ServiceUnavailable):
            context_of(request).outages.refused(error.extra["dependency"])
        elif isinstance(error, errors.ClientClosedRequest):
            # Hanging up is the client's right, not our error (counted as 499, not 500).
            log.info(
                "client closed the request", extra={"request_id": request_id, "route": request.path}
            )
        elif error.status >= 500 and isinstance(exception, errors.DomainError):
            # Expected (a dependency or gateway down, named in the answer): no traceback, and
            # not the page a bug deserves.
            log.warning(
                "answered %s",
                error.code,
                extra={"request_id": request_id, "route": request.path},
            )
        elif error.status >= 500:
            log.error(
                "unhandled error",
                exc_info=exception,
                extra={"request_id": request_id, "route": request.path},
            )
        response = problem_response(error, request_id)
        if isinstance(exception, sanic_errors.MethodNotAllowed) and exception.allowed_methods:
            response.headers["Allow"] = ", ".join(sorted(exception.allowed_methods))
        return response

    @staticmethod
    def log(request: Request, exception: Exception) -> None:
        """Sanic's own error log is replaced by the one in `default`."""
