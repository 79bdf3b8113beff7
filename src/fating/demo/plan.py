"""A synthetic county for the demo and benchmarks, as plain data (no database, no Django).

`build_county(seed, scale)` is deterministic for a given seed and scale: the same names, numbers
and coordinates every time. The county is fictional (青禾县, court code 鲁0399): twelve townships
around a county seat, about 200 villages per unit of scale, three people's tribunals, E+ service
points of every kind, liaisons, mediation organisations and invited mediators.

`build_neighbour(seed)` is the second court of the demo: the neighbouring 柳川县人民法院 (鲁0398),
a small county with three townships, one tribunal, a few service points and its own people.
One demo login, `crossclerk`, is a clerk at its tribunal and (added when both are seeded) a
liaison at a 青禾 service point: grants in two courts, each counting only where it is held.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date

from faker import Faker

COUNTY_NAME = "青禾县"
COURT_NAME = "青禾县人民法院"
COURT_CODE = "鲁0399"
PROVINCE = "山东省"
COUNTY_CODE = "370399000000"
CENTRE = (118.05, 36.85)  # lng, lat of the county seat
RADIUS = 0.28  # degrees: a county about 50 km across
POPULATION_YEAR = 2025

TOWNSHIPS = [
    "城关街道", "东岭镇", "西湖镇", "南山镇", "北河镇", "柳泉镇",
    "石桥镇", "杏林镇", "荆家镇", "马坊镇", "田庄镇", "果里镇",
]  # fmt: skip
# Tribunal name -> indexes of the townships it covers (the first covers the county seat).
TRIBUNALS = {
    "城关人民法庭": [0, 1, 5, 6],
    "东岭人民法庭": [2, 3, 7, 8],
    "西湖人民法庭": [4, 9, 10, 11],
}
VILLAGE_PREFIXES = "东西南北前后大小上下中新老高"
VILLAGE_ROOTS = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "胡", "朱",
    "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏",
    "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石",
]  # fmt: skip
VILLAGE_SUFFIXES = ["家庄村", "庄村", "家村", "营村", "屯村", "官庄村", "家洼村", "村"]
NATURE_VILLAGES = [
    "柳林", "杏园", "枣园", "槐树", "桑园", "梨园", "桃园", "杨树林", "榆树湾", "河口", "山前",
    "泉头", "沟西", "石坡", "荷塘", "松岭", "龙泉", "凤山", "清水", "白杨",
]  # fmt: skip
COMMUNITY_NAMES = [
    "文化", "健康", "幸福", "和平", "建设", "光明", "朝阳", "育才", "滨河", "锦绣", "振兴",
    "龙泉", "凤凰", "新华", "人民", "解放", "民主", "团结", "东关", "西关", "南关", "北关",
    "紫荆", "金桥", "银河", "翠园", "丽景", "春晖", "青年", "繁荣", "花园", "长安", "安居",
]  # fmt: skip
SPECIALTIES = [
    "婚姻家庭", "邻里纠纷", "土地承包", "宅基地", "民间借贷", "劳务纠纷", "物业服务",
    "交通事故", "医疗纠纷", "消费纠纷", "建设工程", "劳动争议", "继承析产", "金融借款",
]  # fmt: skip
INDUSTRY_ORGS = [
    ("青禾县物业纠纷人民调解委员会", ["物业服务", "邻里纠纷"]),
    ("青禾县道路交通事故纠纷人民调解委员会", ["交通事故"]),
    ("青禾县劳动人事争议调解中心", ["劳动争议", "劳务纠纷"]),
    ("青禾县医疗纠纷人民调解委员会", ["医疗纠纷"]),
    ("青禾县婚姻家庭纠纷人民调解委员会", ["婚姻家庭", "继承析产"]),
    ("青禾县消费纠纷人民调解委员会", ["消费纠纷"]),
    ("青禾县农村土地承包经营纠纷调解委员会", ["土地承包", "宅基地"]),
    ("青禾县金融纠纷调解中心", ["金融借款", "民间借贷"]),
]  # fmt: skip
ENTERPRISES = ["青禾化纤有限公司", "东岭食品工业园", "鲁青机械制造有限公司", "西湖纺织集团"]
PARKS = ["青禾经济开发区", "柳泉现代农业产业园"]

NEIGHBOUR_COUNTY_NAME = "柳川县"
NEIGHBOUR_COURT_NAME = "柳川县人民法院"
NEIGHBOUR_COURT_CODE = "鲁0398"
NEIGHBOUR_COUNTY_CODE = "370398000000"
NEIGHBOUR_CENTRE = (118.86, 36.88)  # east of 青禾县, clear of its outline
NEIGHBOUR_RADIUS = 0.18
NEIGHBOUR_TOWNSHIPS = ["柳川街道", "河湾镇", "杨庄镇"]
NEIGHBOUR_TRIBUNAL = "河湾人民法庭"
# The cross-court login: a clerk at 柳川's tribunal and a liaison at 青禾's `liaison` point.
CROSS_LOGIN = "crossclerk"

DEMO_PASSWORD = "Fating@2026"  # printed by `fating demo`; demo data only  # noqa: S105
DEMO_LOGINS = [
    "admin",
    "judge",
    "clerk",
    "liaison",
    "mediator",
    "party",
    "party2",
    "agent",
    "governance",
    "ejudge",
    "executor",
    "police",
    "sfs",
]
# The second court's logins (seeded by `build_neighbour` / `seed_neighbour`), the cross-court
# login last.
NEIGHBOUR_LOGINS = ["lc_admin", "lc_judge", "lc_clerk", "lc_liaison", "lc_mediator", CROSS_LOGIN]


@dataclass
class AreaPlan:
    code: str
    name: str
    level: str
    parent_code: str | None
    population: int | None
    lng: float
    lat: float
    boundary: dict | None = None


@dataclass
class PersonPlan:
    key: str  # username
    full_name: str
    mobile: str
    role: str
    scope_kind: str  # court | tribunal | service_point | organisation | department | none
    scope_key: str = ""


@dataclass
class PointPlan:
    key: str
    name: str
    kind: str
    tribunal: str
    address: str
    lng: float
    lat: float
    area_codes: list[str]
    paired_officer: str
    opened_on: date


@dataclass
class OrgPlan:
    key: str
    name: str
    kind: str
    area_code: str | None
    invited: bool
    specialties: list[str]
    phone: str


@dataclass
class LiaisonPlan:
    person: str
    name: str
    kind: str
    point: str
    area_code: str | None
    phone: str


@dataclass
class MediatorPlan:
    person: str
    name: str
    kind: str
    org: str
    specialties: list[str]
    phone: str


@dataclass
class DepartmentPlan:
    key: str
    name: str
    kind: str  # network.Department.Kind
    area_code: str
    phone: str


@dataclass
class CountyPlan:
    seed: int
    scale: int
    county_name: str = COUNTY_NAME
    court_name: str = COURT_NAME
    court_code: str = COURT_CODE
    areas: list[AreaPlan] = field(default_factory=list)
    tribunals: dict[str, list[str]] = field(default_factory=dict)  # name -> township codes
    points: list[PointPlan] = field(default_factory=list)
    orgs: list[OrgPlan] = field(default_factory=list)
    people: list[PersonPlan] = field(default_factory=list)
    liaisons: list[LiaisonPlan] = field(default_factory=list)
    mediators: list[MediatorPlan] = field(default_factory=list)
    departments: list[DepartmentPlan] = field(default_factory=list)


class _Mobiles:
    """Unique, plausible mobile numbers from a seeded generator."""

    PREFIXES = ["133", "135", "137", "138", "139", "150", "151", "155", "158", "176", "186", "188"]

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def next(self) -> str:
        while True:
            number = self.rng.choice(self.PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.used:
                self.used.add(number)
                return number


def _radius(theta: float, phases: tuple[float, float, float]) -> float:
    a, b, c = phases
    return RADIUS * (1 + 0.12 * math.sin(3 * theta + a) + 0.07 * math.sin(5 * theta + b)
                     + 0.04 * math.sin(9 * theta + c))  # fmt: skip


def _point(theta: float, r: float) -> tuple[float, float]:
    # Longitude degrees are shorter at this latitude; stretch x so the shape looks round.
    lng = CENTRE[0] + r * math.cos(theta) / math.cos(math.radians(CENTRE[1]))
    lat = CENTRE[1] + r * math.sin(theta)
    return round(lng, 6), round(lat, 6)


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    ring = [list(p) for p in points]
    return [*ring, ring[0]]


def build_county(seed: int = 20261125, scale: int = 1) -> CountyPlan:
    """The whole synthetic county as data. Deterministic for (seed, scale)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    mobiles = _Mobiles(rng)
    plan = CountyPlan(seed=seed, scale=scale)
    phases = (rng.uniform(0, 6.28), rng.uniform(0, 6.28), rng.uniform(0, 6.28))
    inner = 0.3

    # --- areas: county, townships (an inner disc for the seat, ring sectors for the rest) ----
    steps = 240
    outline = [_point(2 * math.pi * i / steps, _radius(2 * math.pi * i / steps, phases))
               for i in range(steps)]  # fmt: skip
    county = AreaPlan(COUNTY_CODE, COUNTY_NAME, "county", None, 0, *CENTRE,
                      boundary={"type": "Polygon", "coordinates": [_ring(outline)]})  # fmt: skip
    plan.areas.append(county)
    townships: list[AreaPlan] = []
    sectors = len(TOWNSHIPS) - 1
    for index, name in enumerate(TOWNSHIPS):
        code = f"370399{index + 1:03d}000"
        if index == 0:
            ring = [_point(2 * math.pi * i / steps, inner * _radius(2 * math.pi * i / steps, phases))
                    for i in range(steps)]  # fmt: skip
            centre = CENTRE
        else:
            start, end = 2 * math.pi * (index - 1) / sectors, 2 * math.pi * index / sectors
            arc = [start + (end - start) * i / 24 for i in range(25)]
            outer_pts = [_point(t, _radius(t, phases)) for t in arc]
            inner_pts = [_point(t, inner * _radius(t, phases)) for t in reversed(arc)]
            ring = outer_pts + inner_pts
            mid = (start + end) / 2
            centre = _point(mid, (1 + inner) / 2 * _radius(mid, phases))
        area = AreaPlan(code, name, "township", COUNTY_CODE, 0, *centre,
                        boundary={"type": "Polygon", "coordinates": [_ring(ring)]})  # fmt: skip
        townships.append(area)
    plan.areas.extend(townships)

    # --- villages and grids ------------------------------------------------------------------
    villages_by_township: dict[str, list[AreaPlan]] = {}
    per_township = [17] * 8 + [16] * 4  # 200 villages per unit of scale
    for index, township in enumerate(townships):
        used: set[str] = set()
        villages: list[AreaPlan] = []
        for n in range(per_township[index] * scale):
            urban = index == 0 or n < 2
            for _attempt in range(40):
                prefix = rng.choice(VILLAGE_PREFIXES) if rng.random() < 0.3 else ""
                if urban:
                    name = f"{rng.choice(COMMUNITY_NAMES)}社区"
                elif rng.random() < 0.2:
                    name = f"{prefix}{rng.choice(NATURE_VILLAGES)}村"
                else:
                    name = f"{prefix}{rng.choice(VILLAGE_ROOTS)}{rng.choice(VILLAGE_SUFFIXES)}"
                if name not in used:
                    break
            else:  # large scales exhaust the name pool: number the duplicates
                kind = "社区" if urban else "村"
                name = f"{name.removesuffix(kind)}{n + 1}{kind}"
            used.add(name)
            population = rng.randint(3000, 9000) if urban else rng.randint(700, 4200)
            if index == 0:
                theta, r = rng.uniform(0, 2 * math.pi), rng.uniform(0.05, 0.9) * inner
                lng, lat = _point(theta, r * _radius(theta, phases))
            else:
                start = 2 * math.pi * (index - 1) / sectors
                theta = start + rng.uniform(0.08, 0.92) * (2 * math.pi / sectors)
                lng, lat = _point(theta, rng.uniform(inner + 0.08, 0.92) * _radius(theta, phases))
            village = AreaPlan(f"{township.code[:9]}{n + 1:03d}", name, "village", township.code,
                               population, lng, lat)  # fmt: skip
            villages.append(village)
            township.population = (township.population or 0) + population
        villages_by_township[township.code] = villages
        plan.areas.extend(villages)
        county.population = (county.population or 0) + (township.population or 0)
    for villages in villages_by_township.values():
        for village in villages:
            grids = max(1, (village.population or 0) // 1500)
            remaining = village.population or 0
            for g in range(grids):
                share = remaining if g == grids - 1 else (village.population or 0) // grids
                remaining -= share
                plan.areas.append(AreaPlan(f"{village.code}{g + 1:02d}",
                                           f"{village.name}第{g + 1}网格", "grid",
                                           village.code, share, village.lng, village.lat))  # fmt: skip

    # --- tribunals and court people ----------------------------------------------------------
    for tribunal, indexes in TRIBUNALS.items():
        plan.tribunals[tribunal] = [townships[i].code for i in indexes]

    def person(key: str, role: str, scope_kind: str, scope_key: str = "") -> PersonPlan:
        p = PersonPlan(key, fake.name(), mobiles.next(), role, scope_kind, scope_key)
        plan.people.append(p)
        return p

    person("admin", "court_admin", "court")
    person("admin2", "court_admin", "court")
    officers: dict[str, list[str]] = {}
    for t_index, tribunal in enumerate(TRIBUNALS):
        officers[tribunal] = []
        for j in range(4):
            key = "judge" if (t_index, j) == (0, 0) else f"judge{t_index + 1}{j + 1}"
            officers[tribunal].append(person(key, "judge", "tribunal", tribunal).key)
        for j in range(4):
            key = "clerk" if (t_index, j) == (0, 0) else f"clerk{t_index + 1}{j + 1}"
            officers[tribunal].append(person(key, "clerk", "tribunal", tribunal).key)
    person("governance", "governance", "court")
    for index in range(1, len(TOWNSHIPS)):
        person(f"gov{index + 1:02d}", "governance", "court")

    # --- service points ----------------------------------------------------------------------
    opened = date(2023, 3, 1)
    tribunal_of = {code: t for t, codes in plan.tribunals.items() for code in codes}
    counters: dict[str, int] = {}

    def add_point(name: str, kind: str, township: AreaPlan, lng: float, lat: float,
                  area_codes: list[str]) -> PointPlan:  # fmt: skip
        tribunal = tribunal_of[township.code]
        counters[tribunal] = counters.get(tribunal, 0) + 1
        officer_list = officers[tribunal]
        day = opened.toordinal() + rng.randint(0, 900)
        p = PointPlan(f"P{len(plan.points) + 1:03d}", name, kind, tribunal,
                      f"{PROVINCE}{COUNTY_NAME}{township.name}{fake.street_name()}{rng.randint(1, 300)}号",
                      lng, lat, area_codes, officer_list[counters[tribunal] % len(officer_list)],
                      date.fromordinal(day))  # fmt: skip
        plan.points.append(p)
        return p

    for township in townships:
        codes = [township.code] + [v.code for v in villages_by_township[township.code]]
        add_point(f"{township.name}综治中心E+服务点", "governance_centre", township,
                  township.lng, township.lat, codes)  # fmt: skip
    village_points: dict[str, str] = {}
    for tribunal in TRIBUNALS:
        seat = townships[TRIBUNALS[tribunal][0]]
        add_point(f"{tribunal.removesuffix('人民法庭')}诉讼服务站", "litigation_service", seat,
                  seat.lng + 0.01, seat.lat + 0.005, [seat.code])  # fmt: skip
        for k in range(2):
            township = townships[TRIBUNALS[tribunal][k + 1]]
            village = villages_by_township[township.code][k]
            add_point(f"{village.name}法官工作室", "judge_studio", township, village.lng,
                      village.lat, [village.code])  # fmt: skip
            far = villages_by_township[township.code][-1 - k]
            add_point(f"{far.name}巡回审判点", "circuit_court", township, far.lng, far.lat,
                      [far.code])  # fmt: skip
        for k in range(2 * scale):
            township = townships[TRIBUNALS[tribunal][(k + 2) % 4]]
            village = villages_by_township[township.code][2 + k]
            p = add_point(f"{village.name}E+服务点", "village", township, village.lng,
                          village.lat, [village.code])  # fmt: skip
            village_points[village.code] = p.key
    enterprise_points: list[str] = []
    for k, name in enumerate(ENTERPRISES):
        township = townships[1 + 2 * k]
        lng, lat = township.lng + rng.uniform(-0.02, 0.02), township.lat + rng.uniform(-0.02, 0.02)
        enterprise_points.append(add_point(f"{name}E+服务点", "enterprise", township, lng, lat,
                                           [township.code]).key)  # fmt: skip
    for k, name in enumerate(PARKS):
        township = townships[2 + 5 * k]
        add_point(f"{name}E+服务点", "industrial_park", township, township.lng + 0.015,
                  township.lat - 0.01, [township.code])  # fmt: skip

    # --- mediation organisations and mediators -----------------------------------------------
    area_names = {t.code: t.name for t in townships}
    township_of = {v.code: t for t in townships for v in villages_by_township[t.code]}

    def add_org(name: str, kind: str, area_code: str | None, invited: bool,
                specialties: list[str]) -> OrgPlan:  # fmt: skip
        # Two villages (or two generated law firms) may share a name; a picker must never show
        # two organisations that read the same, so the second is named with its township.
        taken = {o.name for o in plan.orgs}
        if name in taken and area_code:
            township = township_of.get(area_code)
            prefix = township.name if township else area_names.get(area_code, "")
            name = f"{prefix}{name}"
        base, suffix = name, 2
        while name in taken:
            name, suffix = f"{base}（{suffix}）", suffix + 1
        org = OrgPlan(f"O{len(plan.orgs) + 1:03d}", name, kind, area_code, invited, specialties,
                      mobiles.next())  # fmt: skip
        plan.orgs.append(org)
        return org

    staffing: list[tuple[OrgPlan, int]] = []
    for index, township in enumerate(townships):
        org = add_org(f"{township.name}人民调解委员会", "township_committee", township.code,
                      index % 2 == 0, rng.sample(SPECIALTIES[:8], 3))  # fmt: skip
        staffing.append((org, 20 * scale))
    biggest = sorted((v for vs in villages_by_township.values() for v in vs),
                     key=lambda v: (-(v.population or 0), v.code))[: 14 * scale]  # fmt: skip
    for village in biggest:
        org = add_org(f"{village.name}人民调解委员会", "village_committee", village.code, False,
                      rng.sample(SPECIALTIES[:6], 2))  # fmt: skip
        staffing.append((org, 10))
    for name, specialties in INDUSTRY_ORGS:
        staffing.append((add_org(name, "industry", COUNTY_CODE, True, specialties), 15 * scale))
    for k in range(4):
        firm = f"{fake.last_name()}{rng.choice(['正', '信', '和', '明', '德'])}律师事务所"
        org = add_org(f"{firm}律师调解工作室", "lawyer_studio", townships[k * 3].code, True,
                      rng.sample(SPECIALTIES, 4))  # fmt: skip
        staffing.append((org, 15 * scale))
    for name in ENTERPRISES[:2]:
        org = add_org(
            f"{name}劳动争议调解委员会", "enterprise", None, False, ["劳动争议", "劳务纠纷"]
        )
        staffing.append((org, 20 * scale))

    first_mediator = True
    for org, count in staffing:
        for _ in range(count):
            key = (
                "mediator" if first_mediator and org.invited else f"m{len(plan.mediators) + 1:04d}"
            )
            first_mediator = first_mediator and key != "mediator"
            p = person(key, "mediator", "organisation", org.key)
            kind = "invited" if org.invited else "peoples"
            extra = rng.sample(SPECIALTIES, rng.randint(1, 2))
            specialties = sorted(set(org.specialties[:1] + extra), key=SPECIALTIES.index)
            plan.mediators.append(MediatorPlan(p.key, p.full_name, kind, org.key, specialties,
                                               p.mobile))  # fmt: skip

    # --- liaisons ----------------------------------------------------------------------------
    township_point = {plan.points[i].area_codes[0]: plan.points[i].key
                      for i in range(len(townships))}  # fmt: skip
    first_liaison = True
    for township in townships:
        for village in villages_by_township[township.code]:
            point = village_points.get(village.code, township_point[township.code])
            key = "liaison" if first_liaison and village.code in village_points else None
            key = key or f"l{len(plan.liaisons) + 1:04d}"
            first_liaison = first_liaison and key != "liaison"
            p = person(key, "liaison", "service_point", point)
            plan.liaisons.append(LiaisonPlan(p.key, p.full_name, "village_secretary", point,
                                             village.code, p.mobile))  # fmt: skip
    extra_kinds = ["grid_worker"] * 12 + ["legal_adviser"] * 5
    for k, kind in enumerate(extra_kinds * scale):
        township = townships[k % len(townships)]
        village = villages_by_township[township.code][k % len(villages_by_township[township.code])]
        point = village_points.get(village.code, township_point[township.code])
        grid_code = f"{village.code}01" if kind == "grid_worker" else village.code
        p = person(f"l{len(plan.liaisons) + 1:04d}", "liaison", "service_point", point)
        plan.liaisons.append(LiaisonPlan(p.key, p.full_name, kind, point, grid_code, p.mobile))
    for k in range(8 * scale):
        point = enterprise_points[k % len(enterprise_points)]
        p = person(f"l{len(plan.liaisons) + 1:04d}", "liaison", "service_point", point)
        plan.liaisons.append(LiaisonPlan(p.key, p.full_name, "enterprise_contact", point, None,
                                         p.mobile))  # fmt: skip

    # --- parties and agents (they act on their own matters, so no scope) ---------------------
    person("party", "party", "none")
    person("party2", "party", "none")
    person("party3", "party", "none")
    person("agent", "agent", "none")
    person("agent2", "agent", "none")
    # --- enforcement (执行局, court level; last, so that no one above changes) ----------------
    person("ejudge", "enforcement_judge", "court")
    person("executor", "executor", "court")
    # --- 部门联动 departments and the officers of the `liaison` login's township (after
    # everything else, so that no one above changes) ------------------------------------------
    home = next(lp.area_code for lp in plan.liaisons if lp.person == "liaison") or ""
    home_township = f"{home[:9]}000"
    for index, township in enumerate(townships):
        for suffix, kind, n in (("派出所", "police_station", 1), ("司法所", "justice_office", 2)):
            plan.departments.append(DepartmentPlan(
                f"D{index + 1:02d}{n}", f"{township.name}{suffix}", kind, township.code,
                f"0533-{6100000 + index * 10 + n}",
            ))  # fmt: skip
    for n, (name, kind) in enumerate([(f"{COUNTY_NAME}综治中心", "governance_centre"),
                                      (f"{COUNTY_NAME}人力资源和社会保障局", "industry_authority"),
                                      (f"{COUNTY_NAME}住房和城乡建设局", "industry_authority")]):  # fmt: skip
        plan.departments.append(
            DepartmentPlan(f"DC{n + 1}", name, kind, COUNTY_CODE, f"0533-{6200000 + n}")
        )
    police = next(
        d for d in plan.departments if d.area_code == home_township and d.key.endswith("1")
    )
    sfs = next(d for d in plan.departments if d.area_code == home_township and d.key.endswith("2"))
    person("police", "department_officer", "department", police.key)
    person("sfs", "department_officer", "department", sfs.key)
    return plan


def build_neighbour(seed: int = 20261125) -> CountyPlan:
    """The neighbouring county court (柳川县人民法院, 鲁0398) as data; deterministic for `seed`.

    Small on purpose: it exists so that the demo has a second court whose people and matters the
    first court's users must never see, and a person holding grants in both."""
    rng = random.Random(seed * 31 + 398)
    fake = Faker("zh_CN")
    fake.seed_instance(seed * 31 + 398)
    mobiles = _Mobiles(rng)
    mobiles.PREFIXES = ["166", "199"]  # prefixes 青禾县 never uses: no clash with its numbers
    plan = CountyPlan(seed=seed, scale=1, county_name=NEIGHBOUR_COUNTY_NAME,
                      court_name=NEIGHBOUR_COURT_NAME, court_code=NEIGHBOUR_COURT_CODE)  # fmt: skip
    cx, cy = NEIGHBOUR_CENTRE
    stretch = 1 / math.cos(math.radians(cy))

    def at(theta: float, r: float) -> tuple[float, float]:
        return round(cx + r * math.cos(theta) * stretch, 6), round(cy + r * math.sin(theta), 6)

    steps = 72
    outline = [at(2 * math.pi * i / steps, NEIGHBOUR_RADIUS) for i in range(steps)]
    county = AreaPlan(NEIGHBOUR_COUNTY_CODE, NEIGHBOUR_COUNTY_NAME, "county", None, 0, cx, cy,
                      boundary={"type": "Polygon", "coordinates": [_ring(outline)]})  # fmt: skip
    plan.areas.append(county)
    sector = 2 * math.pi / len(NEIGHBOUR_TOWNSHIPS)
    townships: list[AreaPlan] = []
    villages: dict[str, list[AreaPlan]] = {}
    for index, name in enumerate(NEIGHBOUR_TOWNSHIPS):
        code = f"370398{index + 1:03d}000"
        arc = [sector * index + sector * i / 12 for i in range(13)]
        ring = [(cx, cy), *(at(t, NEIGHBOUR_RADIUS) for t in arc)]
        centre = at(sector * (index + 0.5), NEIGHBOUR_RADIUS * 0.55)
        township = AreaPlan(code, name, "township", NEIGHBOUR_COUNTY_CODE, 0, *centre,
                            boundary={"type": "Polygon", "coordinates": [_ring(ring)]})  # fmt: skip
        townships.append(township)
        used: set[str] = set()
        villages[code] = []
        for n in range(6):
            name_ = f"{rng.choice(VILLAGE_ROOTS)}{rng.choice(VILLAGE_SUFFIXES)}"
            while name_ in used:
                name_ = f"{rng.choice(VILLAGE_PREFIXES)}{name_}"
            used.add(name_)
            theta = sector * (index + rng.uniform(0.15, 0.85))
            lng, lat = at(theta, NEIGHBOUR_RADIUS * rng.uniform(0.25, 0.9))
            population = rng.randint(800, 3600)
            villages[code].append(AreaPlan(f"{code[:9]}{n + 1:03d}", name_, "village", code,
                                           population, lng, lat))  # fmt: skip
            township.population = (township.population or 0) + population
        county.population = (county.population or 0) + (township.population or 0)
    plan.areas.extend(townships)
    for township in townships:
        plan.areas.extend(villages[township.code])
    plan.tribunals[NEIGHBOUR_TRIBUNAL] = [t.code for t in townships]

    def person(key: str, role: str, scope_kind: str, scope_key: str = "") -> PersonPlan:
        p = PersonPlan(key, fake.name(), mobiles.next(), role, scope_kind, scope_key)
        plan.people.append(p)
        return p

    person("lc_admin", "court_admin", "court")
    person("lc_governance", "governance", "court")
    officers = [person("lc_judge", "judge", "tribunal", NEIGHBOUR_TRIBUNAL).key,
                person("lc_judge2", "judge", "tribunal", NEIGHBOUR_TRIBUNAL).key,
                person("lc_clerk", "clerk", "tribunal", NEIGHBOUR_TRIBUNAL).key,
                person(CROSS_LOGIN, "clerk", "tribunal", NEIGHBOUR_TRIBUNAL).key]  # fmt: skip
    opened = date(2024, 5, 1)

    def add_point(name: str, kind: str, township: AreaPlan, lng: float, lat: float,
                  codes: list[str]) -> PointPlan:  # fmt: skip
        p = PointPlan(f"LC{len(plan.points) + 1:02d}", name, kind, NEIGHBOUR_TRIBUNAL,
                      f"{PROVINCE}{NEIGHBOUR_COUNTY_NAME}{township.name}{fake.street_name()}"
                      f"{rng.randint(1, 200)}号", lng, lat, codes,
                      officers[len(plan.points) % len(officers)],
                      date.fromordinal(opened.toordinal() + rng.randint(0, 400)))  # fmt: skip
        plan.points.append(p)
        return p

    for township in townships:
        add_point(f"{township.name}综治中心E+服务点", "governance_centre", township,
                  township.lng, township.lat,
                  [township.code] + [v.code for v in villages[township.code]])  # fmt: skip
    seat = townships[1]
    add_point("河湾诉讼服务站", "litigation_service", seat, seat.lng + 0.01, seat.lat, [seat.code])
    village_points = []
    for township in townships[:2]:
        village = villages[township.code][0]
        village_points.append(add_point(f"{village.name}E+服务点", "village", township,
                                        village.lng, village.lat, [village.code]))  # fmt: skip

    committee = OrgPlan("LO01", f"{townships[1].name}人民调解委员会", "township_committee",
                        townships[1].code, False, ["邻里纠纷", "婚姻家庭"], mobiles.next())  # fmt: skip
    studio = OrgPlan("LO02", f"柳川{rng.choice(['正', '信', '和'])}律师调解工作室", "lawyer_studio",
                     NEIGHBOUR_COUNTY_CODE, True, ["民间借贷", "劳务纠纷"], mobiles.next())  # fmt: skip
    plan.orgs.extend([committee, studio])
    for org, keys in (
        (committee, ["lc_mediator", "lc_m02", "lc_m03"]),
        (studio, ["lc_m04", "lc_m05"]),
    ):
        for key in keys:
            p = person(key, "mediator", "organisation", org.key)
            plan.mediators.append(MediatorPlan(p.key, p.full_name,
                                               "invited" if org.invited else "peoples", org.key,
                                               org.specialties[:1], p.mobile))  # fmt: skip
    for n, point in enumerate([*village_points, *plan.points[:3]]):
        key = "lc_liaison" if n == 0 else f"lc_l{n + 1:02d}"
        p = person(key, "liaison", "service_point", point.key)
        plan.liaisons.append(LiaisonPlan(p.key, p.full_name, "village_secretary", point.key,
                                         point.area_codes[0], p.mobile))  # fmt: skip
    return plan
