"""The dispute page's 类案及法条推送 panel is scoped by the dispute's cause (issue 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

from fating.disputes.models import Dispute
from fating.knowledge.models import TypicalCase
from fating.knowledge.services.library import import_library
from fating.knowledge.tests.factories import copy_sample, source_dir
from fating.testing import client_for

from .factories import World, reported

WALL = (
    "刘某与王某系邻居。刘某在两家之间砌筑围墙，占用王某家门前通道，堵塞通行并使雨水无法排出，"
    "王某要求拆除围墙、恢复通行和排水。"
)


def test_wall_dispute_page_pushes_no_lending_lease_or_enforcement(
    world: World, tmp_path: Path
) -> None:
    laws = copy_sample(tmp_path / "laws")
    shutil.copyfile(source_dir() / "民法典" / "物权编.md", laws / "民法典" / "物权编.md")
    import_library(path=laws)
    TypicalCase.objects.filter(status="published").update(cause="民间借贷纠纷")
    dispute = reported(world)
    Dispute.objects.filter(pk=dispute.pk).update(
        title="王某与刘某围墙纠纷", description=WALL, cause_name="相邻关系纠纷"
    )
    page = client_for(world.net.users["judge"]).get(f"/disputes/{dispute.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "类案及法条推送" in html and "相邻关系纠纷" in html
    assert "第二百九十一条" in html or "第二百八十八条" in html  # 民法典 相邻关系
    for word in ("多笔借款", "被告缺席", "民间借贷规定", "执行工作", "执行和解", "租赁"):
        assert word not in html, word
