"""Login security hooked onto Django's auth signals, so every door (our pages, the admin, the API) counts
failures and stamps sessions the same way."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import User
from .passwords import remember_password
from .security import API_TOKEN_KEY, clear_failures, client_ip, login_path, note_failure
from .sessions import OTP_PENDING, kill_sessions, stamp_login


@receiver(user_login_failed, dispatch_uid="accounts.count_failure")
def count_failure(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or API_TOKEN_KEY
    note_failure(str(username), client_ip(request), login_path(request))


@receiver(user_logged_in, dispatch_uid="accounts.stamp_login")
def on_login(sender, request, user, **kwargs):
    stamp_login(request, user)
    if not request.session.get(OTP_PENDING):
        clear_failures(user.get_username(), client_ip(request))


@receiver(post_save, sender=User, dispatch_uid="accounts.user_saved")
def on_user_saved(sender, instance: User, created=False, raw=False, **kwargs):
    if raw:
        return
    if created:
        remember_password(instance)  # create_user sets the hash directly, without password_changed
    if not instance.is_active:
        kill_sessions(instance.pk)
