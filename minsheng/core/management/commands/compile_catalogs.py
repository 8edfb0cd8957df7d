"""Compile our .po catalogues to .mo with polib (no GNU gettext needed on the machine)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile our locale/*/LC_MESSAGES/*.po (project and apps) to .mo, in pure Python."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        bases = [Path(p) for p in settings.LOCALE_PATHS]
        bases += [Path(c.path) / "locale" for c in apps.get_app_configs() if c.name.startswith("minsheng.")]
        for base in bases:
            for po_path in base.glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"compiled {count} catalogue(s)")
