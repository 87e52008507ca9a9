"""Resident ID numbers (GB 11643-1999), checked locally before any outside verification.

18 characters: 6 region digits (the first two a province code), the birth date YYYYMMDD, a
3-digit sequence and a check character computed from the first 17 (ISO 7064 MOD 11-2).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82}
)


def normalise(value: str) -> str:
    """Fullwidth characters to ASCII (NFKC), the check character upper-cased, surrounding
    spaces dropped; nothing else is forgiven."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def problem_with(value: str, today: date) -> str | None:
    """Why `value` is not a valid ID number, or None when it is. Never echoes the value."""
    number = normalise(value)
    if not _SHAPE.fullmatch(number):
        return "身份证号应为 18 位，前 17 位为数字，最后一位为数字或 X"
    if int(number[:2]) not in PROVINCE_CODES:
        return "身份证号的地区码无效"
    born = birth_date(number)
    if born is None:
        return "身份证号中的出生日期不存在"
    if born > today:
        return "身份证号中的出生日期晚于今天"
    if check_character(number[:17]) != number[17]:
        return "身份证号校验位不正确"
    return None


def is_valid(value: str, today: date) -> bool:
    return problem_with(value, today) is None
