"""Data for 诉讼费用交纳办法 fees: kinds, statutory and provincial ranges, rounding, brackets.

Pure Python, no Django. The calculation lives in `fees.py`; article references are given next to
each table. Money is Decimal throughout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

from fating.cases.rules.case_numbers import PROVINCE_ABBREVIATIONS
from fating.core.exceptions import FieldError
from fating.core.money import MONEY_MAX

BANFA = "诉讼费用交纳办法"
JIESHI = "民诉法解释"

D = Decimal
FEN = D("0.01")
ZERO = D(0)
# The project-wide money ceiling (fating.core.money): one limit for fees, claims and payments.
MAX_AMOUNT = MONEY_MAX


def banfa(ref: str) -> str:
    return f"{BANFA} {ref}"


class FeeInputError(FieldError):
    """Bad fee input. `field` names the input field; `reason` is the Chinese message.

    str(error) is "field: message", e.g. "amount: 金额不能为负数".
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: message}, f"{field}: {message}")
        self.field = field
        self.reason = message


class FeeKind(StrEnum):
    PROPERTY = "property"  # 第13条(一)
    DIVORCE = "divorce"  # 第13条(二)1
    PERSONALITY = "personality"  # 第13条(二)2
    NON_PROPERTY = "non_property"  # 第13条(二)3
    IP = "ip"  # 第13条(三)
    LABOR = "labor"  # 第13条(四)
    ADMINISTRATIVE = "administrative"  # 第13条(五)
    JURISDICTION_OBJECTION = "jurisdiction_objection"  # 第13条(六)
    ENFORCEMENT = "enforcement"  # 第14条(一)
    PRESERVATION = "preservation"  # 第14条(二)
    PAYMENT_ORDER = "payment_order"  # 第14条(三)
    PUBLIC_SUMMONS = "public_summons"  # 第14条(四)
    ARBITRATION = "arbitration"  # 第14条(五)
    BANKRUPTCY = "bankruptcy"  # 第14条(六)
    MARITIME = "maritime"  # 第14条(七)


class Procedure(StrEnum):
    ORDINARY = "ordinary"
    SIMPLE = "simple"
    SMALL_CLAIMS = "small_claims"


class Closure(StrEnum):
    MEDIATION = "mediation"
    WITHDRAWAL = "withdrawal"


class AdministrativeSubkind(StrEnum):
    TRADEMARK = "trademark"
    PATENT = "patent"
    MARITIME = "maritime"
    OTHER = "other"


class MaritimeSubkind(StrEnum):
    LIMITATION_FUND = "limitation_fund"  # 第14条(七)1 设立海事赔偿责任限制基金
    INJUNCTION = "injunction"  # (七)2 海事强制令
    LIEN_SUMMONS = "lien_summons"  # (七)3 船舶优先权催告
    DEBT_REGISTRATION = "debt_registration"  # (七)4 海事债权登记
    GENERAL_AVERAGE = "general_average"  # (七)5 共同海损理算


# Fees of 第13条 (案件受理费): the only ones 第15、16、18条 halve. See the module docstring.
HALVABLE_KINDS = frozenset(
    {
        FeeKind.PROPERTY,
        FeeKind.DIVORCE,
        FeeKind.PERSONALITY,
        FeeKind.NON_PROPERTY,
        FeeKind.IP,
        FeeKind.LABOR,
        FeeKind.ADMINISTRATIVE,
    }
)


# ---------------------------------------------------------------------------------------------
# Provincial ranges (第13条 last paragraph) and their defaults


class RangedFee(StrEnum):
    """Per-case amounts that the statute gives as a range."""

    DIVORCE = "divorce"
    PERSONALITY = "personality"
    NON_PROPERTY = "non_property"
    IP_NO_AMOUNT = "ip_no_amount"
    JURISDICTION_OBJECTION = "jurisdiction_objection"
    ENFORCEMENT_NO_AMOUNT = "enforcement_no_amount"
    MARITIME_LIMITATION_FUND = "maritime_limitation_fund"
    MARITIME_INJUNCTION = "maritime_injunction"
    SHIP_LIEN_SUMMONS = "ship_lien_summons"


@dataclass(frozen=True)
class FeeRange:
    """A per-case range [low, high] with the amount used when the caller gives no `base`.

    The default is the lower bound unless set: 第3条 forbids charging beyond the standard, the
    lower bound is within every range a province may adopt, and a shortfall can be topped up
    (补交) while an overcharge needs a refund. A province that fixes one amount uses low == high.
    """

    low: Decimal
    high: Decimal
    default: Decimal | None = None

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"range low {self.low} > high {self.high}")
        if self.default is not None and not self.low <= self.default <= self.high:
            raise ValueError(f"default {self.default} outside [{self.low}, {self.high}]")

    @property
    def chosen_default(self) -> Decimal:
        """`default` if set, else the lower bound (see the class docstring)."""
        return self.low if self.default is None else self.default

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high


# Statutory ranges. Only (二)(三)(六) of 第13条 are delegated to provinces by its last paragraph;
# the 第14条 ranges sit here too because they are equally a local choice in practice (LEGAL-RULES
# §G item 2) and the court must be able to configure them.
STATUTORY_RANGES: MappingProxyType[RangedFee, tuple[FeeRange, str]] = MappingProxyType(
    {
        RangedFee.DIVORCE: (FeeRange(D(50), D(300)), banfa("第13条(二)1")),
        RangedFee.PERSONALITY: (FeeRange(D(100), D(500)), banfa("第13条(二)2")),
        RangedFee.NON_PROPERTY: (FeeRange(D(50), D(100)), banfa("第13条(二)3")),
        RangedFee.IP_NO_AMOUNT: (FeeRange(D(500), D(1000)), banfa("第13条(三)")),
        RangedFee.JURISDICTION_OBJECTION: (FeeRange(D(50), D(100)), banfa("第13条(六)")),
        RangedFee.ENFORCEMENT_NO_AMOUNT: (FeeRange(D(50), D(500)), banfa("第14条(一)1")),
        RangedFee.MARITIME_LIMITATION_FUND: (FeeRange(D(1000), D(10000)), banfa("第14条(七)1")),
        RangedFee.MARITIME_INJUNCTION: (FeeRange(D(1000), D(5000)), banfa("第14条(七)2")),
        RangedFee.SHIP_LIEN_SUMMONS: (FeeRange(D(1000), D(5000)), banfa("第14条(七)3")),
    }
)


@dataclass(frozen=True)
class ProvinceFeeSchedule:
    """The amounts a province fixed inside the statutory ranges (第13条 last paragraph).

    `ranges` holds overrides only; a missing entry falls back to the statutory range with its
    lower bound as default. Overrides must lie inside the statutory range ("在…幅度内").
    """

    province: str
    effective_from: dt.date
    ranges: Mapping[RangedFee, FeeRange] = field(default_factory=dict)
    source: str = ""

    def __post_init__(self) -> None:
        for item, rng in self.ranges.items():
            statutory, article = STATUTORY_RANGES[item]
            if not (statutory.contains(rng.low) and statutory.contains(rng.high)):
                raise ValueError(
                    f"{self.province} {item}: [{rng.low}, {rng.high}] outside {article} "
                    f"[{statutory.low}, {statutory.high}]"
                )
        object.__setattr__(self, "ranges", MappingProxyType(dict(self.ranges)))

    def range_for(self, item: RangedFee) -> FeeRange:
        return self.ranges.get(item) or STATUTORY_RANGES[item][0]


NATIONAL_SCHEDULE = ProvinceFeeSchedule(
    province="全国",
    effective_from=dt.date(2007, 4, 1),
    source="诉讼费用交纳办法 法定幅度，未配置省级标准时取下限",
)

# No provincial standard is bundled yet (LEGAL-RULES §G item 2): add them here as they are
# obtained, with `source` naming the provincial document.
PROVINCE_SCHEDULES: tuple[ProvinceFeeSchedule, ...] = ()


def schedule_for(
    province: str | None = None,
    on: dt.date | None = None,
    *,
    schedules: Sequence[ProvinceFeeSchedule] = PROVINCE_SCHEDULES,
) -> ProvinceFeeSchedule:
    """The schedule in force in `province` on `on` (today if None); national default otherwise."""
    if province is None:
        return NATIONAL_SCHEDULE
    if province not in PROVINCE_ABBREVIATIONS:
        raise FeeInputError(
            "province", f"未知的省份「{province}」，请用省级简称，如「鲁」（内蒙古用「内」）"
        )
    day = on or dt.date.today()
    candidates = [s for s in schedules if s.province == province and s.effective_from <= day]
    return max(candidates, key=lambda s: s.effective_from, default=NATIONAL_SCHEDULE)


# ---------------------------------------------------------------------------------------------
# Rounding

_ROUNDING_MODES = {
    ROUND_HALF_UP,
    ROUND_HALF_EVEN,
    ROUND_HALF_DOWN,
    ROUND_DOWN,
    ROUND_UP,
    ROUND_FLOOR,
    ROUND_CEILING,
}


@dataclass(frozen=True)
class RoundingPolicy:
    """How the exact fee becomes money: quantum (0.01 = fen, 1 = yuan) and a decimal mode.

    办法 has no rounding rule (LEGAL-RULES §0), so this is a per-court setting.
    """

    quantum: Decimal = FEN
    mode: str = ROUND_HALF_UP
    name: str = "fen"

    def __post_init__(self) -> None:
        if self.mode not in _ROUNDING_MODES:
            raise ValueError(f"unknown rounding mode {self.mode}")
        if self.quantum <= 0:
            raise ValueError("quantum must be positive")

    def apply(self, value: Fraction | Decimal) -> Decimal:
        """Round an exact non-negative value once; works on Fractions such as 50/3 exactly."""
        steps = Fraction(value) / Fraction(self.quantum)
        whole, rest = divmod(steps, 1)
        half = Fraction(1, 2)
        up = {
            ROUND_HALF_UP: rest >= half,
            ROUND_HALF_DOWN: rest > half,
            ROUND_HALF_EVEN: rest > half or (rest == half and whole % 2 == 1),
            ROUND_DOWN: False,
            ROUND_FLOOR: False,
            ROUND_UP: rest > 0,
            ROUND_CEILING: rest > 0,
        }[self.mode]
        return (D(int(whole) + int(up)) * self.quantum).quantize(self.quantum)


ROUND_TO_FEN = RoundingPolicy()
ROUND_TO_YUAN = RoundingPolicy(D(1), ROUND_HALF_UP, "yuan")
ROUNDING_POLICIES: MappingProxyType[str, RoundingPolicy] = MappingProxyType(
    {"fen": ROUND_TO_FEN, "yuan": ROUND_TO_YUAN}
)


# ---------------------------------------------------------------------------------------------
# Brackets


@dataclass(frozen=True)
class Bracket:
    """The part of the amount in (lower, upper] charged at `rate`; rate None = flat `flat`."""

    lower: Decimal
    upper: Decimal | None
    rate: Decimal | None
    flat: Decimal = ZERO


# 第13条(一)1–10, cumulative.
PROPERTY_BRACKETS: tuple[Bracket, ...] = (
    Bracket(D(0), D(10_000), None, D(50)),
    Bracket(D(10_000), D(100_000), D("0.025")),
    Bracket(D(100_000), D(200_000), D("0.02")),
    Bracket(D(200_000), D(500_000), D("0.015")),
    Bracket(D(500_000), D(1_000_000), D("0.01")),
    Bracket(D(1_000_000), D(2_000_000), D("0.009")),
    Bracket(D(2_000_000), D(5_000_000), D("0.008")),
    Bracket(D(5_000_000), D(10_000_000), D("0.007")),
    Bracket(D(10_000_000), D(20_000_000), D("0.006")),
    Bracket(D(20_000_000), None, D("0.005")),
)
# 第13条(二)1: property division in a divorce, on top of the per-case amount.
DIVORCE_PROPERTY_BRACKETS: tuple[Bracket, ...] = (
    Bracket(D(0), D(200_000), D(0)),
    Bracket(D(200_000), None, D("0.005")),
)
# 第13条(二)2: damages in a personality-rights case, on top of the per-case amount.
PERSONALITY_DAMAGES_BRACKETS: tuple[Bracket, ...] = (
    Bracket(D(0), D(50_000), D(0)),
    Bracket(D(50_000), D(100_000), D("0.01")),
    Bracket(D(100_000), None, D("0.005")),
)
# 第14条(一)2: enforcement with an amount.
ENFORCEMENT_BRACKETS: tuple[Bracket, ...] = (
    Bracket(D(0), D(10_000), None, D(50)),
    Bracket(D(10_000), D(500_000), D("0.015")),
    Bracket(D(500_000), D(5_000_000), D("0.01")),
    Bracket(D(5_000_000), D(10_000_000), D("0.005")),
    Bracket(D(10_000_000), None, D("0.001")),
)
# 第14条(二): preservation, on the amount actually preserved; "不涉及财产数额" also pays 30.
PRESERVATION_BRACKETS: tuple[Bracket, ...] = (
    Bracket(D(0), D(1_000), None, D(30)),
    Bracket(D(1_000), D(100_000), D("0.01")),
    Bracket(D(100_000), None, D("0.005")),
)
PRESERVATION_CAP = D(5_000)  # 第14条(二) "最多不超过5000元"; reached at exactly 896,000
BANKRUPTCY_CAP = D(300_000)  # 第14条(六) "最高不超过30万元"; reached at exactly 111,640,000


def plain_decimal(value: Decimal | None) -> str | None:
    """Decimal as plain text without exponent or trailing zeros: 10000, 0.025, 50.00025."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
