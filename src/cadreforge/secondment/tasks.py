"""Background work of secondment: the daily weekly-report reminders (a cron or the worker calls it)."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from . import reminders


@task()
def send_weekly_reminders(today: str | None = None) -> dict:
    """Send the reminders due on `today` (ISO date; default: today in Beijing). Idempotent."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return reminders.send_weekly_reminders(day)
