"""Mail numbers (邮件号): what a courier's tracking number may look like.

- Domestic EMS: 13 ASCII digits. No public check rule was found for them (see
  /work/shared/vectors/mail_numbers.json), so only the shape is checked; a trace query is
  what confirms one.
- International format, UPU S10: two letters (service indicator), eight serial digits, one
  check digit, two letters (ISO 3166 country code of the issuing post), e.g. `EA123456785CN`.
  The check digit: weights 8,6,4,2,3,5,9,7 over the serial, r = 11 - sum mod 11, and r = 10
  is written 0, r = 11 is written 5.

Hand-written: the S10 check digit is ten lines of arithmetic, and no maintained Python
library we already depend on carries it.
"""

from __future__ import annotations

DOMESTIC_LENGTH = 13
S10_LENGTH = 13
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def is_domestic_mail_no(value: str) -> bool:
    """13 ASCII digits (str.isdigit alone would take other scripts' digits too)."""
    return len(value) == DOMESTIC_LENGTH and value.isascii() and value.isdigit()


def s10_check_digit(serial: str) -> int:
    """The UPU S10 check digit of an 8-digit serial number."""
    if not (len(serial) == len(S10_WEIGHTS) and serial.isascii() and serial.isdigit()):
        raise ValueError("an S10 serial number is 8 ASCII digits")
    remainder = 11 - sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


def is_s10(value: str) -> bool:
    """Two capital letters, 8 digits, the right check digit, two capital letters."""
    if len(value) != S10_LENGTH or not value.isascii():
        return False
    service, serial, check, country = value[:2], value[2:10], value[10], value[10 + 1 :]
    if not (_capitals(service) and _capitals(country) and serial.isdigit() and check.isdigit()):
        return False
    return s10_check_digit(serial) == int(check)


def is_mail_no(value: str) -> bool:
    """A domestic EMS number or a UPU S10 one."""
    return is_domestic_mail_no(value) or is_s10(value)


def _capitals(text: str) -> bool:
    return text.isascii() and text.isalpha() and text.isupper()
