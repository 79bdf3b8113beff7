"""Measures and disposal: auction prices, 限制消费 and 失信, and the five conditions of 终本.
Pure, no Django. Sources: LEGAL-RULES D10.

- 网络司法拍卖 (最高人民法院关于人民法院网络司法拍卖若干问题的规定, 2016): the start price (起拍价 =
  保留价) not below 70% of the valuation (第10条); after a failed auction, the next auction's start
  price reduced by at most 20% of the previous start price (第26条); deposit 5%–20% of the start
  price (第17条); notice 15 days before for movables, 30 for real estate (第12条).
- 限制消费令 (限制被执行人高消费及有关消费的若干规定, 2015 revision 第1条): the respondent did not perform
  within the period of the 执行通知. 失信被执行人名单 (2017 规定 第1条): one of its six grounds recorded.
- 终本 (最高人民法院关于严格规范终结本次执行程序的规定（试行）, 2016, 第1条): all five conditions at once,
  each with evidence; and the applicant interviewed (第5条).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

AUCTION_ARTICLE = "网络司法拍卖规定"
MIN_START_RATIO = Decimal("0.70")  # 第10条
MAX_REDUCTION = Decimal("0.20")  # 第26条
DEPOSIT_RANGE = (Decimal("0.05"), Decimal("0.20"))  # 第17条
NOTICE_DAYS = {"movable": 15, "real_estate": 30, "other_right": 30}  # 第12条
CENT = Decimal("0.01")


def min_start_price(valuation: Decimal) -> Decimal:
    """The lowest allowed start price of a first auction (第10条), rounded up to 分."""
    return (valuation * MIN_START_RATIO).quantize(CENT, rounding=ROUND_CEILING)


def min_next_start_price(previous_start: Decimal) -> Decimal:
    """The lowest start price of the auction after a failed one (第26条), rounded up to 分."""
    return (previous_start * (1 - MAX_REDUCTION)).quantize(CENT, rounding=ROUND_CEILING)


def auction_price_problems(
    *,
    valuation: Decimal,
    start_price: Decimal,
    previous_start: Decimal | None = None,
    deposit: Decimal | None = None,
) -> dict[str, str]:
    """Field → Chinese sentence for every price rule the proposed auction breaks ({} = fine)."""
    problems: dict[str, str] = {}
    if valuation <= 0:
        problems["valuation"] = "评估价必须大于零"
        return problems
    if previous_start is None:
        if start_price < min_start_price(valuation):
            problems["start_price"] = (
                f"起拍价不得低于评估价的百分之七十（{min_start_price(valuation)}元；{AUCTION_ARTICLE} 第10条）"
            )
    elif start_price < min_next_start_price(previous_start):
        problems["start_price"] = (
            f"再次拍卖的起拍价降价幅度不得超过前次起拍价的百分之二十（不低于{min_next_start_price(previous_start)}元；{AUCTION_ARTICLE} 第26条）"
        )
    if deposit is not None:
        low = (start_price * DEPOSIT_RANGE[0]).quantize(CENT, rounding=ROUND_CEILING)
        high = (start_price * DEPOSIT_RANGE[1]).quantize(CENT, rounding=ROUND_FLOOR)
        if not low <= deposit <= high:
            problems["deposit"] = (
                f"保证金应为起拍价的百分之五至百分之二十（{low}–{high}元；{AUCTION_ARTICLE} 第17条）"
            )
    return problems


# 失信被执行人名单 grounds (2017 规定 第1条 (一)–(六)).
BLACKLIST_GROUNDS: Mapping[str, str] = {
    "able_but_refuses": "有履行能力而拒不履行生效法律文书确定义务",
    "obstructs": "以伪造证据、暴力、威胁等方法妨碍、抗拒执行",
    "evades": "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行",
    "breaks_report_duty": "违反财产报告制度",
    "breaks_consumption_ban": "违反限制消费令",
    "breaks_settlement": "无正当理由拒不履行执行和解协议",
}
BLACKLIST_YEARS = 2  # 第2条: generally two years


def consumption_ban_allowed(*, notice_served: bool, performed_in_time: bool) -> bool:
    """限制消费令: the 执行通知 was served and the respondent did not perform within its period
    (限制消费规定 第1条)."""
    return notice_served and not performed_in_time


def blacklist_problem(grounds: set[str] | frozenset[str]) -> str | None:
    """None when at least one recognised ground is recorded, else the refusal sentence."""
    unknown = set(grounds) - set(BLACKLIST_GROUNDS)
    if unknown:
        return f"未知的失信情形：{'、'.join(sorted(unknown))}"
    if not grounds:
        return "纳入失信被执行人名单须记录至少一项法定情形（失信被执行人名单规定 第1条）"
    return None


#: The five conditions of 终本 (终本规定 第1条 (一)–(五)), each to be recorded with evidence.
ZHONGBEN_CONDITIONS: Mapping[str, str] = {
    "notice_and_report_order": "已向被执行人发出执行通知、责令被执行人报告财产",
    "consumption_ban": "已向被执行人发出限制消费令，并将符合条件的被执行人纳入失信被执行人名单",
    "search_exhausted": "已穷尽财产调查措施，未发现可供执行的财产或者发现的财产不能处置",
    "three_months": "自立案之日起已超过三个月",
    "respondent_located": "被执行人下落不明的，已依法予以查找；妨害执行的，已依法采取强制措施",
}
ZHONGBEN_ARTICLE = "最高人民法院关于严格规范终结本次执行程序的规定（试行） 第1条"


@dataclass(frozen=True)
class ZhongbenFacts:
    """`evidence`: condition → the recorded evidence text (empty or missing = not shown)."""

    evidence: Mapping[str, str]
    applicant_interviewed: bool


def zhongben_missing(facts: ZhongbenFacts) -> list[str]:
    """The labels of what is still missing for 终本 ([] = may conclude)."""
    missing = [label for key, label in ZHONGBEN_CONDITIONS.items()
               if not facts.evidence.get(key, "").strip()]  # fmt: skip
    if not facts.applicant_interviewed:
        missing.append("已约谈申请执行人并告知终本事由（终本规定 第5条）")
    return missing


def may_conclude(facts: object) -> bool:
    """Guard of the machine's `conclude` arrow."""
    return isinstance(facts, ZhongbenFacts) and not zhongben_missing(facts)
