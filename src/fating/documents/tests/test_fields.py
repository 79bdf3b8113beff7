"""Documents right to the field: every registered kind is rendered (DOCX and PDF) from realistic
data and its text read back, so each party appears with the right role, and the case number,
amounts and dates appear as the court writes them.

Two layers of checks:
- derived from the kind's own schema: every party record as "称谓：姓名", every date field in
  figures (body) or Chinese numerals (落款), every datetime as 2026年4月10日下午2时30分, every
  amount as 1,050.00元, the case number verbatim; no ISO date, "None" or template tag leaks out;
- the exact lines in `EXPECTED`, written out by hand for each kind. A kind registered without an
  entry there fails `test_every_kind_has_field_expectations`, so no new kind goes untested.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from fating.documents.kinds import all_kinds, get_kind
from fating.documents.rules import (
    Field,
    date_chinese,
    date_figures,
    datetime_figures,
    validate_context,
    yuan,
)
from fating.documents.tests.conftest import rendered
from fating.documents.tests.factories import context_for

KINDS = [spec.kind for spec in all_kinds()]

CASE_NUMBER = "（2026）鲁0399民初345号"
COURT = "青禾县人民法院"

# Every kind: the lines (DOCX paragraphs, or table rows as "label｜value") that must appear.
EXPECTED: dict[str, list[str]] = {
    "mediation_agreement": [
        "编号：东岭调字〔2026〕第12号",
        "甲方：张建国，男，1978年5月12日出生，汉族，公民身份号码370302197805121234，"
        "住山东省青禾县东岭镇李家庄村。",
        "乙方：青禾县丰收农资有限公司，统一社会信用代码91370399MA3C5XYZ1K，"
        "住所地山东省青禾县东岭镇工业园区8号。",
        "法定代表人（负责人）：王立新，总经理。",
        "委托诉讼代理人：赵磊，山东青禾律师事务所律师。",
        "上述款项合计50,000.00元（大写：人民币伍万元整）。",
        "第一期｜2026年4月30日｜20,000.00元｜",
        "第二期｜2026年6月30日｜30,000.00元｜尾款",
        "由甲方通过银行转账支付至乙方指定账户。全部义务于2026年6月30日前履行完毕。",
        "本协议一式三份，各方当事人各执一份，青禾县东岭镇李家庄村人民调解委员会留存一份。",
        "甲方（签名、盖章或按指印）：张建国",
        "乙方（签名、盖章或按指印）：青禾县丰收农资有限公司",
        "调解员（签名）：王秀兰",
        "二〇二六年三月一日",
    ],
    "confirmation_application": [
        "申请人：张建国，男，1978年5月12日出生，汉族，公民身份号码370302197805121234，"
        "住山东省青禾县东岭镇李家庄村。",
        "申请人：青禾县丰收农资有限公司，统一社会信用代码91370399MA3C5XYZ1K，"
        "住所地山东省青禾县东岭镇工业园区8号。",
        "确认申请人张建国、青禾县丰收农资有限公司于2026年3月1日经青禾县东岭镇李家庄村"
        "人民调解委员会主持调解达成的调解协议有效。",
        COURT,
        "申请人（签名或盖章）：张建国",
        "申请人（签名或盖章）：青禾县丰收农资有限公司",
        "二〇二六年三月五日",
    ],
    "confirmation_ruling": [
        COURT,
        "民事裁定书",
        "（2026）鲁0399民特12号",
        "申请人：张建国，男，1978年5月12日出生，汉族，公民身份号码370302197805121234，"
        "住山东省青禾县东岭镇李家庄村。",
        "申请人：青禾县丰收农资有限公司，统一社会信用代码91370399MA3C5XYZ1K，"
        "住所地山东省青禾县东岭镇工业园区8号。",
        "申请人张建国、青禾县丰收农资有限公司于2026年3月5日向本院申请司法确认调解协议。"
        "本院于2026年3月6日立案后，依法指定审判员刘明进行了审查。现已审查终结。",
        "申请人张建国、青禾县丰收农资有限公司于2026年3月1日经青禾县东岭镇李家庄村"
        "人民调解委员会主持调解达成的调解协议有效。",
        "审　判　员　　刘明",
        "二〇二六年三月十二日",
        "书　记　员　　陈静",
    ],
    "investigation_order": [
        COURT,
        "调　查　令",
        "（2026）鲁0399调查令3号",
        "青禾县农村商业银行：",
        "本院在审理（2026）鲁0399民初345号民间借贷纠纷一案中，张三的委托诉讼代理人赵磊因客观原因"
        "不能自行收集有关证据，申请本院签发调查令。经审查，本院准许其持本令向你（单位）调查收集下列证据。",
        f"案号｜{CASE_NUMBER}",
        "证据持有人｜青禾县农村商业银行",
        "持令人｜赵磊",
        "委托人｜张三",
        "调查范围｜李四账户2025年3月的交易明细",
        "有效期｜自2026年4月10日起至2026年4月27日止",
        "审　判　员　　刘明",
        "二〇二六年四月十日",
    ],
    "summons": [
        COURT,
        CASE_NUMBER,
        f"案号｜{CASE_NUMBER}",
        "案由｜民间借贷纠纷",
        "被传唤人｜李四",
        "工作单位或住址｜山东省青禾县东岭镇李家庄村",
        "传唤事由｜开庭审理",
        "应到时间｜2026年4月10日下午2时30分",
        "应到处所｜青禾县人民法院东岭人民法庭第一审判庭",
        "审　判　员　　刘明",
        "书　记　员　　陈静",
        "二〇二六年三月二十日",
    ],
    "acceptance_notice": [
        COURT,
        CASE_NUMBER,
        "张三：",
        "你（单位）诉李四民间借贷纠纷一案的起诉状已收到。经审查，起诉符合法定受理条件，"
        "本院决定立案审理。现将有关事项通知如下：",
        "二、应在接到本通知书之次日起七日内向本院预交案件受理费1,050.00元"
        "（大写：人民币壹仟零伍拾元整）。期满不预交也不提出缓交、减交、免交申请的，"
        "本院将按撤诉处理。",
        "联系人：陈静，联系电话：0539-1234567。",
        "二〇二六年三月十五日",
    ],
    "service_certificate": [
        COURT,
        "案由｜民间借贷纠纷",
        f"案号｜{CASE_NUMBER}",
        "送达文书名称及件数｜传票1份；起诉状副本1份",
        "受送达人｜李四",
        "送达地点｜山东省青禾县东岭镇李家庄村",
        "送达人｜陈静",
        "签发人｜刘明",
        "二〇二六年三月二十日",
    ],
    "judicial_suggestion": [
        COURT,
        "（2026）鲁0399司建1号",
        "青禾县住房和城乡建设局：",
        "一、督促物业企业公开收费标准",
        "二、建立业主与物业的协商调解机制",
        "请于2026年5月31日前将采纳和落实情况书面回复本院。",
        "二〇二六年四月一日",
    ],
    "adjudication": [
        COURT,
        "民事判决书",
        CASE_NUMBER,
        "原告：张三。",
        "被告：李四。",
        "原告张三、被告李四民间借贷纠纷一案，本院依法审理，现已审理终结。",
        "判决如下：",
        "一、被告李四于本判决生效之日起十日内偿还原告张三借款80000元",
        "二、驳回原告张三的其他诉讼请求",
        "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于上一级人民法院。",
        "审判员　刘明",
        "二〇二六年四月二十日",
    ],
    "drafted_adjudication": [
        COURT,
        "民事判决书",
        CASE_NUMBER,
        "原告：张三。",
        "委托诉讼代理人：赵磊。",
        "被告：李四。",
        "原告张三、被告李四民间借贷纠纷一案，本院依法审理，现已审理终结。",
        "一、判令被告偿还借款80000元",
        "原告诉称，被告于2025年4月2日向原告借款80000元，到期未还。",
        "要素｜原告陈述｜被告陈述｜争议情况｜本院认定｜法律依据",
        # Two equal neighbouring cells read back once (the reader folds merged cells).
        "借贷合意及凭证｜借条｜无争议｜双方一致：借条｜民法典 第667条",
        "出借本金（元）｜80000｜60000｜有争议｜转账记录证明实际交付80000元｜民法典 第670条",
        "本院认为，关于出借本金，转账记录证明实际交付80000元。",
        "依照民法典 第667条、民法典 第670条、《中华人民共和国民事诉讼法》第六十七条的规定，判决如下：",
        "一、被告李四于本判决生效之日起十日内偿还原告张三借款80000元",
        "案件受理费1,800.00元（已减半收取），由被告李四负担。",
        "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于上一级人民法院。",
        "审判员　刘明",
        "二〇二六年四月二十日",
    ],
    "appraisal_commission": [
        "鉴定委托书",
        "（2026）鲁0399民初345号",
        "青禾县司法鉴定中心：",
        "一、借条上“李四”签名是否为李四本人书写",
        "二、借条形成时间",
        "鉴定范围和目的：查明借条的真实性",
        "鉴定期限：请于2026年6月1日前向本院提交鉴定书。",
        "鉴定费用3,000.00元，由张三预交。",
        "承办法官　刘明",
        "二〇二六年五月一日",
    ],
    "neutral_evaluation": [
        "中立评估意见书",
        "青调〔2026〕第15号",
        "申请人：张三。",
        "被申请人：李四。",
        "张三与李四民间借贷纠纷一案，经各方当事人同意，由周明德（退休法官）进行中立评估。",
        "一、借款是否已经归还",
        "二、利息约定是否有效",
        "借条真实，被申请人未能举证已经还款。",
        "可能结果：法院较可能支持偿还借款50000元",
        "本意见系中立评估人对纠纷可能结果的参考意见，不具有法律约束力，不是裁判文书，"
        "也不是调解协议；当事人可据此自愿协商，亦可继续调解或诉讼。",
        "评估人　周明德",
        "二〇二六年五月八日",
    ],
    "effect_certificate": [
        COURT,
        "生效证明书",
        "原告：张三。",
        "原告张三、被告李四民间借贷纠纷一案，本院于2026年4月20日作出的（2026）鲁0399民初345号"
        "民事判决书，已于2026年5月12日发生法律效力。",
        "特此证明。",
        "二〇二六年五月二十日",
    ],
    "enforcement_notice": [
        COURT,
        "执行通知书",
        "（2026）鲁0399执12号",
        "李四：",
        "张三申请执行（2026）鲁0399民特12号法律文书一案，本院于2026年6月2日立案。依照《中华人民共和国"
        "民事诉讼法》第二百五十一条、《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十条"
        "的规定，责令你（单位）自收到本通知之日起立即履行下列义务：",
        "一、向申请执行人张三支付50,000.00元；",
        "二、加倍支付迟延履行期间的债务利息（《中华人民共和国民事诉讼法》第二百六十四条）；",
        "三、负担申请执行费650.00元。",
        "执行员　孙强",
        "二〇二六年六月五日",
    ],
    "property_report_order": [
        COURT,
        "报告财产令",
        "（2026）鲁0399执12号",
        "李四：",
        "本院执行张三申请执行（2026）鲁0399民特12号法律文书一案，依照《中华人民共和国民事诉讼法》"
        "第二百五十二条的规定，责令你（单位）自收到本令之日起10日内，如实向本院报告当前以及收到执行通知"
        "之日前一年的财产情况：",
        "四、收到执行通知之日前一年内的财产变动情况。",
        "执行员　孙强",
        "二〇二六年六月五日",
    ],
    "enforcement_measure": [
        COURT,
        "决定书",
        "（2026）鲁0399执12号",
        "申请执行人：青禾县建材有限公司。",
        "被执行人：赵某。",
        "被执行人赵某在执行通知送达后转让名下车辆，且未按报告财产令申报财产。",
        "被执行人存在以下情形：以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行；违反财产报告制度。",
        "依照失信被执行人名单规定 第1条、第2条之规定，决定将被执行人赵某纳入失信被执行人名单，"
        "期限3年，至2029年4月19日止。",
        "二〇二六年四月二十日",
    ],
    "enforcement_in_kind_ruling": [
        COURT,
        "执行裁定书",
        "（2026）鲁0399执12号",
        "申请执行人：青禾农村商业银行股份有限公司。",
        "被执行人：杨某。",
        "本院在执行青禾农村商业银行股份有限公司申请执行（2025）鲁0399民初1033号法律文书一案中，"
        "依法对被执行人杨某所有的不动产（青禾县不动产登记中心 鲁（2021）青禾县不动产权第0012345号）"
        "进行网络司法拍卖。第2次拍卖的保留价为235,200.00元，因无人出价或者出价低于保留价而流拍。"
        "申请执行人青禾农村商业银行股份有限公司同意以该次拍卖的保留价接受该财产抵偿债务。"
        "申请执行人应受清偿的债权为200,000.00元，低于抵债财产的价额，申请执行人已于2026年5月10日"
        "向本院补交差价35,200.00元。",
        "本院认为，被执行人的财产经拍卖未能成交，申请执行人同意以该财产抵偿债务，且不损害其他债权人"
        "合法权益和社会公共利益。依照《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"
        "第四百九十条、第四百九十一条之规定，裁定如下：",
        "一、将被执行人杨某所有的不动产（青禾县不动产登记中心 鲁（2021）青禾县不动产权第0012345号）"
        "作价235,200.00元交付申请执行人青禾农村商业银行股份有限公司，抵偿债务200,000.00元；",
        "二、不动产（青禾县不动产登记中心 鲁（2021）青禾县不动产权第0012345号）的所有权自本裁定送达"
        "申请执行人青禾农村商业银行股份有限公司时起转移；",
        "三、申请执行人青禾农村商业银行股份有限公司可持本裁定书到有关登记机构办理相关产权过户登记手续。",
        "审判员　孙执",
        "二〇二六年五月十二日",
    ],
    "enforcement_objection_ruling": [
        COURT,
        "执行裁定书",
        "（2026）鲁0399执异3号",
        "异议人：赵某。",
        "本院在执行（2026）鲁0399执12号一案中，异议人赵某对将被执行人纳入失信被执行人名单提出书面异议。"
        "本院依法进行了审查，现已审查终结。",
        "异议人称：车辆系正常出售，请求撤销失信决定。",
        "本院认为：车辆转让发生在执行通知送达之后，异议理由不能成立。",
        "依照民事诉讼法 第236条之规定，裁定如下：",
        "驳回异议人赵某的异议请求。",
        "如不服本裁定，可以自本裁定送达之日起十日内向上一级人民法院申请复议。",
        "审判员　孙执",
        "二〇二六年四月二十日",
    ],
}

# Roles that must not appear in a kind at all (a joint application has no 被申请人).
FORBIDDEN: dict[str, list[str]] = {
    "confirmation_application": ["被申请人"],
    "confirmation_ruling": ["被申请人", "被告", "原告"],
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _clean(kind: str) -> dict[str, Any]:
    spec = get_kind(kind)
    assert spec is not None
    clean, errors = validate_context(spec.fields, context_for(kind))
    assert not errors, errors
    return clean


def _docx_lines(kind: str) -> list[str]:
    doc = Docx(io.BytesIO(rendered(kind, "docx")))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:  # merged cells repeat: keep each once
                if not cells or cell.text != cells[-1]:
                    cells.append(cell.text)
            lines.append("｜".join(cells))
    return lines


def _pdf_text(kind: str) -> str:
    pages = PdfReader(io.BytesIO(rendered(kind, "pdf"))).pages
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _expected_values(fields: tuple[Field, ...], context: dict[str, Any]) -> list[str]:
    """What the schema says must be printed: parties with their role, dates, amounts."""
    out: list[str] = []
    for spec in fields:
        value = context.get(spec.name)
        if value is None or value == []:
            continue
        if spec.type == "records":
            names = {item.name for item in spec.items}
            for row in value:
                if {"role", "name"} <= names:
                    out.append(f"{row['role']}：{row['name']}")
                out += _expected_values(spec.items, row)
        elif spec.type == "date":
            assert isinstance(value, date)
            out.append(date_figures(value) + "|" + date_chinese(value))
        elif spec.type == "datetime":
            assert isinstance(value, datetime)
            out.append(datetime_figures(value))
        elif spec.type == "money":
            assert isinstance(value, Decimal)
            out.append(yuan(value))
        elif spec.name in ("case_number", "number"):
            out.append(value)
    return out


def _present(expected: str, text: str) -> bool:
    return any(option in text for option in expected.split("|"))


def test_every_kind_has_field_expectations() -> None:
    missing = sorted(set(KINDS) - set(EXPECTED))
    assert not missing, f"document kinds without a field test in EXPECTED: {missing}"


@pytest.mark.parametrize("kind", KINDS)
def test_docx_has_every_line_right(kind: str) -> None:
    lines = _docx_lines(kind)
    for line in EXPECTED.get(kind, []):
        assert line in lines, (kind, line)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_schema_values_are_printed_as_the_court_writes_them(kind: str, fmt: str) -> None:
    spec = get_kind(kind)
    assert spec is not None
    text = _squeeze("\n".join(_docx_lines(kind))) if fmt == "docx" else _pdf_text(kind)
    expected = _expected_values(spec.fields, _clean(kind))
    assert expected, kind
    for value in expected:
        assert _present(_squeeze(value), text), (kind, fmt, value)
    if fmt == "pdf":
        for line in EXPECTED.get(kind, []):
            assert _squeeze(line.replace("｜", "")) in text or "｜" in line, (kind, line)
    for word in FORBIDDEN.get(kind, []):
        assert word not in text, (kind, fmt, word)
    assert not _ISO_DATE.search(text), (kind, fmt, _ISO_DATE.search(text))
    for leak in ("None", "{{", "}}", "{%"):
        assert leak not in text, (kind, fmt, leak)


@pytest.mark.parametrize("kind", KINDS)
def test_docx_and_pdf_carry_the_same_words(kind: str) -> None:
    """Both formats come from the same blocks: every DOCX paragraph is in the PDF."""
    pdf = _pdf_text(kind)
    for line in _docx_lines(kind):
        if "｜" not in line and line.strip():
            assert _squeeze(line) in pdf, (kind, line)
