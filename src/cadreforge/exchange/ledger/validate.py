"""Validation of a whole ledger workbook in memory: every cell parsed, keys unique, references between
sheets resolved, stage dates checked. Every problem is collected; nothing touches the database except
the read-only lookups of `check_against_database`."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from cadreforge.core import crypto
from cadreforge.core.errors import Problem
from cadreforge.core.stages import Stage
from cadreforge.core.text import name_key
from cadreforge.people.models import Cadre
from cadreforge.pipeline.services import check_stage_dates
from cadreforge.programs.models import Program

from . import cells, schema
from .reader import RawWorkbook

PARSERS = {
    schema.TEXT: cells.parse_text,
    schema.CODE: cells.parse_code,
    schema.INT: cells.parse_int,
    schema.DATE: cells.parse_date,
    schema.MONTH: cells.parse_month,
    schema.LIST: cells.parse_list,
    schema.AMOUNT: cells.parse_amount,
    schema.BOOL: cells.parse_bool,
    schema.STAGE: cells.parse_stage_cell,
    schema.ID_NUMBER: cells.parse_id_number,
    schema.MOBILE: cells.parse_mobile,
    schema.USCC: cells.parse_uscc,
}
_SHEET_ORDER = {s.name: i for i, s in enumerate(schema.SHEETS)}


@dataclass
class Row:
    number: int  # the Excel row number
    values: dict[str, Any]  # header → parsed value (None when blank); only the sheet's present columns


@dataclass
class Ledger:
    """A parsed workbook: the rows of each present sheet, the columns each sheet has, and the problems."""

    rows: dict[str, list[Row]] = field(default_factory=dict)
    columns: dict[str, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _name_keys: dict[str, str] = field(default_factory=dict, repr=False)

    def enterprise_key(self, name: str | None) -> str:
        """The enterprise's name key (cached per distinct name: OpenCC is the slow part of a big import)."""
        if not name:
            return ""
        try:
            return self._name_keys[name]
        except KeyError:
            self._name_keys[name] = key = name_key(name)
            return key

    def has(self, sheet: str, header: str) -> bool:
        return header in self.columns.get(sheet, ())

    def problem(self, sheet: str, column: str, row: int | None, message: str) -> None:
        self.problems.append(Problem(message, sheet, column, row))

    @property
    def program_code(self) -> str | None:
        rows = self.rows.get(schema.PROGRAM.name) or []
        return rows[0].values.get("计划代码") if len(rows) == 1 else None

    def sorted_problems(self) -> list[Problem]:
        return sorted(
            dict.fromkeys(self.problems),
            key=lambda p: (_SHEET_ORDER.get(p.sheet, -1), p.row or 0, p.column),
        )


def _parse_sheet(ledger: Ledger, spec: schema.Sheet, table: list[list]) -> None:
    header_row = table[0] if table else []
    positions: dict[str, int] = {}
    for index, text in enumerate(header_row):
        header = schema.normalise_header(text)
        if header in {c.header.replace(" ", "") for c in spec.columns} and header not in positions:
            positions[header] = index
    for column in spec.required:
        if column.header not in positions:
            ledger.problem(spec.name, column.header, 1, f"缺少必填列“{column.header}”")
    columns = [c for c in spec.columns if c.header in positions]
    ledger.columns[spec.name] = {c.header for c in columns}
    parsers = []
    for c in columns:
        if spec is schema.PROGRAM and c.header == "计划代码":
            parse = cells.parse_program_code
        elif c.kind == schema.ENUM:
            parse = _enum_parser(c)
        else:
            parse = PARSERS[c.kind]
        parsers.append((c.header, positions[c.header], c.required, parse, {}))
    rows = ledger.rows.setdefault(spec.name, [])
    width = len(header_row)
    body = [(offset + 2, raw) for offset, raw in enumerate(table[1:]) if _has_data(raw, width)]
    numbers = [number for number, _ in body]
    headers, parsed_columns = [], []
    for header, index, required, parse, cache in parsers:
        headers.append(header)
        parsed_columns.append(_parse_column(ledger, spec.name, header, required, parse, cache, body, index))
    rows.extend(map(Row, numbers, map(dict, map(zip, repeat(headers), zip(*parsed_columns, strict=True)))))


_BLANK = object()


def _has_data(raw: list, width: int) -> bool:
    first = raw[0] if raw and width else None
    if first is not None and (type(first) is not str or first.strip()):
        return True  # the usual row, decided by its first cell
    return not all(map(cells.is_blank, raw[:width]))


def _parse_column(ledger, sheet, header, required, parse, cache, body, index) -> list:
    """One column's parsed values, each distinct cell parsed once (a 100,000-row sheet has few distinct
    dates, codes and chains). Blank cells give None; bad ones are named as problems and give None."""
    # 1, 1.0 and True are equal keys of a dict: the type keeps them apart.
    keys = [
        (v if type(v) is str else (type(v), v))
        if index < len(raw) and (v := raw[index]) is not None
        else None
        for _, raw in body
    ]
    failed = False
    for key in set(keys):
        if key not in cache:
            value = None if key is None else key if type(key) is str else key[1]
            cache[key] = _parse_cell(value, parse)
        parsed = cache[key]
        failed = failed or parsed is _BLANK or isinstance(parsed, cells.CellError)
    out = [cache[key] for key in keys]
    if not failed:
        return out
    for i, (parsed, (number, _)) in enumerate(zip(out, body, strict=True)):
        if parsed is _BLANK:
            if required:
                ledger.problem(sheet, header, number, "必填，不能为空")
            out[i] = None
        elif isinstance(parsed, cells.CellError):
            ledger.problem(sheet, header, number, parsed.message)
            out[i] = None
    return out


def _parse_cell(value, parse):
    if cells.is_blank(value):
        return _BLANK
    try:
        return parse(value)
    except cells.CellError as exc:
        return exc


def _enum_parser(column: schema.Column):
    def parse(value: object) -> str:
        return cells.parse_enum(value, column.choices, column.header)

    return parse


def parse_ledger(raw: RawWorkbook) -> Ledger:
    """Parse every known sheet and check what can be checked without the database."""
    ledger = Ledger()
    for spec in schema.SHEETS:
        if spec.name in raw:
            _parse_sheet(ledger, spec, raw[spec.name])
    program_rows = ledger.rows.get(schema.PROGRAM.name)
    if program_rows is None:
        ledger.problem(schema.PROGRAM.name, "", None, "缺少工作表“计划”")
    elif len(program_rows) != 1:
        ledger.problem(schema.PROGRAM.name, "", None, f"应恰好有一行计划数据，实际有{len(program_rows)}行")
    _check_keys(ledger)
    _check_dates(ledger)
    _check_projects(ledger)
    return ledger


def _keys(ledger: Ledger, sheet: str, headers: list[str], label: str, transform=None) -> None:
    seen: dict[tuple, int] = {}
    spec = schema.SHEETS_BY_NAME[sheet]
    required = [i for i, h in enumerate(headers) if spec.column(h).required]
    for row in ledger.rows.get(sheet, ()):
        values = row.values
        key = tuple([values.get(h) for h in headers])
        nones = key.count(None)
        if nones == len(key) or (nones and any(key[i] is None for i in required)):
            continue
        if transform:
            key = transform(key)
        if key in seen:
            ledger.problem(sheet, headers[0], row.number, f"{label}与第{seen[key]}行重复")
        else:
            seen[key] = row.number


def _check_keys(ledger: Ledger) -> None:
    _keys(ledger, "批次", ["批次"], "批次号")
    _keys(ledger, "干部", ["干部编号"], "干部编号")
    _keys(ledger, "岗位", ["岗位编号"], "岗位编号")
    _keys(ledger, "派驻", ["干部编号", "岗位编号"], "干部编号和岗位编号")
    _keys(
        ledger,
        "走访",
        ["走访日期", "干部编号", "企业名称"],
        "走访日期、干部编号和企业名称",
        lambda k: (k[0], k[1], ledger.enterprise_key(k[2])),
    )
    _keys(ledger, "线索", ["线索编号"], "线索编号")
    _keys(ledger, "项目", ["项目编号"], "项目编号")
    _keys(ledger, "人才", ["姓名", "层次", "引进日期"], "姓名、层次和引进日期")
    _keys(ledger, "成果", ["类型", "标题"], "类型和标题")
    _keys(ledger, "干部", ["身份证号"], "身份证号")


def _check_dates(ledger: Ledger) -> None:
    for sheet in ("批次", "派驻"):
        for row in ledger.rows.get(sheet, ()):
            start, end = row.values.get("开始日期"), row.values.get("结束日期")
            if start and end and end < start:
                ledger.problem(sheet, "结束日期", row.number, f"结束日期（{end}）早于开始日期（{start}）")
    # A cadre holds one post at a time.
    periods: dict[str, list[tuple[dt.date, dt.date, str, int]]] = defaultdict(list)
    for row in ledger.rows.get("派驻", ()):
        code, post = row.values.get("干部编号"), row.values.get("岗位编号")
        if code is None or post is None:
            continue
        start = row.values.get("开始日期") or dt.date.min
        end = row.values.get("结束日期") or dt.date.max
        for s, e, other, number in periods[code]:
            if s <= end and start <= e:
                ledger.problem(
                    "派驻", "岗位编号", row.number, f"干部“{code}”同一时间已派驻岗位“{other}”（第{number}行）"
                )
        periods[code].append((start, end, post, row.number))


def _check_projects(ledger: Ledger) -> None:
    for row in ledger.rows.get("项目", ()):
        stage = row.values.get("当前阶段")
        if stage is None:
            continue
        dates = {Stage(i + 1): row.values.get(h) for i, h in enumerate(schema.STAGE_DATE_HEADERS)}
        for message in check_stage_dates(stage, dates):
            ledger.problem("项目", _stage_column(message), row.number, message)


def _stage_column(message: str) -> str:
    """The date column a check_stage_dates message is about (the one to correct)."""
    if "不应填写" in message:
        label = message.split("不应填写", 1)[1].removesuffix("日期")
        return f"{label}日期"
    return message.split("日期", 1)[0] + "日期"


@dataclass
class Known:
    """Keys already in the database for the program (empty for a new program)."""

    cadres: set[str] = field(default_factory=set)
    posts: dict[str, int] = field(default_factory=dict)  # code → capacity
    leads: set[str] = field(default_factory=set)
    batches: set[int] = field(default_factory=set)
    masked_ids: dict[str, str] = field(default_factory=dict)  # cadre code → masked ID
    masked_mobiles: dict[str, str] = field(default_factory=dict)
    id_owner: dict[str, str] = field(default_factory=dict)  # cadre code → id hash


def load_known(program: Program | None) -> Known:
    if program is None:
        return Known()
    participants = program.participants.select_related("cadre").only(
        "code", "cadre__id_number_masked", "cadre__mobile_masked", "cadre__id_number_hash"
    )
    known = Known(
        leads=set(program.leads.values_list("code", flat=True)),
        batches=set(program.batches.values_list("number", flat=True)),
        posts=dict(program.posts.values_list("code", "capacity")),
    )
    for p in participants:
        known.cadres.add(p.code)
        known.masked_ids[p.code] = p.cadre.id_number_masked
        known.masked_mobiles[p.code] = p.cadre.mobile_masked
        known.id_owner[p.code] = p.cadre.id_number_hash
    return known


def check_references(ledger: Ledger, known: Known) -> None:
    """Every 干部编号/岗位编号/线索编号/批次 used must be defined in the workbook or already in the program."""
    cadres = known.cadres | {
        r.values["干部编号"] for r in ledger.rows.get("干部", ()) if r.values["干部编号"]
    }
    posts = dict(known.posts)
    for r in ledger.rows.get("岗位", ()):
        if r.values.get("岗位编号"):
            posts[r.values["岗位编号"]] = r.values.get("名额") or 1
    leads = known.leads | {r.values["线索编号"] for r in ledger.rows.get("线索", ()) if r.values["线索编号"]}
    batches = known.batches | {r.values["批次"] for r in ledger.rows.get("批次", ()) if r.values["批次"]}

    def need(sheet: str, header: str, defined: Any, what: str, where: str) -> None:
        for row in ledger.rows.get(sheet, ()):
            value = row.values.get(header)
            for item in value if isinstance(value, list) else [value]:
                if item is not None and item not in defined:
                    ledger.problem(sheet, header, row.number, f"{what}“{item}”未在{where}中定义")

    need("干部", "批次", batches, "批次", "批次工作表")
    need("派驻", "干部编号", cadres, "干部编号", "干部工作表")
    need("派驻", "岗位编号", posts, "岗位编号", "岗位工作表")
    need("走访", "干部编号", cadres, "干部编号", "干部工作表")
    need("线索", "干部编号", cadres, "干部编号", "干部工作表")
    need("项目", "引荐干部编号", cadres, "干部编号", "干部工作表")
    need("项目", "来源线索编号", leads, "线索编号", "线索工作表")
    need("人才", "引荐干部编号", cadres, "干部编号", "干部工作表")
    need("成果", "作者干部编号", cadres, "干部编号", "干部工作表")
    taken = Counter(r.values.get("岗位编号") for r in ledger.rows.get("派驻", ()))
    for row in ledger.rows.get("派驻", ()):
        code = row.values.get("岗位编号")
        if code in posts and taken[code] > posts[code]:
            ledger.problem(
                "派驻", "岗位编号", row.number, f"岗位“{code}”名额为{posts[code]}，派驻了{taken[code]}人"
            )


def check_against_database(ledger: Ledger, known: Known) -> None:
    """Masked personal data (from an export) must match what is stored; an ID number may not belong to a
    cadre already in the program under another 干部编号."""
    owners: dict[str, str] = {h: code for code, h in known.id_owner.items() if h}
    id_numbers = {}
    for row in ledger.rows.get("干部", ()):
        code = row.values.get("干部编号")
        for header, stored in (("身份证号", known.masked_ids), ("手机号", known.masked_mobiles)):
            value = row.values.get(header)
            if value and "*" in value and stored.get(code) != value:
                ledger.problem("干部", header, row.number, f"{header}为脱敏值，无法导入，请填写完整号码")
        value = row.values.get("身份证号")
        if value and "*" not in value:
            id_numbers[row.number] = (code, crypto.keyed_hash(value))
    for number, (code, digest) in id_numbers.items():
        owner = owners.get(digest)
        if owner is not None and owner != code:
            ledger.problem("干部", "身份证号", number, f"该身份证号已属于本计划的干部“{owner}”")
    if id_numbers:
        hashes = {d for _, d in id_numbers.values()}
        taken = set(Cadre.objects.filter(id_number_hash__in=hashes).values_list("id_number_hash", flat=True))
        for number, (code, digest) in id_numbers.items():
            current = known.id_owner.get(code)
            if current and current != digest and digest in taken:
                ledger.problem("干部", "身份证号", number, "该身份证号已登记在其他干部名下")
