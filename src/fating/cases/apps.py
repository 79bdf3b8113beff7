from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "fating.cases"
    label = "cases"
    verbose_name = _("立案与审判")

    def ready(self) -> None:
        # Filings and cases own documents and a dossier in the documents app, when installed.
        try:
            from fating.documents.registry import register_matter
        except ImportError:
            return
        from fating.cases import selectors
        from fating.cases.models import Case, Filing

        register_matter(
            Case,
            can_view=lambda user, case: selectors.cases_for(user).filter(pk=case.pk).exists(),
            can_manage=selectors.can_manage_case,
        )
        register_matter(
            Filing,
            can_view=lambda user, filing: selectors.filings_for(user).filter(pk=filing.pk).exists(),
            can_manage=selectors.can_review,
        )
