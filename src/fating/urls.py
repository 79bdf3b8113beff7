from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from fating.core import views as core_views

api_v1 = [
    path("", include("fating.accounts.api_urls")),
    path("network/", include("fating.network.api_urls")),
    path("disputes/", include("fating.disputes.api_urls")),
    path("cases/", include("fating.cases.api_urls")),
    path("documents/", include("fating.documents.api_urls")),
    path("knowledge/", include("fating.knowledge.api_urls")),
    path("conversations/", include("fating.conversations.api_urls")),
    path("delivery/", include("fating.delivery.api_urls")),
    path("enforcement/", include("fating.enforcement.api_urls")),
    path("warnings/", include("fating.warnings.api_urls")),
    path("analytics/", include("fating.analytics.api_urls")),
    path("elements/", include("fating.elements.api_urls")),
    path("preservation/", include("fating.preservation.api_urls")),
    path("evaluation/", include("fating.evaluation.api_urls")),
    path("calendar/", include("fating.core.api_urls_calendar")),
    path("judgments/", include("fating.judgments.api_urls")),
    path("inbox/", include("fating.inbox.api_urls")),
    path("liaison/", include("fating.liaison.api_urls")),
    path("contact/", include("fating.contact.api_urls")),
    path("people/", include("fating.people.api_urls")),
    path("trials/", include("fating.trials.api_urls")),
]

urlpatterns = [
    path("", include("fating.accounts.urls")),
    path("network/", include("fating.network.urls")),
    path("disputes/", include("fating.disputes.urls")),
    path("cases/", include("fating.cases.urls")),
    path("documents/", include("fating.documents.urls")),
    path("knowledge/", include("fating.knowledge.urls")),
    path("conversations/", include("fating.conversations.urls")),
    path("delivery/", include("fating.delivery.urls")),
    path("enforcement/", include("fating.enforcement.urls")),
    path("warnings/", include("fating.warnings.urls")),
    path("analytics/", include("fating.analytics.urls")),
    path("elements/", include("fating.elements.urls")),
    path("preservation/", include("fating.preservation.urls")),
    path("evaluation/", include("fating.evaluation.urls")),
    path("trials/", include("fating.trials.urls")),
    path("calendar/", include("fating.core.urls_calendar")),
    path("", include("fating.judgments.urls")),
    path("inbox/", include("fating.inbox.urls")),
    path("people/", include("fating.people.urls")),
    path("liaison/", include("fating.liaison.urls")),
    path("contact/", include("fating.contact.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file, so the CSP needs no inline code.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if getattr(settings, "FATING_BENCH", False):
    urlpatterns.append(path("bench/bare", core_views.bare, name="bench-bare"))

handler400 = "fating.core.views.handler400"
handler403 = "fating.core.views.handler403"
handler404 = "fating.core.views.handler404"
handler500 = "fating.core.views.handler500"
