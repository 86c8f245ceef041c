"""Uploaded ledger workbooks hold ID numbers and mobiles in clear, so they are encrypted at rest
(core.storage): the file on disk is not the workbook, the app still reads it, a file stored in clear
before encryption still opens, and `cadreforge rekey` re-encrypts the files under a new DATA_KEY."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from cadreforge.accounts.models import Role
from cadreforge.core import crypto
from cadreforge.exchange.models import ImportJob
from cadreforge.exchange.services import start_import

from ..builders import make_user
from .test_ledger_support import good_sheets, write_book

OLD, NEW = "old-data-key-0123456789abcdef", "new-data-key-fedcba9876543210"


@pytest.fixture
def workbook(tmp_path) -> bytes:
    return write_book(tmp_path / "台账.xlsx", good_sheets()).read_bytes()


@pytest.fixture
def uploaded(db, settings, tmp_path, workbook):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_KEY, settings.DATA_KEY_RETIRED = OLD, []
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        return start_import(make_user(Role.SYSTEM_ADMIN), SimpleUploadedFile("台账.xlsx", workbook))


def _on_disk(job: ImportJob) -> bytes:
    return Path(job.file.path).read_bytes()


def test_the_stored_file_is_sealed_and_the_app_reads_the_workbook(uploaded, workbook):
    stored = _on_disk(uploaded)
    assert stored != workbook and not stored.startswith(b"PK")  # not a readable zip (xlsx) on disk
    assert crypto.is_encrypted_bytes(stored)
    with ImportJob.objects.get().file.open("rb") as f:
        assert f.read() == workbook


def test_a_file_stored_in_clear_before_encryption_still_opens(uploaded, workbook):
    Path(uploaded.file.path).write_bytes(workbook)
    with ImportJob.objects.get().file.open("rb") as f:
        assert f.read() == workbook


def test_rekey_seals_the_files_under_the_new_key(uploaded, workbook, settings):
    settings.DATA_KEY, settings.DATA_KEY_RETIRED = NEW, [OLD]
    before = _on_disk(uploaded)

    call_command("rekey")

    settings.DATA_KEY_RETIRED = []
    assert _on_disk(uploaded) != before
    with ImportJob.objects.get().file.open("rb") as f:
        assert f.read() == workbook


def test_without_the_key_the_file_does_not_open(uploaded, settings):
    settings.DATA_KEY, settings.DATA_KEY_RETIRED = NEW, []
    with pytest.raises(crypto.UnknownKey):
        ImportJob.objects.get().file.open("rb")
