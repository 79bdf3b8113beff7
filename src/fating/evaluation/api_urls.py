from django.urls import path

from fating.evaluation import api

app_name = "evaluation-api"
APPRAISAL_ACTIONS = ("decision", "fee", "abandon", "commission", "report", "objections", "summon")
EVALUATION_ACTIONS = ("opinion", "acknowledge", "withdraw")
urlpatterns = [
    path("appraisals/", api.appraisals, name="appraisals"),
    path("appraisals/<int:pk>/", api.appraisal, name="appraisal"),
    *[
        path(f"appraisals/<int:pk>/{a}/", getattr(api, f"appraisal_{a}"), name=f"appraisal-{a}")
        for a in APPRAISAL_ACTIONS
    ],
    path("neutral/", api.evaluations, name="evaluations"),
    path("neutral/<int:pk>/", api.evaluation, name="evaluation"),
    *[
        path(f"neutral/<int:pk>/{a}/", getattr(api, f"evaluation_{a}"), name=f"evaluation-{a}")
        for a in EVALUATION_ACTIONS
    ],
]
