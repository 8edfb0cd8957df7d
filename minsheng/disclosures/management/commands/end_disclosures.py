from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from minsheng.disclosures.services import disclosures_end


class Command(BaseCommand):
    help = "Record the end of every disclosure past its period (run daily; the portal does not depend on it)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = disclosures_end()
        self.stdout.write(f"ended: {count}")
