"""Turning request bodies and query strings into validated schema objects.

Routes call `parse_body(request, SomeSchema)`; a body that is not JSON raises MalformedJSON and
one that does not fit the schema raises ValidationFailed listing every field, each with a
Chinese message. Nothing reaches a service unvalidated.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from sanic import Request

from api.kit.errors import MalformedJSON, ValidationFailed

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
    return validate_data(read_json_object(request), schema)


def parse_query(request: Request, schema: type[Schema]) -> Schema:
    data = {key: values[0] if len(values) == 1 else values for key, values in request.args.items()}
    return validate_data(data, schema)


NUL_MESSAGE = "不能含有空字符 (U+0000)"


def read_json(body: bytes | None) -> Any:
    """Any JSON document, or MalformedJSON; nesting deep enough to exhaust the parser's
    recursion is malformed too, not a 500. A string holding U+0000 fails validation: no
    PostgreSQL text can store it."""
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise MalformedJSON("请求体不是有效的 JSON") from None
    if body and b"\\u0000" in body:  # JSON has no other way to write it
        fields = [where or "body" for where in _holding_nul(data, "")]
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
    data = read_json(request.body)
    if not isinstance(data, dict):
        raise MalformedJSON("请求体应为 JSON 对象")
    return data


def validate_data(data: Any, schema: type[Schema]) -> Schema:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed([field_error(err) for err in exc.errors()]) from None


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
