"""Demo special procedures (issue 15 part C), through the cases services:

- two divorces pre-filed by the demo party: one mediated, put in a 3-month cooling-off with both
  parties' consent and visited — in cooling-off now, for the judge or clerk to record the
  reconciliation when it comes (冷静期 list on their home page); the other already reconciled;
- one 律师调查令: the demo agent files a loan case for a villager, applies for an order to the
  local bank for the defendant's statement, the demo judge issues it (and generates the 调查令), and the agent records the
  bank's answer with the statement, which joins the case's evidence.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.cases.models import Case, DivorcePreFiling, InvestigationOrder
from fating.cases.services import acceptance, divorce, investigation
from fating.cases.services import documents as case_documents
from fating.cases.services import filing as filings
from fating.cases.services.causes import causes_in_force
from fating.demo.cases import PAPER, resident_id

APPLICATION = {
    "applicant_address": "青禾县青禾镇东村", "respondent_name": "马某",
    "respondent_address": "青禾县青禾镇东村", "respondent_mobile": "",
    "facts": "双方2015年登记结婚，育有一子。近两年因家庭琐事经常争吵，分居半年，申请人认为感情破裂。",
}  # fmt: skip


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PAPER + name.encode() + b"\n", "application/pdf")


def _divorces(party: User, judge: User, clerk: User) -> list[DivorcePreFiling]:
    tribunal = Membership.objects.get(user=clerk, role=Role.CLERK).tribunal
    out = []
    for serial in (31, 32):
        prefiling = divorce.prefile(
            actor=party, court=tribunal.court, tribunal=tribunal, applicant_name=party.full_name,
            applicant_id_number=resident_id("19880612", serial), applicant_mobile=party.mobile,
            **APPLICATION,
        )  # fmt: skip
        divorce.record_mediation(actor=judge, prefiling=prefiling,
                                 note="家事调解员与双方分别谈话，双方均表示愿意为孩子再考虑。")  # fmt: skip
        divorce.set_cooling_off(actor=judge, prefiling=prefiling, months=3,
                                applicant_consents=True, respondent_consents=True,
                                consent_note="双方在调解室当面同意设置三个月冷静期。")  # fmt: skip
        divorce.record_visit(actor=clerk, prefiling=prefiling,
                             note="电话回访：双方已恢复共同生活，关系缓和。")  # fmt: skip
        out.append(prefiling)
    divorce.reconcile(actor=judge, prefiling=out[1], note="双方和好，申请人不再要求离婚。")
    return out


def _agent_case(agent: User, clerk: User) -> Case:
    tribunal = Membership.objects.get(user=clerk, role=Role.CLERK).tribunal
    cause = causes_in_force(timezone.localdate()).filter(name="民间借贷纠纷").order_by("pk").first()
    filing = filings.create_filing(
        actor=agent, court=tribunal.court, tribunal=tribunal, filer_capacity="agent", cause=cause,
        facts="被告于2025年3月以资金周转为由向原告借款三万元，通过银行转账交付，至今未还。",
    )  # fmt: skip
    filings.add_party(actor=agent, filing=filing, role="plaintiff", kind="natural", name="周某",
                      id_number=resident_id("19750302", 41), mobile="13905390041",
                      address="青禾县青禾镇西村")  # fmt: skip
    filings.add_party(actor=agent, filing=filing, role="defendant", kind="natural", name="吴某",
                      address="青禾县青禾镇西村")  # fmt: skip
    filings.add_claim(actor=agent, filing=filing, text="判令被告偿还借款30000元", amount="30000")
    filings.upload_evidence(actor=agent, filing=filing, kind="power_of_attorney",
                            title="授权委托书", file=_pdf("授权委托书.pdf"))  # fmt: skip
    filings.upload_evidence(actor=agent, filing=filing, kind="evidence", title="借条",
                            file=_pdf("借条.pdf"))  # fmt: skip
    filings.submit_filing(actor=agent, filing=filing)
    return acceptance.accept_filing(actor=clerk, filing=filing, procedure="simple")


def _order(agent: User, judge: User, case: Case) -> InvestigationOrder:
    order = investigation.apply(
        actor=agent, case=case, holder="青禾县农村商业银行", holder_address="青禾县人民路1号",
        items="被告吴某账户2025年3月的交易明细（含原告转账三万元的记录）",
        reasons="银行账户交易明细涉及个人隐私，代理律师无权自行查询（民诉解释 第94条）。",
    )  # fmt: skip
    order = investigation.issue(actor=judge, order=order, validity_days=15)
    case_documents.investigation_order(actor=judge, order=order)  # 调查令 (DOCX/PDF), in 文书
    return investigation.record_answer(
        actor=agent, order=order, answer="provided", note="银行已出具加盖公章的交易明细。",
        title="银行交易明细（调查令调取）", file=_pdf("交易明细.pdf"),
    )  # fmt: skip


def seed_procedures() -> dict[str, object]:
    """Create the demo pre-filings and the investigation order. Requires the demo county."""
    party = User.objects.get(username="party")
    agent = User.objects.get(username="agent")
    judge = User.objects.get(username="judge")
    clerk = User.objects.get(username="clerk")
    cooling, reconciled = _divorces(party, judge, clerk)
    case = _agent_case(agent, clerk)
    return {"cooling": cooling, "reconciled": reconciled, "order": _order(agent, judge, case)}
