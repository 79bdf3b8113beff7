"""REST API of the knowledge app. Thin: reads from selectors/search, the push from push.py."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import FieldError, NotPermitted
from fating.knowledge import search, selectors
from fating.knowledge.models import Article, Law, TypicalCase
from fating.knowledge.push import push_for_text

MAX_PUSH_TEXT = 20000


class LawSerializer(serializers.ModelSerializer):
    class Meta:
        model = Law
        fields = [
            "id", "title", "subtitle", "category", "version_date", "source_path", "is_current",
        ]  # fmt: skip


class ArticleSerializer(serializers.ModelSerializer):
    law_name = serializers.CharField(source="law.short_name", read_only=True)

    class Meta:
        model = Article
        fields = [
            "id", "law", "law_name", "number", "label", "book", "part", "chapter", "section",
            "text",
        ]  # fmt: skip


class TypicalCaseSerializer(serializers.ModelSerializer):
    topic_label = serializers.CharField(source="get_topic_display", read_only=True)

    class Meta:
        model = TypicalCase
        fields = [
            "id", "origin", "title", "headline", "cause", "topic", "topic_label", "facts",
            "holding", "result", "significance", "source",
        ]  # fmt: skip


class LawViewSet(viewsets.ReadOnlyModelViewSet):
    """Current versions of statutes (the whole library is public)."""

    serializer_class = LawSerializer

    def get_queryset(self):
        return (
            Law.objects.all() if self.action == "retrieve" else Law.objects.filter(is_current=True)
        )


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Published typical cases, anonymised where they are a court's own."""

    serializer_class = TypicalCaseSerializer

    def get_queryset(self):
        return selectors.public_cases().order_by("topic", "title")


class PushRequest(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_PUSH_TEXT)
    cause = serializers.CharField(max_length=60, required=False, allow_blank=True)
    k_cases = serializers.IntegerField(min_value=0, max_value=20, default=5)
    k_articles = serializers.IntegerField(min_value=0, max_value=20, default=5)


@extend_schema(request=PushRequest, responses={200: dict})
@api_view(["POST"])
def push(request: Request) -> Response:
    """Similar cases and relevant articles for a matter's text, each with why (类案及法条推送)."""
    if not selectors.can_push(request.user):
        raise NotPermitted("类案推送仅向法院工作人员、调解员和联络员开放。")
    data = PushRequest(data=request.data)
    if not data.is_valid():
        if "text" in data.errors:
            raise FieldError({"text": "请提供纠纷或案件的事实描述。"})
        data.is_valid(raise_exception=True)
    v = data.validated_data
    result = push_for_text(
        v["text"], k_cases=v["k_cases"], k_articles=v["k_articles"], cause=v.get("cause", "")
    )
    return Response(result.as_dict())


@extend_schema(responses={200: dict})
@api_view(["GET"])
def search_view(request: Request) -> Response:
    """Full-text search over current articles and published cases; `q` is the query."""
    q = (request.query_params.get("q") or "").strip()[:200]
    if not q:
        raise FieldError({"q": "请输入检索词。"})
    return Response(
        {
            "q": q,
            "articles": [
                {**ArticleSerializer(h.obj).data, "score": round(h.score, 4), "snippet": str(h.snippet)}
                for h in search.search_articles(q, k=20)
            ],
            "cases": [
                {"id": h.obj.pk, "title": h.obj.title, "cause": h.obj.cause,
                 "score": round(h.score, 4), "snippet": str(h.snippet)}
                for h in search.search_cases(q, k=10)
            ],
        }
    )  # fmt: skip


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ArticleSerializer

    def get_queryset(self):
        qs = Article.objects.select_related("law")
        law = self.request.query_params.get("law")
        return qs.filter(law_id=law) if law and law.isdigit() else qs.filter(law__is_current=True)
