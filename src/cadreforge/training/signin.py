"""QR sign-in (扫码签到): the screen shows a QR code of a signed URL naming the session; the URL expires
after a few minutes, so a photo of the code shared later does not sign anyone in."""

import segno
from django.core import signing

SALT = "cadreforge.training.signin"
VALID_SECONDS = 15 * 60


def make_token(session_id: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(session_id))


def read_token(token: str, max_age: int = VALID_SECONDS) -> int | None:
    """The session id of a valid, unexpired token; None otherwise."""
    try:
        return int(signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age))
    except (signing.BadSignature, ValueError):
        return None


def qr_svg(url: str) -> str:
    """The QR code of `url` as an inline SVG element (no script, no external file)."""
    return segno.make(url, error="m").svg_inline(scale=6, dark="#1a1a1a", light="#ffffff")
