"""Background work of reports: the scheduled briefings (a cron line or the worker calls it)."""

import datetime as dt

from django_tasks import task

from .briefing import sending


@task()
def send_due_briefings(now: str | None = None) -> dict:
    """Send the briefings due at `now` (ISO date-time; default: now). Idempotent per schedule and period."""
    return sending.send_due_briefings(dt.datetime.fromisoformat(now) if now else None)
