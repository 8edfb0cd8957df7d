"""Back-office menu items shown only to users holding a permission (shared by every app)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):  # type: ignore[misc]
    def __init__(self, *args: Any, perm: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm(self.perm))
