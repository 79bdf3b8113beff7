"""Measure the anonymiser (fating.knowledge.anonymise) on generated judgments.

Every document is built from pieces whose personal items are planted at known spans: names
(Faker zh_CN), resident ID numbers with valid check digits, mobile numbers, Luhn-valid bank
cards, precise addresses and vehicle plates; plus names that must stay (judges, clerks, lawyers,
organisations' legal representatives) and look-alikes that must stay (case numbers, USCCs,
amounts, dates). Parties are NOT passed to the anonymiser unless --with-parties is given, so the
default run measures detection from the text alone — the harder case.

    .venv/bin/python bench/anonymisation_eval.py --docs 500 --seed 7

Recall: share of planted items wholly covered by some replacement. False replacements: share of
replacements that touch no planted item (a replacement over a kept name counts as false).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from faker import Faker

from fating.core.identifiers import id_check_digit, luhn_check_digit
from fating.knowledge.anonymise import Person, Policy, Role, anonymise

COUNTIES = [
    ("山东省淄博市桓台县", "370321"),
    ("山东省桓台县", "370321"),
    ("广东省江门市台山市", "440781"),
    ("北京市朝阳区", "110105"),
    ("浙江省杭州市富阳区", "330111"),
    ("四川省成都市武侯区", "510107"),
    ("河南省郑州市中牟县", "410122"),
    ("江苏省苏州市吴江区", "320509"),
    ("湖南省长沙市望城区", "430112"),
    ("内蒙古自治区呼和浩特市武川县", "150125"),
    ("新疆维吾尔自治区喀什地区疏附县", "653121"),
    ("上海市浦东新区", "310115"),
]
TOWNS = ["果里镇", "城关镇", "新城街道", "索镇", "马桥镇", "田庄乡", "城北街道", "唐山镇"]
BANKS = ["中国农业银行", "中国工商银行", "中国建设银行", "中国邮政储蓄银行", "农村商业银行"]
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class Doc:
    parts: list[str] = field(default_factory=list)
    items: list[tuple[str, int, int]] = field(default_factory=list)  # kind, start, end
    kept: list[tuple[str, int, int]] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def item(self, kind: str, text: str) -> None:
        self.items.append((kind, self.length, self.length + len(text)))
        self.add(text)

    def keep(self, kind: str, text: str) -> None:
        self.kept.append((kind, self.length, self.length + len(text)))
        self.add(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    def names(self, n: int) -> list[str]:
        out: list[str] = []
        while len(out) < n:
            name = self.fake.name()
            # Distinct, and none a prefix of another, so a planted span has one true owner.
            if all(not (a.startswith(name) or name.startswith(a)) for a in out):
                out.append(name)
        return out

    def birth(self) -> dt.date:
        return dt.date(1940, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 365 * 65))

    def id_number(self, area: str, birth: dt.date, male: bool) -> str:
        order = self.rng.randrange(0, 100) * 10 + self.rng.choice(
            [1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8]
        )
        body = f"{area}{birth:%Y%m%d}{order:03d}"
        return body + id_check_digit(body)

    def phone(self) -> str:
        number = f"1{self.rng.choice('3456789')}{self.rng.randrange(10**9):09d}"
        style = self.rng.random()
        if style < 0.15:
            return f"{number[:3]}-{number[3:7]}-{number[7:]}"
        if style < 0.25:
            return f"{number[:3]} {number[3:7]} {number[7:]}"
        return number

    def card(self) -> str:
        length = self.rng.choice([16, 19, 19])
        body = "62" + "".join(self.rng.choice("0123456789") for _ in range(length - 3))
        number = body + luhn_check_digit(body)
        if self.rng.random() < 0.2:
            return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        return number

    def plate(self) -> str:
        tail = "".join(self.rng.choice("0123456789" + PLATE_LETTERS[:8]) for _ in range(5))
        return self.rng.choice(PLATE_PROVINCES) + self.rng.choice(PLATE_LETTERS) + tail

    def detail(self) -> str:
        town = self.rng.choice(TOWNS)
        if self.rng.random() < 0.5:
            return f"{town}{self.fake.last_name()}家村{self.rng.randrange(1, 300)}号"
        return f"{town}{self.fake.street_name()}{self.rng.randrange(1, 300)}号{self.rng.randrange(1, 30)}栋{self.rng.randrange(101, 2400)}室"


def party_header(g: Gen, d: Doc, role: str, name: str, male: bool) -> tuple[str, str, str]:
    county, area = g.rng.choice(COUNTIES)
    birth = g.birth()
    ident = g.id_number(area, birth, male)
    phone = g.phone()
    d.add(f"{role}：")
    d.item("name", name)
    d.add(
        f"，{'男' if male else '女'}，{birth.year}年{birth.month}月{birth.day}日出生，汉族，住{county}"
    )
    d.item("address", g.detail())
    d.add("，公民身份号码")
    d.item("id_number", ident.lower() if ident.endswith("X") and g.rng.random() < 0.5 else ident)
    d.add("，联系电话")
    d.item("phone", phone)
    d.add("。\n")
    return ident, phone, county


def build(g: Gen) -> tuple[Doc, list[Person]]:
    d = Doc()
    rng = g.rng
    n_pl, n_de = rng.choice([1, 1, 2]), rng.choice([1, 1, 2])
    with_witness = rng.random() < 0.5
    with_bystander = rng.random() < 0.3
    with_org = rng.random() < 0.3
    people = g.names(n_pl + n_de + 7)
    plaintiffs, defendants = people[:n_pl], people[n_pl : n_pl + n_de]
    witness, bystander, relative, lawyer, judge, assessor, clerk = people[n_pl + n_de :]
    rep = g.names(1)[0]
    if rep in people:
        rep = "欧阳" + rep[1:]
    parties: list[Person] = []
    year = rng.randrange(2018, 2026)
    d.add(f"山东省桓台县人民法院\n民事判决书\n（{year}）鲁0321民初{rng.randrange(1, 5000)}号\n")
    for name in plaintiffs:
        party_header(g, d, "原告", name, rng.random() < 0.5)
        parties.append(Person(name, Role.PARTY))
    if rng.random() < 0.5:
        d.add("委托诉讼代理人：")
        d.keep("lawyer", lawyer)
        d.add(
            f"，山东{g.fake.last_name()}正律师事务所律师，执业证号1370320{rng.randrange(10**10):010d}。\n"
        )
    else:
        d.add("委托诉讼代理人：")
        d.item("name", relative)
        d.add(f"，男，系原告{plaintiffs[0]}".replace(plaintiffs[0], ""))
        d.item("name", plaintiffs[0])
        d.add("之兄。\n")
    for name in defendants:
        party_header(g, d, "被告", name, rng.random() < 0.5)
    if with_org:
        d.add(
            f"被告：{g.fake.company()}，住所地山东省桓台县{rng.choice(TOWNS)}工业园{rng.randrange(1, 99)}号，统一社会信用代码91370321MA3C51111D。\n法定代表人："
        )
        d.keep("org_rep", rep)
        d.add("，该公司总经理。\n")
    p, q = plaintiffs[0], defendants[0]
    amount = rng.randrange(5, 500) * 1000
    d.add("原告")
    d.item("name", p)
    d.add("与被告")
    d.item("name", q)
    d.add(
        f"民间借贷纠纷一案，本院于{year}年3月2日立案后，依法适用简易程序，公开开庭进行了审理。原告"
    )
    d.item("name", p)
    d.add(f"向本院提出诉讼请求：判令被告偿还借款{amount}元及利息。事实和理由：")
    d.item("name", p)
    d.add("与")
    d.item("name", q)
    d.add(f"系朋友关系。{year - 1}年5月，")
    d.item("name", q)
    d.add(f"向原告借款{amount}元，原告通过其{rng.choice(BANKS)}账户")
    d.item("bank_account", g.card())
    d.add("向被告账户")
    d.item("bank_account", g.card())
    d.add("转账。此后原告多次拨打被告电话")
    d.item("phone", g.phone())
    d.add("催要，被告")
    d.item("name", q)
    d.add("驾驶")
    plate = g.plate()
    d.add(plate[:2])  # province and issuing office stay (see anonymise: 鲁C×××××)
    d.item("vehicle_plate", plate[2:])
    d.add("号小型轿车外出未归。")
    if with_bystander:
        d.item("name", bystander)
        d.add("当时在场。")
    d.add("\n被告")
    d.item("name", q)
    d.add("辩称，借款已部分归还。")
    if with_witness:
        d.add("证人")
        d.item("name", witness)
        d.add("出庭作证称，其曾见到")
        d.item("name", q)
        d.add("向")
        d.item("name", p)
        d.add(f"归还现金{amount // 10}元。")
    d.add(
        "\n本院认为，合法的借贷关系受法律保护。依照《中华人民共和国民法典》第六百七十五条之规定，"
        f"判决如下：被告于本判决生效之日起十日内偿还原告借款{amount}元。案件受理费"
        f"{rng.randrange(25, 900)}元，由被告负担。\n审判员　"
    )
    d.keep("judge", judge)
    d.add("\n人民陪审员　")
    d.keep("judge", assessor)
    d.add(f"\n{year}年6月{rng.randrange(1, 29)}日\n书记员　")
    d.keep("clerk", clerk)
    d.add("\n")
    for name in defendants:
        parties.append(Person(name, Role.PARTY))
    return d, parties


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=500, help="number of generated documents")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--with-parties", action="store_true", help="pass the case record's parties")
    ap.add_argument("--show-misses", type=int, default=5, help="print up to N misses per kind")
    args = ap.parse_args(argv)

    planted: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    total_repl = false_repl = kept_hit = 0
    false_examples: list[str] = []
    inconsistent = 0
    started = time.perf_counter()
    for i in range(args.docs):
        g = Gen(args.seed * 100_003 + i)
        doc, parties = build(g)
        text = doc.text
        result = anonymise(text, parties=parties if args.with_parties else (), policy=Policy())
        spans = [(r.start, r.end) for r in result.replacements]
        for kind, s, e in doc.items:
            planted[kind] += 1
            if any(rs <= s and e <= re_ for rs, re_ in spans):
                caught[kind] += 1
            elif len(misses[kind]) < args.show_misses:
                misses[kind].append(f"{text[s:e]!r} in …{text[max(0, s - 12) : e + 8]!r}")
        seen: dict[str, set[str]] = defaultdict(set)
        for r in result.replacements:
            total_repl += 1
            if not any(s < r.end and r.start < e for _, s, e in doc.items):
                false_repl += 1
                if any(s < r.end and r.start < e for _, s, e in doc.kept):
                    kept_hit += 1
                if len(false_examples) < 10:
                    false_examples.append(
                        f"{r.kind}: {r.original!r} → {r.replacement!r} in "
                        f"…{text[max(0, r.start - 10) : r.end + 10]!r}"
                    )
            if r.kind == "name":
                seen[r.original].add(r.replacement)
        inconsistent += sum(1 for v in seen.values() if len(v) > 1)
    elapsed = time.perf_counter() - started

    print(f"documents: {args.docs}  seed: {args.seed}  parties passed: {args.with_parties}")
    print(f"{'kind':<15}{'planted':>9}{'caught':>9}{'recall':>10}")
    for kind in ("name", "id_number", "phone", "bank_account", "address", "vehicle_plate"):
        n = planted[kind]
        if n:
            print(f"{kind:<15}{n:>9}{caught[kind]:>9}{caught[kind] / n:>10.2%}")
    print(
        f"replacements: {total_repl}  false: {false_repl} ({false_repl / max(total_repl, 1):.2%})"
        f"  of which on kept names: {kept_hit}"
    )
    print(f"names replaced inconsistently within a document: {inconsistent}")
    print(f"time: {elapsed:.1f}s ({elapsed / max(args.docs, 1) * 1000:.1f} ms/document)")
    for kind, items in misses.items():
        for m in items:
            print(f"  miss {kind}: {m}")
    for ex in false_examples:
        print(f"  false {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
