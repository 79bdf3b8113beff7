"""Causes of action as versioned data: loading, idempotence, the revision in force."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fating.cases.models import CauseOfAction
from fating.cases.services import causes

pytestmark = pytest.mark.django_db


def test_load_causes_loads_both_revisions_with_their_counts() -> None:
    out = StringIO()
    call_command("load_causes", stdout=out)
    assert "2020: 927 created" in out.getvalue()
    assert "2025: 1055 created" in out.getvalue()
    assert CauseOfAction.objects.filter(revision="2025", level=3).count() == 514
    assert CauseOfAction.objects.filter(revision="2020", level=3).count() == 473


def test_load_causes_is_idempotent() -> None:
    call_command("load_causes", stdout=StringIO())
    out = StringIO()
    call_command("load_causes", stdout=out)
    assert "2025: 0 created, 0 updated, 1055 unchanged" in out.getvalue()
    assert CauseOfAction.objects.count() == 927 + 1055


def test_a_code_means_different_causes_in_each_revision() -> None:
    causes.load_causes()
    assert CauseOfAction.objects.get(revision="2020", code="88").name == "探矿权转让合同纠纷"
    assert CauseOfAction.objects.get(revision="2025", code="88").name == "买卖合同纠纷"


def test_path_parent_and_validity_are_stored() -> None:
    causes.load_causes()
    sub = CauseOfAction.objects.get(revision="2025", code="8.1")
    assert sub.name == "隐私权纠纷"
    assert sub.level == 4
    assert sub.parent.code == "8"
    assert sub.path == "P1/G1/8/8.1"
    assert sub.valid_from == date(2026, 1, 1) and sub.valid_to is None
    old = CauseOfAction.objects.get(revision="2020", code="8.1")
    assert old.valid_to == date(2025, 12, 31)


def test_revision_in_force_switches_on_2026_01_01() -> None:
    causes.load_causes()
    assert causes.revision_in_force(date(2025, 12, 31)) == "2020"
    assert causes.revision_in_force(date(2026, 1, 1)) == "2025"
    assert causes.revision_in_force(date(2019, 1, 1)) is None


def test_the_shipped_copy_matches_the_shared_data() -> None:
    for revision in causes.REVISIONS:
        shipped = causes.SHIPPED_DATA_DIR / revision.filename
        shared = causes.SHARED_DATA_DIR / revision.filename
        if shared.is_file():
            assert shipped.read_bytes() == shared.read_bytes()
        assert json.loads(shipped.read_text(encoding="utf-8"))


def test_load_from_a_given_path_and_a_bad_file_is_refused(tmp_path: Path) -> None:
    for revision in causes.REVISIONS:
        (tmp_path / revision.filename).write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="应为 JSON 数组"):
        call_command("load_causes", "--path", str(tmp_path), stdout=StringIO())
    assert CauseOfAction.objects.count() == 0
