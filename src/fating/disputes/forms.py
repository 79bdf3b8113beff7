"""Input forms shared by the pages and the API: one place turns raw input into typed values,
with Chinese messages naming each field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fating.core.fields import MoneyFormField
from fating.disputes import rules
from fating.disputes.models import DepartmentWork, Dispute, DisputeParty, MediationSession
from fating.network.models import Department, MediationOrganisation, Mediator

ROLE_CHOICES = DisputeParty.Role.choices
KIND_CHOICES = DisputeParty.Kind.choices


class ReportForm(forms.Form):
    """The liaison's phone form: the dispute and two parties (more through the API)."""

    title = forms.CharField(label=_("纠纷概要"), max_length=100)
    description = forms.CharField(
        label=_("事情经过与诉求"), widget=forms.Textarea(attrs={"rows": 4})
    )
    cause_code = forms.CharField(label=_("案由"), required=False, widget=forms.HiddenInput)
    cause_free_text = forms.CharField(
        label=_("纠纷类型（说不清案由时填写）"), max_length=100, required=False
    )
    amount = MoneyFormField(label=_("争议金额（元）"), required=False)
    people_involved = forms.IntegerField(
        label=_("涉及人数"), min_value=1, max_value=rules.PEOPLE_INVOLVED_MAX, initial=2
    )
    urgency = forms.ChoiceField(
        label=_("紧急程度"), choices=Dispute.Urgency.choices, initial="normal"
    )
    area = forms.IntegerField(label=_("发生地"), required=False)
    department = forms.CharField(label=_("移送部门"), max_length=60, required=False)
    project_name = forms.CharField(label=_("项目名称"), max_length=100, required=False)
    employer_name = forms.CharField(label=_("用工单位"), max_length=100, required=False)
    housing_estate = forms.CharField(label=_("小区名称"), max_length=100, required=False)
    a_kind = forms.ChoiceField(label=_("申请人类型"), choices=KIND_CHOICES, initial="person")
    a_name = forms.CharField(label=_("申请人姓名或名称"), max_length=100)
    a_mobile = forms.CharField(label=_("申请人手机号码"), max_length=20, required=False)
    a_id_number = forms.CharField(
        label=_("申请人身份证号或信用代码"), max_length=20, required=False
    )
    a_address = forms.CharField(label=_("申请人住所"), max_length=200, required=False)
    r_kind = forms.ChoiceField(label=_("被申请人类型"), choices=KIND_CHOICES, initial="person")
    r_name = forms.CharField(label=_("被申请人姓名或名称"), max_length=100)
    r_mobile = forms.CharField(label=_("被申请人手机号码"), max_length=20, required=False)
    r_id_number = forms.CharField(
        label=_("被申请人身份证号或信用代码"), max_length=20, required=False
    )
    r_address = forms.CharField(label=_("被申请人住所"), max_length=200, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class StartForm(forms.Form):
    tier = forms.ChoiceField(
        label=_("调解层级"), choices=[("village", _("村居先调")), ("joint", _("部门联动"))]
    )
    organisation = forms.ModelChoiceField(
        label=_("调解组织"), queryset=MediationOrganisation.objects.all(), required=False
    )
    mediator = forms.ModelChoiceField(
        label=_("调解员"), queryset=Mediator.objects.filter(active=True), required=False
    )


class EscalateForm(ReasonForm):
    organisation = forms.ModelChoiceField(
        label=_("调解组织"), queryset=MediationOrganisation.objects.all(), required=False
    )
    mediator = forms.ModelChoiceField(
        label=_("调解员"), queryset=Mediator.objects.filter(active=True), required=False
    )


class DelegateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("特邀调解组织"),
        queryset=MediationOrganisation.objects.filter(is_court_invited=True),
    )
    mediator = forms.ModelChoiceField(
        label=_("特邀调解员"), queryset=Mediator.objects.filter(active=True), required=False
    )


class GuidanceForm(forms.Form):
    text = forms.CharField(label=_("指导意见"), widget=forms.Textarea(attrs={"rows": 3}))
    suggested_cases = forms.CharField(
        label=_("推荐类案（每行一个）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    session_at = forms.DateTimeField(
        label=_("在线指导时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class BookingForm(forms.Form):
    judge = forms.IntegerField(label=_("法官"))
    starts_at = forms.DateTimeField(
        label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("结束时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("地点"), max_length=200)


class SessionForm(forms.Form):
    mode = forms.ChoiceField(label=_("方式"), choices=MediationSession.Mode.choices)
    held_at = forms.DateTimeField(
        label=_("时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("地点或会议链接"), max_length=200)
    attendees = forms.CharField(
        label=_("参加人员（每行一人）"), widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = forms.CharField(label=_("调解笔录"), widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(label=_("结果"), choices=MediationSession.Outcome.choices)


class AgreementForm(forms.Form):
    facts = forms.CharField(label=_("主要事实与争议事项"), widget=forms.Textarea(attrs={"rows": 3}))
    terms = forms.CharField(
        label=_("协议条款（每行一条）"), widget=forms.Textarea(attrs={"rows": 4})
    )
    performance = forms.CharField(label=_("履行方式"), max_length=300)
    deadline = forms.DateField(label=_("履行期限"), widget=forms.DateInput(attrs={"type": "date"}))
    instalments = forms.CharField(
        label=_("分期（每行：义务人编号,日期,金额）"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例如：12,2026-12-31,20000"),
    )  # fmt: skip


class SignForm(forms.Form):
    party = forms.IntegerField(label=_("当事人"))
    paper = forms.FileField(label=_("纸质签署件"), required=False)


class PaymentForm(forms.Form):
    amount = MoneyFormField(label=_("金额（元）"), allow_zero=False)
    paid_on = forms.DateField(label=_("履行日期"), widget=forms.DateInput(attrs={"type": "date"}))


class RespondForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("答复"),
        choices=[("1", _("接受")), ("0", _("不予接受"))],
        coerce=lambda v: v in ("1", "true", "True", True),
    )
    reason = forms.CharField(label=_("理由"), required=False, max_length=200)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=60)
    all_parties_agree = forms.BooleanField(label=_("各方当事人均同意延长"), required=False)


class DecideForm(forms.Form):
    confirm = forms.TypedChoiceField(
        label=_("裁定"),
        choices=[("1", _("确认调解协议有效")), ("0", _("驳回申请"))],
        coerce=lambda v: v in ("1", "true", "True", True),
    )
    ground = forms.ChoiceField(
        label=_("驳回理由"), choices=[("", "—"), *rules.REJECTION_GROUNDS.items()], required=False
    )
    reasons = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ConsentForm(forms.Form):
    party = forms.IntegerField(label=_("当事人"))
    method = forms.ChoiceField(
        label=_("方式"),
        choices=[
            ("send_code", _("发送验证码")),
            ("code", _("输入验证码")),
            ("paper", _("上传书面同意书")),
        ],
    )
    code = forms.CharField(label=_("验证码"), max_length=6, required=False)
    paper = forms.FileField(label=_("书面同意书"), required=False)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("材料名称"), max_length=100, required=False)
    file = forms.FileField(label=_("文件"))


class ConfirmationApplyForm(forms.Form):
    joint_paper = forms.FileField(label=_("共同申请书（纸质签署件）"), required=False)


# --- 部门联动 with the departments as actors --------------------------------------------------


class HandOverForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("联动部门"), queryset=Department.objects.filter(active=True).order_by("name"),
        error_messages={"required": _("请选择联动部门。"), "invalid_choice": _("所选部门不存在。")},
    )  # fmt: skip
    request = forms.CharField(
        label=_("请部门协助的事项"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReferralAnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("答复"), choices=[("1", _("接收")), ("0", _("不予接收"))],
        coerce=lambda v: v in ("1", "true", "True"),
    )  # fmt: skip
    reason = forms.CharField(
        label=_("不予接收的理由"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class DepartmentWorkForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=DepartmentWork.Kind.choices)
    happened_at = forms.DateTimeField(
        label=_("时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S%z",
                       "%Y-%m-%dT%H:%M:%S"],
    )  # fmt: skip
    people = forms.CharField(label=_("参加人员"), max_length=200, required=False)
    text = forms.CharField(
        label=_("经过与结果"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    title = forms.CharField(label=_("附件名称"), max_length=100, required=False)
    file = forms.FileField(label=_("附件"), required=False)


class ReferralReturnForm(forms.Form):
    resolved = forms.TypedChoiceField(
        label=_("办理结果"), choices=[("1", _("化解，达成调解协议")), ("0", _("未化解，转下一层级"))],
        coerce=lambda v: v in ("1", "true", "True"),
    )  # fmt: skip
    outcome = forms.CharField(
        label=_("结果说明"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    terms = forms.CharField(
        label=_("协议条款（化解时填写）"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    performance = forms.CharField(label=_("履行方式与期限（化解时填写）"), max_length=300,
                                  required=False)  # fmt: skip
    deadline = forms.DateField(
        label=_("履行期限（化解时填写）"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    total_amount = MoneyFormField(label=_("给付总额（元）"), required=False)
    signed = forms.FileField(label=_("签名的协议书扫描件（化解时上传）"), required=False)
