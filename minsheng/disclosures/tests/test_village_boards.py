"""Village staff post their town's 公示 on their own 公示栏: they read it (read-only, their
villagers only) and print a sheet of their village alone; a town prints one per village."""

from typing import Any

import pytest
from django.test import Client

from minsheng.core.masking import mask_name
from minsheng.core.models import AuditEvent
from minsheng.core.tests.pdfcheck import pdf_text
from minsheng.disclosures import selectors, services
from minsheng.disclosures.choices import DisclosureState
from minsheng.disclosures.models import Disclosure
from minsheng.orgs.choices import Role

from .conftest import BAITA, QINGSHAN, ZHANGZHUANG, running
from .test_public import docx_text

pytestmark = pytest.mark.django_db

LIWA = "349981101202"
OURS = ["张晓明", "李红"]  # 张庄村
THEIRS = ["欧阳春华", "王建国"]  # 李洼村
ELSEWHERE = ["赵敏"]  # 白塔


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sheet_url(d: Disclosure, kind: str) -> str:
    return f"/admin/disclosures/{d.pk}/sheet/{kind}/"


def downloads() -> int:
    return AuditEvent.objects.filter(action="disclosure.sheet_download").count()


def test_village_staff_print_only_their_villagers_of_the_town_disclosure(
    world: dict[str, Any], index_page: Any
) -> None:
    d = running(world)  # 青山镇's 公示 lists 张庄村 and 李洼村
    assert d.issuer.code == QINGSHAN and d.entries.count() == 4
    village = login(world["users"]["village"])
    response = village.get(sheet_url(d, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert ZHANGZHUANG in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert all(name in text for name in OURS), text
    assert not any(name in text for name in THEIRS + ELSEWHERE), text
    assert d.title in text.replace("\n", "") and "（张庄村）" in text
    event = AuditEvent.objects.get(action="disclosure.sheet_download")
    assert event.actor == world["users"]["village"] and event.target_id == str(d.pk)
    assert event.data == {"format": "pdf", "entries": 2, "village": ZHANGZHUANG, "village_name": "张庄村"}
    word = village.get(sheet_url(d, "word"))
    assert word.status_code == 200 and "attachment" in word["Content-Disposition"]
    body = docx_text(word.content)
    assert all(name in body for name in OURS) and not any(name in body for name in THEIRS + ELSEWHERE)
    assert AuditEvent.objects.filter(action="disclosure.sheet_download", data__village=ZHANGZHUANG).count() == 2
    # asking for another village's sheet gets nothing, and nothing is logged
    liwa = world["orgs"][LIWA]
    for kind in ("pdf", "word"):
        other = village.get(sheet_url(d, kind), {"village": liwa.pk})
        assert other.status_code == 404
        assert not any(name.encode() in other.content for name in THEIRS)
    assert village.get(sheet_url(d, "pdf"), {"village": "x"}).status_code == 404
    assert downloads() == 2


def test_village_staff_read_their_entries_only_and_cannot_act(world: dict[str, Any], index_page: Any) -> None:
    d = running(world)
    village = login(world["users"]["village"])
    listing = village.get("/admin/disclosures/").content.decode()
    assert f"/admin/disclosures/{d.pk}/" in listing and d.title in listing
    assert "<td>2</td>" in listing  # their two villagers, not the town's four
    page = village.get(f"/admin/disclosures/{d.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == 2
    assert all(mask_name(name) in body for name in OURS)
    assert not any(mask_name(name) in html for name in THEIRS) and "李洼村" not in body
    assert not any(name in html for name in OURS + THEIRS)  # masked on the admin page too
    assert sheet_url(d, "pdf") in html and sheet_url(d, "word") in html
    assert 'name="village"' not in html  # no choice of village for a village
    for action in ('value="withdraw"', 'value="approve"', 'value="submit"', "/edit/", "/delete/"):
        assert action not in html, action
    # no action goes through, whatever is posted (refused: Wagtail sends the user back to the dashboard)
    for action in ("withdraw", "approve", "publish", "return", "submit"):
        response = village.post(f"/admin/disclosures/{d.pk}/", {"action": action, "reason": "x"})
        assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert village.get(f"/admin/disclosures/{d.pk}/edit/").status_code == 404
    assert village.get(f"/admin/disclosures/{d.pk}/delete/").status_code == 404
    d.refresh_from_db()
    assert d.state == DisclosureState.PUBLISHED
    with pytest.raises(services.PermissionDenied):
        services.disclosure_withdraw(actor=world["users"]["village"], disclosure=d, reason="x")


def test_village_staff_get_404_for_drafts_other_towns_and_other_villages(
    world: dict[str, Any], index_page: Any, make_user: Any
) -> None:
    u, orgs = world["users"], world["orgs"]
    draft = services.disclosure_create(
        actor=u["qingshan"], item=world["item"], issuer=orgs[QINGSHAN], objection_phone="1"
    )
    submitted = services.disclosure_submit(
        actor=u["qingshan"],
        disclosure=services.disclosure_create(
            actor=u["qingshan"], item=world["item"], issuer=orgs[QINGSHAN], objection_phone="1"
        ),
    )
    baita = services.disclosure_create(actor=u["baita"], item=world["item"], issuer=orgs[BAITA], objection_phone="1")
    baita = services.disclosure_publish(
        actor=u["baita"],
        disclosure=services.disclosure_approve(
            actor=u["baita"], disclosure=services.disclosure_submit(actor=u["baita"], disclosure=baita)
        ),
    )
    # a town 公示 of 李洼村 only: nothing for 张庄村's board
    liwa_only = services.disclosure_create(
        actor=u["qingshan"], item=world["item"], issuer=orgs[QINGSHAN], villages=[orgs[LIWA]], objection_phone="1"
    )
    liwa_only = services.disclosure_publish(
        actor=u["qingshan"],
        disclosure=services.disclosure_approve(
            actor=u["qingshan"], disclosure=services.disclosure_submit(actor=u["qingshan"], disclosure=liwa_only)
        ),
    )
    withdrawn = running(world)
    services.disclosure_withdraw(actor=u["qingshan"], disclosure=withdrawn, reason="名单有误")
    village = login(u["village"])
    listing = village.get("/admin/disclosures/").content.decode()
    for d in (draft, submitted, baita, liwa_only, withdrawn):
        assert f"/admin/disclosures/{d.pk}/" not in listing
        assert village.get(f"/admin/disclosures/{d.pk}/").status_code == 404
        for kind in ("pdf", "word"):
            assert village.get(sheet_url(d, kind)).status_code == 404
    assert downloads() == 0
    # 李洼村's staff, for their part, see only 李洼村 on the town's 公示
    d = running(world)
    liwa = login(make_user("liwa", Role.VILLAGE_STAFF, LIWA))
    text = pdf_text(liwa.get(sheet_url(d, "pdf")).content)
    assert all(name in text for name in THEIRS) and not any(name in text for name in OURS + ELSEWHERE)
    assert f"/admin/disclosures/{liwa_only.pk}/" in liwa.get("/admin/disclosures/").content.decode()


def test_town_prints_one_sheet_per_village(world: dict[str, Any], index_page: Any) -> None:
    d = running(world)
    orgs = world["orgs"]
    town = login(world["users"]["qingshan"])
    html = town.get(f"/admin/disclosures/{d.pk}/").content.decode()
    assert 'name="village"' in html
    assert f'value="{orgs[ZHANGZHUANG].pk}"' in html and f'value="{orgs[LIWA].pk}"' in html
    text = pdf_text(town.get(sheet_url(d, "pdf"), {"village": orgs[LIWA].pk}).content)
    assert all(name in text for name in THEIRS) and not any(name in text for name in OURS + ELSEWHERE)
    assert "（李洼村）" in text
    event = AuditEvent.objects.filter(action="disclosure.sheet_download").latest("id")
    assert event.actor == world["users"]["qingshan"]
    assert event.data == {"format": "pdf", "entries": 2, "village": LIWA, "village_name": "李洼村"}
    word = town.get(sheet_url(d, "word"), {"village": orgs[ZHANGZHUANG].pk})
    body = docx_text(word.content)
    assert all(name in body for name in OURS) and not any(name in body for name in THEIRS)
    # the whole sheet still lists everybody; a village the 公示 does not list is refused
    whole = pdf_text(town.get(sheet_url(d, "pdf")).content)
    assert all(name in whole for name in OURS + THEIRS)
    assert town.get(sheet_url(d, "pdf"), {"village": orgs["349981102201"].pk}).status_code == 404
    assert downloads() == 3
    # another town cannot ask for a village sheet of this 公示
    assert login(world["users"]["baita"]).get(sheet_url(d, "pdf"), {"village": orgs[LIWA].pk}).status_code == 404


def test_service_refuses_a_village_outside_the_disclosure(world: dict[str, Any], index_page: Any) -> None:
    d = running(world)
    u, orgs = world["users"], world["orgs"]
    with pytest.raises(services.ValidationError):
        services.disclosure_sheet_download(actor=u["qingshan"], disclosure=d, kind="pdf", village=orgs["349981102201"])
    with pytest.raises(services.PermissionDenied):
        services.disclosure_sheet_download(actor=u["village"], disclosure=d, kind="pdf", village=orgs[LIWA])
    sheet = services.disclosure_sheet_download(actor=u["village"], disclosure=d, kind="pdf")
    assert "欧阳春华" not in pdf_text(sheet.content) and sheet.filename == f"gongshi-{d.pk}-{ZHANGZHUANG}.pdf"
    # the selector: only the village staff read their town's 公示, and only theirs
    board = selectors.board_read(user=u["village"])
    assert board is not None and board.village == orgs[ZHANGZHUANG]
    assert list(board.disclosures.values_list("pk", "entry_count")) == [(d.pk, 2)]
    for who in ("qingshan", "coord", "dept", "baita"):
        assert selectors.board_read(user=u[who]) is None
    assert downloads() == 1
