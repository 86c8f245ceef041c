import datetime as dt

import pytest

from cadreforge.accounts.models import Role
from cadreforge.api.services import create_token
from tests.builders import make_user

from .helpers import study_program

pytestmark = pytest.mark.django_db
START, END = dt.date(2023, 9, 4), dt.date(2023, 9, 17)


def bearer(client, user):
    _, clear = create_token(user, name="手机")
    return {"HTTP_AUTHORIZATION": f"Bearer {clear}"}


def test_cadre_submits_a_weekly_report_from_a_phone(client):
    program, (wang, _) = study_program(START, END)
    auth = bearer(client, wang.cadre.user)
    base = f"/api/v1/programs/{program.code}/weekly-reports"
    slots = client.get(f"{base}/mine", **auth).json()
    assert [s["state"] for s in slots] == ["missing", "missing"]
    answer = client.put(
        f"{base}/mine/2023-09-04",
        {"content": "学习体会", "submit": True},
        content_type="application/json",
        **auth,
    )
    assert answer.status_code == 200
    assert (answer.json()["state"], answer.json()["characters"]) == ("late", 4)
    again = client.put(f"{base}/mine/2023-09-04", {"content": "改"}, content_type="application/json", **auth)
    assert again.status_code == 400 and "不能再修改" in again.json()["detail"]


def test_compliance_is_for_managers_not_cadres(client):
    program, (wang, _) = study_program(START, END)
    base = f"/api/v1/programs/{program.code}/weekly-reports/compliance"
    assert client.get(base, **bearer(client, wang.cadre.user)).status_code == 403
    manager = make_user(Role.PROGRAM_MANAGER, programs_granted=[program])
    data = client.get(base, **bearer(client, manager)).json()
    assert data["counts"] == {"due": 4, "submitted": 0, "on_time": 0, "late": 0, "missing": 4}
    assert data["not_filed"] == []  # the batch ended in 2023: there is no current week to file
