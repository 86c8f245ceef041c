"""Signals accounts sends for what the audit log records (accounts sits above audit and cannot call it)."""

from django.dispatch import Signal

# sender=User class; kwargs: user, request, kind
second_factor_enrolled = Signal()
# sender=User class; kwargs: user, request
second_factor_verified = Signal()
# sender=User class; kwargs: user, request, reason ("idle" | "absolute")
session_expired = Signal()
