"""诉讼风险评估 — what a party should know before suing. Pure, no Django.

Inputs → outputs, each part citing its rule:
- limitation 诉讼时效 (民法典 第188–199条; period arithmetic 第201–203条),
- the fee (诉讼费用交纳办法, through `fees.calculate_fee`),
- the procedure (`triage.triage`: small claims are final at first instance),
- expected duration from the court's own history of closed cases (passed in, never invented),
- an evidence checklist for the common grassroots causes (data below).

The assessment informs; it decides nothing. 民法典 第193条: a court may not apply limitation of
its own motion, so an expired period is a risk (the defendant may raise it, 第192条), not a bar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from fating.cases.rules.fee_tables import FeeKind, Procedure, schedule_for
from fating.cases.rules.fees import FeeRequest, FeeResult, calculate_fee
from fating.cases.rules.triage import CaseFacts, TriageResult, WageTable, triage
from fating.core.calendar.holidays import HolidayCalendar, RuleInputError
from fating.core.calendar.periods import add_months, months, period_end, years

MINFADIAN = "民法典"


class ClaimKind(StrEnum):
    """Claims 民法典 第196条 takes out of limitation, plus the ordinary case."""

    ORDINARY = "ordinary"
    STOP_INFRINGEMENT = "stop_infringement"  # 停止侵害、排除妨碍、消除危险 (一)
    RETURN_REGISTERED_PROPERTY = "return_registered_property"  # 不动产/登记动产返还 (二)
    SUPPORT_PAYMENTS = "support_payments"  # 抚养费、赡养费、扶养费 (三)


class LimitationState(StrEnum):
    NOT_APPLICABLE = "not_applicable"
    RUNNING = "running"
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Obstacle:
    """An obstacle of 民法典 第194条 (force majeure, no guardian, control by the obligor…)."""

    start: dt.date
    end: dt.date
    description: str = ""


@dataclass(frozen=True)
class LimitationAssessment:
    state: LimitationState
    expires_on: dt.date | None
    counts_from: dt.date | None
    long_stop: dt.date | None
    hints: tuple[str, ...]


def assess_limitation(
    *,
    as_of: dt.date,
    knew_on: dt.date | None = None,
    harmed_on: dt.date | None = None,
    last_instalment_due: dt.date | None = None,
    interruptions: Sequence[dt.date] = (),
    obstacles: Sequence[Obstacle] = (),
    claim_kind: ClaimKind = ClaimKind.ORDINARY,
    calendar: HolidayCalendar | None = None,
    warn_months: int = 6,
) -> LimitationAssessment:
    """Limitation per 民法典 第188条: 3 years from the day the right-holder knew or should have
    known of the harm and the obligor; instalments from the last due date (第189条); restarted by
    each interruption before expiry (第195条: demand, acknowledgement, suit, mediation request —
    诉讼时效规定 第12条); an obstacle in the last 6 months ends it 6 months after the obstacle
    ends (第194条); never more than 20 years from the harm (第188条第2款), which neither
    suspension nor interruption moves (only the court may extend it on application)."""
    if claim_kind is not ClaimKind.ORDINARY:
        return LimitationAssessment(
            LimitationState.NOT_APPLICABLE,
            None,
            None,
            None,
            (f"该请求权不适用诉讼时效（{MINFADIAN} 第196条）",),
        )
    start = last_instalment_due or knew_on
    if start is None:
        raise RuleInputError("knew_on", "请填写知道或者应当知道权利受到损害以及义务人的日期")
    hints: list[str] = []
    if last_instalment_due is not None:
        hints.append(f"分期履行的债务，自最后一期履行期限届满之日起计算（{MINFADIAN} 第189条）")
    expires = period_end(start, years(3), calendar=calendar).end
    for day in sorted(interruptions):
        if day < start:
            continue
        if day > expires:
            hints.append(
                f"{day.isoformat()}的催告/同意履行发生在时效届满后，不能中断时效；"
                f"但义务人届满后同意履行的，不得再以时效届满抗辩（{MINFADIAN} 第192条）"
            )
            continue
        start = day
        expires = period_end(start, years(3), calendar=calendar).end
        hints.append(f"{day.isoformat()}时效中断，重新计算三年（{MINFADIAN} 第195条）")
    for obstacle in sorted(obstacles, key=lambda o: o.start):
        last_six = add_months(expires, -6)
        if obstacle.end >= last_six and obstacle.start <= expires:
            new_end = period_end(obstacle.end, months(6), calendar=calendar).end
            if new_end > expires:
                expires = new_end
                hints.append(
                    f"时效最后六个月内存在障碍（{obstacle.description or '中止事由'}），"
                    f"自障碍消除之日起满六个月届满（{MINFADIAN} 第194条）"
                )
    long_stop = None
    if harmed_on is not None:
        long_stop = period_end(harmed_on, years(20), calendar=calendar).end
        if expires > long_stop:
            expires = long_stop
            hints.append(
                f"自权利受到损害之日起超过二十年的不予保护，有特殊情况可申请延长（{MINFADIAN} 第188条第2款）"
            )
    if as_of > expires:
        state = LimitationState.EXPIRED
        hints.append(
            f"诉讼时效可能已届满：对方可提出不履行义务的抗辩（{MINFADIAN} 第192条），"
            f"法院不主动适用（第193条）；请核实是否有催告、对方同意履行等中断事由"
        )
    elif as_of > add_months(expires, -warn_months):
        state = LimitationState.EXPIRING_SOON
        hints.append(f"诉讼时效将于{expires.isoformat()}届满，请尽快起诉或书面催告")
    else:
        state = LimitationState.RUNNING
    return LimitationAssessment(state, expires, start, long_stop, tuple(hints))


def estimate_fee(
    amount: Decimal,
    *,
    procedure: Procedure,
    province: str | None = None,
    on: dt.date | None = None,
) -> FeeResult:
    """案件受理费 for a property claim under the procedure triage chose (halved for simple
    procedure and small claims, 诉讼费用交纳办法 第16条 — see fees.py)."""
    schedule = schedule_for(province, on)
    return calculate_fee(
        FeeRequest(kind=FeeKind.PROPERTY, amount=amount, procedure=procedure), schedule=schedule
    )


@dataclass(frozen=True)
class DurationEstimate:
    """Days from 立案 to 结案 in this court's history for one procedure (nearest-rank quantiles).
    `sample_size` below the minimum gives no figures, only the statutory limit."""

    procedure: str
    sample_size: int
    median_days: int | None
    p25_days: int | None
    p75_days: int | None
    p90_days: int | None
    statutory_limit: str


STATUTORY_LIMIT_TEXT = MappingProxyType(
    {
        Procedure.SMALL_CLAIMS: "立案之日起两个月（民事诉讼法 第168条）",
        Procedure.SIMPLE: "立案之日起三个月（民事诉讼法 第164条）",
        Procedure.ORDINARY: "立案之日起六个月（民事诉讼法 第152条）",
    }
)


def _nearest_rank(sorted_values: Sequence[int], q: float) -> int:
    rank = max(1, -(-int(q * 100) * len(sorted_values) // 100))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def expected_duration(
    procedure: Procedure,
    history: Mapping[str, Sequence[int]],
    *,
    min_samples: int = 10,
) -> DurationEstimate:
    """Quantiles of past durations (days) for `procedure`, from `history` keyed by procedure."""
    values = sorted(history.get(str(procedure), ()))
    if any(v < 0 for v in values):
        raise RuleInputError("history", "审理天数不能为负数")
    limit = STATUTORY_LIMIT_TEXT[procedure]
    if len(values) < min_samples:
        return DurationEstimate(str(procedure), len(values), None, None, None, None, limit)
    return DurationEstimate(
        str(procedure),
        len(values),
        _nearest_rank(values, 0.5),
        _nearest_rank(values, 0.25),
        _nearest_rank(values, 0.75),
        _nearest_rank(values, 0.9),
        limit,
    )


# ---------------------------------------------------------------------------------------------
# Evidence checklists


@dataclass(frozen=True)
class EvidenceItem:
    name: str
    why: str
    essential: bool = False


@dataclass(frozen=True)
class EvidenceChecklist:
    cause: str
    items: tuple[EvidenceItem, ...]
    article: str


_E = EvidenceItem
EVIDENCE_CHECKLISTS: MappingProxyType[str, EvidenceChecklist] = MappingProxyType(
    {
        "民间借贷纠纷": EvidenceChecklist(
            "民间借贷纠纷",
            (
                _E("借条、欠条、收据等债权凭证", "证明借贷关系成立", essential=True),
                _E(
                    "银行转账、微信/支付宝转账记录",
                    "证明款项已实际交付（自然人借款自提供时成立）",
                    essential=True,
                ),
                _E("催款记录（短信、聊天记录、催款函及寄送凭证）", "证明催告，中断诉讼时效"),
                _E("约定利息、还款期限的书面证据", "确定利息和履行期限"),
                _E("已还款记录", "核算剩余本息"),
                _E("双方身份证明", "确定当事人"),
            ),
            "民间借贷规定 第2、9、15–16条；民法典 第679、195条",
        ),
        "离婚纠纷": EvidenceChecklist(
            "离婚纠纷",
            (
                _E("结婚证或婚姻登记记录", "证明婚姻关系", essential=True),
                _E(
                    "感情确已破裂的证据（分居、家庭暴力、赌博吸毒、屡教不改等）",
                    "离婚的法定条件",
                    essential=True,
                ),
                _E("子女出生证明、户口簿", "抚养权和抚养费"),
                _E("夫妻共同财产证明（房产证、车辆登记、存款、股权）", "分割共同财产"),
                _E("共同债务证明", "分担债务"),
                _E("收入证明", "确定抚养费数额"),
            ),
            "民法典 第1079、1084–1087条",
        ),
        "相邻关系纠纷": EvidenceChecklist(
            "相邻关系纠纷",
            (
                _E(
                    "不动产权属证明（房产证、宅基地使用权证、承包合同）",
                    "证明原告权利",
                    essential=True,
                ),
                _E("现场照片、视频、示意图", "证明妨碍的位置和状况", essential=True),
                _E("损失证据（维修票据、评估意见）", "主张赔偿"),
                _E("村委会、邻居证言或调解记录", "证明历史通行、排水等状况"),
            ),
            "民法典 第288–296条",
        ),
        "土地承包经营权纠纷": EvidenceChecklist(
            "土地承包经营权纠纷",
            (
                _E("土地承包合同", "证明承包关系", essential=True),
                _E("土地承包经营权证或登记簿", "证明权利", essential=True),
                _E("地块四至、面积证明（确权图、测绘资料）", "确定争议地块"),
                _E("村集体决议、流转合同", "证明流转或调整"),
                _E("补偿款发放记录", "征收补偿分配"),
            ),
            "农村土地承包纠纷解释 第1条；农村土地承包法 第22–24条",
        ),
        "劳务合同纠纷": EvidenceChecklist(
            "劳务合同纠纷",
            (
                _E("劳务协议或口头约定的证据（聊天记录、证人）", "证明劳务关系", essential=True),
                _E("考勤、工作记录、工地照片", "证明提供了劳务", essential=True),
                _E("欠款结算单、工资条", "证明欠付数额", essential=True),
                _E("已付款记录", "核算余额"),
                _E("受伤的诊疗记录（如有）", "主张人身损害赔偿"),
            ),
            "民法典 第509、1192条",
        ),
        "物业服务合同纠纷": EvidenceChecklist(
            "物业服务合同纠纷",
            (
                _E("物业服务合同或前期物业服务合同", "证明服务关系和收费标准", essential=True),
                _E("房屋产权或占有使用证明", "确定业主", essential=True),
                _E("欠费明细", "确定数额", essential=True),
                _E("催缴通知及送达证据", "证明催告，中断诉讼时效"),
                _E("物业服务质量问题证据（照片、投诉记录）", "业主抗辩时使用"),
            ),
            "物业服务纠纷解释 第1–3条；民法典 第937–944条",
        ),
        "机动车交通事故责任纠纷": EvidenceChecklist(
            "机动车交通事故责任纠纷",
            (
                _E("交通事故认定书", "确定责任", essential=True),
                _E("驾驶证、行驶证、交强险及商业险保单", "确定责任主体和保险赔付", essential=True),
                _E("病历、诊断证明、医疗费票据", "医疗费损失", essential=True),
                _E("误工、护理、交通费证明", "计算各项损失"),
                _E("伤残或损失评估意见（如需）", "残疾赔偿金；需鉴定的不适用小额诉讼"),
                _E("户籍、居住证明", "确定赔偿标准"),
            ),
            "道路交通事故损害赔偿解释；民法典 第1208–1217条",
        ),
    }
)


def evidence_checklist(cause: str) -> EvidenceChecklist | None:
    """The checklist for `cause` (案由 name), or None if we have none for it."""
    return EVIDENCE_CHECKLISTS.get(cause)


@dataclass(frozen=True)
class RiskAssessment:
    triage: TriageResult
    fee: FeeResult | None
    limitation: LimitationAssessment
    duration: DurationEstimate
    checklist: EvidenceChecklist | None


def assess_risk(
    *,
    facts: CaseFacts,
    cause: str,
    as_of: dt.date,
    knew_on: dt.date | None = None,
    harmed_on: dt.date | None = None,
    interruptions: Sequence[dt.date] = (),
    claim_kind: ClaimKind = ClaimKind.ORDINARY,
    history: Mapping[str, Sequence[int]] | None = None,
    wages: WageTable | None = None,
    calendar: HolidayCalendar | None = None,
) -> RiskAssessment:
    """One call for the 诉讼风险评估 page: procedure, fee, limitation, duration, checklist."""
    routed = triage(facts, wages=wages)
    fee = None
    if facts.claim_amount is not None and facts.claim_amount > 0:
        fee = estimate_fee(
            facts.claim_amount,
            procedure=routed.procedure,
            province=facts.province,
            on=facts.filed_on,
        )
    limitation = assess_limitation(
        as_of=as_of,
        knew_on=knew_on,
        harmed_on=harmed_on,
        interruptions=interruptions,
        claim_kind=claim_kind,
        calendar=calendar,
    )
    return RiskAssessment(
        triage=routed,
        fee=fee,
        limitation=limitation,
        duration=expected_duration(routed.procedure, history or {}),
        checklist=evidence_checklist(cause),
    )
