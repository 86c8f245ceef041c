"""With DATABASE_REPLICA_URL set, GET pages read the domain from the replica, while accounts stay on the
primary and a browser that just wrote reads the primary (core/replica.py).

The two databases are two SQLite files: the replica is a copy taken before the primary changed, so which
one answered is visible on the page. Run in child processes, because the replica is configured from the
environment when Django starts."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PREPARE = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "cadreforge.settings"
django.setup()
from django.core.management import call_command
from django.db import connection
from cadreforge.accounts.models import Role
from cadreforge.programs.models import Program
from tests.builders import make_program, make_user

call_command("migrate", verbosity=0)
make_program("replica-demo", name="挂职计划（旧名称）")
with connection.cursor() as cursor:
    cursor.execute("VACUUM INTO %s", [os.environ["REPLICA_FILE"]])
# After the copy: only the primary has the new name and the leader's account.
Program.objects.filter(code="replica-demo").update(name="挂职计划（新名称）")
make_user(Role.LEADER, "replica-leader")
"""

BROWSE = """
import django, json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "cadreforge.settings"
django.setup()
from django.test import Client
from tests.builders import PASSWORD

client = Client()
logged_in = client.login(username="replica-leader", password=PASSWORD)
first = client.get("/programs/replica-demo/")
write = client.post("/programs/replica-demo/")
after_write = client.get("/programs/replica-demo/")
print(json.dumps({
    "logged_in": logged_in,
    "first": [first.status_code, "旧名称" in first.content.decode(), "新名称" in first.content.decode()],
    "pinned": write.cookies["cf_primary"]["max-age"],
    "after_write": [after_write.status_code, "新名称" in after_write.content.decode()],
}))
"""


def _run(code: str, env: dict) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_pages_read_the_replica_but_accounts_and_the_page_after_a_write_read_the_primary(tmp_path):
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    _run(PREPARE, {"DATABASE_URL": f"sqlite:///{primary}", "REPLICA_FILE": str(replica)})

    seen = json.loads(
        _run(BROWSE, {"DATABASE_URL": f"sqlite:///{primary}", "DATABASE_REPLICA_URL": f"sqlite:///{replica}"})
    )

    assert seen["logged_in"]  # the account exists only on the primary
    assert seen["first"] == [200, True, False]  # the page came from the replica
    assert seen["pinned"] == 10
    assert seen["after_write"] == [200, True]  # pinned to the primary after the POST


def test_without_a_replica_the_page_reads_the_primary(tmp_path):
    primary = tmp_path / "primary.sqlite3"
    _run(PREPARE, {"DATABASE_URL": f"sqlite:///{primary}", "REPLICA_FILE": str(tmp_path / "copy.sqlite3")})

    seen = json.loads(_run(BROWSE.replace('write.cookies["cf_primary"]["max-age"]', "None"), {
        "DATABASE_URL": f"sqlite:///{primary}", "DATABASE_REPLICA_URL": ""
    }))  # fmt: skip

    assert seen["first"] == [200, False, True]
