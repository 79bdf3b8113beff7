"""The e-service desk (issue 12): the clerk serves one of the case's documents on a party from
the case's 送达 tab, through the same service as the API; consent per recipient is shown; a
refusal is shown next to the field in Chinese; a double submit serves once."""

from __future__ import annotations

from pathlib import Path

import pytest

from fating.cases.models import Case
from fating.cases.services import documents
from fating.cases.tests.factories import accepted_case
from fating.delivery import services
from fating.delivery.models import Attempt, Service
from fating.testing import Network, build_network, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db: None, settings: pytest.FixtureRequest, tmp_path: Path) -> Network:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    net = build_network()
    for court, code in ((net.court, "鲁0321"), (net.other_court, "鲁0322")):
        type(court).objects.filter(pk=court.pk).update(code=code)
        court.code = code
    return net


@pytest.fixture
def case(network: Network) -> Case:
    case = accepted_case(network)
    documents.acceptance_notice(actor=network.users["clerk"], case=case)
    return case


def _key(case: Case, name: str) -> str:
    return f"cases.filingparty:{case.filing.parties.get(name=name).pk}"


def _desk(case: Case) -> str:
    return f"/delivery/serve/cases.case/{case.pk}/"


def _form(case: Case, name: str, *channels: str, key: str = "") -> dict:
    document = case_document(case)
    form = {"document": document.pk, "party_key": _key(case, name), "channels": list(channels),
            "next": f"/cases/{case.pk}/service/"}  # fmt: skip
    if key:
        form["idempotency_key"] = key
    return form


def case_document(case: Case):  # type: ignore[no-untyped-def]
    from fating.documents.selectors import documents_of

    return documents_of(case).get()


def test_the_service_tab_shows_documents_recipients_masked_and_consent(
    network: Network, case: Case
) -> None:
    clerk = network.users["clerk"]
    services.record_consent(actor=clerk, matter=case, party_key=_key(case, "张三"),
                            channel="sms", address="13812345678")  # fmt: skip
    html = client_for(clerk).get(f"/cases/{case.pk}/service/").content.decode()
    assert f"《{case_document(case).title}》" in html
    assert "138****5678" in html and "13812345678" not in html
    assert "已同意电子送达：短信链接送达（138****5678）" in html
    assert "未同意电子送达" in html  # 李四
    assert f'action="{_desk(case)}"' in html


def test_serving_creates_one_service_and_says_what_happened(network: Network, case: Case) -> None:
    clerk = network.users["clerk"]
    services.record_consent(actor=clerk, matter=case, party_key=_key(case, "张三"),
                            channel="sms", address="13812345678")  # fmt: skip
    client = client_for(clerk)
    form = _form(case, "张三", "sms", key="d3c1a7e0-0000-4000-8000-000000000001")
    first = client.post(_desk(case), form)
    again = client.post(_desk(case), form)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"/cases/{case.pk}/service/"
    assert Service.objects.count() == 1 and Attempt.objects.count() == 1
    page = client.get(first["Location"]).content.decode()
    title = case_document(case).title
    assert f"已向张三发送《{title}》电子送达（短信链接送达）" in page
    assert f"《{title}》 → 张三" in page


def test_no_consent_is_refused_next_to_the_ways_in_chinese(network: Network, case: Case) -> None:
    response = client_for(network.users["clerk"]).post(_desk(case), _form(case, "李四", "sms"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "受送达人未同意以短信链接送达方式接受电子送达（民事诉讼法第90条）。" in html
    assert 'id="serve-channels-error"' in html
    assert not Service.objects.exists()


def test_a_document_of_another_matter_is_refused(network: Network, case: Case) -> None:
    other = accepted_case(network)
    form = _form(case, "张三", "post")
    response = client_for(network.users["clerk"]).post(_desk(other), form)
    assert response.status_code == 400
    assert "该文书不属于本案。" in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("party", 403), ("outsider", 404),
                                                 ("other_admin", 404), ("cross", 404)])  # fmt: skip
def test_who_may_not_serve(network: Network, case: Case, persona: str, status: int) -> None:
    client = client_for(network.users[persona])
    assert client.get(_desk(case)).status_code == status
    assert client.post(_desk(case), _form(case, "张三", "post")).status_code == status
    assert not Service.objects.exists()


def test_the_desk_page_without_a_next_returns_to_the_case(network: Network, case: Case) -> None:
    html = client_for(network.users["judge"]).get(_desk(case)).content.decode()
    assert f'href="/cases/{case.pk}/service/"' in html
