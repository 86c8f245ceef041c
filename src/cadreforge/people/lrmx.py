"""The .lrmx file of the 干部任免审批表 software (中组部): a UTF-8 XML `<Person>` with pinyin-named elements.

Only the subset that independent readers and writers agree on is handled: the personal items, education,
posts, 简历, 奖惩情况, 年度考核结果, 任免理由, 家庭主要成员 (`JiaTingChengYuan/Item`), 呈报单位, 填表时间,
身份证号 and an optional base64 photo. Year-months are written `yyyyMM` (as the software does) and read in
the spellings seen in the wild (198506, 1985.06, 1985-06, 1985年6月). Pure: bytes in, dataclass out.

Parsing refuses any DOCTYPE (so no external entity and no entity expansion), caps the size, and turns every
malformed input into a DomainError with a Chinese message.
"""

import base64
import binascii
import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, fields
from xml.parsers import expat

from cadreforge.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
VERSION = "3.2.1.16"
FAMILY_TAG = "JiaTingChengYuan"


@dataclass(frozen=True)
class FamilyMember:
    """One row of 家庭主要成员及重要社会关系."""

    relation: str = ""  # 称谓
    name: str = ""
    birth_month: dt.date | None = None
    political_status: str = ""  # 政治面貌
    work_unit_and_post: str = ""  # 工作单位及职务


@dataclass(frozen=True)
class AppointmentForm:
    """The content of one 干部任免审批表, as the .lrmx file carries it."""

    name: str = ""
    gender: str = ""  # 男 / 女
    birth_month: dt.date | None = None
    ethnicity: str = ""
    native_place: str = ""  # 籍贯
    birthplace: str = ""
    party_join_month: dt.date | None = None
    work_start_month: dt.date | None = None
    health: str = ""
    professional_title: str = ""  # 专业技术职务
    specialty: str = ""  # 熟悉专业有何专长
    fulltime_education: str = ""  # 全日制教育：学历
    fulltime_degree: str = ""
    fulltime_school: str = ""  # 毕业院校系及专业（学历）
    fulltime_degree_school: str = ""
    onjob_education: str = ""  # 在职教育
    onjob_degree: str = ""
    onjob_school: str = ""
    onjob_degree_school: str = ""
    current_post: str = ""
    proposed_post: str = ""
    proposed_removal: str = ""  # 拟免职务
    resume: str = ""  # 简历
    rewards: str = ""  # 奖惩情况
    assessments: str = ""  # 年度考核结果
    reason: str = ""  # 任免理由
    family: tuple[FamilyMember, ...] = field(default_factory=tuple)
    reporting_unit: str = ""  # 呈报单位
    filled_on: dt.date | None = None  # 填表时间
    id_number: str = ""  # 身份证号
    photo: bytes = b""


# Element name, field name, what the field is called in messages. Order is the software's.
_TEXT = [
    ("XingMing", "name", "姓名"),
    ("XingBie", "gender", "性别"),
    ("ChuShengNianYue", "birth_month", "出生年月"),
    ("MinZu", "ethnicity", "民族"),
    ("JiGuan", "native_place", "籍贯"),
    ("ChuShengDi", "birthplace", "出生地"),
    ("RuDangShiJian", "party_join_month", "入党时间"),
    ("CanJiaGongZuoShiJian", "work_start_month", "参加工作时间"),
    ("JianKangZhuangKuang", "health", "健康状况"),
    ("ZhuanYeJiShuZhiWu", "professional_title", "专业技术职务"),
    ("ShuXiZhuanYeYouHeZhuanChang", "specialty", "熟悉专业有何专长"),
    ("QuanRiZhiJiaoYu_XueLi", "fulltime_education", "全日制教育学历"),
    ("QuanRiZhiJiaoYu_XueWei", "fulltime_degree", "全日制教育学位"),
    ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "fulltime_school", "全日制教育毕业院校系"),
    ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "fulltime_degree_school", "全日制教育学位授予院校"),
    ("ZaiZhiJiaoYu_XueLi", "onjob_education", "在职教育学历"),
    ("ZaiZhiJiaoYu_XueWei", "onjob_degree", "在职教育学位"),
    ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "onjob_school", "在职教育毕业院校系"),
    ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "onjob_degree_school", "在职教育学位授予院校"),
    ("XianRenZhiWu", "current_post", "现任职务"),
    ("NiRenZhiWu", "proposed_post", "拟任职务"),
    ("NiMianZhiWu", "proposed_removal", "拟免职务"),
    ("JianLi", "resume", "简历"),
    ("JiangChengQingKuang", "rewards", "奖惩情况"),
    ("NianDuKaoHeJieGuo", "assessments", "年度考核结果"),
    ("RenMianLiYou", "reason", "任免理由"),
]
_TAIL = [
    ("ChengBaoDanWei", "reporting_unit", "呈报单位"),
    ("TianBiaoShiJian", "filled_on", "填表时间"),
    ("ShenFenZheng", "id_number", "身份证号"),
]
_FAMILY = [
    ("ChengWei", "relation", "称谓"),
    ("XingMing", "name", "姓名"),
    ("ChuShengRiQi", "birth_month", "出生年月"),
    ("ZhengZhiMianMao", "political_status", "政治面貌"),
    ("GongZuoDanWeiJiZhiWu", "work_unit_and_post", "工作单位及职务"),
]
_MONTH_FIELDS = {"birth_month", "party_join_month", "work_start_month"}
LABELS = {name: label for _, name, label in _TEXT + _TAIL} | {"family": "家庭主要成员", "photo": "照片"}
LABELS |= {"fulltime_school": "全日制教育毕业院校系及专业", "onjob_school": "在职教育毕业院校系及专业"}

# Characters XML 1.0 cannot carry; a carriage return would come back as a line feed.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DATE = re.compile(r"^(\d{4})\s*[.\-/年]?\s*(\d{1,2})\s*月?\s*(?:[.\-/]?\s*(\d{1,2})\s*日?)?$")
_GB_DECLARATION = re.compile(rb"^(\s*<\?xml[^>]*encoding\s*=\s*[\"'])(gb2312|gbk|gb18030)([\"'])", re.I)


def clean_text(value: str) -> str:
    """What survives a trip through the file: XML-legal characters, LF line ends, no outer blanks."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", value).strip()


def parse_month(text: str, label: str) -> dt.date | None:
    """A year-month as the software and its users write it; the first of the month, or None if empty."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    if match is None and text.isdigit() and len(text) in (6, 8):
        match = _DATE.match(f"{text[:4]}.{text[4:6]}" + (f".{text[6:]}" if len(text) == 8 else ""))
    if match is None:
        raise DomainError(f"{label}“{text[:20]}”不是年月，应写作如 198506 或 1985.06。")
    year, month = int(match[1]), int(match[2])
    if not 1900 <= year <= 2099 or not 1 <= month <= 12:
        raise DomainError(f"{label}“{text[:20]}”不是有效的年月。")
    return dt.date(year, month, 1)


def parse_day(text: str, label: str) -> dt.date | None:
    """A date written yyyyMMdd (or yyyy.MM.dd); a bare year-month gives its first day."""
    month = parse_month(text, label)
    digits = re.sub(r"\D", "", text)
    if month is None or len(digits) != 8:
        return month
    try:
        return month.replace(day=int(digits[6:]))
    except ValueError as exc:
        raise DomainError(f"{label}“{text[:20]}”不是有效的日期。") from exc


def _month_text(value: dt.date | None) -> str:
    return f"{value:%Y%m}" if value else ""


# Writing ---------------------------------------------------------------------------------------------


def _add(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = clean_text(text)


def write(form: AppointmentForm) -> bytes:
    """The .lrmx bytes of a form (UTF-8, with declaration, one element per line)."""
    root = ET.Element("Person")
    for tag, name, _ in _TEXT:
        value = getattr(form, name)
        _add(root, tag, _month_text(value) if name in _MONTH_FIELDS else value)
    family = ET.SubElement(root, FAMILY_TAG)
    for member in form.family:
        item = ET.SubElement(family, "Item")
        for tag, name, _ in _FAMILY:
            value = getattr(member, name)
            _add(item, tag, _month_text(value) if name == "birth_month" else value)
    _add(root, "ChengBaoDanWei", form.reporting_unit)
    _add(root, "JiSuanNianLingShiJian", f"{form.filled_on:%Y%m%d}" if form.filled_on else "")
    _add(root, "TianBiaoShiJian", f"{form.filled_on:%Y%m%d}" if form.filled_on else "")
    _add(root, "ShenFenZheng", form.id_number)
    _add(root, "ZhaoPian", base64.b64encode(form.photo).decode() if form.photo else "")
    _add(root, "Version", VERSION)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# Reading ---------------------------------------------------------------------------------------------


def _refuse_doctype(*_args) -> None:
    raise DomainError("文件含有 DOCTYPE 或实体声明，出于安全原因不予读取。")


def _parse_tree(data: bytes) -> ET.Element:
    """Well-formed XML without any DTD, as an ElementTree element."""
    declared = _GB_DECLARATION.match(data)
    if declared:  # expat knows no Chinese national encodings: decode here, hand it UTF-8
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise DomainError("文件声明为 GB 编码，但内容不是有效的 GB 编码文本。") from exc
        data = _GB_DECLARATION.sub(rb"\1utf-8\3", text.encode("utf-8"), count=1)
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.ExternalEntityRefHandler = _refuse_doctype
    parser.StartElementHandler = lambda tag, attrs: builder.start(tag, attrs)
    parser.EndElementHandler = lambda tag: builder.end(tag)
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        return builder.close()
    except expat.ExpatError as exc:
        raise DomainError(
            f"文件不是有效的 XML（第{exc.lineno}行第{exc.offset + 1}列：{expat.errors.messages[exc.code]}）。"
        ) from exc
    except (AssertionError, ValueError, LookupError) as exc:  # empty document, bad encoding name
        raise DomainError("文件不是有效的 XML。") from exc


def _text(parent: ET.Element, tag: str, where: str) -> str:
    found = parent.findall(tag)
    if len(found) > 1:
        raise DomainError(f"{where}的 {tag} 元素出现了{len(found)}次，应只有一个。")
    if not found:
        return ""
    if len(found[0]):
        raise DomainError(f"{where}的 {tag} 元素应只含文字，不能含下级元素。")
    return clean_text(found[0].text or "")


def _value(name: str, text: str, label: str):
    if name in _MONTH_FIELDS:
        return parse_month(text, label)
    if name == "filled_on":
        return parse_day(text, label)
    return text


def _family(root: ET.Element) -> tuple[FamilyMember, ...]:
    groups = root.findall(FAMILY_TAG)
    if len(groups) > 1:
        raise DomainError(f"{FAMILY_TAG}（家庭主要成员）出现了{len(groups)}次，应只有一个。")
    members = []
    for n, item in enumerate(groups[0].findall("Item") if groups else [], start=1):
        where = f"家庭主要成员第{n}行"
        values = {
            name: _value(name, _text(item, tag, where), f"{where}的{label}") for tag, name, label in _FAMILY
        }
        member = FamilyMember(**values)
        if member != FamilyMember():  # the software pads the table with empty rows
            members.append(member)
    return tuple(members)


def read(data: bytes) -> AppointmentForm:
    """The form in a .lrmx file. Anything that is not one raises DomainError saying where and what."""
    if not isinstance(data, bytes | bytearray):
        raise DomainError("文件内容应为字节。")
    if len(data) > MAX_BYTES:
        raise DomainError(
            f"文件过大（{len(data) // 1024} KB），任免审批表文件不应超过 {MAX_BYTES // 1048576} MB。"
        )
    if not data.strip():
        raise DomainError("文件是空的。")
    root = _parse_tree(bytes(data))
    if root.tag != "Person":
        raise DomainError(f"不是干部任免审批表文件（.lrmx）：根元素应为 Person，实际为 {root.tag[:40]}。")
    values = {name: _value(name, _text(root, tag, "任免审批表"), label) for tag, name, label in _TEXT + _TAIL}
    photo = _text(root, "ZhaoPian", "任免审批表")
    try:
        values["photo"] = base64.b64decode("".join(photo.split()), validate=True) if photo else b""
    except (binascii.Error, ValueError) as exc:
        raise DomainError("照片（ZhaoPian）不是有效的 base64 编码。") from exc
    return AppointmentForm(**values, family=_family(root))


def changed_fields(before: AppointmentForm, after: AppointmentForm) -> list[str]:
    """Names of the fields that differ (for tests and summaries)."""
    return [f.name for f in fields(AppointmentForm) if getattr(before, f.name) != getattr(after, f.name)]
