from django.urls import path

from fating.elements import views

app_name = "elements"

urlpatterns = [
    path("cases/<int:pk>/", views.case_elements, name="case"),
    path("cases/<int:pk>/answers/", views.fill, name="fill"),
    path("cases/<int:pk>/findings/", views.mark, name="mark"),
]
