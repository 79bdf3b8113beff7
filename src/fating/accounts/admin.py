from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from fating.accounts import services
from fating.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("court", "tribunal", "service_point", "organisation")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("法庭E+"), {"fields": ("full_name", "mobile")}),
    )
    list_display = ("username", "full_name", "mobile", "is_active", "is_staff")
    search_fields = ("username", "full_name", "mobile")
    inlines = [MembershipInline]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        # Everything the form saved (the account and its memberships) is one audit event, which
        # the live chat re-checks membership on.
        super().save_related(request, form, formsets, change)
        memberships = [
            m.pk
            for formset in formsets
            if formset.model is Membership
            for m in [*formset.new_objects, *(o for o, _f in formset.changed_objects)]
        ]
        services.record_admin_change(
            actor=request.user, user=form.instance, fields=list(form.changed_data),
            memberships=memberships,
        )  # fmt: skip
