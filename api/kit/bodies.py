"""Turning request bodies and query strings into validated schema objects.

Routes call `parse_body(request, SomeSchema)`. Only a body declared `application/json` (UTF-8,
or no charset) is read as JSON, anything else raises UnsupportedMediaType; bytes that are not
UTF-8 JSON raise MalformedJSON (no guessing of UTF-16 or UTF-32), an object that repeats a key
at any depth and one that does not fit the schema raise ValidationFailed listing the fields,
each with a Chinese message (the first few of them: see MAX_LISTED_ERRORS). Nothing reaches a
service unvalidated.
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, RootModel, ValidationError
from pydantic_core import ErrorDetails
from sanic import Request

from api.kit.errors import (
    MAX_LISTED_ERRORS,
    MalformedJSON,
    UnsupportedMediaType,
    ValidationFailed,
)

Schema = TypeVar("Schema", bound=BaseModel)

# Chinese messages for pydantic's error types; anything else falls back to a generic message.
_MESSAGES: dict[str, str] = {
    "missing": "必填",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为布尔值",
    "bool_parsing": "应为布尔值",
    "list_type": "应为数组",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "extra_forbidden": "不允许的字段",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "string_pattern_mismatch": "格式不正确",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "datetime_parsing": "时间格式应为 ISO 8601",
    "datetime_from_date_parsing": "时间格式应为 ISO 8601",
    "uuid_parsing": "格式不正确",
    "value_error": "取值无效",
}


def parse_body(request: Request, schema: type[Schema]) -> Schema:
    """A JSON object validated by `schema`; a `RootModel` schema (a list, say) takes any JSON."""
    if issubclass(schema, RootModel):
        return validate_data(read_json_body(request), schema)
    return validate_data(read_json_object(request), schema)


JSON_MEDIA_TYPE = "application/json"


def require_json_media_type(content_type: str | None) -> None:
    """`application/json`, with no charset or UTF-8: a form, text/plain, multipart, another
    charset, or nothing at all, is not a body we read as JSON."""
    if content_type is None:
        raise UnsupportedMediaType("请求体需声明 Content-Type: application/json")
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() != JSON_MEDIA_TYPE:
        raise UnsupportedMediaType("请求体应为 application/json")
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
            "utf-8",
            "utf8",
        ):
            raise UnsupportedMediaType("请求体应为 UTF-8 编码的 JSON")


def read_json_body(request: Request) -> Any:
    """The request's body as JSON, if it is declared as JSON (see `read_json`)."""
    body = request.body
    if body or "content-type" in request.headers:
        require_json_media_type(request.headers.get("content-type"))
    return read_json(body)


def parse_query(request: Request, schema: type[Schema]) -> Schema:
    """The route's query model. The same query string is parsed and validated once per
    process and kept (the last `_KEPT_QUERIES`): a catalogue search or a slot list is asked
    with the same few strings by thousands of citizens. Query models are read, never changed,
    by the routes, so one instance serves every request that sent the same string."""
    key = (schema, request.query_string)
    kept = _parsed_queries.get(key)
    if kept is not None:
        _parsed_queries.move_to_end(key)
        return kept  # type: ignore[return-value]  # stored under its own schema's key
    data = {key: values[0] if len(values) == 1 else values for key, values in request.args.items()}
    parsed = validate_data(data, schema)  # a refusal raises: only valid queries are kept
    _parsed_queries[key] = parsed
    if len(_parsed_queries) > _KEPT_QUERIES:
        _parsed_queries.popitem(last=False)
    return parsed


_KEPT_QUERIES = 4096
_parsed_queries: OrderedDict[tuple[type[BaseModel], str], BaseModel] = OrderedDict()


NUL_MESSAGE = "不能含有空字符 (U+0000)"
DUPLICATE_MESSAGE = "字段重复出现"


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return data


# One decoder for every body: `json.loads` with a hook builds a new one each call.
_DECODER = json.JSONDecoder(object_pairs_hook=_object_without_duplicates)


def read_json(body: bytes | None) -> Any:
    """Any JSON document in UTF-8, or MalformedJSON: `json.loads` would guess UTF-16 and UTF-32
    from the first bytes, which no JSON client sends. Nesting deep enough to exhaust the
    parser's recursion is malformed too, not a 500. An object that repeats a key, at any depth,
    fails validation (which of the two would count?), and so does a string holding U+0000: no
    PostgreSQL text can store it."""
    try:
        data = _DECODER.decode((body or b"null").decode("utf-8"))
    except _DuplicateKey as repeated:
        raise ValidationFailed([{"field": repeated.key, "message": DUPLICATE_MESSAGE}]) from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise MalformedJSON("请求体不是有效的 JSON") from None
    if body and b"\\u0000" in body:  # JSON has no other way to write it
        holding = (where or "body" for where in _holding_nul(data, ""))
        fields = list(itertools.islice(holding, MAX_LISTED_ERRORS + 1))
        if fields:
            raise ValidationFailed([{"field": f, "message": NUL_MESSAGE} for f in fields])
    return data


def _holding_nul(data: Any, where: str) -> Iterator[str]:
    if isinstance(data, str):
        if "\x00" in data:
            yield where
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _holding_nul(key, where)
            yield from _holding_nul(value, f"{where}.{key}".lstrip("."))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _holding_nul(value, f"{where}.{index}".lstrip("."))


def read_json_object(request: Request) -> dict[str, Any]:
    data = read_json_body(request)
    if not isinstance(data, dict):
        raise MalformedJSON("请求体应为 JSON 对象")
    return data


def validate_data(data: Any, schema: type[Schema]) -> Schema:
    if isinstance(data, dict):
        _refuse_a_horde_of_unknown_keys(data, schema)
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        listed = itertools.islice(exc.errors(include_url=False), MAX_LISTED_ERRORS)
        raise ValidationFailed(
            [field_error(err) for err in listed], total=exc.error_count()
        ) from None


def _refuse_a_horde_of_unknown_keys(data: dict[Any, Any], schema: type[BaseModel]) -> None:
    """More unknown keys than a refusal lists: refused without validating each one."""
    if schema.model_config.get("extra") != "forbid":
        return
    known = set(schema.model_fields)
    unknown = len(data) - len(known & data.keys())
    if unknown <= MAX_LISTED_ERRORS:
        return
    first = itertools.islice((key for key in data if key not in known), MAX_LISTED_ERRORS)
    message = _MESSAGES["extra_forbidden"]
    raise ValidationFailed(
        [{"field": str(key), "message": message} for key in first], total=unknown
    )


def field_error(err: ErrorDetails) -> dict[str, str]:
    field = ".".join(str(part) for part in err["loc"]) or "body"
    reason = str((err.get("ctx") or {}).get("error", ""))
    if err["type"] == "value_error" and _written_in_chinese(reason):
        return {"field": field, "message": reason}  # our own validators' words
    template = _MESSAGES.get(err["type"], "取值无效")
    try:
        message = template.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError):
        message = template
    return {"field": field, "message": message}


def _written_in_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)
