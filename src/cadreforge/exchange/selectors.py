"""Reads of the exchange app."""

from django.db.models import QuerySet

from cadreforge.core.errors import NotFound

from .models import ImportJob


def own_import_jobs(user) -> QuerySet[ImportJob]:
    """A user's import jobs, newest first: a job is visible only to the one who uploaded it."""
    if not user.is_authenticated:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(owner=user)


def get_own_import_job(user, pk: int) -> ImportJob:
    job = own_import_jobs(user).filter(pk=pk).first()
    if job is None:
        raise NotFound("找不到该导入任务，或您无权查看。")
    return job
