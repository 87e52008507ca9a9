"""The vault seals personal data to its row; ID numbers are checked against GB 11643."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from auth import idnumber
from auth.vault import Algorithm, Vault, VaultError, VaultKey

VECTORS = json.loads(
    (Path(__file__).resolve().parents[1] / "vectors" / "id_numbers.json").read_text("utf-8")
)
TODAY = date(2026, 11, 21)


def vault(algorithm: Algorithm = "aes-256-gcm", previous: tuple[VaultKey, ...] = ()) -> Vault:
    return Vault(VaultKey("k2", b"\x02" * 32), b"\x09" * 32, previous=previous, algorithm=algorithm)


@pytest.mark.parametrize("algorithm", ["aes-256-gcm", "sm4-gcm"])
def test_seal_and_open_round_trip(algorithm: Algorithm) -> None:
    v = vault(algorithm)
    sealed = v.seal("11010519491231002X", table="person", column="id_number", row="per_1")
    assert "11010519491231002X" not in sealed
    assert v.open(sealed, table="person", column="id_number", row="per_1") == "11010519491231002X"


@pytest.mark.parametrize(
    ("table", "column", "row"),
    [
        ("person", "id_number", "per_2"),
        ("person", "name", "per_1"),
        ("binding", "id_number", "per_1"),
    ],
)
def test_a_sealed_value_does_not_open_elsewhere(table: str, column: str, row: str) -> None:
    v = vault()
    sealed = v.seal("13812345678", table="person", column="id_number", row="per_1")
    with pytest.raises(VaultError):
        v.open(sealed, table=table, column=column, row=row)


def test_tampering_is_detected() -> None:
    v = vault()
    sealed = v.seal("张三", table="person", column="name", row="per_1")
    head, body = sealed.rsplit(":", 1)
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    with pytest.raises(VaultError):
        v.open(f"{head}:{flipped}", table="person", column="name", row="per_1")


def test_old_keys_still_open_and_ask_for_resealing() -> None:
    old = Vault(VaultKey("k1", b"\x01" * 32), b"\x09" * 32)
    sealed = old.seal("张三", table="person", column="name", row="per_1")
    rotated = vault(previous=(VaultKey("k1", b"\x01" * 32),))
    assert rotated.open(sealed, table="person", column="name", row="per_1") == "张三"
    assert rotated.needs_reseal(sealed)
    assert not rotated.needs_reseal(
        rotated.seal("张三", table="person", column="name", row="per_1")
    )
    with pytest.raises(VaultError):
        vault().open(sealed, table="person", column="name", row="per_1")


def test_blind_index_is_deterministic_keyed_and_kind_separated() -> None:
    v = vault()
    assert v.blind_index("phone", "13812345678") == v.blind_index("phone", "13812345678")
    assert v.blind_index("phone", "13812345678") != v.blind_index("id_number", "13812345678")
    other = Vault(VaultKey("k2", b"\x02" * 32), b"\x08" * 32)
    assert other.blind_index("phone", "13812345678") != v.blind_index("phone", "13812345678")


def test_shared_valid_vectors_pass() -> None:
    for number in VECTORS["valid"]:
        assert idnumber.problem_with(number, TODAY) is None, number
    assert idnumber.is_valid("11010519491231002x", TODAY)  # lower-case x is normalised


@pytest.mark.parametrize("number", VECTORS["invalid_check_character"])
def test_shared_bad_check_characters_fail(number: str) -> None:
    assert idnumber.problem_with(number, TODAY) == "身份证号校验位不正确"


def test_fullwidth_digits_are_read_as_ascii_and_other_digits_refused() -> None:
    valid = VECTORS["valid"][0]
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in valid)
    assert idnumber.normalise(fullwidth) == valid
    arabic_indic = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in valid)
    assert idnumber.problem_with(idnumber.normalise(arabic_indic), TODAY) is not None


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        (idnumber_ := "110105194902300000", "出生日期不存在"),  # 30 February
        ("110105203001010000", "出生日期晚于今天"),  # born in 2030
        ("990105194912310021", "地区码无效"),
        ("11010519491231002", "18 位"),
        ("11010519491231002Y", "18 位"),
    ],
)
def test_impossible_numbers_fail_before_any_gateway(number: str, reason: str) -> None:
    if reason in ("出生日期不存在", "出生日期晚于今天"):
        number = number[:17] + idnumber.check_character(number[:17])
    problem = idnumber.problem_with(number, TODAY)
    assert problem is not None and reason in problem
    assert number not in problem
