"""Pure detection rules for early warning (预警联动联调, 立案吹哨). No Django imports.

Statistics:
- Poisson tail P(X ≥ k | λ) computed exactly by summing the probability mass from k upwards with
  `math.lgamma` (no SciPy on court servers).
- Seasonal baseline for an area × category × week: the level is the mean weekly count over the
  last 52 weeks (Jeffreys-smoothed so a cell never seen before does not get λ = 0); seasonality is
  the ratio of the same weeks (± SEASON_HALF_WIDTH) in earlier years to those years' mean,
  shrunk toward 1 by SEASON_PRIOR pseudo-weeks so a thin history cannot swing the expectation.
- Alert when P(X ≥ observed | λ) < threshold (default 0.01) and observed ≥ the rule's minimum
  count. With a correct baseline the false-alarm rate per cell-week is therefore at most the
  threshold (the Poisson test is conservative for discrete counts).

Policy basis: 最高人民法院《关于建设一站式多元解纷机制 一站式诉讼服务中心的意见》(法发〔2019〕19号)
on 诉源治理 and early warning of 群体性、苗头性纠纷; 立案吹哨 for 涉众 categories is local
practice (e.g. 山东“立案吹哨”机制), which is why every parameter here is tunable per court.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from fating.core.machine import Machine, t
from fating.core.textmarks import gettext_noop

DEFAULT_P_THRESHOLD = 0.01
SEASON_HALF_WIDTH = 2  # weeks either side of the same week in earlier years
SEASON_PRIOR = 8.0  # pseudo-weeks of "no seasonal effect" mixed into the seasonal ratio
LEVEL_WEEKS = 52

#: 涉众 categories for 立案吹哨 (DESIGN.md §2 item 9; issue 6). Matched as substrings of the cause.
MASS_CATEGORIES: tuple[str, ...] = (
    "商品房",
    "物业服务",
    "信用卡",
    "金融借款",
    "民间借贷",
    "追索劳动报酬",
    "劳务合同",
    "土地承包",
    "建设工程",
)


def week_start(day: date) -> date:
    """Monday of the ISO week containing `day`."""
    return day - timedelta(days=day.weekday())


def poisson_sf(k: int, mu: float) -> float:
    """P(X ≥ k) for X ~ Poisson(mu), exact to double precision."""
    if k <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    if k <= mu:
        # Upper tail is large: 1 − P(X ≤ k−1), summing the short lower part.
        lower = sum(math.exp(i * math.log(mu) - mu - math.lgamma(i + 1)) for i in range(k))
        return max(0.0, min(1.0, 1.0 - lower))
    total = 0.0
    i = k
    term = math.exp(k * math.log(mu) - mu - math.lgamma(k + 1))
    while term > 1e-300 and (total == 0.0 or term > total * 1e-17):
        total += term
        i += 1
        term *= mu / i
    return min(1.0, total)


@dataclass(frozen=True)
class Baseline:
    """The expected weekly count and how it was obtained (shown with every warning)."""

    expected: float
    level: float
    seasonal_factor: float
    weeks_of_history: int

    def describe(self) -> str:
        # A cell with no earlier week has only the smoothing prior for its level; "近 0 周平均"
        # would read as a measured average of nothing.
        if self.weeks_of_history == 0:
            source = f"暂无往周数据，按平滑先验 {self.level:.2f} 件/周估算"
        else:
            source = f"近 {self.weeks_of_history} 周平均 {self.level:.2f} 件/周"
        return f"基线：{source} × 季节系数 {self.seasonal_factor:.2f} = 期望 {self.expected:.2f} 件"


def seasonal_baseline(
    counts: Mapping[date, int], target_week: date, *, data_start: date
) -> Baseline:
    """Expected count for `target_week` from the same cell's weekly `counts` (Monday → count).

    Only weeks from `data_start` (the first week the court recorded anything) up to the week
    before `target_week` are history; missing weeks in that span count as zero.
    """
    first = week_start(data_start)
    recent = [
        target_week - timedelta(weeks=w)
        for w in range(1, LEVEL_WEEKS + 1)
        if target_week - timedelta(weeks=w) >= first
    ]
    n = len(recent)
    level = (sum(counts.get(w, 0) for w in recent) + 0.5) / (n + 1)
    # Seasonality from earlier years: same weeks vs. the whole of that year's 52 weeks.
    season_obs = 0.0
    season_exp = 0.0
    for years_back in (1, 2):
        centre = target_week - timedelta(weeks=52 * years_back)
        year_weeks = [centre - timedelta(weeks=w) for w in range(-26, 26)]
        year_weeks = [w for w in year_weeks if first <= w < target_week]
        if len(year_weeks) < 26:
            continue
        year_mean = sum(counts.get(w, 0) for w in year_weeks) / len(year_weeks)
        window = [
            centre + timedelta(weeks=d) for d in range(-SEASON_HALF_WIDTH, SEASON_HALF_WIDTH + 1)
        ]
        window = [w for w in window if first <= w < target_week]
        season_obs += sum(counts.get(w, 0) for w in window)
        season_exp += year_mean * len(window)
    factor = (season_obs + SEASON_PRIOR * level) / (season_exp + SEASON_PRIOR * level)
    return Baseline(
        expected=level * factor, level=level, seasonal_factor=factor, weeks_of_history=n
    )


@dataclass(frozen=True)
class Verdict:
    """The outcome of testing one cell: alert or not, with the numbers that decided it."""

    alert: bool
    observed: int
    expected: float
    p_value: float
    threshold: float
    explanation: str = ""
    detail: dict[str, object] = field(default_factory=dict)


def hotspot_test(
    observed: int, baseline: Baseline, *, threshold: float = DEFAULT_P_THRESHOLD, min_count: int = 3
) -> Verdict:
    """Statistical hotspot: observed count improbably high for the cell's own Poisson baseline."""
    p = poisson_sf(observed, baseline.expected)
    alert = observed >= min_count and p < threshold
    text = (
        f"本周观察 {observed} 件，期望 {baseline.expected:.2f} 件；"
        f"泊松分布下至少出现 {observed} 件的概率 p = {p:.2g}"
        f"（阈值 p < {threshold:g}，且不少于 {min_count} 件）。{baseline.describe()}。"
    )
    return Verdict(alert, observed, baseline.expected, p, threshold, text)


def whistle_test(
    observed: int,
    baseline: Baseline,
    *,
    weeks: int,
    min_ratio: float,
    threshold: float = DEFAULT_P_THRESHOLD,
    min_count: int = 3,
) -> Verdict:
    """立案吹哨: filings of a 涉众 category over `weeks` weeks clearly above the usual level —
    at least `min_ratio` times the expected count and improbable under Poisson (p < threshold)."""
    expected = baseline.expected * weeks
    p = poisson_sf(observed, expected)
    ratio = observed / expected if expected else math.inf
    alert = observed >= min_count and ratio >= min_ratio and p < threshold
    text = (
        f"近 {weeks} 周立案 {observed} 件，通常水平 {expected:.2f} 件（{ratio:.1f} 倍，"
        f"吹哨条件 ≥ {min_ratio:g} 倍且 p < {threshold:g}，p = {p:.2g}）。{baseline.describe()}。"
    )
    return Verdict(alert, observed, expected, p, threshold, text, {"ratio": round(ratio, 3)})


_NAME_NOISE = re.compile(r"[\s（）()·.,，。\-]")


def respondent_key(name: str, credit_code: str = "") -> str:
    """The identity of a respondent for counting: the 统一社会信用代码 when known, otherwise the
    name without spaces and brackets (so “某某物业（青禾）有限公司” matches its variants)."""
    code = (credit_code or "").strip().upper()
    if code:
        return f"uscc:{code}"
    return f"name:{_NAME_NOISE.sub('', name or '')}"


#: What mass-dispute detection may group by (the rule's `group_by`), with the Chinese label used
#: in explanations. Order is priority: when two keys collect the very same records, the warning
#: is raised once under the earlier key and names the others.
GROUP_KEYS: dict[str, str] = {
    "respondent": "被申请人",
    "project": "项目",
    "employer": "用工单位",
    "estate": "小区",
}
# Suffixes that people add or leave out when naming the same estate (“锦绣花园小区” / “锦绣花园”).
_ESTATE_SUFFIXES = ("小区",)


def default_group_by() -> list[str]:
    return list(GROUP_KEYS)


def normalise_name(name: str) -> str:
    """A name reduced for comparison: full-width forms folded to half width (NFKC), Latin letters
    lower-cased, and whitespace, punctuation and symbols removed — so “锦绣花园（二期）”,
    “锦绣花园 二期” and “锦绣花园(二期)” compare equal. Empty when nothing meaningful is left."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def group_key(kind: str, name: str) -> str:
    """The grouping key of a project, employer or housing estate name ("" when the name is
    empty or only punctuation). Estates also drop a trailing “小区”."""
    if kind not in GROUP_KEYS:
        raise ValueError(f"unknown grouping key {kind!r}")
    key = normalise_name(name)
    if kind == "estate":
        for suffix in _ESTATE_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix):
                key = key[: -len(suffix)]
    return key


def mass_by_count(
    dates: Iterable[date], *, on: date, window_days: int, min_count: int
) -> int | None:
    """Number of reports within `window_days` up to `on` when it reaches `min_count` (群体性:
    N disputes against the same respondent within D days), else None."""
    since = on - timedelta(days=window_days - 1)
    n = sum(1 for d in dates if since <= d <= on)
    return n if n >= min_count else None


def is_mass_category(cause: str, categories: Iterable[str]) -> bool:
    cats = list(categories) or list(MASS_CATEGORIES)
    return any(c and c in (cause or "") for c in cats)


class Status(enum.StrEnum):
    NEW = "new"
    ASSESSING = "assessing"
    ACTING = "acting"
    CLOSED = "closed"


# Labels are msgids (gettext_noop marks them for extraction); services and views translate them.
STATUS_LABELS: dict[Status, str] = {
    Status.NEW: gettext_noop("新预警"),
    Status.ASSESSING: gettext_noop("会商研判中"),
    Status.ACTING: gettext_noop("处置中"),
    Status.CLOSED: gettext_noop("已关闭"),
}

# Workflow (DESIGN.md §2 item 9): new → assessing (会商研判) → acting → closed. A further
# consultation while acting keeps the warning acting; it may be closed at any stage.
WARNING: Machine[Status] = Machine(
    states=STATUS_LABELS,
    refusal="预警当前为“{state}”，不能{action}。",
    transitions=[
        t("assess", gettext_noop("会商研判"), [Status.NEW, Status.ASSESSING], Status.ASSESSING),
        t("assess", gettext_noop("会商研判"), Status.ACTING, Status.ACTING),
        t("act", gettext_noop("采取处置措施"), [Status.ASSESSING, Status.ACTING], Status.ACTING),
        t("close", gettext_noop("关闭"), [Status.NEW, Status.ASSESSING, Status.ACTING],
          Status.CLOSED),
    ],
)  # fmt: skip


def next_status(status: str, action: str) -> str | None:
    """The status after `action`, or None when the workflow does not allow it."""
    return WARNING.target(status, action) if WARNING.allows(status, action) else None


# --- plain words for the public ----------------------------------------------------------------
STATISTICAL_KINDS = frozenset({"hotspot", "filing_whistle"})


def usual_level(expected: float) -> str:
    """An expected count as a person says it: "不到 1 件", "约 3 件"."""
    return "不到 1 件" if expected < 1 else f"约 {round(expected)} 件"


def plain_summary(
    kind: str, *, observed: int, expected: float | None, category: str, area: str,
    explanation: str,
) -> str:  # fmt: skip
    """What a statistical warning says to governance officers, liaisons and the SMS: the count
    and the usual level in words ("异常增多"), no test statistic. Court staff read the full
    `explanation` (baseline, p-value, threshold) besides. Other kinds explain themselves in
    plain words already and are returned as they are."""
    if kind not in STATISTICAL_KINDS or expected is None:
        return explanation
    what = "立案申请" if kind == "filing_whistle" else "纠纷"
    where = area or "本辖区"
    return (
        f"{where}“{category}”{what}异常增多：本期 {observed} 件，"
        f"通常{usual_level(expected)}。请关注并及时会商研判。"
    )
