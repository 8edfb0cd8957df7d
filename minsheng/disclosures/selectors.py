"""Reads of 公示: the back office (scoped) and the public portal (published only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from minsheng.orgs.choices import VILLAGE_KINDS, Role
from minsheng.orgs.models import Org
from minsheng.orgs.scoping import scope_for

from .choices import DisclosureState, ObjectionStatus
from .models import Disclosure, DisclosureEntry, DisclosureIndexPage, Objection
from .services import token_hash

S = DisclosureState


# --- back office --------------------------------------------------------------------------


def disclosure_list(*, user: Any, state: str = "") -> QuerySet[Disclosure]:
    qs = Disclosure.objects.select_related("item", "issuer").annotate(entry_count=Count("entries"))
    qs = scope_for(user).filter(qs, org_field="issuer", department_field="item__lead_department")
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-id")


@dataclass(frozen=True)
class BoardRead:
    """A village's read-only view of its town's 公示, for its own 公示栏."""

    village: Org
    disclosures: QuerySet[Disclosure]


def board_read(*, user: Any, state: str = "") -> BoardRead | None:
    """Village staff's read of the 公示 their town issued, for their village board: the
    published (or ended) ones that list somebody of their village, read-only, and of each
    only the village's entries (``entry_count`` counts those). ``None`` for anyone else
    (the others see what they see through ``disclosure_list``).

    The entries are narrowed through the user's scope (the village), so a 公示 that lists
    only other villages of the town is not there, and neither are drafts, submitted,
    approved or withdrawn ones, nor other towns' 公示."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.VILLAGE_STAFF:
        return None
    village: Org | None = user.org
    if village is None or village.kind not in VILLAGE_KINDS:
        return None
    town = village.town()
    if town is None:
        return None
    scope = scope_for(user)
    visible = scope.filter(DisclosureEntry.objects.all(), org_field="benefit__village")
    qs = (
        Disclosure.objects.select_related("item", "issuer")
        .filter(issuer=town, state__in=(S.PUBLISHED, S.ENDED), pk__in=visible.values("disclosure_id"))
        .annotate(entry_count=Count("entries", filter=Q(entries__in=visible)))
    )
    if state:
        qs = qs.filter(state=state)
    return BoardRead(village=village, disclosures=qs.order_by("-id"))


def objection_list(*, user: Any, open_only: bool = False) -> QuerySet[Objection]:
    qs = Objection.objects.select_related("disclosure", "disclosure__issuer")
    qs = scope_for(user).filter(
        qs, org_field="disclosure__issuer", department_field="disclosure__item__lead_department"
    )
    if open_only:
        qs = qs.filter(status=ObjectionStatus.RECEIVED)
    return qs


def entry_list(*, disclosure: Disclosure, village: Org | None = None) -> QuerySet[DisclosureEntry]:
    """The entries in order; with ``village``, only that village's (a per-village sheet)."""
    qs = disclosure.entries.select_related("benefit__person", "benefit__village")
    if village is not None:
        qs = qs.filter(benefit__village=village)
    return qs.order_by("position", "id")


def entry_villages(*, disclosure: Disclosure) -> list[int]:
    """The villages of a disclosure's entries (the edit form's village choice)."""
    return sorted(set(disclosure.entries.values_list("benefit__village_id", flat=True)))


def sheet_villages(*, user: Any, disclosure: Disclosure) -> QuerySet[Org]:
    """The villages a per-village print sheet may be made for: those the disclosure lists
    somebody of, within the user's scope."""
    return scope_for(user).orgs().filter(pk__in=entry_villages(disclosure=disclosure)).order_by("code")


# --- public -------------------------------------------------------------------------------


def public_index_page() -> DisclosureIndexPage | None:
    """The live 公示公告 page (there is at most one)."""
    return DisclosureIndexPage.objects.live().public().first()


def _running_q(today: date) -> Q:
    return Q(state=S.PUBLISHED, start_date__lte=today) & (Q(end_date__gte=today) | Q(long_term=True))


def running_disclosures(*, today: date | None = None) -> QuerySet[Disclosure]:
    """What the portal lists: published, started, and within the period or long-term."""
    today = today or timezone.localdate()
    return (
        Disclosure.objects.filter(_running_q(today))
        .select_related("item", "issuer")
        .annotate(entry_count=Count("entries"))
        .order_by("-start_date", "-id")
    )


def ended_disclosures(*, today: date | None = None) -> QuerySet[Disclosure]:
    today = today or timezone.localdate()
    return (
        Disclosure.objects.filter(state__in=(S.PUBLISHED, S.ENDED), long_term=False, end_date__lt=today)
        .select_related("item", "issuer")
        .order_by("-end_date", "-id")
    )


def public_disclosure(*, pk: int, today: date | None = None) -> Disclosure | None:
    """A disclosure whose page exists (running or ended; never a draft or a withdrawn one)."""
    today = today or timezone.localdate()
    found = Disclosure.objects.select_related("item", "issuer").filter(pk=pk).first()
    if found is None or not found.is_public(today):
        return None
    return found


def public_entries(*, disclosure: Disclosure, today: date | None = None) -> QuerySet[DisclosureEntry]:
    """The entries the public may see: none once the period is over (unless long-term)."""
    if not disclosure.lists_entries(today):
        return DisclosureEntry.objects.none()
    return entry_list(disclosure=disclosure)


def objection_by_token(*, token: str) -> Objection | None:
    if not token or len(token) > 64:
        return None
    return Objection.objects.select_related("disclosure").filter(token_hash=token_hash(token)).first()
