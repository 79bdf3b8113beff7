"""The online courtroom's rules. Pure Python, no Django.

Sources (../shared/data/laws/司法解释/人民法院在线诉讼规则(2021-06-16).md, 审判流程信息公开规定):
- Identity is checked before taking part online (在线诉讼规则 第7条): by the court staff's own
  login, an SMS code to the registered mobile, or a liaison's check at a service point.
- The online courtroom shows the seats (审判人员及席位名称, 第24条第1款); participants keep
  courtroom discipline (第25条: 人民法院法庭规则), accepted before entering.
- Witnesses enter only when the judge admits them, so they do not follow the hearing (第26条).
- Broadcast (第27条): never for cases involving state security, state secrets or personal
  privacy; for minors, trade secrets and divorce (and 婚姻家庭 generally, LRB E 第4条/第8条) the
  hearing is not put on the internet either — the platform does not broadcast them at all.
- Recording: no one records without the court's consent (第27条第3款); the platform's recording
  is the court's, shown to every participant by an indicator.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

from fating.core.machine import Machine, t
from fating.core.textmarks import gettext_noop


class RoomStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    FILED = "filed"


# A room is opened by the judge; closing it ends the hearing (闭庭); the transcript, once read
# and signed (or refusals recorded), is filed into the dossier.
ROOM: Machine[RoomStatus] = Machine(
    states={RoomStatus.OPEN: "开庭中", RoomStatus.CLOSED: "已闭庭", RoomStatus.FILED: "笔录已归档"},
    refusal="庭审室当前为“{state}”，不能{action}。",
    transitions=[
        t("close", "闭庭", RoomStatus.OPEN, RoomStatus.CLOSED),
        t("file", "笔录归档", RoomStatus.CLOSED, RoomStatus.FILED),
    ],
)


class AttendeeStatus(enum.StrEnum):
    WAITING = "waiting"
    ADMITTED = "admitted"
    REMOVED = "removed"


ATTENDEE: Machine[AttendeeStatus] = Machine(
    states={
        AttendeeStatus.WAITING: "等候入庭",
        AttendeeStatus.ADMITTED: "已入庭",
        AttendeeStatus.REMOVED: "已移出",
    },
    refusal="参加人当前为“{state}”，不能{action}。",
    transitions=[
        t(
            "admit",
            "准许入庭",
            [AttendeeStatus.WAITING, AttendeeStatus.REMOVED],
            AttendeeStatus.ADMITTED,
        ),
        t("remove", "移出庭审", AttendeeStatus.ADMITTED, AttendeeStatus.REMOVED),
    ],
)

# Roles in the room and their seats (第24条: 席位名称 on screen).
JUDGE = "judge"
CLERK = "clerk"
PLAINTIFF = "plaintiff"
DEFENDANT = "defendant"
THIRD_PARTY = "third_party"
AGENT = "agent"
WITNESS = "witness"
INTERPRETER = "interpreter"
ROLE_LABELS = {
    JUDGE: gettext_noop("审判人员"),
    CLERK: gettext_noop("书记员"),
    PLAINTIFF: gettext_noop("原告"),
    DEFENDANT: gettext_noop("被告"),
    THIRD_PARTY: gettext_noop("第三人"),
    AGENT: gettext_noop("委托诉讼代理人"),
    WITNESS: gettext_noop("证人"),
    INTERPRETER: gettext_noop("翻译人员"),
}
SEATS = {
    JUDGE: gettext_noop("审判席"),
    CLERK: gettext_noop("书记员席"),
    PLAINTIFF: gettext_noop("原告席"),
    DEFENDANT: gettext_noop("被告席"),
    THIRD_PARTY: gettext_noop("第三人席"),
    WITNESS: gettext_noop("证人席"),
    INTERPRETER: gettext_noop("翻译席"),
}
# Roles the judge adds by name and admits (第26条): they wait until admitted.
ADMITTED_BY_JUDGE = frozenset({WITNESS, INTERPRETER})
COURT_ROLES = frozenset({JUDGE, CLERK})


def seat_of(role: str, side: str = "") -> str:
    """The seat shown for a role; an agent sits with the side they represent."""
    if role == AGENT:
        return SEATS.get(side, SEATS[PLAINTIFF])
    return SEATS.get(role, "")


# How identity was checked before entering (第7条).
ID_LOGIN = "login"  # court staff: their own authenticated account
ID_SMS = "sms"
ID_SERVICE_POINT = "service_point"
IDENTITY_LABELS = {
    ID_LOGIN: gettext_noop("法院工作人员账号登录"),
    ID_SMS: gettext_noop("短信验证码核验"),
    ID_SERVICE_POINT: gettext_noop("服务点联络员当面核验"),
}

DISCIPLINE_NOTICE = gettext_noop(
    "庭审纪律（人民法院在线诉讼规则第二十四条、第二十五条，人民法院法庭规则）："
    "请选择安静、无干扰、光线适宜、相对封闭的场所参加庭审；着装得体，尊重司法礼仪；"
    "未经法庭许可不得发言、不得擅自退出；不得录音、录像、截屏或传播庭审音视频；"
    "证人不得旁听庭审。无正当理由不参加在线庭审的视为拒不到庭，擅自退出且经提示、警告仍不改正的视为中途退庭。"
)

# Peer-to-peer mesh limit: above it the SFU is needed (issue 14).
MESH_LIMIT = 6


def may_enter(
    *, status: str, identity_checked: bool, notice_accepted: bool, device_checked: bool
) -> list[str]:
    """What still stands between an attendee and the room (empty: may connect)."""
    missing: list[str] = []
    if not identity_checked:
        missing.append("identity")
    if not notice_accepted:
        missing.append("notice")
    if not device_checked:
        missing.append("device")
    if status != AttendeeStatus.ADMITTED:
        missing.append("admission")
    return missing


# --- Broadcast (庭审直播), 在线诉讼规则 第27条; LRB E (第4条, 第8条)

PRIVATE_CAUSE_WORDS = {
    "婚姻家庭": gettext_noop("婚姻家庭纠纷涉及个人隐私"),
    "离婚": gettext_noop("离婚案件"),
    "继承": gettext_noop("继承纠纷涉及家庭隐私"),
    "抚养": gettext_noop("抚养纠纷涉及未成年人"),
    "监护": gettext_noop("监护纠纷涉及未成年人"),
    "收养": gettext_noop("收养纠纷涉及未成年人"),
    "商业秘密": gettext_noop("涉及商业秘密"),
    "隐私": gettext_noop("涉及个人隐私"),
    "个人信息": gettext_noop("涉及个人信息"),
}
DECLARED_GROUNDS = {
    "state_secret": gettext_noop("涉及国家秘密或国家安全"),
    "privacy": gettext_noop("涉及个人隐私"),
    "trade_secret": gettext_noop("涉及商业秘密"),
    "minor": gettext_noop("涉及未成年人"),
    "not_public": gettext_noop("当事人申请不公开审理"),
}


def age_from_id(id_number: str, on: date) -> int | None:
    """Age on `on` from an 18-digit resident ID number's birth date (GB 11643), else None."""
    if len(id_number or "") != 18 or not id_number[6:14].isdigit():
        return None
    try:
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def broadcast_refusals(
    *, cause_path: str, id_numbers: Iterable[str], declared: Iterable[str], on: date
) -> list[str]:
    """Why a hearing may not be broadcast (empty: it may). `cause_path` is the cause of action's
    name with its parents; `declared` are grounds the judge or a party raised (DECLARED_GROUNDS);
    a party under 18 by their ID number makes it a minors' case (第27条第2款)."""
    reasons = [label for word, label in PRIVATE_CAUSE_WORDS.items() if word in cause_path]
    reasons += [DECLARED_GROUNDS[g] for g in declared if g in DECLARED_GROUNDS]
    if any((age := age_from_id(n, on)) is not None and age < 18 for n in id_numbers):
        reasons.append(DECLARED_GROUNDS["minor"])
    return list(dict.fromkeys(reasons))


# --- Pre-trial meeting (庭前会议), 民诉法解释 第224–226条 (../shared/data/laws/司法解释/
# 最高人民法院关于适用《民事诉讼法》的解释(2022-04-02).md): after the defence period the court may
# prepare the trial by exchanging evidence and holding a pre-trial meeting (第224条); the meeting
# may settle the claims and defences, exchange evidence, sum up the points in dispute (第225条
# (一)(四)(五)); the court sums up the points in dispute from the claims, defences and the exchange
# and asks the parties' views on them (第226条). The room is the same; its record is kept by
# section and signed like the transcript.

KIND_HEARING = "hearing"
KIND_PRETRIAL = "pretrial"
KIND_LABELS = {
    KIND_HEARING: gettext_noop("开庭审理"),
    KIND_PRETRIAL: gettext_noop("庭前会议"),
}
SECTION_CLAIMS = "claims"
SECTION_EVIDENCE = "evidence"
SECTION_ISSUES = "issues"
MEETING_SECTIONS = {
    SECTION_CLAIMS: gettext_noop("明确诉讼请求和答辩意见"),  # 第225条(一)
    SECTION_EVIDENCE: gettext_noop("证据交换"),  # 第225条(四)
    SECTION_ISSUES: gettext_noop("争议焦点"),  # 第225条(五), 第226条
}
PRETRIAL_NOT_BROADCAST = gettext_noop("庭前会议不是公开开庭，不予直播")


def meeting_record_missing(sections: Iterable[str]) -> list[str]:
    """Sections of a pre-trial meeting's record still empty before it may be filed; the points
    in dispute must be summed up (第226条), the others are kept when the meeting dealt with them."""
    return [] if SECTION_ISSUES in set(sections) else [SECTION_ISSUES]


# --- Transcript signatures (民事诉讼法 第150条: 笔录 read to or by the parties, signed; a refusal
# is noted in the record)

SIGNED = "signed"
REFUSED = "refused"


def transcript_complete(signers: Iterable[str], outcomes: dict[str, str]) -> list[str]:
    """Who has neither signed nor had a refusal recorded (empty: the transcript may be filed)."""
    return [s for s in signers if outcomes.get(s) not in (SIGNED, REFUSED)]


# --- Recording (庭审录像): by the court's server, or by the judge's or clerk's browser when the
# server's recorder is not running (在线诉讼规则 第27条第3款: the court's recording, shown to all)

SOURCE_SERVER = "server"
SOURCE_BROWSER = "browser"
SOURCE_LABELS = {
    SOURCE_SERVER: gettext_noop("服务器录像"),
    SOURCE_BROWSER: gettext_noop("浏览器录像"),
}


def recording_source(*, recorder_running: bool) -> str:
    """The server records when its recorder is running; otherwise the browser does (the page
    says which)."""
    return SOURCE_SERVER if recorder_running else SOURCE_BROWSER


def recording_stage(*, source: str, ended: bool, filed: bool, failed: bool) -> str:
    """Where a recording stands: recording, composing (the server's file is being made),
    waiting (a browser recording ended without its last slices being finished), failed, filed."""
    if filed:
        return "filed"
    if failed:
        return "failed"
    if not ended:
        return "recording"
    return "composing" if source == SOURCE_SERVER else "waiting"


RECORDING_STAGES = {
    "recording": gettext_noop("录像中"),
    "composing": gettext_noop("录像服务正在合成"),
    "waiting": gettext_noop("待结束上传"),
    "failed": gettext_noop("录像合成失败"),
    "filed": gettext_noop("已归入卷宗"),
}
