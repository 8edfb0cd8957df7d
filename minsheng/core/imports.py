"""What every all-or-nothing import returns or raises."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportRejected(Exception):
    """The file was not loaded; ``errors`` lists every problem, each saying where and what."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    codes: list[str] = field(default_factory=list)
