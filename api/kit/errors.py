"""One DomainError hierarchy for every package.

Each subclass is one stable error code. Subclasses register themselves in a catalogue the
contract publishes, so a code, its HTTP status and its Chinese title never drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from api.kit.masking import mask_text


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    status: int
    title: str
    when: str


_CATALOGUE: dict[str, CatalogueEntry] = {}


class DomainError(Exception):
    """An expected failure. Subclasses set `code`, `status`, `title` and `when`.

    `detail` is for the citizen or the client developer and must never hold unmasked
    personal data; `extra` adds fields to the problem document (for example the level a
    client has to step up to). `extensions` declares those fields, each with an example
    value: the contract shows them in the error's example.
    """

    code: ClassVar[str] = "internal.error"
    status: ClassVar[int] = 500
    title: ClassVar[str] = "服务暂时不可用"
    when: ClassVar[str] = "An unexpected error; the request id identifies it in the logs."
    extensions: ClassVar[Mapping[str, object]] = {}

    def __init__(
        self, detail: str | None = None, *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        self.detail = detail or self.title
        self.extra = extra
        self.headers = headers or {}
        super().__init__(self.detail)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            return  # an abstract grouping class, such as a package's base error
        existing = _CATALOGUE.get(cls.code)
        if existing is not None and existing != _entry(cls):
            raise TypeError(f"error code {cls.code!r} is defined twice with different meanings")
        _CATALOGUE[cls.code] = _entry(cls)


def _entry(cls: type[DomainError]) -> CatalogueEntry:
    return CatalogueEntry(code=cls.code, status=cls.status, title=cls.title, when=cls.when)


def catalogue() -> list[CatalogueEntry]:
    """Every registered error code, sorted by code, including `internal.error`."""
    entries = dict(_CATALOGUE)
    entries.setdefault(DomainError.code, _entry(DomainError))
    return sorted(entries.values(), key=lambda e: e.code)


# Errors of the HTTP surface itself: every route can produce them.


class InternalError(DomainError):
    code = "internal.error"
    status = 500
    title = "服务暂时不可用"
    when = "An unexpected error; the request id identifies it in the logs."


class NotFound(DomainError):
    code = "http.not_found"
    status = 404
    title = "请求的地址不存在"
    when = "No route matches the path, or a path parameter is outside its schema."


class MethodNotAllowed(DomainError):
    code = "http.method_not_allowed"
    status = 405
    title = "不支持该请求方法"
    when = "The path exists but not for this HTTP method."


class PayloadTooLarge(DomainError):
    code = "http.payload_too_large"
    status = 413
    title = "请求内容过大"
    when = "The request body is larger than the configured limit."


class HeaderFieldsTooLarge(DomainError):
    code = "http.header_fields_too_large"
    status = 431
    title = "请求头过大"
    when = "The request's header section is larger than the server accepts."


class ClientClosedRequest(DomainError):
    code = "http.client_closed_request"
    status = 499
    title = "客户端已断开连接"
    when = (
        "The client hung up before its answer was ready. Never received by anyone: it names "
        "the status such requests are counted under in the metrics and the access log."
    )


class RequestTimeout(DomainError):
    code = "http.request_timeout"
    status = 408
    title = "请求超时"
    when = "The client took too long to send the request."


class ResponseTimeout(DomainError):
    code = "http.response_timeout"
    status = 503
    title = "服务繁忙，请稍后重试"
    when = (
        "No answer within the response timeout: a request body that stopped arriving, or a "
        "dependency too slow to answer."
    )


class BadRequest(DomainError):
    code = "http.bad_request"
    status = 400
    title = "请求无法处理"
    when = "The request is malformed at the HTTP level."


class MalformedJSON(DomainError):
    code = "request.malformed_json"
    status = 400
    title = "请求内容不是有效的 JSON"
    when = "The body could not be parsed as JSON, or is not a JSON object."


class UnsupportedMediaType(DomainError):
    code = "request.unsupported_media_type"
    status = 415
    title = "请求内容类型不受支持"
    when = (
        "A request body that is not `application/json` (UTF-8 or no charset): text/plain, a "
        "form, multipart, another charset, or a body sent without a Content-Type."
    )


# A refusal lists at most this many fields: a body of 60,000 unknown keys is answered in a few
# hundred bytes, not in megabytes. `error_count` says how many there were in all.
MAX_LISTED_ERRORS = 20


class ValidationFailed(DomainError):
    code = "request.validation_failed"
    status = 422
    title = "请求参数有误"
    when = (
        "One or more fields are missing, invalid or repeated; `errors` lists each field and why "
        f"(the first {MAX_LISTED_ERRORS}), `error_count` how many there are in all."
    )

    def __init__(
        self, errors: list[dict[str, str]], detail: str | None = None, *, total: int | None = None
    ) -> None:
        # A field's name comes from the request: an unexpected key may be a phone number.
        named = [
            {**error, "field": mask_text(error["field"])} for error in errors[:MAX_LISTED_ERRORS]
        ]
        count = len(errors) if total is None else max(total, len(errors))
        super().__init__(detail or "请检查标出的字段", errors=named, error_count=count)


class Unauthenticated(DomainError):
    code = "auth.unauthenticated"
    status = 401
    title = "请先登录"
    when = "The route needs a signed-in caller and none (or an invalid one) was presented."


class PolicyUndeclared(DomainError):
    code = "auth.policy_undeclared"
    status = 403
    title = "无权执行此操作"
    when = "The route declares no access policy, so it is refused (a bug the route test catches)."


class Forbidden(DomainError):
    code = "auth.forbidden"
    status = 403
    title = "无权执行此操作"
    when = "The caller is known but may not call this route."


class ServiceNotReady(DomainError):
    code = "ops.not_ready"
    status = 503
    title = "服务尚未就绪"
    when = "A dependency (database or Redis) is unreachable; `checks` names which."


class ServiceUnavailable(DomainError):
    """A dependency outage met by a request: expected, answered with a hint when to retry."""

    code = "service.unavailable"
    status = 503
    title = "服务暂时不可用，请稍后再试"
    when = (
        "The database, Redis or an outside system is unreachable for a moment; `dependency` "
        "names which. Retry after the seconds in Retry-After."
    )
    retry_after_seconds: ClassVar[int] = 2

    def __init__(self, dependency: str) -> None:
        super().__init__(
            headers={"Retry-After": str(self.retry_after_seconds)}, dependency=dependency
        )
