"""A worker process killed in the middle of an import leaves nothing partial: the import is one
transaction, so none of its rows survive, and the job is then marked failed with a clear message instead of
showing "导入中" forever. Run in real separate processes against a database of their own (SQLite file, or a
new PostgreSQL database when the suite runs on PostgreSQL), because the kill must be a real SIGKILL."""

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

CHILD_IMPORT = r"""
import os, signal, sys
import django
django.setup()
from django.core.files.base import ContentFile
from django.db import connection
from cadreforge.accounts.models import Role, User
from cadreforge.exchange import services
from cadreforge.exchange.models import ImportJob
from cadreforge.pipeline.models import Visit
from tests.exchange.test_ledger_support import good_sheets, write_book

owner = User.objects.create_user("importer", password="Kill-test-2026!", role=Role.SYSTEM_ADMIN)
path = write_book(__import__("pathlib").Path(sys.argv[1]) / "ledger.xlsx", good_sheets())
job = ImportJob(owner=owner, file_name="ledger.xlsx", status=ImportJob.Status.IMPORTING)
job.file.save("ledger.xlsx", ContentFile(path.read_bytes()), save=False)
job.save()
print(job.pk, flush=True)

real_progress = services._progress

def killing_progress(job):
    report = real_progress(job)
    def kill_once_rows_are_written(fraction, what):
        report(fraction, what)
        if connection.in_atomic_block and Visit.objects.exists():
            os.kill(os.getpid(), signal.SIGKILL)  # the worker dies in the middle of the import
    return kill_once_rows_are_written

services._progress = killing_progress
services.run_job(job.pk, dry_run=False)
print("finished", flush=True)
"""

CHILD_INSPECT = r"""
import json, sys
import django
django.setup()
from cadreforge.exchange import services
from cadreforge.exchange.models import ImportJob
from cadreforge.pipeline.models import Enterprise, Lead, Project, Visit
from cadreforge.programs.models import Participant, Program
counts = {m.__name__: m.objects.count() for m in (Program, Participant, Visit, Lead, Project, Enterprise)}
before = ImportJob.objects.get().status
recovered = [j.pk for j in services.recover_interrupted_jobs()]
job = ImportJob.objects.get()
print(json.dumps({"counts": counts, "before": before, "after": job.status, "message": job.message,
                  "recovered": recovered}))
"""


@pytest.fixture
def own_database(tmp_path):
    """A database of the test's own, migrated, that separate processes can share."""
    if connection.vendor == "postgresql":
        name = f"cf_kill_{uuid.uuid4().hex[:10]}"
        params = {
            k: v for k, v in connection.get_connection_params().items() if k in ("user", "host", "port")
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        s = connection.settings_dict
        url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'kill.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "cadreforge.settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    subprocess.run(
        [sys.executable, "-m", "cadreforge.cli", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT
    )
    yield env
    if connection.vendor == "postgresql":
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_worker_killed_mid_import_leaves_nothing_and_the_job_is_marked_interrupted(own_database, tmp_path):
    child = subprocess.run(
        [sys.executable, "-c", CHILD_IMPORT, str(tmp_path)],
        env=own_database,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    assert "finished" not in child.stdout

    inspect = subprocess.run(
        [sys.executable, "-c", CHILD_INSPECT],
        env=own_database,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    seen = json.loads(inspect.stdout.strip().splitlines()[-1])
    assert seen["counts"] == {
        "Program": 0,
        "Participant": 0,
        "Visit": 0,
        "Lead": 0,
        "Project": 0,
        "Enterprise": 0,
    }
    assert seen["before"] == "importing"  # what the page showed until the worker's death was noticed
    assert seen["after"] == "failed"
    assert "未写入任何数据" in seen["message"]
    assert len(seen["recovered"]) == 1
