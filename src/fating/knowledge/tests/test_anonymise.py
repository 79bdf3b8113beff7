"""Tests for fating.knowledge.anonymise (LEGAL-RULES E, 法释〔2016〕19号 第8–11条)."""

from __future__ import annotations

import pytest

from fating.knowledge.anonymisation.patterns import county_prefix_length
from fating.knowledge.anonymise import (
    CaseKind,
    Kind,
    Person,
    Policy,
    Role,
    anonymise,
    name_is_replaced,
)

HEADER = (
    "原告：张三丰，男，1980年1月1日出生，汉族，住山东省淄博市桓台县果里镇西孙村12号，"
    "公民身份号码370321198001011234，联系电话13812345678。\n"
    "委托诉讼代理人：孙立新，山东正义律师事务所律师。\n"
    "被告：李四，女，1985年3月2日出生，汉族，住山东省桓台县城区街道华中路8号。\n"
    "被告：桓台县某某商贸有限公司，住所地山东省桓台县索镇大桥路1号，"
    "统一社会信用代码91370321MA3C51111D。\n法定代表人：刘强，该公司经理。\n"
)
FOOTER = "\n审判员　刘娜\n人民陪审员　周建\n书记员　聂涛\n"


def test_header_of_a_civil_judgment():
    result = anonymise(HEADER + "原告张三丰向本院提出诉讼请求：判令被告李四偿还借款。" + FOOTER)
    assert result.text == (
        "原告：张某，男，1980年1月1日出生，汉族，住山东省淄博市桓台县。\n"
        "委托诉讼代理人：孙立新，山东正义律师事务所律师。\n"
        "被告：李某，女，1985年3月2日出生，汉族，住山东省桓台县。\n"
        "被告：桓台县某某商贸有限公司，住所地山东省桓台县索镇大桥路1号，"
        "统一社会信用代码91370321MA3C51111D。\n法定代表人：刘强，该公司经理。\n"
        "原告张某向本院提出诉讼请求：判令被告李某偿还借款。" + FOOTER
    )


def test_replacements_are_auditable_with_spans_in_the_input():
    text = HEADER + FOOTER
    result = anonymise(text)
    for r in result.replacements:
        assert text[r.start : r.end] == r.original
    kinds = {r.kind for r in result.replacements}
    assert kinds == {Kind.NAME, Kind.ADDRESS, Kind.ID_NUMBER, Kind.PHONE}
    id_repl = result.by_kind(Kind.ID_NUMBER)[0]
    assert (id_repl.original, id_repl.replacement, id_repl.rule) == (
        "，公民身份号码370321198001011234",
        "",
        "第10条",
    )


def test_court_staff_lawyers_and_org_representatives_keep_their_names():
    result = anonymise(HEADER + FOOTER)
    for kept in ("孙立新", "刘强", "刘娜", "周建", "聂涛"):
        assert kept in result.text


def test_same_surname_gets_numbers_in_order_of_appearance():
    text = "原告：张伟，男。被告：张强，男。被告：李明，女。张强向张伟借款，李明担保。"
    assert anonymise(text).text == (
        "原告：张某1，男。被告：张某2，男。被告：李某，女。张某2向张某1借款，李某担保。"
    )


def test_compound_surname_and_per_character_setting():
    text = "原告：欧阳娜娜，女。被告：王小明，男。"
    assert anonymise(text).text == "原告：欧阳某，女。被告：王某，男。"
    assert anonymise(text, policy=Policy(per_character=True)).text == (
        "原告：欧阳某某，女。被告：王某某，男。"
    )


def test_minority_and_latin_names():
    text = "原告：买买提·艾力，男。被告：John Smith，男。"
    assert anonymise(text).text == "原告：买某，男。被告：J，男。"


def test_known_parties_are_found_without_any_cue():
    text = "经审理查明，赵小兵于2020年向钱多多借款。"
    parties = [Person("赵小兵", Role.PARTY), Person("钱多多", Role.PARTY)]
    result = anonymise(text, parties=parties, policy=Policy(use_pos_tagger=False))
    assert result.text == "经审理查明，赵某于2020年向钱某借款。"


def test_known_party_identifiers_are_found_in_any_spacing():
    text = "原告向被告尾数账户6222 0212 3456 7890 128转账，并拨打186-0000-1234。"
    parties = [
        Person("某甲", Role.PARTY, bank_accounts=("6222021234567890128",), phones=("18600001234",))
    ]
    result = anonymise(text, parties=parties)
    assert "6222" not in result.text and "186" not in result.text
    assert result.text == "原告向被告尾数账户××××转账，并拨打××××。"


def test_unlabelled_identifiers_are_crossed_out_not_deleted():
    text = "原告通过其中国农业银行账户6228480402564890018向被告转账，被告驾驶鲁C12345号小型轿车。"
    assert anonymise(text).text == (
        "原告通过其中国农业银行账户××××向被告转账，被告驾驶鲁C×××××号小型轿车。"
    )


def test_labelled_clause_is_deleted_with_its_separator():
    text = "被告王五，男，汉族，身份证号：11010519491231002X，住北京市朝阳区望京街道101号。"
    assert anonymise(text).text == "被告王某，男，汉族，住北京市朝阳区。"


def test_uscc_and_lawyer_licence_numbers_are_kept():
    text = "统一社会信用代码913703211643521880，律师执业证号13703201810123456。"
    assert anonymise(text).text == text


def test_case_number_amounts_and_dates_are_untouched():
    text = "（2022）鲁0321民初1234号，借款50000元，于2020年1月1日归还，案件受理费1050元。"
    assert anonymise(text).text == text


def test_landline_and_email_are_removed():
    text = "原告：王五，男，联系电话0533-8123456，电子邮箱wangwu@example.com。"
    assert anonymise(text).text == "原告：王某，男。"


def test_names_inside_organisation_names_are_not_replaced():
    text = "被告：凌颖信息科技有限公司，住所地山东省桓台县。"
    assert anonymise(text).text == text


def test_name_ended_by_a_verb_prefers_the_name_known_elsewhere():
    text = "被告：李四，女。被告李四偿还借款。"
    assert anonymise(text).text == "被告：李某，女。被告李某偿还借款。"


def test_agent_who_is_a_relative_is_replaced_but_a_lawyer_is_not():
    text = "委托诉讼代理人：王大壮，系原告之兄。委托诉讼代理人：陈律，某律师事务所律师。"
    assert anonymise(text).text == (
        "委托诉讼代理人：王某，系原告之兄。委托诉讼代理人：陈律，某律师事务所律师。"
    )


# ---------------------------------------------------------------- who is replaced (第8条)

CIVIL_NARROW = Policy(anonymise_all_parties=False)


@pytest.mark.parametrize(
    ("role", "kind", "minor", "expected"),
    [
        (Role.PARTY, CaseKind.CIVIL, False, False),  # 第8条 does not list ordinary civil parties
        (Role.PARTY, CaseKind.FAMILY, False, True),  # 第8条(一)
        (Role.STATUTORY_AGENT, CaseKind.FAMILY, False, True),
        (Role.PARTY, CaseKind.CIVIL, True, True),  # 第8条(三) minors
        (Role.VICTIM, CaseKind.CRIMINAL, False, True),  # 第8条(二)
        (Role.WITNESS, CaseKind.CRIMINAL, False, True),
        (Role.EXPERT, CaseKind.CRIMINAL, False, True),
        (Role.PARTY, CaseKind.CRIMINAL, False, False),  # defendants keep names
        (Role.WITNESS, CaseKind.CIVIL, False, False),
        (Role.COURT_STAFF, CaseKind.FAMILY, False, False),
        (Role.LAWYER, CaseKind.FAMILY, False, False),
        (Role.ORG_REPRESENTATIVE, CaseKind.FAMILY, False, False),
    ],
)
def test_name_is_replaced_without_the_switch(role, kind, minor, expected):
    policy = Policy(case_kind=kind, anonymise_all_parties=False)
    assert name_is_replaced(role, is_minor=minor, policy=policy) is expected


def test_switch_replaces_all_natural_persons_but_not_staff():
    policy = Policy()
    assert name_is_replaced(Role.PARTY, policy=policy)
    assert name_is_replaced(Role.OTHER, policy=policy)
    assert not name_is_replaced(Role.COURT_STAFF, policy=policy)
    assert not name_is_replaced(Role.LAWYER, policy=policy)


def test_civil_case_without_switch_keeps_adult_party_names_but_removes_identifiers():
    text = "原告：王五，男，联系电话13812345678。"
    parties = [Person("王五", Role.PARTY)]
    assert anonymise(text, parties=parties, policy=CIVIL_NARROW).text == "原告：王五，男。"


def test_minor_in_civil_case_without_switch_is_replaced():
    text = "原告：王小五，男，2015年出生。法定代理人：王大五，系原告之父。"
    parties = [Person("王小五", Role.PARTY, is_minor=True), Person("王大五", Role.STATUTORY_AGENT)]
    result = anonymise(text, parties=parties, policy=CIVIL_NARROW)
    assert result.text == "原告：王某，男，2015年出生。法定代理人：王大五，系原告之父。"


def test_family_case_replaces_parties_and_statutory_agents():
    policy = Policy(case_kind=CaseKind.FAMILY, anonymise_all_parties=False)
    text = "原告：刘芳，女。被告：陈刚，男。审判员　周建"
    assert anonymise(text, policy=policy).text == "原告：刘某，女。被告：陈某，男。审判员　周建"


# ---------------------------------------------------------------- addresses (第10、11条)


@pytest.mark.parametrize(
    ("address", "kept"),
    [
        ("山东省淄博市桓台县果里镇西孙村12号", "山东省淄博市桓台县"),
        ("山东省桓台县城区街道华中路8号", "山东省桓台县"),
        ("北京市朝阳区望京街道101号", "北京市朝阳区"),
        ("广东省江门市台山市台城街道环市路5号", "广东省江门市台山市"),
        ("新疆维吾尔自治区喀什地区疏附县托克扎克镇3号", "新疆维吾尔自治区喀什地区疏附县"),
        ("西孙村12号", ""),
    ],
)
def test_county_prefix(address, kept):
    assert address[: county_prefix_length(address)] == kept


def test_address_with_nothing_to_keep_is_deleted_with_its_cue():
    assert anonymise("被告：王五，男，住西孙村12号，汉族。").text == "被告：王某，男，汉族。"


def test_words_containing_zhu_are_not_addresses():
    text = "原告住院治疗二十日，居住条件较差。"
    assert anonymise(text, policy=Policy(use_pos_tagger=False)).text == text
