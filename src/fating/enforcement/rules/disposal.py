"""Disposal before and after a 网络司法拍卖: valuation methods, auction notice periods, 以物抵债.
Pure, no Django.

Sources and what was verified:
- Valuation methods (当事人议价, 定向询价, 网络询价, 委托评估) follow 最高人民法院关于人民法院确定财产处置参考价
  若干问题的规定 (2018). Its text is NOT in /work/shared/data/laws/, so no article of it is cited here.
- Notice periods: 最高人民法院关于人民法院网络司法拍卖若干问题的规定 (2016). Its text is NOT in
  /work/shared/data/laws/ either; LEGAL-RULES D10 records 15 days for movables and 30 days for real
  estate and other property rights as remembered, not checked. The same periods are applied to every
  round here (stricter than or equal to what is remembered for a second auction), and the messages
  name no article.
- 以物抵债: 最高人民法院关于适用《中华人民共和国民事诉讼法》的解释 (2022) 第490条 (verified in the laws
  folder): property that cannot be auctioned or sold may, with the applicant's consent, be valued and
  delivered to the applicant in satisfaction of the debt; 第491条 (verified): ownership passes when the
  抵债 ruling is served on the creditor who takes the property.
"""

from __future__ import annotations

import datetime as dt

VALUATION_METHODS = {
    "negotiated": "当事人议价",
    "directed": "定向询价",
    "online": "网络询价",
    "appraisal": "委托评估",
}
NOTICE_DAYS = {"deposit": 15, "movable": 15, "real_estate": 30, "other_right": 30}
IN_KIND_ARTICLE = "民诉法解释 第490条"


def notice_days(asset_kind: str) -> int:
    """Days the auction notice must precede the start; unknown kinds take the longer period."""
    return NOTICE_DAYS.get(asset_kind, 30)


def notice_problems(
    *, asset_kind: str, announced_on: dt.date, starts_on: dt.date
) -> dict[str, str]:
    """Field → Chinese sentence when the auction starts too soon after its notice ({} = fine)."""
    days = notice_days(asset_kind)
    if (starts_on - announced_on).days < days:
        label = "动产" if days == 15 else "不动产或其他财产权"
        return {
            "starts_on": f"拍卖{label}应当在拍卖开始{days}日前发布公告，"
            f"开始日不得早于{(announced_on + dt.timedelta(days=days)).isoformat()}"
        }
    return {}


def in_kind_problems(*, last_result: str | None, consent: bool, disposed: bool) -> dict[str, str]:
    """Field → Chinese sentence when 以物抵债 is not allowed ({} = fine)."""
    problems: dict[str, str] = {}
    if last_result != "failed":
        problems["auction"] = "只有最近一次拍卖流拍后才能以物抵债"
    if disposed:
        problems["asset"] = "该财产已处置"
    if not consent:
        problems["consent"] = f"以物抵债须经申请执行人同意（{IN_KIND_ARTICLE}）"
    return problems
