"""``manage.py import_beneficiaries FILE --item 2022-07 --org 349981101000 …``"""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from minsheng.orgs.choices import AREA_KINDS
from minsheng.orgs.models import Org
from minsheng.projects.models import LivelihoodItem

from ...choices import OnDuplicate
from ...reports import write_error_report
from ...roster import FIELDS, parse_mapping
from ...services import ImportResult, ImportUnusable, beneficiaries_import

EXIT_UNUSABLE = 2


def _terminate(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


class Command(BaseCommand):
    help = (
        "Import a beneficiary roster (xlsx/xls/ods/csv/txt) for one livelihood item from the units inside --org. "
        "Bad rows are rejected with row, column, code and message; the good rows are stored all together. "
        "Exit 0 when the file was processed, 2 when it cannot be used."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--item", required=True, help="item code, YYYY-NN")
        parser.add_argument("--org", required=True, help="code of the city, town or village the roster covers")
        parser.add_argument("--sheet", help="sheet name (by default the first sheet that holds a roster)")
        parser.add_argument("--dry-run", action="store_true", help="check only; store nothing")
        parser.add_argument("--on-duplicate", choices=OnDuplicate.values, default=OnDuplicate.SKIP)
        parser.add_argument("--error-report", metavar="OUT.xlsx", help="write the rejected rows and what is wrong")
        parser.add_argument("--map", dest="mapping", help="explicit columns: 姓名=name,身份证=id_number,…")
        parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        # Stopped with SIGTERM (kill, systemd, a deploy): unwind like Ctrl-C, so the transaction
        # rolls back and the batch is marked failed. (SIGKILL cannot be caught: the batch then
        # shows as failed once stale.)
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _terminate) if main else None
        try:
            self._handle(options)
        finally:
            if main:
                signal.signal(signal.SIGTERM, previous)

    def _handle(self, options: dict[str, Any]) -> None:
        try:
            result = self._run(options)
        except ImportUnusable as exc:
            self._unusable(exc.reason, options, batch=exc.batch.pk if exc.batch else None)
            return
        if options.get("error_report"):
            write_error_report(Path(options["error_report"]), result.header, _report_rows(result))
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self._print_summary(result, options)

    def _run(self, options: dict[str, Any]) -> ImportResult:
        item = LivelihoodItem.objects.filter(code=options["item"]).first()
        if item is None:
            raise ImportUnusable(_("Unknown livelihood item: %(code)s") % {"code": options["item"]})
        org = Org.objects.filter(code=options["org"], kind__in=AREA_KINDS).first()
        if org is None:
            raise ImportUnusable(_("Unknown unit (city, town or village code): %(code)s") % {"code": options["org"]})
        mapping = None
        if options.get("mapping"):
            try:
                mapping = parse_mapping(options["mapping"])
            except ValueError as exc:
                raise ImportUnusable(
                    _("Bad --map entry “%(entry)s”; use heading=field with a field among %(fields)s.")
                    % {"entry": exc, "fields": ", ".join(FIELDS)}
                ) from exc
        return beneficiaries_import(
            actor=None,
            path=Path(options["file"]),
            item=item,
            org=org,
            sheet=options.get("sheet"),
            on_duplicate=options["on_duplicate"],
            dry_run=options["dry_run"],
            mapping=mapping,
        )

    def _unusable(self, reason: str, options: dict[str, Any], *, batch: int | None) -> None:
        if options["json"]:
            self.stdout.write(json.dumps({"error": reason, "batch": batch}, ensure_ascii=False))
        self.stderr.write(_("%(file)s cannot be used: %(reason)s") % {"file": options["file"], "reason": reason})
        sys.exit(EXIT_UNUSABLE)

    def _print_summary(self, result: ImportResult, options: dict[str, Any]) -> None:
        line = _("row %(row)s [%(column)s] %(code)s: %(message)s")
        for problem in [*result.errors, *result.warnings]:
            self.stdout.write(line % problem.as_dict())
        self.stdout.write(
            _(
                "%(total)d rows: %(imported)d imported, %(updated)d updated, %(skipped)d skipped, "
                "%(rejected)d rejected, %(warnings)d warnings."
            )
            % {
                "total": result.rows_total,
                "imported": result.rows_imported,
                "updated": result.rows_updated,
                "skipped": result.rows_skipped,
                "rejected": result.rows_rejected,
                "warnings": len(result.warnings),
            }
        )
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was stored."))
        elif result.batch is not None:
            self.stdout.write(_("Batch %(batch)d.") % {"batch": result.batch.pk})


def _report_rows(result: ImportResult) -> list[tuple[int, list[str], str]]:
    problems: dict[int, list[str]] = {}
    for p in result.errors:
        problems.setdefault(p.row, []).append(f"{p.column}：{p.message}")
    return [(row, cells, "；".join(problems.get(row, []))) for row, cells in result.rejected]
