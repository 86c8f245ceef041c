"""The token format and its hash. A token is `cf_` + 8 hex characters (the prefix shown in lists) + `_` + a
43-character URL-safe secret; the database keeps only the SHA-256 of the whole string."""

import hashlib
import secrets

TOKEN_HEAD = "cf_"


def new_clear_token() -> str:
    return f"{TOKEN_HEAD}{secrets.token_hex(4)}_{secrets.token_urlsafe(32)}"


def token_prefix(clear: str) -> str:
    """The part of the token shown in lists: enough to recognise it, useless to authenticate."""
    return clear[: len(TOKEN_HEAD) + 8]


def hash_token(clear: str) -> str:
    return hashlib.sha256(clear.encode("utf-8", "surrogatepass")).hexdigest()
