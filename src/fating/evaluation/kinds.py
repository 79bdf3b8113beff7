"""The two document kinds this app registers with the documents app (EvaluationConfig.ready):

- `appraisal_commission` (鉴定委托书): the court's commission to the appraiser, stating the matters,
  scope, purpose and deadline (证据规定 第32条第3款), the fee advanced and the appraiser's duty to
  sign the undertaking and to appear when summoned (第33条、民事诉讼法 第81条);
- `neutral_evaluation` (中立评估意见书): the evaluator's opinion on the likely outcome, marked as
  binding no one (rules.NON_BINDING).
"""

from __future__ import annotations

from typing import Any

from fating.documents.kinds import CASE_NUMBER, CAUSE, COURT, Block, DocumentKind, clauses
from fating.documents.rules import Field, date_chinese, date_figures, yuan
from fating.evaluation.rules import NON_BINDING

ROLE_ITEMS = (
    Field("role", "诉讼地位", help="原告、被告或申请人、被申请人。"),
    Field("name", "姓名或名称"),
)


def _commission(c: dict[str, Any]) -> list[Block]:
    fee = (
        f"鉴定费用{yuan(c['fee'])}，由{c['fee_payer']}预交。"
        if c.get("fee") is not None
        else "本次鉴定由本院依职权委托。"
    )
    return [
        Block("court", c["court"]),
        Block("title", "鉴定委托书"),
        Block("number", c["case_number"]),
        Block("salutation", f"{c['institution']}："),
        Block("para", f"本院受理的{c['case_number']}{c['cause']}一案，因查明案件事实需要，"
                      f"依照《中华人民共和国民事诉讼法》第七十九条的规定，委托你单位进行鉴定。"),
        Block("heading", "鉴定事项："),
        *clauses(c["matters"]),
        Block("para", f"鉴定范围和目的：{c['purpose']}"),
        Block("para", f"鉴定期限：请于{date_figures(c['report_due_on'])}前向本院提交鉴定书。"),
        Block("plain", fee),
        Block("plain", "鉴定开始前，鉴定人应当签署承诺书；当事人对鉴定意见有异议或者本院认为有必要的，"
                       "鉴定人应当出庭作证。"),
        Block("sign", f"承办法官　{c['judge']}"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]  # fmt: skip


APPRAISAL_COMMISSION = DocumentKind(
    kind="appraisal_commission",
    name="鉴定委托书",
    version=1,
    fields=(
        COURT,
        CASE_NUMBER,
        CAUSE,
        Field("institution", "鉴定机构", help="具备相应资格的鉴定人或鉴定机构名称。"),
        Field("matters", "鉴定事项", "texts", help="每一项鉴定事项一项（证据规定 第32条第3款）。"),
        Field("purpose", "鉴定范围和目的"),
        Field("report_due_on", "鉴定期限", "date", help="提交鉴定书的最后一日。"),
        Field(
            "fee",
            "鉴定费用",
            "money",
            required=False,
            help="申请人预交的鉴定费用；依职权委托为空。",
        ),
        Field("fee_payer", "预交人", required=False, help="预交鉴定费用的当事人。"),
        Field("judge", "承办法官"),
        Field("issued_on", "落款日期", "date"),
    ),
    build=_commission,
    title=lambda c: f"鉴定委托书{c['case_number']}",
)


def _evaluation(c: dict[str, Any]) -> list[Block]:
    return [
        Block("court", c["court"]),
        Block("title", "中立评估意见书"),
        Block("number", c["reference"]),
        *[Block("party", f"{p['role']}：{p['name']}。") for p in c["parties"]],
        Block("para", f"{c['cause']}一案，经各方当事人同意，由{c['evaluator']}（{c['evaluator_kind']}）"
                      "进行中立评估。"),
        Block("heading", "评估问题："),
        *clauses(c["questions"]),
        Block("heading", "评估意见："),
        Block("para", c["opinion"]),
        Block("para", f"可能结果：{c['likely_outcome']}"),
        Block("note", NON_BINDING),
        Block("sign", f"评估人　{c['evaluator']}"),
        Block("date", date_chinese(c["issued_on"])),
    ]  # fmt: skip


NEUTRAL_EVALUATION = DocumentKind(
    kind="neutral_evaluation",
    name="中立评估意见书",
    version=1,
    fields=(
        COURT,
        Field("reference", "编号", help="纠纷编号或案号。"),
        CAUSE,
        Field("parties", "当事人", "records", items=ROLE_ITEMS),
        Field("evaluator", "评估人"),
        Field("evaluator_kind", "评估人身份", help="如“特邀调解员”“退休法官”。"),
        Field("questions", "评估问题", "texts", help="每一个争议焦点一项。"),
        Field("opinion", "评估意见"),
        Field("likely_outcome", "可能结果"),
        Field("issued_on", "出具日期", "date"),
    ),
    build=_evaluation,
    title=lambda c: f"中立评估意见书{c['reference']}",
)
