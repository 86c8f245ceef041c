"""Input validation errors (422) in Chinese: each error keeps pydantic's `type` and `loc`, with a Chinese
`msg` saying where and what."""

from typing import Any

_PLACES = {"body": "请求体", "query": "查询参数", "path": "路径参数", "header": "请求头", "cookie": "Cookie"}

_MESSAGES = {
    "missing": "必须填写",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "string_type": "应为字符串",
    "list_type": "应为列表",
    "bool_type": "应为布尔值 true 或 false",
    "bool_parsing": "应为布尔值 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不带时间",
    "extra_forbidden": "不是可接受的字段",
}


def _message(error: dict[str, Any]) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "string_too_short":
        return "不能为空" if ctx.get("min_length") == 1 else f"至少{ctx.get('min_length')}个字符"
    if kind == "string_too_long":
        return f"不能超过{ctx.get('max_length')}个字符"
    if kind == "too_long":
        return f"最多{ctx.get('max_length')}项"
    if kind == "greater_than_equal":
        return f"应不小于{ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"应不大于{ctx.get('le')}"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    return str(error.get("msg", "输入无效"))


def _where(loc: Any) -> str:
    parts = [str(p) for p in (loc or [])]
    if parts and parts[0] in _PLACES:
        head = _PLACES[parts[0]]
        rest = [p for p in parts[1:] if p not in {"payload", "filters", "pagination", "data"}]
        return f"{head} {'.'.join(rest)}".strip()
    return ".".join(parts)


def chinese_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for error in errors:
        where = _where(error.get("loc"))
        out.append(
            {
                "type": error.get("type", ""),
                "loc": list(error.get("loc") or []),
                "msg": f"{where}：{_message(error)}" if where else _message(error),
            }
        )
    return out
