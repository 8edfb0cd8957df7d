"""Scoping, reveal (permission + audit), the database never holding an ID or phone in clear,
the command's --json and exit codes, and the back-office upload → task → result flow."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from python_calamine import CalamineWorkbook

from minsheng.beneficiaries import selectors, services
from minsheng.beneficiaries.fake import person_id
from minsheng.beneficiaries.models import Benefit, ImportBatch, Person
from minsheng.core.models import AuditEvent, Notice

from .conftest import EXPECTED_IMPORTED, EXPECTED_REJECTED, EXPECTED_TOTAL, write_messy

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(tmp_path: Path, items: Any, org_tree: Any, users: Any) -> dict[str, Any]:
    """The messy roster for 青山镇 (item 2022-13, 民政局) and one 白塔镇 person (item 2022-03, 教育局)."""
    services.beneficiaries_import(
        actor=None, path=write_messy(tmp_path / "r.xlsx"), item=items["2022-13"], org=org_tree["349981101000"]
    )
    baita = tmp_path / "baita.csv"
    baita.write_text(f"姓名,身份证号,村名,联系电话\n高山,{person_id(500)},塔下村,13700001111\n", encoding="utf-8")
    services.beneficiaries_import(actor=None, path=baita, item=items["2022-03"], org=org_tree["349981102000"])
    return users


def test_town_users_see_only_their_town(loaded: Any) -> None:
    qingshan = selectors.person_list(user=loaded["qingshan"])
    baita = selectors.person_list(user=loaded["baita"])
    assert qingshan.count() == EXPECTED_IMPORTED and baita.count() == 1
    assert not qingshan.filter(village__name="塔下村").exists()
    assert not baita.filter(village__parent__code="349981101000").exists()
    assert selectors.person_list(user=loaded["coord"]).count() == EXPECTED_IMPORTED + 1
    assert selectors.person_list(user=loaded["zhangzhuang"]).count() == 2  # 张庄村's own rows


def test_departments_see_only_their_items(loaded: Any) -> None:
    assert selectors.person_list(user=loaded["minzheng"]).count() == EXPECTED_IMPORTED
    assert set(selectors.benefit_list(user=loaded["minzheng"]).values_list("item__code", flat=True)) == {"2022-13"}
    assert list(selectors.person_list(user=loaded["jiaoyu"]).values_list("name", flat=True)) == ["高山"]


def test_search_by_name_and_by_full_id(loaded: Any) -> None:
    coord = loaded["coord"]
    assert [p.name for p in selectors.person_list(user=coord, query="张伟")] == ["张伟"]
    by_id = selectors.person_list(user=coord, query=person_id(0).lower())
    assert [p.name for p in by_id] == ["张伟"]
    assert not selectors.person_list(user=loaded["baita"], query=person_id(0)).exists()


def test_reveal_needs_the_permission_and_is_audited(loaded: Any) -> None:
    person = Person.objects.get(name="张伟")
    with pytest.raises(PermissionDenied):
        services.person_reveal(actor=loaded["zhangzhuang"], person=person)  # village staff: masked only
    with pytest.raises(PermissionDenied):
        services.person_reveal(actor=loaded["baita"], person=person)  # outside the town
    revealed = services.person_reveal(actor=loaded["qingshan"], person=person)
    assert revealed.id_number == person_id(0) and revealed.phone == "13800138000"
    event = AuditEvent.objects.get(action="beneficiary.reveal")
    assert event.actor == loaded["qingshan"] and event.target_id == str(person.pk)
    assert event.data["id_number"] == person_id(0)[:6] + "********" + person_id(0)[-4:]
    assert person_id(0) not in json.dumps(event.data) and event.data["name"] == "张*"


def _dump_database() -> str:
    """Every row of every table as text (SQLite: iterdump; PostgreSQL: each row cast to text)."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608
            parts.extend(r[0] for r in cursor.fetchall())
    return "\n".join(parts)


def test_no_id_or_phone_in_clear_in_the_database(loaded: Any) -> None:
    assert Person.objects.count() == EXPECTED_IMPORTED + 1
    services.person_reveal(actor=loaded["coord"], person=Person.objects.get(name="张伟"))
    dump = _dump_database()
    assert "张伟" in dump  # names are in clear (公示), the dump is real
    secrets = [person_id(i) for i in (0, 2, 3, 4, 16, 500)] + ["13800138000", "13912345678", "13700001111"]
    for secret in secrets:
        for form in (
            secret,
            secret.encode().hex(),
            secret.encode().hex().upper(),
            secret[:6] + secret[6:14] + secret[14:],
        ):
            assert form not in dump, secret


def test_command_json_and_exit_codes(tmp_path: Path, items: Any, org_tree: Any) -> None:
    path = write_messy(tmp_path / "r.csv", "gb18030")
    out = io.StringIO()
    call_command(
        "import_beneficiaries",
        str(path),
        "--item",
        "2022-13",
        "--org",
        "349981101000",
        "--json",
        "--error-report",
        str(tmp_path / "bad.xlsx"),
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert set(data) == {
        "rows_total",
        "rows_imported",
        "rows_rejected",
        "rows_updated",
        "rows_skipped",
        "errors",
        "warnings",
        "batch",
    }
    assert (data["rows_total"], data["rows_imported"], data["rows_rejected"]) == (
        EXPECTED_TOTAL,
        EXPECTED_IMPORTED,
        EXPECTED_REJECTED,
    )
    assert set(data["errors"][0]) == {"row", "column", "code", "message"}
    assert data["batch"] == ImportBatch.objects.get().pk
    rows = CalamineWorkbook.from_path(str(tmp_path / "bad.xlsx")).get_sheet_by_index(0).to_python()
    assert len(rows) == EXPECTED_REJECTED + 1 and rows[0][:3] == ["序号", "受益人姓名", "公民身份号码"]
    for args in (["--item", "2031-01", "--org", "349981101000"], ["--item", "2022-13", "--org", "000"]):
        out = io.StringIO()
        with pytest.raises(SystemExit) as exc:
            call_command("import_beneficiaries", str(path), *args, "--json", stdout=out, stderr=io.StringIO())
        assert exc.value.code == 2 and json.loads(out.getvalue())["error"]
    nothing = tmp_path / "empty.csv"
    nothing.write_text("只有标题\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        call_command(
            "import_beneficiaries",
            str(nothing),
            "--item",
            "2022-13",
            "--org",
            "349981101000",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert exc.value.code == 2


def test_admin_upload_task_result_and_error_report(
    tmp_path: Path, client: Any, users: Any, items: Any, org_tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(users["qingshan"])
    path = write_messy(tmp_path / "r.xlsx")
    with django_capture_on_commit_callbacks(execute=True), path.open("rb") as fh:
        response = client.post(
            reverse("beneficiaries_import"),
            {
                "file": fh,
                "item": items["2022-13"].pk,
                "org": org_tree["349981101000"].pk,
                "on_duplicate": "skip",
                "sheet": "",
                "mapping": "",
            },
        )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("beneficiaries_batch", args=[batch.pk])
    assert (batch.status, batch.rows_imported, batch.rows_rejected) == (
        "succeeded",
        EXPECTED_IMPORTED,
        EXPECTED_REJECTED,
    )
    assert batch.stored_file == "" and not any(Path(services.private_upload_root()).rglob("*.xlsx"))
    notice = Notice.objects.get(user=users["qingshan"], kind="beneficiary.import")
    assert notice.title == f"花名册导入完成：r.xlsx，导入 {EXPECTED_IMPORTED} 行，未通过 {EXPECTED_REJECTED} 行"
    assert notice.url == reverse("beneficiaries_batch", args=[batch.pk])
    status = client.get(reverse("beneficiaries_batch_status", args=[batch.pk])).json()
    assert status["finished"] and status["percent"] == 100
    page = client.get(reverse("beneficiaries_batch", args=[batch.pk])).content.decode()
    assert "id_checksum" in page and "unknown_place" in page
    assert "<th>列</th>" in page and "<th>栏目</th>" not in page  # a spreadsheet column, not a portal one
    report = client.get(reverse("beneficiaries_batch_errors", args=[batch.pk]))
    report_path = tmp_path / "report.xlsx"
    report_path.write_bytes(report.content)
    rows = CalamineWorkbook.from_path(str(report_path)).get_sheet_by_index(0).to_python()
    assert len(rows) == EXPECTED_REJECTED + 1 and any("校验" in str(r[-1]) or "check" in str(r[-1]) for r in rows[1:])
    # the people list (masked) and a person's page
    listing = client.get(reverse("beneficiaries_index")).content.decode()
    assert "张*" in listing and person_id(0) not in listing
    person = Person.objects.get(name="张伟")
    detail = client.post(reverse("beneficiaries_person", args=[person.pk])).content.decode()
    assert person_id(0) in detail and AuditEvent.objects.filter(action="beneficiary.reveal").count() == 1
    # another town may neither see the batch nor the person
    client.force_login(users["baita"])
    assert client.get(reverse("beneficiaries_batch", args=[batch.pk])).status_code == 404
    assert client.get(reverse("beneficiaries_person", args=[person.pk])).status_code == 404


def test_upload_limits_and_scope(client: Any, users: Any, items: Any, org_tree: Any, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMPORT_MAX_UPLOAD_MB = 0
    client.force_login(users["qingshan"])
    upload = SimpleUploadedFile("r.csv", b"x" * 10)
    response = client.post(
        reverse("beneficiaries_import"),
        {"file": upload, "item": items["2022-13"].pk, "org": org_tree["349981102000"].pk, "on_duplicate": "skip"},
    )
    form = response.context["form"]
    assert "file" in form.errors and "org" in form.errors  # too large; 白塔镇 is not qingshan's
    assert not ImportBatch.objects.exists()
    settings.IMPORT_MAX_UPLOAD_MB = 1
    for name, accepted in (("r.pdf", False), ("r.exe", False), ("r.txt", True), ("r.ODS", True)):
        response = client.post(
            reverse("beneficiaries_import"),
            {"file": SimpleUploadedFile(name, b"x"), "item": items["2022-13"].pk, "org": 0, "on_duplicate": "skip"},
        )
        assert ("file" not in response.context["form"].errors) is accepted, name
    assert not ImportBatch.objects.exists()
    client.force_login(users["zhangzhuang"])
    assert client.get(reverse("beneficiaries_import")).status_code in (302, 403)  # Wagtail: denied
    assert Benefit.objects.count() == 0


def test_a_background_import_that_fails_tells_the_uploader(
    tmp_path: Path, users: Any, items: Any, org_tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        batch = services.batch_submit_upload(
            actor=users["qingshan"],
            upload=SimpleUploadedFile("坏文件.xlsx", b"not a spreadsheet"),
            item=items["2022-13"],
            org=org_tree["349981101000"],
        )
    batch.refresh_from_db()
    assert batch.status == "failed"
    notice = Notice.objects.get(user=users["qingshan"], kind="beneficiary.import")
    assert notice.title == "花名册导入失败：坏文件.xlsx" and notice.body == batch.message != ""
