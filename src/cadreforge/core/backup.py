"""What a backup holds and how to tell two databases hold the same: shared by `backup`, `restore` and tests.

A backup is Django's JSON serialisation of every table, primary keys kept, references to content types and
permissions (which each database numbers itself) by natural key, gzip-compressed when the file name ends in .gz.
It works on SQLite and PostgreSQL alike and restores into a freshly migrated, empty database. Encrypted
columns are copied as ciphertext: restore with the same DATA_KEY.
"""

import base64
import hashlib
import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

# Rebuilt by `migrate` (content types, permissions) or worthless after a restore (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


def backed_up_models() -> list[type[models.Model]]:
    excluded_apps = {e for e in EXCLUDED if "." not in e}
    excluded_models = {e for e in EXCLUDED if "." in e}
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label not in excluded_apps
        and m._meta.label_lower not in excluded_models
        and m._meta.managed
        and not m._meta.proxy
    ]


def nonempty_tables() -> list[str]:
    return [m._meta.label for m in backed_up_models() if m._default_manager.exists()]


class _RowEncoder(DjangoJSONEncoder):
    """Binary columns (a cadre's photo) as base64: bytes on SQLite, a memoryview on PostgreSQL."""

    def default(self, o):
        if isinstance(o, bytes | memoryview):
            return base64.b64encode(o).decode("ascii")
        return super().default(o)


def fingerprint() -> dict[str, tuple[int, str]]:
    """Per table: the row count and a SHA-256 of every row's values in primary-key order."""
    result = {}
    for model in backed_up_models():
        digest = hashlib.sha256()
        rows = model._default_manager.order_by("pk").values_list()
        count = 0
        for row in rows.iterator(chunk_size=2000):
            count += 1
            digest.update(json.dumps(list(row), cls=_RowEncoder, sort_keys=True).encode())
        result[model._meta.label] = (count, digest.hexdigest())
    return result
