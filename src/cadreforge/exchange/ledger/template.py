"""The empty ledger workbook (`cadreforge template`): every sheet with its headers (required ones marked
with * in red), drop-down lists for every enumerated column, and a 说明 sheet in Chinese."""

from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import schema

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)

GENERAL_RULES = [
    ("通用规则", ""),
    ("表头", "第1行为表头，第2行起为数据；列的顺序可以调整；空行会被跳过；表头带*的列为必填列。"),
    ("工作表", "除“计划”外，工作表可以缺省（缺省即不导入该类数据），但出现的工作表必须包含其必填列。"),
    ("日期", "填写 YYYY-MM-DD（如 2024-03-01）、YYYY年M月D日（如 2024年3月1日），或Excel日期单元格。"),
    ("年月", "填写 YYYY-MM（如 1985-06）或 YYYY年M月（如 1985年6月）。"),
    ("金额", "单位为万元，可带小数（最多6位小数，即精确到分），如 3.5 表示35000元。"),
    ("列表", "一个单元格内的多项用 、 , ， ; ； 分隔，如“新材料、高端装备”。"),
    ("是/否", "填写 是/否，也可填 Y/N、1/0、TRUE/FALSE。"),
    (
        "证件号码",
        "身份证号（18位，校验码须正确）、统一社会信用代码（18位）请设置为文本格式填写，以免Excel丢失位数。",
    ),
    (
        "导入规则",
        "整个文件要么全部导入，要么全部不导入：任何一个单元格有问题，系统会列出所有问题（工作表!列 行: 说明），不写入任何数据。同一文件重复导入不会产生重复记录。",
    ),
    ("繁简体", "文字按原样保存；查找和去重时繁体、简体视为相同；企业名称有无“有限公司”等后缀视为同一企业。"),
]


def header_text(column: schema.Column, mark_required: bool) -> str:
    return f"{column.header}*" if mark_required and column.required else column.header


def add_headers(ws, spec: schema.Sheet, *, mark_required: bool = True, dropdowns: bool = True) -> None:
    for index, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=index, value=header_text(column, mark_required))
        cell.font = REQUIRED_FONT if column.required else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        if column.help:
            cell.comment = Comment(column.help, "CadreForge")
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        options = column.dropdown
        if dropdowns and options:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(options) + '"',
                allow_blank=not column.required,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle="无效的值",
                error=f"{column.header}应为：{'、'.join(options)}",
            )
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}1048576")
    ws.freeze_panes = "A2"


def add_instructions(wb: Workbook) -> None:
    ws = wb.create_sheet(schema.INSTRUCTIONS_SHEET, 0)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    ws.append(["台账工作簿填写说明", "本工作簿用于导入、导出一个培养计划的全部台账数据（台账工作簿第1版）。"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    for title, text in GENERAL_RULES:
        ws.append([title, text])
        if not text:
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["各工作表", ""])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=12)
    for spec in schema.SHEETS:
        required = "、".join(c.header for c in spec.required)
        ws.append([spec.name, f"{spec.help} 键：{spec.key}。必填列：{required}。"])
        ws.cell(row=ws.max_row, column=1).font = HEADER_FONT
        for column in spec.columns:
            notes = [n for n in (column.help, _format_note(column)) if n]
            if notes:
                ws.append([f"  {column.header}", "；".join(notes)])
    for row in ws.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _format_note(column: schema.Column) -> str:
    if column.dropdown:
        return "可选值：" + "、".join(column.dropdown)
    return {
        schema.DATE: "日期",
        schema.MONTH: "年月",
        schema.AMOUNT: "金额（万元）",
        schema.LIST: "列表，多项用顿号或逗号分隔",
    }.get(column.kind, "")


def build_template() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    add_instructions(wb)
    for spec in schema.SHEETS:
        add_headers(wb.create_sheet(spec.name), spec)
    return wb


def write_template(target: str | Path | IO[bytes]) -> None:
    build_template().save(target)
