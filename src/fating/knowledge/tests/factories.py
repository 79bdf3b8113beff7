"""Fixtures of the knowledge tests: a small copy of the laws data pack, and a loaded library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fating.accounts.models import Role
from fating.knowledge.models import Question, TypicalCase
from fating.knowledge.services.library import ImportReport, default_laws_dir, import_library
from fating.testing import Network, member

#: A few files of the shared pack: a judicial interpretation, a law with 章/节, a Civil Code
#: book, an interpretation numbered "1.", and typical cases of several topics.
SAMPLE_FILES = (
    "司法解释/最高人民法院关于审理民间借贷案件适用法律若干问题的规定(2020-12-29).md",
    "司法解释/最高人民法院关于人民法院执行工作若干问题的规定（试行）(2020-12-29).md",
    "民法商法/农村土地承包法(2018-12-29).md",
    "民法典/附则.md",
    "民法典/婚姻家庭编.md",
    "诉讼与非诉讼程序法/人民调解法(2010-08-28).md",
    "案例/_index.md",
    "案例/民法典/高某诉某农业有限公司农村土地承包合同案.md",
    "案例/民法典/徐某某诉张某某婚姻家庭案.md",
    "案例/劳动人事/加班费的仲裁时效应当如何认定.md",
    "案例/消费购物/周某某、肖某诉某演绎公司合同纠纷案.md",
    "案例/民法典/张某某诉某物业公司等财产损害赔偿案.md",
)

#: Extra statute text for the push tests: the Civil Code's loan-contract chapter (第667–680条).
LOAN_CHAPTER = """# 中华人民共和国民法典

# 合同编

2020年5月28日 第十三届全国人民代表大会第三次会议通过

2021年1月1日 施行

<!-- INFO END -->

## 第二分编  典型合同

### 第十二章  借款合同

第六百六十七条 借款合同是借款人向贷款人借款，到期返还借款并支付利息的合同。

第六百六十八条 借款合同应当采用书面形式，但是自然人之间借款另有约定的除外。

第六百七十九条 自然人之间的借款合同，自贷款人提供借款时成立。

第六百八十条 禁止高利放贷，借款的利率不得违反国家有关规定。

借款合同对支付利息没有约定的，视为没有利息。

### 第二十四章  物业服务合同

第九百四十四条 业主应当按照约定向物业服务人支付物业费。物业服务人已经按照约定和有关规定提供服务的，业主不得以未接受或者无需接受相关物业服务为抗辩理由拒绝支付物业费。
"""


def source_dir() -> Path:
    path = default_laws_dir()
    if path is None or not path.is_dir():
        pytest.skip("共享法律资料目录不存在（设置 FATING_LAWS_DIR）")
    return path


def copy_sample(target: Path) -> Path:
    root = source_dir()
    for rel in SAMPLE_FILES:
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, dest)
    (target / "民法典" / "合同编.md").write_text(LOAN_CHAPTER, encoding="utf-8")
    return target


@pytest.fixture
def laws_dir(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "laws")


@pytest.fixture
def library(db: None, laws_dir: Path) -> ImportReport:
    return import_library(path=laws_dir)


def second_judge(network: Network):
    return member(Role.JUDGE, tribunal=network.tribunal)


def court_case(network: Network, **fields: object) -> TypicalCase:
    values = {
        "origin": TypicalCase.Origin.COURT,
        "status": TypicalCase.Status.PENDING,
        "court": network.court,
        "title": "张某诉李某民间借贷纠纷案",
        "facts": "李某向张某借款5万元，出具借条，到期未还。",
        "created_by": network.users["clerk"],
        **fields,
    }
    return TypicalCase.objects.create(**values)


def question(network: Network, **fields: object) -> Question:
    values = {
        "court": network.court,
        "title": "土地流转合同怎么签？",
        "text": "村里要把承包地流转给合作社，合同要注意什么？",
        **fields,
    }
    return Question.objects.create(**values)
