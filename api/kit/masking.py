"""The one masking policy for personal data in responses, errors and logs.

ID number `3501**********1234`, phone `138****5678`, name `张*三` / `*三`.
`mask_text` finds ID numbers and mobile numbers anywhere in free text; the log filter runs every
log line through it, so a careless log call cannot leak them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

# 18-character resident ID (17 digits + digit or X) or the old 15-digit form, not inside a
# longer run of digits; letters around it do not hide it ("ID11010519491231002Xphone"): a
# masked hex digest in a log line costs nothing, a leaked number does. Mainland mobile numbers:
# 11 digits starting 13-19, optionally with +86 / 86 before them.
_ID18 = re.compile(r"(?<![0-9])\d{17}[0-9Xx](?![0-9])")
_ID15 = re.compile(r"(?<![0-9])[1-8]\d{14}(?![0-9])")
# Every phone and ID number holds a run of 11 digits; text without one needs no further look.
_CANDIDATE = re.compile(r"\d{11}")
# In ASCII text (nearly every log line) that look is a byte scan: each digit mapped to "0" and
# every other byte to " ", then a search for eleven "0"s. The regular expression tries a match
# at every digit of a batch of access-log lines, a few microseconds a line.
_DIGITS_AS_ZEROS = bytes(0x30 if 0x30 <= byte <= 0x39 else 0x20 for byte in range(256))
_ELEVEN_DIGITS = b"0" * 11
_PHONE = re.compile(r"(?<![0-9])((?:\+?86[- ]?)?)(1[3-9]\d)(\d{4})(\d{4})(?![0-9])")


def mask_id_number(value: str) -> str:
    """`350102199001011234` -> `3501**********1234`; anything short is fully masked."""
    if len(value) < 9:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """`13812345678` -> `138****5678`."""
    digits = value[-11:]
    if len(digits) < 11:
        return "*" * len(value)
    return value[: len(value) - 11] + digits[:3] + "****" + digits[-4:]


def mask_name(value: str) -> str:
    """`张三` -> `*三`, `张小三` -> `张*三`, `欧阳小三` -> `欧**三`."""
    if len(value) <= 1:
        return "*" * len(value)
    if len(value) == 2:
        return "*" + value[-1]
    return value[0] + "*" * (len(value) - 2) + value[-1]


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number that appears in free text."""
    if not _holds_a_run_of_eleven_digits(text):
        return text
    text = _ID18.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _ID15.sub(lambda m: mask_id_number(m.group(0)), text)
    return _PHONE.sub(lambda m: m.group(1) + m.group(2) + "****" + m.group(4), text)


def _holds_a_run_of_eleven_digits(text: str) -> bool:
    if text.isascii():
        return _ELEVEN_DIGITS in text.encode("ascii").translate(_DIGITS_AS_ZEROS)
    return _CANDIDATE.search(text) is not None  # \d is any script's digits, as in the masks


def mask_url_password(url: str) -> str:
    """`postgres://u:secret@h/db` -> `postgres://u:***@h/db`, for printing settings."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
