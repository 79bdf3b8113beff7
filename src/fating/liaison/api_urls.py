from django.urls import path

from fating.liaison import api

app_name = "liaison-api"
urlpatterns = [
    path("entries/", api.entries, name="entries"),
    path("entries/<str:pk>/", api.entry, name="entry"),
    path("entries/<str:pk>/feedback/", api.feedback, name="feedback"),
    path("entries/<str:pk>/rating/", api.rating, name="rating"),
    path("ratings/", api.rateable, name="ratings"),
    path("points/", api.points, name="points"),
    path("villages/", api.villages, name="villages"),
    path("villages/evaluate/", api.evaluate, name="evaluate"),
    path("villages/criteria/", api.threshold, name="threshold"),
    path("villages/<str:pk>/", api.village, name="village"),
    path("villages/<str:pk>/decide/", api.decide, name="decide"),
]
