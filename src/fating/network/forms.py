from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fating.accounts.models import COURT_ROLES
from fating.accounts.selectors import holders
from fating.network.models import ServicePoint


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
