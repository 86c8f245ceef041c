"""Personal data at rest: AES-GCM encryption and a keyed hash (HMAC-SHA256) for exact lookup.

Keys come from settings.DATA_KEY (environment) or, for the demo, are derived from SECRET_KEY.
Each purpose gets its own derived key so the lookup hash reveals nothing about the cipher key.

Rotation (docs/security.md): the new key goes in DATA_KEY and the old ones in DATA_KEY_RETIRED. Values are
still read with any of them (AES-GCM refuses a wrong key, so the right one is found), and new values are
written with the current key only; `cadreforge rekey` then re-encrypts and re-hashes everything.
"""

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

_VERSION = b"v1"


class UnknownKey(InvalidTag):
    """A value none of the configured keys can open (tampered, or written with a key not configured)."""


def master_keys() -> list[bytes]:
    """The current master key first, then the retired ones (newest first)."""
    current = (settings.DATA_KEY or settings.SECRET_KEY).encode()
    return [current, *(key.encode() for key in settings.DATA_KEY_RETIRED if key)]


def key_id(master: bytes | None = None) -> str:
    """A short public name of a master key (for the audit log and messages), from which nothing leaks."""
    return hmac.new(master or master_keys()[0], b"cadreforge:key-id", hashlib.sha256).hexdigest()[:12]


def _derive(purpose: bytes, master: bytes | None = None) -> bytes:
    return hmac.new(master or master_keys()[0], b"cadreforge:" + purpose, hashlib.sha256).digest()


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
    nonce, sealed = base64.b64decode(nonce), base64.b64decode(sealed)
    for master in master_keys():
        try:
            return AESGCM(_derive(b"aes-gcm", master)).decrypt(nonce, sealed, version).decode()
        except InvalidTag:
            continue
    raise UnknownKey("密文无法用当前或已退役的 DATA_KEY 解开")


def keyed_hash(value: str) -> str:
    """Deterministic, keyed: equal values give equal hashes, without the key nothing can be guessed."""
    if not value:
        return ""
    return hmac.new(_derive(b"lookup"), value.encode(), hashlib.sha256).hexdigest()


# Files (uploaded ledger workbooks): the same AES-GCM with a key of their own purpose, and a header that
# tells an encrypted file from one stored before files were encrypted.
FILE_MAGIC = b"CFENC1\n"


def encrypt_bytes(data: bytes) -> bytes:
    nonce = os.urandom(12)
    return FILE_MAGIC + nonce + AESGCM(_derive(b"file-aes-gcm")).encrypt(nonce, data, FILE_MAGIC)


def is_encrypted_bytes(blob: bytes) -> bool:
    return blob.startswith(FILE_MAGIC)


def decrypt_bytes(blob: bytes) -> bytes:
    """The clear bytes of `encrypt_bytes`' output, under the current or a retired key."""
    nonce, sealed = blob[len(FILE_MAGIC) : len(FILE_MAGIC) + 12], blob[len(FILE_MAGIC) + 12 :]
    for master in master_keys():
        try:
            return AESGCM(_derive(b"file-aes-gcm", master)).decrypt(nonce, sealed, FILE_MAGIC)
        except InvalidTag:
            continue
    raise UnknownKey("文件无法用当前或已退役的 DATA_KEY 解开")
