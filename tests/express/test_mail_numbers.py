"""Mail numbers: the shared vectors, then properties of the UPU S10 check digit."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from express.mailnumbers import is_domestic_mail_no, is_mail_no, is_s10, s10_check_digit

VECTORS = json.loads(Path("/work/shared/vectors/mail_numbers.json").read_text("utf-8"))

serials = st.text(alphabet="0123456789", min_size=8, max_size=8)
capitals = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2)


def test_every_valid_s10_vector_passes():
    for number in VECTORS["s10_valid"]:
        assert is_s10(number) and is_mail_no(number)


def test_the_vector_with_a_wrong_check_digit_fails():
    for number in VECTORS["s10_invalid_check_digit"]:
        assert not is_s10(number) and not is_mail_no(number)


def test_a_domestic_number_is_thirteen_ascii_digits():
    assert is_domestic_mail_no("1234567890123")
    assert is_mail_no("1234567890123")
    assert not is_domestic_mail_no("123456789012")
    assert not is_domestic_mail_no("12345678901234")
    assert not is_domestic_mail_no("123456789012a")
    assert not is_domestic_mail_no("１２３４５６７８９０１２３")  # full-width digits


def test_the_two_special_remainders():
    # r = 11 - sum mod 11: a sum that is 1 mod 11 gives r = 10 -> 0, 0 mod 11 gives 11 -> 5.
    assert s10_check_digit("00000000") == 5  # sum 0: r = 11
    assert s10_check_digit("00300000") == 0  # sum 12: r = 10
    assert s10_check_digit("00000001") == 4  # sum 7: r = 4


@given(capitals, serials, capitals)
def test_the_computed_check_digit_passes_and_every_other_fails(service, serial, country):
    right = s10_check_digit(serial)
    assert is_s10(f"{service}{serial}{right}{country}")
    for wrong in set(range(10)) - {right}:
        assert not is_s10(f"{service}{serial}{wrong}{country}")


@given(st.text(max_size=20))
def test_anything_else_is_not_a_mail_number_or_is_one_of_the_two_shapes(text):
    if is_mail_no(text):
        assert is_domestic_mail_no(text) or is_s10(text)
        assert len(text) == 13 and text.isascii()


def test_lower_case_letters_are_not_s10():
    assert not is_s10("ea123456785cn")
