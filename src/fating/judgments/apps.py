from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudgmentsConfig(AppConfig):
    name = "fating.judgments"
    label = "judgments"
    verbose_name = _("裁判文书与生效")

    def ready(self) -> None:
        from fating.analytics.sources import register_appeal_count
        from fating.core import events
        from fating.documents.kinds import register_kind
        from fating.judgments import kinds
        from fating.judgments.subscribers import SUBSCRIPTIONS

        register_kind(kinds.ADJUDICATION)
        register_kind(kinds.EFFECT_CERTIFICATE)
        register_kind(kinds.DRAFTED_ADJUDICATION)
        # 服判息诉率 and 发改率 on the dashboard's indicators (analytics imports no judgments).
        register_appeal_count("fating.judgments.selectors.court_appeal_counts")
        for pattern, subscriber in SUBSCRIPTIONS:
            events.subscribe(pattern, subscriber)
