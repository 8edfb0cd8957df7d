"""Masking profiles (DESIGN: Masking profiles).

* web 公示: the name with the middle masked (张*明, 张*), no ID, no phone;
* a list that needs an ID to tell people apart: first 6 + last 4 at most (349981********123X);
* a phone where shown: 138****5678.

Beware: first 6 + last 4 of an ID plus the full birth date is the whole ID number, so a
view that shows a masked ID never shows the full birth date beside it (the year at most).
"""

from __future__ import annotations


def mask_name(name: str) -> str:
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(number: str) -> str:
    number = (number or "").strip()
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if not phone:
        return ""
    if len(phone) == 11 and phone.isdigit():
        return phone[:3] + "****" + phone[-4:]
    if len(phone) <= 4:
        return "*" * len(phone)
    keep = max(2, len(phone) // 4)
    return phone[:keep] + "*" * (len(phone) - 2 * keep) + phone[-keep:]
