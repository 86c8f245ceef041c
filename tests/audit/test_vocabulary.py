"""Every action code the code base records has a Chinese label, and every family of actions a Chinese name.

The codes are found by parsing src/ (ast): each call of audit's `record` / `record_after_rollback`, its
action followed through conditional expressions, module constants and the parameters of wrappers (the
admin's `_record`, the m2m receiver factory) back to literals. A code that cannot be followed to a literal
fails too, so a new way of recording cannot slip past the check.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from cadreforge.audit.models import AuditEntry
from cadreforge.audit.selectors import action_categories
from cadreforge.audit.services import record
from cadreforge.audit.vocabulary import ACTION_LABELS, CATEGORY_NAMES, action_label, category_of

SRC = Path(__file__).resolve().parents[2] / "src" / "cadreforge"
RECORDERS = {"record", "record_after_rollback"}


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


class _Module:
    """One source file: its recorder names, module constants, functions and the parent of every node."""

    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.parents = {child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)}
        self.recorders = self._recorder_names()
        self.constants = {
            target.id: node.value
            for node in self.tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        self.functions = defaultdict(list)
        for node in ast.walk(self.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions[node.name].append(node)

    def _recorder_names(self) -> set[str]:
        in_audit = self.path.parent == SRC / "audit"
        names = set(RECORDERS) if self.path == SRC / "audit" / "services.py" else set()
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            from_audit = node.module == "cadreforge.audit.services" or (
                in_audit and node.level == 1 and node.module == "services"
            )
            if from_audit:
                names |= {alias.asname or alias.name for alias in node.names if alias.name in RECORDERS}
        return names

    def where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(SRC.parent.parent)}:{node.lineno}"

    def calls(self):
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                yield node

    def recorder_calls(self):
        for call in self.calls():
            if isinstance(call.func, ast.Name) and call.func.id in self.recorders:
                yield call


def _argument(call: ast.Call, name: str, index: int) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    positional = [arg for arg in call.args if not isinstance(arg, ast.Starred)]
    return positional[index] if index < len(positional) else None


def _enclosing_function_with(module: _Module, node: ast.AST, name: str):
    while node in module.parents:
        node = module.parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            params = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
            if name in params:
                return node, params
    return None, None


def _resolve(module: _Module, expr: ast.expr, seen: frozenset = frozenset()) -> tuple[set[str], list[str]]:
    """(codes, unresolved places) for an action expression."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}, []
    if isinstance(expr, ast.IfExp):
        body, orelse = _resolve(module, expr.body, seen), _resolve(module, expr.orelse, seen)
        return body[0] | orelse[0], body[1] + orelse[1]
    if isinstance(expr, ast.Name):
        function, params = _enclosing_function_with(module, expr, expr.id)
        if function is None and expr.id in module.constants:
            return _resolve(module, module.constants[expr.id], seen)
        if function is not None and function not in seen:
            return _resolve_parameter(module, function, params, expr.id, seen | {function})
    return set(), [f"{module.where(expr)}: {ast.unparse(expr)}"]


def _resolve_parameter(module, function, params, name, seen) -> tuple[set[str], list[str]]:
    """The codes passed for a wrapper's parameter at each of its calls in the same module."""
    is_method = bool(params) and params[0] in ("self", "cls")
    codes, unresolved, called = set(), [], False
    for call in module.calls():
        func = call.func
        if isinstance(func, ast.Name) and func.id == function.name:
            index = params.index(name)
        elif isinstance(func, ast.Attribute) and func.attr == function.name:
            index = params.index(name) - (1 if is_method else 0)
        else:
            continue
        called = True
        argument = _argument(call, name, index)
        if argument is None:
            unresolved.append(f"{module.where(call)}: {function.name}(…) without {name}")
            continue
        found, missing = _resolve(module, argument, seen)
        codes |= found
        unresolved += missing
    if not called:
        unresolved.append(f"{module.where(function)}: {function.name}'s {name} (never called here)")
    return codes, unresolved


def collect_action_codes() -> tuple[dict[str, list[str]], list[str]]:
    """{code: [where recorded]} and the places whose code could not be followed to a literal."""
    codes: dict[str, list[str]] = defaultdict(list)
    unresolved: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        module = _Module(path)
        for call in module.recorder_calls():
            if not call.args and all(k.arg is None for k in call.keywords):
                continue  # record(**kwargs): forwards a call whose action is checked where it is built
            action = _argument(call, "action", 1)
            if action is None:
                unresolved.append(f"{module.where(call)}: no action")
                continue
            found, missing = _resolve(module, action)
            for code in found:
                codes[code].append(module.where(call))
            unresolved += missing
    return dict(codes), unresolved


CODES, UNRESOLVED = collect_action_codes()


def test_the_collector_finds_literal_conditional_constant_and_wrapped_codes():
    """Guards the guard: codes recorded in each of the ways the code base records them are found."""
    for code in (
        "auth.otp_verify",  # a literal in a receiver
        "access.denied",  # the middleware
        "lead.update",  # the else branch of a conditional expression
        "audit.purge",  # a module constant (PURGE_ACTION)
        "admin.change",  # through AuditedModelAdmin._record
        "user.groups_change",  # through the m2m receiver factory's parameter
        "cadre.reveal_denied",  # record_after_rollback
    ):
        assert code in CODES, code
    assert len(CODES) > 100


def test_every_recorded_action_code_can_be_followed_to_a_literal():
    assert not UNRESOLVED, (
        "action codes built at run time (give them literal codes, or teach this test the new pattern):\n"
        + "\n".join(UNRESOLVED)
    )


def test_every_recorded_action_code_has_a_chinese_label():
    missing = {code: places for code, places in CODES.items() if code not in ACTION_LABELS}
    assert not missing, (
        "action codes without a Chinese label in audit/vocabulary.py ACTION_LABELS:\n"
        + "\n".join(f"{code}  ({', '.join(places)})" for code, places in sorted(missing.items()))
    )
    assert all(_is_chinese(ACTION_LABELS[code]) for code in CODES)


def test_every_family_of_recorded_actions_has_a_chinese_name():
    families = {category_of(code) for code in CODES} | {category_of(code) for code in ACTION_LABELS}
    missing = sorted(families - set(CATEGORY_NAMES))
    assert not missing, (
        f"action families without a Chinese name in audit/vocabulary.py CATEGORY_NAMES: {missing}"
    )
    assert all(_is_chinese(CATEGORY_NAMES[family]) for family in families)


def test_every_category_in_the_filter_has_a_chinese_name(db):
    for code in CODES:
        record(None, code)
    choices = action_categories()
    assert {code for code, _ in choices} == {category_of(code) for code in CODES}
    assert all(_is_chinese(name) for _, name in choices), [c for c in choices if not _is_chinese(c[1])]
    assert AuditEntry.objects.count() == len(CODES)


def test_an_unknown_family_in_the_filter_shows_its_code(db):
    record(None, "legacy.thing")
    assert ("legacy", "legacy") in action_categories()


@pytest.mark.parametrize(
    ("action", "object_type", "label"),
    [
        ("enterprise.merge", "", "合并重复企业"),
        ("auth.otp_verify", "accounts.user", "二次验证通过"),
        ("admin.change", "accounts.user", "后台修改：用户"),
        ("admin.delete", "no_such.model", "后台删除"),
        ("legacy.thing", "", "legacy.thing"),
    ],
)
def test_action_label(action, object_type, label):
    assert action_label(action, object_type) == label
