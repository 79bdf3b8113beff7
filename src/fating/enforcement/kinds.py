"""The document kinds this app registers with the documents app (EnforcementConfig.ready):

- `enforcement_notice` 执行通知书 (民事诉讼法 第251条; 民诉法解释 第480条: sent within ten days of
  the application, ordering performance and telling of the delay interest of 第264条);
- `property_report_order` 报告财产令 (民事诉讼法 第252条: report current property and that of the year
  before the notice; refusal or a false report may be fined or detained; 失信被执行人名单规定 第1条:
  breaching the report duty is a ground of the list);
- the measures' and objections' kinds (kinds_measures) and the 以物抵债 ruling (kinds_disposal).
"""

from __future__ import annotations

from typing import Any

from fating.documents.kinds import CASE_NUMBER, COURT, Block, DocumentKind, clauses
from fating.documents.rules import Field, date_chinese, date_figures, yuan

PARTY_ITEMS = (Field("role", "地位", help="申请执行人或被执行人。"), Field("name", "姓名或名称"))


def _head(c: dict[str, Any], title: str) -> list[Block]:
    return [
        Block("court", c["court"]),
        Block("title", title),
        Block("number", c["case_number"]),
        Block("salutation", f"{c['respondent']}："),
    ]


def _notice(c: dict[str, Any]) -> list[Block]:
    return [
        *_head(c, "执行通知书"),
        Block(
            "para",
            f"{c['applicant']}申请执行{c['source_reference']}法律文书一案，本院于"
            f"{date_figures(c['filed_on'])}立案。依照《中华人民共和国民事诉讼法》第二百五十一条、"
            "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十条的规定，责令你"
            "（单位）自收到本通知之日起立即履行下列义务：",
        ),
        *clauses(
            [
                f"向申请执行人{c['applicant']}支付{yuan(c['amount'])}；",
                "加倍支付迟延履行期间的债务利息（《中华人民共和国民事诉讼法》第二百六十四条）；",
                f"负担申请执行费{yuan(c['fee'])}。",
            ]
        ),
        Block(
            "para",
            "逾期不履行的，本院将依法强制执行，并可依法采取限制消费、纳入失信被执行人名单等措施。",
        ),
        Block("sign", f"执行员　{c['executor']}"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]


ENFORCEMENT_NOTICE = DocumentKind(
    kind="enforcement_notice",
    name="执行通知书",
    version=1,
    fields=(
        COURT,
        CASE_NUMBER,
        Field("respondent", "被执行人"),
        Field("applicant", "申请执行人"),
        Field("source_reference", "执行依据", help="生效法律文书的案号或文号。"),
        Field("filed_on", "立案日期", "date"),
        Field("amount", "应履行金额", "money", help="生效法律文书确定、尚未履行的金钱债务（元）。"),
        Field("fee", "申请执行费", "money", help="诉讼费用交纳办法 第14条、第38条（元）。"),
        Field("executor", "执行员"),
        Field("issued_on", "落款日期", "date"),
    ),
    build=_notice,
    title=lambda c: f"执行通知书{c['case_number']}（{c['respondent']}）",
)


def _order(c: dict[str, Any]) -> list[Block]:
    return [
        *_head(c, "报告财产令"),
        Block(
            "para",
            f"本院执行{c['applicant']}申请执行{c['source_reference']}法律文书一案，依照《中华人民共和国"
            "民事诉讼法》第二百五十二条的规定，责令你（单位）自收到本令之日起"
            f"{c['report_days']}日内，如实向本院报告当前以及收到执行通知之日前一年的财产情况：",
        ),
        *clauses(
            [
                "银行存款、网络支付账户资金及有价证券；",
                "不动产、车辆及其他动产；",
                "工资、劳务报酬等收入及其他财产权利；",
                "收到执行通知之日前一年内的财产变动情况。",
            ]
        ),
        Block(
            "para",
            "可在法院平台“我的执行案件”页面报告，或向承办执行员提交书面报告。拒绝报告或者虚假报告的，"
            "本院可以根据情节轻重予以罚款、拘留；违反财产报告制度的，可依法纳入失信被执行人名单。",
        ),
        Block("sign", f"执行员　{c['executor']}"),
        Block("date", date_chinese(c["issued_on"])),
        Block("seal", "（院印）"),
    ]


def _order_check(c: dict[str, Any]) -> dict[str, str]:
    days = c.get("report_days")
    if not isinstance(days, int) or not 1 <= days <= 90:
        return {"report_days": "报告期限须为1至90日"}
    return {}


PROPERTY_REPORT_ORDER = DocumentKind(
    kind="property_report_order",
    name="报告财产令",
    version=1,
    fields=(
        COURT,
        CASE_NUMBER,
        Field("respondent", "被执行人"),
        Field("applicant", "申请执行人"),
        Field("source_reference", "执行依据", help="生效法律文书的案号或文号。"),
        Field(
            "report_days",
            "报告期限（日）",
            "int",
            help="自收到本令之日起的日数（民事诉讼法 第252条）。",
        ),
        Field("executor", "执行员"),
        Field("issued_on", "落款日期", "date"),
    ),
    build=_order,
    title=lambda c: f"报告财产令{c['case_number']}（{c['respondent']}）",
    check=_order_check,
)

NOTICE_KINDS = (ENFORCEMENT_NOTICE.kind, PROPERTY_REPORT_ORDER.kind)

# The measures' and objections' kinds live in their own module (kept under the module size).
from fating.enforcement.kinds_disposal import IN_KIND_RULING  # noqa: E402
from fating.enforcement.kinds_measures import MEASURE, MEASURE_KINDS, OBJECTION_RULING  # noqa: E402

__all__ = [
    "ENFORCEMENT_NOTICE", "IN_KIND_RULING", "MEASURE", "MEASURE_KINDS", "NOTICE_KINDS",
    "OBJECTION_RULING", "PROPERTY_REPORT_ORDER",
]  # fmt: skip
