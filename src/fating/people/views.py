"""Pages of sign-up (a party on a phone: details → SMS code and password) and of the liaison's
实名核验 (verify a party in person at the service point)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from fating.accounts.models import Role
from fating.accounts.selectors import scope_of
from fating.core.exceptions import DomainError, NotPermitted
from fating.core.http import client_address, page_view
from fating.people import rules, selectors, services
from fating.people.models import SignUp

SESSION_KEY = "people_signup"
BACKEND = "fating.accounts.backends.UsernameOrMobileBackend"


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=60)
    mobile = forms.CharField(
        label=_("手机号码"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    id_number = forms.CharField(
        label=_("公民身份号码"), max_length=18, help_text=_("18 位，末位可为 X。")
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("短信验证码"), max_length=6, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    password1 = forms.CharField(
        label=_("设置密码"), strip=False, max_length=128, widget=forms.PasswordInput
    )
    password2 = forms.CharField(
        label=_("确认密码"), strip=False, max_length=128, widget=forms.PasswordInput
    )


class VerifyForm(forms.Form):
    id_number = forms.CharField(
        label=_("身份证上的公民身份号码"), max_length=18, help_text=_("核对身份证原件后输入。")
    )
    service_point = forms.TypedChoiceField(label=_("核验服务点"), coerce=int)


def _add_errors(form: forms.Form, exc: DomainError) -> None:
    placed = False
    for name, found in exc.fields.items():
        for message in found:
            form.add_error(name if name in form.fields else None, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@never_cache
@csrf_protect
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignUpForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            started = services.start_signup(**form.cleaned_data, address=client_address(request))
        except DomainError as exc:
            _add_errors(form, exc)
            status = 429 if exc.status_code == 429 else 400
        else:
            request.session[SESSION_KEY] = started.pk
            messages.info(request, _("验证码已发送到您的手机，10 分钟内有效。"))
            return redirect("people:signup-code")
    elif request.method == "POST":
        status = 400
    return render(request, "people/signup.html", {"form": form}, status=status)


@never_cache
@csrf_protect
def signup_code(request: HttpRequest) -> HttpResponse:
    """The second step, for the sign-up started in this browser session only."""
    started = SignUp.objects.filter(
        pk=request.session.get(SESSION_KEY), completed_at__isnull=True
    ).first()
    if started is None:
        raise Http404(_("没有进行中的注册，请重新填写。"))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.complete_signup(signup=started, **form.cleaned_data)
        except DomainError as exc:
            _add_errors(form, exc)
            status = 400
        else:
            request.session.pop(SESSION_KEY, None)
            login(request, user, backend=BACKEND)
            messages.success(request, _("注册成功，已完成短信核验。"))
            return redirect("accounts:home")
    elif request.method == "POST":
        status = 400
    masked = f"{started.mobile[:3]}****{started.mobile[-4:]}"
    return render(request, "people/signup_code.html", {"form": form, "mobile": masked},
                  status=status)  # fmt: skip


@login_required
@page_view
def verify(request: HttpRequest) -> HttpResponse:
    """实名核验: a liaison finds the party by mobile or ID number and verifies them in person."""
    selectors.check_liaison(request.user)
    points = services.liaison_points(request.user)
    query = (request.POST.get("q") or request.GET.get("q") or "").strip()
    person = selectors.find_person(request.user, query) if query else None
    form = VerifyForm(request.POST or None)
    form.fields["service_point"].choices = [(p.pk, p.name) for p in points]
    status = 200
    if request.method == "POST" and person is not None and form.is_valid():
        try:
            services.verify_in_person(actor=request.user, person=person,
                                      service_point=next(p for p in points
                                                         if p.pk == form.cleaned_data["service_point"]),
                                      id_number=form.cleaned_data["id_number"])  # fmt: skip
        except DomainError as exc:
            _add_errors(form, exc)
            status = 400
        else:
            messages.success(request, _("已完成现场核验。"))
            return redirect(f"{request.path}?q={query}")
    elif request.method == "POST":
        status = 400 if person is not None else 404
    context = {
        "query": query,
        "person": person,
        "status_label": selectors.status_label(person) if person else "",
        "form": form,
        "searched": bool(query),
    }
    return render(request, "people/verify.html", context, status=status)


class RepresentationForm(forms.Form):
    case_number = forms.CharField(label=_("案号"), max_length=60)
    party_name = forms.CharField(label=_("被代理的当事人"), max_length=100,
                                 help_text=_("按起诉状上的姓名或名称填写。"))  # fmt: skip
    scope = forms.ChoiceField(label=_("授权范围"), choices=[(k, _(v)) for k, v in rules.SCOPE_LABELS.items()])  # fmt: skip
    power_of_attorney = forms.FileField(label=_("授权委托书"),
                                        help_text=_("当事人签名或盖章的授权委托书，PDF 或图片。"))  # fmt: skip


@login_required
@page_view
def representations(request: HttpRequest) -> HttpResponse:
    """我的委托 (an agent: submit a 授权委托书) and 我的代理人 (a party: confirm or refuse)."""
    is_agent = scope_of(request.user).holds(Role.AGENT)
    form = RepresentationForm(request.POST or None, request.FILES or None) if is_agent else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise NotPermitted(_("只有代理人可以提交授权委托书。"))
        if form.is_valid():
            try:
                services.propose_representation(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                _add_errors(form, exc)
                status = 400
            else:
                messages.success(request, _("授权委托书已提交，待当事人或法院确认。"))
                return redirect("people:representations")
        else:
            status = 400
    rows = [
        (rep, rep.agent_id == request.user.pk, rep.party.user_id == request.user.pk)
        for rep in selectors.representations_for(request.user)
    ]
    return render(request, "people/representations.html",
                  {"rows": rows, "form": form, "is_agent": is_agent}, status=status)  # fmt: skip


@login_required
@require_POST
@page_view
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    rep = selectors.representation_for(request.user, pk)
    services.decide_representation(actor=request.user, representation=rep,
                                   confirm=request.POST.get("decision") == "confirm")  # fmt: skip
    if request.POST.get("back") == "court":
        messages.success(request, _("已处理授权委托书。"))
        return redirect("people:court-representations")
    return redirect("people:representations")


@login_required
@page_view
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The 授权委托书 file, to those who may see the representation."""
    rep = selectors.representation_for(request.user, pk)
    if not rep.power_of_attorney:
        raise Http404(_("授权委托书文件不存在。"))
    name = rep.power_of_attorney.name.rsplit("/", 1)[-1]
    return FileResponse(rep.power_of_attorney.open("rb"), as_attachment=True, filename=name)


@login_required
@page_view
def court_representations(request: HttpRequest) -> HttpResponse:
    """授权委托书待确认: court staff confirm or refuse the letters agents submitted for the
    parties of their tribunal's cases (民事诉讼法 第62条)."""
    selectors.check_court_staff(request.user)
    return render(request, "people/court_representations.html",
                  {"rows": selectors.awaiting_court(request.user)[:200]})  # fmt: skip


ASSISTED_KEY = "people_assisted_signup"


class AssistedForm(SignUpForm):
    service_point = forms.TypedChoiceField(label=_("服务点"), coerce=int)
    checked = forms.BooleanField(label=_("已当面核对身份证原件，与本人一致"))


@login_required
@page_view
def assisted_signup(request: HttpRequest) -> HttpResponse:
    """代为注册: a liaison, with the villager in front of them and their ID card checked, starts
    the sign-up; the code goes to the villager's phone."""
    selectors.check_liaison(request.user)
    points = services.liaison_points(request.user)
    form = AssistedForm(request.POST or None)
    form.fields["service_point"].choices = [(p.pk, p.name) for p in points]
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        point = next(p for p in points if p.pk == data.pop("service_point"))
        data.pop("checked")
        try:
            started = services.start_signup(**data, address=client_address(request),
                                            liaison=request.user, service_point=point)  # fmt: skip
        except DomainError as exc:
            _add_errors(form, exc)
            status = 429 if exc.status_code == 429 else 400
        else:
            request.session[ASSISTED_KEY] = started.pk
            messages.info(request, _("验证码已发送到村民的手机，请村民输入验证码并设置密码。"))
            return redirect("people:assisted-code")
    elif request.method == "POST":
        status = 400
    return render(request, "people/assisted.html", {"form": form}, status=status)


@login_required
@page_view
def assisted_code(request: HttpRequest) -> HttpResponse:
    """The villager enters the code from their phone and chooses a password; the account is
    created 现场核验 by this liaison at this point. The liaison stays signed in as themselves."""
    selectors.check_liaison(request.user)
    started = SignUp.objects.filter(
        pk=request.session.get(ASSISTED_KEY), completed_at__isnull=True, started_by=request.user
    ).first()
    if started is None:
        raise Http404(_("没有进行中的代为注册，请重新填写。"))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_signup(signup=started, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _add_errors(form, exc)
            status = 400
        else:
            request.session.pop(ASSISTED_KEY, None)
            messages.success(request, _("已为%(name)s开通账号（现场核验），村民可用手机号码登录。")
                             % {"name": started.full_name})  # fmt: skip
            return redirect("people:assisted-signup")
    elif request.method == "POST":
        status = 400
    masked = f"{started.mobile[:3]}****{started.mobile[-4:]}"
    return render(request, "people/assisted_code.html",
                  {"form": form, "mobile": masked, "name": started.full_name}, status=status)  # fmt: skip


@login_required
@require_POST
@page_view
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    rep = selectors.representation_for(request.user, pk)
    services.revoke_representation(actor=request.user, representation=rep)
    return redirect("people:representations")
