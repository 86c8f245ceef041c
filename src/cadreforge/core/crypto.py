"""Personal data at rest: AES-GCM encryption and a keyed hash (HMAC-SHA256) for exact lookup.

Keys come from settings.DATA_KEY (environment) or, for the demo, are derived from SECRET_KEY.
Each purpose gets its own derived key so the lookup hash reveals nothing about the cipher key.
"""

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

_VERSION = b"v1"


def _derive(purpose: bytes) -> bytes:
    master = (settings.DATA_KEY or settings.SECRET_KEY).encode()
    return hmac.new(master, b"cadreforge:" + purpose, hashlib.sha256).digest()


def encrypt(plaintext: str) -> str:
    """Encrypt text; the result is ASCII: version:nonce:ciphertext, base64."""
    if not plaintext:
        return ""
    nonce = os.urandom(12)
    sealed = AESGCM(_derive(b"aes-gcm")).encrypt(nonce, plaintext.encode(), _VERSION)
    return b":".join([_VERSION, base64.b64encode(nonce), base64.b64encode(sealed)]).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    version, nonce, sealed = token.encode().split(b":")
    return (
        AESGCM(_derive(b"aes-gcm"))
        .decrypt(base64.b64decode(nonce), base64.b64decode(sealed), version)
        .decode()
    )


def keyed_hash(value: str) -> str:
    """Deterministic, keyed: equal values give equal hashes, without the key nothing can be guessed."""
    if not value:
        return ""
    return hmac.new(_derive(b"lookup"), value.encode(), hashlib.sha256).hexdigest()
