"""What a route takes and answers, declared once on the route; the declaration both validates
and documents.

    @bp.post("/appointments")
    @requires(citizen(2))
    @declare(
        "预约一个号源",
        body=schemas.BookRequest,
        headers=[IDEMPOTENCY_KEY],
        responses={201: schemas.AppointmentOut},
        errors=[errors.SlotFull, errors.OnePerDay],
    )
    async def book(request: Request, body: schemas.BookRequest) -> schemas.AppointmentOut: ...

The wrapper reads and validates the body (`body=`) and the query string (`query=`) before the
handler runs, with the Chinese messages and refusals of `api.kit.bodies`, and renders what
the handler returns: a model is answered as JSON with the route's one success status, a
`Reply` names its status among several, and an `HTTPResponse` (a replayed idempotent answer,
an image) passes as it is. The OpenAPI document (`api.kit.openapi`) is built from these
declarations alone, and a test fails on any API route without one.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sanic import Request
from sanic.response import HTTPResponse, raw

from api.kit.bodies import parse_body, parse_query
from api.kit.errors import DomainError

DECLARATION_ATTR = "__yiwang_declaration__"
JSON = "application/json"

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Header:
    """A request header the route reads."""

    name: str
    description: str
    required: bool = False
    max_length: int | None = None
    example: str | None = None
    errors: tuple[type[DomainError], ...] = ()  # what reading it can answer


@dataclass(frozen=True)
class Media:
    """A success answer that is not JSON: an image, an event stream; `also` names the other
    types the route answers instead when asked (an SVG beside the PNG)."""

    content_type: str
    description: str
    also: tuple[str, ...] = ()

    @property
    def content_types(self) -> tuple[str, ...]:
        return (self.content_type, *self.also)


@dataclass(frozen=True)
class NoContent:
    description: str = "No content."


Shape = type[BaseModel] | Media | NoContent


@dataclass(frozen=True)
class RawBody:
    """A body the route reads itself, as it arrives: a callback's XML or its encrypted
    envelope, which no JSON model describes. Documented with its media types; not parsed."""

    content_types: tuple[str, ...]
    description: str


class NoBody:
    """Declared by a POST, PUT or PATCH that reads no body: the route test then knows the
    missing body model is meant."""


NO_BODY = NoBody()


@dataclass(frozen=True)
class Reply(Generic[Model]):
    """An answer with its status, for a route that declares more than one success status."""

    status: int
    model: Model
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Declaration:
    summary: str
    description: str | None
    responses: Mapping[int, Shape]
    body: type[BaseModel] | None
    takes_no_body: bool
    raw_body: RawBody | None
    query: type[BaseModel] | None
    headers: tuple[Header, ...]
    errors: tuple[type[DomainError], ...]
    response_headers: Mapping[str, str]
    # The body of every failure answer, when the caller reads only its own format (WeChat
    # Pay's `{"code": "FAIL", ...}`) instead of a problem; the route renders it itself.
    failure: type[BaseModel] | None = None

    @property
    def success_status(self) -> int:
        statuses = [s for s in self.responses if s < 400]
        if len(statuses) != 1:
            raise TypeError("a route with several success statuses answers with Reply")
        return statuses[0]


Answer = BaseModel | Reply[Any] | HTTPResponse | None
Handler = Callable[..., Awaitable[Any]]
H = TypeVar("H", bound=Handler)


def declare(
    summary: str,
    *,
    responses: Mapping[int, Shape],
    body: type[BaseModel] | NoBody | RawBody | None = None,
    query: type[BaseModel] | None = None,
    headers: Sequence[Header] = (),
    errors: Sequence[type[DomainError]] = (),
    response_headers: Mapping[str, str] | None = None,
    failure: type[BaseModel] | None = None,
) -> Callable[[H], H]:
    """Declare the route's shapes; see the module's docstring."""
    if not responses or any(status >= 400 for status in responses):
        raise TypeError("declare the success answers; errors are declared by their DomainError")

    model = None if isinstance(body, NoBody | RawBody) else body

    def wrap(handler: H) -> H:
        declaration = Declaration(
            summary=summary,
            description=_first_paragraph(handler.__doc__),
            responses=dict(responses),
            body=model,
            takes_no_body=isinstance(body, NoBody),
            raw_body=body if isinstance(body, RawBody) else None,
            query=query,
            headers=tuple(headers),
            errors=tuple(errors),
            response_headers=dict(response_headers or {}),
            failure=failure,
        )

        @functools.wraps(handler)
        async def declared(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse | None:
            if model is not None:
                kwargs["body"] = parse_body(request, model)
            if query is not None:
                kwargs["query"] = parse_query(request, query)
            return render(declaration, await handler(request, *args, **kwargs))

        setattr(declared, DECLARATION_ATTR, declaration)
        return declared  # type: ignore[return-value]

    return wrap


def declaration_of(handler: object) -> Declaration | None:
    found = getattr(handler, DECLARATION_ATTR, None)
    return found if isinstance(found, Declaration) else None


def render(declaration: Declaration, answer: Answer) -> HTTPResponse | None:
    if answer is None or isinstance(answer, HTTPResponse):
        return answer
    if isinstance(answer, Reply):
        if answer.status not in declaration.responses:
            raise TypeError(f"status {answer.status} is not declared")
        return json_answer(
            answer.model, answer.status, {**declaration.response_headers, **answer.headers}
        )
    return json_answer(answer, declaration.success_status, declaration.response_headers)


def json_answer(
    model: BaseModel, status: int = 200, headers: Mapping[str, str] | None = None
) -> HTTPResponse:
    """A model as JSON (UTF-8, no escaped Chinese), serialised by pydantic's core."""
    return raw(
        model.model_dump_json(), status=status, headers=dict(headers or {}), content_type=JSON
    )


def _first_paragraph(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(text.strip().split("\n\n")[0].split())
