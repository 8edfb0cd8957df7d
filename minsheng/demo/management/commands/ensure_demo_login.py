"""``manage.py ensure_demo_login``: make sure the demo coordinator can log in, and say how."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ... import content
from ...seed import ensure_coordinator
from .seed_demo import admin_url, demo_account_lines


class Command(BaseCommand):
    help = "Make sure the demo coordinator account exists, then print the back-office address and the demo log-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        user, created = ensure_coordinator()
        if user is None:
            self.stdout.write(
                _("No demo coordinator: this database does not hold the demo city. Run “manage.py seed_demo” first.")
            )
            return
        if created:
            self.stdout.write(_("Created the demo coordinator account."))
        self.stdout.write(self.style.SUCCESS(_("Back office: %(url)s") % {"url": admin_url()}))
        self.stdout.write(_("User name: %(username)s") % {"username": user.username})
        if user.check_password(content.DEMO_PASSWORD):
            self.stdout.write(_("Password: %(password)s") % {"password": content.DEMO_PASSWORD})
        else:
            self.stdout.write(_("Password: changed since the demo was set up (no longer the demo password)."))
        others = demo_account_lines(exclude=user.username)
        if others:
            self.stdout.write(_("Other demo accounts (same password unless changed):"))
            for line in others:
                self.stdout.write(f"  {line}")
