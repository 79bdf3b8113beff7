"""Finding natural persons' names in judgment text.

Three signals, strongest first: the case record's parties (passed in by the caller), role cues in
the text ("原告张三", "证人：王五，男"), and jieba's part-of-speech tagger (``nr``) for names that
appear without a cue. Whatever is found once is then replaced at every occurrence, so one cue in
the header is enough to catch the name throughout the reasoning.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from fating.core.identifiers import COMPOUND_SURNAMES


class Role(StrEnum):
    """What a natural person is in the case; decides whether the name is replaced (E 第8、11条)."""

    PARTY = "party"  # 原告、被告、第三人、申请人、上诉人… who is a natural person
    STATUTORY_AGENT = "statutory_agent"  # 法定代理人
    AGENT = "agent"  # 委托诉讼代理人 who is not a lawyer (relative, employee, community)
    LAWYER = "lawyer"  # 律师 — name kept (第11条)
    ORG_REPRESENTATIVE = (
        "org_representative"  # 法定代表人/负责人 of an organisation — kept (第11条)
    )
    VICTIM = "victim"  # 刑事被害人、附带民事诉讼原告人
    WITNESS = "witness"  # 证人
    EXPERT = "expert"  # 鉴定人
    COURT_STAFF = "court_staff"  # 审判长、审判员、人民陪审员、法官助理、书记员 — never replaced
    OTHER = "other"  # anyone else named in the text (案外人, relatives, neighbours)


# 百家姓 single-character surnames plus frequent modern ones missing from it (闫, 付, 覃 …).
SURNAMES: frozenset[str] = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛"
    "奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康"
    "伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵"
    "席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗"
    "丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫"
    "乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄"
    "印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂"
    "濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘"
    "匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相"
    "查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦岳帅缑亢况有琴商牟佘佴伯赏墨哈谯笪年爱阳佟言福"
    "付代覃迟丛战冼邝銮揭植麦占粟练邸蹇郄税仝兰初南来栗隋谌苟鹿芦苑楼母展官尧修卿信位但亓冶宾"
    "尉斯普智朴檀漆玉由盘衣豆赫辜银门闭阿鲜原区呼奉敬海"
)

# Cue → role. Longest first so 被上诉人 is not read as 上诉人 and 原审原告 not as 原告.
_CUES: dict[str, Role] = {
    "原审第三人": Role.PARTY,
    "再审申请人": Role.PARTY,
    "申请执行人": Role.PARTY,
    "原审原告": Role.PARTY,
    "原审被告": Role.PARTY,
    "被上诉人": Role.PARTY,
    "被申请人": Role.PARTY,
    "被执行人": Role.PARTY,
    "上诉人": Role.PARTY,
    "申请人": Role.PARTY,
    "第三人": Role.PARTY,
    "起诉人": Role.PARTY,
    "原告": Role.PARTY,
    "被告": Role.PARTY,
    "委托诉讼代理人": Role.AGENT,
    "委托代理人": Role.AGENT,
    "诉讼代理人": Role.AGENT,
    "法定代理人": Role.STATUTORY_AGENT,
    "法定代表人": Role.ORG_REPRESENTATIVE,
    "主要负责人": Role.ORG_REPRESENTATIVE,
    "负责人": Role.ORG_REPRESENTATIVE,
    "代理审判员": Role.COURT_STAFF,
    "人民陪审员": Role.COURT_STAFF,
    "审判长": Role.COURT_STAFF,
    "审判员": Role.COURT_STAFF,
    "陪审员": Role.COURT_STAFF,
    "法官助理": Role.COURT_STAFF,
    "书记员": Role.COURT_STAFF,
    "执行员": Role.COURT_STAFF,
    "法官": Role.COURT_STAFF,
    "律师": Role.LAWYER,
    "证人": Role.WITNESS,
    "鉴定人": Role.EXPERT,
    "被害人": Role.VICTIM,
    "案外人": Role.OTHER,
    "其妻子": Role.OTHER,
    "其丈夫": Role.OTHER,
    "其妻": Role.OTHER,
    "其夫": Role.OTHER,
    "其子": Role.OTHER,
    "其女": Role.OTHER,
    "其父": Role.OTHER,
    "其母": Role.OTHER,
    "之子": Role.OTHER,
    "之女": Role.OTHER,
    "之妻": Role.OTHER,
    "之夫": Role.OTHER,
    "儿子": Role.OTHER,
    "女儿": Role.OTHER,
    "妻子": Role.OTHER,
    "丈夫": Role.OTHER,
    "父亲": Role.OTHER,
    "母亲": Role.OTHER,
    "邻居": Role.OTHER,
    "村民": Role.OTHER,
}

# Characters that typically follow a name ("李四向…", "张三诉…", "王五的…"). A candidate name may
# end just before one of them, and a name guessed from a cue may not end with one.
_FOLLOWERS = frozenset(
    "的与和及诉向于在将把对因系为是等称辩均已未不也都就又则并曾被由从到给让以之认提主应要请支付借还"
    "欠出作签说承交收驾无同共另亦即仍经所作现偿赔返归述起申"
)
_HAN = r"[\u4e00-\u9fff]"
_PUNCT = frozenset("，,。.；;：:、（）()《》“”\"'！!？?\n\r\t 　—-[]【】")
# Signature lines space a cue out to the width of the longest one ("审　判　员　　刘明", "书　记　员"):
# a cue may have spaces (ASCII or U+3000) between its characters; `_cue_of` maps it back.
_CUE_RE = re.compile(
    "(?P<cue>"
    + "|".join("[ \u3000]*".join(map(re.escape, c)) for c in sorted(_CUES, key=len, reverse=True))
    + r")[：:\s]{0,2}"
)


def _cue_of(matched: str) -> str:
    return re.sub(r"[ \u3000]", "", matched)


_DOT_NAME_RE = re.compile(rf"{_HAN}{{1,8}}[·•]{_HAN}{{1,10}}(?:[·•]{_HAN}{{1,10}})*")
_LATIN_NAME_RE = re.compile(r"[A-Z][a-zA-Z'-]+(?: [A-Z][a-zA-Z'-]+){0,3}")
# Words jieba tags as person names that are ordinary vocabulary in judgments.
_NOT_NAMES = frozenset(
    "查明 经查 查证 查实 时间 任意 任何 方式 方面 高度 于是 于法 于此 成立 成本 成年 明确 明知 "
    "明显 安全 安置 常住 常年 文书 文件 公平 公正 公开 公告 公司 公安 公证 宋体 关于 关系 江山 "
    "黄金 温和 万元 和解 向其 向原 向被 孔某 申请 管辖 冯某 康复 应当 应予 于本 于某 于次日 林地 "
    "钱款 金额 石材 房屋 房产 车辆 车主 高某 高速 包括 包工 施工 施某 支付 余款 余额 齐全 连续 "
    "毛某 司法 左右 项目 田地 田间 路口 路段 段落 计算 计息 能够 双方 通知 通过 尚未 严重 严格 "
    "华某 陈述 陈某 杨某 张某 李某 王某 刘某 赵某 周某 吴某 程序 程度 解除 解释 邓某 谭某 原告 "
    "被告 何时 何种 贾某 马路 易于 易某 那么 越过 都是 雷同 东西 东侧 南侧 西侧 北侧 "
    "付清 付讫 经审 经审查 经审理".split()
)
_PLACE_SUFFIX = re.compile(
    r"[村镇乡县市区省路街屯庄组号栋室楼巷弄]|公司|银行|法院|学校|医院|小区|社区|律所|律师"
)


_ORG_RE = re.compile(
    r"[^，,。；;：:、\n]{0,16}?(?:公司|有限|合作社|委员会|银行|中心|集团|工厂|商店|事务所|学校|医院|"
    r"研究院|协会|商行|经营部|门市部|超市|酒店|饭店)"
)


def _in_org_name(text: str, start: int) -> bool:
    # "被告：凌颖信息科技有限公司" — a person-like string that begins an organisation's name.
    return _ORG_RE.match(text, start) is not None


@dataclass(frozen=True)
class NameHit:
    """A name found in the text with the role its cue suggests (None when found by POS only)."""

    name: str
    start: int
    role: Role | None
    source: str  # "cue", "pos"
    certain: bool = True  # ended at punctuation or a non-Han character, not at a guessed follower


def _surname_length(text: str, pos: int) -> int:
    if text[pos : pos + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[pos : pos + 1] in SURNAMES else 0


def _is_boundary(ch: str) -> bool:
    return ch == "" or ch in _PUNCT or ch in _FOLLOWERS or not ("\u4e00" <= ch <= "\u9fff")


def _name_after_cue(text: str, pos: int) -> tuple[str, bool] | None:
    """The name starting at ``pos`` (just after a cue), or None if none is plausible there."""
    dotted = _DOT_NAME_RE.match(text, pos)
    if dotted:
        return dotted.group(), True
    latin = _LATIN_NAME_RE.match(text, pos)
    if latin:
        return latin.group(), True
    sl = _surname_length(text, pos)
    if not sl:
        return None
    # Try the longer name first; accept it when what follows is a boundary and the name itself
    # does not end in a function character.
    for given in (2, 1):
        end = pos + sl + given
        candidate = text[pos:end]
        if len(candidate) < sl + given or not all("\u4e00" <= c <= "\u9fff" for c in candidate):
            continue
        if candidate[-1] in _FOLLOWERS or candidate[-1] in _PUNCT:
            continue
        after = text[end : end + 1]
        if _is_boundary(after):
            return candidate, after not in _FOLLOWERS
    return None


def cue_hits(text: str) -> Iterator[NameHit]:
    """Names introduced by a role cue: "原告张三", "证人：王五（男", "审判员 刘某某"."""
    for m in _CUE_RE.finditer(text):
        cue = _cue_of(m.group("cue"))
        found = _name_after_cue(text, m.end())
        if not found:
            continue
        name, certain = found
        if _in_org_name(text, m.end()):
            continue
        role = _CUES[cue]
        if cue == "律师" and name[0] in "事":  # "律师事务所" is not a person
            continue
        if role is Role.AGENT and _is_lawyer_clause(text, m.end() + len(name)):
            role = Role.LAWYER
        yield NameHit(name=name, start=m.end(), role=role, source="cue", certain=certain)
    # "张三（男" / "张三，男，" header style without a cue in front: take the 2–4 characters before
    # the sex marker that start with a surname right after punctuation or the start of the text.
    for m in re.finditer(r"(?:[（(]|[，,])[男女][，,）)]", text):
        end = m.start()
        for length in (2, 3, 4):
            pos = end - length
            if pos < 0:
                break
            before = text[pos - 1 : pos]
            candidate = text[pos:end]
            if (
                _is_han(candidate)
                and _surname_length(text, pos)
                and (before == "" or not "\u4e00" <= before <= "\u9fff")
            ):
                yield NameHit(name=candidate, start=pos, role=None, source="cue")
                break


def _is_lawyer_clause(text: str, pos: int) -> bool:
    # "委托诉讼代理人：王五，山东某律师事务所律师。" — the agent is a lawyer when the clause says so.
    clause = re.split(r"[。；;\n]", text[pos : pos + 60], maxsplit=1)[0]
    return "律师" in clause or "法律工作者" in clause


_tagger_lock = threading.Lock()
_tagger = None


def _pos_tagger():  # type: ignore[no-untyped-def]
    # A private jieba instance: adding words or loading the dictionary must not disturb the global
    # tokenizer the similarity search uses.
    global _tagger
    with _tagger_lock:
        if _tagger is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            _tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())
        return _tagger


def pos_hits(text: str) -> Iterator[NameHit]:
    """Names jieba tags ``nr``/``nrfg`` that start with a known surname and are 2–4 characters."""
    tokens = [(w.word, w.flag) for w in _pos_tagger().cut(text)]
    pos = 0
    spans = []
    for word, flag in tokens:
        spans.append((pos, word, flag))
        pos += len(word)
    for i, (start, word, flag) in enumerate(spans):
        name = None
        if flag in ("nr", "nrfg") and 2 <= len(word) <= 4:
            name = word
        elif flag == "nr" and len(word) == 1 and i + 1 < len(spans):
            # jieba splits some names in two: 彭/nr 建国/ns.
            nxt_word, nxt_flag = spans[i + 1][1], spans[i + 1][2]
            if nxt_flag in ("nr", "ns", "nz") and len(nxt_word) <= 2 and _is_han(nxt_word):
                name = word + nxt_word
        if not name or not _surname_length(name, 0) or name in _NOT_NAMES or name[1] == "某":
            continue
        if not _is_han(name) or any(c in _FOLLOWERS for c in name[1:]):
            continue
        if _PLACE_SUFFIX.match(text, start + len(name)) or _PLACE_SUFFIX.match(name[-1]):
            continue
        if _in_org_name(text, start):
            continue
        yield NameHit(name=name, start=start, role=None, source="pos")


def _is_han(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)
