from django.urls import path

from fating.warnings import api

app_name = "warnings-api"
urlpatterns = [
    path("", api.warning_list, name="list"),
    path("incidents/", api.incident_create, name="incident"),
    path("rules/", api.rule_list, name="rules"),
    path("rules/<int:pk>/", api.rule_detail, name="rule"),
    path("<int:pk>/", api.warning_detail, name="detail"),
    path("<int:pk>/assess/", api.warning_assess, name="assess"),
    path("<int:pk>/act/", api.warning_act, name="act"),
    path("<int:pk>/suggest/", api.warning_suggest, name="suggest"),
    path("<int:pk>/actions/<int:action_id>/reply/", api.action_reply, name="reply"),
    path("<int:pk>/close/", api.warning_close, name="close"),
]
