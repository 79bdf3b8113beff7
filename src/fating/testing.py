"""Test factories and personas, shared by every app's tests (loaded as a pytest plugin)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import factory
import pytest
from django.test import Client

from fating.accounts.models import Membership, Role, User
from fating.network.models import (
    Area,
    Court,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)

PASSWORD = "Test-Passw0rd!"
_mobile_counter = itertools.count(13800000000)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    mobile = factory.LazyFunction(lambda: str(next(_mobile_counter)))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AreaFactory(factory.django.DjangoModelFactory[Area]):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"9900{n:08d}")
    name = factory.Sequence(lambda n: f"区划{n}")
    level = Area.Level.COUNTY
    population = 10000
    population_year = 2025


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Court

    name = factory.Sequence(lambda n: f"测试县{n}人民法院")
    code = factory.Sequence(lambda n: f"鲁{1000 + n % 9000:04d}")
    province = "山东省"
    area = factory.SubFactory(AreaFactory)


class TribunalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tribunal

    court = factory.SubFactory(CourtFactory)
    name = factory.Sequence(lambda n: f"第{n}人民法庭")


class ServicePointFactory(factory.django.DjangoModelFactory[ServicePoint]):
    class Meta:
        model = ServicePoint

    tribunal = factory.SubFactory(TribunalFactory)
    name = factory.Sequence(lambda n: f"服务点{n}")
    kind = ServicePoint.Kind.VILLAGE
    address = "山东省测试县测试镇"
    longitude = Decimal("118.050000")
    latitude = Decimal("36.850000")
    opened_on = date(2024, 1, 1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediationOrganisation

    court = factory.SubFactory(CourtFactory)
    name = factory.Sequence(lambda n: f"调解组织{n}")
    kind = MediationOrganisation.Kind.VILLAGE_COMMITTEE
    phone = "13900000000"


class MediatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mediator

    name = factory.Sequence(lambda n: f"调解员{n}")
    kind = Mediator.Kind.PEOPLES
    organisation = factory.SubFactory(OrganisationFactory)
    phone = "13900000001"
    specialties = factory.LazyFunction(lambda: ["婚姻家庭"])


class LiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Liaison

    name = factory.Sequence(lambda n: f"联络员{n}")
    kind = Liaison.Kind.VILLAGE_SECRETARY
    service_point = factory.SubFactory(ServicePointFactory)
    phone = "13900000002"


def member(role: str, **scope: object) -> User:
    user = UserFactory(username=f"{role}-{next(_mobile_counter)}")
    Membership.objects.create(user=user, role=role, **scope)
    return user


@dataclass
class Network:
    """Two courts; personas belong to court A unless named otherwise.

    `cross` holds grants in both courts: a clerk at court B's tribunal and a liaison at court A's
    service point. At A it may do only what a liaison does; at B what a clerk does.
    """

    court: Court
    tribunal: Tribunal
    point: ServicePoint
    inactive_point: ServicePoint
    organisation: MediationOrganisation
    invited_organisation: MediationOrganisation
    mediator: Mediator
    liaison: Liaison
    other_court: Court
    other_point: ServicePoint
    users: dict[str, User]
    other_tribunal: Tribunal | None = None


def build_network() -> Network:
    county = AreaFactory(name="甲县", level=Area.Level.COUNTY)
    court = CourtFactory(name="甲县人民法院", area=county)
    tribunal = TribunalFactory(court=court, name="甲镇人民法庭")
    point = ServicePointFactory(tribunal=tribunal, name="甲村服务点")
    inactive = ServicePointFactory(tribunal=tribunal, name="已撤销服务点", active=False)
    org = OrganisationFactory(court=court, name="甲村调委会")
    invited_org = OrganisationFactory(
        court=court, name="甲县律师调解工作室", is_court_invited=True, kind="lawyer_studio"
    )
    other_court = CourtFactory(name="乙县人民法院")
    other_tribunal = TribunalFactory(court=other_court, name="乙镇人民法庭")
    other_point = ServicePointFactory(tribunal=other_tribunal, name="乙村服务点")
    users = {
        "court_admin": member(Role.COURT_ADMIN, court=court),
        "judge": member(Role.JUDGE, tribunal=tribunal),
        "clerk": member(Role.CLERK, tribunal=tribunal),
        "liaison": member(Role.LIAISON, service_point=point),
        "mediator": member(Role.MEDIATOR, organisation=org),
        "governance": member(Role.GOVERNANCE, court=court),
        "party": member(Role.PARTY),
        "agent": member(Role.AGENT),
        "other_admin": member(Role.COURT_ADMIN, court=other_court),
        "outsider": UserFactory(username="outsider"),
        "cross": member(Role.CLERK, tribunal=other_tribunal),
    }
    Membership.objects.create(user=users["cross"], role=Role.LIAISON, service_point=point)
    mediator = MediatorFactory(organisation=org, name="王调解", user=users["mediator"])
    MediatorFactory(organisation=invited_org, name="李特邀", kind=Mediator.Kind.INVITED)
    liaison = LiaisonFactory(service_point=point, name="张联络", user=users["liaison"])
    LiaisonFactory(service_point=other_point, name="乙联络")
    return Network(
        court, tribunal, point, inactive, org, invited_org, mediator, liaison, other_court,
        other_point, users, other_tribunal,
    )  # fmt: skip


@pytest.fixture
def network(db: None) -> Network:
    return build_network()


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Throttle counters live in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()


def routes_under(*prefixes: str) -> list[str]:
    """Every URL route of the project starting with one of `prefixes` (for the completeness
    tests of the permission matrices: a route missing from a matrix fails its app's test)."""
    from django.urls import get_resolver

    def walk(resolver: object, prefix: str) -> list[str]:
        out: list[str] = []
        for pattern in getattr(resolver, "url_patterns", []):
            route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
            out += walk(pattern, route) if hasattr(pattern, "url_patterns") else [route]
        return out

    return [r for r in walk(get_resolver(), "/") if r.startswith(prefixes)]


def generic_route(route: str) -> str:
    """A route with its parameters (`<int:pk>`, `(?P<pk>…)`) replaced by `*`."""
    import re

    route = re.sub(r"\(\?P<\w+>[^)]*\)", "*", route)
    return re.sub(r"<[\w:]+>", "*", route)


# --- sample uploads: the smallest bytes each allowed kind is recognised by (fating.core.uploads)

SAMPLE_PDF = b"%PDF-1.4\n% sample\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
SAMPLE_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32
SAMPLE_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
SAMPLE_MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 32
SAMPLE_M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00" * 16
SAMPLE_WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32
SAMPLE_AMR = b"#!AMR\n" + b"\x00" * 32
SAMPLE_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 16


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    """A zip package with `parts` (DOCX and OFD are zips; see sample_docx / sample_ofd)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sample_docx() -> bytes:
    return zip_bytes({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "word/document.xml": b'<?xml version="1.0"?><w:document/>',
    })  # fmt: skip


def sample_ofd() -> bytes:
    return zip_bytes({"OFD.xml": b'<?xml version="1.0"?><ofd:OFD/>', "Doc_0/Document.xml": b"<d/>"})
