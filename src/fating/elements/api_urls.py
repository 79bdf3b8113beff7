from django.urls import path

from fating.elements import api

app_name = "elements-api"
urlpatterns = [
    path("cases/<int:pk>/", api.case_sheet, name="case"),
    path("cases/<int:pk>/answers/", api.fill, name="fill"),
    path("cases/<int:pk>/findings/", api.mark, name="mark"),
]
