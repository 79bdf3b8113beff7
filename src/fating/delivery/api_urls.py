from django.urls import path

from fating.delivery import api

app_name = "delivery-api"
urlpatterns = [
    path("recipients/<str:matter_type>/<int:matter_id>/", api.recipients, name="recipients"),
    path("consents/", api.consents, name="consents"),
    path("consents/<int:pk>/withdraw/", api.withdraw_consent, name="withdraw-consent"),
    path("services/", api.service_list, name="services"),
    path("services/<int:pk>/", api.service_detail, name="service"),
    path("services/<int:pk>/attempts/", api.add_attempt, name="add-attempt"),
    path("services/<int:pk>/certificate/", api.certificate, name="certificate"),
    path("attempts/<int:pk>/outcome/", api.outcome, name="outcome"),
    path("inbox/", api.inbox, name="inbox"),
    path("inbox/<int:pk>/document/", api.inbox_document, name="inbox-document"),
    path("inbox/<int:pk>/acknowledge/", api.acknowledge, name="acknowledge"),
    path("inbox/<int:pk>/paper-copy/", api.paper_copy, name="paper-copy"),
]
