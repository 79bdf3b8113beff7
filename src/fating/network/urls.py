from django.urls import path, register_converter

from fating.network import admin_views, imports_views, pickers, views


class KindConverter:
    """The kinds of the network the administrator keeps (admin_views.KINDS)."""

    regex = "courts|areas|tribunals|points|organisations|mediators|departments|liaisons"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "netkind")

app_name = "network"
urlpatterns = [
    path("map/", views.map_view, name="map"),
    path("pick/<str:kind>/", pickers.pick, name="pick"),
    path("points/", views.points, name="points"),
    path("points/<int:pk>/", views.point_detail, name="point"),
    path("points/<int:pk>/edit/", views.point_edit, name="point-edit"),
    path("liaisons/", views.liaisons, name="liaisons"),
    path("mediators/", views.mediators, name="mediators"),
    path("organisations/", views.organisations, name="organisations"),
    path("admin/", admin_views.admin_home, name="admin"),
    path("admin/import/", imports_views.import_page, name="admin-import"),
    path("admin/import/template.xlsx", imports_views.template, name="admin-import-template"),
    path("admin/liaisons/<int:pk>/training/", admin_views.liaison_training, name="admin-training"),
    path("admin/<netkind:kind>/", admin_views.admin_list, name="admin-list"),
    path("admin/<netkind:kind>/new/", admin_views.admin_create, name="admin-create"),
    path("admin/<netkind:kind>/<int:pk>/edit/", admin_views.admin_edit, name="admin-edit"),
    path("admin/<netkind:kind>/<int:pk>/close/", admin_views.admin_close, name="admin-close"),
]
