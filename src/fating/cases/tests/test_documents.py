"""The case's documents rendered from the records, read back field by field: 受理案件通知书 names
the plaintiff and the defendant, the case number and the fee as the court writes it; each 传票
names the summoned party, the case number and the time of the hearing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document as Docx

from fating.cases.services import documents, hearings
from fating.cases.tests.factories import accepted_case
from fating.documents.rules import date_chinese, datetime_figures, yuan_with_words
from fating.testing import Network

pytestmark = pytest.mark.django_db


def _lines(document: object) -> list[str]:
    doc = Docx(io.BytesIO(document.docx.read()))  # type: ignore[attr-defined]
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("｜".join(dict.fromkeys(cell.text for cell in row.cells)))
    return lines


def test_acceptance_notice_names_the_parties_number_and_fee(network: Network) -> None:
    case = accepted_case(network)
    notice = documents.acceptance_notice(actor=network.users["clerk"], case=case)
    lines = _lines(notice)
    assert case.number.startswith("（") and case.number in lines
    assert network.court.name in lines
    assert "张三：" in lines
    assert (
        "你（单位）诉李四民间借贷纠纷一案的起诉状已收到。经审查，起诉符合法定受理条件，"
        "本院决定立案审理。现将有关事项通知如下：" in lines
    )
    assert case.fee_due > 0
    fee = f"预交案件受理费{yuan_with_words(case.fee_due)}。"
    assert any(fee in line for line in lines), fee
    assert date_chinese(timezone.localdate()) in lines


def test_each_summons_names_its_party_and_the_hearing_time(network: Network) -> None:
    case = accepted_case(network)
    local = timezone.localtime() + timedelta(days=2)
    starts = local.replace(hour=14, minute=30, second=0, microsecond=0)
    hearing = hearings.schedule_hearing(
        actor=network.users["clerk"], case=case, mode="courtroom", courtroom="第一法庭",
        starts_at=starts, ends_at=starts + timedelta(hours=2),
    )  # fmt: skip
    summonses = documents.summonses(actor=network.users["clerk"], hearing=hearing)
    by_person = {}
    for summons in summonses:
        lines = _lines(summons)
        person = next(line.split("｜")[1] for line in lines if line.startswith("被传唤人｜"))
        by_person[person] = lines
    assert sorted(by_person) == ["张三", "李四"]
    for lines in by_person.values():
        assert f"案号｜{case.number}" in lines and case.number in lines
        assert "案由｜民间借贷纠纷" in lines
        assert f"应到时间｜{datetime_figures(starts)}" in lines
        assert "应到处所｜第一法庭" in lines
        assert f"审　判　员　　{case.judge.display_name}" in lines
    assert "工作单位或住址｜甲县甲镇甲村" in by_person["张三"]
    assert "工作单位或住址｜甲县乙村" in by_person["李四"]
    assert datetime_figures(starts).endswith("下午2时30分")
