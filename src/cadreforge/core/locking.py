"""Optimistic locking (乐观锁): an edited record carries a `version` number; a save that started from an
older version than the one stored is refused with a message instead of silently overwriting a colleague's
change. The check and the increment are one conditional UPDATE, so two concurrent saves of the same version
cannot both pass, on SQLite and PostgreSQL alike.

A model opts in with `version = models.PositiveIntegerField(default=1, ...)`; its edit services call
`claim_version` inside their transaction before writing, and its edit forms carry `VersionField`."""

from django import forms
from django.db import models
from django.db.models import F

from .errors import DomainError

STALE_MESSAGE = "{what}已被他人修改（您编辑的是第{expected}版，当前为第{current}版），请刷新后再试。"


class StaleEdit(DomainError):
    """The record changed since the editor loaded it; nothing was saved."""


def claim_version(obj: models.Model, expected: int | None, what: str) -> int:
    """Increment the stored version of `obj`, provided it is still `expected` (None: the caller edits the
    current state, as the CLI and imports do). Sets and returns the new version; raises StaleEdit otherwise.
    Call it inside the edit's transaction, so a later refusal of the edit rolls the increment back too."""
    manager = type(obj)._default_manager
    rows = manager.filter(pk=obj.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if rows.update(version=F("version") + 1) != 1:
        current = manager.filter(pk=obj.pk).values_list("version", flat=True).first()
        raise StaleEdit(STALE_MESSAGE.format(what=what, expected=expected, current=current))
    obj.version = manager.filter(pk=obj.pk).values_list("version", flat=True).get()
    return obj.version


def parse_version(value) -> int | None:
    """A version sent by a form or an API call: a positive integer, or None when not sent."""
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(f"版本号“{str(value)[:16]}”应为正整数，请刷新页面后再试。") from None
    if number < 1:
        raise DomainError(f"版本号“{number}”应为正整数，请刷新页面后再试。")
    return number


class VersionField(forms.IntegerField):
    """The hidden version an edit form was loaded with; sent back so the service can spot a stale save."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("required", True)
        super().__init__(**kwargs)
