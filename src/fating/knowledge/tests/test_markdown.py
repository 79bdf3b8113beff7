"""The Markdown parser of the laws data pack (pure, no database)."""

from __future__ import annotations

from datetime import date

import pytest

from fating.knowledge.markdown import (
    article_label,
    cn_to_int,
    date_from_filename,
    int_to_cn,
    parse_case,
    parse_law,
)

LAW = """# 中华人民共和国测试法

2020年1月1日 第十三届全国人民代表大会常务委员会通过

2020年5月1日 施行

<!-- INFO END -->

为了测试，制定本法。

## 第一编 总 则

​

### 第一章  一般规定

第一条 第一条的正文。

第二条 第二条第一款。

第二条第二款，引用第三条 的内容。

#### 第一节 细则

第三条 第三条正文。

## 第二分编  典型合同

### 第九章 借款合同

第一千零五条 大号条文。
"""


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "一"), (10, "十"), (13, "十三"), (20, "二十"), (105, "一百零五"), (110, "一百一十"),
     (667, "六百六十七"), (1005, "一千零五"), (1260, "一千二百六十")],
)  # fmt: skip
def test_chinese_numerals_round_trip(number: int, text: str) -> None:
    assert int_to_cn(number) == text
    assert cn_to_int(text) == number


def test_article_label() -> None:
    assert article_label(667) == "第六百六十七条"


def test_version_date_from_file_name() -> None:
    assert date_from_filename("民事诉讼法(2023-09-01).md") == date(2023, 9, 1)
    assert date_from_filename("合同编.md") is None


def test_law_structure_headings_decide_by_text() -> None:
    law = parse_law(LAW, filename="测试法.md")
    assert law.title == "中华人民共和国测试法"
    assert law.version_date == date(2020, 5, 1)  # effective date when the name has none
    assert law.preamble == "为了测试，制定本法。"
    first, second, third, big = law.articles
    assert (first.number, first.label, first.book, first.chapter) == (
        1,
        "第一条",
        "第一编 总 则",
        "第一章 一般规定",
    )
    assert second.text == "第二条第一款。\n第二条第二款，引用第三条 的内容。"
    assert third.section == "第一节 细则"
    assert (big.number, big.part, big.chapter, big.section) == (
        1005,
        "第二分编 典型合同",
        "第九章 借款合同",
        "",
    )


def test_file_name_date_wins_over_header() -> None:
    assert parse_law(LAW, filename="测试法(2021-01-01).md").version_date == date(2021, 1, 1)


def test_arabic_numbered_articles_are_read_when_no_chinese_ones() -> None:
    text = "# 规定\n\n<!-- INFO END -->\n\n## 一、机构\n\n1.第一项规定。\n\n（1）细目；\n\n2.第二项规定。\n"
    law = parse_law(text, filename="规定(2020-12-29).md")
    assert [(a.number, a.label, a.chapter) for a in law.articles] == [
        (1, "第一条", "一、机构"),
        (2, "第二条", "一、机构"),
    ]
    assert law.articles[0].text == "第一项规定。\n（1）细目；"


def test_case_sections() -> None:
    text = (
        "# 标题概括规则\n\n消费者权益保护典型案例\n\n最高人民法院发布\n\n<!-- INFO END -->\n\n"
        "## 甲诉乙买卖合同纠纷案\n\n## 基本案情\n\n甲向乙购买。\n\n## 裁判要旨\n\n要旨。\n\n"
        "<!-- FORCE BREAK -->\n\n## 裁判结果\n\n判决。\n\n## 典型意义\n\n意义。\n"
    )
    case = parse_case(text)
    assert case.title == "甲诉乙买卖合同纠纷案"
    assert case.headline == "标题概括规则"
    assert case.source == "消费者权益保护典型案例 最高人民法院发布"
    assert (case.facts, case.holding, case.result, case.significance) == (
        "甲向乙购买。",
        "要旨。",
        "判决。",
        "意义。",
    )
    assert "FORCE BREAK" not in case.body
