from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from fating.core.models import AuditEvent

if TYPE_CHECKING:
    ModelAdmin = admin.ModelAdmin[Any]  # generic in the stubs only, not at run time
else:
    ModelAdmin = admin.ModelAdmin


class ReadOnlyAdmin(ModelAdmin):
    """Domain records change only through services (one transaction, one audit event), so the
    admin site may look but not touch."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the audit chain is written by services only."""

    list_display = (
        "seq",
        "created_at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "key_id",
    )
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "object_label", "actor_label", "request_id")
