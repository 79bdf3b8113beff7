"""The document kind of disposal (re-exported by `enforcement.kinds`):

- `enforcement_in_kind_ruling`: the 执行裁定书 of 以物抵债 after a failed auction round — the asset
  taken by the applicant at that round's reserve price, the debt it satisfies and the difference
  the applicant paid in (民诉法解释 第490条; ownership passes on service of the ruling, 第491条; both
  verified in the laws folder, see rules/disposal.py for what is not).
"""

from __future__ import annotations

from typing import Any

from fating.documents.kinds import CASE_NUMBER, COURT, Block, DocumentKind, clauses
from fating.documents.rules import Field, date_chinese, date_figures, yuan


def _in_kind(c: dict[str, Any]) -> list[Block]:
    applicant, respondent, asset = c["applicant"], c["respondent"], c["asset"]
    if c.get("difference"):
        paid = f"已于{date_figures(c['paid_on'])}" if c.get("paid_on") else "已"
        terms = (f"申请执行人应受清偿的债权为{yuan(c['claim'])}，低于抵债财产的价额，申请执行人{paid}"
                 f"向本院补交差价{yuan(c['difference'])}。")  # fmt: skip
    else:
        terms = f"申请执行人应受清偿的债权为{yuan(c['claim'])}，以该财产抵偿{yuan(c['credited'])}。"
    return [
        Block("court", c["court"]),
        Block("title", "执行裁定书"),
        Block("number", c["case_number"]),
        Block("party", f"申请执行人：{applicant}。"),
        Block("party", f"被执行人：{respondent}。"),
        Block(
            "para",
            f"本院在执行{applicant}申请执行{c['source_reference']}法律文书一案中，"
            f"依法对被执行人{respondent}所有的{asset}进行网络司法拍卖。第{c['round']}次拍卖的保留价为"
            f"{yuan(c['value'])}，因无人出价或者出价低于保留价而流拍。申请执行人{applicant}同意以该次"
            "拍卖的保留价接受该财产抵偿债务。" + terms,
        ),
        Block(
            "para",
            "本院认为，被执行人的财产经拍卖未能成交，申请执行人同意以该财产抵偿债务，且不损害其他债权人"
            f"合法权益和社会公共利益。依照{c['legal_basis']}之规定，裁定如下：",
        ),
        *clauses(
            [
                f"将被执行人{respondent}所有的{asset}作价{yuan(c['value'])}交付申请执行人{applicant}，"
                f"抵偿债务{yuan(c['credited'])}；",
                f"{asset}的所有权自本裁定送达申请执行人{applicant}时起转移；",
                f"申请执行人{applicant}可持本裁定书到有关登记机构办理相关产权过户登记手续。",
            ]
        ),
        Block("sign", f"审判员　{c['judge']}"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]


def _in_kind_check(c: dict[str, Any]) -> dict[str, str]:
    if c["credited"] > c["value"] or c["credited"] > c["claim"]:
        return {"credited": "抵偿金额不得超过抵债价或未受清偿债权"}
    if (c.get("difference") or 0) != c["value"] - c["credited"]:
        return {"difference": "应补交差价须等于抵债价减去抵偿金额"}
    return {}


IN_KIND_RULING = DocumentKind(
    kind="enforcement_in_kind_ruling",
    name="执行裁定书（以物抵债）",
    version=1,
    fields=(
        COURT,
        CASE_NUMBER,
        Field("applicant", "申请执行人"),
        Field("respondent", "被执行人"),
        Field("source_reference", "执行依据", help="生效法律文书的案号或文号。"),
        Field("asset", "抵债财产", help="财产类型、登记机构和权证号等。"),
        Field("round", "拍次", "int", help="流拍的是第几次拍卖。"),
        Field("value", "抵债价", "money", help="该次拍卖的保留价（元）。"),
        Field("claim", "未受清偿债权", "money", help="申请执行人应受清偿的债权（元）。"),
        Field("credited", "抵偿金额", "money", help="以物抵偿的债权（元）。"),
        Field(
            "difference", "补交差价", "money", required=False, help="抵债价超过债权的部分（元）。"
        ),
        Field("paid_on", "补交日期", "date", required=False),
        Field("legal_basis", "法律依据"),
        Field("judge", "审判员"),
        Field("issued_on", "落款日期", "date"),
    ),
    build=_in_kind,
    title=lambda c: f"执行裁定书（以物抵债）{c['case_number']}",
    check=_in_kind_check,
)
