"""The 2021 national format (国办公开办函〔2021〕30号) as one definition in data.

Everything else in the report core — the text parser, the renderers, the checker, the JSON
schema and (later) the SQL aggregations — is derived from the tuples below. The canonical keys
are a public contract (see shared/spec/annual-report-format.md): never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Kind = Literal["count", "amount"]


@dataclass(frozen=True)
class Field:
    """A column of a table: its key, the label printed in the official format, label variants."""

    key: str
    label: str
    variants: tuple[str, ...] = ()
    kind: Kind = "count"


@dataclass(frozen=True)
class Row:
    """A data row: key, label as printed (without its ordinal), the ordinal, its group."""

    key: str
    label: str
    ordinal: str = ""
    group: str = ""
    variants: tuple[str, ...] = ()
    # A weak label ("其他") is only taken as this row inside its group, never elsewhere.
    weak: bool = False

    @property
    def printed(self) -> str:
        return f"{self.ordinal}{self.label}"


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    ordinal: str


@dataclass(frozen=True)
class Table2Item:
    key: str
    label: str
    block: str
    fields: tuple[Field, ...]
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table2Block:
    key: str
    label: str  # 第二十条第（一）项
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Section:
    number: int
    ordinal: str
    heading: str
    variants: tuple[str, ...] = field(default_factory=tuple)


SECTIONS: tuple[Section, ...] = (
    Section(1, "一", "总体情况"),
    Section(2, "二", "主动公开政府信息情况"),
    Section(3, "三", "收到和处理政府信息公开申请情况"),
    Section(
        4,
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        ("因政府信息公开工作被申请行政复议、提起行政诉讼情况", "政府信息公开行政复议及行政诉讼情况"),
    ),
    Section(5, "五", "存在的主要问题及改进情况", ("政府信息公开工作存在的主要问题及改进情况",)),
    Section(6, "六", "其他需要报告的事项", ("其他事项",)),
)

# Narrative text kept per section: the key in ``narrative.sections`` and the section it stands in
# (0 = before 一, e.g. "根据《条例》…编制本报告").
NARRATIVE_SECTIONS: dict[str, int] = {"preamble": 0, "overview": 1, "problems": 5, "other_matters": 6}
# Their headings as pages and messages name them (引言 for the text before 一).
NARRATIVE_TITLES: dict[str, str] = {
    key: f"{SECTIONS[n - 1].ordinal}、{SECTIONS[n - 1].heading}" if n else "引言"
    for key, n in NARRATIVE_SECTIONS.items()
}

# ---------------------------------------------------------------- table 2

_DOC_FIELDS = (
    Field("issued", "本年制发件数", ("本年新制发件数", "本年制发数量")),
    Field("repealed", "本年废止件数", ("本年废止数量",)),
    Field("in_force", "现行有效件数", ("现行有效数量",)),
)
_DECISIONS = (Field("decisions", "本年处理决定数量", ("本年处理决定件数", "处理决定数量")),)
_AMOUNT = (
    Field("amount", "本年收费金额（单位：万元）", ("本年收费金额", "本年收费金额(万元)"), kind="amount"),
)

TABLE2_BLOCKS: tuple[Table2Block, ...] = (
    Table2Block("art20_1", "第二十条第（一）项", _DOC_FIELDS),
    Table2Block("art20_5", "第二十条第（五）项", _DECISIONS),
    Table2Block("art20_6", "第二十条第（六）项", _DECISIONS),
    Table2Block("art20_8", "第二十条第（八）项", _AMOUNT),
)

TABLE2_CONTENT_HEADER = "信息内容"

TABLE2_ITEMS: tuple[Table2Item, ...] = (
    Table2Item("regulations", "规章", "art20_1", _DOC_FIELDS),
    Table2Item("normative_documents", "行政规范性文件", "art20_1", _DOC_FIELDS, ("规范性文件",)),
    Table2Item("licensing", "行政许可", "art20_5", _DECISIONS),
    Table2Item("punishment", "行政处罚", "art20_6", _DECISIONS),
    Table2Item("coercion", "行政强制", "art20_6", _DECISIONS),
    Table2Item("fees", "行政事业性收费", "art20_8", _AMOUNT),
)

# ---------------------------------------------------------------- table 3

TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE3_HEADER = "申请人情况"
TABLE3_ORG_HEADER = "法人或其他组织"

TABLE3_COLUMNS: tuple[Field, ...] = (
    Field("natural_person", "自然人"),
    Field("commercial", "商业企业"),
    Field("research", "科研机构"),
    Field("social_welfare", "社会公益组织"),
    Field("legal_service", "法律服务机构"),
    Field("other_org", "其他"),
    Field("total", "总计"),
)
TABLE3_APPLICANT_COLUMNS = TABLE3_COLUMNS[:6]

TABLE3_GROUPS: tuple[Group, ...] = (
    Group("results", "本年度办理结果", "三、"),
    Group("denied", "不予公开", "（三）"),
    Group("unable", "无法提供", "（四）"),
    Group("rejected", "不予处理", "（五）"),
    Group("other", "其他处理", "（六）"),
)

TABLE3_ROWS: tuple[Row, ...] = (
    Row("new", "本年新收政府信息公开申请数量", "一、", variants=("本年新收申请数量",)),
    Row("carried_over", "上年结转政府信息公开申请数量", "二、", variants=("上年结转申请数量",)),
    Row("granted", "予以公开", "（一）", "results"),
    Row(
        "partial",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）",
        "results",
        ("部分公开",),
    ),
    Row("denied_state_secret", "属于国家秘密", "1.", "denied"),
    Row(
        "denied_law_prohibited",
        "其他法律行政法规禁止公开",
        "2.",
        "denied",
        ("其他法律法规禁止公开", "其他法律、行政法规禁止公开", "法律行政法规禁止公开"),
    ),
    Row("denied_three_security", "危及“三安全一稳定”", "3.", "denied", ("危及三安全一稳定",)),
    Row("denied_third_party", "保护第三方合法权益", "4.", "denied"),
    Row("denied_internal_affairs", "属于三类内部事务信息", "5.", "denied"),
    Row("denied_process_info", "属于四类过程性信息", "6.", "denied"),
    Row("denied_enforcement_file", "属于行政执法案卷", "7.", "denied"),
    Row("denied_inquiry", "属于行政查询事项", "8.", "denied"),
    Row("unable_not_held", "本机关不掌握相关政府信息", "1.", "unable"),
    Row("unable_needs_creation", "没有现成信息需要另行制作", "2.", "unable"),
    Row("unable_unclear", "补正后申请内容仍不明确", "3.", "unable"),
    Row("rejected_petition", "信访举报投诉类申请", "1.", "rejected"),
    Row("rejected_duplicate", "重复申请", "2.", "rejected"),
    Row("rejected_publication", "要求提供公开出版物", "3.", "rejected"),
    Row("rejected_mass", "无正当理由大量反复申请", "4.", "rejected"),
    Row(
        "rejected_confirmation",
        "要求行政机关确认或重新出具已获取信息",
        "5.",
        "rejected",
    ),
    Row(
        "other_no_correction",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.",
        "other",
    ),
    Row(
        "other_unpaid_fee",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.",
        "other",
    ),
    Row("other_other", "其他", "3.", "other", weak=True),
    Row("total", "总计", "（七）", "results", weak=True),
    Row("carried_forward", "结转下年度继续办理", "四、", variants=("结转下年度继续办理数量",)),
)

TABLE3_OUTCOME_ROWS: tuple[Row, ...] = tuple(r for r in TABLE3_ROWS if r.group and r.key != "total")
TABLE3_ROW_KEYS: tuple[str, ...] = tuple(r.key for r in TABLE3_ROWS)
TABLE3_COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in TABLE3_COLUMNS)

# ---------------------------------------------------------------- table 4

TABLE4_FIELDS: tuple[Field, ...] = (
    Field("upheld", "结果维持"),
    Field("corrected", "结果纠正"),
    Field("other", "其他结果"),
    Field("pending", "尚未审结"),
    Field("total", "总计"),
)
TABLE4_BLOCKS: tuple[Field, ...] = (
    Field("review", "行政复议"),
    Field("litigation_direct", "未经复议直接起诉"),
    Field("litigation_after_review", "复议后起诉"),
)
TABLE4_LITIGATION_HEADER = "行政诉讼"

# ---------------------------------------------------------------- cells

TableKey = Literal["table2", "table3", "table4"]
TABLE_NAMES: dict[str, str] = {"table2": "表二", "table3": "表三", "table4": "表四"}


class Cell(NamedTuple):
    """One numeric cell: (table, row, column). Row is the table-2 item, table-3 row or table-4 block.

    A NamedTuple rather than a dataclass: cells are dict keys on the parser's hot path, and tuple
    hashing is several times faster."""

    table: str
    row: str
    column: str

    @property
    def path(self) -> str:
        if self.table == "table3":
            return f"table3.rows.{self.row}.{self.column}"
        return f"{self.table}.{self.row}.{self.column}"

    def to_json(self) -> dict[str, str]:
        return {"table": self.table, "row": self.row, "column": self.column}

    @property
    def label(self) -> str:
        """The cell named as a person reads it: 表三“（七）总计”行“自然人”列."""
        return f"{TABLE_NAMES[self.table]}“{row_label(self.table, self.row)}”行“{column_label(self.table, self.column)}”列"


def _index() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    rows: dict[tuple[str, str], str] = {}
    cols: dict[tuple[str, str], str] = {}
    for item in TABLE2_ITEMS:
        rows["table2", item.key] = item.label
        for f in item.fields:
            cols["table2", f.key] = f.label
    for row in TABLE3_ROWS:
        rows["table3", row.key] = row.printed if row.key != "partial" else "（二）部分公开"
    for c in TABLE3_COLUMNS:
        cols["table3", c.key] = c.label
    for b in TABLE4_BLOCKS:
        rows["table4", b.key] = b.label if b.key == "review" else f"行政诉讼·{b.label}"
    for f in TABLE4_FIELDS:
        cols["table4", f.key] = f.label
    return rows, cols


_ROW_LABELS, _COL_LABELS = _index()


def row_label(table: str, row: str) -> str:
    return _ROW_LABELS[table, row]


def column_label(table: str, column: str) -> str:
    return _COL_LABELS[table, column]


def all_cells() -> tuple[Cell, ...]:
    """Every numeric cell of the format, in reading order."""
    cells: list[Cell] = []
    for item in TABLE2_ITEMS:
        cells.extend(Cell("table2", item.key, f.key) for f in item.fields)
    for row in TABLE3_ROWS:
        cells.extend(Cell("table3", row.key, c.key) for c in TABLE3_COLUMNS)
    for block in TABLE4_BLOCKS:
        cells.extend(Cell("table4", block.key, f.key) for f in TABLE4_FIELDS)
    return tuple(cells)


ALL_CELLS: tuple[Cell, ...] = all_cells()
TABLE_CELLS: dict[str, tuple[Cell, ...]] = {
    t: tuple(c for c in ALL_CELLS if c.table == t) for t in ("table2", "table3", "table4")
}
CELLS_BY_PATH: dict[str, Cell] = {c.path: c for c in ALL_CELLS}
ROW_CELLS: dict[tuple[str, str], tuple[Cell, ...]] = {}
for _cell in ALL_CELLS:
    ROW_CELLS.setdefault((_cell.table, _cell.row), ())
    ROW_CELLS[_cell.table, _cell.row] += (_cell,)
_CANONICAL: dict[Cell, Cell] = {c: c for c in ALL_CELLS}


def canonical(cell: Cell) -> Cell:
    """The format's own object for ``cell`` (``cell`` itself outside the format). The parser stores
    values under these objects and the rules name them: a dict finds a key that is the very object
    asked for without comparing the tuples, on the hundreds of lookups of each report."""
    return _CANONICAL.get(cell, cell)


AMOUNT_CELLS: frozenset[Cell] = frozenset(
    Cell("table2", item.key, f.key) for item in TABLE2_ITEMS for f in item.fields if f.kind == "amount"
)
