from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from minsheng.orgs.services import OrgImportError, orgs_load_csv


class Command(BaseCommand):
    help = "Load units from a CSV shaped like demo_city.csv or demo_departments.csv (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "files", nargs="+", help="CSV file(s): code,name,kind,parent_code or code,name,short_name,kind"
        )
        parser.add_argument("--parent", help="code of the unit that departments without a parent go under")

    def handle(self, *args: Any, **options: Any) -> None:
        for path in options["files"]:
            try:
                result = orgs_load_csv(actor=None, source=path, default_parent=options.get("parent"))
            except FileNotFoundError as exc:
                raise CommandError(_("File not found: %(path)s") % {"path": path}) from exc
            except OrgImportError as exc:
                raise CommandError(
                    _("%(path)s was not loaded:\n%(errors)s") % {"path": path, "errors": "\n".join(exc.errors)}
                ) from exc
            self.stdout.write(
                _("%(path)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
                % {"path": path, "created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
