from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "fating.enforcement"
    label = "enforcement"
    verbose_name = _("执行")

    def ready(self) -> None:
        from fating.core import events
        from fating.delivery.selectors import Recipient, register_recipients
        from fating.documents.kinds import register_kind
        from fating.documents.registry import register_matter
        from fating.enforcement import kinds, selectors
        from fating.enforcement.models import EnforcementCase
        from fating.enforcement.subscribers import SUBSCRIPTIONS

        for spec in (kinds.ENFORCEMENT_NOTICE, kinds.PROPERTY_REPORT_ORDER):
            register_kind(spec)
        # The notices are the case's documents ("manage": the court's enforcement staff) and
        # are served on its parties through delivery's desk.
        register_matter(
            EnforcementCase,
            matters=lambda user, action: selectors.restrict(
                EnforcementCase.objects.all(), user, action
            ),
            kinds=kinds.NOTICE_KINDS,
        )

        def recipients(case: Any) -> list[Recipient]:
            return [
                Recipient(f"enforcement.enforcementparty:{p.pk}", p.name, p.user, "", "")
                for p in case.parties.select_related("user").order_by("pk")
            ]

        register_recipients("enforcement.enforcementcase", recipients)
        for pattern, subscriber in SUBSCRIPTIONS:
            events.subscribe(pattern, subscriber)
