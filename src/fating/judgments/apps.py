from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudgmentsConfig(AppConfig):
    name = "fating.judgments"
    label = "judgments"
    verbose_name = _("裁判文书与生效")

    def ready(self) -> None:
        from fating.core import events
        from fating.documents.kinds import register_kind
        from fating.judgments import kinds
        from fating.judgments.subscribers import SUBSCRIPTIONS

        register_kind(kinds.ADJUDICATION)
        register_kind(kinds.EFFECT_CERTIFICATE)
        for pattern, subscriber in SUBSCRIPTIONS:
            events.subscribe(pattern, subscriber)
