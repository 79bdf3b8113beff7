from django.contrib import admin

from fating.core.admin import ReadOnlyAdmin
from fating.network import models


@admin.register(models.Area)
class AreaAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "population", "population_year")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(models.Court)
class CourtAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "province")


@admin.register(models.Tribunal)
class TribunalAdmin(ReadOnlyAdmin):
    list_display = ("name", "court")


@admin.register(models.ServicePoint)
class ServicePointAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "tribunal", "active")
    list_filter = ("kind", "active", "tribunal")
    search_fields = ("name", "address")


@admin.register(models.MediationOrganisation)
class MediationOrganisationAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "is_court_invited")
    list_filter = ("kind", "is_court_invited")
    search_fields = ("name",)


@admin.register(models.Mediator)
class MediatorAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "organisation", "active")
    list_filter = ("kind", "active")
    search_fields = ("name",)


@admin.register(models.Liaison)
class LiaisonAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "service_point", "active")
    list_filter = ("kind", "active")
    search_fields = ("name",)
