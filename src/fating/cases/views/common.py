"""What the cases pages share: the field labels errors are named with, and the parsers of
posted dates, times and ids (each raising FieldError naming the field)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fating.core.exceptions import FieldError

# Error messages name the field in Chinese (the wizard is used on phones by villagers).
FIELD_LABELS = {
    "court": gettext_lazy("管辖法院"),
    "tribunal": gettext_lazy("人民法庭"),
    "received_by": gettext_lazy("收件法院"),
    "cause": gettext_lazy("案由"),
    "facts": gettext_lazy("事实与理由"),
    "filer_capacity": gettext_lazy("提交身份"),
    "fee_kind": gettext_lazy("收费类别"),
    "consent_note": gettext_lazy("当事人同意记录"),
    "role": gettext_lazy("诉讼地位"),
    "kind": gettext_lazy("类型"),
    "name": gettext_lazy("姓名或名称"),
    "id_number": gettext_lazy("公民身份号码"),
    "uscc": gettext_lazy("统一社会信用代码"),
    "mobile": gettext_lazy("手机号码"),
    "address": gettext_lazy("住所"),
    "representative": gettext_lazy("法定代表人"),
    "text": gettext_lazy("诉讼请求"),
    "amount": gettext_lazy("金额"),
    "title": gettext_lazy("材料名称"),
    "file": gettext_lazy("文件"),
    "parties": gettext_lazy("当事人"),
    "claims": gettext_lazy("诉讼请求"),
    "power_of_attorney": gettext_lazy("授权委托书"),
    "items": gettext_lazy("补正事项"),
    "due_on": gettext_lazy("补正期限"),
    "reasons": gettext_lazy("理由"),
    "procedure": gettext_lazy("审理程序"),
    "grounds": gettext_lazy("申请理由"),
    "reduction_percent": gettext_lazy("减交比例"),
    "mode": gettext_lazy("开庭方式"),
    "starts_at": gettext_lazy("开始时间"),
    "ends_at": gettext_lazy("结束时间"),
    "judge": gettext_lazy("审判人员"),
    "participants": gettext_lazy("当事人"),
    "closure": gettext_lazy("结案方式"),
    "closed_on": gettext_lazy("结案日期"),
    "plaintiff_share": gettext_lazy("原告负担金额"),
    "is_filer": gettext_lazy("本人"),
    "type_code": gettext_lazy("类型代字"),
}


def _errors(exc: FieldError) -> list[str]:
    return [
        _("%(field)s：%(message)s") % {"field": FIELD_LABELS.get(k, k), "message": m}
        for k, msgs in exc.fields.items()
        for m in msgs
    ]


def _date(raw: str, field: str) -> date:
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise FieldError({field: _("日期格式应为“2026-03-01”。")}) from None


def _datetime(raw: str, field: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        raise FieldError({field: _("时间格式应为“2026-03-01T09:00”。")}) from None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def optional_date(raw: str | None, field: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FieldError({field: _("日期格式应为“2026-03-01”。")}) from None


def _id(raw: str | None, field: str) -> int:
    if not raw or not raw.isdigit():
        raise FieldError({field: _("请选择。")})
    return int(raw)
