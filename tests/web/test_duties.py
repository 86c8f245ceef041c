"""The duties checklist page: each cadre's progress linked to its proof; managers edit the checklist."""

import datetime as dt

import pytest
from django.urls import reverse

from cadreforge.accounts.models import Role
from cadreforge.audit.models import AuditEntry
from cadreforge.secondment.events import save_duty
from cadreforge.secondment.models import Duty, DutyMark
from tests.builders import make_output, make_participant, make_program, make_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    return make_program("huaibei-test")


@pytest.fixture
def cadres(program):
    return make_participant(program, "SB-002", name="孔彬"), make_participant(
        program, "SB-003", name="许大鹏"
    )


def _url(program):
    return reverse("web:program-duties", args=[program.code])


def _cell(page: str, code: str, duty: Duty) -> str:
    row = page.split(f'data-cadre="{code}"')[1].split("</tr>")[0]
    return row.split(f'data-duty="{duty.pk}"')[1].split("</td>")[0]


def test_progress_cells_link_to_the_records_that_prove_them(program, cadres, login):
    kong, xu = cadres
    visits = save_duty(None, program, title="联系走访企业", measure="visits", target=2, order=1)
    outputs = save_duty(None, program, title="对标先进提出参考方案", measure="outputs", order=2)
    make_visit(kong, "上海某新材料有限公司", dt.date(2023, 3, 1))
    make_visit(kong, "苏州某装备股份有限公司", dt.date(2023, 3, 2))
    make_output(program, "对标长三角园区运营的参考方案", kind="proposal", authors=[xu])
    page = login(Role.LEADER).get(_url(program)).content.decode()
    kong_visits = _cell(page, "SB-002", visits)
    assert 'data-done="yes"' in kong_visits
    assert 'href="/api/v1/programs/huaibei-test/visits?cadre=SB-002">2/2<' in kong_visits
    xu_outputs = _cell(page, "SB-003", outputs)
    assert 'href="/secondment/huaibei-test/outputs/?batch=1#person-SB-003">1/1<' in xu_outputs
    assert 'data-done="no"' in _cell(page, "SB-003", visits)
    assert "添加或修改职责" not in page  # a leader reads only


def test_manager_adds_a_manual_duty_and_confirms_it_with_evidence(program, cadres, login):
    kong, _ = cadres
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    manager.post(_url(program), {"action": "duty", "title": "完善招商引资链图谱", "measure": "manual", "target": 1,
                                 "order": 0})  # fmt: skip
    duty = Duty.objects.get()
    page = manager.post(
        _url(program),
        {"action": "mark", "duty": duty.pk, "participant": kong.pk, "evidence": "高分子材料产业链图谱"},
        follow=True,
    ).content.decode()
    assert "已确认完成" in page
    assert "高分子材料产业链图谱" in _cell(page, "SB-002", duty)
    assert DutyMark.objects.get().participant == kong
    assert set(
        AuditEntry.objects.filter(actor=manager.user, action__startswith="duty.").values_list(
            "action", flat=True
        )
    ) == {
        "duty.save",
        "duty.mark",
    }


def test_a_counted_duty_cannot_be_confirmed_by_hand(program, cadres, login):
    duty = save_duty(None, program, title="联系走访企业", measure="visits")
    manager = login(Role.PROGRAM_MANAGER, programs_granted=[program])
    page = manager.post(
        _url(program),
        {"action": "mark", "duty": duty.pk, "participant": cadres[0].pk, "evidence": "口头汇报"},
    ).content.decode()
    assert "选择一个有效的选项" in page or "Select a valid choice" in page
    assert not DutyMark.objects.exists()


def test_leader_cannot_edit_the_checklist(program, login):
    leader = login(Role.LEADER)
    page = leader.post(
        _url(program),
        {"action": "duty", "title": "联系走访企业", "measure": "visits", "target": 1, "order": 0},
    ).content.decode()
    assert "无权修改" in page
    assert not Duty.objects.exists()


def test_out_of_scope_program_and_cadres_get_404(program, cadres, login):
    other = make_program("other-test")
    outsider = login(Role.PROGRAM_MANAGER, programs_granted=[other])
    assert outsider.get(_url(program)).status_code == 404
    assert (
        outsider.post(_url(program), {"action": "duty", "title": "x", "measure": "visits"}).status_code == 404
    )
    assert login(Role.CADRE).get(_url(program)).status_code == 404
    assert login(Role.LEADER).get(_url(program) + "?batch=9").status_code == 404
