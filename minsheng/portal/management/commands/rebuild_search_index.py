"""Rebuild the portal's Chinese search index (``SearchEntry``) from the live pages."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from minsheng.portal.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the portal search index from every live, public piece."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            count = rebuild_index()
        self.stdout.write(f"indexed {count} page(s)")
