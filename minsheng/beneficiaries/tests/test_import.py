"""The roster import: every rule on a messy roster, as xlsx, xls, ods and CSV (UTF-8, BOM, GB18030)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from minsheng.beneficiaries import services
from minsheng.beneficiaries.choices import BatchStatus
from minsheng.beneficiaries.fake import person_id
from minsheng.beneficiaries.models import Benefit, ImportBatch, Person
from minsheng.beneficiaries.services import ImportUnusable, beneficiaries_import
from minsheng.core.crypto import get_cipher

from .conftest import (
    EXPECTED_IMPORTED,
    EXPECTED_REJECTED,
    EXPECTED_TOTAL,
    FIRST_DATA_ROW,
    ID_X,
    expected_codes,
    write_messy,
)

pytestmark = pytest.mark.django_db


def run(path: Path, items: Any, org_tree: Any, **kw: Any) -> services.ImportResult:
    return beneficiaries_import(actor=None, path=path, item=items["2022-13"], org=org_tree["349981101000"], **kw)


def test_messy_roster_rejects_exactly_the_bad_rows(messy_file: Path, items: Any, org_tree: Any) -> None:
    result = run(messy_file, items, org_tree)
    got: dict[int, list[str]] = {}
    for e in result.errors:
        got.setdefault(e.row, []).append(e.code)
    assert got == expected_codes()
    assert (result.rows_total, result.rows_imported, result.rows_rejected) == (
        EXPECTED_TOTAL,
        EXPECTED_IMPORTED,
        EXPECTED_REJECTED,
    )
    assert [(w.row, w.code) for w in result.warnings] == [(FIRST_DATA_ROW + 5, "phone_invalid")]
    assert all(e.message and e.column for e in result.errors)
    columns = {e.code: e.column for e in result.errors}
    assert columns["id_checksum"] == "公民身份号码" and columns["unknown_place"] == "村（居）"
    assert Person.objects.count() == EXPECTED_IMPORTED == Benefit.objects.count()
    batch = result.batch
    assert batch is not None and batch.status == BatchStatus.SUCCEEDED
    assert (batch.rows_total, batch.rows_imported, batch.rows_rejected) == (
        EXPECTED_TOTAL,
        EXPECTED_IMPORTED,
        EXPECTED_REJECTED,
    )
    assert len(batch.file_sha256) == 64
    index = get_cipher().blind_index
    people = {
        p.id_index.tobytes() if hasattr(p.id_index, "tobytes") else bytes(p.id_index): p for p in Person.objects.all()
    }
    # normalised: full width, apostrophe and lower-case x, tabs, 15-digit legacy
    assert people[index(person_id(2))].phone() == "13912345678"
    x = people[index(ID_X)]
    assert x.id_number() == ID_X and x.village.name == "李洼村"
    legacy = people[index("349981195001011235")]
    assert legacy.birth_date.isoformat() == "1950-01-01" and legacy.gender == "M" and legacy.village.name == "王集村"
    assert people[index(person_id(3))].village.name == "松林村"
    assert people[index(person_id(4))].village.name == "青山社区" and people[index(person_id(4))].phone() == ""
    merged = [people[index(person_id(16))].village.name, people[index(person_id(17))].village.name]
    assert merged == ["杨柳村", "杨柳村"]
    benefits = {b.person.id_number(): b for b in Benefit.objects.select_related("person")}
    assert benefits[person_id(0)].amount == Decimal("1200.00")
    assert benefits[person_id(2)].amount == Decimal("600.00")
    assert benefits[ID_X].amount == Decimal("800.00")
    assert benefits[person_id(6)].amount is None and benefits[person_id(6)].paid_on is None
    for pid in (0, 2, 3, 4, 5):
        assert benefits[person_id(pid)].paid_on.isoformat() == "2022-06-05"
    assert benefits[ID_X].paid_on.isoformat() == "2022-06-05"
    assert benefits[person_id(0)].year == 2022 and benefits[person_id(0)].source_org.code == "349981101000"


def test_messages_are_chinese(tmp_path: Path, items: Any, org_tree: Any) -> None:
    result = run(write_messy(tmp_path / "r.xlsx"), items, org_tree)
    messages = {e.code: e.message for e in result.errors}
    assert "校验" in messages["id_checksum"]
    assert "塔下村" in messages["unknown_place"] and "青山镇" in messages["unknown_place"]


def test_rerun_is_idempotent_and_skips(tmp_path: Path, items: Any, org_tree: Any) -> None:
    path = write_messy(tmp_path / "r.xlsx")
    run(path, items, org_tree)
    before = sorted(Benefit.objects.values_list("person_id", "item_id", "amount", "paid_on", "village_id"))
    again = run(path, items, org_tree)
    assert (again.rows_imported, again.rows_skipped, again.rows_rejected) == (0, EXPECTED_IMPORTED, EXPECTED_REJECTED)
    assert sorted(Benefit.objects.values_list("person_id", "item_id", "amount", "paid_on", "village_id")) == before
    assert ImportBatch.objects.count() == 2


def test_on_duplicate_update_and_error(tmp_path: Path, items: Any, org_tree: Any) -> None:
    path = write_messy(tmp_path / "r.xlsx")
    run(path, items, org_tree)
    Benefit.objects.update(amount=Decimal(1))
    updated = run(path, items, org_tree, on_duplicate="update")
    assert updated.rows_updated == EXPECTED_IMPORTED and updated.rows_imported == 0
    assert Benefit.objects.filter(amount=Decimal(1)).count() == 3  # rows without an amount in the file
    errored = run(path, items, org_tree, on_duplicate="error")
    assert errored.rows_rejected == EXPECTED_REJECTED + EXPECTED_IMPORTED
    assert sum(e.code == "duplicate_existing" for e in errored.errors) == EXPECTED_IMPORTED


def test_another_item_adds_a_benefit_to_the_same_people(tmp_path: Path, items: Any, org_tree: Any) -> None:
    path = write_messy(tmp_path / "r.xlsx")
    run(path, items, org_tree)
    other = beneficiaries_import(actor=None, path=path, item=items["2022-07"], org=org_tree["349981101000"])
    assert other.rows_imported == EXPECTED_IMPORTED
    assert Person.objects.count() == EXPECTED_IMPORTED and Benefit.objects.count() == 2 * EXPECTED_IMPORTED


def test_dry_run_stores_nothing(tmp_path: Path, items: Any, org_tree: Any) -> None:
    result = run(write_messy(tmp_path / "r.csv"), items, org_tree, dry_run=True)
    assert result.rows_imported == EXPECTED_IMPORTED and result.batch is None
    assert not Person.objects.exists() and not ImportBatch.objects.exists()


def test_failure_mid_batch_stores_nothing(tmp_path: Path, items: Any, org_tree: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(services, "WRITE_CHUNK", 3)
    real = services.write_chunk
    calls = {"n": 0}

    def failing(*args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        real(*args)

    monkeypatch.setattr(services, "write_chunk", failing)
    with pytest.raises(RuntimeError):
        run(write_messy(tmp_path / "r.xlsx"), items, org_tree)
    assert calls["n"] == 3
    assert not Person.objects.exists() and not Benefit.objects.exists()
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.FAILED and "disk full" in batch.message


def test_people_registered_after_an_import_get_fresh_ids(tmp_path: Path, items: Any, org_tree: Any) -> None:
    """The import takes a block of ids at once; the next person saved by the ORM is past it."""
    run(write_messy(tmp_path / "r.xlsx"), items, org_tree)
    imported = set(Person.objects.values_list("pk", flat=True))
    assert len(imported) == EXPECTED_IMPORTED
    cipher = get_cipher()
    later = Person.objects.create(
        name="钱七",
        id_number_enc=cipher.encrypt(person_id(40)),
        id_index=cipher.blind_index(person_id(40)),
        gender="F",
        birth_date=date(1970, 1, 1),
        village=org_tree["349981101201"],
    )
    assert later.pk not in imported and later.pk > max(imported)
    again = beneficiaries_import(
        actor=None, path=write_messy(tmp_path / "r.csv"), item=items["2022-07"], org=org_tree["349981000000"]
    )
    # city-wide, the 塔下村 row is found too: one more new person, numbered after 钱七
    assert again.rows_imported == EXPECTED_IMPORTED + 1
    assert Person.objects.count() == EXPECTED_IMPORTED + 2
    assert Person.objects.order_by("-pk").values_list("pk", flat=True)[0] > later.pk


def test_village_outside_the_org_and_village_org(tmp_path: Path, items: Any, org_tree: Any) -> None:
    path = write_messy(tmp_path / "r.csv")
    # the whole city: 塔下村 (白塔镇) is found now
    city = beneficiaries_import(actor=None, path=path, item=items["2022-13"], org=org_tree["349981000000"])
    assert "unknown_place" not in {e.code for e in city.errors}
    # one village: every other village is outside
    village = beneficiaries_import(
        actor=None, path=path, item=items["2022-07"], org=org_tree["349981101201"], dry_run=True
    )
    assert village.rows_imported == 2  # the 张庄村 and 张庄 rows


def test_explicit_mapping(tmp_path: Path, items: Any, org_tree: Any) -> None:
    path = tmp_path / "m.csv"
    path.write_text(f"户,证,居住地\n张伟,{person_id(0)},张庄村\n", encoding="utf-8")
    with pytest.raises(ImportUnusable):
        run(path, items, org_tree)
    result = run(path, items, org_tree, mapping={"户": "name", "证": "id_number", "居住地": "village"})
    assert result.rows_imported == 1


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01garbage\xff\xfe" * 10, "标题\n没有表头\n".encode()],
    ids=["unreadable", "no-header"],
)
def test_unusable_files(tmp_path: Path, items: Any, org_tree: Any, content: bytes) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportUnusable) as exc:
        run(path, items, org_tree)
    assert exc.value.reason
    assert ImportBatch.objects.get().status == BatchStatus.FAILED


def test_rollback_removes_the_batch(tmp_path: Path, items: Any, org_tree: Any, users: Any) -> None:
    from django.core.exceptions import PermissionDenied

    from minsheng.core.models import AuditEvent

    path = write_messy(tmp_path / "r.xlsx")
    first = run(path, items, org_tree)
    second = beneficiaries_import(actor=None, path=path, item=items["2022-07"], org=org_tree["349981101000"])
    with pytest.raises(PermissionDenied):
        services.batch_rollback(actor=users["qingshan"], batch=second.batch)
    assert services.batch_rollback(actor=users["coord"], batch=second.batch) == EXPECTED_IMPORTED
    assert Benefit.objects.count() == EXPECTED_IMPORTED and Person.objects.count() == EXPECTED_IMPORTED
    services.batch_rollback(actor=users["coord"], batch=first.batch)
    assert not Benefit.objects.exists() and not Person.objects.exists()
    assert ImportBatch.objects.get(pk=first.batch.pk).status == BatchStatus.ROLLED_BACK
    assert AuditEvent.objects.filter(action="beneficiary.import_rollback").count() == 2


def test_stale_running_batch_shows_failed(items: Any, org_tree: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    batch = services.batch_start(
        actor=None, item=items["2022-13"], org=org_tree["349981101000"], file_name="x.xlsx", sha256="0" * 64
    )
    assert batch.effective_status == BatchStatus.RUNNING
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(hours=3))
    batch.refresh_from_db()
    assert batch.effective_status == BatchStatus.FAILED


def test_demo_roster_ids_are_distinct_valid_and_of_both_genders() -> None:
    from minsheng.core.idcard import parse

    ids = [person_id(i) for i in range(60_000)]
    assert len(set(ids)) == len(ids)
    genders = [parse(x).gender for x in ids[:2000]]
    assert 800 < genders.count("M") < 1200


def test_import_stopped_by_sigterm_stores_nothing_and_fails_its_batch(
    tmp_path: Path, items: Any, org_tree: Any, monkeypatch: Any
) -> None:
    """``kill`` (SIGTERM) in the middle of the write: rolled back, the batch marked failed."""
    import os
    import signal

    from django.core.management import call_command

    real = services.write_chunk

    def killed(*args: Any) -> None:
        real(*args)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(services, "write_chunk", killed)
    before = signal.getsignal(signal.SIGTERM)
    path = write_messy(tmp_path / "r.xlsx")
    with pytest.raises(SystemExit) as stopped:
        call_command("import_beneficiaries", str(path), "--item", "2022-13", "--org", "349981101000")
    assert stopped.value.code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is put back
    assert not Person.objects.exists() and not Benefit.objects.exists()
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.FAILED and batch.message == "导入在完成前被中止，未保存任何数据。"


def test_command_prints_each_problem_in_chinese(tmp_path: Path, items: Any, org_tree: Any) -> None:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "import_beneficiaries",
        str(write_messy(tmp_path / "r.csv")),
        "--item",
        "2022-13",
        "--org",
        "349981101000",
        stdout=out,
    )
    text = out.getvalue()
    checksum_row = next(row for row, codes in expected_codes().items() if codes == ["id_checksum"])
    assert f"第 {checksum_row} 行［公民身份号码］id_checksum：" in text
    assert f"第 {FIRST_DATA_ROW + 5} 行［手机号码］phone_invalid：" in text
    assert text.count("行［") == EXPECTED_REJECTED + 1  # every rejected row and the one warning
