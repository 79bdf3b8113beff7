from django.urls import path

from fating.elements import views

app_name = "elements"

urlpatterns = [
    path("cases/<int:pk>/", views.case_elements, name="case"),
    path("cases/<int:pk>/answers/", views.fill, name="fill"),
    path("cases/<int:pk>/findings/", views.mark, name="mark"),
    path("litigations/", views.litigations, name="litigations"),
    path("litigations/new/<int:pk>/", views.litigation_new, name="litigation-new"),
    path("litigations/<int:pk>/", views.litigation, name="litigation"),
    path(
        "litigations/<int:pk>/cases/<int:member>/confirm/",
        views.parallel_act,
        {"action": "confirm"},
        name="parallel-confirm",
    ),
    path(
        "litigations/<int:pk>/cases/<int:member>/exclude/",
        views.parallel_act,
        {"action": "exclude"},
        name="parallel-exclude",
    ),
]
