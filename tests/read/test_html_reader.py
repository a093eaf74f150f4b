"""The .html reader: charsets, the article without the site around it,
rowspan/colspan, &nbsp; blanks, source locations, broken and deep markup."""

from __future__ import annotations

import pytest

from govlint.model import Paragraph, Table
from govlint.read.formats.html import read_html
from govlint.read.formats.htmltree import decode_html
from govlint.run.engine import lint_document
from govlint.run.pipeline import read_document
from govlint.run.plugins import load_plugins
from govlint.testing import read_report

SITE = """<html><head>{meta}<title>某区2023年政府信息公开工作年度报告_某区人民政府</title>
<style>p {{ color: red }}</style><script>document.write("<p>一、总体情况</p>")</script></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/gk">一、政务公开</a> | <a>二、政务服务</a></div>
<nav><ul><li>三、互动交流</li></ul></nav>
<table width="100%"><tr><td width="200">栏目<br>通知公告</td><td>
<h1>某区人民政府<br>2023年政府信息公开工作年度报告</h1>
<div class="TRS_Editor">
{body}
</div></td></tr></table>
<div class="foot">版权所有：某区人民政府 &nbsp; 网站标识码 1234</div>
</body></html>"""

BODY = """<p>本报告依据《条例》编制。</p>
<p><b>一、总体情况</b></p>
<p>2023年，我区认真贯彻
落实《条例》。</p>
<h3>二、主动公开政府信息情况</h3>
<table border="1">
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>&nbsp;</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td>3</td><td>1</td><td>12</td></tr>
</table>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr>
<tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
<p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p><p>无。</p>"""


def page(body: str = BODY, meta: str = '<meta charset="utf-8">', charset: str = "utf-8") -> bytes:
    return SITE.format(meta=meta, body=body).encode(charset, errors="xmlcharrefreplace")


def texts(result) -> list[str]:
    return [b.text for b in result.blocks if isinstance(b, Paragraph)]


def tables(result) -> list[Table]:
    return [b for b in result.blocks if isinstance(b, Table)]


@pytest.fixture(scope="module")
def plugins():
    return load_plugins()


# -- charsets -------------------------------------------------------------

@pytest.mark.parametrize("meta,charset", [
    ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312"),
    ('<meta http-equiv=content-type content="text/html;charset=GBK">', "gbk"),
    ("<meta charset='gb18030'>", "gb18030"),
    ("", "gbk"),                           # no declaration: detected
    ('<meta charset="utf-8">', "gbk"),     # a declaration the bytes do not fit is ignored
])
def test_charset_from_declaration_or_detection(meta, charset):
    result = read_html(page(meta=meta, charset=charset), "r.html")
    assert not result.problems
    assert "一、总体情况" in texts(result)


def test_a_byte_order_mark_wins_over_the_declaration():
    data = b"\xef\xbb\xbf" + page(meta='<meta charset="gbk">')
    assert decode_html(data).encoding == "utf-8"
    assert "一、总体情况" in texts(read_html(data, "r.html"))


# -- the article ----------------------------------------------------------

def test_the_article_is_read_without_the_site_around_it():
    result = read_html(page(), "r.html")
    found = texts(result)
    assert found[:4] == ["某区人民政府", "2023年政府信息公开工作年度报告", "本报告依据《条例》编制。", "一、总体情况"]
    assert not any(word in text for text in found for word in ("首页", "政务公开", "互动交流", "栏目", "版权所有", "color"))
    assert found[-1] == "无。"


def test_the_report_outline_and_tables_are_recognised(plugins):
    doc = read_document("r.html", page(), readers=plugins.readers)
    assert (doc.title.text, doc.year) == ("某区人民政府2023年政府信息公开工作年度报告", 2023)
    assert [s.number for s in doc.sections] == [1, 2, 3, 4, 5, 6]
    assert doc.sections[1].heading.heading_level == 3
    assert doc.template.value("t2.art20_1.normative_docs.in_force").number == 12
    assert doc.template.value("t3.results.partial.total").number == 1
    blank = doc.template.value("t2.art20_1.regulations.repealed")
    assert blank.status == "blank" and blank.cell.location.label == "表1 第3行 第3列"


def test_rowspan_and_colspan_have_the_word_shape():
    t3 = tables(read_html(page(), "r.html"))[1]
    rows = [[c.norm for c in row.cells] for row in t3.rows]
    assert rows[1] == ["", "自然人", "法人或其他组织", "总计"]
    assert rows[2] == ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]
    assert rows[4][:2] == ["三、本年度办理结果", "(一)予以公开"] and len(rows[4]) == 9
    assert rows[5][0] == "" and len(rows[5]) == 9


def test_locations_are_source_lines_and_columns():
    data = page()
    result = read_html(data, "r.html")
    source = data.decode("utf-8").splitlines()
    assert result.lines == tuple(source)
    paragraph = next(b for b in result.blocks if isinstance(b, Paragraph) and b.text.startswith("2023年，我区"))
    assert paragraph.text == "2023年，我区认真贯彻 落实《条例》。"
    line = paragraph.location.line
    assert source[line - 1][paragraph.location.column - 1:].startswith("2023年")
    assert paragraph.lines == (line, line + 1)
    cell = tables(result)[0].rows[3].cells[3]
    assert source[cell.location.line - 1][cell.location.column - 1:].startswith("<td>12<")
    assert cell.location.label == "表1 第4行 第4列"


def test_nbsp_cells_are_blank_and_reported_as_blank(plugins):
    doc = read_document("r.html", page(), readers=plugins.readers)
    findings = [f for f in lint_document(doc, plugins.rules) if f.code == "T006"]
    assert any(f.location == "表1 第3行 第3列" for f in findings)


# -- layout tables, breaks, broken and deep markup ----------------------

def test_layout_tables_are_read_as_blocks():
    long = "本年度，我区认真贯彻落实条例。" * 20
    body = f"""<table><tr><td><p>一、总体情况</p><p>{long}</p></td><td>相关链接</td></tr></table>
      <table><tr><td>二、主动公开政府信息情况</td></tr><tr><td>本年度主动公开信息100条。</td></tr></table>"""
    result = read_html(page(body=body), "r.html")
    assert not tables(result)
    assert texts(result)[2:6] == ["一、总体情况", long, "相关链接", "二、主动公开政府信息情况"]


def test_broken_markup_is_read_as_a_browser_would():
    body = """<p>一、总体情况<p>第一段<br>第二行</span></div>
      <table><tr><td>信息内容<td>本年制发件数<tr><td>规章<td>0</table><p>二、主动公开政府信息情况"""
    result = read_html(page(body=body), "r.html")
    assert texts(result)[2:5] == ["一、总体情况", "第一段", "第二行"]
    [t] = tables(result)
    assert [[c.text for c in r.cells] for r in t.rows] == [["信息内容", "本年制发件数"], ["规章", "0"]]
    assert texts(result)[-1] == "二、主动公开政府信息情况"


def test_deeply_nested_markup_neither_recurses_nor_hangs():
    depth = 30_000  # 120,000 tags: deeper than any recursion, within HTML_NODES
    body = "<div><span>" * depth + BODY + "</span></div>" * depth
    result = read_html(page(body=body), "r.html")
    assert "一、总体情况" in texts(result) and len(tables(result)) == 2
    assert [len(r.cells) for r in tables(result)[1].rows] == [2, 4, 8, 8, 9, 9]


def test_a_page_without_report_evidence_is_read_whole():
    result = read_html(b"<html><body><p>hello</p><div>world</div></body></html>", "r.html")
    assert texts(result) == ["hello", "world"]


def test_binary_data_is_e004(plugins):
    doc = read_document("r.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), readers=plugins.readers)
    assert [f.code for f in lint_document(doc, plugins.rules)] == ["E004"]


# -- the page date --------------------------------------------------------


@pytest.mark.parametrize("meta, expected", [
    ('<meta name="PubDate" content="2024-01-21 09:56">', ("2024-01-21", "meta PubDate")),
    ('<meta name="firstpublishedtime" content="2024-1-5 08:00:00">', ("2024-01-05", "meta firstpublishedtime")),
    ('<meta property="article:published_time" content="2024-01-30T10:00:00+08:00">',
     ("2024-01-30", "meta article:published_time")),
    ('<meta name="others" content="页面生成时间 2024-05-28 15:46:43">', None),
    ('<meta name="PubDate" content="">', None),
])
def test_the_page_date_from_meta(meta, expected):
    found = read_html(page(meta=meta), "r.html").page_date
    assert (found.date, found.source) == expected if expected else found is None


def test_meta_wins_over_text_and_the_location_is_the_tag():
    html = page(meta='<meta charset="utf-8">\n<meta name="PubDate" content="2024-01-21">',
                body="<p>发布时间：2024-02-01</p>" + BODY)
    found = read_html(html, "r.html").page_date
    assert (found.date, found.location.line) == ("2024-01-21", 2)


@pytest.mark.parametrize("info, expected", [
    ('<div class="info">发布日期：2024年01月17日 &nbsp; 来源：某区</div>', ("2024-01-17", "发布日期")),
    ('<table><tr><td>公开日期</td><td>2024-01-17</td></tr></table>', ("2024-01-17", "公开日期")),
    ('<table><tr><td>公开日期</td><td><publishtime>2024-01-16</publishtime></td></tr></table>',
     ("2024-01-16", "<publishtime>")),
    ('<div>发文日期：２０２４－０１－１５</div>', ("2024-01-15", "发文日期")),
    ('<div>采集时间：2025-12-30 更新时间：2024-06-01</div>', None),
    ('<div>发布日期：</div><div>浏览次数：12</div><div>2024-01-17</div>', None),
])
def test_the_page_date_from_the_page_text_outside_the_article(info, expected):
    html = SITE.replace('<table width="100%">', info + '<table width="100%">').format(
        meta='<meta charset="utf-8">', body=BODY).encode("utf-8")
    found = read_html(html, "r.html").page_date
    assert (found.date, found.source) == expected if expected else found is None


def test_a_date_label_inside_the_report_is_not_the_page_date():
    found = read_html(page(body=BODY.replace("<p>无。</p>", "<p>发布日期：2024-01-17</p>")), "r.html")
    assert found.page_date is None


def test_other_formats_have_no_page_date():
    doc = read_report("某区2023年政府信息公开工作年度报告\n发布日期：2024-01-17\n")
    assert doc.page_date is None
