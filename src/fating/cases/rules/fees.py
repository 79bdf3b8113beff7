"""Litigation fees under 诉讼费用交纳办法 (国务院令第481号, in force 2007-04-01). Pure, no Django.

Covers every 案件受理费 of 第13条 and every 申请费 of 第14条, the halving rules of 第15、16、18条
with 民诉法解释 第206条 (halve once only), and the provincial ranges of 第13条 last paragraph.

Arithmetic is exact: brackets are summed as Decimals, halving and the 1/3 of a payment order are
applied as Fractions, and the result is rounded ONCE at the end by a RoundingPolicy, because 办法
gives no rounding rule and courts differ (LEGAL-RULES §0: default ROUND_HALF_UP to the fen).

Boundaries follow 民法典 第1259条: "不超过1万元" includes 10,000, "超过1万元至10万元的部分" is the
part in (10,000, 100,000].

Decision on halving (第15条 调解/撤诉, 第16条 简易程序, 第18条 反诉): each of these articles says
"减半交纳**案件受理费**", so halving applies to the fees of 第13条 only, never to the 申请费 of
第14条 (enforcement, preservation, payment order, public summons, arbitration, bankruptcy,
maritime). Bankruptcy's "按照财产案件受理费标准减半" (第14条(六)) is a different rule: it is part of
the bankruptcy rate itself, applies to every bankruptcy case, and is not a 第15/16条 halving, so it
does not count against 解释 第206条 and is reported as an adjustment, not as `halved`.
The fee for a failed 管辖权异议 (第13条(六)) is listed among 受理费 but is charged per objection
when the objection is rejected, independently of how the main case is later tried or closed; we
therefore do not halve it and reject halving inputs for it rather than guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar

from fating.cases.rules.fee_tables import (
    BANKRUPTCY_CAP,
    DIVORCE_PROPERTY_BRACKETS,
    ENFORCEMENT_BRACKETS,
    FEN,
    HALVABLE_KINDS,
    JIESHI,
    NATIONAL_SCHEDULE,
    PERSONALITY_DAMAGES_BRACKETS,
    PRESERVATION_BRACKETS,
    PRESERVATION_CAP,
    PROPERTY_BRACKETS,
    ROUND_TO_FEN,
    STATUTORY_RANGES,
    AdministrativeSubkind,
    Bracket,
    Closure,
    D,
    FeeInputError,
    FeeKind,
    MaritimeSubkind,
    Procedure,
    ProvinceFeeSchedule,
    RangedFee,
    RoundingPolicy,
    banfa,
    plain_decimal,
)
from fating.core.money import MoneyError
from fating.core.money import parse_money as core_parse_money


@dataclass(frozen=True)
class BreakdownLine:
    """One line of the computation. For a flat per-case amount `rate` is None."""

    lower: Decimal | None
    upper: Decimal | None
    rate: Decimal | None
    amount: Decimal
    label: str

    def as_dict(self) -> dict[str, str | None]:
        return {
            "from": plain_decimal(self.lower),
            "to": plain_decimal(self.upper),
            "rate": plain_decimal(self.rate),
            "amount": plain_decimal(self.amount),
            "label": self.label,
        }


def _yuan(value: Decimal) -> str:
    if value >= 10_000 and value % 10_000 == 0:
        return f"{plain_decimal(value / 10_000)}万元"
    return f"{plain_decimal(value)}元"


def _label(bracket: Bracket) -> str:
    if bracket.rate is None:
        return f"不超过{_yuan(bracket.upper or D(0))}，每件{_yuan(bracket.flat)}"
    if bracket.rate == 0:
        return f"不超过{_yuan(bracket.upper or D(0))}的部分，不另行交纳"
    rate = f"{plain_decimal(bracket.rate * 100)}%"
    if bracket.upper is None:
        return f"超过{_yuan(bracket.lower)}的部分 × {rate}"
    return f"超过{_yuan(bracket.lower)}至{_yuan(bracket.upper)}的部分 × {rate}"


def cumulative_fee(
    amount: Decimal, brackets: Sequence[Bracket]
) -> tuple[Decimal, tuple[BreakdownLine, ...]]:
    """Exact sum of `brackets` applied cumulatively (分段累计) to `amount`, with the lines used.

    Flat brackets are always charged; a rated bracket contributes (min(amount, upper) − lower)
    × rate when amount > lower, so a boundary amount belongs to the lower bracket (民法典 第1259条).
    """
    total = D(0)
    lines: list[BreakdownLine] = []
    for bracket in brackets:
        if bracket.rate is None:
            total += bracket.flat
            lines.append(
                BreakdownLine(bracket.lower, bracket.upper, None, bracket.flat, _label(bracket))
            )
            continue
        if amount <= bracket.lower and not (bracket.rate == 0 and bracket.lower == 0):
            break
        top = amount if bracket.upper is None else min(amount, bracket.upper)
        part = bracket.rate * (top - bracket.lower)
        total += part
        lines.append(
            BreakdownLine(bracket.lower, bracket.upper, bracket.rate, part, _label(bracket))
        )
    return total, tuple(lines)


def property_fee(amount: Decimal) -> Decimal:
    """Exact, unhalved 案件受理费 of a property case. 诉讼费用交纳办法 第13条(一)."""
    return cumulative_fee(amount, PROPERTY_BRACKETS)[0]


# ---------------------------------------------------------------------------------------------
# Request and result


@dataclass(frozen=True)
class FeeRequest:
    """What the fee depends on. `amount` is the claimed/executed/preserved/estate amount in yuan;
    `base` the per-case amount inside a range (default from the schedule).

    `counterclaim` marks the fee OF a counterclaim (or of an independent third party's claim)
    that the court tries together with the main claim: 第18条 "分别减半" is read, as courts
    apply it, as halving each of those claims; the main claim's own fee is not halved by it."""

    kind: FeeKind
    amount: Decimal | None = None
    base: Decimal | None = None
    procedure: Procedure = Procedure.ORDINARY
    closure: Closure | None = None
    counterclaim: bool = False
    subkind: str | None = None


@dataclass(frozen=True)
class FeeResult:
    """A computed fee. `fee` is rounded once by `rounding`; `exact_fee` is the unrounded value;
    `full_fee` the sum of `breakdown` before halving, fractions and caps."""

    kind: FeeKind
    fee: Decimal
    exact_fee: Fraction
    full_fee: Decimal
    breakdown: tuple[BreakdownLine, ...]
    halved: bool
    halving_reasons: tuple[str, ...]
    adjustments: tuple[str, ...]
    articles: tuple[str, ...]
    notes: tuple[str, ...]
    base: Decimal | None
    schedule: ProvinceFeeSchedule
    rounding: RoundingPolicy

    @property
    def halving_reason(self) -> str | None:
        return "；".join(self.halving_reasons) if self.halving_reasons else None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form; money as decimal strings, `fee` always with 2 places."""
        return {
            "kind": str(self.kind),
            "fee": str(self.fee.quantize(FEN)),
            "exact_fee": _fraction_text(self.exact_fee),
            "full_fee": plain_decimal(self.full_fee),
            "breakdown": [line.as_dict() for line in self.breakdown],
            "halved": self.halved,
            "halving_reason": self.halving_reason,
            "halving_reasons": list(self.halving_reasons),
            "adjustments": list(self.adjustments),
            "articles": list(self.articles),
            "notes": list(self.notes),
            "base": plain_decimal(self.base),
            "rounding": self.rounding.name,
            "schedule": {
                "province": self.schedule.province,
                "effective_from": self.schedule.effective_from.isoformat(),
                "source": self.schedule.source,
            },
        }


def _fraction_text(value: Fraction) -> str:
    """Terminating fractions as plain decimals; others (e.g. 50/3) as "p/q" to stay exact."""
    denominator = value.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    return plain_decimal(D(value.numerator) / D(value.denominator)) or "0"


# ---------------------------------------------------------------------------------------------
# Calculation


@dataclass
class _Work:
    lines: list[BreakdownLine] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    adjustments: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    factor: Fraction = Fraction(1)
    cap: tuple[Decimal, str] | None = None  # (cap, "article text") when the fee has a ceiling
    base: Decimal | None = None

    def add(self, total_lines: tuple[Decimal, tuple[BreakdownLine, ...]]) -> None:
        self.lines.extend(total_lines[1])

    def flat(self, amount: Decimal, label: str) -> None:
        self.lines.append(BreakdownLine(None, None, None, amount, label))


def _require_amount(request: FeeRequest, what: str) -> Decimal:
    if request.amount is None:
        raise FeeInputError("amount", f"{what}必须填写金额")
    return request.amount


def _forbid_amount(request: FeeRequest, why: str) -> None:
    if request.amount is not None:
        raise FeeInputError("amount", why)


def _forbid_base(request: FeeRequest, why: str) -> None:
    if request.base is not None:
        raise FeeInputError("base", why)


def _ranged(
    work: _Work, request: FeeRequest, schedule: ProvinceFeeSchedule, item: RangedFee
) -> None:
    """Add the per-case amount of a ranged fee: `base` if given (validated), else the default."""
    rng = schedule.range_for(item)
    statutory_article = STATUTORY_RANGES[item][1]
    if request.base is None:
        base = rng.chosen_default
    else:
        base = request.base
        if not rng.contains(base):
            raise FeeInputError(
                "base",
                f"每件金额应在{plain_decimal(rng.low)}元至{plain_decimal(rng.high)}元之间"
                f"（{statutory_article}；适用标准：{schedule.province}），"
                f"收到{plain_decimal(base)}元",
            )
    work.base = base
    low, high = plain_decimal(rng.low), plain_decimal(rng.high)
    work.flat(base, f"每件{plain_decimal(base)}元（幅度{low}–{high}元）")


def _compute(request: FeeRequest, schedule: ProvinceFeeSchedule) -> _Work:
    work = _Work()
    kind = request.kind
    if kind not in (FeeKind.ADMINISTRATIVE, FeeKind.MARITIME) and request.subkind is not None:
        raise FeeInputError(
            "subkind", "只有行政案件（administrative）和海事申请（maritime）使用 subkind"
        )
    if kind is FeeKind.PROPERTY:
        # 第13条(一); several property claims are added up (解释 第201条) by the caller.
        work.add(cumulative_fee(_require_amount(request, "财产案件"), PROPERTY_BRACKETS))
        _forbid_base(request, "财产案件按金额分段累计，不使用 base")
        work.articles.append(banfa("第13条(一)"))
    elif kind is FeeKind.DIVORCE:
        # 第13条(二)1: 50–300 per case, plus 0.5% of the property above 200,000.
        _ranged(work, request, schedule, RangedFee.DIVORCE)
        if request.amount is not None:
            work.add(cumulative_fee(request.amount, DIVORCE_PROPERTY_BRACKETS))
        work.articles.append(banfa("第13条(二)1"))
    elif kind is FeeKind.PERSONALITY:
        # 第13条(二)2: 100–500 per case, plus damages above 50,000 at 1% / 0.5%.
        _ranged(work, request, schedule, RangedFee.PERSONALITY)
        if request.amount is not None:
            work.add(cumulative_fee(request.amount, PERSONALITY_DAMAGES_BRACKETS))
        work.articles.append(banfa("第13条(二)2"))
    elif kind is FeeKind.NON_PROPERTY:
        # 第13条(二)3. A case that also has a property claim pays the property standard only
        # (解释 第201条), so an amount here means the wrong kind was chosen.
        _forbid_amount(
            request,
            "其他非财产案件不按金额计费；同时有财产请求的，"
            "按财产案件（property）计费（民诉法解释 第201条）",
        )
        _ranged(work, request, schedule, RangedFee.NON_PROPERTY)
        work.articles.append(banfa("第13条(二)3"))
    elif kind is FeeKind.IP:
        # 第13条(三): no amount → 500–1,000 per case; with an amount → property schedule.
        if request.amount is None:
            _ranged(work, request, schedule, RangedFee.IP_NO_AMOUNT)
            work.articles.append(banfa("第13条(三)"))
        else:
            _forbid_base(request, "有争议金额的知识产权案件按财产案件标准计费，不使用 base")
            work.add(cumulative_fee(request.amount, PROPERTY_BRACKETS))
            work.articles += [banfa("第13条(三)"), banfa("第13条(一)")]
    elif kind is FeeKind.LABOR:
        # 第13条(四): 10 per case whatever the amount claimed. The filing form asks every case
        # for its claim amount, so an amount is accepted and does not change the fee.
        _forbid_base(request, "劳动争议案件每件10元，没有幅度，不使用 base")
        work.flat(D(10), "劳动争议案件每件10元")
        work.articles.append(banfa("第13条(四)"))
        work.notes.append("追索劳动报酬的案件可以不预交案件受理费（诉讼费用交纳办法 第20条）")
    elif kind is FeeKind.ADMINISTRATIVE:
        _compute_administrative(work, request)
    elif kind is FeeKind.JURISDICTION_OBJECTION:
        # 第13条(六): 50–100 per rejected objection.
        _forbid_amount(request, "管辖权异议按件计费，不使用 amount")
        _ranged(work, request, schedule, RangedFee.JURISDICTION_OBJECTION)
        work.articles.append(banfa("第13条(六)"))
        work.notes.append("仅在管辖权异议不成立时交纳")
    else:
        _compute_application(work, request, schedule)
    return work


def _compute_administrative(work: _Work, request: FeeRequest) -> None:
    # 第13条(五): 商标、专利、海事 100; other 50. Default "other": trademark, patent and maritime
    # administrative cases are heard by specialised courts, not basic courts.
    _forbid_amount(request, "行政案件按件计费，不使用 amount")
    _forbid_base(request, "行政案件的收费标准是固定的，不使用 base")
    try:
        subkind = AdministrativeSubkind(request.subkind or AdministrativeSubkind.OTHER)
    except ValueError:
        raise FeeInputError(
            "subkind",
            f"未知的行政案件类别「{request.subkind}」，可选：trademark、patent、maritime、other",
        ) from None
    if subkind is AdministrativeSubkind.OTHER:
        work.flat(D(50), "其他行政案件每件50元")
        work.articles.append(banfa("第13条(五)2"))
    else:
        work.flat(D(100), "商标、专利、海事行政案件每件100元")
        work.articles.append(banfa("第13条(五)1"))


def _compute_application(work: _Work, request: FeeRequest, schedule: ProvinceFeeSchedule) -> None:
    """申请费 of 第14条. None of these is halved by 第15、16、18条 (they halve 受理费 only)."""
    kind = request.kind
    if kind is FeeKind.ENFORCEMENT:
        if request.amount is None:
            _ranged(work, request, schedule, RangedFee.ENFORCEMENT_NO_AMOUNT)
            work.articles.append(banfa("第14条(一)1"))
        else:
            _forbid_base(request, "有执行金额时按比例分段累计，不使用 base")
            work.add(cumulative_fee(request.amount, ENFORCEMENT_BRACKETS))
            work.articles.append(banfa("第14条(一)2"))
        work.notes.append(
            "执行申请费不由申请人预交，执行后交纳（第20条），由被执行人负担（第38条）"
        )
    elif kind is FeeKind.PRESERVATION:
        _forbid_base(request, "保全申请费没有幅度，不使用 base")
        work.add(cumulative_fee(request.amount or D(0), PRESERVATION_BRACKETS))
        work.cap = (PRESERVATION_CAP, "最多不超过5000元（诉讼费用交纳办法 第14条(二)）")
        work.articles.append(banfa("第14条(二)"))
    elif kind is FeeKind.PAYMENT_ORDER:
        _forbid_base(request, "支付令申请费按财产案件标准计算，不使用 base")
        work.add(cumulative_fee(_require_amount(request, "支付令申请"), PROPERTY_BRACKETS))
        work.factor = Fraction(1, 3)
        work.adjustments.append("比照财产案件受理费标准的1/3交纳（诉讼费用交纳办法 第14条(三)）")
        work.articles += [banfa("第14条(三)"), banfa("第13条(一)")]
        work.notes.append("支付令失效转入诉讼程序的，债权人补交案件受理费（民诉法解释 第195条）")
    elif kind is FeeKind.PUBLIC_SUMMONS:
        _forbid_amount(request, "公示催告按件计费，不使用 amount")
        _forbid_base(request, "公示催告每件100元，不使用 base")
        work.flat(D(100), "公示催告每件100元")
        work.articles.append(banfa("第14条(四)"))
    elif kind is FeeKind.ARBITRATION:
        _forbid_amount(request, "撤销仲裁裁决或认定仲裁协议效力按件计费，不使用 amount")
        _forbid_base(request, "撤销仲裁裁决或认定仲裁协议效力每件400元，不使用 base")
        work.flat(D(400), "撤销仲裁裁决或认定仲裁协议效力每件400元")
        work.articles.append(banfa("第14条(五)"))
    elif kind is FeeKind.BANKRUPTCY:
        # 第14条(六): the bankruptcy rate is half the property schedule on the estate, capped.
        _forbid_base(request, "破产申请费按破产财产总额计算，不使用 base")
        work.add(
            cumulative_fee(_require_amount(request, "破产案件（破产财产总额）"), PROPERTY_BRACKETS)
        )
        work.factor = Fraction(1, 2)
        work.cap = (BANKRUPTCY_CAP, "最高不超过30万元（诉讼费用交纳办法 第14条(六)）")
        work.adjustments.append(
            "按财产案件受理费标准减半（诉讼费用交纳办法 第14条(六)，不属于第15、16条的减半）"
        )
        work.articles += [banfa("第14条(六)"), banfa("第13条(一)")]
        work.notes.append("破产申请费清算后交纳（第20条）")
    elif kind is FeeKind.MARITIME:
        _compute_maritime(work, request, schedule)
    else:  # pragma: no cover - every FeeKind is handled above
        raise AssertionError(kind)


def _compute_maritime(work: _Work, request: FeeRequest, schedule: ProvinceFeeSchedule) -> None:
    _forbid_amount(request, "海事申请费按件计费，不使用 amount")
    try:
        subkind = MaritimeSubkind(request.subkind or "")
    except ValueError:
        raise FeeInputError(
            "subkind",
            "海事申请必须填写 subkind：limitation_fund、injunction、lien_summons、"
            "debt_registration、general_average",
        ) from None
    ranged = {
        MaritimeSubkind.LIMITATION_FUND: RangedFee.MARITIME_LIMITATION_FUND,
        MaritimeSubkind.INJUNCTION: RangedFee.MARITIME_INJUNCTION,
        MaritimeSubkind.LIEN_SUMMONS: RangedFee.SHIP_LIEN_SUMMONS,
    }
    if subkind in ranged:
        _ranged(work, request, schedule, ranged[subkind])
        work.articles.append(STATUTORY_RANGES[ranged[subkind]][1])
    else:
        _forbid_base(request, "该海事申请每件1000元，不使用 base")
        work.flat(D(1000), "每件1000元")
        item = "4" if subkind is MaritimeSubkind.DEBT_REGISTRATION else "5"
        work.articles.append(banfa(f"第14条(七){item}"))


def _halving_reasons(request: FeeRequest) -> list[tuple[str, list[str]]]:
    reasons: list[tuple[str, list[str]]] = []
    if request.procedure is Procedure.SIMPLE:
        reasons.append(("适用简易程序", [banfa("第16条")]))
    elif request.procedure is Procedure.SMALL_CLAIMS:
        # Small claims is a form of simple procedure (CPL 第165条 in 第十三章; 解释 第281条).
        reasons.append(("适用小额诉讼程序（属简易程序）", [banfa("第16条"), f"{JIESHI} 第281条"]))
    if request.closure is Closure.MEDIATION:
        reasons.append(("以调解方式结案", [banfa("第15条")]))
    elif request.closure is Closure.WITHDRAWAL:
        reasons.append(("申请撤诉", [banfa("第15条")]))
    if request.counterclaim:
        reasons.append(("反诉或有独立请求权第三人的请求合并审理", [banfa("第18条")]))
    return reasons


def _check_not_halvable(request: FeeRequest) -> None:
    what = "申请费" if request.kind is not FeeKind.JURISDICTION_OBJECTION else "管辖权异议费"
    why = f"{what}不适用减半（诉讼费用交纳办法 第15、16、18条只减半案件受理费）"
    if request.procedure is not Procedure.ORDINARY:
        raise FeeInputError("procedure", why)
    if request.closure is not None:
        raise FeeInputError("closure", why)
    if request.counterclaim:
        raise FeeInputError("counterclaim", why)


def check_money(name: str, value: Decimal | None) -> None:
    """Money inputs go through the project's one parser (fating.core.money): finite, not
    negative, at most MONEY_MAX (999,999,999,999.99), at most two decimals (fen)."""
    if value is None:
        return
    if not isinstance(value, Decimal):
        raise FeeInputError(name, "金额必须是有限的数字")
    parse_money(name, value)


def calculate_fee(
    request: FeeRequest,
    *,
    schedule: ProvinceFeeSchedule = NATIONAL_SCHEDULE,
    rounding: RoundingPolicy = ROUND_TO_FEN,
) -> FeeResult:
    """Compute one fee under 诉讼费用交纳办法 第13–18条 (see the module docstring).

    Order: exact breakdown sum → factor (1/2 halving once per 解释 第206条, 1/3 for a payment
    order, 1/2 for bankruptcy) → cap (preservation 5,000; bankruptcy 300,000) → one rounding.
    Raises FeeInputError naming the field for any input the rule cannot use.
    """
    check_money("amount", request.amount)
    check_money("base", request.base)
    if request.kind in HALVABLE_KINDS:
        reasons = _halving_reasons(request)
    else:
        _check_not_halvable(request)
        reasons = []
    work = _compute(request, schedule)
    full = sum((line.amount for line in work.lines), D(0))
    exact = Fraction(full) * work.factor
    articles = list(work.articles)
    if reasons:
        exact /= 2
        for _, cited in reasons:
            articles += [a for a in cited if a not in articles]
        if len(reasons) > 1:
            # 解释 第206条: several grounds, but the fee is halved only once.
            articles.append(f"{JIESHI} 第206条")
    if work.cap is not None and exact > work.cap[0]:
        exact = Fraction(work.cap[0])
        work.adjustments.append(work.cap[1])
    return FeeResult(
        kind=request.kind,
        fee=rounding.apply(exact),
        exact_fee=exact,
        full_fee=full,
        breakdown=tuple(work.lines),
        halved=bool(reasons),
        halving_reasons=tuple(reason for reason, _ in reasons),
        adjustments=tuple(work.adjustments),
        articles=tuple(articles),
        notes=tuple(work.notes),
        base=work.base,
        schedule=schedule,
        rounding=rounding,
    )


# ---------------------------------------------------------------------------------------------
# Parsing loosely typed input (JSON, forms) into a FeeRequest

REQUEST_FIELDS = ("kind", "amount", "base", "procedure", "closure", "counterclaim", "subkind")


def parse_money(name: str, value: object) -> Decimal | None:
    """Decimal from a string like "150000.50" (preferred), an int, a Decimal or a float; None
    stays None. The project's one money parser decides (fating.core.money); its refusal becomes
    FeeInputError(name, …) so `fating fee` prints "amount: 金额不能为负数"."""
    try:
        return core_parse_money(value, field=name, label="金额", blank_is_missing=False)
    except MoneyError as exc:
        raise FeeInputError(name, exc.reason.rstrip("。")) from None


_E = TypeVar("_E", bound=StrEnum)


def _choice(name: str, value: object, enum: type[_E]) -> _E | None:
    if value is None:
        return None
    if isinstance(value, str) and value in enum._value2member_map_:
        return enum(value)
    options = "、".join(member.value for member in enum)
    raise FeeInputError(name, f"未知的取值「{value}」，可选：{options}")


def parse_fee_request(data: Mapping[str, object]) -> FeeRequest:
    """Build a FeeRequest from a mapping of the REQUEST_FIELDS; unknown fields are errors."""
    unknown = [key for key in data if key not in REQUEST_FIELDS]
    if unknown:
        raise FeeInputError(unknown[0], f"未知字段，可用字段：{'、'.join(REQUEST_FIELDS)}")
    kind = _choice("kind", data.get("kind"), FeeKind)
    if kind is None:
        raise FeeInputError("kind", "必须填写案件类型")
    procedure = _choice("procedure", data.get("procedure"), Procedure) or Procedure.ORDINARY
    counterclaim = data.get("counterclaim")
    if counterclaim is not None and not isinstance(counterclaim, bool):
        raise FeeInputError("counterclaim", "必须是 true 或 false")
    subkind = data.get("subkind")
    if subkind is not None and not isinstance(subkind, str):
        raise FeeInputError("subkind", "必须是文字")
    return FeeRequest(
        kind=kind,
        amount=parse_money("amount", data.get("amount")),
        base=parse_money("base", data.get("base")),
        procedure=procedure,
        closure=_choice("closure", data.get("closure"), Closure),
        counterclaim=bool(counterclaim),
        subkind=subkind,
    )
