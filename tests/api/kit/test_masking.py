"""The masking policy, and that free text never lets a valid ID number or phone through."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from api.kit.masking import mask_id_number, mask_name, mask_phone, mask_text

VECTORS = json.loads(
    (Path(__file__).resolve().parents[2] / "vectors" / "id_numbers.json").read_text("utf-8")
)

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
PROVINCES = (
    11,
    12,
    13,
    14,
    15,
    21,
    22,
    23,
    31,
    32,
    33,
    34,
    35,
    36,
    37,
    41,
    42,
    43,
    44,
    45,
    46,
    50,
    51,
    52,
    53,
    54,
    61,
    62,
    63,
    64,
    65,
)


def with_check_character(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


id_numbers = st.builds(
    lambda province, rest, born, seq: with_check_character(
        f"{province:02d}{rest:04d}{born:%Y%m%d}{seq:03d}"
    ),
    st.sampled_from(PROVINCES),
    st.integers(0, 9999),
    st.dates(date(1900, 1, 1), date(2025, 12, 31)),
    st.integers(0, 999),
)
phones = st.builds(
    lambda p, n: f"1{p}{n:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1)
)
surroundings = st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=8)


def test_policy_shapes() -> None:
    assert mask_id_number("350102199001011234") == "3501**********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "*三"
    assert mask_name("张小三") == "张*三"
    assert mask_name("欧阳小三") == "欧**三"


def test_shared_vectors_are_masked_in_text() -> None:
    assert len(VECTORS["valid"]) >= 4
    for number in VECTORS["valid"]:
        masked = mask_text(f"身份证 {number} 已核验")
        assert number not in masked
        assert mask_id_number(number) in masked


@given(id_numbers, phones, surroundings, surroundings)
def test_no_id_number_or_phone_survives_masking(
    number: str, phone: str, before: str, after: str
) -> None:
    text = f"{before}{number}{after} tel:{phone}{after}"
    masked = mask_text(text)
    assert number not in masked
    assert phone not in masked


def test_letters_right_against_a_number_do_not_hide_it() -> None:
    masked = mask_text("GET /halls/ID11010519491231002Xphone13800000001 failed")
    assert masked == "GET /halls/ID1101**********002Xphone138****0001 failed"


def test_other_numbers_are_left_alone() -> None:
    text = "order 20261121 amount 12345 fen, ts 1732200000, request 9f8e7d6c5b4a"
    assert mask_text(text) == text


@given(id_numbers, phones, surroundings)
def test_a_number_among_other_scripts_is_masked_as_in_plain_ascii(
    number: str, phone: str, around: str
) -> None:
    """ASCII text is searched for a run of digits by a byte scan, other text by a regular
    expression: both find what the masks mask."""
    for text in (f"{around}{number} {phone}{around}", f"张三{around}{number} {phone}"):
        masked = mask_text(text)
        assert number not in masked and phone not in masked
