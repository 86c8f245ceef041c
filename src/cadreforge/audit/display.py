"""An entry's stored content (its `changes` JSON) as lines the audit administrator can read: 「键：值」,
keys as stored, values as text (是/否, 「—」 for nothing, lists joined with 、), a before/after pair as
「旧 → 新」. Only presentation: what is shown is exactly what was stored (masked data stays masked)."""

from dataclasses import dataclass

# Nested content under these keys is a group headed in Chinese; any other key heads its group as stored.
GROUP_NAMES = {"before": "修改前", "after": "修改后"}
NOTHING = "—"
ARROW = " → "
# Below this depth a nested dict is written on one line rather than as a further group.
MAX_DEPTH = 2


@dataclass(frozen=True)
class Line:
    key: str
    text: str = ""
    depth: int = 0
    is_group: bool = False


def as_text(value) -> str:
    """One stored value as text: booleans 是/否, None 「—」, lists joined with 、, dicts as 「键：值；…」."""
    if value is None or value == "" or value == [] or value == {}:
        return NOTHING
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(as_text(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{key}：{as_text(item)}" for key, item in value.items())
    return str(value)


def _is_pair(value) -> bool:
    """{"before": x, "after": y} of one field (e.g. an LRMX import's changes)."""
    return isinstance(value, dict) and set(value) == {"before", "after"}


def _is_old_new_table(key: str, value) -> bool:
    """{"changed": {"role": [old, new], …}}: a user's rights change."""
    return (
        key == "changed"
        and isinstance(value, dict)
        and bool(value)
        and all(isinstance(item, list) and len(item) == 2 for item in value.values())
    )


def _dicts_or_nothing(before, after) -> bool:
    """A record's fields before and after: both dicts, or one of them absent (created or removed)."""
    sides = [side for side in (before, after) if side is not None]
    return bool(sides) and all(isinstance(side, dict) for side in sides)


def _change(before, after) -> str:
    return as_text(after) if before == after else f"{as_text(before)}{ARROW}{as_text(after)}"


def _field_changes(before: dict, after: dict, depth: int) -> list[Line]:
    """「字段：旧 → 新」 for each field of a before/after pair of dicts, unchanged fields with their value."""
    keys = list(before) + [key for key in after if key not in before]
    return [Line(str(key), _change(before.get(key), after.get(key)), depth) for key in keys]


def change_lines(changes, depth: int = 0) -> list[Line]:
    """The lines of a stored content, nested dicts as indented groups (修改前/修改后 for before/after)."""
    if not isinstance(changes, dict):
        return [] if changes in (None, "", []) else [Line("", as_text(changes), depth)]
    lines: list[Line] = []
    before, after = changes.get("before"), changes.get("after")
    paired = "before" in changes and "after" in changes
    if paired and _dicts_or_nothing(before, after):
        lines += _field_changes(before or {}, after or {}, depth)
    elif paired:
        lines.append(Line("修改", _change(before, after), depth))
    for key, value in changes.items():
        if paired and key in ("before", "after"):
            continue
        name = str(key)
        if _is_pair(value):
            lines.append(Line(name, _change(value["before"], value["after"]), depth))
        elif _is_old_new_table(name, value):
            lines.append(Line(GROUP_NAMES.get(name, name), "", depth, is_group=True))
            lines += [Line(str(k), _change(old, new), depth + 1) for k, (old, new) in value.items()]
        elif isinstance(value, dict) and value and depth < MAX_DEPTH:
            lines.append(Line(GROUP_NAMES.get(name, name), "", depth, is_group=True))
            lines += change_lines(value, depth + 1)
        else:
            lines.append(Line(name, as_text(value), depth))
    return lines
