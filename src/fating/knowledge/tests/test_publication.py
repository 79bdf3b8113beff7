"""A court's own case enters the public library only anonymised, after a judge's review."""

from __future__ import annotations

import pytest

from fating.core.exceptions import FieldError, InvalidTransition, NotPermitted
from fating.knowledge.models import TypicalCase
from fating.knowledge.services import publish_case, review_case
from fating.testing import Network, client_for

from .factories import second_judge

TEXT = (
    "原告张三，男，1980年1月1日出生，公民身份号码110101198001011237，联系电话13912345678。"
    "被告李四向张三借款5万元，约定月利率1.5%，出具借条，款项转入张三的账户6222021234567890123。"
    "借款到期后李四未还款。"
)


def _submit(network: Network) -> TypicalCase:
    return publish_case(
        actor=network.users["clerk"],
        title="张三诉李四民间借贷纠纷案",
        text=TEXT,
        parties=["张三", "李四"],
        cause="民间借贷纠纷",
    )


def test_submission_stores_only_the_anonymised_text(network: Network) -> None:
    case = _submit(network)
    assert case.status == "pending" and case.court == network.court
    assert case.title == "张某诉李某民间借贷纠纷案"
    for secret in ("张三", "李四", "110101198001011237", "13912345678", "6222021234567890123"):
        assert secret not in case.facts
    kinds = {r["kind"] for r in case.replacements}
    assert {"name", "id_number", "phone", "bank_account"} <= kinds


def test_pending_case_is_hidden_from_the_public(network: Network) -> None:
    case = _submit(network)
    assert client_for(None).get(f"/knowledge/cases/{case.pk}/").status_code == 404
    assert (
        client_for(network.users["other_admin"]).get(f"/knowledge/cases/{case.pk}/").status_code
        == 404
    )


def test_review_publishes_and_the_public_page_leaks_nothing(network: Network) -> None:
    case = review_case(actor=network.users["judge"], case=_submit(network), approve=True)
    assert case.status == "published"
    page = client_for(None).get(f"/knowledge/cases/{case.pk}/").content.decode()
    assert "张某诉李某民间借贷纠纷案" in page
    for secret in ("张三", "李四", "110101198001011237", "13912345678", "脱敏记录"):
        assert secret not in page


def test_court_personnel_see_the_replacement_list(network: Network) -> None:
    case = _submit(network)
    page = client_for(network.users["judge"]).get(f"/knowledge/cases/{case.pk}/").content.decode()
    assert "脱敏记录" in page and "110101198001011237" in page


def test_only_judges_review(network: Network) -> None:
    with pytest.raises(NotPermitted, match="只有本院法官可以审核案例发布。"):
        review_case(actor=network.users["court_admin"], case=_submit(network), approve=True)


def test_submitter_does_not_review_own_case(network: Network) -> None:
    case = publish_case(actor=network.users["judge"], title="甲诉乙案", text=TEXT)
    with pytest.raises(NotPermitted, match="提交人不能审核自己提交的案例。"):
        review_case(actor=network.users["judge"], case=case, approve=True)
    assert review_case(actor=second_judge(network), case=case, approve=True).status == "published"


def test_rejection_needs_a_note(network: Network) -> None:
    with pytest.raises(FieldError) as exc:
        review_case(actor=network.users["judge"], case=_submit(network), approve=False)
    assert exc.value.fields == {"note": ["退回时请填写审核意见。"]}


def test_reviewed_case_cannot_be_reviewed_again(network: Network) -> None:
    case = review_case(actor=network.users["judge"], case=_submit(network), approve=True)
    with pytest.raises(InvalidTransition, match="该案例已审核，不能重复审核。"):
        review_case(actor=network.users["judge"], case=case, approve=True)


def test_liaison_cannot_submit(network: Network) -> None:
    with pytest.raises(NotPermitted, match="只有本院法官或法官助理可以提交本院案例。"):
        publish_case(actor=network.users["liaison"], title="甲诉乙案", text=TEXT)


def test_short_text_is_refused(network: Network) -> None:
    with pytest.raises(FieldError) as exc:
        publish_case(actor=network.users["clerk"], title="", text="太短")
    assert exc.value.fields == {"title": ["案例名称不能为空。"], "text": ["案情不能少于 20 个字。"]}
