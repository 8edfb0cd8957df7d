"""External placements through the admin, as each role: a unit records its own; the office
records one for a unit, and confirms (it then scores) or rejects (with a reason) from the
listing or the placement's page; no unit confirms anything, least of all its own."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from minsheng.core.models import AuditEvent, Notice
from minsheng.orgs.models import Org
from minsheng.submissions import scoring, selectors, services
from minsheng.submissions.models import ExternalPlacement, Submission

from .conftest import QINGSHAN

INDEX = "placements:index"
ADD = "placements:add"
EDIT = "placements:edit"


def placement_form(title: str, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": title,
        "outlet": "ahrb",
        "level": "provincial",
        "kind": "text",
        "placement": "headline",
        "date": "2022-06-15",
        "link": "https://example.org/ahrb",
    }
    data.update(extra)
    return data


def recorded_by(client, user, title: str, **extra: object) -> ExternalPlacement:
    client.force_login(user)
    response = client.post(reverse(ADD), placement_form(title, **extra), follow=True)  # reads the flash message
    assert response.redirect_chain, response.content.decode()[:3000]
    return ExternalPlacement.objects.get(title=title)


def forbidden(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def points_of(user, code: str, period: scoring.Period):
    return next(r for r in selectors.unit_scores(user=user, period=period) if r.unit.code == code)


def test_office_confirms_a_pending_placement_from_the_listing(
    client, site, users, django_capture_on_commit_callbacks
) -> None:
    coord = users["coord"]
    placement = recorded_by(client, users["qingshan"], "青山镇长者食堂登上安徽日报")
    assert placement.unit.code == QINGSHAN and placement.status == "pending"
    confirm_url = reverse("placement_confirm", args=[placement.pk])
    june = scoring.Period("month", 2022, 6)
    assert points_of(coord, QINGSHAN, june).points == 0  # pending: does not count yet

    # the office sees a confirm button on the pending placement in the listing …
    client.force_login(coord)
    listing = client.get(reverse(INDEX)).content.decode()
    assert f'action="{confirm_url}"' in listing and 'value="confirm"' in listing
    # … and confirm / reject on the placement's own page
    edit = client.get(reverse(EDIT, args=[placement.pk])).content.decode()
    assert f'data-w-action-url-value="{confirm_url}"' in edit and f"{confirm_url}?next=" in edit
    assert 'name="unit"' in edit  # the office may correct the unit

    # it confirms (the way the listing's button posts)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url, {"action": "confirm", "next": reverse(INDEX)})
    assert response.status_code == 302 and response["Location"] == reverse(INDEX)
    placement.refresh_from_db()
    assert placement.status == "confirmed" and placement.confirmed_by == coord and placement.confirmed_at
    assert Notice.objects.get(kind="placement.confirmed").org == placement.unit
    assert AuditEvent.objects.filter(action="placement.confirm", actor=coord, target_id=str(placement.pk)).exists()
    # the ranking now counts it: provincial 6 × headline 2 = 12, in the month and the year
    assert points_of(coord, QINGSHAN, june).points == 12
    assert points_of(coord, QINGSHAN, scoring.Period("year", 2022)).points == 12
    rankings = client.get(reverse("submission_rankings"), {"kind": "year", "year": 2022})
    assert next(r for r in rankings.context["rows"] if r.unit.code == QINGSHAN).total == 12
    # a confirmed placement has no confirm button any more (it may still be rejected on its page)
    listing = client.get(reverse(INDEX)).content.decode()
    assert f'action="{confirm_url}"' not in listing
    edit = client.get(reverse(EDIT, args=[placement.pk])).content.decode()
    assert f'data-w-action-url-value="{confirm_url}"' not in edit and f"{confirm_url}?next=" in edit
    # confirming twice is refused, nothing is sent twice
    client.post(confirm_url, {"action": "confirm"})
    assert Notice.objects.filter(kind="placement.confirmed").count() == 1


def test_a_department_liaison_cannot_confirm(client, site, users) -> None:
    liaison = users["minzheng"]
    own = recorded_by(client, liaison, "民政局低保提标登上省网")
    other = recorded_by(client, users["qingshan"], "青山镇的稿件")
    client.force_login(liaison)
    listing = client.get(reverse(INDEX)).content.decode()
    assert "民政局低保提标登上省网" in listing and "青山镇的稿件" not in listing
    assert reverse("placement_confirm", args=[own.pk]) not in listing and 'value="confirm"' not in listing
    edit = client.get(reverse(EDIT, args=[own.pk])).content.decode()
    assert reverse("placement_confirm", args=[own.pk]) not in edit
    # its own placement: forbidden (Wagtail's admin answers a refusal with a redirect to the
    # dashboard and a message); another unit's: not even there
    for response in (
        client.get(reverse("placement_confirm", args=[own.pk])),
        client.post(reverse("placement_confirm", args=[own.pk]), {"action": "confirm"}),
    ):
        assert forbidden(response)
    assert client.post(reverse("placement_confirm", args=[other.pk]), {"action": "confirm"}).status_code == 404
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == other.status == "pending"
    with pytest.raises(PermissionDenied):
        services.external_placement_confirm(actor=liaison, placement=own)
    # nor may the office confirm a placement of its own unit (four eyes)
    office_own = ExternalPlacement.objects.create(
        unit=users["coord"].org,
        title="市民生办自己的",
        outlet="ahmsgc",
        level="provincial",
        date=date(2022, 6, 1),
        link="https://example.org/c",
    )
    with pytest.raises(PermissionDenied):
        services.external_placement_confirm(actor=users["coord"], placement=office_own)


def test_rejection_needs_a_reason(client, site, users, django_capture_on_commit_callbacks) -> None:
    coord = users["coord"]
    placement = recorded_by(client, users["qingshan"], "青山镇抖音视频")
    url = reverse("placement_confirm", args=[placement.pk])
    client.force_login(coord)
    listing = client.get(reverse(INDEX)).content.decode()
    assert f"{url}?next=" in listing  # the listing's reject link opens the decision page
    page = client.get(url, {"next": reverse(INDEX)})
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    response = client.post(url, {"action": "reject", "reason": "  "})
    assert response.status_code == 200
    placement.refresh_from_db()
    assert placement.status == "pending"
    with pytest.raises(ValidationError):
        services.external_placement_confirm(actor=coord, placement=placement, confirm=False, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "reject", "reason": "链接无法打开，请补充剪报。"})
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.status == "rejected" and placement.rejection_reason == "链接无法打开，请补充剪报。"
    notice = Notice.objects.get(kind="placement.rejected")
    assert notice.org == placement.unit and notice.body == "链接无法打开，请补充剪报。"
    event = AuditEvent.objects.get(action="placement.reject")
    assert event.actor == coord and event.data["reason"] == "链接无法打开，请补充剪报。"
    assert points_of(coord, QINGSHAN, scoring.Period("month", 2022, 6)).points == 0
    # the unit reads the reason in its listing
    client.force_login(users["qingshan"])
    assert "链接无法打开，请补充剪报。" in client.get(reverse(INDEX)).content.decode()
    # the office may still confirm it after all (a mistake corrected)
    client.force_login(coord)
    client.post(url, {"action": "confirm"})
    placement.refresh_from_db()
    assert placement.status == "confirmed" and placement.rejection_reason == ""


def test_office_records_a_placement_for_a_unit(client, site, users) -> None:
    coord = users["coord"]
    qingshan = Org.objects.get(code=QINGSHAN)
    client.force_login(coord)
    page = client.get(reverse(ADD)).content.decode()
    assert 'name="unit"' in page and "青山镇" in page
    choices = selectors.placement_units(user=coord)
    assert qingshan in choices and coord.org not in choices
    assert not choices.filter(kind__in=("village", "community")).exists()
    # the unit is required
    response = client.post(reverse(ADD), placement_form("没有单位"))
    assert response.status_code == 200 and not ExternalPlacement.objects.exists()
    # a piece of another unit is a form error, not a crash
    piece = services.submission_create(
        actor=users["baita"], submission=Submission(column="news", title="白塔镇稿件", body="<p>x</p>")
    )
    services.submission_submit(actor=users["baita"], submission=piece)
    response = client.post(reverse(ADD), placement_form("错配稿件", unit=qingshan.pk, submission=piece.pk))
    assert response.status_code == 200 and not ExternalPlacement.objects.exists()
    # recorded for 青山镇 by the office
    response = client.post(reverse(ADD), placement_form("市民生办代录", unit=qingshan.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    placement = ExternalPlacement.objects.get(title="市民生办代录")
    assert placement.unit == qingshan and placement.status == "pending"
    assert AuditEvent.objects.get(action="placement.create").actor == coord
    # the unit sees it as its own; it counts once confirmed
    client.force_login(users["qingshan"])
    assert "市民生办代录" in client.get(reverse(INDEX)).content.decode()
    services.external_placement_confirm(actor=coord, placement=placement)
    assert points_of(coord, QINGSHAN, scoring.Period("month", 2022, 6)).points == 12


def test_a_unit_sees_its_own_unit_fixed(client, site, users) -> None:
    liaison = users["qingshan"]
    baita = users["baita"].org
    client.force_login(liaison)
    page = client.get(reverse(ADD)).content.decode()
    assert 'name="unit"' in page and "disabled" in page and "青山镇" in page and baita.name not in page
    # a forged unit is ignored: the placement is the liaison's own unit's
    placement = recorded_by(client, liaison, "伪造单位", unit=baita.pk)
    assert placement.unit.code == QINGSHAN


def test_a_unit_editing_a_decided_placement_is_told_on_the_form(client, site, users) -> None:
    placement = recorded_by(client, users["qingshan"], "青山镇助餐点上了省报")
    services.external_placement_confirm(actor=users["coord"], placement=placement, confirm=True)
    client.force_login(users["qingshan"])
    response = client.post(reverse(EDIT, args=[placement.pk]), placement_form("改过的标题"))
    assert response.status_code == 200  # the form again, with the edits, not a redirect
    body = response.content.decode()
    assert "已确认或未予确认的刊发记录不能修改" in body and "改过的标题" in body
    assert ExternalPlacement.objects.get(pk=placement.pk).title == "青山镇助餐点上了省报"
