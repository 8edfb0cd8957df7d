from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from minsheng.core.models import AuditEvent
from minsheng.orgs.choices import Role
from minsheng.orgs.models import Org
from minsheng.orgs.scoping import scope_for
from minsheng.orgs.selectors import org_list, user_list, village_list
from minsheng.orgs.services import OrgImportError, org_save, orgs_load_csv

QINGSHAN = "349981101000"
BAITA = "349981102000"
ZHANGZHUANG = "349981101201"


def test_load_orgs_command_builds_the_tree(db, settings) -> None:
    data = Path(settings.DEMO_DATA_DIR)
    out = io.StringIO()
    call_command("load_orgs", str(data / "demo_city.csv"), str(data / "demo_departments.csv"), stdout=out)
    assert Org.objects.count() == 112 + 19
    qingshan = Org.objects.get(code=QINGSHAN)
    assert qingshan.name == "青山镇"
    assert qingshan.parent.code == "349981000000"
    zz = Org.objects.get(code=ZHANGZHUANG)
    assert zz.path == "/349981000000/349981101000/349981101201/"
    assert zz.town() == qingshan
    d05 = Org.objects.get(code="D05")
    assert d05.short_name == "民政局" and d05.parent.code == "349981000000"
    # loading again changes nothing
    out2 = io.StringIO()
    with translation.override("en"):
        call_command("load_orgs", str(data / "demo_city.csv"), stdout=out2)
    assert "0 created, 0 updated, 112 unchanged" in out2.getvalue()
    # in Chinese (the default) the same counts
    out3 = io.StringIO()
    call_command("load_orgs", str(data / "demo_city.csv"), stdout=out3)
    assert "112" in out3.getvalue() and Org.objects.count() == 131


def test_load_orgs_rejects_bad_rows_and_writes_nothing(db, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,name,kind,parent_code\n"
        "349981000000,青河市,city,\n"
        "34998110100,青山镇,town,349981000000\n"
        "349981102000,白塔镇,hamlet,349981000000\n"
        "349981103000,,town,349981999999\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        call_command("load_orgs", str(bad))
    message = str(exc.value)
    assert "34998110100" in message  # the 11-digit code, named
    assert "hamlet" in message  # the unknown kind, named
    assert "349981999999" in message
    assert Org.objects.count() == 0


def test_load_orgs_reads_gb18030(db, tmp_path) -> None:
    f = tmp_path / "gbk.csv"
    f.write_bytes(
        "code,name,kind,parent_code\n349981000000,青河市,city,\n349981101000,青山镇,town,349981000000\n".encode(
            "gb18030"
        )
    )
    result = orgs_load_csv(actor=None, source=f)
    assert result.created == 2
    assert Org.objects.get(code=QINGSHAN).name == "青山镇"


def test_moving_an_org_repaths_its_subtree(org_tree) -> None:
    qingshan = org_tree[QINGSHAN]
    baita = org_tree[BAITA]
    village = Org.objects.get(code=ZHANGZHUANG)
    village.parent = baita
    org_save(actor=None, org=village)
    village.refresh_from_db()
    assert village.path == f"{baita.path}{ZHANGZHUANG}/"
    assert not Org.objects.filter(path__startswith=qingshan.path, code=ZHANGZHUANG).exists()


def test_org_cannot_be_its_own_ancestor(org_tree) -> None:
    qingshan = Org.objects.get(code=QINGSHAN)
    qingshan.parent = Org.objects.get(code=ZHANGZHUANG)
    with pytest.raises(ValidationError):
        org_save(actor=None, org=qingshan)


def test_user_role_must_fit_the_unit(make_user) -> None:
    with pytest.raises(ValidationError):
        make_user("wrong", Role.TOWN_LIAISON, ZHANGZHUANG)
    with pytest.raises(ValidationError):
        make_user("sup", Role.SUPERVISOR, QINGSHAN)
    with pytest.raises(ValidationError):
        make_user("noorg", Role.DEPARTMENT_LIAISON, None)
    user = make_user("ok", Role.VILLAGE_STAFF, ZHANGZHUANG)
    assert user.groups.filter(name="村居工作人员").exists()
    assert AuditEvent.objects.filter(action="user.create", target_id=str(user.pk)).exists()


def test_town_user_sees_only_its_subtree(make_user) -> None:
    qs_user = make_user("qingshan", Role.TOWN_LIAISON, QINGSHAN)
    baita_user = make_user("baita", Role.TOWN_LIAISON, BAITA)
    make_user("baita_v", Role.VILLAGE_STAFF, "349981102201")
    visible = set(org_list(user=qs_user).values_list("code", flat=True))
    assert QINGSHAN in visible and ZHANGZHUANG in visible
    assert BAITA not in visible
    assert not any(code.startswith("3499811020") for code in visible)
    assert "D05" not in visible and "349981000000" not in visible
    assert set(village_list(user=qs_user).values_list("code", flat=True)) == set(
        Org.objects.filter(parent__code=QINGSHAN).values_list("code", flat=True)
    )
    users = set(user_list(user=qs_user).values_list("username", flat=True))
    assert "qingshan" in users
    assert "baita" not in users and "baita_v" not in users
    assert scope_for(baita_user).can_see_org(Org.objects.get(code="349981102201"))
    assert not scope_for(baita_user).can_see_org(Org.objects.get(code=ZHANGZHUANG))


def test_village_staff_sees_only_its_village(make_user) -> None:
    user = make_user("zz", Role.VILLAGE_STAFF, ZHANGZHUANG)
    assert list(org_list(user=user).values_list("code", flat=True)) == [ZHANGZHUANG]


def test_coordinator_sees_all_and_department_sees_area_tree(make_user) -> None:
    coord = make_user("coord", Role.COORDINATOR, "D01")
    dept = make_user("mz", Role.DEPARTMENT_LIAISON, "D05")
    assert org_list(user=coord).count() == Org.objects.count()
    dept_visible = set(org_list(user=dept).values_list("code", flat=True))
    assert QINGSHAN in dept_visible and BAITA in dept_visible and "D05" in dept_visible
    assert "D06" not in dept_visible
    assert set(user_list(user=dept).values_list("username", flat=True)) == {"mz"}


def test_scope_filter_narrows_item_data_for_a_department(make_user) -> None:
    from minsheng.projects.models import LivelihoodItem

    d05, d06 = Org.objects.get(code="D05"), Org.objects.get(code="D06")
    mine = LivelihoodItem.objects.create(year=2022, seq=7, name="老年助餐服务", lead_department=d05)
    LivelihoodItem.objects.create(year=2022, seq=8, name="老年人门诊就医便民服务", lead_department=d06)
    dept = make_user("mz", Role.DEPARTMENT_LIAISON, "D05")
    town = make_user("qs", Role.TOWN_LIAISON, QINGSHAN)
    scope = scope_for(dept)
    assert list(scope.filter(LivelihoodItem.objects.all(), department_field="lead_department")) == [mine]
    # an area user has no department: item rows without an org field are not theirs
    assert not scope_for(town).filter(LivelihoodItem.objects.all(), department_field="lead_department").exists()


def test_supervisor_and_anonymous_see_no_units(make_user) -> None:
    from django.contrib.auth.models import AnonymousUser

    sup = make_user("sup", Role.SUPERVISOR, None)
    assert org_list(user=sup).count() == 0
    assert org_list(user=AnonymousUser()).count() == 0


def test_import_error_lists_every_problem(db, tmp_path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("code,name\n1,a\n", encoding="utf-8")
    with pytest.raises(OrgImportError) as exc:
        orgs_load_csv(actor=None, source=f)
    assert "kind" in exc.value.errors[0]
