from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "fating.liaison"
    label = "liaison"
    verbose_name = _("日常联络")

    def ready(self) -> None:
        from fating.core.events import subscribe

        # The acts the system already knows become diary entries of the liaison who did them:
        # a dispute the liaison reported, a filing they submitted for a party, a document they
        # served in person (issue 17, 日常联络).
        for pattern in ("disputes.dispute.report", "cases.filing.submit",
                        "delivery.attempt.outcome"):  # fmt: skip
            subscribe(pattern, "fating.liaison.subscribers.on_event")
