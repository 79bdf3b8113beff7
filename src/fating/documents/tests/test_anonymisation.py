"""A generated document published as a case (knowledge.publication anonymises it first): party
names, identity numbers and precise addresses go; the case number, the court and the names of
the judge and clerk stay (法释〔2016〕19号 第8–11条; LEGAL-RULES E: court staff and the case
number are never anonymised), and ordinary words are left alone.

No registered kind is itself published or broadcast — every one is served on named people or kept
in the dossier — so this is the one path by which a document's text reaches the public."""

from __future__ import annotations

import pytest

from fating.documents.kinds import get_kind
from fating.documents.rules import validate_context
from fating.documents.tests.factories import context_for
from fating.knowledge.anonymise import Person, Role, anonymise


def _text(kind: str) -> str:
    spec = get_kind(kind)
    assert spec is not None
    clean, errors = validate_context(spec.fields, context_for(kind))
    assert not errors, errors
    return "\n".join(block.text for block in spec.build(clean) if block.text)


@pytest.fixture(scope="module")
def published() -> str:
    text = _text("confirmation_ruling")
    person = Person("张建国", Role.PARTY, id_numbers=("370302197805121234",))
    return anonymise(text, parties=[person]).text


def test_party_name_id_number_and_precise_address_are_removed(published: str) -> None:
    assert "张建国" not in published and "申请人：张某，" in published
    assert "370302197805121234" not in published
    assert "李家庄村。" not in published.split("\n")[3]


def test_case_number_court_and_court_staff_are_kept(published: str) -> None:
    lines = published.split("\n")
    assert lines[:3] == ["青禾县人民法院", "民事裁定书", "（2026）鲁0399民特12号"]
    assert "依法指定审判员刘明进行了审查" in published
    assert "审　判　员　　刘明" in lines
    assert "书　记　员　　陈静" in lines


def test_ordinary_words_are_not_taken_for_names(published: str) -> None:
    assert "于2026年6月30日前付清。" in published
    assert "本院经审查认为" in published
