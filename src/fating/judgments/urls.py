"""Mounted at the site root: the tab lives on the case page (/cases/<pk>/effect/, next to the
cases app's tabs), the forms under /judgments/."""

from django.urls import path

from fating.judgments import views

app_name = "judgments"

urlpatterns = [
    path("cases/<int:pk>/effect/", views.tab, name="tab"),
    path("judgments/cases/<int:pk>/issue/", views.issue, name="issue"),
    path("judgments/<int:pk>/act/", views.act, name="act"),
    path("judgments/appeals/<int:pk>/act/", views.appeal_act, name="appeal-act"),
    path("judgments/cases/<int:pk>/drafts/", views.draft_new, name="draft-new"),
    path("judgments/drafts/<int:pk>/", views.draft_page, name="draft"),
    path("judgments/drafts/<int:pk>/act/", views.draft_act, name="draft-act"),
    path(
        "judgments/litigations/<int:pk>/drafts/", views.litigation_drafts, name="litigation-drafts"
    ),
]
