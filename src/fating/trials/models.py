"""The online courtroom: a room per online hearing, who is in it, the transcript (笔录) with its
signatures, and the recordings (庭审录像). Rules in `fating.trials.rules`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.core.models import TimeStampedModel
from fating.trials import rules


class TrialRoom(TimeStampedModel):
    """The online courtroom of one online hearing, opened by the judge (在线诉讼规则 第24条).

    open -> closed : 闭庭
    closed -> filed : 笔录归档
    """

    class Status(models.TextChoices):
        OPEN = rules.RoomStatus.OPEN, _("开庭中")
        CLOSED = rules.RoomStatus.CLOSED, _("已闭庭")
        FILED = rules.RoomStatus.FILED, _("笔录已归档")

    kind = models.CharField(
        _("庭审类型"),
        max_length=12,
        choices=[(k, _(v)) for k, v in rules.KIND_LABELS.items()],
        default=rules.KIND_HEARING,
        help_text=_(
            "开庭审理，或庭前会议（民诉法解释 第224–226条）：同一庭审室，笔录按会议记录签署归档。"
        ),
    )
    hearing = models.OneToOneField(
        "cases.Hearing",
        on_delete=models.CASCADE,
        related_name="trial_room",
        verbose_name=_("开庭"),
        help_text=_("本庭审室所属的在线开庭安排。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_("开庭中、已闭庭或笔录已归档。"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("开庭人"),
        help_text=_("开启庭审室的审判人员。"),
    )
    opened_at = models.DateTimeField(_("开庭时间"), help_text=_("庭审室开启的时间。"))
    closed_at = models.DateTimeField(
        _("闭庭时间"), null=True, blank=True, help_text=_("闭庭的时间；开庭中为空。")
    )
    broadcast = models.BooleanField(
        _("庭审直播"),
        default=False,
        help_text=_("审判人员决定在互联网公开庭审（在线诉讼规则 第27条）。"),
    )
    broadcast_title = models.CharField(
        _("直播案件名称"),
        max_length=200,
        blank=True,
        help_text=_("直播页面显示的案件名称，当事人姓名按匿名化规则处理。"),
    )
    broadcast_refusal = models.CharField(
        _("不予直播理由"),
        max_length=300,
        blank=True,
        help_text=_("依在线诉讼规则 第27条不得公开的理由；已告知当事人。"),
    )

    class Meta:
        verbose_name = _("在线庭审室")
        verbose_name_plural = _("在线庭审室")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.hearing} 在线庭审"


class Attendee(TimeStampedModel):
    """A person in the room: judge, clerk, party, agent, or a witness or interpreter the judge
    admits (第26条). Identity checked (第7条), discipline accepted (第25条), devices tested.

        waiting -> admitted : 准许入庭
        removed -> admitted : 准许入庭
        admitted -> removed : 移出庭审
    """

    class Status(models.TextChoices):
        WAITING = rules.AttendeeStatus.WAITING, _("等候入庭")
        ADMITTED = rules.AttendeeStatus.ADMITTED, _("已入庭")
        REMOVED = rules.AttendeeStatus.REMOVED, _("已移出")

    room = models.ForeignKey(
        TrialRoom,
        on_delete=models.CASCADE,
        related_name="attendees",
        verbose_name=_("庭审室"),
        help_text=_("参加的在线庭审室。"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trial_seats",
        verbose_name=_("账号"),
        help_text=_("参加人登录平台的账号。"),
    )
    name = models.CharField(_("姓名"), max_length=100, help_text=_("参加人姓名。"))
    role = models.CharField(
        _("诉讼身份"),
        max_length=16,
        choices=[(k, _(v)) for k, v in rules.ROLE_LABELS.items()],
        help_text=_("审判人员、书记员、原告、被告、第三人、代理人、证人或翻译人员。"),
    )
    side = models.CharField(
        _("代理方"),
        max_length=16,
        blank=True,
        help_text=_("代理人代理的一方（原告或被告），决定其席位。"),
    )
    status = models.CharField(
        _("入庭状态"),
        max_length=12,
        choices=Status.choices,
        default=Status.WAITING,
        help_text=_("等候入庭、已入庭或已移出。"),
    )
    muted = models.BooleanField(_("已静音"), default=False, help_text=_("审判人员关闭其麦克风。"))
    identity_method = models.CharField(
        _("身份核验方式"),
        max_length=16,
        blank=True,
        choices=[(k, _(v)) for k, v in rules.IDENTITY_LABELS.items()],
        help_text=_("进入前的身份核验方式（在线诉讼规则 第7条）；未核验为空。"),
    )
    identity_checked_at = models.DateTimeField(
        _("身份核验时间"), null=True, blank=True, help_text=_("身份核验通过的时间。")
    )
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("核验人"),
        help_text=_("在服务点当面核验身份的联络员；其他方式为空。"),
    )
    at_service_point = models.BooleanField(
        _("在服务点参加"),
        default=False,
        help_text=_("在诉讼服务点终端参加庭审，联络员在场。"),
    )
    notice_accepted_at = models.DateTimeField(
        _("确认庭审纪律时间"),
        null=True,
        blank=True,
        help_text=_("确认已阅读庭审纪律的时间（在线诉讼规则 第25条）。"),
    )
    device_checked_at = models.DateTimeField(
        _("设备检测时间"), null=True, blank=True, help_text=_("摄像头和麦克风检测通过的时间。")
    )

    class Meta:
        verbose_name = _("庭审参加人")
        verbose_name_plural = _("庭审参加人")
        ordering = ["room", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["room", "user"], name="trials_one_seat_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"

    @property
    def seat(self) -> str:
        return rules.seat_of(self.role, self.side)

    @property
    def missing(self) -> list[str]:
        return rules.may_enter(
            status=self.status,
            identity_checked=self.identity_checked_at is not None,
            notice_accepted=self.notice_accepted_at is not None,
            device_checked=self.device_checked_at is not None,
        )


class TranscriptLine(TimeStampedModel):
    """One line of the 庭审笔录 kept by the clerk (民事诉讼法 第150条), by speaker and time; the
    time is counted from the room's opening, the recording's time line."""

    room = models.ForeignKey(
        TrialRoom,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("庭审室"),
        help_text=_("笔录所属的庭审。"),
    )
    speaker = models.ForeignKey(
        Attendee,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("发言人"),
        help_text=_("发言的参加人。"),
    )
    offset_seconds = models.PositiveIntegerField(
        _("庭审时点（秒）"), help_text=_("自开庭起的秒数，对应录像时间轴。单位：秒。")
    )
    text = models.TextField(_("内容"), help_text=_("发言内容。"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("记录本行的书记员或审判人员。"),
    )

    class Meta:
        verbose_name = _("笔录行")
        verbose_name_plural = _("笔录行")
        ordering = ["room", "offset_seconds", "pk"]

    def __str__(self) -> str:
        return f"{self.speaker.name}: {self.text[:20]}"


class MeetingNote(TimeStampedModel):
    """One entry of a pre-trial meeting's record (庭前会议笔录), kept by the clerk by section:
    the claims and defences made clear, the evidence exchanged, the points in dispute (民诉法解释
    第225条(一)(四)(五), 第226条). Signed and filed with the transcript."""

    room = models.ForeignKey(
        TrialRoom,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("庭审室"),
        help_text=_("所属的庭前会议。"),
    )
    section = models.CharField(
        _("事项"),
        max_length=12,
        choices=[(k, _(v)) for k, v in rules.MEETING_SECTIONS.items()],
        help_text=_("明确诉讼请求和答辩意见、证据交换或争议焦点（民诉法解释 第225条）。"),
    )
    text = models.TextField(_("内容"), help_text=_("该事项的记录内容。"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("记录本条的书记员或审判人员。"),
    )

    class Meta:
        verbose_name = _("庭前会议记录")
        verbose_name_plural = _("庭前会议记录")
        ordering = ["room", "section", "pk"]

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {self.text[:20]}"


class Signature(TimeStampedModel):
    """A participant's electronic signature of the transcript, or the refusal the judge records
    (民事诉讼法 第150条第2款: 拒绝签名盖章的，记明情况附卷)."""

    class Outcome(models.TextChoices):
        SIGNED = rules.SIGNED, _("已签名")
        REFUSED = rules.REFUSED, _("拒绝签名")

    room = models.ForeignKey(
        TrialRoom,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("庭审室"),
        help_text=_("所签笔录的庭审。"),
    )
    attendee = models.OneToOneField(
        Attendee,
        on_delete=models.CASCADE,
        related_name="signature",
        verbose_name=_("签名人"),
        help_text=_("签名或拒签的参加人。"),
    )
    outcome = models.CharField(
        _("结果"), max_length=10, choices=Outcome.choices, help_text=_("已签名或拒绝签名。")
    )
    transcript_sha256 = models.CharField(
        _("笔录校验值"),
        max_length=64,
        help_text=_("签名时笔录内容的 SHA-256，签名后笔录被改动即可发现。"),
    )
    note = models.CharField(
        _("说明"), max_length=300, blank=True, help_text=_("拒绝签名的情况说明。")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
        help_text=_("本人签名为其本人；拒签由审判人员记录。"),
    )

    class Meta:
        verbose_name = _("笔录签名")
        verbose_name_plural = _("笔录签名")
        ordering = ["room", "pk"]

    def __str__(self) -> str:
        return f"{self.attendee} {self.get_outcome_display()}"


class Recording(TimeStampedModel):
    """A 庭审录像: recorded by the court's server (the recorder joins the room's connections and
    composes one file of every participant's picture and voice when the recording ends), or,
    when that recorder is not running, in the judge's or clerk's browser (MediaRecorder) and
    uploaded in slices. The file is hashed (SHA-256) and filed into the case's e-dossier."""

    room = models.ForeignKey(
        TrialRoom,
        on_delete=models.CASCADE,
        related_name="recordings",
        verbose_name=_("庭审室"),
        help_text=_("录像所属的庭审。"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("录制人"),
        help_text=_("开始录像的审判人员或书记员。"),
    )
    started_at = models.DateTimeField(_("开始时间"), help_text=_("开始录像的时间。"))
    ended_at = models.DateTimeField(
        _("结束时间"), null=True, blank=True, help_text=_("结束录像的时间；录制中为空。")
    )
    source = models.CharField(
        _("录制方式"),
        max_length=10,
        choices=[(k, _(v)) for k, v in rules.SOURCE_LABELS.items()],
        default=rules.SOURCE_BROWSER,
        help_text=_("服务器录像（法院的录像服务），或录像服务不在线时由法官、书记员的浏览器录像。"),
    )
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("结束人"),
        help_text=_("结束录像（或闭庭）的审判人员或书记员；录制中为空。"),
    )
    failure = models.CharField(
        _("合成失败原因"),
        max_length=300,
        blank=True,
        help_text=_("服务器录像未能合成归档时的原因；成功为空。"),
    )
    file_name = models.CharField(_("文件"), max_length=255, help_text=_("录像文件在存储中的名称。"))
    mime = models.CharField(
        _("格式"), max_length=60, default="video/webm", help_text=_("录像的媒体类型。")
    )
    size = models.PositiveBigIntegerField(_("大小"), default=0, help_text=_("单位：字节。"))
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, blank=True, help_text=_("结束录像时文件的 SHA-256 校验值。")
    )
    dossier_entry_id = models.PositiveIntegerField(
        _("卷宗材料"), null=True, blank=True, help_text=_("归入电子卷宗后的材料编号。")
    )
    hls_seconds = models.FloatField(
        _("直播已封装时长"),
        default=0,
        help_text=_(
            "庭审直播时已由 ffmpeg 封装为 HLS 分片的时长（在线诉讼规则 第27条）。单位：秒。"
        ),
    )
    hls_final = models.BooleanField(
        _("直播回放已完成"),
        default=False,
        help_text=_("录像结束后 HLS 播放列表已封闭，可供点播。"),
    )

    class Meta:
        verbose_name = _("庭审录像")
        verbose_name_plural = _("庭审录像")
        ordering = ["room", "started_at"]

    def __str__(self) -> str:
        return f"{self.room} 录像 {self.started_at:%H:%M}"

    @property
    def stage(self) -> str:
        return rules.recording_stage(source=self.source, ended=self.ended_at is not None,
                                     filed=bool(self.sha256), failed=bool(self.failure))  # fmt: skip

    def get_stage_display(self) -> str:
        return str(_(rules.RECORDING_STAGES[self.stage]))
