"""Background work: validating and importing uploaded ledger workbooks (run by `cadreforge db_worker`)."""

from django_tasks import task

from . import services


@task()
def validate_import_job(job_id: int) -> str:
    return services.run_job(job_id, dry_run=True).status


@task()
def run_import_job(job_id: int) -> str:
    return services.run_job(job_id, dry_run=False).status
