from django.urls import path
from rest_framework.routers import SimpleRouter

from fating.knowledge import api, api_education

router = SimpleRouter()
router.register("laws", api.LawViewSet, basename="law")
router.register("articles", api.ArticleViewSet, basename="article")
router.register("cases", api.CaseViewSet, basename="case")
router.register("qa", api_education.QuestionViewSet, basename="question")
router.register("orders", api_education.OrderViewSet, basename="order")
router.register("rules", api_education.VillageRulesViewSet, basename="village-rules")

app_name = "knowledge-api"
urlpatterns = [
    path("push/", api.push, name="push"),
    path("search/", api.search_view, name="search"),
    *router.urls,
]
