from __future__ import annotations

import pytest
from wagtail.models import Page, Site

from minsheng.orgs.choices import Role
from minsheng.portal.choices import Column
from minsheng.portal.models import ColumnPage, HomePage

QINGSHAN = "349981101000"
BAITA = "349981102000"


@pytest.fixture
def site(db):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="青河市民生工程", slug="qinghe"))
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "青河"}
    )
    columns = {}
    for column in (Column.NEWS, Column.GRASSROOTS, Column.PHOTOS, Column.VIDEOS):
        page = home.add_child(instance=ColumnPage(title=str(column.label), slug=column.value, column=column.value))
        page.save_revision().publish()
        columns[column.value] = page
    return {"home": home, "columns": columns}


@pytest.fixture
def users(make_user, org_tree):
    from minsheng.orgs.models import Org

    baita = next(o for o in org_tree.values() if o.kind == "town" and o.code != QINGSHAN)
    return {
        "coord": make_user("coord", Role.COORDINATOR, "D01"),
        "qingshan": make_user("qingshan", Role.TOWN_LIAISON, QINGSHAN),
        "baita": make_user("baita", Role.TOWN_LIAISON, baita.code),
        "minzheng": make_user("minzheng", Role.DEPARTMENT_LIAISON, "D05"),
        "village": make_user(
            "village", Role.VILLAGE_STAFF, Org.objects.filter(parent__code=QINGSHAN).order_by("code")[0].code
        ),
    }
