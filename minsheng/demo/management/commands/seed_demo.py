"""``manage.py seed_demo [--if-empty]``: build the 青河市 demo (idempotent)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from minsheng.core.models import AuditEvent
from minsheng.orgs.choices import Role
from minsheng.orgs.models import Org, User
from minsheng.orgs.services import OrgImportError
from minsheng.portal.models import ArticlePage, PhotoStoryPage, VideoPage
from minsheng.projects.models import LivelihoodItem
from minsheng.projects.services import ItemImportError

from ... import content
from ...seed import DemoDataMissing, SeedReport, demo_data_dir, seed_demo


class Command(BaseCommand):
    help = "Load the demo city 青河市, the 2022 livelihood items, demo accounts and a filled portal (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database already holds any unit."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Org.objects.exists():
            self.stdout.write(_("The database already holds units; the demo data was not loaded (--if-empty)."))
            return
        started = time.monotonic()
        steps = {
            "orgs": _("Units loaded."),
            "items": _("Livelihood items loaded."),
            "users": _("Demo accounts ready."),
            "portal": _("Portal pages, images and documents ready."),
            "item_content": _("Livelihood items' policies, targets, milestones and progress reports ready."),
            "submissions": _("Submissions, reviews, external placements and point rules ready."),
            "beneficiaries": _("Beneficiary rosters imported."),
            "disclosures": _("Disclosures and an objection ready."),
            "callbacks": _("Callback campaigns: a finished town round and a city re-check under way."),
            "roles": _("Role groups and permissions synchronised."),
        }
        try:
            # Wagtail logs every page it creates and publishes; keep that for -v 2.
            with _quiet("wagtail", enabled=options["verbosity"] < 2):
                report = seed_demo(progress=lambda step: self.stdout.write(f"  {steps.get(step, step)}"))
        except DemoDataMissing as exc:
            raise CommandError(
                _(
                    "Demo data not found: %(path)s. Put demo_city.csv, demo_departments.csv and "
                    "livelihood_items_2022.csv there, or set DEMO_DATA_DIR to their folder (now %(dir)s)."
                )
                % {"path": exc.path, "dir": demo_data_dir()}
            ) from exc
        except (OrgImportError, ItemImportError) as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        for line in summary_lines(report, seconds=time.monotonic() - started):
            self.stdout.write(line)
        self.stdout.write(_("Demo accounts (password: %(password)s):") % {"password": content.DEMO_PASSWORD})
        for line in demo_account_lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(_("Back office: %(url)s") % {"url": admin_url()}))


@contextmanager
def _quiet(logger_name: str, *, enabled: bool) -> Iterator[None]:
    logger = logging.getLogger(logger_name)
    level = logger.level
    if enabled:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def summary_lines(report: SeedReport, *, seconds: float) -> list[str]:
    created = _(
        "%(orgs)d units, %(items)d items, %(users)d accounts, %(images)d images, %(docs)d documents, %(pages)d pages"
    ) % {
        "orgs": report.orgs_created,
        "items": report.items_created,
        "users": len(report.users_created),
        "images": report.images_created,
        "docs": report.documents_created,
        "pages": report.pages_created,
    }
    pieces = Page.objects.live().type(ArticlePage, PhotoStoryPage, VideoPage).count()
    lines = [
        _("Done in %(seconds).1f s. Created this time: %(created)s.") % {"seconds": seconds, "created": created},
        _("Livelihood items filled in this time: %(items)d; progress reports created: %(reports)d.")
        % {"items": report.items_filled, "reports": report.reports_created},
        _(
            "Now in the database: %(orgs)d units, %(items)d livelihood items, %(users)d accounts, %(images)d images, "
            "%(docs)d documents, %(pieces)d live pieces, %(events)d audit events."
        )
        % {
            "orgs": Org.objects.count(),
            "items": LivelihoodItem.objects.count(),
            "users": User.objects.count(),
            "images": get_image_model().objects.count(),
            "docs": get_document_model().objects.count(),
            "pieces": pieces,
            "events": AuditEvent.objects.count(),
        },
    ]
    if not report.changed:
        lines.append(_("Nothing to do: the demo data was already complete."))
    return lines


def admin_url() -> str:
    return f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}/admin/"


def demo_account_lines(*, exclude: str = "") -> list[str]:
    """One line per demo account that exists: user name, role, unit, name."""
    names = [d.username for d in content.DEMO_USERS if d.username != exclude]
    users = {u.username: u for u in User.objects.filter(username__in=names).select_related("org")}
    lines = []
    for name in names:
        user = users.get(name)
        if user is None:
            continue
        role = Role(user.role).label if user.role in Role.values else user.role
        org = user.org.name if user.org else _("no unit")
        lines.append(f"{user.username:<12} {role} · {org} · {user.full_name}")
    return lines
