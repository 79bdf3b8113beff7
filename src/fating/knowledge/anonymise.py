"""脱敏: anonymising a judgment before it is published online.

Implements shared/LEGAL-RULES.md section E (最高人民法院关于人民法院在互联网公布裁判文书的规定,
法释〔2016〕19号):

- 第8条 — whose names are replaced: parties and their statutory agents in 婚姻家庭 and 继承 cases;
  criminal victims, their statutory agents, incidental civil plaintiffs, witnesses and experts;
  minors and their statutory agents. Since 2024 the SPC asks for broad anonymisation of parties,
  so :attr:`Policy.anonymise_all_parties` (on by default) replaces every natural person except
  the ones 第11条 and the SPC's 2026 statement keep.
- 第9条 — how: surname + "某" (张三 → 张某, 欧阳娜娜 → 欧阳某; per-character 张某某 as a setting);
  names with "·" keep the first character; Latin names keep the first letter; several people
  with the same replacement are numbered 张某1, 张某2 in order of first appearance.
- 第10条 — deleted: home address (down to the county, which 第11条 keeps), contact details,
  ID numbers, bank accounts, vehicle plates and title-certificate numbers. A labelled item is
  deleted together with its label ("，公民身份号码…"); an unlabelled one sits inside a sentence, where
  deletion would break the meaning, so it is crossed out with "×" as 第10条's last paragraph allows.
- 第11条 and the 2026-01-07 statement — kept: judges', assessors', assistants' and clerks' names,
  lawyers' names, organisations' legal representatives, organisation codes, lawyers' licence
  numbers, organisations' seats (住所地).

Not automated (the caller's review must cover them): health information, trade secrets, privacy
in family and personality-rights disputes, technical investigation measures (第10条); names of
organisations; whether a document may be published at all (第4条).

Pure Python, no Django import: the caller passes the text and, when it has them, the parties
from the case record — the strongest signal, since the names in the record are exact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from fating.core.identifiers import mask_name
from fating.knowledge.anonymisation.names import Role, cue_hits, pos_hits
from fating.knowledge.anonymisation.patterns import (
    Found,
    Kind,
    find_addresses,
    find_numbers,
    find_plates_and_certificates,
    numbers_matching,
)

__all__ = [
    "Anonymised",
    "CaseKind",
    "Kind",
    "Person",
    "Policy",
    "Replacement",
    "Role",
    "anonymise",
    "name_is_replaced",
]

CROSS = "×"
_UNLABELLED_CROSS = CROSS * 4


class CaseKind(StrEnum):
    """The case categories that 第8条 treats differently."""

    CIVIL = "civil"
    FAMILY = "family"  # 婚姻家庭、继承纠纷
    CRIMINAL = "criminal"
    ADMINISTRATIVE = "administrative"


@dataclass(frozen=True)
class Policy:
    """How far to anonymise. Defaults follow SPC practice since 2024 (LEGAL-RULES E)."""

    case_kind: CaseKind = CaseKind.CIVIL
    anonymise_all_parties: bool = True  # replace every natural person except those 第11条 keeps
    per_character: bool = False  # 张三丰 → 张某某 instead of 张某
    detect_unknown_names: bool = True  # role cues in the text ("原告张三")
    use_pos_tagger: bool = True  # jieba nr tags for names without a cue


@dataclass(frozen=True)
class Person:
    """A natural person from the case record. Identifiers listed here are found in any spacing."""

    name: str
    role: Role
    is_minor: bool = False
    aliases: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    bank_accounts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Replacement:
    """One edit, with its span in the *input* text so a reviewer can audit it."""

    kind: Kind
    start: int
    end: int
    original: str
    replacement: str
    rule: str  # article of 法释〔2016〕19号 that requires it


@dataclass(frozen=True)
class Anonymised:
    text: str
    replacements: tuple[Replacement, ...] = field(default_factory=tuple)

    def by_kind(self, kind: Kind) -> list[Replacement]:
        return [r for r in self.replacements if r.kind is kind]


_KEPT_ROLES = frozenset({Role.COURT_STAFF, Role.LAWYER, Role.ORG_REPRESENTATIVE})


def name_is_replaced(role: Role, *, is_minor: bool = False, policy: Policy) -> bool:
    """Whether a person's name is replaced under 第8条 (and the anonymise-all switch).

    Court staff, lawyers and organisations' legal representatives are never replaced (第11条; SPC
    2026-01-07). Minors always are (第8条(三)); parties and statutory agents in family and
    succession cases (第8条(一)); victims, statutory agents, witnesses and experts in criminal
    cases (第8条(二)); everyone else only when ``anonymise_all_parties`` is on.
    """
    if role in _KEPT_ROLES:
        return False
    if is_minor:
        return True
    if policy.case_kind is CaseKind.FAMILY and role in (Role.PARTY, Role.STATUTORY_AGENT):
        return True
    if policy.case_kind is CaseKind.CRIMINAL and role in (
        Role.VICTIM,
        Role.STATUTORY_AGENT,
        Role.WITNESS,
        Role.EXPERT,
    ):
        return True
    return policy.anonymise_all_parties


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    replacement: str
    kind: Kind
    rule: str
    priority: int  # lower wins an overlap


_SEPARATORS = "，,、；;"
# A label right after one of these starts its own clause ("…汉族，公民身份号码…"), so label and
# value can go together.
_CLAUSE_STARTS = _SEPARATORS + "。.：:（(\n \u3000"
_RULES = {
    Kind.NAME: "第8条、第9条",
    Kind.ADDRESS: "第10条、第11条",
}


def _edit_for(text: str, found: Found) -> _Edit:
    rule = _RULES.get(found.kind, "第10条")
    if found.kind is Kind.ADDRESS and found.label_start is None:
        # County part stays (第11条); the rest of the address goes.
        return _Edit(found.start, found.end, "", found.kind, rule, 1)
    if found.keep_prefix:
        n = found.end - found.start - found.keep_prefix
        return _Edit(found.start + found.keep_prefix, found.end, CROSS * n, found.kind, rule, 0)
    start, end = found.label_start or 0, found.end
    if found.label_start is None or not (start == 0 or text[start - 1] in _CLAUSE_STARTS):
        # Inside a sentence ("转入其农业银行账户6228…") deleting would break the meaning.
        return _Edit(found.start, found.end, _UNLABELLED_CROSS, found.kind, rule, 0)
    # Delete label and value as one clause, with one separator, so no ",," is left behind.
    if text[start - 1 : start] in ("（", "(") and text[end : end + 1] in ("）", ")"):
        start, end = start - 1, end + 1
    elif text[start - 1 : start] and text[start - 1] in _SEPARATORS:
        start -= 1
    elif text[end : end + 1] and text[end] in _SEPARATORS:
        end += 1
    return _Edit(start, end, "", found.kind, rule, 0)


def _collect_names(
    text: str, parties: Sequence[Person], policy: Policy
) -> tuple[dict[str, object], dict[object, bool]]:
    """Map every name string to a person key, and each key to whether it is replaced."""
    key_of: dict[str, object] = {}
    replaced: dict[object, bool] = {}
    for i, person in enumerate(parties):
        key = ("party", i)
        replaced[key] = name_is_replaced(person.role, is_minor=person.is_minor, policy=policy)
        for name in (person.name, *person.aliases):
            if name and name not in key_of:
                key_of[name] = key
    if policy.detect_unknown_names:
        hits = list(cue_hits(text))
        # A name read up to a guessed follower ("被告李四偿还" → 李四偿) loses to a shorter name
        # found elsewhere ("被告：李四，女").
        sure = set(key_of) | {h.name for h in hits if h.certain}
        for hit in hits:
            if hit.name in key_of:
                continue
            if not hit.certain and any(hit.name.startswith(n) for n in sure if n != hit.name):
                continue
            role = hit.role or Role.PARTY  # "张三（男，…" introduces a party in a header
            key_of[hit.name] = hit.name
            replaced[hit.name] = name_is_replaced(role, policy=policy)
    if policy.use_pos_tagger and policy.anonymise_all_parties:
        kept = [n for n, k in key_of.items() if not replaced[k]]
        for hit in pos_hits(text):
            if hit.name in key_of or any(hit.name in n or n in hit.name for n in kept):
                continue
            key_of[hit.name] = hit.name
            replaced[hit.name] = name_is_replaced(Role.OTHER, policy=policy)
    return key_of, replaced


def _name_edits(text: str, parties: Sequence[Person], policy: Policy) -> list[_Edit]:
    key_of, replaced = _collect_names(text, parties, policy)
    if not key_of:
        return []
    # One alternation, longest first, so 张三丰 is not read as 张三 + 丰 and kept names shield
    # their characters from shorter replaced names.
    pattern = re.compile("|".join(re.escape(n) for n in sorted(key_of, key=len, reverse=True)))
    matches = list(pattern.finditer(text))
    first_seen: dict[object, int] = {}
    for m in matches:
        first_seen.setdefault(key_of[m.group()], m.start())
    # Replacement text per person: mask, then number people who would collide (第9条).
    display: dict[object, str] = {}
    for name, key in key_of.items():
        display.setdefault(key, name)  # a party's first listed name decides its mask
    masks: dict[str, list[object]] = {}
    for key in sorted(
        (k for k in display if replaced[k]), key=lambda k: first_seen.get(k, len(text) + 1)
    ):
        masks.setdefault(mask_name(display[key], per_character=policy.per_character), []).append(
            key
        )
    replacement_of: dict[object, str] = {}
    for mask, keys in masks.items():
        for n, key in enumerate(keys, start=1):
            replacement_of[key] = mask if len(keys) == 1 else f"{mask}{n}"
    edits = []
    for m in matches:
        key = key_of[m.group()]
        if replaced[key]:
            edits.append(
                _Edit(m.start(), m.end(), replacement_of[key], Kind.NAME, _RULES[Kind.NAME], 2)
            )
        else:
            # A kept name still claims its span so that nothing shorter is replaced inside it.
            edits.append(_Edit(m.start(), m.end(), m.group(), Kind.NAME, "第11条", 2))
    return edits


def _known_identifiers(text: str, parties: Iterable[Person]) -> list[Found]:
    found: list[Found] = []
    for person in parties:
        for values, kind in (
            (person.id_numbers, Kind.ID_NUMBER),
            (person.phones, Kind.PHONE),
            (person.bank_accounts, Kind.BANK_ACCOUNT),
        ):
            for value in values:
                found.extend(numbers_matching(text, value, kind))
    return found


def anonymise(
    text: str, *, parties: Sequence[Person] = (), policy: Policy | None = None
) -> Anonymised:
    """Anonymise ``text`` for online publication (法释〔2016〕19号 第8–11条; LEGAL-RULES E).

    ``parties`` are the natural persons in the case record, with their roles and identifiers;
    names found in the text by role cues or the POS tagger are handled by the same rules. Returns
    the new text and every replacement with its span in the original text, in text order.
    """
    policy = policy or Policy()
    found = [
        *_known_identifiers(text, parties),
        *find_numbers(text),
        *find_plates_and_certificates(text),
        *find_addresses(text),
    ]
    edits = [_edit_for(text, f) for f in found] + _name_edits(text, parties, policy)
    accepted: list[_Edit] = []
    taken = bytearray(len(text) + 1)
    for edit in sorted(edits, key=lambda e: (e.priority, -(e.end - e.start), e.start)):
        if edit.end <= edit.start or any(taken[edit.start : edit.end]):
            continue
        accepted.append(edit)
        taken[edit.start : edit.end] = b"\x01" * (edit.end - edit.start)
    accepted.sort(key=lambda e: e.start)
    out: list[str] = []
    replacements: list[Replacement] = []
    pos = 0
    for edit in accepted:
        original = text[edit.start : edit.end]
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
        if edit.replacement != original:  # kept names are not replacements
            replacements.append(
                Replacement(edit.kind, edit.start, edit.end, original, edit.replacement, edit.rule)
            )
    out.append(text[pos:])
    return Anonymised(text="".join(out), replacements=tuple(replacements))
