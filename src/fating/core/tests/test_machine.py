"""The one state-machine shape (core.machine) and every workflow model's diagram against it."""

from __future__ import annotations

import enum
from typing import Any

import pytest
from django.db import models

from fating.cases.models import Case, DivorcePreFiling, Entrustment, Filing, InvestigationOrder
from fating.cases.rules import procedures as case_procedures
from fating.cases.rules import workflow as case_workflow
from fating.contact import rules as contact_rules
from fating.contact.models import HotlineCall, Meeting
from fating.core.exceptions import InvalidTransition
from fating.core.machine import Machine, TransitionRefused, diagram_edges, t
from fating.delivery import rules as delivery_rules
from fating.delivery.models import Service
from fating.disputes import rules as dispute_rules
from fating.disputes.models import (
    Agreement,
    Delegation,
    DepartmentReferral,
    Dispute,
    JudicialConfirmation,
)
from fating.elements import rules as element_rules
from fating.elements.models import ParallelCase
from fating.enforcement.models import (
    CentreTask,
    EnforcementCase,
    InKindSettlement,
    Measure,
    Objection,
    SanctionFlag,
)
from fating.enforcement.rules.disposal import IN_KIND
from fating.enforcement.rules.notices import CENTRE_TASK, FLAG
from fating.enforcement.rules.records import MEASURE, OBJECTION
from fating.enforcement.rules.workflow import ENFORCEMENT
from fating.evaluation import rules as evaluation_rules
from fating.evaluation.models import Appraisal, NeutralEvaluation
from fating.judgments import rules as judgment_rules
from fating.judgments.models import Adjudication, AdjudicationDraft, Appeal
from fating.liaison import rules as liaison_rules
from fating.liaison.models import VillageEvaluation
from fating.people import rules as people_rules
from fating.people.models import Representation
from fating.preservation import rules as preservation_rules
from fating.preservation.models import PreservationApplication
from fating.trials import rules as trial_rules
from fating.trials.models import Attendee, TrialRoom
from fating.warnings import rules as warning_rules
from fating.warnings.models import EarlyWarning


class Door(enum.StrEnum):
    SHUT = "shut"
    OPEN = "open"
    LOCKED = "locked"


DOOR: Machine[Door] = Machine(
    states={Door.SHUT: "关着", Door.OPEN: "开着", Door.LOCKED: "锁着"},
    refusal="门{state}，不能{action}。",
    transitions=[
        t("open", "开门", Door.SHUT, Door.OPEN),
        t("close", "关门", Door.OPEN, Door.SHUT),
        t("lock", "锁门", Door.SHUT, Door.LOCKED, guard=lambda key: key == "钥匙"),
        t("unlock", "开锁", Door.LOCKED, Door.SHUT),
    ],
)


def test_target_follows_the_arrow() -> None:
    assert DOOR.target(Door.SHUT, "open") == Door.OPEN
    assert DOOR.target("open", "close") == Door.SHUT


def test_refusal_names_state_and_action_and_is_a_409() -> None:
    with pytest.raises(TransitionRefused) as caught:
        DOOR.target(Door.OPEN, "unlock")
    assert str(caught.value) == "门开着，不能开锁。"
    assert isinstance(caught.value, InvalidTransition)
    assert caught.value.status_code == 409
    assert (caught.value.state, caught.value.name) == ("open", "unlock")


def test_a_service_may_give_its_own_sentence() -> None:
    with pytest.raises(InvalidTransition) as caught:
        DOOR.target(Door.OPEN, "open", refusal="已经开了。")
    assert caught.value.message == "已经开了。"


def test_guard_decides_on_the_context() -> None:
    assert not DOOR.allows(Door.SHUT, "lock")
    assert DOOR.target(Door.SHUT, "lock", "钥匙") == Door.LOCKED
    with pytest.raises(TransitionRefused):
        DOOR.target(Door.SHUT, "lock", "发卡")


def test_allowed_and_sources_in_declaration_order() -> None:
    assert DOOR.allowed_names(Door.SHUT) == ["open"]
    assert DOOR.allowed_names(Door.SHUT, "钥匙") == ["open", "lock"]
    assert DOOR.sources("close") == [Door.OPEN]
    assert DOOR.sources("nothing") == []
    assert DOOR.label("lock") == "锁门"
    assert DOOR.state_label("locked") == "锁着"


def test_unknown_states_and_forks_are_refused_when_declared() -> None:
    with pytest.raises(ValueError, match="unknown states"):
        Machine(states={"a": "A"}, transitions=[t("go", "走", "a", "b")])
    with pytest.raises(ValueError, match="two targets"):
        Machine(
            states={"a": "A", "b": "B", "c": "C"},
            transitions=[t("go", "走", "a", "b"), t("go", "走", "a", "c")],
        )


def test_diagram_reads_back_as_the_edges() -> None:
    assert diagram_edges(DOOR.diagram()) == DOOR.edges()
    assert diagram_edges("prose -> not an arrow\n  shut -> open : 开门 ") == {
        ("shut", "open", "开门")
    }


WORKFLOWS: list[tuple[type[models.Model], Machine[Any]]] = [
    (Dispute, dispute_rules.DISPUTE),
    (Delegation, dispute_rules.DELEGATION),
    (DepartmentReferral, dispute_rules.REFERRAL),
    (Agreement, dispute_rules.AGREEMENT),
    (JudicialConfirmation, dispute_rules.CONFIRMATION),
    (Filing, case_workflow.FILING),
    (Case, case_workflow.CASE),
    (Entrustment, case_workflow.ENTRUSTMENT),
    (DivorcePreFiling, case_procedures.DIVORCE),
    (InvestigationOrder, case_procedures.INVESTIGATION),
    (Service, delivery_rules.SERVICE),
    (Representation, people_rules.REPRESENTATION),
    (EnforcementCase, ENFORCEMENT),
    (Measure, MEASURE),
    (Objection, OBJECTION),
    (EarlyWarning, warning_rules.WARNING),
    (ParallelCase, element_rules.PARALLEL),
    (PreservationApplication, preservation_rules.PRESERVATION),
    (Appraisal, evaluation_rules.APPRAISAL),
    (NeutralEvaluation, evaluation_rules.EVALUATION),
    (Meeting, contact_rules.MEETING),
    (HotlineCall, contact_rules.CALL),
    (Adjudication, judgment_rules.ADJUDICATION),
    (Appeal, judgment_rules.APPEAL),
    (AdjudicationDraft, judgment_rules.DRAFT),
    (TrialRoom, trial_rules.ROOM),
    (Attendee, trial_rules.ATTENDEE),
    (CentreTask, CENTRE_TASK),
    (SanctionFlag, FLAG),
    (InKindSettlement, IN_KIND),
    (VillageEvaluation, liaison_rules.TITLE),
]


@pytest.mark.parametrize(("model", "machine"), WORKFLOWS, ids=lambda v: getattr(v, "__name__", ""))
def test_model_docstring_draws_its_machine(
    model: type[models.Model], machine: Machine[Any]
) -> None:
    drawn = diagram_edges(model.__doc__)
    missing, extra = machine.edges() - drawn, drawn - machine.edges()
    assert not missing and not extra, (
        f"{model.__name__}'s docstring differs from its machine; paste:\n{machine.diagram()}"
    )


@pytest.mark.parametrize(("model", "machine"), WORKFLOWS, ids=lambda v: getattr(v, "__name__", ""))
def test_model_status_choices_are_the_machine_states(
    model: type[models.Model], machine: Machine[Any]
) -> None:
    choices = model.Status  # type: ignore[attr-defined]
    assert list(choices.values) == [str(s) for s in machine.states]
    assert [str(label) for label in choices.labels] == list(machine.states.values())
