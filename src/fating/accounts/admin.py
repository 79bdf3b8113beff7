from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

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
