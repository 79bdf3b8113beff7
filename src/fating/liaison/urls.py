from django.urls import path

from fating.liaison import views

app_name = "liaison"
urlpatterns = [
    path("log/", views.log, name="log"),
    path("log/new/", views.new, name="new"),
    path("log/<int:pk>/", views.entry, name="entry"),
    path("ratings/", views.ratings, name="ratings"),
    path("points/", views.points, name="points"),
    path("points/export.xlsx", views.points_export, name="points-export"),
    path("villages/", views.villages, name="villages"),
    path("villages/<int:pk>/", views.village, name="village"),
    path("villages/<int:pk>/decide/", views.decide, name="decide"),
]
