"""Every write to the beneficiary registry: roster imports, rollbacks, reveals.

An import runs in two phases:

1. **check** (outside the data transaction): stream the rows, find the header, normalise
   and validate each row in plain Python, encrypt the ID and phone, compute the blind
   index, look up who is already registered; the batch row (created first, in its own
   transaction) shows the progress;
2. **write** (one transaction): new people, updated people, new and updated benefit records,
   the batch's counts and the audit event. SQLite: ``executemany`` in one transaction;
   PostgreSQL: ``COPY``. All rows or none: an error, or a killed process, leaves nothing
   (a killed import's batch stays ``running`` and shows as failed once stale).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minsheng.core import idcard
from minsheng.core.crypto import get_cipher
from minsheng.core.masking import mask_id, mask_name, mask_phone
from minsheng.core.services import audit_event, notice_send, on_commit
from minsheng.core.tabular import TableError, cell_text, read_rows, sheet_names
from minsheng.orgs.choices import TOWN_KINDS, VILLAGE_KINDS
from minsheng.orgs.models import Org, User
from minsheng.projects.models import LivelihoodItem

from . import selectors
from .choices import BatchStatus, OnDuplicate
from .models import Benefit, ImportBatch, Person
from .roster import (
    Problem,
    RosterUnusable,
    VillageIndex,
    find_header,
    is_blank,
    is_footer,
    is_placeholder,
    messages,
    parse_amount,
    parse_date,
    parse_phone,
)

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 20_000
LOOKUP_CHUNK = 5_000
WRITE_CHUNK = 50_000
PERSON_TABLE = Person._meta.db_table
BENEFIT_TABLE = Benefit._meta.db_table
PERSON_COLUMNS: tuple[str, ...] = ("id", "created_at", "updated_at", "name", "id_number_enc", "id_index")
PERSON_COLUMNS += ("phone_enc", "gender", "birth_date", "village_id")
BENEFIT_COLUMNS: tuple[str, ...] = ("created_at", "updated_at", "person_id", "item_id", "year", "amount")
BENEFIT_COLUMNS += ("paid_on", "village_id", "source_org_id", "batch_id")


class ImportUnusable(Exception):
    """The file cannot be used at all; ``reason`` says why (exit code 2)."""

    def __init__(self, reason: str, batch: ImportBatch | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.batch = batch


@dataclass
class ImportResult:
    rows_total: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    rows_updated: int = 0
    rows_skipped: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    batch: ImportBatch | None = None
    header: list[str] = field(default_factory=list)
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # time per phase (check, write)

    def as_json(self) -> dict[str, Any]:
        return {
            "rows_total": self.rows_total,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected,
            "rows_updated": self.rows_updated,
            "rows_skipped": self.rows_skipped,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "batch": self.batch.pk if self.batch else None,
        }


# One row ready to write: (person id or None, benefit id or None, blind index, name,
# id encrypted, phone encrypted, gender, birth date, village id, amount, payout date)
Ready = tuple[int | None, int | None, bytes, str, bytes, bytes | None, str, date, int, Decimal | None, date | None]


# --- Batches ------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def private_upload_root() -> Path:
    return Path(settings.PRIVATE_UPLOAD_ROOT)


def batch_start(
    *,
    actor: User | None,
    item: LivelihoodItem,
    org: Org,
    file_name: str,
    sha256: str,
    sheet: str | None = None,
    on_duplicate: str = OnDuplicate.SKIP,
    mapping: dict[str, str] | None = None,
    stored_file: str = "",
) -> ImportBatch:
    """Record that an import began (its own transaction, so it survives a failed import)."""
    _check_can_import(actor, item, org)
    with transaction.atomic():
        return ImportBatch.objects.create(
            created_by=actor if actor is not None and actor.pk else None,
            actor_label=(getattr(actor, "full_name", "") or actor.get_username()) if actor else "系统",
            item=item,
            org=org,
            file_name=file_name[:255],
            file_sha256=sha256,
            sheet=sheet or "",
            on_duplicate=on_duplicate,
            mapping=mapping or {},
            stored_file=stored_file,
        )


def batch_submit_upload(
    *,
    actor: User,
    upload: UploadedFile,
    item: LivelihoodItem,
    org: Org,
    sheet: str | None = None,
    on_duplicate: str = OnDuplicate.SKIP,
    mapping: dict[str, str] | None = None,
) -> ImportBatch:
    """Keep an uploaded roster in private storage, record its batch and queue the import."""
    _check_can_import(actor, item, org)
    suffix = Path(upload.name or "roster.xlsx").suffix.lower()[:10]
    folder = private_upload_root() / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{uuid.uuid4().hex}{suffix}"
    digest = hashlib.sha256()
    with target.open("wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            out.write(chunk)
    batch = batch_start(
        actor=actor,
        item=item,
        org=org,
        file_name=Path(upload.name or "roster").name,
        sha256=digest.hexdigest(),
        sheet=sheet,
        on_duplicate=on_duplicate,
        mapping=mapping,
        stored_file=str(target.relative_to(private_upload_root())),
    )
    from .tasks import run_import_batch

    on_commit(lambda: run_import_batch.enqueue(batch.pk))
    return batch


def batch_run(*, batch_id: int) -> ImportResult | None:
    """The background task's body: import a stored upload into its batch."""
    batch = ImportBatch.objects.select_related("item", "org", "created_by").get(pk=batch_id)
    if batch.status != BatchStatus.RUNNING or not batch.stored_file:
        return None
    path = private_upload_root() / batch.stored_file
    try:
        return beneficiaries_import(
            actor=batch.created_by,
            path=path,
            item=batch.item,
            org=batch.org,
            sheet=batch.sheet or None,
            on_duplicate=batch.on_duplicate,
            mapping=batch.mapping or None,
            batch=batch,
        )
    except ImportUnusable:
        return None
    finally:
        _discard_upload(batch)
        _notify_finished(batch.pk)


def _notify_finished(batch_id: int) -> None:
    """Tell the uploader how the background import ended (they may have closed the page)."""
    from django.urls import reverse

    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.created_by is None:
        return
    if batch.status == BatchStatus.SUCCEEDED:
        title = _("Roster imported: %(file)s — %(imported)d imported, %(rejected)d rejected") % {
            "file": batch.file_name,
            "imported": batch.rows_imported + batch.rows_updated,
            "rejected": batch.rows_rejected,
        }
    else:
        title = _("Roster import failed: %(file)s") % {"file": batch.file_name}
    notice_send(
        kind="beneficiary.import",
        title=title,
        user=batch.created_by,
        body=batch.message if batch.status != BatchStatus.SUCCEEDED else "",
        url=reverse("beneficiaries_batch", args=[batch.pk]),
        key=f"beneficiary.import:{batch.pk}",
    )


def _discard_upload(batch: ImportBatch) -> None:
    """The upload holds ID numbers in clear: delete it once the import is over."""
    if batch.stored_file:
        (private_upload_root() / batch.stored_file).unlink(missing_ok=True)
        ImportBatch.objects.filter(pk=batch.pk).update(stored_file="")


def _mark_failed(batch: ImportBatch | None, message: str) -> None:
    if batch is None:
        return
    batch.status = BatchStatus.FAILED
    batch.message = message[:2000]
    batch.finished_at = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=batch.status, message=batch.message, finished_at=batch.finished_at
    )


def _check_can_import(actor: User | None, item: LivelihoodItem, org: Org) -> None:
    if actor is None:
        return  # the system (command line, seed)
    if not actor.has_perm("beneficiaries.add_importbatch") or not selectors.can_import(user=actor, item=item, org=org):
        raise PermissionDenied(_("You may not import rosters for this item and unit."))


# --- Import -------------------------------------------------------------------------------


def beneficiaries_import(
    *,
    actor: User | None,
    path: Path | str,
    item: LivelihoodItem,
    org: Org,
    sheet: str | None = None,
    on_duplicate: str = OnDuplicate.SKIP,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    batch: ImportBatch | None = None,
    file_name: str | None = None,
) -> ImportResult:
    """Import a roster for ``item`` from units inside ``org``'s subtree.

    Bad rows are rejected with their row, column, code and message; the good rows are all
    written in one transaction. Raises :class:`ImportUnusable` when the file cannot be used.
    """
    path = Path(path)
    _check_can_import(actor, item, org)
    if on_duplicate not in OnDuplicate.values:
        raise ValueError(on_duplicate)
    if batch is None and not dry_run:
        if not path.exists():
            raise ImportUnusable(_("File not found: %(path)s") % {"path": path})
        batch = batch_start(
            actor=actor,
            item=item,
            org=org,
            file_name=file_name or path.name,
            sha256=file_sha256(path),
            sheet=sheet,
            on_duplicate=on_duplicate,
            mapping=mapping,
        )
    with _no_gc():
        return _import(
            actor=actor,
            path=path,
            item=item,
            org=org,
            sheet=sheet,
            on_duplicate=on_duplicate,
            dry_run=dry_run,
            mapping=mapping,
            batch=batch,
        )


@contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of new tuples and no cycles: the cyclic collector would only slow it down."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(
    *,
    actor: User | None,
    path: Path,
    item: LivelihoodItem,
    org: Org,
    sheet: str | None,
    on_duplicate: str,
    dry_run: bool,
    mapping: dict[str, str] | None,
    batch: ImportBatch | None,
) -> ImportResult:
    started = time.perf_counter()
    try:
        result, ready = _check_rows(
            path=path, item=item, org=org, sheet=sheet, on_duplicate=on_duplicate, mapping=mapping, batch=batch
        )
    except (TableError, RosterUnusable) as exc:
        _mark_failed(batch, str(exc))
        raise ImportUnusable(str(exc), batch) from exc
    except BaseException as exc:
        _mark_failed(batch, _failure(exc))
        raise
    result.batch = batch
    checked = time.perf_counter()
    result.seconds["check"] = checked - started
    logger.info("checked %d rows in %.1f s", result.rows_total, checked - started)
    if dry_run or batch is None:
        return result
    try:
        with transaction.atomic():
            _write(ready, item=item, org=org, batch=batch)
            _finish(batch, result)
            audit_event(
                actor=actor,
                action="beneficiary.import",
                target=batch,
                org=org,
                data={
                    "item": item.code,
                    "file": batch.file_name,
                    "sha256": batch.file_sha256,
                    **{k: v for k, v in result.as_json().items() if k.startswith("rows_")},
                },
            )
    except BaseException as exc:
        _mark_failed(batch, _failure(exc))
        raise
    result.seconds["write"] = time.perf_counter() - checked
    logger.info("wrote %d rows in %.1f s", result.rows_imported + result.rows_updated, result.seconds["write"])
    return result


def _failure(exc: BaseException) -> str:
    if isinstance(exc, KeyboardInterrupt | SystemExit):
        return _("The import was stopped before it finished; nothing was stored.")
    return _("The import failed and nothing was stored: %(error)s") % {"error": repr(exc)}


def _finish(batch: ImportBatch, result: ImportResult) -> None:
    batch.status = BatchStatus.SUCCEEDED
    batch.finished_at = timezone.now()
    batch.rows_total = batch.rows_done = result.rows_total
    batch.rows_imported = result.rows_imported
    batch.rows_updated = result.rows_updated
    batch.rows_skipped = result.rows_skipped
    batch.rows_rejected = result.rows_rejected
    batch.errors = [p.as_dict() for p in result.errors]
    batch.warnings = [p.as_dict() for p in result.warnings]
    if result.rejected:
        problems: dict[int, list[str]] = {}
        for p in result.errors:
            problems.setdefault(p.row, []).append(f"{p.column}：{p.message}")
        payload = {
            "header": result.header,
            "rows": [[row, cells, "；".join(problems.get(row, []))] for row, cells in result.rejected],
        }
        batch.rejected_enc = get_cipher().encrypt(json.dumps(payload, ensure_ascii=False))
    batch.save()


def batch_rejected_rows(batch: ImportBatch) -> tuple[list[str], list[tuple[int, list[str], str]]]:
    """The rejected rows as they were in the file, with what is wrong with each."""
    if not batch.rejected_enc:
        return [], []
    payload = json.loads(get_cipher().decrypt(batch.rejected_enc))
    return payload["header"], [(r[0], r[1], r[2]) for r in payload["rows"]]


def _check_rows(
    *,
    path: Path,
    item: LivelihoodItem,
    org: Org,
    sheet: str | None,
    on_duplicate: str,
    mapping: dict[str, str] | None,
    batch: ImportBatch | None,
) -> tuple[ImportResult, list[Ready]]:
    result = ImportResult()
    total_rows = [0]

    def on_size(n: int) -> None:
        total_rows[0] = n
        if batch is not None:
            ImportBatch.objects.filter(pk=batch.pk).update(rows_total=n)

    rows = read_rows(path, sheet=sheet, fill_merged=True, on_size=on_size)
    try:
        header, rows = find_header(rows, mapping)
    except RosterUnusable:
        if sheet is not None:
            raise
        # the roster is not on the first sheet (a cover sheet, 填表说明…): take the first that has one
        for other in sheet_names(path)[1:]:
            try:
                header, rows = find_header(read_rows(path, sheet=other, fill_merged=True, on_size=on_size), mapping)
            except RosterUnusable:
                continue
            if batch is not None:
                batch.sheet = other[:100]
                ImportBatch.objects.filter(pk=batch.pk).update(sheet=batch.sheet)
            break
        else:
            raise
    result.header = header.cells
    cols = header.columns
    village_col = cols.get("village")
    if village_col is None and org.kind not in VILLAGE_KINDS:
        raise RosterUnusable(_("No village column (村名, 所在村（社区）…) was found, and the unit is not a village."))
    villages = _village_index(org)
    msgs = messages()
    cipher = get_cipher()
    today = timezone.localdate()
    labels = {f: header.label(f) for f in ("name", "id_number", "phone", "village", "town", "amount", "paid_on")}
    name_col, id_col = cols["name"], cols["id_number"]
    phone_col, amount_col, date_col = cols.get("phone"), cols.get("amount"), cols.get("paid_on")
    town_col = cols.get("town")
    existing_benefits: dict[int, int] = dict(
        Benefit.objects.filter(item=item, year=item.year).values_list("person_id", "pk")
    )
    any_person = Person.objects.exists()
    seen: dict[bytes, int] = {}
    ready: list[Ready] = []
    pending: list[tuple[Ready, int, list[Any]]] = []
    errors, warnings, rejected = result.errors, result.warnings, result.rejected
    date_cache: dict[Any, date | None] = {}

    width = max(cols.values()) + 1

    def cell(cells: list[Any], idx: int | None) -> Any:
        return cells[idx] if idx is not None else None

    def flush() -> None:
        known = _existing_people([p[0][2] for p in pending]) if any_person else {}
        for row, rownum, cells in pending:
            person_id = known.get(row[2])
            if person_id is None:
                ready.append(row)
                result.rows_imported += 1
                continue
            benefit_id = existing_benefits.get(person_id)
            if benefit_id is None:
                result.rows_imported += 1
            elif on_duplicate == OnDuplicate.SKIP:
                result.rows_skipped += 1
                continue
            elif on_duplicate == OnDuplicate.ERROR:
                errors.append(Problem(rownum, labels["id_number"], "duplicate_existing", msgs["duplicate_existing"]))
                rejected.append((rownum, [cell_text(c) for c in cells]))
                result.rows_rejected += 1
                continue
            else:
                result.rows_updated += 1
            ready.append((person_id, benefit_id, *row[2:]))  # type: ignore[arg-type]
        pending.clear()

    for rownum, cells in rows:
        if is_blank(cells) or is_footer(cells, header) or not header.is_data(cells):
            continue
        if len(cells) < width:
            cells = cells + [None] * (width - len(cells))
        if cells[id_col] == header.cells[id_col] and cells[name_col] == header.cells[name_col]:
            continue  # the header repeated on every printed page
        result.rows_total += 1
        if batch is not None and result.rows_total % PROGRESS_EVERY == 0:
            ImportBatch.objects.filter(pk=batch.pk).update(rows_done=result.rows_total)
        problems: list[Problem] = []
        name = "".join(cell_text(cell(cells, name_col)).split())
        if not name or is_placeholder(name):
            problems.append(
                Problem(
                    rownum, labels["name"], "missing_required", msgs["missing_required"] % {"column": labels["name"]}
                )
            )
        raw_id = cell(cells, id_col)
        parsed: idcard.IdNumber | None = None
        if raw_id is None or (isinstance(raw_id, str) and (not idcard.normalise(raw_id) or is_placeholder(raw_id))):
            problems.append(
                Problem(
                    rownum,
                    labels["id_number"],
                    "missing_required",
                    msgs["missing_required"] % {"column": labels["id_number"]},
                )
            )
        else:
            try:
                parsed = idcard.parse(raw_id, today=today)
            except idcard.IdNumberError as exc:
                problems.append(Problem(rownum, labels["id_number"], exc.code, msgs[exc.code]))
        village_id: int | None = org.pk
        if village_col is not None:
            raw_village = cell(cells, village_col)
            if cell_text(raw_village) == "" or is_placeholder(raw_village):
                problems.append(
                    Problem(
                        rownum,
                        labels["village"],
                        "missing_required",
                        msgs["missing_required"] % {"column": labels["village"]},
                    )
                )
            else:
                raw_town = cell(cells, town_col)
                village_id = villages.find(raw_village, raw_town)
                if village_id is None:
                    problems.append(
                        Problem(
                            rownum,
                            labels["village"],
                            "unknown_place",
                            _unknown_place(villages, msgs, raw_village, raw_town, org),
                        )
                    )
        amount: Decimal | None = None
        if amount_col is not None:
            raw = cell(cells, amount_col)
            try:
                amount = parse_amount(raw)
            except ValueError:
                problems.append(
                    Problem(rownum, labels["amount"], "bad_amount", msgs["bad_amount"] % {"value": cell_text(raw)})
                )
        paid_on: date | None = None
        if date_col is not None:
            raw = cell(cells, date_col)
            try:
                key = raw if isinstance(raw, str | int | float) else None
                if key is not None and key in date_cache:
                    paid_on = date_cache[key]
                else:
                    paid_on = parse_date(raw, today=today)
                    if key is not None:
                        date_cache[key] = paid_on
            except ValueError:
                problems.append(
                    Problem(rownum, labels["paid_on"], "bad_date", msgs["bad_date"] % {"value": cell_text(raw)})
                )
        if problems or parsed is None or village_id is None:
            errors.extend(problems)
            rejected.append((rownum, [cell_text(c) for c in cells]))
            result.rows_rejected += 1
            continue
        index = cipher.blind_index(parsed.number)
        first = seen.get(index)
        if first is not None:
            errors.append(
                Problem(rownum, labels["id_number"], "duplicate_in_file", msgs["duplicate_in_file"] % {"first": first})
            )
            rejected.append((rownum, [cell_text(c) for c in cells]))
            result.rows_rejected += 1
            continue
        seen[index] = rownum
        phone = parse_phone(cell(cells, phone_col)) if phone_col is not None else ""
        if phone is None:
            warnings.append(Problem(rownum, labels["phone"], "phone_invalid", msgs["phone_invalid"]))
            phone = ""
        row: Ready = (
            None,
            None,
            index,
            name[:50],
            cipher.encrypt(parsed.number),
            cipher.encrypt(phone) if phone else None,
            parsed.gender,
            parsed.birth_date,
            village_id,
            amount,
            paid_on,
        )
        pending.append((row, rownum, cells if on_duplicate == OnDuplicate.ERROR else []))
        if len(pending) >= LOOKUP_CHUNK:
            flush()
    flush()
    if batch is not None:
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=result.rows_total, rows_total=result.rows_total)
    errors.sort(key=lambda p: p.row)
    rejected.sort(key=lambda r: r[0])
    return result, ready


def _unknown_place(villages: VillageIndex, msgs: dict[str, str], raw_village: Any, raw_town: Any, org: Org) -> str:
    value = cell_text(raw_village)
    town = cell_text(raw_town)
    if town and villages.town_of(town) is not None:
        return msgs["unknown_place_town"] % {"value": value, "town": town}
    if villages.ambiguous(raw_village):
        return msgs["unknown_place_ambiguous"] % {"value": value, "org": org.name}
    return msgs["unknown_place"] % {"value": value, "org": org.name}


def _village_index(org: Org) -> VillageIndex:
    subtree = Org.objects.filter(path__startswith=org.path, is_active=True)
    villages = subtree.filter(kind__in=VILLAGE_KINDS).values_list("pk", "code", "name", "parent_id")
    towns = Org.objects.filter(kind__in=TOWN_KINDS, is_active=True).filter(
        pk__in=subtree.filter(kind__in=VILLAGE_KINDS).values("parent_id")
    )
    return VillageIndex.build(villages, towns.values_list("pk", "name", "short_name"))


def _existing_people(indexes: Sequence[bytes]) -> dict[bytes, int]:
    """Blind index → person id for the people already registered."""
    found: dict[bytes, int] = {}
    if not indexes:
        return found
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT id_index, id FROM {PERSON_TABLE} WHERE id_index = ANY(%s)", [list(indexes)])  # noqa: S608
            found.update((bytes(i), pk) for i, pk in cursor.fetchall())
        else:
            for start in range(0, len(indexes), 900):
                chunk = indexes[start : start + 900]
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(f"SELECT id_index, id FROM {PERSON_TABLE} WHERE id_index IN ({marks})", chunk)  # noqa: S608
                found.update((bytes(i), pk) for i, pk in cursor.fetchall())
    return found


# --- Writing ------------------------------------------------------------------------------


def write_chunk(cursor: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert ready rows: COPY on PostgreSQL, executemany on SQLite. (Tests patch this to
    inject a failure in the middle of a batch.)"""
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)  # noqa: S608


def _chunks(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _insert(cursor: Any, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
    for chunk in _chunks(rows, WRITE_CHUNK):
        write_chunk(cursor, table, columns, chunk)


def _reserve_person_ids(cursor: Any, count: int) -> Iterator[int]:
    if count == 0:
        return iter(())
    if connection.vendor == "postgresql":
        # One block of ids instead of a nextval per row. The lock keeps every other insert into
        # the table (whose nextval could fall inside the block) waiting until we commit.
        cursor.execute(f"LOCK TABLE {PERSON_TABLE} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{PERSON_TABLE}', 'id'), "
            f"nextval(pg_get_serial_sequence('{PERSON_TABLE}', 'id')) + %s - 1)",
            [count],
        )
        last = cursor.fetchone()[0]
        return iter(range(last - count + 1, last + 1))
    # SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so no one else inserts.
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {PERSON_TABLE}")  # noqa: S608
    start = cursor.fetchone()[0] + 1
    return iter(range(start, start + count))


def _write(ready: list[Ready], *, item: LivelihoodItem, org: Org, batch: ImportBatch) -> None:
    postgres = connection.vendor == "postgresql"
    now = timezone.now()
    if postgres:
        stamp: Any = now
        as_date: Callable[[date | None], Any] = lambda d: d  # noqa: E731
        as_amount: Callable[[Decimal | None], Any] = lambda a: a  # noqa: E731
    else:
        stamp = connection.ops.adapt_datetimefield_value(now)
        as_date = lambda d: d.isoformat() if d else None  # noqa: E731
        as_amount = lambda a: str(a) if a is not None else None  # noqa: E731
    connection.ensure_connection()
    raw_cursor = connection.connection.cursor()
    try:
        new_count = sum(1 for r in ready if r[0] is None)
        ids = _reserve_person_ids(raw_cursor, new_count)
        person_ids: list[int] = []
        people: list[tuple[Any, ...]] = []
        for r in ready:
            if r[0] is None:
                pk = next(ids)
                people.append((pk, stamp, stamp, r[3], r[4], r[2], r[5], r[6], as_date(r[7]), r[8]))
                person_ids.append(pk)
            else:
                person_ids.append(r[0])
        _insert(raw_cursor, PERSON_TABLE, PERSON_COLUMNS, people)
        del people
        updates = [r for r in ready if r[1] is not None]
        if updates:  # --on-duplicate update: the file's values win (an empty cell keeps what is stored)
            raw_cursor.executemany(
                _sql(
                    f"UPDATE {PERSON_TABLE} SET name = %s, phone_enc = COALESCE(%s, phone_enc), village_id = %s, updated_at = %s WHERE id = %s",  # noqa: S608
                    postgres,
                ),
                [(r[3], r[5], r[8], stamp, r[0]) for r in updates],
            )
            raw_cursor.executemany(
                _sql(
                    f"UPDATE {BENEFIT_TABLE} SET amount = COALESCE(%s, amount), paid_on = COALESCE(%s, paid_on), village_id = %s, updated_at = %s WHERE id = %s",  # noqa: S608
                    postgres,
                ),
                [(as_amount(r[9]), as_date(r[10]), r[8], stamp, r[1]) for r in updates],
            )
        benefits = (
            (stamp, stamp, pid, item.pk, item.year, as_amount(r[9]), as_date(r[10]), r[8], org.pk, batch.pk)
            for r, pid in zip(ready, person_ids, strict=True)
            if r[1] is None
        )
        _insert(raw_cursor, BENEFIT_TABLE, BENEFIT_COLUMNS, benefits)
    finally:
        raw_cursor.close()


def _sql(query: str, postgres: bool) -> str:
    return query if postgres else query.replace("%s", "?")


# --- Rollback and reveal ------------------------------------------------------------------


def batch_rollback(*, actor: User, batch: ImportBatch) -> int:
    """Delete the benefit records ``batch`` added (and the people left with none), audited.
    Values the batch updated (``--on-duplicate update``) stay as they are."""
    if not actor.has_perm("beneficiaries.rollback_importbatch"):
        raise PermissionDenied(_("Only the livelihood office may roll back an import."))
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != BatchStatus.SUCCEEDED:
            raise PermissionDenied(_("Only a finished import can be rolled back."))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {BENEFIT_TABLE} WHERE batch_id = %s", [batch.pk])  # noqa: S608
            removed = cursor.rowcount
            cursor.execute(
                f"DELETE FROM {PERSON_TABLE} WHERE NOT EXISTS "  # noqa: S608
                f"(SELECT 1 FROM {BENEFIT_TABLE} b WHERE b.person_id = {PERSON_TABLE}.id)"
            )
            people = cursor.rowcount
        batch.status = BatchStatus.ROLLED_BACK
        batch.save(update_fields=["status"])
        audit_event(
            actor=actor,
            action="beneficiary.import_rollback",
            target=batch,
            org=batch.org,
            data={"benefits_removed": removed, "people_removed": people, "item": batch.item.code},
        )
    return removed


@dataclass(frozen=True)
class Revealed:
    id_number: str
    phone: str


def person_reveal(*, actor: User, person: Person, request: Any = None) -> Revealed:
    """The full ID and phone number of one person the actor may see; audited (masked)."""
    if not actor.has_perm("beneficiaries.reveal_person"):
        raise PermissionDenied(_("You may not see full ID numbers."))
    if not selectors.person_list(user=actor).filter(pk=person.pk).exists():
        raise PermissionDenied
    number = person.id_number()
    with transaction.atomic():
        audit_event(
            actor=actor,
            action="beneficiary.reveal",
            target=person,
            org=person.village,
            data={"name": mask_name(person.name), "id_number": mask_id(number), "fields": ["id_number", "phone"]},
            request=request,
        )
    return Revealed(id_number=number, phone=person.phone())


# --- Corrections and removals (e.g. after a 公示 objection) ---------------------------------


def _check_can_change(actor: User, benefit: Benefit) -> None:
    if not selectors.benefit_list(user=actor).filter(pk=benefit.pk).exists():
        raise PermissionDenied(_("This record is outside your unit."))
    if not (actor.has_perm("beneficiaries.add_importbatch") or actor.has_perm("disclosures.approve_disclosure")):
        raise PermissionDenied(_("You may not change the registry."))


def benefit_correct(
    *, actor: User, benefit: Benefit, reason: str, amount: Decimal | None = None, paid_on: date | None = None
) -> Benefit:
    """Correct a benefit record's amount and/or payout date, audited with the old and new values."""
    _check_can_change(actor, benefit)
    with transaction.atomic():
        benefit = Benefit.objects.select_for_update().get(pk=benefit.pk)
        changes: dict[str, list[str | None]] = {}
        if amount is not None and amount != benefit.amount:
            changes["amount"] = [str(benefit.amount) if benefit.amount is not None else None, str(amount)]
            benefit.amount = amount
        if paid_on is not None and paid_on != benefit.paid_on:
            changes["paid_on"] = [benefit.paid_on.isoformat() if benefit.paid_on else None, paid_on.isoformat()]
            benefit.paid_on = paid_on
        if changes:
            benefit.save(update_fields=["amount", "paid_on", "updated_at"])
            audit_event(
                actor=actor,
                action="beneficiary.benefit_correct",
                target=benefit,
                org=benefit.village,
                data={"person": mask_name(benefit.person.name), "changes": changes, "reason": reason[:300]},
            )
    return benefit


def benefit_remove(*, actor: User, benefit: Benefit, reason: str) -> None:
    """Delete a benefit record found wrong (and the person if left with none), audited."""
    _check_can_change(actor, benefit)
    with transaction.atomic():
        person = benefit.person
        audit_event(
            actor=actor,
            action="beneficiary.benefit_remove",
            target=benefit,
            org=benefit.village,
            data={
                "person": mask_name(person.name),
                "item": benefit.item.code,
                "year": benefit.year,
                "amount": str(benefit.amount) if benefit.amount is not None else None,
                "reason": reason[:300],
            },
        )
        benefit.delete()
        if not person.benefits.exists():
            person.delete()


CORRECTABLE_FIELDS = ("phone", "id_number", "amount")


def benefit_correct_field(*, actor: User | None, benefit: Benefit, field: str, value: str, note: str = "") -> None:
    """Correct one detail of a benefit record or its person (a callback's approved correction).

    ``phone`` and ``id_number`` are re-encrypted (the ID's blind index, gender and birth date
    follow it); ``amount`` changes the benefit record. Audited with masked values only;
    nothing in the registry is overwritten without this event.
    """
    if field not in CORRECTABLE_FIELDS:
        raise ValueError(f"not a correctable field: {field}")
    cipher = get_cipher()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=benefit.person_id)
        before: str
        after: str
        if field == "phone":
            phone = parse_phone(value) if value.strip() else ""
            if value.strip() and not phone:
                raise ValueError(_("Not a valid phone number."))
            before, after = mask_phone(person.phone()), mask_phone(phone or "")
            person.phone_enc = cipher.encrypt(phone) if phone else None
            person.save(update_fields=["phone_enc", "updated_at"])
        elif field == "id_number":
            try:
                parsed = idcard.parse(value)
            except idcard.IdNumberError as exc:
                raise ValueError(str(exc)) from exc
            before, after = mask_id(person.id_number()), mask_id(parsed.number)
            person.id_number_enc = cipher.encrypt(parsed.number)
            person.id_index = cipher.blind_index(parsed.number)
            person.gender = parsed.gender
            person.birth_date = parsed.birth_date
            person.save(update_fields=["id_number_enc", "id_index", "gender", "birth_date", "updated_at"])
        else:
            try:
                amount = parse_amount(value)
            except ValueError:
                amount = None
            if amount is None:
                raise ValueError(_("Not a valid amount."))
            before, after = str(benefit.amount or ""), str(amount)
            Benefit.objects.filter(pk=benefit.pk).update(amount=amount, updated_at=timezone.now())
        audit_event(
            actor=actor,
            action="beneficiary.correct",
            target=person,
            org=benefit.village,
            data={"field": field, "before": before, "after": after, "benefit": benefit.pk, "note": note[:200]},
        )
