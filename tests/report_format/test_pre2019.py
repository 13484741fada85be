"""Reports under the 2007 条例: sections known by their words, the facts read, the old deadline."""

import json
from datetime import date
from pathlib import Path

import jsonschema

from gongkai.report_format import analyse, read_bytes
from gongkai.report_format.check import default_due_date
from gongkai.report_format.narrative_pre2019 import heading_key

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "report.schema.json").read_text())

# A 2016 report numbered its own way: 七 sections, arabic ordinals for two of them.
REPORT_2016 = """东河区民政局2016年政府信息公开工作年度报告

一、概述
2016年，我局认真贯彻《中华人民共和国政府信息公开条例》。
二、主动公开政府信息的情况
2016年共主动公开政府信息二百一十条，其中通过局门户网站公开150条，通过政务微博公开40条，通过公开栏公开20条。
3. 依申请公开政府信息和不予公开政府信息的情况
2016年共受理政府信息公开申请12件，其中同意公开7件，同意部分公开2件，不予公开1件，信息不存在2件。
4. 政府信息公开的收费及减免情况
2016年收取信息处理费共计30元。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
2016年发生因政府信息公开申请行政复议2件，行政诉讼1件。
六、政府信息公开工作存在的主要问题及改进情况
公开内容还不够全面。
七、其他需要报告的事项
无。
东河区民政局
2017年3月20日
"""


def test_headings_are_known_by_their_words_whatever_their_ordinal():
    assert heading_key("五、因政府信息公开申请行政复议、提起行政诉讼的情况") == "remedies"
    assert heading_key("3. 依申请公开政府信息和不予公开政府信息的情况") == "requests"
    assert heading_key("二、主动公开政府信息的情况") == "proactive"
    assert heading_key("4、政府信息公开的收费及减免情况") == "fees"
    assert heading_key("六、政府信息公开工作存在的主要问题及改进情况") == "problems"
    assert heading_key("一、概述") == "overview"
    assert heading_key("一、我局认真落实主动公开工作。") is None


def test_the_facts_of_a_2016_report_are_read_from_its_sections():
    report = analyse(read_bytes(REPORT_2016.encode(), "2016.txt"))
    n = report.narrative
    assert report.format == "pre2019" and report.year == 2016 and report.body == "东河区民政局"
    assert n.items_disclosed == 210
    assert [(p.label, p.count) for p in n.item_breakdowns[0].parts] == [
        ("局门户网站公开", 150),
        ("政务微博公开", 40),
        ("公开栏公开", 20),
    ]
    assert n.requests_received == 12
    assert n.fees_charged_yuan == 30
    assert (n.review_cases, n.litigation_cases) == (2, 1)
    assert n.sections["problems"] == "公开内容还不够全面。"
    assert n.sections["other_matters"] == "无。"
    legacy = report.legacy["pre2019"]
    assert legacy["outcomes"] == {"granted": 7, "partial": 2, "denied": 1, "not_exist": 2}
    assert legacy["fees"] == "2016年收取信息处理费共计30元。"
    jsonschema.validate(report.to_json(), SCHEMA)


def test_a_report_that_had_no_review_nor_litigation_says_zero_for_both():
    text = REPORT_2016.replace(
        "2016年发生因政府信息公开申请行政复议2件，行政诉讼1件。",
        "本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
    )
    n = read_bytes(text.encode(), "2016.txt").narrative
    assert (n.review_cases, n.litigation_cases) == (0, 0)


def test_the_2007_regulation_gave_until_31_march():
    assert default_due_date(2016) == date(2017, 3, 31)
    assert default_due_date(2018) == date(2019, 3, 31)
    assert default_due_date(2019) == date(2020, 1, 31)
    on_time = analyse(read_bytes(REPORT_2016.encode(), "2016.txt"))
    assert "LATE" not in {f.code for f in on_time.findings}
    late = analyse(read_bytes(REPORT_2016.replace("2017年3月20日", "2017年4月5日").encode(), "2016.txt"))
    assert [f.values["days_late"] for f in late.findings if f.code == "LATE"] == [5]


def test_the_pre2019_legacy_block_survives_json():
    report = read_bytes(REPORT_2016.encode(), "2016.txt")
    again = type(report).from_json(json.loads(json.dumps(report.to_json(), ensure_ascii=False)))
    assert again.legacy == report.legacy and again.to_json() == report.to_json()
