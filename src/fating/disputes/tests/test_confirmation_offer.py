"""rules.confirmation_open: who may still apply for judicial confirmation."""

from __future__ import annotations

from fating.disputes.rules import confirmation_open


def test_no_application_yet_is_open() -> None:
    assert confirmation_open(status=None, filed=False, joined=[], party=7, uploads_paper=False)


def test_a_party_who_joined_may_not_apply_again() -> None:
    assert not confirmation_open(
        status="applied", filed=False, joined=[7], party=7, uploads_paper=False
    )


def test_the_other_party_may_join() -> None:
    assert confirmation_open(
        status="applied", filed=False, joined=[7], party=8, uploads_paper=False
    )


def test_mediator_may_complete_with_the_joint_paper() -> None:
    assert confirmation_open(
        status="applied", filed=False, joined=[7], party=None, uploads_paper=True
    )


def test_nobody_applies_once_filed_or_decided() -> None:
    for status, filed in (("applied", True), ("accepted", True), ("confirmed", True)):
        for party, paper in ((8, False), (None, True)):
            assert not confirmation_open(
                status=status, filed=filed, joined=[7], party=party, uploads_paper=paper
            )


def test_without_party_or_paper_nothing_to_join() -> None:
    assert not confirmation_open(
        status="applied", filed=False, joined=[7], party=None, uploads_paper=False
    )
