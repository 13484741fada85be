"""The corrupted-report generator (corruptions.py): each class damages the text as real documents are
damaged, its truth satisfies the consistency rules, and a seed gives the same corpus."""

import copy
import re

import pytest

from gongkai.report_format.check import check
from gongkai.report_format.formats import adjust_findings, detect
from gongkai.report_format.infer import infer
from gongkai.report_format.layout import TABLE4_BLOCKS, TABLE4_FIELDS, Cell
from gongkai.report_format.layout_2019 import OTHER_UNSPLIT
from gongkai.report_format.model import Report
from tests.report_format.corrupted_score import scored_cells
from tests.report_format.corruptions import BOUNDED, CLASSES, Corrupted, corpus

N = 25
FLAT_CLASSES = ("flat", "glued", "spaces", "typos")
_SPACES = re.compile(r"[ \u3000]")


def _body(sample: Corrupted) -> str:
    return sample.text.split("==================== 正文 ====================\n", 1)[1]


def _digits(report: Report, row: str) -> str:
    return "".join(str(v) for v in report.row(row))


def _table4_digits(report: Report) -> str:
    return "".join(
        str(report.get(Cell("table4", b.key, f.key))) for b in TABLE4_BLOCKS for f in TABLE4_FIELDS
    )


@pytest.mark.parametrize("kind", sorted(CLASSES))
def test_a_seed_gives_the_same_corpus(kind: str):
    first, again = corpus(kind, 5, seed=11), corpus(kind, 5, seed=11)
    assert [(c.text, c.truth.values) for c in first] == [(c.text, c.truth.values) for c in again]
    assert [c.text for c in corpus(kind, 5, seed=12)] != [c.text for c in first]


@pytest.mark.parametrize("kind", sorted(CLASSES))
def test_the_truth_satisfies_every_rule(kind: str):
    for sample in corpus(kind, N):
        truth = copy.deepcopy(sample.truth)
        findings = adjust_findings(truth, check(truth))
        assert [f.code for f in findings if f.level == "error"] == []


@pytest.mark.parametrize("kind", FLAT_CLASSES)
def test_flat_text_is_a_crawled_page_with_the_body_on_a_few_lines(kind: str):
    for sample in corpus(kind, N):
        assert sample.text.startswith("标题: ")
        assert "原文链接: https://" in sample.text
        assert 1 <= len(_body(sample).splitlines()) <= 3
        assert "\t" not in sample.text and "|" not in sample.text


@pytest.mark.parametrize("kind", ("flat", "glued", "typos"))
def test_flat_rows_are_their_label_then_their_numbers_run_together(kind: str):
    for sample in corpus(kind, N):
        body = _body(sample)
        assert f"本年新收政府信息公开申请数量{_digits(sample.truth, 'new')}" in body
        assert f"（七）总计{_digits(sample.truth, 'total')}" in body
        assert f"尚未审结总计{_table4_digits(sample.truth)}" in body.replace("行政法复议", "行政复议")
        docs = sample.truth.values
        regulations = "".join(
            str(docs[Cell("table2", "regulations", f)]) for f in ("issued", "repealed", "in_force")
        )
        assert f"规章{regulations}" in body


def test_flat_ends_each_row_with_a_space_and_glued_does_not():
    for sample in corpus("flat", N):
        assert f"{_digits(sample.truth, 'denied_law_prohibited')} 3.危及" in _body(sample)
    for sample in corpus("glued", N):
        assert f"{_digits(sample.truth, 'denied_law_prohibited')}3.危及" in _body(sample)


def test_spaces_fall_inside_number_runs_and_header_labels():
    samples = corpus("spaces", N)
    for sample in samples:  # without the spaces, the row is its label and its digits again
        assert f"本年新收政府信息公开申请数量{_digits(sample.truth, 'new')}" in _SPACES.sub("", _body(sample))
    bodies = "".join(_body(s) for s in samples)
    assert re.search(r"\d \d", bodies) and "\u3000" in bodies
    assert re.search(r"商业 企业|尚未 审结|结果 维持|其他 结果|科研 机构", bodies)


def test_typos_replace_labels_with_the_variants_of_real_reports():
    for sample in corpus("typos", N):
        assert 2 <= len(sample.typos) <= 4
        for _, printed, typo in sample.typos:
            assert typo in sample.text
            assert sample.text.count(printed) < _flat_twin(sample).count(printed)


def _flat_twin(sample: Corrupted) -> str:
    """The same text with its typos undone."""
    text = sample.text
    for _, printed, typo in sample.typos:
        text = text.replace(typo, printed)
    return text


def test_split_labels_break_labels_and_separate_numbers_from_them():
    samples = corpus("split_labels", N)
    assert {s.layout for s in samples} == {"pdf", "pdf-markdown"}
    for sample in samples:
        assert "社会公益组织" not in sample.text and "（四）无法提供" not in sample.text
        numbers_alone = r"[\d ]+" if sample.layout == "pdf" else r"\|  (\| \d+ ){7}\|"
        assert any(re.fullmatch(numbers_alone, line) for line in sample.text.splitlines())
    texts = "".join(s.text for s in samples)
    assert "部分公开（区分处理的，只计这一情形，不计其他情形）" not in texts


def test_merged_cells_appear_once_and_no_position_is_left_empty():
    for sample in corpus("merged", N):
        assert sample.text.count("三、本年度办理结果") == 1
        assert sample.text.count("（三）不予公开") == 1
        assert "\t\t" not in sample.text and not re.search(r"^\t|\t$", sample.text, re.M)
    middle = [
        s
        for s in corpus("merged", N)
        if not re.search(r"^（三）不予公开\s*1\.属于国家秘密", s.text, re.M)
        and not re.search(r"^（三）不予公开\n1\.属于国家秘密", s.text, re.M)
    ]
    assert middle  # some show the merged label on the middle row of its span


def test_blank_cells_are_zeros_the_rules_force():
    samples = corpus("blank", N)
    assert sum(len(s.blanks) for s in samples) > N
    for sample in samples:
        assert sample.layout in BOUNDED
        full = BOUNDED[sample.layout](sample.truth)
        if sample.layout == "tsv":
            assert _empty_fields(sample.text) - _empty_fields(full) == len(sample.blanks)
        assert (sample.text == full) == (not sample.blanks)
        read_back = copy.deepcopy(sample.truth)
        for cell in sample.blanks:
            assert sample.truth.get(cell) == 0
            read_back.values[cell] = None
        infer(read_back)  # the printed cells force every blank to 0
        assert all(read_back.get(c) == 0 for c in sample.blanks)


def _empty_fields(tsv: str) -> int:
    return sum(line.split("\t").count("") for line in tsv.splitlines() if "\t" in line)


def test_the_2019_format_has_its_one_other_row_and_its_table_2():
    samples = corpus("y2019", N)
    assert {s.layout for s in samples} >= {"flat", "tsv"}
    for sample in samples:
        assert detect(sample.text) == "2019"
        assert "（六）其他处理" in sample.text and "逾期不补正" not in sample.text
        assert "本年新制作数量" in sample.text and "政府集中采购" in sample.text
        assert sample.truth.format == "2019" and sample.truth.year in (2019, 2020)
        cells = scored_cells(sample.truth)
        assert None not in [
            cells[f"table3.rows.{OTHER_UNSPLIT.key}.{c}"] for c in ("natural_person", "total")
        ]
