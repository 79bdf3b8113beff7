from django.urls import path

from fating.documents import api

app_name = "documents-api"
_dossier = "dossiers/<str:matter_type>/<int:matter_id>/"
urlpatterns = [
    path("kinds/", api.kinds, name="kinds"),
    path("documents/", api.generate, name="generate"),
    path("documents/<int:pk>/", api.document_detail, name="document"),
    path("documents/<int:pk>/docx/", api.document_file, {"fmt": "docx"}, name="document-docx"),
    path("documents/<int:pk>/pdf/", api.document_file, {"fmt": "pdf"}, name="document-pdf"),
    path(_dossier, api.dossier, name="dossier"),
    path(_dossier + "entries/", api.dossier_add, name="dossier-add"),
    path(_dossier + "archive/", api.dossier_archive, name="dossier-archive"),
    path(_dossier + "archive.zip", api.dossier_archive_download, name="dossier-archive-download"),
]
