"""The audit log page reads in Chinese for the audit administrator: actions by their label with the exact
code beneath, content as 「键：值」 lines, the category filter by Chinese name; nothing stored is changed."""

from pathlib import Path

import pytest

from cadreforge.accounts.models import Role
from cadreforge.audit.display import Line, change_lines
from cadreforge.audit.models import AuditEntry
from cadreforge.audit.selectors import search_entries, verify_chain
from cadreforge.audit.services import record


def _table(client, **params) -> str:
    """The log's table, where entries are shown (the filter form and the navigation left out)."""
    html = client.get("/audit/", params).content.decode()
    return html.split('<table class="data-table">', 1)[1].split("</table>", 1)[0]


@pytest.fixture
def auditor(login):
    """The audit administrator; the test client's login owes no second factor (accounts.sessions)."""
    return login(Role.AUDIT_ADMIN)


def test_an_action_shows_its_chinese_label_with_the_code_beneath(auditor):
    record(None, "enterprise.merge", changes={"kept": "蓬莱海洋科技有限公司", "merged": "蓬莱海洋科技"})
    table = _table(auditor)
    assert '合并重复企业<br><code class="small muted">enterprise.merge</code>' in table


def test_an_unknown_code_of_an_older_entry_shows_as_the_code(auditor):
    record(None, "legacy.thing", changes={"n": 1})
    table = _table(auditor)
    assert "<code>legacy.thing</code>" in table


def test_content_reads_as_key_value_lines_without_python_dict_text(auditor):
    """The browser sweep's cases: {'path': 'web'} and {'after': {'role': …, 'is_active': True}}."""
    record(None, "auth.login", changes={"path": "web"})
    record(
        None, "user.create", changes={"after": {"role": "audit_admin", "is_active": True, "is_staff": False}}
    )
    record(
        None,
        "user.rights_change",
        changes={"changed": {"role": ["cadre", "auditor"], "is_active": [True, False]}},
    )
    table = _table(auditor)
    for text in (
        "path</span>：web",
        "修改后",
        "role</span>：audit_admin",
        "is_active</span>：是",
        "is_staff</span>：否",
    ):
        assert text in table, text
    assert "role</span>：cadre → auditor" in table and "is_active</span>：是 → 否" in table
    for raw in ("{'", "{&#x27;", "True", "False", "None"):
        assert raw not in table, raw


def test_the_category_filter_shows_chinese_names_and_keeps_the_codes_as_values(auditor):
    record(None, "auth.otp_verify")
    record(None, "enterprise.merge")
    html = auditor.get("/audit/", {"action": "auth"}).content.decode()
    assert '<option value="auth" selected>登录与认证</option>' in html
    assert '<option value="enterprise">企业库</option>' in html
    assert "二次验证通过" in html.split('<table class="data-table">', 1)[1]
    assert "合并重复企业" not in html.split('<table class="data-table">', 1)[1]


def test_a_category_does_not_take_in_another_whose_code_starts_the_same(db):
    record(None, "briefing.queue")
    record(None, "briefing_schedule.delete")
    assert [e.action for e in search_entries(action="briefing")] == ["briefing.queue"]
    assert [e.action for e in search_entries(action="briefing_schedule")] == ["briefing_schedule.delete"]


def test_stored_content_is_shown_escaped(auditor):
    record(None, "objection.create", changes={"content": "<script>alert(1)</script>"})
    table = _table(auditor)
    assert "<script>" not in table and "&lt;script&gt;alert(1)&lt;/script&gt;" in table


def test_masked_personal_data_stays_masked_on_the_page(auditor):
    """The content is stored masked (people.lrmx_import); the page shows it as stored, never unmasked."""
    changes = {"id_number": {"before": "370684********0011", "after": "370684********0027"}, "name": "王某"}
    record(None, "cadre.lrmx_import", changes={"changes": changes, "personal_data": "masked"})
    table = _table(auditor)
    assert "id_number</span>：370684********0011 → 370684********0027" in table
    assert "personal_data</span>：masked" in table


def test_reading_the_page_leaves_the_entries_and_the_chain_as_they_were(auditor):
    entry = record(None, "program.update", changes={"before": {"name": "旧"}, "after": {"name": "新"}})
    _table(auditor)
    assert AuditEntry.objects.get(pk=entry.pk).changes == {"before": {"name": "旧"}, "after": {"name": "新"}}
    assert verify_chain().intact


def test_the_content_cell_may_wrap(auditor):
    record(None, "auth.login", changes={"path": "web"})
    html = auditor.get("/audit/").content.decode()
    assert '<td class="audit-content small">' in html and "audit/audit.css" in html
    css = (Path(__file__).resolve().parents[2] / "src/cadreforge/audit/static/audit/audit.css").read_text()
    assert ".data-table td.audit-content { white-space: normal;" in css


# The lines themselves, shape by shape.


def _texts(changes) -> list[str]:
    return [f"{'  ' * line.depth}{line.key}：{line.text}" for line in change_lines(changes)]


def test_values_read_as_text():
    changes = {"on": True, "off": False, "none": None, "list": ["a", "b"], "n": 3, "empty": ""}
    assert _texts(changes) == ["on：是", "off：否", "none：—", "list：a、b", "n：3", "empty：—"]


def test_a_before_after_pair_of_records_reads_as_old_to_new_per_field():
    changes = {"before": {"name": "旧名", "kind": "x"}, "after": {"name": "新名", "kind": "x"}, "version": 2}
    assert _texts(changes) == ["name：旧名 → 新名", "kind：x", "version：2"]


def test_a_before_after_pair_of_values_reads_as_one_change():
    assert _texts({"run": 5, "before": "P01", "after": None, "reason": "回避"}) == [
        "修改：P01 → —",
        "run：5",
        "reason：回避",
    ]


def test_before_alone_is_a_group_headed_in_chinese():
    lines = change_lines({"name": "方案", "before": {"a": "1"}, "weights": {"a": "2"}})
    assert lines == [
        Line("name", "方案"),
        Line("修改前", "", 0, is_group=True),
        Line("a", "1", 1),
        Line("weights", "", 0, is_group=True),
        Line("a", "2", 1),
    ]


def test_deep_nesting_is_written_on_one_line():
    changes = {"counts": {"干部": {"created": 1, "updated": 0}}, "rows": 3}
    assert _texts(changes) == ["counts：", "  干部：", "    created：1", "    updated：0", "rows：3"]
    assert _texts({"a": {"b": {"c": {"d": 1, "e": [1, 2]}}}}) == ["a：", "  b：", "    c：d：1；e：1、2"]


def test_empty_content_has_no_lines():
    assert change_lines({}) == [] and change_lines(None) == []
