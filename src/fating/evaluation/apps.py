from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "fating.evaluation"
    label = "evaluation"
    verbose_name = _("鉴定与中立评估")

    def ready(self) -> None:
        from fating.cases.case_tabs import Tab, register_tab
        from fating.disputes.links import DisputeLink, register_link
        from fating.documents.kinds import register_kind
        from fating.documents.registry import register_matter
        from fating.evaluation import kinds, selectors
        from fating.evaluation.models import NeutralEvaluation

        register_tab(Tab("appraisal", _("鉴定与评估"), ""), "evaluation:case")
        register_link(DisputeLink(_("中立评估"), "evaluation:dispute", selectors.sees_dispute_tab))
        register_kind(kinds.APPRAISAL_COMMISSION)
        register_kind(kinds.NEUTRAL_EVALUATION)
        # The opinion is the evaluation's own document: its readers are the evaluation's.
        register_matter(
            NeutralEvaluation,
            matters=lambda user, action: selectors.restrict(
                NeutralEvaluation.objects.all(), user, "view" if action == "view" else "issue"
            ),
            kinds=(kinds.NEUTRAL_EVALUATION.kind,),
        )
