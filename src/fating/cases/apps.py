from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "fating.cases"
    label = "cases"
    verbose_name = _("立案与审判")

    def ready(self) -> None:
        # Disputes sits below cases and asks for the court side through its port.
        from fating.cases.for_disputes import court_side
        from fating.disputes.court_side import plug_in

        plug_in(court_side())
        # Filings and cases own documents and a dossier in the documents app, when installed.
        try:
            from fating.documents.registry import register_matter
        except ImportError:
            return
        from fating.cases import selectors
        from fating.cases.models import Case, Filing
        from fating.cases.services.documents import CASE_KINDS, document_defaults

        # Managing a case's documents is "manage"; a filing's is its review.
        register_matter(
            Case,
            matters=lambda user, action: selectors.restrict(Case.objects.all(), user, action),
            kinds=CASE_KINDS,
            defaults=document_defaults,
        )
        register_matter(
            Filing,
            matters=lambda user, action: selectors.restrict(
                Filing.objects.all(), user, "review" if action == "manage" else action
            ),
        )
