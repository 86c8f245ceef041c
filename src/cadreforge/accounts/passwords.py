"""Password rules of 等保三级: length (MinimumLengthValidator, 10), three of four character classes, no
reuse of the last five. Listed in settings.AUTH_PASSWORD_VALIDATORS, so every form that sets a password
(our change page, the admin) applies them."""

import string

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

CLASSES = (
    ("大写字母", set(string.ascii_uppercase)),
    ("小写字母", set(string.ascii_lowercase)),
    ("数字", set(string.digits)),
)


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digits and other characters (symbols, 汉字) the password uses."""
    count = sum(1 for _, chars in CLASSES if any(c in chars for c in password))
    known = set().union(*(chars for _, chars in CLASSES))
    return count + (1 if any(c not in known for c in password) else 0)


def remember_password(user) -> None:
    """Note the user's current password hash in the history and when it was set (once per hash)."""
    from .models import PasswordHistory, User

    if not user.password or not user.has_usable_password():
        return
    latest = PasswordHistory.objects.filter(user=user).values_list("password", flat=True).first()
    if latest == user.password:
        return
    PasswordHistory.objects.create(user=user, password=user.password)
    user.password_changed_at = timezone.now()
    User.objects.filter(pk=user.pk).update(password_changed_at=user.password_changed_at)


class ComplexityValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、其他符号四类中的至少{self.min_classes}类。"


class HistoryValidator:
    """Refuses the current password and the ones before it, `keep` in all; remembers each new one."""

    def __init__(self, keep: int = 5):
        self.keep = keep

    def _hashes(self, user) -> list[str]:
        from .models import PasswordHistory

        return list(PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.keep])

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        if any(check_password(password, old) for old in self._hashes(user)):
            raise ValidationError(f"新密码不能与最近{self.keep}次使用过的密码相同。", code="password_reused")

    def password_changed(self, password: str, user=None) -> None:
        from .models import PasswordHistory

        if user is None or user.pk is None:
            return
        remember_password(user)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[self.keep :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return f"不能与最近{self.keep}次使用过的密码相同。"
