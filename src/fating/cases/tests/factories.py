"""Factories and fixtures for the cases tests: causes, filings ready to submit, accepted cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from fating.accounts.models import User
from fating.cases.models import Case, CauseOfAction, Filing
from fating.cases.services import acceptance
from fating.cases.services import filing as filing_services
from fating.testing import Network

VALID_ID = "11010519491231002X"  # LEGAL-RULES F test vector
VALID_USCC = "91110000600037341L"  # LEGAL-RULES F test vector


def cause(name: str = "民间借贷纠纷", revision: str = "2025", code: str = "T1") -> CauseOfAction:
    valid_from, valid_to = (
        (date(2026, 1, 1), None) if revision == "2025" else (date(2021, 1, 1), date(2025, 12, 31))
    )
    part, _ = CauseOfAction.objects.get_or_create(
        revision=revision,
        code="P4",
        defaults={
            "name": "合同、准合同纠纷",
            "level": 1,
            "path": "P4",
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
    )
    obj, _ = CauseOfAction.objects.get_or_create(
        revision=revision,
        code=code,
        defaults={
            "name": name,
            "level": 3,
            "number": 1,
            "parent": part,
            "path": f"P4/{code}",
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
    )
    return obj


def current_cause() -> CauseOfAction:
    """A cause of the revision in force today (the 2025 revision from 2026-01-01)."""
    today = date.today()
    return cause(revision="2025" if today >= date(2026, 1, 1) else "2020")


def pdf(name: str = "借条.pdf", content: bytes = b"%PDF-1.4 evidence") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def draft_filing(
    network: Network,
    *,
    filer: User | None = None,
    capacity: str = "party",
    amount: str = "80000",
    received_by=None,
    complete: bool = True,
) -> Filing:
    """A draft by the network's party (by default) in court A, tribunal A, with everything a
    complaint needs when `complete`."""
    filer = filer or network.users["party"]
    filing = filing_services.create_filing(
        actor=filer,
        court=network.court,
        tribunal=network.tribunal,
        received_by=received_by,
        filer_capacity=capacity,
        cause=current_cause(),
        facts="被告于2025年3月向原告借款，到期未还。",
        consent_note="当事人当面同意代为提交" if capacity == "liaison" else "",
    )
    if not complete:
        return filing
    filing_services.add_party(
        actor=filer,
        filing=filing,
        role="plaintiff",
        kind="natural",
        name="张三",
        id_number=VALID_ID,
        mobile="13812345678",
        address="甲县甲镇甲村",
        is_filer=capacity == "party",
    )
    filing_services.add_party(
        actor=filer,
        filing=filing,
        role="defendant",
        kind="natural",
        name="李四",
        address="甲县乙村",
    )
    filing_services.add_claim(actor=filer, filing=filing, text="判令被告偿还借款", amount=amount)
    if capacity == "agent":
        filing_services.upload_evidence(
            actor=filer,
            filing=filing,
            kind="power_of_attorney",
            title="授权委托书",
            file=pdf("委托书.pdf"),
        )
    filing_services.upload_evidence(
        actor=filer, filing=filing, kind="evidence", title="借条", file=pdf()
    )
    return filing


def submitted_filing(network: Network, **kwargs: object) -> Filing:
    filing = draft_filing(network, **kwargs)  # type: ignore[arg-type]
    return filing_services.submit_filing(actor=filing.filer, filing=filing)


def accepted_case(network: Network, **kwargs: object) -> Case:
    filing = submitted_filing(network, **kwargs)
    return acceptance.accept_filing(actor=network.users["clerk"], filing=filing)


@dataclass
class World:
    network: Network
    filing: Filing
    case: Case


def case_on(
    network: Network, *, accepted_on: date, procedure: str = "ordinary", **kwargs: object
) -> Case:
    """An accepted case moved to `accepted_on` under `procedure`, its 审限 recomputed."""
    from fating.cases.services.time_limits import recompute_due

    case = accepted_case(network, **kwargs)
    Case.objects.filter(pk=case.pk).update(accepted_on=accepted_on, procedure=procedure)
    case.refresh_from_db()
    recompute_due(case, as_of=accepted_on)
    return case
