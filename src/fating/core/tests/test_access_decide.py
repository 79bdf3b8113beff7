"""`decide`: an access condition told from a loaded row. Wherever it answers, the answer must be
the database's; where the condition reaches through a relation, it must say it cannot tell."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db.models import Q

from fating import testing
from fating.core.access import decide
from fating.network.models import ServicePoint

pytestmark = pytest.mark.django_db

# factory_boy's factories are untyped.
LiaisonFactory: Any = testing.LiaisonFactory
ServicePointFactory: Any = testing.ServicePointFactory
TribunalFactory: Any = testing.TribunalFactory
UserFactory: Any = testing.UserFactory


def test_every_answer_given_is_the_databases() -> None:
    tribunal, other = TribunalFactory(), TribunalFactory()
    points = [ServicePointFactory(tribunal=tribunal), ServicePointFactory(tribunal=other)]
    LiaisonFactory(service_point=points[0])
    user = UserFactory()
    atoms = [
        Q(tribunal_id__in={tribunal.pk}),
        Q(tribunal_id__in=[]),
        Q(tribunal=other),
        Q(tribunal_id=tribunal.pk),
        Q(pk__in=[points[1].pk, 999_999]),
        Q(pk__in=[]),
        Q(name=points[0].name),
        Q(name__exact="无此服务点"),
        Q(paired_officer=None),
        Q(paired_officer_id__in=[user.pk]),
        Q(tribunal__court_id=tribunal.court_id),  # through a relation: undecided
        Q(liaisons__user=user),  # a reverse relation: undecided
        Q(tribunal_id__in=str(tribunal.pk)),  # a string is no list of ids: undecided
    ]
    conditions = list(atoms)
    for a, b in itertools.combinations(atoms, 2):
        conditions += [a | b, a & b, ~(a | b), ~a & b]
    conditions.append(Q())
    answered = undecided = 0
    for point, condition in itertools.product(points, conditions):
        answer = decide(condition, point)
        if answer is None:
            undecided += 1
            continue
        answered += 1
        truth = ServicePoint.objects.filter(condition).filter(pk=point.pk).exists()
        assert answer == truth, (condition, point.pk)
    assert answered > 300 and undecided > 50  # both kinds were exercised


def test_an_or_is_true_as_soon_as_one_branch_is_and_unknown_parts_do_not_matter() -> None:
    point = ServicePointFactory()
    through = Q(liaisons__user_id=1)
    assert decide(Q(tribunal_id__in=[point.tribunal_id]) | through, point) is True
    assert decide(Q(tribunal_id__in=[]) | through, point) is None
    assert decide(Q(tribunal_id__in=[]) & through, point) is False
