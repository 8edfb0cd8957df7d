from __future__ import annotations

import pytest
from django.db import transaction
from django.test import RequestFactory

from minsheng.core.models import AuditEvent
from minsheng.core.services import audit_event
from minsheng.orgs.choices import Role


def test_audit_event_records_actor_target_org_and_ip(make_user, org_tree) -> None:
    user = make_user("qs", Role.TOWN_LIAISON, "349981101000")
    target = org_tree["349981101201"]
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    event = audit_event(actor=user, action="org.view", target=target, data={"why": "check"}, request=request)
    event.refresh_from_db()
    assert event.actor == user and event.actor_label == "qs"
    assert event.target_type == "orgs.org" and event.target_id == str(target.pk) and event.target_label == "张庄村"
    assert event.org == user.org  # defaults to the actor's unit
    assert event.ip_address == "10.1.2.3"
    assert event.data == {"why": "check"}


def test_system_events_have_no_actor(db) -> None:
    event = audit_event(actor=None, action="system.job")
    assert event.actor is None and event.actor_label == "系统"


def test_audit_event_rolls_back_with_the_change(make_user, org_tree) -> None:
    from minsheng.orgs.services import org_save

    before = AuditEvent.objects.count()
    village = org_tree["349981101201"]
    with pytest.raises(RuntimeError), transaction.atomic():
        village.name = "改名村"
        org_save(actor=None, org=village)
        raise RuntimeError("the rest of the service failed")
    assert AuditEvent.objects.count() == before
    village.refresh_from_db()
    assert village.name == "张庄村"
