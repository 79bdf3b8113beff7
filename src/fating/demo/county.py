"""Write a synthetic county plan (demo/plan.py) to the database with bulk inserts, and link the
demo's two courts through the one person who holds grants in both."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from fating.accounts.models import Membership, Role, User
from fating.core.audit import record_event
from fating.demo.plan import (
    COURT_CODE,
    CROSS_LOGIN,
    DEMO_PASSWORD,
    PROVINCE,
    CountyPlan,
    build_neighbour,
)
from fating.network.models import (
    Area,
    Court,
    Department,
    Liaison,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)

BATCH = 2000


def is_seeded(code: str = COURT_CODE) -> bool:
    return Court.objects.filter(code=code).exists()


@transaction.atomic
def seed_county(plan: CountyPlan) -> dict[str, int]:
    """Insert the county and its court. Refuses to run twice (the court code is unique)."""
    if is_seeded(plan.court_code):
        raise RuntimeError(f"The demo court {plan.court_code} already exists.")

    # Areas, level by level so parents have primary keys.
    area_ids: dict[str, int] = {}
    for level in ("county", "township", "village", "grid"):
        rows = [
            Area(
                code=a.code,
                name=a.name,
                level=a.level,
                parent_id=area_ids.get(a.parent_code) if a.parent_code else None,
                population=a.population,
                population_year=2025 if a.population is not None else None,
                boundary=a.boundary,
            )
            for a in plan.areas
            if a.level == level
        ]
        for area in Area.objects.bulk_create(rows, batch_size=BATCH):
            area_ids[area.code] = area.pk
    county_code = plan.areas[0].code

    court = Court.objects.create(
        name=plan.court_name, code=plan.court_code, province=PROVINCE,
        area_id=area_ids[county_code],
    )  # fmt: skip
    tribunal_ids: dict[str, int] = {}
    for name, township_codes in plan.tribunals.items():
        tribunal = Tribunal.objects.create(
            court=court,
            name=name,
            address=f"{PROVINCE}{court.area.name}{name}",
            phone="0533-0000000",
        )
        tribunal.areas.set([area_ids[c] for c in township_codes])
        tribunal_ids[name] = tribunal.pk

    # People: one password hash for all demo accounts (hashing 800 times would take minutes).
    password = make_password(DEMO_PASSWORD)
    users = User.objects.bulk_create(
        [
            User(username=p.key, full_name=p.full_name, mobile=p.mobile, password=password)
            for p in plan.people
        ],
        batch_size=BATCH,
    )
    user_ids = {u.username: u.pk for u in users}

    point_ids: dict[str, int] = {}
    points = ServicePoint.objects.bulk_create(
        [
            ServicePoint(
                tribunal_id=tribunal_ids[p.tribunal],
                name=p.name,
                kind=p.kind,
                address=p.address,
                longitude=Decimal(str(p.lng)),
                latitude=Decimal(str(p.lat)),
                paired_officer_id=user_ids[p.paired_officer],
                opened_on=p.opened_on,
            )
            for p in plan.points
        ]
    )
    through = ServicePoint.areas.through
    links = []
    for plan_point, point in zip(plan.points, points, strict=True):
        point_ids[plan_point.key] = point.pk
        links += [
            through(servicepoint_id=point.pk, area_id=area_ids[c]) for c in plan_point.area_codes
        ]
    through.objects.bulk_create(links, batch_size=BATCH)

    orgs = MediationOrganisation.objects.bulk_create(
        [
            MediationOrganisation(
                court=court,
                name=o.name,
                kind=o.kind,
                area_id=area_ids[o.area_code] if o.area_code else None,
                is_court_invited=o.invited,
                specialties=o.specialties,
                phone=o.phone,
            )
            for o in plan.orgs
        ]
    )
    org_ids = {o.key: org.pk for o, org in zip(plan.orgs, orgs, strict=True)}

    Liaison.objects.bulk_create(
        [
            Liaison(
                user_id=user_ids[lp.person],
                name=lp.name,
                kind=lp.kind,
                service_point_id=point_ids[lp.point],
                area_id=area_ids.get(lp.area_code) if lp.area_code else None,
                phone=lp.phone,
            )
            for lp in plan.liaisons
        ],
        batch_size=BATCH,
    )
    Mediator.objects.bulk_create(
        [
            Mediator(
                user_id=user_ids[m.person],
                name=m.name,
                kind=m.kind,
                organisation_id=org_ids[m.org],
                specialties=m.specialties,
                phone=m.phone,
            )
            for m in plan.mediators
        ],
        batch_size=BATCH,
    )

    departments = Department.objects.bulk_create(
        [
            Department(court=court, name=d.name, kind=d.kind, area_id=area_ids[d.area_code],
                       phone=d.phone)
            for d in plan.departments
        ]
    )  # fmt: skip
    department_ids = {d.key: dep.pk for d, dep in zip(plan.departments, departments, strict=True)}

    scope_fields = {
        "court": lambda key: {"court_id": court.pk},
        "tribunal": lambda key: {"tribunal_id": tribunal_ids[key]},
        "service_point": lambda key: {"service_point_id": point_ids[key]},
        "organisation": lambda key: {"organisation_id": org_ids[key]},
        "department": lambda key: {"department_id": department_ids[key]},
        "none": lambda key: {},
    }
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=user_ids[p.key], role=p.role, **scope_fields[p.scope_kind](p.scope_key)
            )
            for p in plan.people
        ],
        batch_size=BATCH,
    )
    counts = {
        "areas": len(area_ids),
        "tribunals": len(tribunal_ids),
        "service_points": len(point_ids),
        "organisations": len(org_ids),
        "mediators": len(plan.mediators),
        "liaisons": len(plan.liaisons),
        "departments": len(department_ids),
        "users": len(user_ids),
    }
    record_event(
        actor=None,
        action="demo.seed",
        target=court,
        after={"seed": plan.seed, "scale": plan.scale, **counts},
    )
    return counts


@transaction.atomic
def seed_neighbour(seed: int) -> dict[str, int]:
    """The demo's second court (柳川县人民法院), and the cross-court login: `crossclerk`, a clerk
    at 柳川's tribunal, is also the liaison of the 青禾 service point of the `liaison` login.
    Requires the first county."""
    counts = seed_county(build_neighbour(seed))
    cross = User.objects.get(username=CROSS_LOGIN)
    point = (
        Membership.objects.filter(user__username="liaison", role=Role.LIAISON)
        .select_related("service_point")
        .get()
        .service_point
    )
    Membership.objects.create(user=cross, role=Role.LIAISON, service_point=point)
    Liaison.objects.create(user=cross, name=cross.full_name, kind=Liaison.Kind.LEGAL_ADVISER,
                           service_point=point, phone=cross.mobile)  # fmt: skip
    record_event(actor=None, action="demo.cross_grant", target=cross,
                 after={"role": Role.LIAISON, "service_point": point.name})  # fmt: skip
    return counts


def fingerprint() -> str:
    """A digest of the seeded network's content, independent of primary keys."""
    parts: list[Any] = [
        sorted(Area.objects.values_list("code", "name", "level", "population")),
        sorted(User.objects.values_list("username", "full_name", "mobile")),
        sorted(
            (p.name, p.kind, str(p.longitude), str(p.latitude), p.paired_officer.username)
            for p in ServicePoint.objects.select_related("paired_officer")
        ),
        sorted(MediationOrganisation.objects.values_list("name", "kind", "is_court_invited")),
        sorted(Mediator.objects.values_list("name", "kind", "organisation__name", "phone")),
        sorted(Liaison.objects.values_list("name", "kind", "service_point__name", "phone")),
        sorted(Membership.objects.values_list("user__username", "role")),
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()
