"""With DATABASE_REPLICA_URL set, GET pages read the domain from the replica, while accounts stay on the
primary and a browser or an API token that just wrote reads the primary (core/replica.py).

The two databases are two SQLite files: the replica is a copy taken before the primary changed, so which
one answered is visible on the page. Run in child processes, because the replica is configured from the
environment when Django starts."""

import json
import os
import subprocess
import sys
from pathlib import Path

from cadreforge.core.replica import ReplicaRouter, read_primary, replica_reads
from cadreforge.programs.models import Program

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


CALL_API = """
import django, datetime as dt, json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "cadreforge.settings"
django.setup()
from django.conf import settings
from django.test import Client
from django.utils import timezone
from cadreforge.accounts.models import Role
from cadreforge.api.models import ApiToken
from cadreforge.api.services import create_token
from cadreforge.programs.models import Program
from tests.builders import make_user

writer, writer_clear = create_token(make_user(Role.SYSTEM_ADMIN, "replica-admin"), name="脚本")
_, reader_clear = create_token(make_user(Role.LEADER, "replica-reader"), name="看板")
URL = "/api/v1/programs/replica-demo"


def database_read(clear):
    # A fresh client each time: like a script or the phone app, it keeps no cookie (no cf_primary).
    answer = Client(HTTP_AUTHORIZATION=f"Bearer {clear}").get(URL)
    return answer.status_code, "primary" if "新名称" in answer.json()["name"] else "replica"


first = database_read(writer_clear)
version = Program.objects.get(code="replica-demo").version  # outside replica_reads(): the primary
write = Client(HTTP_AUTHORIZATION=f"Bearer {writer_clear}").patch(
    URL, {"description": "令牌写入", "version": version}, content_type="application/json"
)
after_write = database_read(writer_clear)
other_token = database_read(reader_clear)
long_ago = timezone.now() - dt.timedelta(seconds=settings.CADREFORGE_REPLICA_PIN_SECONDS + 1)
ApiToken.objects.filter(pk=writer.pk).update(last_write_at=long_ago)
after_the_pin = database_read(writer_clear)
print(json.dumps({
    "first": first,
    "write": write.status_code,
    "after_write": after_write,
    "other_token": other_token,
    "after_the_pin": after_the_pin,
}, ensure_ascii=False))
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


def test_an_api_token_that_wrote_reads_the_primary_for_a_moment_and_other_tokens_the_replica(tmp_path):
    """API clients keep no cookie: the pin is the token's own last write (api.services)."""
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    _run(PREPARE, {"DATABASE_URL": f"sqlite:///{primary}", "REPLICA_FILE": str(replica)})

    databases = {"DATABASE_URL": f"sqlite:///{primary}", "DATABASE_REPLICA_URL": f"sqlite:///{replica}"}

    seen = json.loads(_run(CALL_API, databases))

    assert seen["first"] == [200, "replica"]
    assert seen["write"] == 200
    assert seen["after_write"] == [200, "primary"]  # pinned by its own write
    assert seen["other_token"] == [200, "replica"]  # another user's token, which did not write
    assert seen["after_the_pin"] == [200, "replica"]  # the pin lasts REPLICA_PIN_SECONDS


def test_read_primary_lasts_to_the_end_of_the_request_and_not_into_the_next():
    """The middleware's `replica_reads()` resets the flag to its value from before the request, so a
    pinned request leaves nothing behind for the next request on the same thread."""
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Program) == "replica"
        read_primary()
        assert router.db_for_read(Program) == "default"
    with replica_reads():
        assert router.db_for_read(Program) == "replica"
    read_primary()  # outside replica_reads() (a POST): nothing to lower, nothing left set
    assert router.db_for_read(Program) == "default"
    with replica_reads():
        assert router.db_for_read(Program) == "replica"
