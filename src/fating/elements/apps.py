from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElementsConfig(AppConfig):
    name = "fating.elements"
    label = "elements"
    verbose_name = _("要素式审判")

    def ready(self) -> None:
        from fating.cases.case_tabs import Tab, register_tab

        register_tab(Tab("elements", _("要素表"), ""), "elements:case")
