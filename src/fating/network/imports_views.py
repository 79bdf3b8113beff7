"""The network workbook pages: template download and upload (dry run first, then for real)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from fating.core.http import page_view
from fating.network import forms, importing, workbook
from fating.network.admin_views import _admin_only

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@page_view
def template(request: HttpRequest) -> HttpResponse:
    _admin_only(request.user)
    response = HttpResponse(workbook.template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="network-template.xlsx"'
    return response


@login_required
@page_view
def import_page(request: HttpRequest) -> HttpResponse:
    _admin_only(request.user)
    form = forms.ImportForm(request.POST or None, request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("文件不能超过 5 MB。"))
        else:
            report = importing.import_network(
                actor=request.user, court=form.cleaned_data["court"],
                book=workbook.read(upload), dry_run=form.cleaned_data["dry_run"],
            )  # fmt: skip
    return render(request, "network/admin_import.html", {"form": form, "report": report,
                                                          "sheets": list(workbook.SHEETS)})  # fmt: skip
