"""Table findings a reviewer can trust (issue 12): what the T and A rules say
when the table was read with low confidence, on passages built like the
real reports in fixtures/real (PDF text rows, damaged Markdown, radicals
from PDF fonts).  The YAML cases (tests/rules/cases/) pin codes and lines;
these tests pin severities and the reasons given."""

from __future__ import annotations

from govlint.model import Severity
from govlint.run.engine import lint_document
from govlint.run.plugins import load_plugins
from govlint.testing import read_report

PLUGINS = load_plugins()
T3_HEAD = "某某街道办事处2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"


def findings(text: str, filename: str = "report.txt", prefix: str = "") -> list:
    """The findings of every T and A rule (or those whose code starts with ``prefix``)."""
    rules = [r for r in PLUGINS.rules if r.code[0] in "TA" and r.code.startswith(prefix)]
    return lint_document(read_report(text, filename), rules, warn=lambda message: None)


def t3(rows: dict[str, str]) -> str:
    """Table 三 of the 2021 format in PDF text rows (one row per line, tabs
    between cells, the group label before its first row), with the rows
    given replaced (label → label and values); every other row is zeros."""
    labels = [
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果\t（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开\t1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
        "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
        "8.属于行政查询事项", "（四）无法提供\t1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确", "（五）不予处理\t1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
        "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
        "（七）总计", "四、结转下年度继续办理",
    ]
    zeros = "\t".join(["0"] * 7)
    return T3_HEAD + "\n".join(rows.get(label, f"{label}\t{zeros}") for label in labels) + "\n"


NEW = "一、本年新收政府信息公开申请数量"
TOTAL = "（七）总计"
PROCESS = "6.属于四类过程性信息"


def test_a_sum_resting_on_a_row_placed_by_position_is_a_warning_with_the_reason():
    # 6.属于四类过程性信息 written without 四类 — the row sits between 5. and 7.,
    # where the template's 6. is missing; its 2 makes the 总计 of 3 short by 2.
    report = t3({
        NEW: f"{NEW}\t5\t0\t0\t0\t0\t0\t5",
        PROCESS: "6.属于过程性信息\t2\t0\t0\t0\t0\t0\t2",
        "（四）无法提供\t1.本机关不掌握相关政府信息": "（四）无法提供\t1.本机关不掌握相关政府信息\t3\t0\t0\t0\t0\t0\t3",
        TOTAL: f"{TOTAL}\t3\t0\t0\t0\t0\t0\t3",
    })
    found = {(f.code, f.severity) for f in findings(report)}
    assert ("T008", Severity.WARNING) in found
    assert not {c for c, _ in found} & {"T004", "T005"}
    a002 = findings(report, prefix="A002")  # the 自然人 and 总计 columns
    assert [(f.line, f.severity) for f in a002] == [(26, Severity.WARNING)] * 2
    assert a002[0].message.endswith("（表中“6.属于过程性信息”行的行名与模板不完全一致，按“6.属于四类过程性信息”核对）")
    # T3.1 does not read that row: the same shortfall there stays an error.
    assert {f.severity for f in findings(report, prefix="A001")} == {Severity.ERROR}


def test_row_label_typo_says_where_the_row_was_placed():
    report = t3({PROCESS: "6.属于过程性信息\t0\t0\t0\t0\t0\t0\t0"})
    [t008] = findings(report, prefix="T008")
    assert t008.message == ("表三行名“6.属于过程性信息”与模板写法“6.属于四类过程性信息”相差较多，"
                            "按其在表中的位置（“5.属于三类内部事务信息”之后、“7.属于行政执法案卷”之前）"
                            "对应为该行，疑似错别字或漏字")


def test_cell_findings_on_a_row_matched_by_a_typo_are_one_level_lower():
    report = t3({
        "4.保护第三方合法权益": "4.保护第三方合法权利\t1\t—\t0\t0\t0\t0\t1",
        "7.属于行政执法案卷": "7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t/",
    })
    by_code = {(f.code, f.line): f for f in findings(report, prefix="T007")}
    typo, exact = by_code["T007", 10], by_code["T007", 13]
    assert typo.severity is Severity.WARNING and "按“4.保护第三方合法权益”核对" in typo.message
    assert exact.severity is Severity.ERROR and "（" not in exact.message[-3:]


def test_table_two_rows_written_as_lines_of_text_are_read_with_their_doubt():
    # A web page converted to Markdown (2019 format, a 2020 report): items
    # (五)(六) of table 二 as lines of text above the table of item (一).
    report = (
        "# 某某县自然资源局2020年政府信息公开工作年度报告\n"
        "二、主动公开政府信息情况\n"
        "第二十条第（五）项\n信息内容上一年项目数量本年增/减处理决定数量\n行政许可 31 0 208\n"
        "其他对外管理服务事项 4 0 17\n"
        "第二十条第（六）项\n信息内容上一年项目数量本年增/减处理决定数量\n行政处罚　6　-9　3\n行政强制 1 0 0\n"
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n|---|---|---|---|\n"
        "| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 2 | 2 | 9 |\n"
    )
    found = findings(report, "report.md")
    assert [(f.code, f.line, f.severity) for f in found] == [
        ("A000", 5, Severity.INFO), ("A007", 9, Severity.INFO), ("T004", 10, Severity.ERROR), ("T004", 10, Severity.ERROR)]
    assert found[1].message.endswith("（“行政处罚 6 -9 3”是表格之外的文字，按“行政处罚”行读取）")
    assert "第二十条第（八）项" in found[2].message + found[3].message  # (八) and (九) really are missing


def test_a_missing_row_whose_label_is_in_the_text_is_a_warning():
    report = t3({}).replace("4.保护第三方合法权益\t" + "\t".join(["0"] * 7) + "\n",
                            "4.保护第三方合\n法权益\n")
    [t004] = findings(report, prefix="T004")
    assert t004.severity is Severity.WARNING
    assert t004.message.endswith("（“4.保护第三方合”作为文字出现在表格之外，该行可能在转换中脱离了表格）")


def test_a_missing_row_is_still_an_error_when_nothing_suggests_it_is_there():
    report = t3({}).replace("4.保护第三方合法权益\t" + "\t".join(["0"] * 7) + "\n", "")
    [t004] = findings(report, prefix="T004")
    assert t004.severity is Severity.ERROR and t004.message.endswith("应在本行之前")


def test_an_old_row_name_in_a_new_table_names_both_formats():
    report = ("某某市科学技术局2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
              "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n规范性文件\t4\t1\t37\n")
    [t009] = findings(report, prefix="T009")
    assert (t009.severity, t009.line) == (Severity.WARNING, 6)
    assert t009.message == ("表二第二十条第（一）项“行政规范性文件”行写作“规范性文件”，是国办公开办函〔2019〕60号格式的行名；"
                            "国办公开办函〔2021〕30号格式写作“行政规范性文件”")


def test_radicals_from_a_pdf_font_do_not_hide_labels():
    # PDF text in which the font mapped 一 and 行 to Kangxi radicals (as
    # pdfminer reports them): the rows are the template's, the sums hold.
    text = t3({NEW: f"{NEW}\t2\t0\t0\t0\t0\t0\t2", TOTAL: f"{TOTAL}\t2\t0\t0\t0\t0\t0\t2",
               "三、本年度办理结果\t（一）予以公开": "三、本年度办理结果\t（一）予以公开\t2\t0\t0\t0\t0\t0\t2"})
    for plain, radical in [("一、本年新收", "⼀、本年新收"), ("（一）予以公开", "（⼀）予以公开"),
                           ("7.属于行政执法", "7.属于⾏政执法"), ("（二）部分公开", "（⼆）部分公开")]:
        assert plain in text
        text = text.replace(plain, radical)
    assert findings(text) == []


def test_a_table_flattened_into_prose_is_not_missing_but_unreadable():
    report = ("某某区卫生健康局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
              "一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2\n"
              "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计 "
              "未经复议直接起诉 复议后起诉 结果维持结果纠正其他结果尚未审结总计 011020100010000\n"
              "五、存在的主要问题及改进情况\n内容。\n")
    [t010] = findings(report, prefix="T01")
    assert (t010.code, t010.severity, t010.line) == ("T010", Severity.INFO, 4)
    assert t010.message == ("“四、政府信息公开行政复议、行政诉讼情况”的文字中有表四的“结果维持”“结果纠正”“其他结果”"
                            "等行名或栏目，但不是可以按行列读取的表格（可能在转换中被压成了一段文字），表四的数据未作核对")


def test_a_short_row_next_to_numbers_broken_out_of_the_table_is_a_warning():
    # A web page converted to Markdown: two cells of item (一) left the
    # table as lines of their own (with the notes written in the cells).
    report = ("# 某某市人民政府办公室2024年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
              "5\n（其中修订 2 件）\n17\n（含集中清理 12 件）\n"
              "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"
              "| 规章 | 5 | 96 |\n|---|---|---|\n| 行政规范性文件 | 11 | 142 |\n")
    [t003] = findings(report, "report.md", prefix="T003")
    assert t003.severity is Severity.WARNING
    assert t003.message.endswith("（表格之外有单独的数字（“5”“17”），可能是在转换中脱离了表格的单元格）")
