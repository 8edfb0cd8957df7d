"""Resident ID numbers (公民身份号码, GB 11643-1999): normalise, check, upgrade, read.

Pure functions, no Django models: every import and form uses them the same way.

* normalise: NFKC (full-width digits and letters become ASCII), drop spaces, tabs and a
  leading apostrophe (Excel's "text" marker), upper-case ``x``;
* 18 characters: 17 digits and a check character (ISO 7064 MOD 11-2, ``X`` for 10);
* the first two digits a province-level code of GB/T 2260 (81/82/83: Hong Kong, Macao
  and Taiwan residents' residence permits, which share the format);
* digits 7–14 a real birth date, not before 1900 and not in the future;
* a 15-digit legacy number is upgraded: ``19`` inserted before the year, check computed;
* a spreadsheet *number* holding 16+ digits has lost its last digits (a double keeps 15
  significant digits): ``id_precision_lost``, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import mul
from typing import Any

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"  # index: (sum of weighted digits) mod 11
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
EARLIEST_BIRTH = date(1900, 1, 1)

# Error codes (the same codes the roster import reports).
ID_FORMAT = "id_format"
ID_CHECKSUM = "id_checksum"
ID_BIRTHDATE = "id_birthdate"
ID_PRECISION_LOST = "id_precision_lost"

_STRIP = re.compile(r"[\s\u200b\ufeff]+")
_ID18 = re.compile(r"\d{17}[\dX]")
_ID15 = re.compile(r"\d{15}")
_SCIENTIFIC = re.compile(r"\d(\.\d+)?E\+?\d+")


class IdNumberError(ValueError):
    """``code`` is one of the codes above."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class IdNumber:
    number: str
    birth_date: date
    gender: str  # "M" or "F" (the 17th digit: odd male, even female)


def normalise(text: str) -> str:
    """The ID as people meant to type it: NFKC, no spaces/tabs/apostrophe, upper-case X."""
    text = unicodedata.normalize("NFKC", text)
    text = _STRIP.sub("", text).lstrip("'‘’`")
    return text.upper()


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(map(mul, WEIGHTS, map(int, first17)))
    return CHECK_CHARS[total % 11]


def upgrade15(number15: str) -> str:
    """A 15-digit legacy number as 18 digits: insert ``19`` before the year, add the check."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_char(first17)


def parse(value: Any, *, today: date | None = None) -> IdNumber:
    """Check a cell (text, or a spreadsheet number) and return the 18-digit number with
    the birth date and gender it holds; raise :class:`IdNumberError` otherwise."""
    if isinstance(value, bool):
        raise IdNumberError(ID_FORMAT)
    if isinstance(value, float | int | Decimal):
        digits = str(int(value)) if value == value and abs(value) != float("inf") else ""
        if len(digits) >= 16 or (isinstance(value, float) and not float(value).is_integer()):
            raise IdNumberError(ID_PRECISION_LOST)
        text = digits
    else:
        text = str(value)
        if not (len(text) == 18 and text.isascii() and text[:17].isdigit()):
            text = normalise(text)  # the common, clean case skips this
        elif text[17] == "x":
            text = text.upper()
        if _SCIENTIFIC.fullmatch(text):
            raise IdNumberError(ID_PRECISION_LOST)  # "3.49981E+17": a number saved as text
    if _ID15.fullmatch(text):
        if int(text[:2]) not in PROVINCE_CODES:
            raise IdNumberError(ID_FORMAT)
        birth = _birth_date("19" + text[6:12], today)
        number = upgrade15(text)
    elif _ID18.fullmatch(text):
        if int(text[:2]) not in PROVINCE_CODES:
            raise IdNumberError(ID_FORMAT)
        if check_char(text[:17]) != text[17]:
            raise IdNumberError(ID_CHECKSUM)
        birth = _birth_date(text[6:14], today)
        number = text
    else:
        raise IdNumberError(ID_FORMAT)
    return IdNumber(number=number, birth_date=birth, gender="M" if int(number[16]) % 2 else "F")


def _birth_date(yyyymmdd: str, today: date | None) -> date:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        raise IdNumberError(ID_BIRTHDATE) from None
    if born < EARLIEST_BIRTH or born > (today or date.today()):
        raise IdNumberError(ID_BIRTHDATE)
    return born


def is_valid(value: Any) -> bool:
    try:
        parse(value)
    except IdNumberError:
        return False
    return True
