"""Back-office for users. 三员分立: only the security administrator changes accounts and rights; the system
and audit administrators may look. Nobody can make a superuser here; a new or reset password must be
changed by its owner at the next login."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm

from .models import ADMIN_ROLES, ROLES_MANAGING_RIGHTS, User


class ResetPasswordForm(AdminPasswordChangeForm):
    def save(self, commit: bool = True):
        self.user.must_change_password = True
        return super().save(commit=commit)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "display_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")
    readonly_fields = ("is_superuser", "last_login", "date_joined", "password_changed_at")
    change_password_form = ResetPasswordForm
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("角色与安全", {"fields": ("role", "display_name", "must_change_password", "password_changed_at")}),
    )

    @staticmethod
    def _manages_rights(request) -> bool:
        return getattr(request.user, "role", None) in ROLES_MANAGING_RIGHTS

    def has_view_permission(self, request, obj=None):
        return getattr(request.user, "role", None) in ADMIN_ROLES and super().has_view_permission(
            request, obj
        )

    def has_add_permission(self, request):
        return self._manages_rights(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._manages_rights(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are disabled, never deleted: their audit trail points at them

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += ["role", "is_staff", "groups", "user_permissions"]  # no raising one's own rights
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.must_change_password = True
        super().save_model(request, obj, form, change)
