"""Full-text search: a small hand-made relevance set, highlighting, and index invalidation."""

from __future__ import annotations

from pathlib import Path

import pytest

from fating.knowledge.search import highlight, library_index, search_articles, search_cases
from fating.knowledge.services.library import ImportReport, import_library

# (query, law short name, article label expected among the first three results)
RELEVANCE = [
    ("借据 欠条 债权凭证", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", "第二条"),
    ("借款利率 利息", "民法典·合同编", "第六百八十条"),
    ("物业费", "民法典·合同编", "第九百四十四条"),
    ("土地经营权 流转 出租", "农村土地承包法", "第三十六条"),
    ("人民调解委员会 调解员", "人民调解法", "第八条"),
    ("夫妻 离婚 抚养 子女", "民法典·婚姻家庭编", "第一千零八十四条"),
]


@pytest.mark.parametrize(("query", "law", "label"), RELEVANCE)
def test_article_relevance(library: ImportReport, query: str, law: str, label: str) -> None:
    top = [(h.obj.law.short_name, h.obj.label) for h in search_articles(query, k=3)]
    assert (law, label) in top, top


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("土地承包 大棚", "高某诉某农业有限公司农村土地承包合同案"),
        ("加班费 仲裁时效", "加班费的仲裁时效应当如何认定"),
        ("婚礼 摄像资料 丢失", "周某某、肖某诉某演绎公司合同纠纷案"),
    ],
)
def test_case_relevance(library: ImportReport, query: str, title: str) -> None:
    assert search_cases(query, k=1)[0].obj.title == title


def test_results_highlight_matched_terms(library: ImportReport) -> None:
    hit = search_articles("物业费", k=1)[0]
    assert "<mark>物业费</mark>" in hit.snippet
    assert "物业费" in hit.terms


def test_highlight_escapes_html() -> None:
    out = highlight("<script>借款</script>合同", ["借款"])
    assert out == "&lt;script&gt;<mark>借款</mark>&lt;/script&gt;合同"


def test_highlight_cuts_a_window_around_the_first_match() -> None:
    text = "甲" * 300 + "借款" + "乙" * 300
    out = highlight(text, ["借款"], window=40)
    assert out.startswith("…") and out.endswith("…") and "<mark>借款</mark>" in out


def test_blank_query_finds_nothing(library: ImportReport) -> None:
    assert search_articles("   ") == []


def test_old_versions_are_not_searched(library: ImportReport, laws_dir: Path) -> None:
    old = laws_dir / "诉讼与非诉讼程序法/人民调解法(2010-08-28).md"
    new = old.with_name("人民调解法(2030-01-01).md")
    new.write_text(old.read_text(encoding="utf-8"), encoding="utf-8")
    import_library(path=laws_dir)
    dates = {h.obj.law.version_date.year for h in search_articles("人民调解委员会", k=10)}
    assert dates == {2030}


def test_index_is_rebuilt_after_an_import_changes_data(
    library: ImportReport, laws_dir: Path
) -> None:
    first = library_index()
    assert library_index() is first  # cached while nothing changes
    (laws_dir / "行政法规").mkdir()
    (laws_dir / "行政法规/测试条例(2025-01-01).md").write_text(
        "# 测试条例\n\n<!-- INFO END -->\n\n第一条 鱼塘承包期间水面漂浮物由承包人清理。\n",
        encoding="utf-8",
    )
    import_library(path=laws_dir)
    assert library_index() is not first
    assert search_articles("鱼塘 漂浮物", k=1)[0].obj.law.title == "测试条例"
