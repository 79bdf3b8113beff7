from django.urls import path

from fating.enforcement import views

app_name = "enforcement"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("command/", views.command, name="command"),
    path("apply/<int:agreement_pk>/", views.apply, name="apply"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/do/<slug:name>/", views.act, name="act"),
]
