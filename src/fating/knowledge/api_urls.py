from django.urls import path
from rest_framework.routers import SimpleRouter

from fating.knowledge import api

router = SimpleRouter()
router.register("laws", api.LawViewSet, basename="law")
router.register("articles", api.ArticleViewSet, basename="article")
router.register("cases", api.CaseViewSet, basename="case")

app_name = "knowledge-api"
urlpatterns = [
    path("push/", api.push, name="push"),
    path("search/", api.search_view, name="search"),
    *router.urls,
]
