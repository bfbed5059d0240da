"""The 工作台账 workbook as data: one sheet per ledger category, its columns, choices and identity.

Pure: no I/O. The template writer and the reader (tasks/forms/ledger_xlsx.py) are driven by this.
Column keys are the identifiers used in code (LedgerRow.fields / .personal, template `rows`);
headers are what people see. Personal columns (PIPL) are marked ★ in the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.enums import Category
from models.values.phones import PHONE_HINT

KINDS = frozenset({"text", "date", "int", "money", "choice"})
PERSONAL_MARK = "★"

# Limits beyond which a count or amount is taken as a typing error.
MAX_PARTICIPANTS = 100_000
MAX_ISSUES = 10_000
MAX_AMOUNT_YUAN = 10_000_000  # amount_fen is a 32-bit integer column
TEXT_LIMIT = 500              # characters in a text column without its own maximum
NOTES_LIMIT = 2000


@dataclass(frozen=True)
class Column:
    """One column of a ledger sheet.

    kind: text | date | int | money (yuan, two decimals) | choice (one of `choices`, (code, 中文) pairs).
    maximum: largest accepted int/money value, or longest text in characters (None: the default limit,
    TEXT_LIMIT for text); ints and money are never negative.
    """

    key: str
    header: str
    kind: str
    required: bool
    choices: tuple[tuple[str, str], ...] = ()
    personal: bool = False
    note: str = ""
    maximum: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"column {self.key!r}: choices go with kind 'choice' only")

    @property
    def shown_header(self) -> str:
        """The header as written in the template: personal columns carry ★."""
        return self.header + PERSONAL_MARK if self.personal else self.header

    def label(self, code: str) -> str:
        """The Chinese label of a choice code."""
        return dict(self.choices)[code]


@dataclass(frozen=True)
class Sheet:
    """One category's sheet: its name (the category's Chinese name), columns, and natural identity.

    key_columns: column keys identifying a row when 台账编号 is blank.
    subtype: key of the choice column giving LedgerRow.subtype ('' when the category has none).
    """

    category: Category
    name: str
    columns: tuple[Column, ...]
    key_columns: tuple[str, ...]
    subtype: str = ""

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


LEDGER_ID = Column("ledger_id", "台账编号", "text", False,
                   note="选填。本单位自编的行编号；填写后即为该行的身份，日后修改其他内容重新导入时按此编号更新")
UNIT_CODE = Column("unit_code", "单位代码", "text", True, note="县（区）行政区划代码，6 位数字，如 340123")
OCCURRED_ON = Column("occurred_on", "日期", "date", True, note="活动或文书日期，格式 yyyy-mm-dd")
TITLE = Column("title", "事项名称", "text", True, note="简要写明事项，如“某公司劳动合同法专题讲座”")
NOTES = Column("notes", "备注", "text", False, maximum=NOTES_LIMIT)
OTHER_CHOICE = "other"   # the notice's 等: a choice outside the list, described in 备注
COMMON_HEAD = (LEDGER_ID, UNIT_CODE, OCCURRED_ON, TITLE)

WORKER_NAME = "worker_name"
PHONE = "phone"
ID_NUMBER = "id_number"
ADDRESS = "address"


def _worker(required: bool) -> Column:
    return Column(WORKER_NAME, "职工姓名", "text", required, personal=True, note="个人信息，不得外传")


def _phone() -> Column:
    return Column(PHONE, "联系电话", "text", False, personal=True,
                  note=PHONE_HINT)


def _id_number() -> Column:
    return Column(ID_NUMBER, "身份证号", "text", False, personal=True,
                  note="18 位居民身份证号码，导入时校验；请以文本格式填写")


VENUES = (("enterprise", "进企业"), ("industrial_park", "进园区"), ("community", "进社区"),
          ("construction_site", "进工地"), ("campus", "进校园"))

PUBLICITY = Sheet(
    Category.publicity, "法治宣传教育",
    (*COMMON_HEAD,
     Column("venue", "五进场所", "choice", True, VENUES,
            note="普法“五进”：进企业、进园区、进社区、进工地、进校园"),
     Column("format", "形式", "choice", True,
            (("lecture", "普法讲座"), ("on_site", "现场普法"), ("talk", "法治宣讲"), (OTHER_CHOICE, "其他")),
            note="选“其他”时须在“备注”写明具体形式"),
     Column("participants", "参加人数", "int", False, note="不小于 0 的整数", maximum=MAX_PARTICIPANTS),
     NOTES),
    key_columns=("unit_code", "occurred_on", "title"),
    subtype="format",
)

LABOUR_SUPERVISION = Sheet(
    Category.labour_supervision, "劳动法律监督",
    (*COMMON_HEAD,
     Column("case_no", "案件编号", "text", True, note="同一案件的提示函、意见书、建议书填同一编号"),
     Column("employer", "用人单位", "text", True),
     Column("topic", "监督事项", "choice", True,
            (("contract", "劳动合同"), ("pay", "薪酬支付"), ("overtime", "加班加点"),
             ("social_insurance", "社会保险"), ("labour_protection", "劳动保护"), (OTHER_CHOICE, "其他")),
            note="选“其他”时须在“备注”写明具体事项"),
     Column("document", "文书", "choice", True,
            (("complaint", "受理投诉举报"), ("investigation", "实地调查"),
             ("reminder_letter", "提示函"), ("opinion", "意见书"), ("recommendation", "建议书")),
            note="受理投诉举报、实地调查，再依次为一函两书（提示函、意见书、建议书）；每个步骤一行，"
                 "案件自登记第一行起计入监督件数"),
     Column("reply_due", "答复期限", "date", False, note="意见书要求用人单位答复的期限"),
     Column("replied_on", "企业答复日期", "date", False),
     _worker(False), _phone(), _id_number(),
     NOTES),
    key_columns=("unit_code", "case_no", "document"),
    subtype="document",
)

LEGAL_AID = Sheet(
    Category.legal_aid, "职工法律援助",
    (*COMMON_HEAD,
     Column("service", "服务类型", "choice", True,
            (("consultation", "法律咨询"), ("document_drafting", "代写法律文书"), ("mediation", "协商调解"),
             ("arbitration", "代理仲裁"), ("litigation", "代理诉讼"))),
     _worker(True), _phone(), _id_number(),
     Column(ADDRESS, "住址", "text", False, personal=True, note="个人信息，不得外传"),
     Column("amount", "涉及金额（元）", "money", False, note="单位：元，最多两位小数",
            maximum=MAX_AMOUNT_YUAN),
     Column("result", "办理结果", "text", False, maximum=NOTES_LIMIT),
     NOTES),
    key_columns=("unit_code", "occurred_on", "service", WORKER_NAME),
    subtype="service",
)

COLLECTIVE_BARGAINING = Sheet(
    Category.collective_bargaining, "参与集体协商",
    (*COMMON_HEAD,
     Column("mode", "方式", "choice", True,
            (("guide", "指导建制"), ("participate", "参与协商"), ("review", "审查合同"))),
     Column("enterprise", "企业名称", "text", True),
     NOTES),
    key_columns=("unit_code", "occurred_on", "title"),
    subtype="mode",
)

LEGALITY_REVIEW = Sheet(
    Category.legality_review, "合法性审查",
    (*COMMON_HEAD,
     Column("subject", "审查对象", "choice", True,
            (("contract", "经济合同"), ("internal_document", "内部规范性文件"),
             ("litigation", "涉法涉诉事项"))),
     NOTES),
    key_columns=("unit_code", "occurred_on", "title"),
    subtype="subject",
)

OTHER = Sheet(
    Category.other, "其他法律工作",
    (*COMMON_HEAD,
     Column("kind", "类型", "choice", True,
            (("training", "干部法律培训"), ("case_compilation", "典型案例汇编"),
             ("dispute_mechanism", "纠纷化解机制"), ("archive_building", "档案规范化建设"))),
     NOTES),
    key_columns=("unit_code", "occurred_on", "title"),
    subtype="kind",
)

EMPLOYMENT_HEALTH_CHECK = Sheet(
    Category.employment_health_check, "企业用工体检",
    (*COMMON_HEAD,
     Column("enterprise", "企业名称", "text", True),
     Column("issues", "发现问题数", "int", False, note="不小于 0 的整数", maximum=MAX_ISSUES),
     NOTES),
    key_columns=("unit_code", "occurred_on", "title"),
)

SHEETS: tuple[Sheet, ...] = (
    PUBLICITY, LABOUR_SUPERVISION, LEGAL_AID, COLLECTIVE_BARGAINING, LEGALITY_REVIEW, OTHER,
    EMPLOYMENT_HEALTH_CHECK,
)
_BY_CATEGORY = {sheet.category: sheet for sheet in SHEETS}
CATEGORY_LABELS: dict[Category, str] = {sheet.category: sheet.name for sheet in SHEETS}  # 法治宣传教育 …
_BY_NAME = {sheet.name: sheet for sheet in SHEETS}


def described_choices(sheet: Sheet) -> tuple[Column, ...]:
    """The choice columns offering 其他, whose rows must then say what in 备注."""
    return tuple(c for c in sheet.columns if c.kind == "choice" and OTHER_CHOICE in dict(c.choices))


def sheet_for(category: Category | str) -> Sheet:
    """The sheet of a category (enum or its value); KeyError when unknown."""
    return _BY_CATEGORY[Category(category)]


def sheet_named(name: str) -> Sheet | None:
    """The sheet whose Chinese name is `name`, or None."""
    return _BY_NAME.get(name)
