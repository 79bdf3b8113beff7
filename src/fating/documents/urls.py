from django.urls import path

from fating.documents import views

app_name = "documents"
_dossier = "dossiers/<str:matter_type>/<int:matter_id>/"
urlpatterns = [
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/docx/", views.document_download, {"fmt": "docx"}, name="document-docx"),
    path("<int:pk>/pdf/", views.document_download, {"fmt": "pdf"}, name="document-pdf"),
    path("new/<str:matter_type>/<int:matter_id>/", views.document_generate, name="document-new"),
    path(_dossier, views.dossier, name="dossier"),
    path(_dossier + "add/", views.dossier_add, name="dossier-add"),
    path(_dossier + "archive/", views.dossier_archive, name="dossier-archive"),
    path(_dossier + "archive.zip", views.dossier_archive_download, name="dossier-archive-download"),
]
