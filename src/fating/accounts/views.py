from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout, password_validation, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from fating.accounts import services
from fating.accounts.models import Role
from fating.accounts.selectors import grant_labels, primary_role, scope_of
from fating.core.exceptions import DomainError
from fating.core.http import client_address


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("用户名或手机号码"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


@never_cache
@csrf_protect
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.user.is_authenticated and request.method == "GET":
        return redirect("accounts:home")
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.check_credentials(
                request=request,
                login=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = exc.status_code if exc.status_code == 429 else 200
        else:
            login(request, user)
            safe = url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
            return redirect(next_url if safe and next_url else "accounts:home")
    return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=status)


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("原密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    new_password1 = forms.CharField(
        label=_("新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("再次输入新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ForgotPasswordForm(forms.Form):
    mobile = forms.CharField(
        label=_("注册时登记的手机号码"),
        max_length=11,
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ResetPasswordForm(forms.Form):
    mobile = forms.CharField(
        label=_("手机号码"),
        max_length=11,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "numeric"}),
    )
    code = forms.CharField(
        label=_("短信验证码"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    new_password1 = PasswordChangeForm.base_fields["new_password1"]
    new_password2 = PasswordChangeForm.base_fields["new_password2"]


def _add_errors(form: forms.Form, exc: DomainError) -> None:
    """Put a service's FieldError on the form's fields, anything else above the form."""
    placed = False
    for name, messages_ in exc.fields.items():
        target = name if name in form.fields else None
        for message in messages_:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@never_cache
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's own password; other sessions and every API token end, this session stays."""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.change_password(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("密码已修改。其他设备上的登录和全部 API 令牌已失效。"))
            return redirect("accounts:home")
    return render(request, "accounts/password_change.html", {"form": form})


@never_cache
@csrf_protect
def password_forgot(request: HttpRequest) -> HttpResponse:
    """Ask for a reset code by SMS. The answer never says whether the number is registered."""
    form = ForgotPasswordForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        mobile = form.cleaned_data["mobile"]
        try:
            services.request_password_reset(mobile=mobile, address=client_address(request))
        except DomainError as exc:
            _add_errors(form, exc)
            status = exc.status_code if exc.status_code == 429 else 200
        else:
            request.session["password_reset_mobile"] = mobile.strip()
            messages.info(
                request,
                _("如该手机号码已在本平台登记，验证码已发送，10 分钟内有效。"),
            )
            return redirect("accounts:password-reset")
    return render(request, "accounts/password_forgot.html", {"form": form}, status=status)


@never_cache
@csrf_protect
def password_reset(request: HttpRequest) -> HttpResponse:
    """Set a new password with the SMS code."""
    initial = {"mobile": request.session.get("password_reset_mobile", "")}
    form = ResetPasswordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_password(**form.cleaned_data)
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            request.session.pop("password_reset_mobile", None)
            messages.success(request, _("密码已重置，请用新密码登录。"))
            return redirect("accounts:login")
    return render(request, "accounts/password_reset.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


# What each role finds first on its home page: (title, url name, description).
HOME_LINKS: dict[str, list[tuple[str, str, str]]] = {
    Role.COURT_ADMIN: [
        (_("一屏尽览"), "analytics:dashboard", _("全县纠纷、诉讼与服务点指标，地图钻取")),
        (_("用户管理"), "accounts:users", _("本院用户的账号、身份授予与密码重置")),
        (_("预警联动"), "warnings:list", _("群体性纠纷、立案吹哨与热点预警")),
        (_("纠纷与调解"), "disputes:list", _("全院纠纷、委派调解、司法确认")),
        (_("诉前调解统计"), "disputes:statistics", _("调解成功率与各层级化解占比")),
        (
            _("离婚预立案与调查令统计"),
            "cases:divorce-list",
            _("预立案、正式立案、撤回和好率，调查令签发与回复"),
        ),
        (_("执行指挥中心"), "enforcement:command", _("执结率、执行到位率、终本率与冻结、拍卖")),
        (_("执行事务中心"), "enforcement:centre", _("查控、送达、网拍公告等集约事务的队列")),
        (_("执行款对账"), "enforcement:reconciliation", _("执行款月度收支、结存与差异")),
        (_("法官热线 12368"), "contact:calls", _("来电工单、超期提醒与月度统计")),
        (_("法庭网络地图"), "network:map", _("全县人民法庭与 E+ 服务点分布")),
        (
            _("法庭网络维护"),
            "network:admin",
            _("新建、修改、撤销法庭、服务点、调解员与联络员，表格导入"),
        ),
        (_("服务点评价"), "liaison:points", _("服务点使用频率、环比、满意度与排名，导出")),
        (_("无讼村居"), "liaison:villages", _("年度无讼村居评价、标准阈值与称号确认")),
        (_("联络日志"), "liaison:log", _("联络员走访、上报、协助立案与送达记录")),
        (_("服务点"), "network:points", _("服务点名录、对口干警与运行状态")),
        (_("联络员名录"), "network:liaisons", _("村居书记、网格员、企业联络人")),
        (_("调解组织"), "network:organisations", _("村调委会、行业调解组织、律师调解工作室")),
        (_("调解员名录"), "network:mediators", _("人民调解员与特邀调解员")),
        (_("接口文档"), "api-docs", _("REST API 与 OpenAPI 说明")),
        (_("期间计算器"), "core:period-calculator", _("按民诉法第85条和节假日安排计算届满日")),
        (_("节假日安排"), "core:holiday-years", _("导入国务院当年节假日安排通知")),
    ],
    Role.JUDGE: [
        (_("一案一群聊"), "conversations:list", _("与当事人、调解员在线沟通与质证")),
        (_("在线庭审"), "trials:index", _("开启庭审室，视频开庭、录像与庭审直播")),
        (_("预警联动"), "warnings:list", _("会商研判与司法建议")),
        (_("法律法规与典型案例"), "knowledge:library", _("类案与法条检索")),
        (_("你问我答"), "knowledge:questions-manage", _("答复群众提问并审核发布")),
        (_("纠纷指导与确认"), "disputes:list", _("本庭纠纷、指导、预约到场、司法确认审查")),
        (_("示范诉讼"), "elements:litigations", _("要素式审判与类案集中办理")),
        (_("保全审查"), "preservation:list", _("财产保全申请，按裁定期限排序")),
        (_("鉴定与评估"), "evaluation:list", _("鉴定申请、委托与鉴定期限，中立评估")),
        (_("约见法官"), "contact:meetings", _("群众约见申请：接受并约定时间，或婉拒")),
        (_("法官热线 12368"), "contact:calls", _("转给我的来电工单，按期限答复")),
        (_("授权委托书确认"), "people:court-representations", _("代理人提交的授权委托书待确认")),
        (_("法庭网络地图"), "network:map", _("本院法庭与服务点")),
        (_("联络日志"), "liaison:log", _("结对联络员的工作日志，给出反馈")),
        (_("服务点评价"), "liaison:points", _("服务点使用频率、满意度与排名")),
        (_("无讼村居"), "liaison:villages", _("年度评价，确认无讼村居称号")),
        (_("服务点"), "network:points", _("对口联系的服务点")),
        (_("联络员名录"), "network:liaisons", _("联系村居与企业联络员")),
        (_("调解员名录"), "network:mediators", _("指导调解、委派调解")),
        (_("期间计算器"), "core:period-calculator", _("按民诉法第85条和节假日安排计算届满日")),
        (_("冷静期"), "cases:divorce-list", _("离婚预立案、冷静期剩余天数、撤回和好率")),
    ],
    Role.CLERK: [
        (_("立案审查"), "cases:review-queue", _("审查网上立案申请，登记立案或补正")),
        (_("冷静期"), "cases:divorce-list", _("离婚预立案与冷静期，剩余天数")),
        (_("送达"), "delivery:queue", _("电子送达、联络员代送与送达回证")),
        (_("在线庭审"), "trials:index", _("庭审笔录、录像与归档")),
        (_("一案一群聊"), "conversations:list", _("案件群聊")),
        (_("示范诉讼"), "elements:litigations", _("要素式审判与类案集中办理")),
        (_("保全审查"), "preservation:list", _("财产保全申请，按裁定期限排序")),
        (_("鉴定与评估"), "evaluation:list", _("鉴定申请、委托与鉴定期限，中立评估")),
        (_("法官热线 12368"), "contact:calls", _("登记来电、转办、答复与月度统计")),
        (_("约见法官"), "contact:meetings", _("本庭约见申请，转交法官")),
        (_("授权委托书确认"), "people:court-representations", _("代理人提交的授权委托书待确认")),
        (_("纠纷"), "disputes:list", _("本庭纠纷与委派调解")),
        (_("联络日志"), "liaison:log", _("结对联络员的工作日志，给出反馈")),
        (_("服务点评价"), "liaison:points", _("服务点使用频率、满意度与排名")),
        (_("无讼村居"), "liaison:villages", _("年度无讼村居评价")),
        (_("服务点"), "network:points", _("协助送达、调查的服务点")),
        (_("联络员名录"), "network:liaisons", _("联系联络员协助送达")),
        (_("法庭网络地图"), "network:map", _("本院法庭与服务点")),
        (_("期间计算器"), "core:period-calculator", _("按民诉法第85条和节假日安排计算届满日")),
    ],
    Role.LIAISON: [
        (_("联络日志"), "liaison:log", _("记录走访、上报、协助立案与送达，查看干警反馈")),
        (_("协助送达"), "delivery:queue", _("代为送达并上传签收")),
        (_("在线庭审"), "trials:index", _("在服务点为当事人核验身份、参加在线庭审")),
        (_("群聊"), "conversations:list", _("纠纷群聊")),
        (_("普法点单"), "knowledge:orders", _("为村居、企业预约法律咨询、以案释法、法治讲堂")),
        (_("乡规民约"), "knowledge:village-rules", _("提交并修订村规民约，法庭审查")),
        (_("上报纠纷"), "disputes:report", _("在手机上几分钟完成上报")),
        (_("实名核验"), "people:verify", _("核对身份证，为当事人现场核验")),
        (_("代为注册"), "people:assisted-signup", _("为村民当面核验身份并开通账号")),
        (_("代约法官"), "contact:meetings", _("为村民约见法官，到法官工作室或线上")),
        (_("本服务点纠纷"), "disputes:list", _("跟进调解进展")),
        (_("法庭网络地图"), "network:map", _("查看服务点与对口法庭")),
        (_("我的服务点"), "network:points", _("服务点信息与对口联络干警")),
        (_("调解员名录"), "network:mediators", _("就近找调解员")),
    ],
    Role.MEDIATOR: [
        (_("群聊"), "conversations:list", _("与双方在线沟通、提出调解方案")),
        (_("我的调解"), "disputes:list", _("分派给我的纠纷")),
        (_("委派调解任务"), "disputes:queue", _("按期限排序，及时答复")),
        (_("中立评估"), "evaluation:list", _("受邀评估的纠纷与案件，出具评估意见")),
        (_("调解组织"), "network:organisations", _("所在组织与其他调解组织")),
        (_("调解员名录"), "network:mediators", _("同行调解员")),
        (_("法庭网络地图"), "network:map", _("法庭与服务点")),
    ],
    Role.DEPARTMENT_OFFICER: [
        (_("部门联动任务"), "disputes:department-queue", _("移交本部门的纠纷：接收、办理、退回")),
        (_("纠纷"), "disputes:list", _("移交本部门办理的纠纷")),
    ],
    Role.GOVERNANCE: [
        (_("一屏尽览"), "analytics:dashboard", _("汇总指标（小于 5 的数字隐藏）")),
        (_("预警"), "warnings:list", _("群体性纠纷预警与会商")),
        (_("服务点评价"), "liaison:points", _("各服务点使用频率、满意度与排名")),
        (_("无讼村居"), "liaison:villages", _("年度无讼村居评价结果")),
        (_("庭审直播"), "trials:broadcasts", _("依法公开的庭审直播与点播")),
        (_("普法点单"), "knowledge:orders", _("组织法治宣传活动")),
        (_("诉前调解统计"), "disputes:statistics", _("只含汇总数据")),
        (_("中立评估统计"), "evaluation:list", _("评估件数与评估后和解（只含汇总）")),
        (_("法庭网络地图"), "network:map", _("全县诉源治理网络")),
        (_("服务点"), "network:points", _("各镇街服务点运行情况")),
        (_("调解组织"), "network:organisations", _("调解力量分布")),
    ],
    Role.ENFORCEMENT_JUDGE: [
        (_("执行案件"), "enforcement:list", _("本院执行案件：分案、查控、处置、结案")),
        (_("执行指挥中心"), "enforcement:command", _("执结率、执行到位率、终本率与冻结、拍卖")),
        (_("执行事务中心"), "enforcement:centre", _("查控、送达、网拍公告等集约事务的队列")),
        (_("执行款对账"), "enforcement:reconciliation", _("执行款月度收支、结存与差异")),
        (_("执行异议"), "enforcement:objections", _("执行行为异议和案外人异议，十五日内裁定")),
        (_("期间计算器"), "core:period-calculator", _("按民诉法第85条和节假日安排计算届满日")),
    ],
    Role.EXECUTOR: [
        (_("执行案件"), "enforcement:list", _("网络查控、冻结扣划、执行款发放")),
        (_("执行事务中心"), "enforcement:centre", _("领取查控、送达、网拍公告等集约事务")),
        (_("执行指挥中心"), "enforcement:command", _("本院执行案件一屏尽览")),
        (_("执行款对账"), "enforcement:reconciliation", _("执行款月度收支、结存与差异")),
        (_("执行异议"), "enforcement:objections", _("登记书面异议，查看审查期限")),
        (_("期间计算器"), "core:period-calculator", _("按民诉法第85条和节假日安排计算届满日")),
    ],
    Role.PARTY: [
        (_("网上立案"), "cases:filing-new", _("在线提交起诉状和证据，查看立案进度")),
        (_("离婚预立案"), "cases:divorce-list", _("先调解，可约定冷静期，不必马上起诉")),
        (
            _("申请执行"),
            "enforcement:list",
            _("对方不履行调解协议或判决时申请强制执行，查看我的执行案件"),
        ),
        (_("我的文书"), "delivery:inbox", _("法院送达给我的文书")),
        (_("服务评价"), "liaison:ratings", _("为联络员的上报、代为立案、送达服务打分")),
        (_("财产保全"), "preservation:list", _("申请诉前、诉中财产保全，查看裁定")),
        (_("鉴定与评估"), "evaluation:list", _("我的鉴定申请、鉴定意见与中立评估意见")),
        (_("在线庭审"), "trials:index", _("身份核验后视频参加开庭，庭后签署笔录")),
        (_("我的代理人"), "people:representations", _("确认代理人的授权委托书")),
        (_("约见法官"), "contact:meetings", _("预约到法官工作室面谈或线上约见")),
        (_("群聊"), "conversations:list", _("与调解员、法官沟通")),
        (_("普法与典型案例"), "knowledge:library", _("看看类似纠纷怎么处理")),
        (_("我的纠纷"), "disputes:list", _("查看进展、确认调解协议")),
        (_("反映纠纷"), "disputes:report", _("在线反映，服务点联络员协助")),
        (_("找服务点"), "network:points", _("就近的 E+ 服务点，可在此反映纠纷")),
        (_("特邀调解员"), "network:mediators", _("法院特邀调解员名册")),
        (_("法庭网络地图"), "network:map", _("法庭与服务点位置")),
    ],
    Role.AGENT: [
        (_("网上立案"), "cases:filing-new", _("代当事人在线立案，提交授权委托书")),
        (_("我的文书"), "delivery:inbox", _("送达给我的文书")),
        (_("财产保全"), "preservation:list", _("为当事人申请财产保全")),
        (_("鉴定与评估"), "evaluation:list", _("鉴定申请、异议与中立评估意见")),
        (_("在线庭审"), "trials:index", _("代理参加在线开庭")),
        (_("我的委托"), "people:representations", _("提交授权委托书，查看确认情况")),
        (_("代理的纠纷"), "disputes:list", _("查看进展")),
        (_("服务点"), "network:points", _("E+ 服务点与诉讼服务站")),
        (_("特邀调解员"), "network:mediators", _("法院特邀调解员名册")),
        (_("期间计算器"), "core:period-calculator", _("按民诉法第85条和节假日安排计算届满日")),
    ],
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = primary_role(request.user)
    scope = scope_of(request.user)
    links = HOME_LINKS.get(role, []) if role else []
    # A person with grants in several places (e.g. a clerk at one court, a liaison at another)
    # sees each role with the place it is held at; the links are for the primary role.
    return render(
        request,
        "accounts/home.html",
        {
            "role": role,
            "role_label": Role(role).label if role else "",
            "links": links,
            "grants": grant_labels(request.user) if len(scope.grants) > 1 else [],
        },
    )
