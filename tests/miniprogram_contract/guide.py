"""Recording the contract guide's examples from a real run.

Each example in miniprogram_contract/README.md sits between `<!-- example: NAME -->` and
`<!-- /example -->`; the guide test sends the requests as a client would, records what was
sent and answered, and compares the README's blocks with the recording. Values that change
from run to run (tokens, ids, request ids, codes) are replaced by stable stand-ins of the same
shape, so the comparison is exact. `YIWANG_UPDATE_GUIDE=1` writes the recording into the
README instead.
"""

from __future__ import annotations

import json
import random
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

GUIDE = Path(__file__).resolve().parents[2] / "miniprogram_contract" / "README.md"
_BLOCK = re.compile(r"(<!-- example: ([\w-]+) -->\n)(.*?)(<!-- /example -->)", re.DOTALL)
SHOWN_REQUEST_HEADERS = ("authorization", "idempotency-key", "x-device-key", "content-type")
SHOWN_ANSWER_HEADERS = ("content-type", "retry-after", "idempotent-replayed")

_JWT = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
_LOCAL_SERVER = re.compile(r"http://127\.0\.0\.1:\d+")
_PUBLIC_ID = re.compile(r"\b([a-z]{3})_[A-Za-z0-9_-]{22}\b")


@dataclass
class StandIns:
    """The same real value always gets the same stand-in within one recording."""

    ids: dict[str, str] = field(default_factory=dict)  # tokens and public ids, by pattern
    volatile: dict[str, str] = field(default_factory=dict)  # by field (state, tickets)
    mail_numbers: dict[str, str] = field(default_factory=dict)  # EMS's, numbered apart

    def mail_number(self, real: str) -> str:
        """Each of EMS's mail numbers its own stand-in (13 digits), in the order seen."""
        if real not in self.mail_numbers:
            self.mail_numbers[real] = f"11234567890{len(self.mail_numbers) + 1:02d}"
        return self.mail_numbers[real]

    def remember(self, real: str, shown: str) -> None:
        if len(real) >= 16:  # long enough to be found inside other text (a URL's state)
            self.volatile.setdefault(real, shown)

    def public_id(self, match: re.Match[str]) -> str:
        real, prefix = match.group(0), match.group(1)
        if real not in self.ids:
            number = sum(1 for shown in self.ids.values() if shown.startswith(prefix + "_"))
            rng = random.Random(f"{prefix}{number}")
            alphabet = string.ascii_letters + string.digits
            self.ids[real] = prefix + "_" + "".join(rng.choice(alphabet) for _ in range(22))
        return self.ids[real]

    def text(self, value: str) -> str:
        for real, shown in (*self.volatile.items(), *self.mail_numbers.items()):
            value = value.replace(real, shown)
        value = _LOCAL_SERVER.sub("http://127.0.0.1:8000", value)
        value = _JWT.sub(JWT_SHOWN, value)
        return _PUBLIC_ID.sub(self.public_id, value)


# Item, material and fee codes: capitals, digits, dashes and underscores (WeChat's random codes
# are mixed case, 16 characters).
_CATALOGUE_CODE = re.compile(r"[A-Z0-9][A-Z0-9_.-]{0,63}")
_PROBLEM_CODE = re.compile(r"[a-z]+(?:\.[a-z_]+)+")
JWT_SHOWN = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl"
VOLATILE_FIELDS = {
    "refresh_token": "mF3n0Qe0yX2oV8b1t7KcJ4pZsL9wRgHuA6dNqE5iYTk",
    "request_id": "req-7c1f0b2a9d4e",
    "state": "q0x3Jm8TfW1cR5vN9sLp2dKe7bYh",
    "verifier": "Vb4kP9sXq2mT7wN1cF6jR0hL3dZ8yGaE5uKiOoQe",
    "consent_ticket": "t8Fq2Lm5Xv0Rc7Ns1Pk4Wd9Hb3Jy6Ge",
    "code": "482915",
    "core_ref": "SP2026113012345678",
    # A payment's codes and WeChat Pay's signed parameters change every run (EMS's mail
    # numbers too: `StandIns.mail_number`).
    "payment_code": "35012026113000000017",
    "notice_number": "35010026113000000001",
    "timeStamp": "1764466200",
    "nonceStr": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
    "package": "prepay_id=wx30093000697531c5c8a5b2d41c3a50000",
    "paySign": "oR9d8PuhnIc+YZ8cBHFCwfgpaK9gd7vaRvkYD7rthRAZ/pEDQ51FFdHVwN2ZI6fX0tBqtbnM",
}
MAIL_NUMBER_FIELD = "mail_number"
# An OAuth state is long and random; a material's state (`provided`) is a word of the contract.
_SHORTEST_STATE = 16


@dataclass
class Exchange:
    method: str
    path: str
    request_headers: dict[str, str]
    body: Any
    status: int
    answer_headers: dict[str, str]
    answer: Any


@dataclass
class Recorder:
    client: httpx.AsyncClient
    examples: dict[str, list[Exchange]] = field(default_factory=dict)

    async def send(
        self,
        example: str,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        response = await self.client.request(method, path, json=json_body, headers=headers)
        sent = response.request.headers
        self.examples.setdefault(example, []).append(
            Exchange(
                method=method,
                path=path,
                request_headers={h: sent[h] for h in SHOWN_REQUEST_HEADERS if h in sent},
                body=json_body,
                status=response.status_code,
                answer_headers={
                    h: response.headers[h] for h in SHOWN_ANSWER_HEADERS if h in response.headers
                },
                answer=response.json() if response.content else None,
            )
        )
        return response

    def rendered(self) -> dict[str, str]:
        stand_ins = self._stand_ins()
        return {name: _render(exchanges, stand_ins) for name, exchanges in self.examples.items()}

    def _stand_ins(self) -> StandIns:
        stand_ins = StandIns()
        for exchanges in self.examples.values():
            for exchange in exchanges:
                _remember_volatile(exchange.body, stand_ins)
                _remember_volatile(exchange.answer, stand_ins)
        return stand_ins

    def operation_examples(self, paths: list[str]) -> dict[str, Any]:
        """The first recorded request and answer of each operation and status, keyed as the
        contract names them ("POST /api/v1/appointments"), for the document's examples."""
        stand_ins = self._stand_ins()
        found: dict[str, Any] = {}
        for exchanges in self.examples.values():
            for exchange in exchanges:
                template = _template_of(exchange.path.split("?")[0], paths)
                if template is None:
                    continue
                operation = found.setdefault(f"{exchange.method} {template}", {"responses": {}})
                if exchange.body is not None:
                    operation.setdefault("request", _steady(exchange.body, stand_ins))
                if exchange.answer is not None:
                    operation["responses"].setdefault(
                        str(exchange.status), _steady(exchange.answer, stand_ins)
                    )
        return found


def _template_of(path: str, templates: list[str]) -> str | None:
    if path in templates:  # a fixed path before any template that would also match it
        return path
    for template in templates:
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            return template
    return None


def _render(exchanges: list[Exchange], stand_ins: StandIns) -> str:
    parts = []
    for exchange in exchanges:
        lines = [f"{exchange.method} {stand_ins.text(exchange.path)}"]
        lines += [f"{_title(h)}: {stand_ins.text(v)}" for h, v in exchange.request_headers.items()]
        if exchange.body is not None:
            lines += ["", _json(_steady(exchange.body, stand_ins))]
        lines += ["", f"HTTP {exchange.status}"]
        lines += [f"{_title(h)}: {v}" for h, v in exchange.answer_headers.items()]
        if exchange.answer is not None:
            lines += ["", _json(_steady(exchange.answer, stand_ins))]
        parts.append("```http\n" + "\n".join(lines) + "\n```\n")
    return "\n".join(parts)


def _volatile(key: str, item: Any) -> bool:
    """A value that changes from run to run; a problem's `code` is stable, a sign-in code not."""
    if key == "code" and isinstance(item, str):
        # A sign-in code (six digits, or WeChat's mixed-case one) changes every run; the
        # catalogue's item, material and fee codes (dashes, capitals) stay.
        if item.isdigit():
            return len(item) == 6
        if _PROBLEM_CODE.fullmatch(item):
            return False  # `auth.consent_required`: what a client switches on
        return _CATALOGUE_CODE.fullmatch(item) is None
    if key == "state" and isinstance(item, str) and len(item) < _SHORTEST_STATE:
        return False
    return key in VOLATILE_FIELDS and isinstance(item, str) and "." not in item


def _remember_volatile(value: Any, stand_ins: StandIns) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == MAIL_NUMBER_FIELD and isinstance(item, str):
                stand_ins.mail_number(item)
            elif _volatile(key, item):
                stand_ins.remember(item, VOLATILE_FIELDS[key])
            else:
                _remember_volatile(item, stand_ins)
    elif isinstance(value, list):
        for item in value:
            _remember_volatile(item, stand_ins)


def _steady(value: Any, stand_ins: StandIns) -> Any:
    if isinstance(value, dict):
        return {
            key: VOLATILE_FIELDS[key] if _volatile(key, item) else _steady(item, stand_ins)
            for key, item in value.items()
        }  # a mail number is text: `StandIns.text` numbers it
    if isinstance(value, list):
        return [_steady(item, stand_ins) for item in value]
    if isinstance(value, str):
        return stand_ins.text(value)
    return value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _title(header: str) -> str:
    return "-".join(part.capitalize() for part in header.split("-"))


def blocks_of(text: str) -> dict[str, str]:
    return {m.group(2): m.group(3) for m in _BLOCK.finditer(text)}


def with_blocks(text: str, recorded: dict[str, str]) -> str:
    return _BLOCK.sub(
        lambda m: m.group(1) + recorded.get(m.group(2), m.group(3)) + m.group(4), text
    )
