from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "fating.analytics"
    label = "analytics"
    verbose_name = _("治理分析")

    def ready(self) -> None:
        from fating.analytics.subscribers import SUBSCRIPTIONS
        from fating.core import events

        for pattern, subscriber in SUBSCRIPTIONS:
            events.subscribe(pattern, subscriber)
