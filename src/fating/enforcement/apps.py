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

        for spec in (kinds.ENFORCEMENT_NOTICE, kinds.PROPERTY_REPORT_ORDER, kinds.MEASURE,
                     kinds.OBJECTION_RULING, kinds.IN_KIND_RULING):  # fmt: skip
            register_kind(spec)
        # An enforcement case owns its notices and decisions (执行通知书, 报告财产令, 限制消费令,
        # 失信决定书, 异议裁定, 以物抵债裁定) and a dossier; its parties (and online objectors) are served
        # through delivery's desk.
        register_matter(
            EnforcementCase,
            matters=lambda user, action: selectors.restrict(
                EnforcementCase.objects.all(), user, action
            ),
            kinds=(
                *kinds.NOTICE_KINDS,
                kinds.MEASURE.kind,
                kinds.OBJECTION_RULING.kind,
                kinds.IN_KIND_RULING.kind,
            ),
        )

        def recipients(case: EnforcementCase) -> list[Recipient]:
            rows = [Recipient(f"enforcement.enforcementparty:{p.pk}", p.name, p.user, "", "")
                    for p in case.parties.select_related("user").order_by("pk")]  # fmt: skip
            rows += [Recipient(f"enforcement.objection:{o.pk}", o.objector_name, o.objector_user, "", "")
                     for o in case.objections.select_related("objector_user").order_by("pk")]  # fmt: skip
            return rows

        register_recipients("enforcement.enforcementcase", recipients)
        for pattern, subscriber in SUBSCRIPTIONS:
            events.subscribe(pattern, subscriber)
        for name in ("complete", "terminate", "refuse"):
            events.subscribe(
                f"enforcement.case.{name}", "fating.enforcement.services_measures.lift_on_closure"
            )
