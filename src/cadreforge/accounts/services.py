"""Writes of login security: second-factor devices, the forced password change, session ends."""

import segno
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest

from cadreforge.core import crypto
from cadreforge.core.errors import DomainError

from . import otp
from .models import OtpDevice, User
from .security import clear_failures, client_ip, is_locked_out, lockout_message
from .sessions import OTP_PENDING
from .signals import second_factor_enrolled, second_factor_verified

ISSUER = "CadreForge"


def has_confirmed_device(user: User) -> bool:
    return OtpDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def start_enrolment(user: User, kind: str | None = None) -> OtpDevice:
    """A new, not yet confirmed device with a fresh secret; an earlier unconfirmed one is dropped."""
    kind = kind or settings.CADREFORGE_OTP_DEFAULT_KIND
    otp.algorithm(kind)  # an unknown kind fails here, not at the first login
    OtpDevice.objects.filter(user=user, confirmed=False).delete()
    secret = otp.b32(otp.new_secret())
    return OtpDevice.objects.create(user=user, kind=kind, secret_cipher=crypto.encrypt(secret))


def pending_device(user: User) -> OtpDevice | None:
    return OtpDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def _secret(device: OtpDevice) -> bytes:
    import base64

    text = crypto.decrypt(device.secret_cipher)
    return base64.b32decode(text + "=" * (-len(text) % 8))


def provisioning_uri(device: OtpDevice) -> str:
    return otp.algorithm(device.kind).provisioning_uri(_secret(device), device.user.get_username(), ISSUER)


def secret_text(device: OtpDevice) -> str:
    return crypto.decrypt(device.secret_cipher)


def qr_data_uri(uri: str) -> str:
    """The enrolment QR code as an SVG data URI (no external service, no inline script)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5)


def _matches(device: OtpDevice, code: str) -> bool:
    counter = otp.match_counter(otp.algorithm(device.kind), _secret(device), code, device.last_counter)
    if counter is None:
        return False
    device.last_counter = counter
    device.save(update_fields=["last_counter"])
    return True


def _fail(request: HttpRequest, user: User) -> None:
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


def confirm_enrolment(request: HttpRequest, user: User, code: str) -> None:
    """Turn the pending device on when the code from the phone matches; other devices are retired.
    Not one transaction: a wrong code's failure record must stay when the error is raised."""
    device = pending_device(user)
    if device is None:
        raise DomainError("没有待启用的动态口令设备，请重新开始绑定。")
    _guard_lockout(request, user)
    if not _matches(device, code):
        _fail(request, user)
        raise DomainError("动态口令不正确，请核对手机上显示的6位数字（注意手机时间是否准确）。")
    with transaction.atomic():
        OtpDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    request.session.pop(OTP_PENDING, None)
    second_factor_enrolled.send(sender=User, user=user, request=request, kind=device.kind)


def _guard_lockout(request: HttpRequest, user: User) -> None:
    if is_locked_out(user.get_username(), client_ip(request)):
        raise DomainError(lockout_message())


def verify_second_factor(request: HttpRequest, user: User, code: str) -> None:
    """The second login step: a code of one of the user's devices, each code usable once. Failures count
    toward the same lockout as wrong passwords."""
    _guard_lockout(request, user)
    devices = OtpDevice.objects.filter(user=user, confirmed=True)
    if not any(_matches(device, code) for device in devices):
        _fail(request, user)
        raise DomainError("动态口令不正确或已使用过，请输入手机上当前显示的6位数字。")
    request.session.pop(OTP_PENDING, None)
    clear_failures(user.get_username(), client_ip(request))
    second_factor_verified.send(sender=User, user=user, request=request)


def password_changed_by_owner(user: User) -> None:
    """The user chose a password themself: the initial/reset password no longer has to be changed."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
