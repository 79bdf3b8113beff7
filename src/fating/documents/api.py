"""REST API for documents and dossiers. Thin: visibility from selectors, writes through services."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from fating.core.exceptions import InvalidTransition
from fating.core.fields import model_field
from fating.core.rest import JSONParser
from fating.core.schema import LIST_OF_OBJECTS
from fating.documents import selectors, services
from fating.documents.kinds import all_kinds, get_kind
from fating.documents.models import Document, Dossier, DossierEntry

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


def file_response(data: bytes, *, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-SHA256"] = hashlib.sha256(data).hexdigest()
    return response


class GeneratedDocumentSerializer(serializers.ModelSerializer):
    kind_name = serializers.SerializerMethodField()
    matter_type = serializers.SerializerMethodField()
    generated_by_name = serializers.CharField(source="generated_by.display_name", read_only=True)
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "kind_name",
            "template_version",
            "title",
            "matter_type",
            "matter_id",
            "context",
            "docx_sha256",
            "docx_size",
            "pdf_sha256",
            "pdf_size",
            "generated_by",
            "generated_by_name",
            "created_at",
            "supersedes",
            "docx_url",
            "pdf_url",
        ]

    def get_kind_name(self, obj: Document) -> str:
        spec = get_kind(obj.kind)
        return spec.name if spec else obj.kind

    def get_matter_type(self, obj: Document) -> str:
        return f"{obj.matter_type.app_label}.{obj.matter_type.model}"

    def get_docx_url(self, obj: Document) -> str:
        return reverse("documents-api:document-docx", args=[obj.pk])

    def get_pdf_url(self, obj: Document) -> str:
        return reverse("documents-api:document-pdf", args=[obj.pk])


class DossierEntrySerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    added_by_name = serializers.CharField(source="added_by.display_name", read_only=True)

    class Meta:
        model = DossierEntry
        fields = [
            "id",
            "seq",
            "title",
            "category",
            "category_label",
            "document",
            "original_name",
            "sha256",
            "size",
            "added_by",
            "added_by_name",
            "added_at",
            "prev_hash",
            "hash",
        ]


class GenerateDocumentSerializer(serializers.Serializer):
    matter_type = serializers.CharField(help_text="如 disputes.dispute", max_length=100)
    matter_id = serializers.IntegerField(min_value=1)
    kind = serializers.CharField(max_length=40)
    context = serializers.JSONField()
    supersedes = serializers.IntegerField(required=False, min_value=1)
    file_in_dossier = serializers.BooleanField(required=False, default=True)


class DossierAddSerializer(serializers.Serializer):
    title = model_field(DossierEntry, "title")
    category = serializers.CharField(max_length=DossierEntry._meta.get_field("category").max_length)
    file = serializers.FileField(required=False)
    document = serializers.IntegerField(required=False, min_value=1)


def _dossier_body(matter: Any, dossier: Dossier | None, user: Any) -> dict[str, Any]:
    check = selectors.verify_dossier(matter)
    entries = selectors.entries_of(dossier)
    label = matter._meta.label_lower
    return {
        "matter_type": label,
        "matter_id": matter.pk,
        "matter_label": selectors.matter_label(matter),
        "can_manage": selectors.can_manage_matter(user, matter),
        "entry_count": dossier.entry_count if dossier else 0,
        "head_hash": dossier.head_hash if dossier else None,
        "verified": check.ok,
        "problem": str(check.problem) if check.problem else None,
        "first_bad_seq": check.problem.seq if check.problem else None,
        "archived_at": dossier.archived_at if dossier else None,
        "archive_sha256": dossier.archive_sha256 if dossier and dossier.archive else None,
        "archive_url": (
            reverse("documents-api:dossier-archive-download", args=[label, matter.pk])
            if dossier and dossier.archive
            else None
        ),
        "entries": DossierEntrySerializer(entries, many=True).data,
        "documents": GeneratedDocumentSerializer(selectors.documents_of(matter), many=True).data,
    }


@extend_schema(summary="Document kinds and their context fields", responses={200: LIST_OF_OBJECTS})
@api_view(["GET"])
def kinds(request: Request) -> Response:
    return Response([spec.describe() for spec in all_kinds()])


@extend_schema(
    summary="Generate a document",
    request=GenerateDocumentSerializer,
    responses={201: GeneratedDocumentSerializer},
)
@api_view(["POST"])
def generate(request: Request) -> Response:
    serializer = GenerateDocumentSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    matter = selectors.matter_for(request.user, data["matter_type"], data["matter_id"], write=True)
    supersedes = None
    if data.get("supersedes"):
        supersedes = selectors.document_for(request.user, data["supersedes"], write=True)
    document = services.generate_document(
        actor=request.user,
        matter=matter,
        kind=data["kind"],
        context=data["context"],
        supersedes=supersedes,
        file_in_dossier=data["file_in_dossier"],
    )
    return Response(GeneratedDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


@extend_schema(summary="A document", responses={200: GeneratedDocumentSerializer})
@api_view(["GET"])
def document_detail(request: Request, pk: str) -> Response:
    return Response(GeneratedDocumentSerializer(selectors.document_for(request.user, pk)).data)


@extend_schema(summary="Download a document's DOCX or PDF (verified)", responses={200: bytes})
@api_view(["GET"])
def document_file(request: Request, pk: str, fmt: str) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    data = services.open_verified(document, fmt)
    return file_response(data, filename=f"{document.title}.{fmt}", fmt=fmt)


@extend_schema(summary="A matter's dossier with its verification", responses={200: dict})
@api_view(["GET"])
def dossier(request: Request, matter_type: str, matter_id: str) -> Response:
    matter = selectors.matter_for(request.user, matter_type, matter_id)
    return Response(_dossier_body(matter, selectors.dossier_of(matter), request.user))


@extend_schema(
    summary="Add a file or a document to a dossier",
    request=DossierAddSerializer,
    responses={201: DossierEntrySerializer},
)
@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser, JSONParser])
def dossier_add(request: Request, matter_type: str, matter_id: str) -> Response:
    matter = selectors.matter_for(request.user, matter_type, matter_id, write=True)
    serializer = DossierAddSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    document = None
    if data.get("document"):
        document = selectors.document_for(request.user, data["document"], write=True)
    entry = services.add_to_dossier(
        actor=request.user,
        matter=matter,
        title=data["title"],
        category=data["category"],
        upload=data.get("file"),
        document=document,
    )
    return Response(DossierEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


@extend_schema(
    summary="Archive a dossier (ZIP with manifest and 卷宗目录) and freeze it",
    request=None,
    responses={200: dict},
)
@api_view(["POST"])
def dossier_archive(request: Request, matter_type: str, matter_id: str) -> Response:
    matter = selectors.matter_for(request.user, matter_type, matter_id, write=True)
    archived = services.archive_dossier(actor=request.user, matter=matter)
    return Response(_dossier_body(matter, archived, request.user))


@extend_schema(summary="Download the dossier's archive ZIP (verified)", responses={200: bytes})
@api_view(["GET"])
def dossier_archive_download(request: Request, matter_type: str, matter_id: str) -> HttpResponse:
    matter = selectors.matter_for(request.user, matter_type, matter_id)
    found = selectors.dossier_of(matter)
    if found is None:
        raise InvalidTransition("卷宗尚未归档。")
    data = services.open_archive_verified(found)
    return file_response(data, filename=f"卷宗-{matter_type}-{matter_id}.zip", fmt="zip")
