"""Fixtures shared by every app's tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

from minsheng.orgs.models import Org, User
from minsheng.orgs.services import orgs_load_csv, user_create

DEMO_DATA = Path(settings.DEMO_DATA_DIR)


@pytest.fixture
def org_tree(db: None) -> dict[str, Org]:
    """The demo city 青河市 and its departments, loaded through the real service."""
    orgs_load_csv(actor=None, source=DEMO_DATA / "demo_city.csv")
    orgs_load_csv(actor=None, source=DEMO_DATA / "demo_departments.csv")
    return {o.code: o for o in Org.objects.all()}


@pytest.fixture
def make_user(org_tree: dict[str, Org]) -> Callable[..., User]:
    def make(username: str, role: str, org_code: str | None, password: str = "Minsheng@2022-test") -> User:
        return user_create(
            actor=None,
            username=username,
            role=role,
            org=org_tree[org_code] if org_code else None,
            full_name=username,
            password=password,
        )

    return make
