from django.urls import path

from fating.evaluation import views

app_name = "evaluation"

APPRAISAL_ACTIONS = ("decision", "fee", "abandon", "commission", "report", "objections", "summon")
EVALUATION_ACTIONS = ("opinion", "acknowledge", "withdraw")
urlpatterns = [
    path("", views.index, name="list"),
    path("cases/<int:pk>/", views.case_tab, name="case"),
    path("disputes/<int:pk>/", views.dispute_page, name="dispute"),
    path("appraisals/<int:pk>/", views.appraisal_detail, name="appraisal"),
    *[
        path(f"appraisals/<int:pk>/{a}/", views.appraisal_act, {"action": a}, name=f"appraisal-{a}")
        for a in APPRAISAL_ACTIONS
    ],
    path("neutral/<int:pk>/", views.evaluation_detail, name="evaluation"),
    *[
        path(f"neutral/<int:pk>/{a}/", views.evaluation_act, {"action": a}, name=f"evaluation-{a}")
        for a in EVALUATION_ACTIONS
    ],
]
