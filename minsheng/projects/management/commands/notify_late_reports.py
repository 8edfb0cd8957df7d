from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from minsheng.projects.services import late_reports_notify


class Command(BaseCommand):
    help = "Tell each department about its late monthly progress reports (each one once). Run daily."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = late_reports_notify()
        self.stdout.write(_("%(count)d notices sent") % {"count": sent})
