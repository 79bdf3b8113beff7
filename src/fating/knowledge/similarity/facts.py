"""Split a judgment into its parts and keep the facts, not the boilerplate.

A Chinese civil judgment opens with the party listing (names, birth dates, addresses, agents),
moves through claims (诉讼请求/诉称), the defence (辩称), the evidence exchange and then the court's
findings (经审理查明 / 本院认定事实如下). The listing and the courtroom formulae ("本院予以确认",
"未到庭参加诉讼，亦未提交证据……") are the same in every case, so in a bag of words they drown the few
sentences that describe what actually happened. Ranking works on the claims, defence and findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokenize import normalize

# Sentences are split on full stops and semicolons; commas stay inside a sentence.
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")

_PARTY_LINE = re.compile(
    r"^(?:原告|被告|第三人|上诉人|被上诉人|申请人|被申请人|委托(?:诉讼)?代理人|法定代表人|法定代理人"
    r"|负责人|共同委托|以上.{0,6}委托|诉讼代理人)"
)
_PARTY_DETAIL = re.compile(
    r"出生|住(?:所|址)?|身份证|律师|法律工作者|汉族|民族|职务|代码|经理|职工"
)

_FINDINGS_START = re.compile(
    r"经审理查明|本院经审理认定|本院(?:依法)?认定(?:的)?(?:案件)?事实如下|本院(?:经)?审理查明|经审查查明"
    r"|本院确认(?:以下|如下)事实|经审理，本院认定|查明(?:如下)?事实|本院查明"
)
_CLAIM_MARK = re.compile(r"诉讼请求|诉称|起诉称|请求(?:法院|本院)?(?:依法)?判(?:令|决)")
_DEFENCE_MARK = re.compile(r"辩称|答辩称|答辩意见")
_COURT_VIEW = re.compile(r"^本院认为")

_CLAUSE = re.compile(r"[，,：:]")

# Formulaic sentences that recur across judgments regardless of the facts.
_FORMULAE = re.compile(
    r"本院(?:依法)?(?:予以)?(?:确认|采信|认定|认证)|予以(?:确认|采信|认定)|不予(?:采信|认定|确认)"
    r"|视为(?:其)?放弃|放弃(?:答辩|举证|质证)|未到庭参加诉讼|未(?:提交|提出)(?:书面)?答辩"
    r"|以上(?:事实|证据)|在卷(?:佐证|为证|证实)|附卷为证|庭审笔录|为维护|合法权益|诉至(?:法院|本院)"
    r"|诉讼费(?:用)?由|承担本案(?:全部)?诉讼费|依法(?:判决|判令)|经质证|质证意见|证据(?:一|二|三|\d)"
    r"|真实性|合法性|关联性|证明目的|举证期限|不利(?:的)?(?:法律)?后果|身份证(?:明)?复印件"
    r"|诉讼主体资格|组织机构代码|营业执照"
)


@dataclass(frozen=True)
class CaseSections:
    """A judgment cut into the parts that matter for similarity."""

    parties: str
    claims: str
    defence: str
    findings: str
    other: str

    @property
    def facts(self) -> str:
        """Claims, defence and findings: everything a reader needs to know what happened."""
        return "\n".join(p for p in (self.claims, self.defence, self.findings, self.other) if p)


# A sentence that tells part of the story is never a party listing, even if it opens with 被告.
_STORY = re.compile(r"借|欠|还款|诉称|请求|约定|支付|驾驶|签订")


def _is_party_sentence(sentence: str) -> bool:
    return (
        bool(_PARTY_LINE.match(sentence))
        and bool(_PARTY_DETAIL.search(sentence))
        and not _STORY.search(sentence)
    )


def is_boilerplate(sentence: str) -> bool:
    """True for party listings and courtroom formulae that say nothing about the dispute."""
    return not strip_formulae(sentence)


def strip_formulae(sentence: str) -> str:
    """The sentence without its formulaic clauses; empty if nothing factual is left.

    Formulae are removed clause by clause (commas), because a judgment often glues a fact to a
    formula: "后原告多次催讨无果，故诉至法院" keeps its first clause.
    """
    s = sentence.strip()
    if not s or _is_party_sentence(s):
        return ""
    clauses = _CLAUSE.split(s)
    kept = [c for c in clauses if c and not _FORMULAE.search(c)]
    return "，".join(kept) if len("".join(kept)) >= 4 else ""


def split_sections(text: str) -> CaseSections:
    """Cut a judgment text into parties, claims, defence, findings and other fact sentences."""
    # The party listing is the first paragraph when the text has paragraphs; otherwise it is the
    # run of opening sentences that name a party and give their details.
    head, sep, body = text.partition("\n\n")
    if sep and len(head) < len(text) * 0.6 and not _FINDINGS_START.search(head):
        parties, rest = normalize(head), normalize(body)
    else:
        parties, rest = "", normalize(text)
    sentences = [s.strip() for s in _SENTENCE.findall(rest) if s.strip()]
    if not parties:
        lead: list[str] = []
        while sentences and _is_party_sentence(sentences[0]):
            lead.append(sentences.pop(0))
        parties = "".join(lead)

    claims: list[str] = []
    defence: list[str] = []
    findings: list[str] = []
    other: list[str] = []
    in_findings = False
    for sentence in sentences:
        if _COURT_VIEW.match(sentence) and in_findings:
            # The court's reasoning after the findings restates law, not facts.
            in_findings = False
            continue
        start = _FINDINGS_START.search(sentence)
        if start:
            in_findings = True
            sentence = sentence[start.end() :].lstrip("：:，,")
            if not sentence:
                continue
        sentence = strip_formulae(sentence)
        if not sentence:
            continue
        if in_findings:
            findings.append(sentence)
        elif _DEFENCE_MARK.search(sentence):
            defence.append(sentence)
        elif _CLAIM_MARK.search(sentence) or (claims and not defence and not findings):
            claims.append(sentence)
        else:
            other.append(sentence)
    return CaseSections(
        parties=parties,
        claims="".join(claims),
        defence="".join(defence),
        findings="".join(findings),
        other="".join(other),
    )


def fact_text(text: str, sections: CaseSections | None = None) -> str:
    """The fact-bearing part of a judgment; falls back to the whole text if nothing is left."""
    facts = (sections or split_sections(text)).facts
    return facts if len(facts) >= 20 else normalize(text)
