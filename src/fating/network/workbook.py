"""The network workbook (xlsx): its template and reading it into rows. No database writes.

Sheets, in the order they are imported (each may refer to rows of the sheets before it):
区划 → 人民法庭 → 服务点 → 调解组织 → 调解员 → 联动部门 → 联络员. Headers are on row 1; kinds are written as
their Chinese names (e.g. 农村法庭, 法官工作室); yes/no columns take 是/否; several codes in one
cell are separated by commas or 顿号.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from fating.network.models import (
    Area,
    Department,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)

MAX_ROWS = 5000

# Sheet → (column header, the model field an error on it is reported as).
SHEETS: dict[str, list[tuple[str, str]]] = {
    "区划": [("区划代码", "code"), ("名称", "name"), ("层级", "level"),
             ("上级区划代码", "parent"), ("常住人口", "population"), ("人口年度", "year")],
    "人民法庭": [("名称", "name"), ("类型", "kind"), ("辖区镇街代码", "areas"),
                 ("地址", "address"), ("联系电话", "phone")],
    "服务点": [("名称", "name"), ("类型", "kind"), ("人民法庭", "tribunal"), ("地址", "address"),
               ("经度", "longitude"), ("纬度", "latitude"), ("覆盖区划代码", "areas"),
               ("启用日期", "opened_on"), ("对口干警账号", "paired_officer")],
    "调解组织": [("名称", "name"), ("类型", "kind"), ("区划代码", "area"),
                 ("特邀调解组织", "is_court_invited"), ("联系电话", "phone")],
    "调解员": [("姓名", "name"), ("类型", "kind"), ("调解组织", "organisation"),
               ("手机号码", "phone"), ("金牌调解员", "is_gold"), ("退休法官", "is_retired_judge")],
    "联动部门": [("名称", "name"), ("类型", "kind"), ("区划代码", "area"), ("联系电话", "phone")],
    "联络员": [("姓名", "name"), ("类型", "kind"), ("服务点", "service_point"),
               ("负责区划代码", "area"), ("手机号码", "phone"), ("聘任日期", "appointed_on"),
               ("结对干警账号", "paired_officer")],
}  # fmt: skip

KIND_CHOICES: dict[str, list[tuple[str, Any]]] = {
    "区划": list(Area.Level.choices),
    "人民法庭": list(Tribunal.Kind.choices),
    "服务点": list(ServicePoint.Kind.choices),
    "调解组织": list(MediationOrganisation.Kind.choices),
    "调解员": list(Mediator.Kind.choices),
    "联动部门": list(Department.Kind.choices),
    "联络员": list(Liaison.Kind.choices),
}


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class NetworkWorkbook:
    sheets: dict[str, Sheet]
    errors: list[RowError]


def column_of(sheet: str, field_name: str) -> str:
    """The column header an error on `field_name` is reported under ("" when none fits)."""
    for header, name in SHEETS[sheet]:
        if name == field_name:
            return header
    return ""


def kind_value(sheet: str, text: str) -> str:
    """A kind written as its Chinese name (or its code) → its code; unknown text unchanged."""
    for value, label in KIND_CHOICES[sheet]:
        if text in (str(label), value):
            return value
    return text


def template() -> bytes:
    """An empty workbook with every sheet's headers and a 说明 sheet of the allowed kinds."""
    book = Workbook()
    book.remove(book.active)
    for name, columns in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.append([header for header, _name in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    notes = book.create_sheet("说明")
    notes.append([_("工作表"), _("可填写的类型或层级")])
    for name, choices in KIND_CHOICES.items():
        notes.append([name, "、".join(str(label) for _value, label in choices)])
    notes.append([_("是否列"), _("填“是”或“否”")])
    notes.append([_("多个代码"), _("用逗号或顿号分隔")])
    notes.append([_("日期"), _("如 2024-01-31")])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(stream: IO[bytes]) -> NetworkWorkbook:
    """Read the workbook; a missing sheet is fine (nothing to import there), a missing header
    or an unreadable file is an error."""
    errors: list[RowError] = []
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        return NetworkWorkbook(
            {}, [RowError("", 0, "", _("文件无法读取，请上传按模板填写的 xlsx 文件。"))]
        )
    sheets: dict[str, Sheet] = {}
    for name, columns in SHEETS.items():
        if name not in book.sheetnames:
            continue
        rows = book[name].iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        missing = [h for h, _n in columns if h not in header]
        if missing:
            errors.append(RowError(name, 1, "、".join(missing), _("缺少表头，请使用模板。")))
            continue
        index = {h: header.index(h) for h, _n in columns}
        sheet = Sheet(name)
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                errors.append(
                    RowError(name, number, "", _("每个工作表最多 %(n)s 行。") % {"n": MAX_ROWS})
                )
                break
            cells = {h: _cell(values[i] if i < len(values) else None) for h, i in index.items()}
            if all(v in ("", None) for v in cells.values()):
                continue
            sheet.rows.append((number, cells))
        sheets[name] = sheet
    book.close()
    return NetworkWorkbook(sheets, errors)


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def as_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def as_date(value: Any) -> date | str | None:
    """A date cell: a date, None when empty, or the text when unreadable (for the error)."""
    if isinstance(value, date) or value in ("", None):
        return value or None
    try:
        return date.fromisoformat(str(value).strip().replace("/", "-"))
    except ValueError:
        return str(value)
