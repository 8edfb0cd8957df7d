"""Realistic, messy rosters of made-up people (demo data, tests and the benchmark).

ID numbers are valid (checksum, birth date) under the fictional county code 349981, and
unique for up to 29 million people; rosters have title rows, Chinese headings, village
names with the usual suffix variants, amounts like ``1,200元`` and ``￥600``, dates in every
common spelling, and a chosen share of bad rows of each kind.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from minsheng.core.idcard import check_char

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红梅鹏飞建国建华志强海燕凤英桂兰淑珍德明国强春兰文华玉珍永福金凤"
COUNTY = "349981"
FIRST_BIRTH = date(1930, 1, 1)
BIRTH_DAYS = (date(2009, 12, 31) - FIRST_BIRTH).days + 1
HEADINGS = ("序号", "户主姓名", "身份证号码", "联系电话", "所在村（社区）", "补助金额（元）", "发放日期", "备注")
BAD_KINDS = ("id_checksum", "id_birthdate", "id_format", "unknown_place", "bad_amount", "bad_date", "missing_required")


@dataclass(frozen=True)
class Village:
    code: str
    name: str


def person_id(i: int) -> str:
    """The i-th made-up ID number (distinct for distinct i)."""
    day = (i * 7919) % BIRTH_DAYS
    # the sequence varies with i, so the 17th digit (odd: male, even: female) does too;
    # i ≡ j (mod BIRTH_DAYS) share a day and differ in seq because 1 + BIRTH_DAYS is prime to 1000
    seq = (i + i // BIRTH_DAYS) % 1000
    born = FIRST_BIRTH + timedelta(days=day)
    first17 = f"{COUNTY}{born:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def person_name(i: int) -> str:
    rng = random.Random(i)
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def person_phone(i: int) -> str:
    return f"1{(3, 5, 8, 9)[i % 4]}{(i * 104729) % 1_000_000_000:09d}"


def village_variant(village: Village, rng: random.Random) -> str:
    name = village.name
    roll = rng.random()
    if roll < 0.6:
        return name
    if roll < 0.7:
        return village.code
    if name.endswith("村"):
        return rng.choice((name[:-1], name + "委会", name[:-1] + "村民委员会", " " + name))
    if name.endswith("社区"):
        return rng.choice((name + "居委会", name[:-2]))
    return name


def amount_text(rng: random.Random) -> str | float:
    base = rng.choice((600, 800, 1200, 1500, 2000, 3600))
    return rng.choice((float(base), f"{base:,}元", f"￥{base}", str(base), f"{base}.00"))


def date_text(rng: random.Random, year: int) -> str:
    day = date(year, 1, 1) + timedelta(days=rng.randrange(0, 180))
    return rng.choice(
        (
            day.isoformat(),
            f"{day.year}/{day.month}/{day.day}",
            f"{day.year}.{day.month}.{day.day}",
            f"{day.year}年{day.month}月{day.day}日",
            f"{day:%Y%m%d}",
        )
    )


def roster_rows(
    villages: Sequence[Village],
    count: int,
    *,
    start: int = 0,
    seed: int = 1,
    bad_share: float = 0.03,
    year: int = 2022,
    people: Sequence[int] | None = None,
) -> Iterator[tuple[list[object], str | None]]:
    """Data rows (cells in HEADINGS order) and the code the row should be rejected with."""
    rng = random.Random(seed)
    for n in range(count):
        i = people[n] if people is not None else start + n
        village = villages[i % len(villages)]
        number = person_id(i)
        phone: object = person_phone(i) if rng.random() > 0.1 else ""
        cells: list[object] = [
            n + 1,
            person_name(i),
            number,
            phone,
            village_variant(village, rng),
            amount_text(rng),
            date_text(rng, year),
            "",
        ]
        bad: str | None = None
        if rng.random() < bad_share:
            bad = rng.choice(BAD_KINDS)
            if bad == "id_checksum":
                cells[2] = number[:17] + ("0" if number[17] != "0" else "1")
            elif bad == "id_birthdate":
                first17 = number[:10] + "1332" + number[14:17]
                cells[2] = first17 + check_char(first17)
            elif bad == "id_format":
                cells[2] = number[:16]
            elif bad == "unknown_place":
                cells[4] = "不存在村"
            elif bad == "bad_amount":
                cells[5] = "-500"
            elif bad == "bad_date":
                cells[6] = "2099-01-01"
            else:
                cells[1] = ""
        elif rng.random() < 0.02:
            cells[2] = rng.choice((f"'{number}", number.lower(), f" {number[:6]} {number[6:14]} {number[14:]}"))
        yield cells, bad


def write_roster(path: Path, rows: Iterator[tuple[list[object], str | None]], *, title: str = "受益对象花名册") -> None:
    """An xlsx (XlsxWriter, ID numbers as text) or CSV (UTF-8 with BOM) roster with a title
    row, a unit line, the headings, the rows and a signature line."""
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([title])
            writer.writerow(["填报单位：", "", "", "", "", "", "", ""])
            writer.writerow(HEADINGS)
            for cells, _bad in rows:
                writer.writerow(cells)
            writer.writerow(["合计"])
            writer.writerow(["制表人：", "", "审核人：", "", "负责人："])
        return
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("花名册")
    sheet.merge_range(0, 0, 0, len(HEADINGS) - 1, title)
    sheet.write_row(1, 0, ["填报单位：", "", "", "", "", "", "", ""])
    sheet.write_row(2, 0, HEADINGS)
    r = 3
    for cells, _bad in rows:
        for c, value in enumerate(cells):
            if isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, str(value))
        r += 1
    sheet.write_row(r, 0, ["合计", "", "", "", "", "", "", ""])
    sheet.write_row(r + 1, 0, ["制表人：张三", "", "审核人：李四", "", "负责人：王五"])
    book.close()
