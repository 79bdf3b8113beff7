"""A crawl per role through the pages (Django test client): from the home page, every link and
every GET form shown to a person answers 200 with an HTML page for that person — no refusal, no
missing page, no error and no raw JSON. A door shown to someone must open for them.

The test client cannot measure a page, so the phone half of the crawl (no text under 14 px, no
sideways overflow, axe's rules, for the liaison and the party) is in the browser:
tests/browser/journeys/test_phone_pages.py."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from fating.accounts.models import Membership, Role, User
from fating.cases.models import Case, Filing
from fating.cases.tests.factories import accepted_case, submitted_filing
from fating.conversations import services as chat_services
from fating.conversations.tests.factories import Chat
from fating.delivery.tests.factories import Served, served_in_app, summons
from fating.disputes import services as dispute_services
from fating.disputes.models import Agreement, Dispute
from fating.disputes.tests.factories import (
    World,
    in_village,
    reported,
    with_consent,
)
from fating.network.models import Court, Department
from fating.testing import UserFactory, client_for

MAX_DEPTH = 3
MAX_PAGES = 250  # per person; the crawl fails rather than silently stopping short
SKIP_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/logout", "/healthz")
# Downloads (PDF, DOCX, exports, evidence files) are files, not pages.
DOWNLOAD_MARKERS = ("/pdf", "/docx", "/export", "/download", "/evidence/", ".pdf", ".csv",
                    ".xlsx", "/file/", "/files/", "/letter/")  # fmt: skip

PERSONAS = (
    "court_admin", "judge", "clerk", "liaison", "mediator", "governance", "party", "agent",
    "other_admin", "outsider", "cross", "invited_mediator", "applicant", "respondent",
    "department_officer",
)  # fmt: skip


class _Doors(HTMLParser):
    """The links and GET forms of a page: `<a href>` and `<form method=get>` with their fields."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._form: tuple[str, dict[str, str]] | None = None
        self._select: str | None = None
        self._select_value: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            method = a.get("method", "get").lower()
            self._form = (a.get("action", ""), {}) if method == "get" else None
        elif self._form is not None and tag in ("input", "textarea") and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "image"):
                self._form[1][a["name"]] = a.get("value", "")
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select, self._select_value = a["name"], None
        elif self._select is not None and tag == "option":
            if self._select_value is None or "selected" in a:
                self._select_value = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._form is not None and self._select is not None:
            self._form[1][self._select] = self._select_value or ""
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _normalise(base: str, href: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
        return None
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("", "http") or url.netloc not in ("", "testserver"):
        return None
    path = url.path
    if path.startswith(SKIP_PREFIXES) or any(m in path for m in DOWNLOAD_MARKERS):
        return None
    return path + (f"?{url.query}" if url.query else "")


def doors(base: str, html: str) -> Iterator[str]:
    parser = _Doors()
    parser.feed(html)
    for href in parser.links:
        url = _normalise(base, href)
        if url:
            yield url
    for action, fields in parser.forms:
        url = _normalise(base, action or base)
        if url:
            url = url.split("?", 1)[0]
            yield url + (f"?{urlencode(fields)}" if fields else "")


class _Text(HTMLParser):
    """The words a person reads on a page: text outside <script>/<style>, and the labels that
    assistive technology reads out (aria-label, placeholder, title, alt, button values)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._hidden = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # data the page quotes as it is (a username, a format example), not labels
        quoted = tag in ("script", "style", "code", "pre") or ("translate", "no") in attrs
        if quoted:
            self._stack.append(tag)
            self._hidden += 1
            return
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.words.append(value)

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.words.append(data)


# Latin words a Chinese page may show: names of formats, systems and the product, units and
# abbreviations the court uses in Chinese too.
LATIN_ALLOWED = {
    "PDF", "DOCX", "OFD", "Excel", "XLSX", "CSV", "ZIP", "JPEG", "JPG", "PNG", "MP3", "MP4",
    "API", "SMS", "EMS", "App", "APP", "Fating", "E+", "ID", "OK", "HMAC", "SHA", "URL", "IP",
    "QR", "ECharts", "WebSocket", "PostgreSQL", "SQLite", "Redis", "Celery", "km", "GB", "MB",
    "KB", "Token", "Swagger", "OpenAPI", "JSON", "htmx", "CAIL", "BM", "TF", "IDF", "JavaScript", "REST", "WGS",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")


def english_words(html: str) -> set[str]:
    """Latin words on a page that are not names of formats or systems (untranslated labels)."""
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.words)
    text = re.sub(r"\S+@\S+|https?://\S+|/[\w./-]+", " ", text)  # addresses and paths
    return {w for w in LATIN_WORD.findall(text) if w not in LATIN_ALLOWED}


def crawl(client: Client) -> tuple[list[str], dict[str, list[str]]]:
    """BFS from the home page; returns the pages visited and the failures with where they were
    linked from."""
    seen: dict[str, str] = {"/": "(start)"}
    queue: deque[tuple[str, int]] = deque([("/", 0)])
    visited: list[str] = []
    failures: dict[str, list[str]] = {}
    while queue:
        url, depth = queue.popleft()
        visited.append(url)
        assert len(visited) <= MAX_PAGES, f"more than {MAX_PAGES} pages: {visited[-20:]}"
        response = client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        kind = response.get("Content-Type", "")
        problem = None
        if response.status_code != 200:
            problem = f"{response.status_code}"
        elif response.has_header("Content-Disposition"):
            continue  # a file download reached through a page link
        elif not kind.startswith("text/html"):
            problem = f"not HTML ({kind})"
        elif urlsplit(final).path.startswith("/login"):
            problem = "sent to the login page"
        if problem:
            failures.setdefault(f"{problem} {url}", []).append(seen[url])
            continue
        words = english_words(response.content.decode())
        if words:
            failures.setdefault(f"English words {sorted(words)[:8]} {url}", []).append(seen[url])
        if depth >= MAX_DEPTH:
            continue
        base = urlsplit(final).path
        for target in doors(base, response.content.decode()):
            if target not in seen:
                seen[target] = url
                queue.append((target, depth + 1))
    return visited, failures


def _valid_court_codes(world: World) -> None:
    for court, code in ((world.net.court, "鲁0321"), (world.net.other_court, "鲁0322")):
        Court.objects.filter(pk=court.pk).update(code=code)
        court.code = code


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 signed", "application/pdf")


def _agreement(world: World, dispute: Dispute, *, effective: bool) -> Agreement:
    mediator = world.net.users["mediator"]
    today = timezone.localdate()
    agreement = dispute_services.draft_agreement(
        actor=mediator, dispute=dispute, facts="李四向张三借款五万元未还，双方对借款事实无异议。",
        terms="李四归还张三借款五万元。", performance="银行转账至张三账户",
        deadline=today + timezone.timedelta(days=40), instalments=[],
    )  # fmt: skip
    if effective:
        applicant = dispute.parties.get(role="applicant")
        respondent = dispute.parties.get(role="respondent")
        dispute_services.sign_agreement(
            actor=world.applicant_user, agreement=agreement, party=applicant
        )
        dispute_services.sign_agreement(
            actor=mediator, agreement=agreement, party=respondent, paper=_pdf("签字.pdf")
        )
        dispute_services.mediator_sign(actor=mediator, agreement=agreement)
        agreement.refresh_from_db()
    return agreement


def seed(world: World) -> dict[str, object]:
    """Something on every page: a dispute at each stage (reported, in village mediation with its
    group chat and a document served in the app, an agreement to sign, an agreement applied for
    confirmation, delegated), a filing under review, an accepted case with its group chat."""
    _valid_court_codes(world)
    net = world.net
    reported(world, title="刚上报的纠纷")
    village = in_village(world)
    room = chat_services.open_room(actor=world.applicant_user, matter=village)
    service = served_in_app(Served(Chat(world, village, room), summons(Chat(world, village, room))))
    drafted = in_village(world)
    _agreement(world, drafted, effective=False)
    agreed = in_village(world)
    agreement = _agreement(world, agreed, effective=True)
    dispute_services.apply_for_confirmation(actor=world.applicant_user, agreement=agreement)
    delegated = dispute_services.delegate(
        actor=net.users["judge"], dispute=with_consent(world, reported(world, title="委派调解的纠纷")),
        organisation=net.invited_organisation,
    )  # fmt: skip
    _department_queue(world)
    submitted_filing(net)
    case = accepted_case(net)
    chat_services.open_room(actor=net.users["judge"], matter=case)
    from fating.contact.tests import factories as contact

    contact.meeting(world.net)  # the party's 约见, routed to the judge
    contact.call(world.net)  # a 12368 ticket logged by the clerk, routed to the judge
    return {"case": case, "delegated": delegated, "agreed": agreed, "drafted": drafted,
            "agreement": agreement, "service": service}  # fmt: skip


def _department_queue(world: World) -> None:
    """A 派出所 with its officer ("police") and hand-overs waiting, in hand (with a record) and
    returned unresolved."""
    police = Department.objects.create(
        court=world.net.court, name="甲镇派出所", kind="police_station"
    )
    officer = UserFactory(username="police", full_name="甲镇派出所民警")
    Membership.objects.create(user=officer, role=Role.DEPARTMENT_OFFICER, department=police)
    liaison = world.net.users["liaison"]
    handed = [
        dispute_services.hand_to_department(
            actor=liaison, dispute=with_consent(world, reported(world, title=title)),
            department=police, request="请派出所协助约谈被申请人",
        )
        for title in ("待接收的纠纷", "办理中的纠纷", "未化解退回的纠纷")
    ]  # fmt: skip
    for referral in handed[1:]:
        dispute_services.respond_to_referral(actor=officer, referral=referral, accept=True)
    dispute_services.record_department_work(
        actor=officer, referral=handed[1], kind="contact", happened_at=timezone.now(),
        text="电话联系双方当事人，约定次日到所调处",
    )  # fmt: skip
    dispute_services.return_referral(
        actor=officer, referral=handed[2], resolved=False, outcome="被申请人拒绝调解"
    )


def _user(world: World, persona: str) -> User:
    if persona == "department_officer":
        return User.objects.get(username="police")
    return world.user(persona)


@pytest.fixture
def seeded(world: World, settings: pytest.FixtureRequest, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    seed(world)
    assert Filing.objects.exists() and Case.objects.exists()
    return world


# Pages each person must reach from their home page (the crawl is not vacuous, and the doors of
# issue 12 exist): a pattern of the visited path per persona.
MUST_REACH = {
    "judge": [
        r"^/cases/\d+/$",
        r"^/disputes/\d+/$",
        r"^/conversations/\d+/$",
        r"^/cases/docket/$",
        r"^/contact/meetings/\d+/$",
        r"^/contact/calls/\d+/$",
    ],
    "clerk": [
        r"^/cases/review/$",
        r"^/cases/\d+/$",
        r"^/delivery/$",
        r"^/contact/calls/new/$",
        r"^/contact/calls/figures/$",
        r"^/people/representations/court/$",
    ],
    "court_admin": [r"^/cases/\d+/$", r"^/analytics/", r"^/users/$", r"^/users/\d+/$"],
    "liaison": [
        r"^/disputes/report/$",
        r"^/knowledge/orders/$",
        r"^/knowledge/rules/$",
        r"^/contact/meetings/new/$",
        r"^/people/assisted/$",
    ],
    "mediator": [r"^/disputes/\d+/$"],
    "party": [r"^/cases/filings/new/$", r"^/cases/filings/\d+/$", r"^/contact/meetings/\d+/$"],
    "respondent": [r"^/delivery/inbox/\d+/$", r"^/disputes/\d+/$"],
    "applicant": [r"^/disputes/\d+/$", r"^/conversations/\d+/$"],
    "department_officer": [
        r"^/disputes/departments/$",
        r"^/disputes/departments/\d+/$",
        r"^/disputes/\d+/$",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_door_shown_opens(seeded: World, persona: str) -> None:
    visited, failures = crawl(client_for(_user(seeded, persona)))
    assert len(visited) > 5
    missing = [p for p in MUST_REACH.get(persona, []) if not any(re.match(p, v) for v in visited)]
    assert not missing, f"{persona} cannot reach {missing} from the home page"
    report = "\n".join(f"{k}  ← {', '.join(v[:3])}" for k, v in sorted(failures.items()))
    assert not failures, f"{persona}: doors that lead to a wall:\n{report}"
