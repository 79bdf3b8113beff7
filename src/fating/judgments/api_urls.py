from django.urls import path

from fating.judgments import api

app_name = "judgments-api"
urlpatterns = [
    path("adjudications/", api.adjudication_list, name="adjudications"),
    path("adjudications/<int:pk>/", api.adjudication_detail, name="adjudication"),
    path("adjudications/<int:pk>/appeals/", api.appeals, name="appeals"),
    path(
        "adjudications/<int:pk>/certificate-request/",
        api.certificate_request,
        name="certificate-request",
    ),
    path("adjudications/<int:pk>/certificate/", api.certificate, name="certificate"),
    path("appeals/<int:pk>/transfer/", api.transfer, name="transfer"),
    path("appeals/<int:pk>/result/", api.result, name="result"),
    path("drafts/", api.draft_list, name="drafts"),
    path("drafts/parallel/", api.draft_parallel, name="drafts-parallel"),
    path("drafts/<int:pk>/", api.draft_detail, name="draft"),
    path("drafts/<int:pk>/sign/", api.draft_sign, name="draft-sign"),
    path("drafts/<int:pk>/reopen/", api.draft_reopen, name="draft-reopen"),
    path("drafts/<int:pk>/issue/", api.draft_issue, name="draft-issue"),
]
