"""The ledger workbook's sheets, columns and vocabularies (spec/ledger-workbook.md, version 1).

The sheet names and headers are a contract: other tools and people's files depend on them.
"""

from dataclasses import dataclass, field

from cadreforge.pipeline.models import Talent
from cadreforge.programs.models import Batch, HostUnit, Program
from cadreforge.secondment.models import WrittenOutput

# Column kinds, each parsed by cells.PARSERS[kind].
TEXT, INT, DATE, MONTH, LIST, AMOUNT, BOOL, STAGE, ENUM = (
    "text",
    "int",
    "date",
    "month",
    "list",
    "amount",
    "bool",
    "stage",
    "enum",
)
ID_NUMBER, MOBILE, USCC, CODE = "id_number", "mobile", "uscc", "code"

STAGE_LABELS = ["考察", "意向", "签约", "开工", "投产"]
GENDER_CHOICES = {"男": "M", "女": "F"}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    required: bool = False
    # For ENUM columns: label shown in the workbook → stored value.
    choices: dict[str, str] = field(default_factory=dict)
    help: str = ""

    @property
    def dropdown(self) -> list[str]:
        """The values offered in the template's drop-down list (empty when free text)."""
        if self.kind == ENUM:
            return list(self.choices)
        if self.kind == BOOL:
            return ["是", "否"]
        if self.kind == STAGE:
            return STAGE_LABELS
        return []


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    help: str
    key: str = ""

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]

    def column(self, header: str) -> Column:
        return next(c for c in self.columns if c.header == header)


def _labels(choices) -> dict[str, str]:
    return {str(label): value for value, label in choices}


PROGRAM = Sheet(
    "计划",
    (
        Column("计划代码", CODE, True, help="小写字母、数字和连字符，如 penglai-3360"),
        Column("计划名称", TEXT, True),
        Column("类型", ENUM, True, _labels(Program.Kind.choices)),
        Column("主办单位"),
        Column("所属地区"),
        Column("说明"),
    ),
    "培养计划本身，必须恰好一行数据。",
    "计划代码",
)
BATCHES = Sheet(
    "批次",
    (
        Column("批次", INT, True, help="1、2、3……"),
        Column("名称"),
        Column("开始日期", DATE),
        Column("结束日期", DATE),
        Column("计划人数", INT),
        Column("状态", ENUM, choices=_labels(Batch.Status.choices)),
    ),
    "计划的各个批次，以批次号为键。",
    "批次",
)
CADRES = Sheet(
    "干部",
    (
        Column("干部编号", CODE, True, help="在本工作簿内唯一，其他工作表以此引用干部"),
        Column("姓名", TEXT, True),
        Column("性别", ENUM, choices=GENDER_CHOICES),
        Column("出生年月", MONTH),
        Column("身份证号", ID_NUMBER, help="18位，校验码须正确；请以文本格式填写"),
        Column("手机号", MOBILE),
        Column("工作单位", TEXT, True),
        Column("职务"),
        Column("职级"),
        Column("专业领域", LIST),
        Column("批次", INT, help="本计划的批次号"),
    ),
    "参加本计划的干部，以干部编号为键；身份证号相同的干部视为同一人。",
    "干部编号",
)
POSTS = Sheet(
    "岗位",
    (
        Column("岗位编号", CODE, True),
        Column("城市", TEXT, True),
        Column("派驻单位", TEXT, True),
        Column("单位类型", ENUM, choices=_labels(HostUnit.Kind.choices)),
        Column("产业链", LIST),
        Column("名额", INT, help="默认1"),
        Column("岗位职责"),
    ),
    "派驻单位提供的岗位，以岗位编号为键。",
    "岗位编号",
)
ASSIGNMENTS = Sheet(
    "派驻",
    (
        Column("干部编号", CODE, True),
        Column("岗位编号", CODE, True),
        Column("开始日期", DATE),
        Column("结束日期", DATE),
    ),
    "干部派驻到岗位，以干部编号+岗位编号为键；同一干部同一时间只能派驻一个岗位。",
    "干部编号+岗位编号",
)
VISITS = Sheet(
    "走访",
    (
        Column("走访日期", DATE, True),
        Column("干部编号", CODE, True),
        Column("企业名称", TEXT, True),
        Column("统一社会信用代码", USCC, help="18位，校验码须正确"),
        Column("企业所在地"),
        Column("产业链", LIST),
        Column("备注"),
    ),
    "走访企业记录，以走访日期+干部编号+企业名称为键。",
    "走访日期+干部编号+企业名称",
)
LEADS = Sheet(
    "线索",
    (
        Column("线索编号", CODE, True),
        Column("报送日期", DATE, True),
        Column("干部编号", CODE, True),
        Column("企业名称", TEXT, True),
        Column("线索内容"),
        Column("产业链", LIST),
        Column("预计投资额(万元)", AMOUNT),
        Column("有价值", BOOL, help="默认“是”"),
    ),
    "报送的招商线索，以线索编号为键。",
    "线索编号",
)
STAGE_DATE_HEADERS = [f"{label}日期" for label in STAGE_LABELS]
PROJECTS = Sheet(
    "项目",
    (
        Column("项目编号", CODE, True),
        Column("项目名称", TEXT, True),
        Column("投资方", TEXT, True),
        Column("来源线索编号", CODE),
        Column("引荐干部编号", LIST),
        Column("产业链", LIST),
        Column("投资额(万元)", AMOUNT),
        Column(
            "当前阶段",
            STAGE,
            True,
            help="同义词：引荐考察→考察，框架协议/合作意向/意向书→意向，正式签约→签约，落地/落地投产→投产",
        ),
        *(Column(h, DATE) for h in STAGE_DATE_HEADERS),
    ),
    "引荐回家乡的招商项目，以项目编号为键；阶段日期不得倒序，当前阶段之后的阶段不得填日期。",
    "项目编号",
)
TALENTS = Sheet(
    "人才",
    (
        Column("姓名", TEXT, True),
        Column("层次", ENUM, True, _labels(Talent.Level.choices)),
        Column("引进日期", DATE),
        Column("引荐干部编号", LIST),
    ),
    "引进的人才，以姓名+层次+引进日期为键。",
    "姓名+层次+引进日期",
)
OUTPUTS = Sheet(
    "成果",
    (
        Column("类型", ENUM, True, _labels(WrittenOutput.Kind.choices)),
        Column("标题", TEXT, True, help="一期期刊为一行"),
        Column("作者干部编号", LIST),
        Column("字数", INT),
        Column("日期", DATE),
        Column("被采纳", BOOL, help="是否被决策或文件采纳"),
    ),
    "书面成果，以类型+标题为键。",
    "类型+标题",
)

SHEETS: tuple[Sheet, ...] = (
    PROGRAM,
    BATCHES,
    CADRES,
    POSTS,
    ASSIGNMENTS,
    VISITS,
    LEADS,
    PROJECTS,
    TALENTS,
    OUTPUTS,
)
SHEETS_BY_NAME = {s.name: s for s in SHEETS}
INSTRUCTIONS_SHEET = "说明"


def normalise_header(text: object) -> str:
    """Headers match after trimming; full-width brackets count as half-width; a trailing * (the template's
    mark of a required column) is ignored."""
    s = str(text or "").strip().replace("（", "(").replace("）", ")").replace(" ", "").replace("\u3000", "")
    return s.rstrip("*＊").strip()
