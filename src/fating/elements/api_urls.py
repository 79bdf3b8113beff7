from django.urls import path

from fating.elements import api

app_name = "elements-api"
urlpatterns = [
    path("cases/<int:pk>/", api.case_sheet, name="case"),
    path("cases/<int:pk>/answers/", api.fill, name="fill"),
    path("cases/<int:pk>/findings/", api.mark, name="mark"),
    path("litigations/", api.litigation_list, name="litigations"),
    path("litigations/<int:pk>/", api.litigation_detail, name="litigation"),
    path(
        "litigations/<int:pk>/cases/<int:member>/confirm/",
        api.parallel_confirm,
        name="parallel-confirm",
    ),
    path(
        "litigations/<int:pk>/cases/<int:member>/exclude/",
        api.parallel_exclude,
        name="parallel-exclude",
    ),
]
