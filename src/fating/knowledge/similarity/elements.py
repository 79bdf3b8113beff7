"""Legal-element extraction: the facts a judge compares when calling two cases "similar".

Two 民间借贷 judgments are alike when they share what decides them — who lent to whom, whether there
is a guarantee or a mortgage, what document proves the loan, how the money was handed over, the
agreed interest rate against the 民间借贷规定 第25条 protection line, whether anything was repaid,
whether the spouse or heirs are sued. The element list follows the annotation scheme of CAIL2019-SCM
(Xiao et al., arXiv:1911.08962) and 最高人民法院关于审理民间借贷案件适用法律若干问题的规定. A few
elements for other common grassroots causes (traffic accidents, labour, sale, lease, marriage) make
the extractor useful outside lending too.

Elements are plain rules over the normalised text: each yields zero or more values for a key, and
``element_similarity`` compares two profiles key by key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .facts import CaseSections, split_sections
from .tokenize import normalize

Profile = dict[str, frozenset[str]]


@dataclass(frozen=True)
class ElementSpec:
    """One legal element: its key, Chinese label, weight and whether absence is informative.

    ``absent_value`` names the value a document takes when no rule fires. It is set for elements
    where silence is meaningful (a judgment that never mentions 担保 has no guarantee) and left
    ``None`` where silence only means "not stated" (how the money was delivered).
    """

    key: str
    label: str
    weight: float = 1.0
    absent_value: str | None = None
    rules: tuple[tuple[str, re.Pattern[str]], ...] = field(default_factory=tuple)


def _rules(*pairs: tuple[str, str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((value, re.compile(pattern)) for value, pattern in pairs)


# Organisations are recognised by their suffix in the party listing.
_ORG = r"(?:公司|银行|信用社|合作社|商行|厂|集团|中心|协会|事务所|经营部|门市部|店)"

LENDING_ELEMENTS: tuple[ElementSpec, ...] = (
    ElementSpec(
        "guarantee",
        "担保方式",
        weight=1.5,
        absent_value="无担保",
        rules=_rules(
            ("保证", r"保证人|担保人|连带(?:责任)?保证|保证责任|提供(?:连带)?担保|担保责任|作保"),
            ("抵押", r"抵押"),
            ("质押", r"质押|质权"),
        ),
    ),
    ElementSpec(
        "agreement",
        "借贷凭证",
        weight=1.0,
        rules=_rules(
            ("借款合同", r"借款合同|借款协议|借贷合同|借贷协议|合同书"),
            ("借条", r"借条|借据|欠条|欠据|借款单|借款凭证|借款字据"),
            ("收据", r"收条|收据|收款凭证"),
            ("还款承诺", r"还款协议|还款承诺|承诺书|还款计划|对账|结算单|确认书"),
        ),
    ),
    ElementSpec(
        "delivery",
        "交付方式",
        weight=1.0,
        rules=_rules(
            ("现金", r"现金|现款"),
            ("银行转账", r"转账|汇款|汇入|汇至|转入|银行(?:流水|明细|凭证|回单)|打款|网银"),
            ("网络支付", r"微信|支付宝"),
            ("票据", r"汇票|支票|本票"),
        ),
    ),
    ElementSpec(
        "spouse",
        "夫妻共同债务",
        weight=1.5,
        absent_value="否",
        rules=_rules(("是", r"夫妻|配偶|妻子|丈夫|婚姻关系|登记结婚|共同债务")),
    ),
    ElementSpec(
        "heirs",
        "继承",
        weight=1.5,
        absent_value="否",
        rules=_rules(("是", r"继承|遗产|死亡|去世|逝世|病故")),
    ),
    ElementSpec(
        "purpose",
        "借款用途",
        weight=0.8,
        rules=_rules(
            ("经营", r"经营|生意|周转|做工程|承包|投资|公司(?:需要|资金)|进货|生产"),
            ("生活", r"购房|买房|建房|装修|购车|买车|看病|治病|生活|结婚|上学|家庭"),
            ("违法", r"赌博|赌债|毒品"),
        ),
    ),
    ElementSpec(
        "term",
        "借款期限",
        weight=0.6,
        rules=_rules(
            ("未约定", r"未约定(?:借款|还款)?期限|没有约定(?:借款|还款)?期限|未约定还款时间"),
            ("有约定", r"借款期限|还款期限|借期|期限为|于\d+年\d+月\d+日前(?:归还|还清|偿还)|到期"),
        ),
    ),
    ElementSpec(
        "penalty",
        "违约金与费用",
        weight=0.6,
        absent_value="无",
        rules=_rules(("违约金", r"违约金|滞纳金|罚息"), ("律师费", r"律师费|代理费")),
    ),
    ElementSpec(
        "transfer",
        "债权债务转移",
        weight=1.0,
        absent_value="无",
        rules=_rules(
            ("债权转让", r"债权转让|转让(?:给|予)|受让"),
            ("债务加入", r"债务加入|共同借款人|共同还款|代为偿还|代偿"),
        ),
    ),
    ElementSpec(
        "multiple",
        "多笔借款",
        weight=0.8,
        absent_value="单笔",
        rules=_rules(
            (
                "多笔",
                r"分别于|多次借|先后(?:向|多次)|多笔|分\d+次|分[两三四五六七八九十]次|共计|合计",
            )
        ),
    ),
    ElementSpec(
        "dispute",
        "争议焦点",
        weight=1.0,
        absent_value="无争议",
        rules=_rules(
            ("已还清", r"已(?:经)?(?:全部)?还清|已(?:经)?全部(?:归还|偿还)"),
            ("利息过高", r"利息过高|利率过高|超过.*?(?:保护|规定)|高利"),
            ("诉讼时效", r"诉讼时效"),
            ("未实际交付", r"未(?:实际)?(?:交付|收到|出借)|没有(?:收到|交付)|虚假|套路贷"),
            ("涉刑", r"刑事|诈骗|非法吸收|集资|公安"),
        ),
    ),
    ElementSpec(
        "absent",
        "被告缺席",
        weight=0.4,
        absent_value="到庭",
        rules=_rules(("缺席", r"未到庭|缺席|拒不到庭|公告送达|下落不明")),
    ),
)

OTHER_ELEMENTS: tuple[ElementSpec, ...] = (
    ElementSpec(
        "cause",
        "纠纷类型",
        weight=2.0,
        rules=_rules(
            ("民间借贷", r"借款|借贷|借条|欠条"),
            ("交通事故", r"交通事故|交强险|机动车"),
            ("劳动争议", r"劳动合同|劳动关系|加班费|经济补偿|工伤|工资"),
            ("买卖合同", r"买卖合同|货款|送货单|供货"),
            ("租赁合同", r"租赁|租金|承租"),
            ("婚姻家庭", r"离婚|抚养|彩礼|赡养"),
            ("物业服务", r"物业服务|物业费"),
            ("建设工程", r"工程款|施工合同|承揽"),
        ),
    ),
    ElementSpec(
        "injury",
        "人身损害",
        weight=0.8,
        absent_value="无",
        rules=_rules(
            ("伤残", r"伤残"),
            ("死亡赔偿", r"死亡赔偿金|丧葬费"),
            ("医疗费", r"医疗费|误工费|护理费"),
        ),
    ),
)

ALL_ELEMENTS: tuple[ElementSpec, ...] = LENDING_ELEMENTS + OTHER_ELEMENTS
SPEC_BY_KEY: Mapping[str, ElementSpec] = {spec.key: spec for spec in ALL_ELEMENTS}

# ---------------------------------------------------------------------------------------------
# Numeric elements: amounts and interest rates are compared by band, not by exact figure.

_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|万|元)")
_RATE_PCT = re.compile(
    r"(年|月|日)?(?:利率|利息|息|率)(?:为|按|是|：|:)?(?:百分之)?\s*(\d+(?:\.\d+)?)\s*[%‰]"
)
_RATE_FEN = re.compile(
    r"(年|月)?(?:利息|息|利率)?(?:为|按)?([一二两三四五六七八九\d])分(?:([一二三四五六七八九\d])厘)?"
)
_NO_INTEREST = re.compile(r"未约定利息|没有约定利息|无息|不计利息|未约定借款利息|无利息|不支付利息")
_STATUTORY_RATE = re.compile(
    r"同期(?:同类)?(?:银行)?贷款(?:基准)?利率|基准利率|贷款市场报价利率|LPR"
)


# ---------------------------------------------------------------------------------------------
# Repayment: read from the narrative only. The prayer for relief ("判令被告偿还借款本金3万元")
# uses the same verbs as a repayment and would otherwise look like one.

_SENTENCES = re.compile(r"[^。；;]+")
_PRAYER = re.compile(r"请求|判令|判决|诉讼请求|要求(?:被告)?(?:归还|偿还|支付)")
_PARTIAL = re.compile(
    r"(?:归还|偿还|还款|还|支付|付)(?:了)?(?:部分|一部分)|已(?:经)?(?:归还|偿还|还款|还|支付)(?:了)?(?:借款|本金)?\d"
    r"|(?:归还|偿还|还款|还|还了|返还)(?:借款|本金|欠款)?\d|陆续(?:归还|偿还|还款)|尚欠|下欠|余款|剩余(?:借款|本金|欠款)"
)
_INTEREST_PAID = re.compile(
    r"(?:已|曾)?(?:支付|付|偿还|归还)(?:了)?(?:部分)?(?:借款)?利息(?:\d|至|到)|利息(?:已)?(?:支付|付|结清)(?:至|到)"
    r"|付息至|支付(?:了)?\d+(?:个)?月(?:的)?利息|利息已(?:结清|付清)"
)
_UNPAID = re.compile(
    r"分文未(?:还|付)|未(?:曾)?(?:归还|偿还|还款|还)|拒(?:不|绝)(?:归还|偿还|还款)|至今未(?:还|付)"
    r"|没有(?:归还|偿还|还款)|未(?:支付|付)(?:任何)?(?:本金|利息|本息)|本息未(?:还|付)|均未(?:归还|偿还)"
)


def repayment_status(text: str) -> str | None:
    """部分还款, 仅付利息 or 未还款, from the narrative sentences of a normalised judgment."""
    narrative = [s for s in _SENTENCES.findall(text) if not _PRAYER.search(s)]
    joined = "。".join(narrative)
    if _PARTIAL.search(joined):
        return "部分还款"
    if _INTEREST_PAID.search(joined):
        return "仅付利息"
    if _UNPAID.search(joined):
        return "未还款"
    return None


def _cn_num(s: str) -> float:
    return float(_CN_DIGITS[s]) if s in _CN_DIGITS else float(s)


def annual_rates(text: str) -> list[float]:
    """Every stated interest rate in ``text``, converted to an annual percentage."""
    rates: list[float] = []
    for unit, value in _RATE_PCT.findall(text):
        v = float(value)
        if unit == "月" or (not unit and v <= 5):
            # An unlabelled rate of a few percent is a monthly rate in lending practice (月息2%).
            v *= 12
        elif unit == "日":
            v *= 365
        if 0 < v < 1000:
            rates.append(v)
    for unit, fen, li in _RATE_FEN.findall(text):
        # 月息2分 = 2% a month; 1分2厘 = 1.2%. Only read when a rate word or unit sits nearby.
        v = _cn_num(fen) + (_cn_num(li) / 10 if li else 0.0)
        rates.append(v if unit == "年" else v * 12)
    return rates


def interest_band(text: str) -> str | None:
    """Interest band against the 24%/36% lines of the 2015 民间借贷规定 (the era of most judgments)."""
    rates = annual_rates(text)
    if rates:
        top = max(rates)
        if top <= 24:
            return "年利率24%以内"
        if top <= 36:
            return "年利率24%-36%"
        return "年利率36%以上"
    if _NO_INTEREST.search(text):
        return "未约定利息"
    if _STATUTORY_RATE.search(text):
        return "按同期贷款利率"
    if "利息" in text:
        return "利率未明"
    return None


def amounts(text: str) -> list[float]:
    """Money amounts in yuan."""
    found: list[float] = []
    # Thousands separators (20,987元) would otherwise cut a figure in two.
    text = _THOUSANDS.sub("", text)
    for value, unit in _AMOUNT.findall(text):
        v = float(value) * (10000 if unit.startswith("万") else 1)
        if v >= 100:
            found.append(v)
    return found


def amount_band(text: str) -> str | None:
    """Principal band on a roughly logarithmic scale; the largest amount stands for the claim."""
    found = amounts(text)
    if not found:
        return None
    top = max(found)
    for limit, band in (
        (10_000, "1万元以下"),
        (50_000, "1-5万元"),
        (100_000, "5-10万元"),
        (500_000, "10-50万元"),
        (1_000_000, "50-100万元"),
    ):
        if top < limit:
            return band
    return "100万元以上"


def _amount_log(text: str) -> float | None:
    found = amounts(text)
    return math.log10(max(found)) if found else None


# ---------------------------------------------------------------------------------------------
# Parties: whether lender and borrower are people or organisations.

_PARTY = re.compile(r"(原告|被告)[:：]?([^，,。；;：:\n]{1,40})")


def party_types(parties: str) -> dict[str, str]:
    """Lender/borrower kind from the party listing: 自然人 or 法人及其他组织.

    Only the listing is read: in the narrative "被告通过银行转账" would make 银行 look like a party.
    """
    kinds: dict[str, set[str]] = {"原告": set(), "被告": set()}
    for role, name in _PARTY.findall(parties):
        kinds[role].add("法人及其他组织" if re.search(_ORG, name) else "自然人")
    out = {}
    for role, key in (("原告", "lender"), ("被告", "borrower")):
        if kinds[role]:
            out[key] = "法人及其他组织" if "法人及其他组织" in kinds[role] else "自然人"
    return out


PARTY_SPECS: tuple[ElementSpec, ...] = (
    ElementSpec("lender", "出借人类型", weight=1.2),
    ElementSpec("borrower", "借款人类型", weight=1.2),
    ElementSpec("interest", "利率区间", weight=1.2),
    ElementSpec("amount", "金额区间", weight=0.8),
    ElementSpec("repayment", "还款情况", weight=1.2),
)
SPEC_BY_KEY = {**SPEC_BY_KEY, **{s.key: s for s in PARTY_SPECS}}


def extract_elements(text: str, sections: CaseSections | None = None) -> Profile:
    """The element profile of one judgment: element key → set of values.

    Pass ``sections`` when the caller has already split the text, to avoid doing it twice.
    """
    norm = normalize(text)
    profile: Profile = {}
    for spec in ALL_ELEMENTS:
        values = frozenset(value for value, pattern in spec.rules if pattern.search(norm))
        if values:
            profile[spec.key] = values
        elif spec.absent_value is not None:
            profile[spec.key] = frozenset({spec.absent_value})
    parties = (sections or split_sections(text)).parties
    for key, kind in party_types(parties).items():
        profile[key] = frozenset({kind})
    repaid = repayment_status(norm)
    if repaid:
        profile["repayment"] = frozenset({repaid})
    band = interest_band(norm)
    if band:
        profile["interest"] = frozenset({band})
    money = amount_band(norm)
    if money:
        profile["amount"] = frozenset({money})
    return profile


ElementWeights = Mapping[str, float]


def default_weights() -> dict[str, float]:
    return {key: spec.weight for key, spec in SPEC_BY_KEY.items()}


def element_similarity(
    a: Profile, b: Profile, weights: ElementWeights | None = None
) -> tuple[float, list[tuple[str, str]]]:
    """Weighted share of agreeing elements, in [0, 1], and the shared (label, value) pairs.

    Only keys present in both profiles count, so a judgment that is silent on delivery is neither
    rewarded nor punished for it. Multi-valued keys score their Jaccard overlap.
    """
    w = weights or default_weights()
    total = agree = 0.0
    shared: list[tuple[str, str]] = []
    for key, va in a.items():
        vb = b.get(key)
        if vb is None:
            continue
        weight = w.get(key, 1.0)
        if weight <= 0:
            continue
        inter = va & vb
        total += weight
        agree += weight * len(inter) / len(va | vb)
        spec = SPEC_BY_KEY.get(key)
        label = spec.label if spec else key
        shared.extend((label, value) for value in sorted(inter))
    return (agree / total if total else 0.0), shared


def element_tokens(profile: Profile) -> list[str]:
    """Profile as pseudo-words (``guarantee=抵押``) so it can be indexed next to ordinary terms."""
    return [f"{key}={value}" for key, values in sorted(profile.items()) for value in sorted(values)]
