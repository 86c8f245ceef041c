"""Ledger imports started from the web page (导入任务): the uploaded file, the background validation and
import, their progress, and the outcome (counts per sheet, or every problem plus an annotated workbook)."""

from django.conf import settings
from django.db import models

from cadreforge.core.models import TimeStampedModel
from cadreforge.core.storage import private_storage


class ImportJob(TimeStampedModel):
    class Status(models.TextChoices):
        VALIDATING = "validating", "校验中"
        VALID = "valid", "校验通过，待确认"
        INVALID = "invalid", "校验未通过"
        IMPORTING = "importing", "导入中"
        DONE = "done", "导入完成"
        FAILED = "failed", "导入失败"

    RUNNING = {Status.VALIDATING, Status.IMPORTING}

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.PROTECT, related_name="import_jobs"
    )
    # Encrypted at rest (core.storage): an uploaded workbook holds ID numbers and mobiles in clear.
    file = models.FileField("工作簿", upload_to="imports/%Y/%m/", storage=private_storage)
    file_name = models.CharField("文件名", max_length=255)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.VALIDATING)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    step = models.CharField("当前步骤", max_length=64, blank=True)
    program_code = models.CharField("计划代码", max_length=64, blank=True)
    rows = models.JSONField("各表行数", default=dict, blank=True)
    counts = models.JSONField("各表新增/更新/未变", default=dict, blank=True)
    problems = models.JSONField("问题", default=list, blank=True)
    message = models.TextField("说明", blank=True)
    annotated = models.FileField(
        "标注问题的工作簿", upload_to="imports/%Y/%m/", blank=True, storage=private_storage
    )
    # "host:pid" of the worker process running the job, so a job whose worker died can be told apart
    # from one still running (see services.recover_interrupted_jobs).
    worker = models.CharField("执行进程", max_length=128, blank=True)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["validating", "valid", "invalid", "importing", "done", "failed"]
                ),
                name="importjob_status_valid",
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="importjob_progress_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING
