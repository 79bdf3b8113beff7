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
]
