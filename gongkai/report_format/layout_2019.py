"""The trial format of 国办公开办函〔2019〕60号 (report years 2019 and 2020), as data beside layout.py.

Only what differs from the 2021 format is defined here (ogi-rules §6.1); table 3 (but for the one
row "（六）其他处理"), table 4 and the sections are the 2021 ones. The parser reads a trial-format
report with an index built from these rows (``text.build_index``); what has no place in the 2021
model is kept in ``report.legacy``, never coerced into a 2021 cell of another meaning:

* table 2 as printed, item → field → value (``legacy["table2"]``). 本年新制作数量 is not 本年制发件数,
  so the 2021 table-2 cells of block (一) stay empty; only 处理决定数量 of blocks (五) and (六)
  means what 本年处理决定数量 means and is also set on the 2021 cells;
* the single row （六）其他处理, seven numbers (``legacy["table3"]["other_unsplit"]``); the three
  2021 sub-rows stay null.
"""

from __future__ import annotations

from .layout import TABLE3_ROWS, Field, Row, Table2Block, Table2Item

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMAT_PRE2019 = "pre2019"

# Words found only in one format (ogi-rules §6.1 detection heuristic, in priority order).
MARKERS_2021: tuple[str, ...] = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
    "逾期不补正",  # （六）1, a 2021 sub-row
    "逾期未按收费通知要求缴纳费用",  # （六）2
)
MARKERS_2019: tuple[str, ...] = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "第二十条第（九）项",
    "政府集中采购",
)
TRIAL_YEARS = range(2019, 2021)  # report years of the trial format

_MADE = (
    Field("made", "本年新制作数量"),
    Field("published", "本年新公开数量"),
    Field("public_total", "对外公开总数量"),
)
_ITEMS = (
    Field("previous_items", "上一年项目数量"),
    Field("change", "本年增/减", ("本年增减",)),
    Field("decisions", "处理决定数量"),
)
_PROCUREMENT = (
    Field("items", "采购项目数量"),
    Field("amount", "采购总金额", kind="amount"),
)

TABLE2_ITEMS_2019: tuple[Table2Item, ...] = (
    Table2Item("regulations", "规章", "art20_1", _MADE),
    Table2Item("normative_documents", "规范性文件", "art20_1", _MADE, ("行政规范性文件",)),
    Table2Item("licensing", "行政许可", "art20_5", _ITEMS),
    Table2Item("other_services", "其他对外管理服务事项", "art20_5", _ITEMS),
    Table2Item("punishment", "行政处罚", "art20_6", _ITEMS),
    Table2Item("coercion", "行政强制", "art20_6", _ITEMS),
    Table2Item("fees", "行政事业性收费", "art20_8", _ITEMS[:2]),
    Table2Item("procurement", "政府集中采购", "art20_9", _PROCUREMENT),
)
TABLE2_BLOCKS_2019: tuple[Table2Block, ...] = (
    Table2Block("art20_1", "第二十条第（一）项", _MADE),
    Table2Block("art20_5", "第二十条第（五）项", _ITEMS),
    Table2Block("art20_6", "第二十条第（六）项", _ITEMS),
    Table2Block("art20_8", "第二十条第（八）项", _ITEMS[:2]),
    Table2Block("art20_9", "第二十条第（九）项", _PROCUREMENT),
)
# (item, field) of the trial format whose meaning is the 2021 cell's: 处理决定数量 = 本年处理决定数量.
SAME_AS_2021: dict[tuple[str, str], tuple[str, str]] = {
    (item, "decisions"): (item, "decisions") for item in ("licensing", "punishment", "coercion")
}

OTHER_UNSPLIT = Row("other_unsplit", "其他处理", "（六）", "results")
SPLIT_OTHER_ROWS: tuple[str, ...] = tuple(r.key for r in TABLE3_ROWS if r.group == "other")
# Table 3 of the trial format: the 2021 rows with （六） as one row in place of its three sub-rows.
TABLE3_ROWS_2019: tuple[Row, ...] = tuple(
    OTHER_UNSPLIT if r.key == SPLIT_OTHER_ROWS[0] else r
    for r in TABLE3_ROWS
    if r.key not in SPLIT_OTHER_ROWS[1:]
)
