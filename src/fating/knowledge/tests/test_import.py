"""`fating kb import`: counts, idempotency, versions kept."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fating.core.exceptions import FieldError
from fating.core.models import AuditEvent
from fating.knowledge.models import Article, Law, LibraryStamp, TypicalCase
from fating.knowledge.services.library import ImportReport, import_library

LOAN_RULES = "司法解释/最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md"


def test_first_import_counts(library: ImportReport) -> None:
    assert (library.laws_created, library.cases_created) == (7, 5)
    assert library.articles_written == Article.objects.count()
    assert (
        Law.objects.get(
            title="最高人民法院关于审理民间借贷案件适用法律若干问题的规定"
        ).articles.count()
        == 31
    )
    assert library.problems == []


def test_articles_keep_their_place_in_the_structure(library: ImportReport) -> None:
    article = Article.objects.get(law__title="中华人民共和国农村土地承包法", number=36)
    assert article.label == "第三十六条"
    assert (article.chapter, article.section) == ("第二章 家庭承包", "第五节 土地经营权")
    assert article.text.startswith("承包方可以自主决定依法采取出租（转包）")


def test_interpretation_numbered_with_arabic_digits(library: ImportReport) -> None:
    law = Law.objects.get(title="最高人民法院关于人民法院执行工作若干问题的规定（试行）")
    assert law.articles.count() == 79
    assert law.articles.get(number=1).chapter == "一、执行机构及其职责"


def test_civil_code_book_is_the_subtitle(library: ImportReport) -> None:
    law = Law.objects.get(source_path="民法典/婚姻家庭编.md")
    assert (law.title, law.subtitle, law.short_name) == (
        "中华人民共和国民法典",
        "婚姻家庭编",
        "民法典·婚姻家庭编",
    )
    assert law.articles.first().book == "婚姻家庭编"


def test_cases_get_cause_and_topic(library: ImportReport) -> None:
    land = TypicalCase.objects.get(title="高某诉某农业有限公司农村土地承包合同案")
    assert land.topic == "land"
    assert land.holding.startswith("双方以农业种植承包为目的")
    assert land.headline == "《民法典》绿色原则对“大棚房”合同纠纷中隐藏行为的适用"
    assert TypicalCase.objects.get(title="徐某某诉张某某婚姻家庭案").topic == "family"
    assert TypicalCase.objects.get(title="加班费的仲裁时效应当如何认定").topic == "labour"
    consumer = TypicalCase.objects.get(title="周某某、肖某诉某演绎公司合同纠纷案")
    assert consumer.source == "消费者权益保护典型案例 最高人民法院发布 2022-03-15"


def test_reimport_skips_unchanged_files(library: ImportReport, laws_dir: Path) -> None:
    before = (Law.objects.count(), Article.objects.count(), TypicalCase.objects.count())
    stamp = LibraryStamp.objects.get().version
    again = import_library(path=laws_dir)
    assert (again.laws_unchanged, again.cases_unchanged, again.changed) == (7, 5, False)
    assert (Law.objects.count(), Article.objects.count(), TypicalCase.objects.count()) == before
    assert LibraryStamp.objects.get().version == stamp  # nothing to rebuild


def test_changed_file_replaces_that_versions_articles(
    library: ImportReport, laws_dir: Path
) -> None:
    path = laws_dir / LOAN_RULES
    path.write_text(
        path.read_text(encoding="utf-8") + "\n第三十二条 新增的条文。\n", encoding="utf-8"
    )
    again = import_library(path=laws_dir)
    assert (again.laws_updated, again.laws_created) == (1, 0)
    law = Law.objects.get(source_path=LOAN_RULES)
    assert law.articles.count() == 32
    assert law.articles.get(number=32).text == "新增的条文。"


def test_new_version_keeps_the_old_one(library: ImportReport, laws_dir: Path) -> None:
    old = laws_dir / LOAN_RULES
    new = old.with_name(old.name.replace("2020-12-29", "2026-01-01"))
    new.write_text(
        old.read_text(encoding="utf-8").replace("第三十一条", "第三十一条 修订后。\n\n第三十二条"),
        encoding="utf-8",
    )
    again = import_library(path=laws_dir)
    assert again.laws_created == 1
    versions = Law.objects.filter(title="最高人民法院关于审理民间借贷案件适用法律若干问题的规定")
    assert versions.count() == 2
    assert versions.get(is_current=True).version_date.isoformat() == "2026-01-01"
    assert versions.get(is_current=False).articles.count() == 31  # the old version's articles stay


def test_import_records_one_audit_event(library: ImportReport) -> None:
    event = AuditEvent.objects.get(action="knowledge.library.import")
    assert event.after["laws_created"] == 7


def test_missing_folder_is_a_field_error(db: None, tmp_path: Path) -> None:
    with pytest.raises(FieldError) as exc:
        import_library(path=tmp_path / "nope")
    assert exc.value.fields == {"path": [f"资料目录不存在：{tmp_path / 'nope'}"]}


def test_command_reports_counts(db: None, laws_dir: Path) -> None:
    out = StringIO()
    call_command("kb", "import", "--path", str(laws_dir), stdout=out)
    assert "法律：新增 7，更新 0，未变 0" in out.getvalue()
    assert "案例：新增 5，更新 0，未变 0。" in out.getvalue()


def test_command_bad_path_exits_with_message(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="资料目录不存在"):
        call_command("kb", "import", "--path", str(tmp_path / "nope"))
