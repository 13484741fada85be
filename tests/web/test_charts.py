"""The shared chart module: pygal SVG, well-formed, accessible, Chinese, and its numbers in a table."""

from lxml import etree, html

from gongkai.web import charts

SVG = "{http://www.w3.org/2000/svg}"
YEARS = [2022, 2023, 2024]
DATA = {"予以公开": {2022: 17, 2023: 23, 2024: None}, "不予公开": {2022: 4, 2023: 0, 2024: 9}}


def parse(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


def texts(root: etree._Element) -> list[str]:
    return [t for t in root.itertext() if t.strip()]


def test_a_bar_chart_is_well_formed_svg_with_title_desc_and_chinese_labels():
    svg = charts.chart_svg("bar", "依申请公开：各类办理结果（件）", YEARS, DATA)
    root = parse(svg)

    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and title.text == "依申请公开：各类办理结果（件）"
    assert desc.tag == f"{SVG}desc" and "2022年至2024年" in desc.text and "予以公开、不予公开" in desc.text
    assert "<title>依申请公开：各类办理结果（件）</title>" in svg  # the plain form a page test looks for
    words = texts(root)
    for label in ("予以公开", "不予公开", "2022年", "2023年", "2024年"):
        assert label in words
    assert 'font-family:"Noto Sans CJK SC",sans-serif' in svg  # pygal's CSS, minified


def test_no_script_no_xml_declaration_and_a_viewbox_for_any_width():
    svg = charts.chart_svg("stacked", "构成", YEARS, DATA)

    assert not svg.startswith("<?xml")
    assert "<script" not in svg and "<!--" not in svg
    root = parse(svg)
    assert root.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}"
    assert root.get("width") is None and root.get("height") is None  # CSS scales it to the screen


def test_the_values_are_in_the_svg_as_pygal_writes_them():
    root = parse(charts.chart_svg("bar", "t", YEARS, DATA))
    values = [d.text for d in root.iter(f"{SVG}desc") if d.get("class") == "value"]

    # 5 known values drawn (2024 予以公开 is unknown: no bar), in series order.
    assert values == ["17", "23", "4", "0", "9"]


def test_a_line_chart_of_percentages_leaves_a_gap_for_an_unknown_year():
    data = {"占比": {2022: 25.0, 2023: None, 2024: 12.5}}
    root = parse(charts.chart_svg("line", "比例（%）", YEARS, data, formatter=charts.percent))
    values = [d.text for d in root.iter(f"{SVG}desc") if d.get("class") == "value"]

    assert values == ["25.0%", "12.5%"]


def test_the_figure_is_the_chart_then_a_table_with_every_number():
    out = charts.figure("bar", "行政复议、行政诉讼（件）", YEARS, DATA, note="说明")
    doc = html.fragment_fromstring(out)

    assert doc.tag == "figure" and doc[0].tag == "figcaption" and doc[0].text == "行政复议、行政诉讼（件）"
    assert doc[1].tag == "svg"
    table = doc.find(".//table")
    assert table.find("caption").text == "行政复议、行政诉讼（件）（数据表）"
    assert [th.text for th in table.findall("thead/tr/th")] == [None, "2022年", "2023年", "2024年"]
    rows = [[c.text for c in tr] for tr in table.findall("tbody/tr")]
    assert rows == [["予以公开", "17", "23", "—"], ["不予公开", "4", "0", "9"]]
    assert doc.findtext(".//p") == "说明"


def test_labels_and_titles_are_escaped():
    out = charts.figure("bar", "A<b>&", [2024], {"<x>": {2024: 1}})

    assert "<b>" not in out and "<x>" not in out
    assert "A&lt;b&gt;&amp;" in out
    parse(charts.chart_svg("bar", "A<b>&", [2024], {"<x>": {2024: 1}}))  # still well-formed


def test_an_empty_chart_says_so():
    root = parse(charts.chart_svg("bar", "空", [2024], {}))

    assert "暂无数据" in texts(root)


def test_formatting_of_table_values():
    assert charts.plain(3) == "3" and charts.plain(2.0) == "2" and charts.plain(2.25) == "2.2"
    assert charts.plain(None) == "—" and charts.percent(None) == "—"
    assert charts.percent(100 * 1 / 3) == "33.3%"
