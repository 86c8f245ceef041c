"""Writes of the exchange app: import jobs started from the web page, the ledger import itself
(ledger.importer.import_ledger), exports and the template."""

import datetime as dt
import os
import socket

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.utils import timezone

from cadreforge.accounts.models import Role
from cadreforge.audit.services import record
from cadreforge.core.errors import DomainError, PermissionDenied, ValidationFailed
from cadreforge.programs.models import Program
from cadreforge.programs.services import ensure_may_write

from .ledger.annotate import annotate_workbook
from .ledger.exporter import build_export
from .ledger.importer import ImportResult, import_ledger
from .models import ImportJob

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def start_import(user, upload: UploadedFile) -> ImportJob:
    """Store the uploaded workbook and queue its validation (a dry run) in the background."""
    ensure_may_write(user)
    if upload.size > MAX_UPLOAD_BYTES:
        raise DomainError("文件过大（超过50MB）")
    if not upload.name.lower().endswith(".xlsx"):
        raise DomainError("请上传 .xlsx 格式的台账工作簿")
    job = ImportJob(owner=user, file_name=upload.name[:255], step="排队等待校验")
    job.file.save(upload.name, upload, save=False)
    job.save()
    record(user, "ledger.upload", job, {"file": job.file_name})
    _enqueue("validate", job)
    return job


def confirm_import(user, job: ImportJob) -> ImportJob:
    """The owner confirms a validated workbook: queue the real import."""
    if job.owner_id != user.pk:
        raise PermissionDenied("只能确认您自己上传的导入任务")
    if job.status != ImportJob.Status.VALID:
        raise DomainError("该导入任务不是“校验通过，待确认”状态，不能导入")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.IMPORTING, progress=0, step="排队等待导入"
    )
    job.refresh_from_db()
    _enqueue("import", job)
    return job


def _enqueue(kind: str, job: ImportJob) -> None:
    from . import tasks  # tasks import services; import here to keep the cycle out of module load

    task = tasks.validate_import_job if kind == "validate" else tasks.run_import_job
    task.enqueue(job.pk)


def _progress(job: ImportJob):
    """Saves progress when it can be seen: outside the import's own transaction (inside it, another
    connection would not see the row before commit anyway)."""

    def report(fraction: float, what: str) -> None:
        if not connection.in_atomic_block:
            ImportJob.objects.filter(pk=job.pk).update(
                progress=round(fraction * 100), step=what[:64], updated_at=timezone.now()
            )

    return report


def run_job(job_id: int, *, dry_run: bool) -> ImportJob:
    """Validate (dry_run) or import the job's workbook as its owner, recording the outcome on the job."""
    recover_interrupted_jobs()
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    job.worker = _this_worker()
    ImportJob.objects.filter(pk=job.pk).update(worker=job.worker, updated_at=timezone.now())
    with job.file.open("rb") as f:
        data = f.read()
    try:
        result = import_ledger(
            job.owner, data, dry_run=dry_run, file_name=job.file_name, progress=_progress(job)
        )
    except ValidationFailed as exc:
        _refused(job, data, exc)
    except DomainError as exc:
        job.status, job.message = ImportJob.Status.FAILED, exc.message
    else:
        _succeeded(job, result, dry_run)
    job.progress = 100
    job.step = ""
    job.save()
    return job


INTERRUPTED_MESSAGE = "后台处理进程中断（进程被终止或服务器重启），本次导入未写入任何数据，请重新上传"
# A job not heard from for this long is taken as dead even when its worker runs on another host.
STALE_AFTER = dt.timedelta(minutes=30)


def _this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _worker_is_gone(worker: str) -> bool:
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another host's process cannot be checked from here: the staleness rule decides
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover_interrupted_jobs(now: dt.datetime | None = None) -> list[ImportJob]:
    """Mark as failed the running jobs whose worker process is gone (killed, or the server restarted).
    Their import ran in one transaction, so nothing of it was written; the owner is told to upload again.
    Run whenever a worker picks up a job and when the import page is opened."""
    now = now or timezone.now()
    interrupted = []
    for job in ImportJob.objects.filter(status__in=ImportJob.RUNNING).exclude(worker=""):
        if job.worker == _this_worker():
            continue
        if _worker_is_gone(job.worker) or job.updated_at < now - STALE_AFTER:
            updated = ImportJob.objects.filter(pk=job.pk, status=job.status, worker=job.worker).update(
                status=ImportJob.Status.FAILED, message=INTERRUPTED_MESSAGE, step="", updated_at=now
            )
            if updated:
                record(None, "ledger.interrupted", job, {"file": job.file_name, "worker": job.worker})
                interrupted.append(job)
    return interrupted


def _refused(job: ImportJob, data: bytes, exc: ValidationFailed) -> None:
    job.status = ImportJob.Status.INVALID
    job.problems = [
        {"sheet": p.sheet, "column": p.column, "row": p.row, "message": p.message, "text": str(p)}
        for p in exc.problems
    ]
    job.message = f"发现{len(exc.problems)}个问题，未写入任何数据"
    try:
        marked = annotate_workbook(data, exc.problems)
    except Exception:  # an unreadable file cannot be annotated; the list of problems still stands
        return
    job.annotated.save(f"标注问题-{job.file_name}", ContentFile(marked), save=False)


def _succeeded(job: ImportJob, result: ImportResult, dry_run: bool) -> None:
    job.program_code = result.program_code
    job.rows = result.rows
    job.counts = result.as_dict()["counts"]
    job.problems = []
    job.status = ImportJob.Status.VALID if dry_run else ImportJob.Status.DONE
    job.message = "\n".join(result.summary_lines())


# Roles whose view of a program is narrowed to a person or a unit: a cadre sees only themself, a host
# contact only their unit's posts. The ledger holds the whole program (every cadre, visit, lead, project).
ROLES_NOT_EXPORTING_LEDGER = {Role.CADRE, Role.HOST_CONTACT}


def may_export_ledger(user) -> bool:
    """Whether the user may download a program's whole ledger (the system, None, may)."""
    return user is None or (user.is_authenticated and user.role not in ROLES_NOT_EXPORTING_LEDGER)


def ensure_may_export_ledger(user) -> None:
    if not may_export_ledger(user):
        raise PermissionDenied("台账包含计划的全部干部和招商记录，干部和派驻单位联系人不能导出。")


def export_workbook(user, program: Program) -> bytes:
    """The program's ledger workbook with personal data masked, for a role that sees the whole program;
    the export is audited."""
    import io

    ensure_may_export_ledger(user)
    out = io.BytesIO()
    build_export(program, reveal_personal=False).save(out)
    record(user, "ledger.export", program, {"program": program.code, "personal_data": "masked"})
    return out.getvalue()


def reseal_uploads(actor=None) -> dict[str, int]:
    """Key rotation of the stored workbooks (`cadreforge rekey`): each file is written again under the
    current DATA_KEY (a file stored in clear before encryption gets encrypted). A file missing on disk is
    counted, not fatal: the rotation of the database must not wait for a lost upload."""
    resealed = missing = 0
    for job in ImportJob.objects.exclude(file="").only("pk", "file", "annotated").order_by("pk"):
        for field in (job.file, job.annotated):
            if not field:
                continue
            try:
                field.storage.reseal(field.name)
            except FileNotFoundError:
                missing += 1
            else:
                resealed += 1
    summary = {"files": resealed, "missing": missing}
    record(actor, "data_key.reseal_files", object_type="exchange.importjob", object_repr="导入工作簿重新加密",
           changes=summary)  # fmt: skip
    return summary
