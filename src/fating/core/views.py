from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache

from fating.core.api_errors import json_error


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def bare(request: HttpRequest) -> HttpResponse:
    """The benchmark baseline: the cheapest response this server can give."""
    return HttpResponse(b"ok", content_type="text/plain")


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's own refusals (a malformed or oversized request, a bad host) before any view."""
    if _wants_json(request):
        if isinstance(exception, RequestDataTooBig):
            return json_error(413, "too_large", _("提交的数据过大。"))
        return json_error(400, "bad_request", _("请求无法解析。"))
    # Django's view never reads `exception`, so None is safe; the stubs ask for an Exception.
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return json_error(404, "not_found", _("未找到。"))
    return render(request, "errors/404.html", status=404)


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return json_error(403, "permission_denied", _("您没有执行该操作的权限。"))
    return render(request, "errors/403.html", status=403)


def handler500(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return json_error(500, "server_error", _("服务器内部错误，请稍后再试。"))
    return render(request, "errors/500.html", status=500)
