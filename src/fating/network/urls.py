from django.urls import path

from fating.network import pickers, views

app_name = "network"
urlpatterns = [
    path("map/", views.map_view, name="map"),
    path("pick/<str:kind>/", pickers.pick, name="pick"),
    path("points/", views.points, name="points"),
    path("points/<int:pk>/", views.point_detail, name="point"),
    path("points/<int:pk>/edit/", views.point_edit, name="point-edit"),
    path("liaisons/", views.liaisons, name="liaisons"),
    path("mediators/", views.mediators, name="mediators"),
    path("organisations/", views.organisations, name="organisations"),
]
