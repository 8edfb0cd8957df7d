from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from minsheng.projects.services import ItemImportError, items_import


class Command(BaseCommand):
    help = "Load a year's livelihood items from a spreadsheet (xlsx/xls/ods) or CSV. All or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--sheet", help="sheet name (first sheet by default)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = items_import(actor=None, path=options["file"], year=options["year"], sheet=options.get("sheet"))
        except ItemImportError as exc:
            raise CommandError(
                _("%(file)s was not loaded (nothing was changed):\n%(errors)s")
                % {"file": options["file"], "errors": "\n".join(exc.errors)}
            ) from exc
        self.stdout.write(
            _("%(year)d: %(created)d items created, %(updated)d updated, %(unchanged)d unchanged")
            % {
                "year": options["year"],
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
