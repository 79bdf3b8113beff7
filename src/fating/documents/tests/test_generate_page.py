"""The generate page (/documents/new/<matter_type>/<pk>/): court staff choose a kind, get its
form prefilled from the case and generate the document through the same service as the API;
readers are refused (403), outsiders see nothing (404); bad input comes back with the Chinese
message next to the field and writes nothing; a double submit writes once."""

from __future__ import annotations

import io
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from docx import Document as Docx

from fating.cases.models import Case, Hearing
from fating.cases.services import hearings
from fating.cases.tests.factories import accepted_case
from fating.documents.models import Document, DossierEntry
from fating.testing import Network, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(network: Network) -> Case:
    return accepted_case(network)


@pytest.fixture
def hearing(network: Network, case: Case) -> Hearing:
    starts = (timezone.localtime() + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return hearings.schedule_hearing(
        actor=network.users["clerk"], case=case, mode="courtroom", courtroom="第一法庭",
        starts_at=starts, ends_at=starts + timedelta(hours=2),
    )  # fmt: skip


def _url(case: Case) -> str:
    return f"/documents/new/cases.case/{case.pk}/"


def _form(html: str) -> dict[str, str]:
    """The generate form's fields with their prefilled values, as a browser would post them."""

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.data: dict[str, str] = {}
            self.in_post = False
            self.textarea: str | None = None
            self.select: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k: v or "" for k, v in attrs}
            if tag == "form":
                self.in_post = a.get("method") == "post"
            if not self.in_post:
                return
            if tag == "input" and a.get("name"):
                if a.get("type") == "checkbox":
                    if "checked" in a:
                        self.data[a["name"]] = "on"
                else:
                    self.data[a["name"]] = a.get("value") or ""
            elif tag == "textarea":
                self.textarea = a["name"]
                self.data[a["name"]] = ""
            elif tag == "select":
                self.select = a["name"]
            elif (
                tag == "option"
                and self.select
                and ("selected" in a or self.select not in self.data)
            ):
                self.data[self.select] = a.get("value") or ""

        def handle_endtag(self, tag: str) -> None:
            if tag == "form":
                self.in_post = False
            elif tag == "textarea":
                self.textarea = None
            elif tag == "select":
                self.select = None

        def handle_data(self, data: str) -> None:
            if self.textarea:
                self.data[self.textarea] += data

    collect = Collect()
    collect.feed(html)
    return collect.data


def _labelled(html: str) -> None:
    """Every visible input of the form has a <label for=…>."""
    ids = set()
    labels = set()

    class Check(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag in ("input", "select", "textarea") and a.get("type") not in (
                "hidden", "checkbox", "submit",
            ):  # fmt: skip
                ids.add(a.get("id"))
            if tag == "label" and a.get("for"):
                labels.add(a["for"])

    Check().feed(html)
    assert None not in ids and ids <= labels, ids - labels


def _lines(document: Document) -> list[str]:
    doc = Docx(io.BytesIO(document.docx.read()))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append("｜".join(dict.fromkeys(cell.text for cell in row.cells)))
    return lines


@pytest.mark.parametrize("persona", ["judge", "clerk"])
def test_court_staff_choose_a_kind_and_see_its_prefilled_form(
    network: Network, case: Case, hearing: Hearing, persona: str
) -> None:
    client = client_for(network.users[persona])
    response = client.get(_url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "传票" in html and "受理案件通知书" in html
    assert "人民调解协议书" not in html  # not a case's kind
    _labelled(html)
    response = client.get(_url(case), {"kind": "summons", "hearing": str(hearing.pk)})
    assert response.status_code == 200
    html = response.content.decode()
    _labelled(html)
    form = _form(html)
    assert form["case_number"] == case.number
    assert form["summoned_person"] in ("张三", "李四")
    assert form["place"] == "第一法庭"
    assert form["file_in_dossier"] == "on"
    assert "归入电子卷宗" in html


@pytest.mark.parametrize(("persona", "status"), [("party", 403), ("outsider", 404)])
def test_readers_are_refused_and_outsiders_see_nothing(
    network: Network, case: Case, persona: str, status: int
) -> None:
    client = client_for(network.users[persona])
    assert client.get(_url(case)).status_code == status
    assert client.post(_url(case), {"kind": "summons"}).status_code == status
    assert not Document.objects.exists()


def test_anonymous_visitors_are_sent_to_login(case: Case) -> None:
    response = client_for(None).get(_url(case))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("persona", ["judge", "clerk"])
def test_a_generated_summons_names_the_case_and_the_party(
    network: Network, case: Case, hearing: Hearing, persona: str
) -> None:
    client = client_for(network.users[persona])
    participant = hearing.participants.get(name="李四")
    html = client.get(
        _url(case),
        {"kind": "summons", "hearing": str(hearing.pk), "participant": str(participant.pk)},
    ).content.decode()
    response = client.post(_url(case), _form(html), follow=True)
    assert response.status_code == 200
    document = Document.objects.get()
    assert response.redirect_chain[-1][0] == f"/documents/{document.pk}/"
    page = response.content.decode()
    assert "已生成《传票》" in page and case.number in page
    lines = _lines(document)
    assert f"案号｜{case.number}" in lines and "被传唤人｜李四" in lines
    assert "应到处所｜第一法庭" in lines
    assert document.generated_by == network.users[persona]
    assert DossierEntry.objects.filter(document=document).exists()  # 归入电子卷宗 by default


def test_an_acceptance_notice_names_both_parties(network: Network, case: Case) -> None:
    client = client_for(network.users["clerk"])
    html = client.get(_url(case), {"kind": "acceptance_notice"}).content.decode()
    form = _form(html)
    assert form["recipient"] == "张三" and form["opponent"] == "李四"
    response = client.post(_url(case), form)
    assert response.status_code == 302
    lines = _lines(Document.objects.get())
    assert case.number in lines and "张三：" in lines


def test_bad_input_answers_400_next_to_the_field_and_writes_nothing(
    network: Network, case: Case, hearing: Hearing
) -> None:
    client = client_for(network.users["clerk"])
    form = _form(client.get(_url(case), {"kind": "summons"}).content.decode())
    form["appear_at"] = "下周三"
    form["summoned_person"] = ""
    response = client.post(_url(case), form)
    assert response.status_code == 400
    html = response.content.decode()
    assert "应到时间不是有效时间" in html and "被传唤人不能为空。" in html
    assert 'id="id_appear_at-error"' in html and 'value="下周三"' in html
    assert not Document.objects.exists()


def test_a_double_submit_writes_once(network: Network, case: Case, hearing: Hearing) -> None:
    client = client_for(network.users["clerk"])
    html = client.get(_url(case), {"kind": "summons", "hearing": str(hearing.pk)}).content.decode()
    form = _form(html)
    assert form["idempotency_key"]
    first = client.post(_url(case), form)
    second = client.post(_url(case), form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Document.objects.count() == 1


def test_the_case_tabs_link_to_the_page_for_those_who_write(
    network: Network, case: Case, hearing: Hearing
) -> None:
    clerk = client_for(network.users["clerk"])
    html = clerk.get(f"/cases/{case.pk}/documents/").content.decode()
    assert f'href="{_url(case)}"' in html and "生成文书" in html
    html = clerk.get(f"/cases/{case.pk}/hearings/").content.decode()
    assert f"{_url(case)}?kind=summons&amp;hearing={hearing.pk}" in html and "生成传票" in html
    party = client_for(network.users["party"])
    assert _url(case) not in party.get(f"/cases/{case.pk}/documents/").content.decode()
    assert _url(case) not in party.get(f"/cases/{case.pk}/hearings/").content.decode()
