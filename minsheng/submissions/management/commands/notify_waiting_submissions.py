from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from minsheng.submissions.services import submissions_notify_waiting


class Command(BaseCommand):
    help = "Tell the livelihood office about submitted pieces waiting longer than the setting (each once). Run daily."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = submissions_notify_waiting()
        self.stdout.write(_("%(count)d notices sent") % {"count": sent})
