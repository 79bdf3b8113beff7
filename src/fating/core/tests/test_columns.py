"""Nothing is written that its column cannot hold (fating.core.columns), on SQLite as on
PostgreSQL: a refusal is a FieldError naming the column, never a 500 or a silent truncation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fating.core.exceptions import FieldError
from fating.disputes.models import Dispute
from fating.network.models import Area
from fating.testing import AreaFactory, Network

pytestmark = pytest.mark.django_db


def test_text_longer_than_its_column_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        AreaFactory.create(name="长" * 10_000)
    assert list(caught.value.fields) == ["name"]
    assert "不能超过" in caught.value.fields["name"][0]
    assert not Area.objects.filter(name__startswith="长").exists()


def test_integer_outside_the_postgresql_range_is_refused() -> None:
    area = AreaFactory.create()
    area.population = 10**20
    with pytest.raises(FieldError) as caught:
        area.save()
    assert "超出可保存的范围" in caught.value.fields["population"][0]


def test_decimal_is_never_rounded_or_overflowed(network: Network) -> None:
    from fating.disputes import services
    from fating.disputes.tests.factories import dispute_input

    data = dispute_input(cause_code="", cause_free_text="借钱不还")
    dispute = services.report_dispute(actor=network.users["liaison"], data=data)
    for bad in (Decimal("0.001"), Decimal("1e12"), Decimal("NaN")):
        dispute.amount = bad
        with pytest.raises(FieldError) as caught:
            dispute.save()
        assert list(caught.value.fields) == ["amount"]
    dispute.refresh_from_db()
    assert dispute.amount == Decimal("50000.00")
    assert Dispute.objects.count() == 1
