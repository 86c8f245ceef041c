"""The password backend with the lockout in front of it: every door that checks a password (our login page,
the admin's) goes through `authenticate`, so every door is locked the same way. The back-office permissions
of a role (三员分立) come from here too, so they need no per-user setup."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .security import client_ip, is_locked_out


class LockedOut(PermissionDenied):
    """Too many failures for this username from this address: no password is checked."""


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field_name(), "")
        if request is not None and is_locked_out(username or "", client_ip(request)):
            request._cf_locked_out = True
            # PermissionDenied stops every backend and signals user_login_failed, which is counted and audited.
            raise LockedOut
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def _username_field_name() -> str:
        from .models import User

        return User.USERNAME_FIELD

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own and group permissions plus those of their role (models.ROLE_PERMISSIONS)."""
        from .models import ROLE_PERMISSIONS

        permissions = super().get_all_permissions(user_obj, obj)
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return permissions
        return {*permissions, *ROLE_PERMISSIONS.get(getattr(user_obj, "role", ""), ())}
