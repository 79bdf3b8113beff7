from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "fating.disputes"
    label = "disputes"
    verbose_name = _("纠纷与调解")

    def ready(self) -> None:
        from fating.disputes.models import Dispute
        from fating.disputes.selectors import can_manage_dispute, can_view_dispute
        from fating.documents.registry import register_matter

        register_matter(
            Dispute,
            can_view=can_view_dispute,
            can_manage=can_manage_dispute,
        )
