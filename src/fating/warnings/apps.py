from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WarningsConfig(AppConfig):
    name = "fating.warnings"
    label = "warnings"
    verbose_name = _("预警联动")

    def ready(self) -> None:
        from fating.documents.kinds import register_kind
        from fating.documents.registry import register_matter
        from fating.warnings import selectors, suggestion
        from fating.warnings.hooks import connect_signals
        from fating.warnings.models import EarlyWarning

        register_kind(suggestion.JUDICIAL_SUGGESTION)
        connect_signals()
        register_matter(
            EarlyWarning,
            can_view=selectors.can_view_warning,
            can_manage=selectors.can_manage_warning,
        )
