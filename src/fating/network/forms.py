from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fating.accounts.models import COURT_ROLES, User
from fating.accounts.selectors import holders
from fating.network.models import (
    Area,
    Court,
    Department,
    Liaison,
    LiaisonTraining,
    MediationOrganisation,
    Mediator,
    ServicePoint,
    Tribunal,
)


class ServicePointForm(forms.ModelForm):
    """Edit form for the court administrator; validation of substance stays in the service."""

    class Meta:
        model = ServicePoint
        fields = [
            "name",
            "kind",
            "address",
            "longitude",
            "latitude",
            "paired_officer",
            "opened_on",
            "active",
        ]
        widgets = {"opened_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, court_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paired_officer"].queryset = holders(COURT_ROLES, court=court_id).order_by(
            "full_name"
        )
        self.fields["paired_officer"].label_from_instance = lambda u: u.display_name
        self.fields["paired_officer"].empty_label = _("（未指定）")


# --- the network administrator's forms (validation of substance stays in the services) -------


def _officers(field: forms.ModelChoiceField, court_ids: list[int]) -> None:
    officers = User.objects.none()
    for court_id in court_ids:
        officers = officers | holders(COURT_ROLES, court=court_id)
    field.queryset = officers.distinct().order_by("full_name")
    field.label_from_instance = lambda u: u.display_name
    field.empty_label = _("（未指定）")


class _AdminForm(forms.ModelForm):
    """A create/edit form of the network admin: choices limited to the courts `user` keeps."""

    date_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from fating.network import selectors

        self.user = user
        courts = selectors.administered_courts(user)
        court_ids = list(courts.values_list("pk", flat=True))
        scoped = {
            "court": courts.filter(active=True),
            "tribunal": selectors.tribunals_for(user).filter(court_id__in=court_ids, active=True),
            "organisation": selectors.organisations_for(user).filter(
                court_id__in=court_ids, active=True
            ),
            "service_point": selectors.service_points_for(user).filter(
                tribunal__court_id__in=court_ids, active=True
            ),
            "area": selectors.restrict(Area.objects.all(), user, "change"),
            "areas": selectors.restrict(Area.objects.all(), user, "change"),
            "parent": selectors.restrict(Area.objects.all(), user, "change").exclude(
                level=Area.Level.GRID
            ),
        }
        for name, field in self.fields.items():
            if name in scoped:
                field.queryset = scoped[name]
            if name == "paired_officer":
                _officers(field, court_ids)
            if name in self.date_fields:
                field.widget = forms.DateInput(attrs={"type": "date"})
        for name in getattr(self.Meta, "create_only", ()):
            if not creating:
                self.fields.pop(name, None)


class CourtAdminForm(_AdminForm):
    area_code = forms.CharField(label=_("辖区区划代码"), max_length=15,
                                help_text=_("县（区）的统计用区划代码，如 370321。"))  # fmt: skip
    area_name = forms.CharField(label=_("辖区名称"), max_length=60,
                                help_text=_("县（区）名称，如“青禾县”。"))  # fmt: skip

    class Meta:
        model = Court
        fields = ["name", "code", "province"]
        create_only = ("area_code", "area_name")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].required = False


class AreaAdminForm(_AdminForm):
    year = forms.IntegerField(label=_("人口统计年度"), required=False, min_value=1949,
                              max_value=2100, help_text=_("填写后登记该年度常住人口。"))  # fmt: skip
    headcount = forms.IntegerField(label=_("常住人口"), required=False, min_value=0,
                                   max_value=100_000_000, help_text=_("该年度常住人口（人）。"))  # fmt: skip

    class Meta:
        model = Area
        fields = ["parent", "code", "level", "name"]
        create_only = ("parent", "code", "level")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "parent" in self.fields:
            self.fields["parent"].required = True
            self.fields["level"].choices = [
                c for c in Area.Level.choices if c[0] != Area.Level.COUNTY
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (data.get("year") is None) != (data.get("headcount") is None):
            raise forms.ValidationError(_("人口统计年度和常住人口需同时填写。"))
        return data


class TribunalAdminForm(_AdminForm):
    class Meta:
        model = Tribunal
        fields = ["court", "name", "kind", "address", "phone", "areas"]
        create_only = ("court", "areas")


class PointAdminForm(_AdminForm):
    date_fields = ("opened_on",)

    class Meta:
        model = ServicePoint
        fields = ["tribunal", "name", "kind", "address", "longitude", "latitude",
                  "paired_officer", "opened_on", "areas"]  # fmt: skip
        create_only = ("tribunal", "areas")


class OrganisationAdminForm(_AdminForm):
    class Meta:
        model = MediationOrganisation
        fields = ["court", "name", "kind", "area", "is_court_invited", "phone"]
        create_only = ("court",)


class MediatorAdminForm(_AdminForm):
    class Meta:
        model = Mediator
        fields = ["organisation", "name", "kind", "phone", "is_gold", "is_retired_judge"]


class DepartmentAdminForm(_AdminForm):
    class Meta:
        model = Department
        fields = ["court", "name", "kind", "area", "phone"]
        create_only = ("court",)


class LiaisonAdminForm(_AdminForm):
    date_fields = ("appointed_on",)

    class Meta:
        model = Liaison
        fields = ["service_point", "name", "kind", "phone", "area", "appointed_on",
                  "paired_officer"]  # fmt: skip


class TrainingForm(forms.ModelForm):
    class Meta:
        model = LiaisonTraining
        fields = ["held_on", "topic", "hours"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}


class ImportForm(forms.Form):
    court = forms.ModelChoiceField(queryset=Court.objects.none(), label=_("法院"),
                                   help_text=_("导入到哪个法院的网络。"))  # fmt: skip
    file = forms.FileField(label=_("网络表格（XLSX）"),
                           help_text=_("按模板填写的 Excel 文件，不超过 5 MB。"))  # fmt: skip
    dry_run = forms.BooleanField(label=_("只预览，不写入"), required=False, initial=True,
                                 help_text=_("先预览检查，无误后取消勾选再正式导入。"))  # fmt: skip

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from fating.network import selectors

        self.fields["court"].queryset = selectors.administered_courts(user).filter(active=True)
        self.fields["court"].empty_label = None
