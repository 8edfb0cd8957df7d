from __future__ import annotations

from typing import Any


def home_sections(*, home: Any, request: Any) -> dict[str, Any]:
    return {}


def column_pieces(*, column_page: Any) -> Any:
    return column_page.get_children().live().specific()
