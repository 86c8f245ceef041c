"""Audit entries for what Django and accounts signal: logins and failures, logouts, the second factor,
session timeouts, and changes of a user's rights (role, active, staff/superuser, groups, permissions)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from cadreforge.accounts.models import User
from cadreforge.accounts.security import client_ip, login_path
from cadreforge.accounts.signals import second_factor_enrolled, second_factor_verified, session_expired

from .context import current_actor
from .services import record, record_after_rollback

RIGHTS_FIELDS = ("role", "is_active", "is_staff", "is_superuser")


@receiver(user_logged_in, dispatch_uid="audit.login")
def on_login(sender, request, user, **kwargs):
    record(user, "auth.login", user, {"path": login_path(request)}, ip=client_ip(request))


@receiver(user_logged_out, dispatch_uid="audit.logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(user, "auth.logout", user, {}, ip=client_ip(request))


@receiver(user_login_failed, dispatch_uid="audit.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    changes = {"path": login_path(request), "locked_out": bool(getattr(request, "_cf_locked_out", False))}
    record_after_rollback(
        username or "匿名",
        "auth.login_failed",
        changes=changes,
        ip=client_ip(request),
        object_type="accounts.user",
        object_repr=username,
    )


@receiver(second_factor_enrolled, dispatch_uid="audit.otp_enrolled")
def on_otp_enrolled(sender, user, request, kind, **kwargs):
    record(user, "auth.otp_enrol", user, {"kind": kind}, ip=client_ip(request))


@receiver(second_factor_verified, dispatch_uid="audit.otp_verified")
def on_otp_verified(sender, user, request, **kwargs):
    record(user, "auth.otp_verify", user, {}, ip=client_ip(request))


@receiver(session_expired, dispatch_uid="audit.session_expired")
def on_session_expired(sender, user, request, reason, **kwargs):
    record(user, "auth.session_expired", user, {"reason": reason}, ip=client_ip(request))


@receiver(pre_save, sender=User, dispatch_uid="audit.user_rights_before")
def remember_rights(sender, instance: User, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._cf_rights_before = None
        return
    before = User.objects.filter(pk=instance.pk).values(*RIGHTS_FIELDS).first()
    instance._cf_rights_before = before


@receiver(post_save, sender=User, dispatch_uid="audit.user_rights_after")
def record_rights_change(sender, instance: User, created: bool, raw=False, **kwargs):
    if raw:
        return
    after = {name: getattr(instance, name) for name in RIGHTS_FIELDS}
    if created:
        record(current_actor(), "user.create", instance, {"after": after})
        return
    before = getattr(instance, "_cf_rights_before", None) or {}
    changed = {k: [before.get(k), v] for k, v in after.items() if k in before and before[k] != v}
    if changed:
        record(current_actor(), "user.rights_change", instance, {"changed": changed})


def _record_m2m(action_name: str):
    def handler(sender, instance, action, pk_set, reverse=False, **kwargs):
        if action not in {"post_add", "post_remove", "post_clear"}:
            return
        users = [instance] if not reverse else list(User.objects.filter(pk__in=pk_set or []))
        for user in users:
            changes = {
                "action": action.removeprefix("post_"),
                "ids": sorted(pk_set or []) if not reverse else [instance.pk],
            }
            record(current_actor(), action_name, user, changes)

    return handler


m2m_changed.connect(
    _record_m2m("user.groups_change"), sender=User.groups.through, dispatch_uid="audit.groups", weak=False
)
m2m_changed.connect(
    _record_m2m("user.permissions_change"),
    sender=User.user_permissions.through,
    dispatch_uid="audit.perms",
    weak=False,
)
