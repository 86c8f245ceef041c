"""One-time passwords for the second login factor.

TOTP is RFC 6238 (HOTP of RFC 4226 over 30-second time steps). The algorithm is pluggable: a device's
`kind` names an `OtpAlgorithm` in settings.CADREFORGE_OTP_ALGORITHMS, so an SM3-based 国密 token (HMAC-SM3,
as in GM/T 0021) replaces HMAC-SHA1 without touching the login flow.
"""

import base64
import hashlib
import hmac
import os
import struct
import time
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, urlencode

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from django.conf import settings
from django.utils.module_loading import import_string

STEP_SECONDS = 30
DIGITS = 6
# Steps accepted either side of now: a phone clock a little off still works.
DRIFT_STEPS = 1


class OtpAlgorithm(Protocol):
    """What a second-factor device kind must provide."""

    label: str

    def code(self, secret: bytes, counter: int) -> str: ...

    def provisioning_uri(self, secret: bytes, account: str, issuer: str) -> str: ...


def hotp(mac: bytes, digits: int = DIGITS) -> str:
    """RFC 4226 dynamic truncation of a MAC into `digits` decimal digits."""
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


@dataclass(frozen=True)
class TotpSha1:
    """RFC 6238 TOTP with HMAC-SHA1: what every authenticator app (微信小程序、阿里云、Google…) reads."""

    label: str = "TOTP (HMAC-SHA1)"

    def code(self, secret: bytes, counter: int) -> str:
        return hotp(hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest())

    def provisioning_uri(self, secret: bytes, account: str, issuer: str) -> str:
        query = urlencode({"secret": b32(secret), "issuer": issuer, "digits": DIGITS, "period": STEP_SECONDS})
        return f"otpauth://totp/{quote(issuer)}:{quote(account)}?{query}"


@dataclass(frozen=True)
class TotpSm3:
    """The same time-based scheme with HMAC-SM3 (国密), for SM3 tokens used where 密评 requires it."""

    label: str = "国密动态口令 (HMAC-SM3)"

    def code(self, secret: bytes, counter: int) -> str:
        mac = crypto_hmac.HMAC(secret, hashes.SM3())
        mac.update(struct.pack(">Q", counter))
        return hotp(mac.finalize())

    def provisioning_uri(self, secret: bytes, account: str, issuer: str) -> str:
        query = urlencode(
            {
                "secret": b32(secret),
                "issuer": issuer,
                "algorithm": "SM3",
                "digits": DIGITS,
                "period": STEP_SECONDS,
            }
        )
        return f"otpauth://totp/{quote(issuer)}:{quote(account)}?{query}"


def b32(secret: bytes) -> str:
    return base64.b32encode(secret).decode().rstrip("=")


def new_secret() -> bytes:
    return os.urandom(20)


def algorithm(kind: str) -> OtpAlgorithm:
    """The algorithm a device kind names; an unknown kind is a configuration error."""
    path = settings.CADREFORGE_OTP_ALGORITHMS[kind]
    return import_string(path)()


def current_counter(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // STEP_SECONDS)


def match_counter(
    algo: OtpAlgorithm, secret: bytes, code: str, last_counter: int, now: float | None = None
) -> int | None:
    """The time step whose code equals `code`, later than `last_counter` (a code works once), or None."""
    code = (code or "").strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    now_counter = current_counter(now)
    for counter in range(now_counter - DRIFT_STEPS, now_counter + DRIFT_STEPS + 1):
        if counter > last_counter and hmac.compare_digest(algo.code(secret, counter), code):
            return counter
    return None
