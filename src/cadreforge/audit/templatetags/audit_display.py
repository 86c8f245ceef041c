"""Display filters of the audit log page: an entry's action in Chinese, its content as readable lines."""

from django import template

from cadreforge.audit.display import Line, change_lines
from cadreforge.audit.vocabulary import action_label

register = template.Library()


@register.filter
def entry_action_label(entry) -> str:
    """The Chinese label of the entry's action (the code itself for an unknown one)."""
    return action_label(entry.action, entry.object_type)


@register.filter
def content_lines(changes) -> list[Line]:
    return change_lines(changes)
