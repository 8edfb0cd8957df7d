"""ID numbers, masking and the personal-data cipher: pure functions."""

from __future__ import annotations

from datetime import date

import pytest

from minsheng.core import idcard
from minsheng.core.crypto import PersonalDataCipher
from minsheng.core.masking import mask_id, mask_name, mask_phone

# GB 11643's own example: 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2
# = 167; 167 mod 11 = 2 -> "X".
EXAMPLE = "11010519491231002X"
# 3*7+4*9+9*10+9*5+8*8+1*4+1*2+9*1+9*6+0*3+0*7+1*9+0*10+1*5+0*8+0*4+1*2 = 341; 341 mod 11 = 0 -> "1"
OURS = "349981199001010011"


def test_check_characters_computed_by_hand() -> None:
    assert idcard.check_char(EXAMPLE[:17]) == "X"
    assert idcard.check_char(OURS[:17]) == "1"


@pytest.mark.parametrize(
    "raw",
    [EXAMPLE, EXAMPLE.lower(), "'" + EXAMPLE, " 110105 19491231\t002x ", "１１０１０５１９４９１２３１００２Ｘ"],
)
def test_normalised_forms_are_accepted(raw: str) -> None:
    parsed = idcard.parse(raw)
    assert parsed.number == EXAMPLE
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.gender == "F"  # 17th digit 2


def test_gender_and_birth_date() -> None:
    parsed = idcard.parse(OURS)
    assert (parsed.birth_date, parsed.gender) == (date(1990, 1, 1), "M")


def test_fifteen_digit_upgrade() -> None:
    assert idcard.upgrade15("110105491231002") == EXAMPLE
    assert idcard.parse("110105491231002").number == EXAMPLE
    assert idcard.parse(110105491231002.0).number == EXAMPLE  # 15 digits survive a numeric cell


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("110105194912310021", idcard.ID_CHECKSUM),
        ("34998119900101001X", idcard.ID_CHECKSUM),
        ("1101051949123100", idcard.ID_FORMAT),
        ("11010519491231002Y", idcard.ID_FORMAT),
        ("99010519491231002" + idcard.check_char("99010519491231002"), idcard.ID_FORMAT),  # no province 99
        ("34998118991231001" + idcard.check_char("34998118991231001"), idcard.ID_BIRTHDATE),  # before 1900
        ("34998119900230001" + idcard.check_char("34998119900230001"), idcard.ID_BIRTHDATE),  # 30 February
        ("34998120990101001" + idcard.check_char("34998120990101001"), idcard.ID_BIRTHDATE),  # future
        ("349981991301001", idcard.ID_BIRTHDATE),  # 15 digits, month 13
        (3.49981199001010e17, idcard.ID_PRECISION_LOST),
        (349981199001010011, idcard.ID_PRECISION_LOST),
        ("3.49981E+17", idcard.ID_PRECISION_LOST),
        ("", idcard.ID_FORMAT),
    ],
)
def test_bad_numbers(raw: object, code: str) -> None:
    with pytest.raises(idcard.IdNumberError) as exc:
        idcard.parse(raw)
    assert exc.value.code == code


def test_masking_profiles() -> None:
    assert mask_name("张三明") == "张*明"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧**明"
    assert mask_id("34998119900101123X") == "349981********123X"
    assert mask_phone("13812345678") == "138****5678"


def test_cipher_round_trip_random_nonce_and_blind_index() -> None:
    cipher = PersonalDataCipher(bytes(range(32)))
    a, b = cipher.encrypt(OURS), cipher.encrypt(OURS)
    assert a != b and OURS.encode() not in a
    assert cipher.decrypt(a) == cipher.decrypt(b) == OURS
    assert cipher.blind_index(OURS) == cipher.blind_index(OURS) != cipher.blind_index(EXAMPLE)
    other = PersonalDataCipher(bytes(32))
    assert other.blind_index(OURS) != cipher.blind_index(OURS)
    with pytest.raises(Exception):  # noqa: B017
        other.decrypt(a)
