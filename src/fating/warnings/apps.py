from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WarningsConfig(AppConfig):
    name = "fating.warnings"
    label = "warnings"
    verbose_name = _("预警联动")

    def ready(self) -> None:
        from fating.analytics.mapdata import register_area_count
        from fating.analytics.sources import register_suggestion_count
        from fating.core import events
        from fating.documents.kinds import register_kind
        from fating.documents.registry import register_matter
        from fating.warnings import selectors, suggestion
        from fating.warnings.models import EarlyWarning
        from fating.warnings.subscribers import SUBSCRIPTIONS

        register_kind(suggestion.JUDICIAL_SUGGESTION)
        register_area_count("open_warnings", "fating.warnings.selectors.open_warnings_by_area")
        register_suggestion_count("fating.warnings.selectors.suggestions_count")
        for pattern, subscriber in SUBSCRIPTIONS:
            events.subscribe(pattern, subscriber)
        register_matter(
            EarlyWarning,
            can_view=selectors.can_view_warning,
            can_manage=selectors.can_manage_warning,
        )
