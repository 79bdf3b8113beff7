"""Case numbers under concurrency: no gap, no duplicate (案号规定 第9–10条). PostgreSQL only:
SQLite serialises writers itself, so a pass there would prove nothing."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from fating.cases.models import CaseSequence
from fating.cases.services.acceptance import next_case_number
from fating.network.models import Court
from fating.testing import CourtFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks); SQLite serialises writers by itself")


def test_parallel_numbering_has_no_gap_and_no_duplicate(postgres_only: None) -> None:
    court = CourtFactory(code="鲁0321")
    workers, per_worker = 8, 10
    numbers: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(workers)

    def work() -> None:
        try:
            barrier.wait()
            for _ in range(per_worker):
                with transaction.atomic():
                    seq, _text = next_case_number(
                        court=Court.objects.get(pk=court.pk), year=2026, type_code="民初"
                    )
                with lock:
                    numbers.append(seq)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(numbers) == list(range(1, workers * per_worker + 1))
    assert CaseSequence.objects.get(court=court, year=2026, type_code="民初").last_seq == 80


def test_a_rolled_back_acceptance_gives_its_number_back(postgres_only: None) -> None:
    court = CourtFactory(code="鲁0322")
    with pytest.raises(RuntimeError), transaction.atomic():
        next_case_number(court=court, year=2026, type_code="民初")
        raise RuntimeError("acceptance failed after numbering")
    with transaction.atomic():
        seq, text = next_case_number(court=court, year=2026, type_code="民初")
    assert (seq, text) == (1, "（2026）鲁0322民初1号")
