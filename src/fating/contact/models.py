"""约见法官 (a party or a liaison asks to meet a judge) and the 法官热线 / 12368 call log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fating.contact import rules
from fating.core.models import TimeStampedModel


class Meeting(TimeStampedModel):
    """A request to meet a judge at a service point or online (rules.MEETING)::

    requested -> requested : 转交法官
    requested -> accepted : 接受约见
    requested -> declined : 婉拒约见
    accepted -> done : 记录约见情况
    requested -> withdrawn : 撤回约见
    accepted -> withdrawn : 撤回约见
    """

    class Status(models.TextChoices):
        REQUESTED = rules.MeetingStatus.REQUESTED, _("待安排")
        ACCEPTED = rules.MeetingStatus.ACCEPTED, _("已约定")
        DECLINED = rules.MeetingStatus.DECLINED, _("已婉拒")
        DONE = rules.MeetingStatus.DONE, _("已见面")
        WITHDRAWN = rules.MeetingStatus.WITHDRAWN, _("已撤回")

    class Mode(models.TextChoices):
        AT_POINT = rules.AT_POINT, _("到服务点面谈")
        ONLINE = rules.ONLINE, _("线上视频约见")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人账号"),
        help_text=_("提出约见的当事人，或代群众约见的联络员。"),
    )
    for_name = models.CharField(
        _("约见群众姓名"),
        max_length=60,
        blank=True,
        help_text=_("联络员代为约见时，当面核对身份的群众姓名；当事人本人约见为空。"),
    )
    for_mobile = models.CharField(
        _("约见群众电话"),
        max_length=11,
        blank=True,
        help_text=_("联络员代为约见时群众的 11 位手机号码，用于通知见面时间。"),
    )
    service_point = models.ForeignKey(
        "network.ServicePoint",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("服务点"),
        help_text=_("约见所在或申请人就近的服务点（如法官工作室）；决定由哪个法庭的法官接待。"),
    )
    tribunal = models.ForeignKey(
        "network.Tribunal",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("人民法庭"),
        help_text=_("服务点所属、负责安排约见的人民法庭。"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("接待法官"),
        help_text=_("约见转交的法官；默认为服务点对口法官，否则为法庭的法官。"),
    )
    mode = models.CharField(
        _("约见方式"),
        max_length=10,
        choices=Mode.choices,
        help_text=_("到服务点面谈，或线上视频约见（按预约时间使用登记的会议链接）。"),
    )
    topic = models.TextField(
        _("约见事项"), max_length=1000, help_text=_("想与法官谈的事情，不超过 1000 字。")
    )
    preferred_times = models.CharField(
        _("希望时间"),
        max_length=200,
        help_text=_("申请人方便的时间，如“工作日下午”“12月10日上午”。"),
    )
    scheduled_at = models.DateTimeField(
        _("约定时间"), null=True, blank=True, help_text=_("法官接受约见时确定的见面时间。")
    )
    place = models.CharField(
        _("见面地点"),
        max_length=200,
        blank=True,
        help_text=_("面谈的具体地点；线上约见为空。"),
    )
    meeting_link = models.URLField(
        _("会议链接"),
        max_length=300,
        blank=True,
        help_text=_("线上约见的视频会议链接（https），由法官接受时登记。"),
    )
    decline_reason = models.CharField(
        _("婉拒理由"), max_length=500, blank=True, help_text=_("法官婉拒约见时告知申请人的理由。")
    )
    record = models.TextField(
        _("约见情况"),
        max_length=2000,
        blank=True,
        help_text=_("见面后法官记录的简要情况（谈了什么、如何处理），不超过 2000 字。"),
    )
    decided_at = models.DateTimeField(
        _("答复时间"), null=True, blank=True, help_text=_("法官接受或婉拒约见的时间。")
    )
    done_at = models.DateTimeField(
        _("完成时间"), null=True, blank=True, help_text=_("法官记录约见情况的时间。")
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.REQUESTED,
        help_text=_("待安排、已约定、已婉拒、已见面或已撤回。"),
    )

    class Meta:
        verbose_name = _("约见法官")
        verbose_name_plural = _("约见法官")
        indexes = [
            models.Index(fields=["tribunal", "status"]),
            models.Index(fields=["judge", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.for_name or self.requester_id} → {self.judge_id or self.tribunal_id}"


class HotlineCall(TimeStampedModel):
    """A call to the 法官热线 / 12368, logged by court staff as a ticket (rules.CALL)::

    open -> open : 转办
    open -> answered : 答复来电
    """

    class Status(models.TextChoices):
        OPEN = rules.CallStatus.OPEN, _("待答复")
        ANSWERED = rules.CallStatus.ANSWERED, _("已答复")

    class Category(models.TextChoices):
        CONSULT = rules.CONSULT, _("咨询")
        CASE_QUERY = rules.CASE_QUERY, _("查询案件")
        MEETING = rules.MEETING_REQUEST, _("约见")
        COMPLAINT = rules.COMPLAINT, _("投诉建议")

    court = models.ForeignKey(
        "network.Court",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("法院"),
        help_text=_("接听来电的法院。"),
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
        help_text=_("接听并登记来电的法院工作人员。"),
    )
    caller_name = models.CharField(
        _("来电人"), max_length=60, help_text=_("来电人自报的姓名或称呼。")
    )
    caller_number = models.CharField(
        _("来电号码"), max_length=20, help_text=_("来电显示的号码，用于回复；固话或手机。")
    )
    topic = models.TextField(
        _("来电事项"), max_length=1000, help_text=_("来电人反映或询问的事项，不超过 1000 字。")
    )
    category = models.CharField(
        _("类别"),
        max_length=12,
        choices=Category.choices,
        help_text=_("咨询、查询案件、约见或投诉建议；决定答复时限。"),
    )
    received_at = models.DateTimeField(_("来电时间"), help_text=_("接听来电的时间。"))
    due_at = models.DateTimeField(
        _("答复期限"),
        help_text=_("来电时间加上该类别的答复时限（小时，法院服务标准，见 contact.rules）。"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承办法官"),
        help_text=_("工单转交的法官或工作人员；转交法庭时为空。"),
    )
    tribunal = models.ForeignKey(
        "network.Tribunal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("承办法庭"),
        help_text=_("工单转交的人民法庭（部门），由该庭法官、法官助理答复。"),
    )
    answer = models.TextField(
        _("答复内容"),
        max_length=2000,
        blank=True,
        help_text=_("向来电人答复的内容，不超过 2000 字。"),
    )
    answered_at = models.DateTimeField(
        _("答复时间"), null=True, blank=True, help_text=_("答复来电人的时间。")
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("答复人"),
        help_text=_("登记答复的法官或工作人员。"),
    )
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_("待答复或已答复。"),
    )

    class Meta:
        verbose_name = _("热线来电")
        verbose_name_plural = _("热线来电")
        indexes = [models.Index(fields=["court", "received_at"])]

    def __str__(self) -> str:
        return f"{self.caller_name} {self.received_at:%Y-%m-%d %H:%M}"
