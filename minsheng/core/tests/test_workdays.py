from datetime import date, timedelta

import pytest

from minsheng.core.workdays import add_working_days, is_working_day, working_days_between

# The official 2025 National Day / Mid-Autumn schedule: 10-01..10-08 off; Sunday 09-28 and
# Saturday 10-11 are make-up workdays.
NATIONAL_DAY_OFF = {date(2025, 10, d) for d in range(1, 9)}
NATIONAL_DAY_MAKEUP = {date(2025, 9, 28), date(2025, 10, 11)}
# 2026 Spring Festival: 02-15..02-23 off; Saturdays 02-14 and 02-28 make-up workdays.
SPRING_OFF = {date(2026, 2, 15) + timedelta(days=i) for i in range(9)}
SPRING_MAKEUP = {date(2026, 2, 14), date(2026, 2, 28)}


def by_hand(start: date, n: int, off: set[date], makeup: set[date]) -> date:
    day, left = start, n
    while left:
        day += timedelta(days=1)
        working = (day.weekday() < 5 and day not in off) or day in makeup
        if working:
            left -= 1
    return day


def test_schedule_as_published() -> None:
    for day in NATIONAL_DAY_OFF | SPRING_OFF:
        assert not is_working_day(day)
    for day in NATIONAL_DAY_MAKEUP | SPRING_MAKEUP:
        assert is_working_day(day), day


def test_objection_filed_on_national_day_makeup_sunday() -> None:
    # Filed on Sunday 2025-09-28 (a make-up workday, not counted as day 1):
    # 09-29 (1), 09-30 (2), [10-01..10-08 off], 10-09 (3), 10-10 (4), Sat 10-11 (5),
    # 10-13..10-17 (6-10), 10-20..10-24 (11-15), 10-27..10-31 (16-20).
    assert add_working_days(date(2025, 9, 28), 20) == date(2025, 10, 31)
    assert add_working_days(date(2025, 9, 28), 20) == by_hand(
        date(2025, 9, 28), 20, NATIONAL_DAY_OFF, NATIONAL_DAY_MAKEUP
    )
    # Without the holiday rules a plain Mon-Fri count would say 10-24: the holiday adds a week.
    assert add_working_days(date(2025, 9, 28), 2) == date(2025, 9, 30)
    assert add_working_days(date(2025, 9, 28), 3) == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 28), 5) == date(2025, 10, 11)


def test_spring_festival_2026() -> None:
    # Filed Friday 2026-02-13: Sat 02-14 (1, make-up), [02-15..02-23 off], 02-24..02-27 (2-5),
    # Sat 02-28 (6), 03-02..03-06 (7-11), 03-09..03-13 (12-16), 03-16..03-19 (17-20).
    assert add_working_days(date(2026, 2, 13), 20) == date(2026, 3, 19)
    assert add_working_days(date(2026, 2, 13), 20) == by_hand(date(2026, 2, 13), 20, SPRING_OFF, SPRING_MAKEUP)
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_zero_negative_and_between() -> None:
    assert add_working_days(date(2025, 10, 3), 0) == date(2025, 10, 3)
    with pytest.raises(ValueError):
        add_working_days(date(2025, 10, 3), -1)
    assert working_days_between(date(2025, 9, 28), date(2025, 10, 31)) == 20
    assert working_days_between(date(2025, 10, 31), date(2025, 9, 28)) == -20
