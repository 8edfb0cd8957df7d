"""Reading a roster: find the header, map the columns, and turn each row into clean values
or the precise problems with it. Plain Python, no database: the import service feeds it
rows and writes what it returns.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from minsheng.core import idcard
from minsheng.core.tabular import cell_text

FIELDS = ("name", "id_number", "phone", "village", "town", "amount", "paid_on")
REQUIRED_COLUMNS = ("name", "id_number")

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "户主姓名", "受益人姓名", "受益对象姓名", "申请人姓名", "对象姓名", "受益人", "户主", "name"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "证件号码",
        "身份证",
        "身份证件号码",
        "受益人身份证号",
        "受益人身份证号码",
        "户主身份证号码",
        "id_number",
    ),
    "phone": ("联系电话", "手机号码", "电话", "手机", "手机号", "联系方式", "电话号码", "联系电话号码", "phone"),
    "village": (
        "所在村（社区）",
        "村（居）",
        "村名",
        "村",
        "村（社区）",
        "村居",
        "所在村",
        "行政村",
        "社区",
        "村（社区）名称",
        "村居名称",
        "所属村（社区）",
        "village",
    ),
    "town": (
        "乡镇",
        "所在乡镇",
        "乡镇（街道）",
        "所在乡镇（街道）",
        "镇（街道）",
        "所属乡镇",
        "镇街",
        "乡镇名称",
        "town",
    ),
    "amount": (
        "补助金额",
        "补助标准（元）",
        "发放金额",
        "补助金额（元）",
        "发放金额（元）",
        "金额",
        "金额（元）",
        "补贴金额",
        "补助标准",
        "amount",
    ),
    "paid_on": ("发放日期", "日期", "发放时间", "补助发放日期", "paid_on"),
}

FOOTER_WORDS = ("合计", "小计", "总计", "审核人", "制表人", "填表人", "负责人", "填报人", "经办人", "复核人")
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "社区居委会", "村委会", "居委会", "社区", "村")
EARLIEST_PAYOUT = date(1990, 1, 1)
# what offices type in a cell that has nothing to say
PLACEHOLDERS = frozenset(
    {"无", "暂无", "空", "/", "\\", "-", "--", "—", "——", "－", "n/a", "na", "null", "none", "未知"}
)
HEADER_SEARCH_ROWS = 30

_HEADER_JUNK = re.compile(r"[\s*＊:：()（）\[\]【】]")
_PARENTHETICAL = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_SPACES = re.compile(r"\s+")
_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_AMOUNT_JUNK = re.compile(r"[\s,，¥￥元圆]|rmb|人民币", re.IGNORECASE)
_MOBILE = re.compile(r"1[3-9]\d{9}")
_ADDRESS_PREFIX = re.compile(r"^(?:[^省]{2,7}省|[^区]{2,10}自治区)?(?:[^市]{2,8}市)?(?:[^县]{1,8}县|[^区]{1,8}区)?")
_PHONE_SPLIT = re.compile(r"[/,，;；、]|或")
_GROUP = re.compile(r"(?:第?[一二三四五六七八九十百零〇\d]+(?:村民小组|小组|组|队))$")
_LANDLINE = re.compile(r"0\d{9,11}")
_EXCEL_EPOCH = date(1899, 12, 30)


def is_placeholder(value: Any) -> bool:
    """“无”, “/”, “—” and the like: an empty cell as typed."""
    return isinstance(value, str) and len(value) <= 6 and value.strip().lower() in PLACEHOLDERS


class RosterUnusable(Exception):
    """The file cannot be used at all (no header, a required column missing…)."""


@dataclass(slots=True)
class Problem:
    row: int
    column: str
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


@dataclass(slots=True)
class CleanRow:
    row: int
    name: str
    id_number: str
    gender: str
    birth_date: date
    phone: str
    village_id: int
    amount: Decimal | None
    paid_on: date | None


@dataclass
class Header:
    row: int
    cells: list[str]
    columns: dict[str, int]  # field -> column index
    subheader_row: int | None = None

    def is_data(self, cells: list[Any]) -> bool:
        """Whether a row holds a person at all: a row with nothing but its serial number, a
        remark or a village filled down a merged block (a template's unused numbered rows) is
        not one, nor is a title merged across the columns; a row with any of name, ID number,
        phone, amount or date is, and is checked."""
        name = cells[self.columns["name"]] if self.columns["name"] < len(cells) else None
        if isinstance(name, str) and len(name) > 1 and not name.isspace():  # the common case, quickly
            ident = cells[self.columns["id_number"]] if self.columns["id_number"] < len(cells) else None
            if name != ident and name.strip().lower() not in PLACEHOLDERS:
                return True
        filled = []
        for f in ("name", "id_number", "phone", "amount", "paid_on"):
            idx = self.columns.get(f)
            if idx is not None and idx < len(cells):
                value = cells[idx]
                empty = value is None or value == "" or (isinstance(value, str) and value.isspace())
                if not empty and not is_placeholder(value):
                    filled.append(value)
        if len(filled) >= 2 and isinstance(filled[0], str) and all(v == filled[0] for v in filled):
            return False  # a title merged across the columns, repeated on a printed page
        return bool(filled)

    def label(self, field_name: str) -> str:
        idx = self.columns.get(field_name)
        if idx is None:
            return str(FIELD_LABELS.get(field_name, field_name))
        return self.cells[idx] or _column_letter(idx)


FIELD_LABELS = {
    "name": "姓名",
    "id_number": "身份证号码",
    "phone": "联系电话",
    "village": "村（社区）",
    "town": "乡镇（街道）",
    "amount": "补助金额",
    "paid_on": "发放日期",
}


def _column_letter(idx: int) -> str:
    letters = ""
    idx += 1
    while idx:
        idx, rem = divmod(idx - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def normalise_heading(text: Any) -> str:
    return _HEADER_JUNK.sub("", unicodedata.normalize("NFKC", cell_text(text))).lower()


_ALIAS_LOOKUP = {normalise_heading(alias): key for key, aliases in HEADER_ALIASES.items() for alias in aliases}


def parse_mapping(text: str) -> dict[str, str]:
    """``姓名=name,身份证=id_number`` as {heading: field}; raises ValueError on a bad field."""
    mapping: dict[str, str] = {}
    for part in re.split(r"[,，;；\n]", text or ""):
        if not part.strip():
            continue
        heading, sep, target = part.partition("=")
        target = target.strip()
        if not sep or target not in FIELDS:
            raise ValueError(part.strip())
        mapping[heading.strip()] = target
    return mapping


def _alias(cell: Any) -> str | None:
    """The field a heading names: 身份证号码, 身份证 号码, 公民身份号码（18位）, 补助金额元…"""
    key = normalise_heading(cell)
    if not key:
        return None
    target = _ALIAS_LOOKUP.get(key)
    if target is None and key.endswith("元"):
        target = _ALIAS_LOOKUP.get(key[:-1])
    if target is None:  # a remark in brackets: 联系电话（手机）, 身份证号码(18位)
        bare = normalise_heading(_PARENTHETICAL.sub("", unicodedata.normalize("NFKC", cell_text(cell))))
        if bare and bare != key:
            target = _ALIAS_LOOKUP.get(bare) or (_ALIAS_LOOKUP.get(bare[:-1]) if bare.endswith("元") else None)
    return target


def map_header(cells: list[Any], mapping: Mapping[str, str] | None = None) -> dict[str, int]:
    explicit = {normalise_heading(k): v for k, v in (mapping or {}).items()}
    columns: dict[str, int] = {}
    for idx, cell in enumerate(cells):
        key = normalise_heading(cell)
        if not key:
            continue
        target = explicit.get(key) if explicit else None
        if target is None and not (explicit and key in explicit):
            target = _alias(cell)
        if target and target not in columns:
            columns[target] = idx
    return columns


def find_header(
    rows: Iterator[tuple[int, list[Any]]], mapping: Mapping[str, str] | None = None
) -> tuple[Header, Iterator[tuple[int, list[Any]]]]:
    """The header row, below any title rows, and the rows that follow it.

    A second heading row under the first (补助 over 金额 | 日期, as merged headings print) adds
    the columns it names; the header's label of such a column is the two headings joined when
    that is still a heading we know (补助金额（元）), else the lower one (日期)."""
    for seen, (rownum, cells) in enumerate(rows):
        columns = map_header(cells, mapping)
        if all(f in columns for f in REQUIRED_COLUMNS):
            header = Header(row=rownum, cells=[cell_text(c) for c in cells], columns=columns)
            return header, _with_subheader(header, rows, mapping)
        if seen + 1 >= HEADER_SEARCH_ROWS:
            break
    raise RosterUnusable(
        _(
            "No header row found in the first %(n)d rows: a row needs a name column (姓名) and an ID number column (身份证号码)."
        )
        % {"n": HEADER_SEARCH_ROWS}
    )


def _with_subheader(
    header: Header, rows: Iterator[tuple[int, list[Any]]], mapping: Mapping[str, str] | None
) -> Iterator[tuple[int, list[Any]]]:
    """Read the row after the header now (the columns must be known before any data row)."""
    first = next(rows, None)
    if first is None:
        return rows
    rownum, cells = first
    sub = map_header(cells, mapping)
    # a person's row (a name or an ID number of its own) is never taken for headings
    person = any(
        i < len(cells) and cell_text(cells[i]) not in ("", header.cells[i])
        for i in (header.columns["name"], header.columns["id_number"])
    )
    added = {f: i for f, i in sub.items() if f not in header.columns and i not in header.columns.values()}
    if not added or person:
        return itertools.chain([first], rows)
    for f, i in added.items():
        header.columns[f] = i
        if i < len(header.cells):
            # 补助 + 金额（元） reads 补助金额（元）; 补助 + 日期 would not be recognised again when
            # the error report is imported, so that one keeps 日期
            above, label = header.cells[i], cell_text(cells[i])
            joined = f"{above}{label}" if above and above != label else label
            header.cells[i] = joined if _alias(joined) == f else label
    header.subheader_row = rownum
    return rows


def is_blank(cells: list[Any]) -> bool:
    for c in cells:
        if c is None or c == "" or (isinstance(c, str) and c.isspace()):
            continue
        return False
    return True


def _footer_text(cell: Any) -> bool:
    return isinstance(cell, str) and cell.replace(" ", "").replace("\u3000", "").lstrip().startswith(FOOTER_WORDS)


def is_footer(cells: list[Any], header: Header) -> bool:
    """合计/小计/总计 rows and signature lines (审核人：…) are not data rows: the first
    filled cell starts with one of those words, or the row has no ID number and one of its
    cells does."""
    for c in cells:
        if c is None or c == "" or (isinstance(c, str) and c.isspace()):
            continue
        if _footer_text(c):
            return True
        break
    id_idx = header.columns["id_number"]
    id_cell = cells[id_idx] if id_idx < len(cells) else None
    if isinstance(id_cell, int | float) or (isinstance(id_cell, str) and len(id_cell.strip()) >= 15):
        return False
    return any(_footer_text(c) for c in cells)


# --- Values ------------------------------------------------------------------------------


def parse_amount(value: Any) -> Decimal | None:
    """Yuan as a Decimal with 2 places; None when empty (or “无”, “—”…); ValueError when
    unreadable or negative."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = _AMOUNT_JUNK.sub("", unicodedata.normalize("NFKC", str(value)))
        if not text:
            return None
        factor = Decimal(1)
        if text.endswith("万"):
            factor, text = Decimal(10000), text[:-1]
        try:
            amount = Decimal(text) * factor
        except InvalidOperation:
            if is_placeholder(value):
                return None
            raise ValueError(value) from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
        raise ValueError(value)
    return amount.quantize(Decimal("0.01"))


def parse_date(value: Any, *, today: date) -> date | None:
    """A payout date; None when empty (or “无”, “/”…); ValueError when unreadable, in the
    future or before 1990."""
    if value is None or value == "":
        return None
    found: date | None = None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        found = _date_from_number(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if not text:
            return None
        match = _DATE_RE.fullmatch(text)
        try:
            if match:
                found = date(int(match[1]), int(match[2]), int(match[3]))
            elif text.isdigit():
                found = _date_from_number(int(text))
            elif re.fullmatch(r"\d+\.0+", text):
                found = _date_from_number(int(float(text)))
        except ValueError:
            found = None
        if found is None and is_placeholder(text):
            return None
    if found is None or found < EARLIEST_PAYOUT or found > today:
        raise ValueError(value)
    return found


def _date_from_number(number: float) -> date | None:
    if number != int(number):
        number = int(number)  # a serial day with a time of day
    n = int(number)
    try:
        if 10_000_000 <= n <= 99_999_999:  # 20220605
            return date(n // 10000, n // 100 % 100, n % 100)
        if 1 <= n < 2_958_466:  # an Excel serial day number
            return _EXCEL_EPOCH + timedelta(days=n)
    except (ValueError, OverflowError):
        return None
    return None


def parse_phone(value: Any) -> str | None:
    """A mobile or landline number as digits; "" when empty; None when not a phone number."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and len(value) == 11 and value.isascii() and value.isdigit() and value[0] == "1":
        return value if value[1] in "3456789" else None  # the common, clean case
    if is_placeholder(value):
        return ""
    text = cell_text(value) if isinstance(value, int | float) else unicodedata.normalize("NFKC", str(value))
    if _PHONE_SPLIT.search(text):  # 13800138000/0550-7654321: the first number that is one
        for part in _PHONE_SPLIT.split(text):
            found = parse_phone(part.strip()) if part.strip() else None
            if found:
                return found
        return None
    text = re.sub(r"[\s\-－—()（）]", "", text).lstrip("'")
    if not text:
        return ""
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return text
    return None


def village_key(text: str) -> str:
    """A village name without spaces, a group and its usual suffixes: 张庄村民委员会 → 张庄,
    张庄村三组 → 张庄."""
    key = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    grouped = _GROUP.sub("", key)
    if grouped and grouped != key and not grouped[-1].isdigit():
        key = grouped
    changed = True
    while changed:
        changed = False
        for suffix in VILLAGE_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key[: -len(suffix)]
                changed = True
                break
    return key


TOWN_SUFFIXES = ("街道办事处", "办事处", "街道", "镇", "乡")


def town_key(text: str) -> str:
    """A town's name without spaces and its usual suffixes: 青山镇 → 青山."""
    key = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    for suffix in TOWN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@dataclass
class VillageIndex:
    """Villages and communities of one subtree, found by code or name variant, and inside a
    named town when two towns have a village of the same name."""

    by_code: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, int | None] = field(default_factory=dict)  # None: ambiguous
    by_town: dict[tuple[int, str], int] = field(default_factory=dict)  # (town id, name variant)
    towns: dict[str, int] = field(default_factory=dict)  # town name variant → town id
    town_names: tuple[str, ...] = ()  # longest first, for 青山镇张庄村
    _cache: dict[tuple[str, str], int | None] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        villages: Iterable[tuple[int, str, str] | tuple[int, str, str, int | None]],
        towns: Iterable[tuple[int, str, str] | str] = (),
    ) -> VillageIndex:
        """``villages``: (id, code, name[, town id]); ``towns``: (id, name, short name)."""
        index = cls()
        names: set[str] = set()
        for town in towns:
            if isinstance(town, str):
                names.add(town)
                continue
            pk, *variants = town
            for variant in variants:
                if variant:
                    names.add(variant)
                    index.towns[_SPACES.sub("", unicodedata.normalize("NFKC", variant))] = pk
                    index.towns.setdefault(town_key(variant), pk)
        index.town_names = tuple(sorted(names, key=len, reverse=True))
        for row in villages:
            pk, code, name = row[0], row[1], row[2]
            town_id = row[3] if len(row) > 3 else None
            index.by_code[code] = pk
            for key in {_SPACES.sub("", name), village_key(name)}:
                if key in index.by_name and index.by_name[key] != pk:
                    index.by_name[key] = None
                else:
                    index.by_name[key] = pk
                if town_id is not None:
                    index.by_town[(town_id, key)] = pk
        return index

    def find(self, value: Any, town: Any = None) -> int | None:
        text = cell_text(value)
        town_text = cell_text(town) if town is not None else ""
        cache_key = (text, town_text)
        if cache_key in self._cache:
            return self._cache[cache_key]
        found = self._find(text, town_text)
        self._cache[cache_key] = found
        return found

    def ambiguous(self, value: Any) -> bool:
        """Whether the name (without a town) fits villages of several towns."""
        plain = _SPACES.sub("", unicodedata.normalize("NFKC", cell_text(value)))
        return any(c in self.by_name and self.by_name[c] is None for c in (plain, village_key(plain)))

    def town_of(self, text: str) -> int | None:
        plain = _SPACES.sub("", unicodedata.normalize("NFKC", text))
        return self.towns.get(plain) or self.towns.get(town_key(plain)) if plain else None

    def _in_town(self, town_id: int, name: str) -> int | None:
        for candidate in (name, village_key(name)):
            found = self.by_town.get((town_id, candidate))
            if found is not None:
                return found
        return None

    def _find(self, text: str, town_text: str = "") -> int | None:
        plain = _SPACES.sub("", unicodedata.normalize("NFKC", text))
        if plain.isdigit():
            return self.by_code.get(plain)
        town_id = self.town_of(town_text) if town_text else None
        if town_id is not None:  # a town column: the village must be in that town
            found = self._in_town(town_id, plain)
            if found is None:
                for town in self.town_names:  # 青山镇张庄村 in the village column as well
                    if plain.startswith(town) and len(plain) > len(town) and self.town_of(town) == town_id:
                        found = self._in_town(town_id, plain[len(town) :])
                        break
            bare = _ADDRESS_PREFIX.sub("", plain)
            if found is None and bare and bare != plain:
                return self._find(bare, town_text)
            return found
        for candidate in (plain, village_key(plain)):
            if candidate in self.by_name and self.by_name[candidate] is not None:
                return self.by_name[candidate]
        for town in self.town_names:  # 青山镇张庄村
            if plain.startswith(town) and len(plain) > len(town):
                rest = plain[len(town) :]
                prefixed = self.town_of(town)
                if prefixed is not None and self.by_town:
                    found = self._in_town(prefixed, rest)
                    if found is not None:
                        return found
                for candidate in (rest, village_key(rest)):
                    if self.by_name.get(candidate) is not None:
                        return self.by_name[candidate]
        bare = _ADDRESS_PREFIX.sub("", plain)  # 福建省青河市青山镇张庄村: the province, city, county
        if bare and bare != plain:
            return self._find(bare, town_text)
        return None


# --- Messages (Chinese through the catalogue; the codes stay English) ----------------------


def messages() -> dict[str, str]:
    """The message of every code, in the active language (looked up once per import)."""
    return {
        "missing_required": _("A required value is missing: %(column)s."),
        idcard.ID_FORMAT: _(
            "The ID number is malformed: it needs 18 characters (17 digits and a digit or X) "
            "starting with a valid province code."
        ),
        idcard.ID_CHECKSUM: _("The ID number's check character is wrong; check it against the ID card."),
        idcard.ID_BIRTHDATE: _(
            "The birth date in the ID number is not a real date (or is before 1900, or in the future)."
        ),
        idcard.ID_PRECISION_LOST: _(
            "The ID number was stored as a number and has lost its last digits; format the column as text "
            "and type the number again."
        ),
        "unknown_place": _("No village or community “%(value)s” in %(org)s."),
        "unknown_place_ambiguous": _(
            "“%(value)s” is the name of villages in several towns of %(org)s; add the town (乡镇) column "
            "or write the town before the village, e.g. 青山镇张庄村."
        ),
        "unknown_place_town": _("No village or community “%(value)s” in %(town)s."),
        "bad_amount": _("The amount “%(value)s” cannot be read or is negative."),
        "bad_date": _("The date “%(value)s” cannot be read, is in the future or is before 1990."),
        "duplicate_in_file": _("The same ID number is already in row %(first)s for this item; the first row is kept."),
        "duplicate_existing": _("This person is already registered for this item and year."),
        "phone_invalid": _("The phone number is neither a mobile nor a landline number; it was left empty."),
    }
