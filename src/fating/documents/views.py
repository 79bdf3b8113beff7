"""Pages for documents and dossiers. Thin: visibility from selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fating.accounts.selectors import sees_technical_detail
from fating.core.exceptions import DomainError, FieldError
from fating.core.http import page_view
from fating.core.idempotency import idempotent_page
from fating.documents import generate_form, selectors, services
from fating.documents.api import file_response
from fating.documents.exceptions import IntegrityFailure
from fating.documents.kinds import get_kind
from fating.documents.models import DossierEntry


def _integrity_error(request: HttpRequest, exc: IntegrityFailure) -> HttpResponse:
    return render(
        request, "documents/integrity_error.html", {"message": exc.message}, status=exc.status_code
    )


@login_required
@page_view
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    spec = get_kind(document.kind)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "kind_name": spec.name if spec else document.kind,
            "matter": document.matter,
            "matter_type": f"{document.matter_type.app_label}.{document.matter_type.model}",
            "superseded_by": selectors.successor_of(document),
            "sees_detail": sees_technical_detail(
                request.user, getattr(document.matter, "court_id", None)
            ),
        },
    )


@login_required
@page_view
@idempotent_page
def document_generate(request: HttpRequest, matter_type: str, matter_id: int) -> HttpResponse:
    """Generate a document for a matter: choose the kind, then fill its form (prefilled from the
    matter). Those who may read the matter but not manage it get 403, others 404."""
    matter = selectors.matter_for(request.user, matter_type, matter_id, write=True)
    params = request.POST if request.method == "POST" else request.GET
    spec = generate_form.kind_for(matter, params.get("kind", ""))
    page: dict[str, object] = {
        "matter": matter,
        "matter_type": matter_type,
        "matter_label": selectors.matter_label(matter),
        "kinds": generate_form.kinds_for(matter),
        "spec": spec,
    }
    if spec is None:
        page["unknown_kind"] = bool(params.get("kind"))
        return render(request, "documents/document_generate.html", page)
    offered = generate_form.defaults_for(matter, spec.kind, request.GET)
    values: dict[str, object] = offered["context"]
    errors: dict[str, list[str]] = {}
    problem = ""
    file_in_dossier = True
    if request.method == "POST":
        values = generate_form.context_from(spec, request.POST)
        file_in_dossier = request.POST.get("file_in_dossier") == "on"
        try:
            with transaction.atomic():
                document = services.generate_document(
                    actor=request.user,
                    matter=matter,
                    kind=spec.kind,
                    context=values,
                    file_in_dossier=file_in_dossier,
                )
        except FieldError as exc:
            errors = generate_form.errors_by_field(exc.fields)
            problem = _("请修改下列标出的内容。")
        except DomainError as exc:
            if exc.status_code in (403, 404):
                raise
            problem = exc.message
        else:
            messages.success(request, _("已生成《%(name)s》") % {"name": spec.name})
            return redirect("documents:document", pk=document.pk)
    page.update(
        fields=generate_form.form_fields(spec, values, errors),
        pickers=offered["pickers"],
        problem=problem,
        file_in_dossier=file_in_dossier,
    )
    return render(request, "documents/document_generate.html", page, status=400 if problem else 200)


@login_required
@page_view
def document_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    try:
        data = services.open_verified(document, fmt)
    except IntegrityFailure as exc:
        return _integrity_error(request, exc)
    return file_response(data, filename=f"{document.title}.{fmt}", fmt=fmt)


@login_required
@page_view
def dossier(request: HttpRequest, matter_type: str, matter_id: int) -> HttpResponse:
    matter = selectors.matter_for(request.user, matter_type, matter_id)
    found = selectors.dossier_of(matter)
    return render(
        request,
        "documents/dossier.html",
        {
            "matter": matter,
            "matter_type": matter_type,
            "matter_label": selectors.matter_label(matter),
            "dossier": found,
            "entries": selectors.entries_of(found),
            "documents": selectors.documents_of(matter),
            "check": selectors.verify_dossier(matter),
            "can_manage": selectors.can_manage_matter(request.user, matter),
            "sees_detail": sees_technical_detail(request.user, getattr(matter, "court_id", None)),
            "categories": DossierEntry.Category.choices,
        },
    )


@require_POST
@login_required
@page_view
def dossier_add(request: HttpRequest, matter_type: str, matter_id: int) -> HttpResponse:
    matter = selectors.matter_for(request.user, matter_type, matter_id, write=True)
    try:
        entry = services.add_to_dossier(
            actor=request.user,
            matter=matter,
            title=request.POST.get("title", ""),
            category=request.POST.get("category", ""),
            upload=request.FILES.get("file"),
        )
    except FieldError as exc:
        for msgs in exc.fields.values():
            for msg in msgs:
                messages.error(request, msg)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("已加入卷宗：第%(seq)s项 %(title)s") % {"seq": entry.seq, "title": entry.title},
        )
    return redirect("documents:dossier", matter_type=matter_type, matter_id=matter_id)


@require_POST
@login_required
@page_view
def dossier_archive(request: HttpRequest, matter_type: str, matter_id: int) -> HttpResponse:
    matter = selectors.matter_for(request.user, matter_type, matter_id, write=True)
    try:
        services.archive_dossier(actor=request.user, matter=matter)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("卷宗已归档并冻结。"))
    return redirect("documents:dossier", matter_type=matter_type, matter_id=matter_id)


@login_required
@page_view
def dossier_archive_download(
    request: HttpRequest, matter_type: str, matter_id: int
) -> HttpResponse:
    matter = selectors.matter_for(request.user, matter_type, matter_id)
    found = selectors.dossier_of(matter)
    if found is None or not found.archive:
        messages.error(request, _("卷宗尚未归档。"))
        return redirect("documents:dossier", matter_type=matter_type, matter_id=matter_id)
    try:
        data = services.open_archive_verified(found)
    except IntegrityFailure as exc:
        return _integrity_error(request, exc)
    return file_response(data, filename=f"卷宗-{matter_type}-{matter_id}.zip", fmt="zip")
