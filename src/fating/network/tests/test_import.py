"""The network workbook: from an empty database a court administrator builds a small county;
a bad row names its sheet, row and column and nothing is written; the dry run writes nothing."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from fating.accounts.models import Role
from fating.core.models import AuditEvent
from fating.network import importing, services, workbook
from fating.network.models import (
    Area,
    Court,
    Department,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)
from fating.testing import UserFactory, client_for, member

pytestmark = pytest.mark.django_db

COUNTY = {
    "区划": [
        ["370321", "青禾县", "县（区）", "", 320000, 2024],
        ["370321100", "东岭镇", "镇（街道）", "370321", 41000, 2024],
        ["370321100201", "李家庄村", "村（社区）", "370321100", 1800, 2024],
        ["370321101", "西河街道", "镇（街道）", "370321", "", ""],
    ],
    "人民法庭": [["东岭人民法庭", "农村法庭", "370321100", "东岭镇政府路1号", "0533-1234567"],
                 ["城区巡回法庭", "巡回法庭", "370321101", "", ""]],
    "服务点": [
        ["李家庄村服务点", "村居", "东岭人民法庭", "李家庄村委会", 118.1, 36.8, "370321100201",
         date(2024, 3, 1), ""],
        ["工业园诉讼服务站", "诉讼服务站", "城区巡回法庭", "", "118.2", "36.7", "", "2024-04-01", ""],
        ["东岭法官工作室", "法官工作室", "东岭人民法庭", "", 118.15, 36.75, "", "2024-05-01", ""],
    ],
    "调解组织": [["李家庄村人民调解委员会", "村（居）人民调解委员会", "370321100201", "否", ""],
                 ["青禾县律师调解工作室", "律师调解工作室", "", "是", "0533-7654321"]],
    "调解员": [["王大姐", "人民调解员", "李家庄村人民调解委员会", "13800000001", "是", "否"],
               ["赵法官", "特邀调解员", "青禾县律师调解工作室", "", "否", "是"]],
    "联动部门": [["东岭派出所", "派出所", "370321100", "0533-110"],
                 ["青禾县司法局东岭司法所", "司法所", "370321100", ""]],
    "联络员": [["李书记", "村居书记", "李家庄村服务点", "370321100201", "13800000002",
                "2024-03-01", ""]],
}  # fmt: skip


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append([header for header, _field in workbook.SHEETS[name]])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client: object, court: Court, data: bytes, *, dry_run: bool) -> object:
    file = SimpleUploadedFile("network.xlsx", data, content_type=workbook.__name__)
    body = {"court": court.pk, "file": file, **({"dry_run": "on"} if dry_run else {})}
    return client.post("/network/admin/import/", body)  # type: ignore[attr-defined]


def counts() -> tuple[int, ...]:
    models = (Area, Tribunal, ServicePoint, MediationOrganisation, Mediator, Liaison, AuditEvent)
    return tuple(m.objects.count() for m in models)


def test_court_admin_builds_a_county_from_an_empty_database(tmp_path: Path) -> None:
    assert not Court.objects.exists() and not Area.objects.exists()
    root = UserFactory(username="root", is_superuser=True)
    court = services.create_court(actor=root, name="青禾县人民法院", code="鲁0321",
                                  area_code="370321", area_name="青禾县")  # fmt: skip
    admin = member(Role.COURT_ADMIN, court=court)
    client = client_for(admin)
    home = client.get("/").content.decode()
    assert "/network/admin/" in home
    template = client.get("/network/admin/import/template.xlsx")
    assert set(workbook.SHEETS) <= set(load_workbook(io.BytesIO(template.content)).sheetnames)

    before = counts()
    preview = upload(client, court, xlsx(COUNTY), dry_run=True)
    assert preview.status_code == 200 and "预览通过" in preview.content.decode()
    assert counts() == before  # the dry run wrote nothing

    done = upload(client, court, xlsx(COUNTY), dry_run=False)
    assert "导入完成" in done.content.decode()
    assert Area.objects.count() == 4
    county = Area.objects.get(code="370321")
    assert (county.population, county.population_year) == (320000, 2024)
    assert Tribunal.objects.get(name="城区巡回法庭").kind == Tribunal.Kind.CIRCUIT
    studio = ServicePoint.objects.get(name="东岭法官工作室")
    assert studio.kind == ServicePoint.Kind.JUDGE_STUDIO and studio.tribunal.court == court
    assert list(
        ServicePoint.objects.get(name="李家庄村服务点").areas.values_list("code", flat=True)
    ) == ["370321100201"]
    assert MediationOrganisation.objects.get(name="青禾县律师调解工作室").is_court_invited
    assert Mediator.objects.get(name="赵法官").is_retired_judge
    assert Mediator.objects.get(name="王大姐").is_gold
    assert Liaison.objects.get(name="李书记").appointed_on == date(2024, 3, 1)
    assert Department.objects.get(name="东岭派出所").kind == Department.Kind.POLICE_STATION
    assert AuditEvent.objects.filter(action="network.import").count() == 1

    # Importing the same file again changes nothing; the command agrees on a dry run.
    path = tmp_path / "county.xlsx"
    path.write_bytes(xlsx(COUNTY))
    written = counts()
    call_command("network_import", str(path), court="鲁0321", user=admin.username)
    out = io.StringIO()
    call_command("network_import", str(path), court="鲁0321", dry_run=True, stdout=out)
    assert "预览通过" in out.getvalue()
    assert counts()[:6] == written[:6]


def test_bad_rows_are_reported_by_sheet_row_and_column_and_nothing_is_written() -> None:
    root = UserFactory(is_superuser=True)
    court = services.create_court(actor=root, name="青禾县人民法院", code="鲁0321",
                                  area_code="370321", area_name="青禾县")  # fmt: skip
    bad = {
        **COUNTY,
        "服务点": [*COUNTY["服务点"], ["坏点", "山洞", "不存在法庭", "", 200, 36, "", "", ""]],
        "调解员": [*COUNTY["调解员"], ["钱调解", "人民调解员", "李家庄村人民调解委员会",
                                     "123", "也许", "否"]],
    }  # fmt: skip
    before = counts()
    report = importing.import_network(
        actor=root, court=court, book=workbook.read(io.BytesIO(xlsx(bad)))
    )
    assert counts() == before
    found = {(e.sheet, e.row, e.column) for e in report.errors}
    assert ("服务点", 5, "人民法庭") in found
    assert ("调解员", 4, "金牌调解员") in found
    assert all(e.message for e in report.errors)
    # A file that is not a workbook is one error, not a crash.
    junk = importing.import_network(
        actor=root, court=court, book=workbook.read(io.BytesIO(b"nope"))
    )
    assert junk.errors and junk.errors[0].message.startswith("文件无法读取")
    # The command exits non-zero and names the problems.
    admin = member(Role.COURT_ADMIN, court=court)
    other_admin = member(Role.COURT_ADMIN, court=services.create_court(
        actor=root, name="乙县人民法院", code="鲁0322", area_code="370322", area_name="乙县"))  # fmt: skip
    client = client_for(other_admin)
    response = upload(client, court, xlsx(COUNTY), dry_run=True)
    assert response.status_code == 200 and "court" in response.context["form"].errors
    assert admin.pk and not Tribunal.objects.exists()
    with pytest.raises(CommandError):
        call_command("network_import", "/nonexistent.xlsx", court="鲁0321")
