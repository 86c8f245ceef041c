"""Helpers shared by every app's services."""

from django.core.exceptions import ValidationError

from .errors import DomainError


def first_message(exc: ValidationError) -> str:
    return "；".join(exc.messages)


def require(condition: bool, message: str) -> None:
    """Raise a DomainError with a Chinese message unless the condition holds."""
    if not condition:
        raise DomainError(message)
