"""DOCX and PDF output: Chinese text really there, CJK font embedded, layout essentials."""

from __future__ import annotations

import io

import pytest
from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

from fating.documents import render
from fating.documents.kinds import all_kinds
from fating.documents.tests.conftest import rendered

KINDS = [spec.kind for spec in all_kinds()]


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    doc = Docx(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_confirmation_ruling_pdf_contains_the_chinese_text() -> None:
    text = _pdf_text(rendered("confirmation_ruling", "pdf")).replace("\n", "")
    assert "民事裁定书" in text
    assert "（2026）鲁0399民特12号" in text
    assert "申请人张建国" in text
    assert "第二百零五条、第二百零六条" in text
    assert "二〇二六年三月十二日" in text


def test_pdf_embeds_the_simplified_chinese_noto_font() -> None:
    reader = PdfReader(io.BytesIO(rendered("confirmation_ruling", "pdf")))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = []
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            embedded.append(str(font["/BaseFont"]))
    assert embedded and all(
        "NotoSerifCJKSC" in name.replace("-", "").replace(" ", "") for name in embedded
    ), embedded


def test_pdf_page_is_a4() -> None:
    page = PdfReader(io.BytesIO(rendered("summons", "pdf"))).pages[0]
    width_mm, height_mm = (float(v) * 25.4 / 72 for v in page.mediabox[2:])
    assert (round(width_mm), round(height_mm)) == (210, 297)


@pytest.mark.parametrize("kind", KINDS)
def test_docx_opens_and_contains_filled_values(kind: str) -> None:
    text = _docx_text(rendered(kind, "docx"))
    expected = {
        "mediation_agreement": [
            "人民调解协议书",
            "甲方：张建国",
            "人民币伍万元整",
            "第二期",
            "王秀兰",
        ],
        "confirmation_application": ["司法确认申请书", "此致", "青禾县人民法院", "买卖合同纠纷"],
        "confirmation_ruling": ["民事裁定书", "（2026）鲁0399民特12号", "调解协议有效", "陈静"],
        "summons": ["传　　票", "李四", "2026年4月10日下午2时30分", "第一审判庭"],
        "acceptance_notice": ["受理案件通知书", "张三：", "1,050.00元", "人民币壹仟零伍拾元整"],
        "service_certificate": ["送达回证", "传票1份；起诉状副本1份", "李四"],
        "judicial_suggestion": ["青禾县住房和城乡建设局", "督促物业企业公开收费标准"],
        "investigation_order": ["调　查　令", "（2026）鲁0399调查令3号", "青禾县农村商业银行"],
        "adjudication": ["民事判决书", "判决如下：", "原告：张三", "审判员　刘明"],
        "appraisal_commission": [
            "鉴定委托书",
            "青禾县司法鉴定中心：",
            "鉴定事项：",
            "承办法官　刘明",
        ],
        "neutral_evaluation": ["中立评估意见书", "不具有法律约束力", "评估人　周明德"],
        "effect_certificate": ["生效证明书", "已于2026年5月12日发生法律效力", "特此证明。"],
        "drafted_adjudication": ["民事判决书", "判决如下：", "委托诉讼代理人：赵磊", "本院认为"],
        "enforcement_notice": ["执行通知书", "50,000.00元", "第二百六十四条", "孙强"],
        "property_report_order": ["报告财产令", "10日内", "第二百五十二条", "罚款、拘留"],
        "enforcement_measure": ["决定书", "被执行人：赵某。", "违反财产报告制度"],
        "enforcement_objection_ruling": ["执行裁定书", "（2026）鲁0399执异3号", "审判员　孙执"],
        "enforcement_in_kind_ruling": [
            "执行裁定书",
            "第2次拍卖的保留价为235,200.00元",
            "补交差价35,200.00元",
            "抵偿债务200,000.00元",
            "第四百九十条、第四百九十一条",
        ],
    }[kind]
    for value in expected:
        assert value in text, (kind, value)


def test_docx_layout_title_centred_number_right() -> None:
    doc = Docx(io.BytesIO(rendered("confirmation_ruling", "docx")))
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["民事裁定书"].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert by_text["（2026）鲁0399民特12号"].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert by_text["二〇二六年三月十二日"].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)


def test_missing_cjk_font_fails_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "_fc_match", lambda style: None)
    monkeypatch.setattr(render, "KNOWN_FONT_FILES", {"regular": ("/nonexistent.ttc",), "bold": ()})
    with pytest.raises(render.CJKFontMissing) as info:
        render.cjk_font_files()
    assert info.value.message.startswith("未找到中文字体（Noto Serif CJK SC），无法生成 PDF 文书。")
    assert info.value.status_code == 503


def test_pdf_fetches_no_remote_resource() -> None:
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError, match=r"example\.invalid"):
        render.html_to_pdf('<img src="http://example.invalid/x.png"><p>测试</p>')
