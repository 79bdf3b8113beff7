from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreservationConfig(AppConfig):
    name = "fating.preservation"
    label = "preservation"
    verbose_name = _("财产保全")

    def ready(self) -> None:
        from fating.cases.case_tabs import Tab, register_tab

        register_tab(Tab("preservation", _("保全"), ""), "preservation:case")
