"""The report view: every finding placed on the heading, sentence or cell
it is about, in every format; the rules' explanations."""

from __future__ import annotations

from pathlib import Path

import pytest
from servekit import PDF, REAL, SEED, SEEDS, TEMPLATE_DOCX

from govlint.model import Paragraph
from govlint.output.serve.view import Places, explanation, report_view, where
from govlint.run.engine import Options, lint
from govlint.run.plugins import load_plugins
from govlint.testing import read_fixture

FILES = sorted(SEEDS.glob("*.txt")) + [PDF, TEMPLATE_DOCX, REAL / "pingtan-police-bureau-2021.txt",
                                       REAL / "pingtan-market-bureau-2024.txt"]


def view_of(path: Path):
    findings = lint([str(path)], Options()).files[0].findings
    doc = read_fixture(path)
    return doc, findings, report_view(doc, findings)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_finding_is_placed_on_the_element_at_its_position(path):
    doc, findings, view = view_of(path)
    assert len(view["findings"]) == len(findings)
    starts = sorted((b.location.line, b.location.column) for b in doc.blocks)
    for finding, data in zip(findings, view["findings"]):
        place = data["place"]
        position = (finding.line, finding.column)
        if position < starts[0]:
            assert place is None
            continue
        block = doc.blocks[place["block"]]
        # the last block starting at or before the finding
        assert (block.location.line, block.location.column) == max(s for s in starts if s <= position)
        if "cell" in place:
            cell = block.rows[place["row"]].cells[place["cell"]]
            assert (cell.location.line, cell.location.column) == position, finding
        if "start" in place:
            assert isinstance(block, Paragraph) and 0 <= place["start"] < place["end"] <= len(block.text)


def test_a_heading_a_sentence_and_a_table_cell_of_a_text_report():
    doc, findings, view = view_of(SEED)
    by_code = {f["code"]: f for f in view["findings"]}
    blocks = view["blocks"]
    typo = blocks[by_code["S005"]["place"]["block"]]
    assert typo["role"] == "heading" and "提起现在诉讼" in typo["text"] and typo["section"] == 4
    year = by_code["M008"]["place"]
    clause = blocks[year["block"]]["text"][year["start"]:year["end"]]
    assert clause == "结合我街 2021 年政务公开工作要点的安排，"  # the paragraph is one sentence: its clause
    cells = by_code["T003"]["place"]
    table = blocks[cells["block"]]
    assert table["type"] == "table" and table["rows"][cells["row"]][cells["cell"]] == "(一) 予以公开"
    assert cells["rows"][0] == cells["row"] and cells["rows"][1] > cells["row"]  # 连续 20 行
    title = [b["text"] for b in blocks if b.get("role") == "title"]
    assert title == ["南岗区保健路街道办事处", "2020 年政府信息公开年度报告"]
    assert blocks[by_code["M001"]["place"]["block"]]["role"] == "title"


def test_a_pdf_finding_is_placed_on_its_cell_and_says_where_it_is_in_the_original():
    _, _, view = view_of(PDF)
    typo = next(f for f in view["findings"] if f["code"] == "T008")
    place = typo["place"]
    table = view["blocks"][place["block"]]
    assert table["rows"][place["row"]][place["cell"]] == "2.其他法律行政止公开"
    assert typo["where"] == "第3页 表2 第9行 第3列" and typo["page"] == 3
    assert table["page"] == 3 and table["index"] == 2


def test_a_word_finding_says_where_it_is_in_the_original():
    _, _, view = view_of(TEMPLATE_DOCX)
    blank = next(f for f in view["findings"] if f["code"] == "T006")
    assert blank["where"] == "表1 第3行 第2列"
    assert view["blocks"][blank["place"]["block"]]["rows"][blank["place"]["row"]][0] == "规章"


def test_paragraphs_sharing_a_line_are_told_apart_by_column():
    path = REAL / "pingtan-police-bureau-2021.txt"
    doc, findings, view = view_of(path)
    on_line = [b for b in doc.blocks if b.location.line == 10]
    assert len(on_line) > 3  # the whole report on one line
    places = Places(doc)
    for finding in (f for f in findings if f.line == 10):
        block = doc.blocks[places.block_at((finding.line, finding.column))]
        later = [b for b in on_line if b.location.column > block.location.column]
        assert block.location.column <= finding.column
        assert not later or finding.column < min(b.location.column for b in later)


def test_a_file_that_could_not_be_read_has_findings_without_place(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("   \n")
    _, findings, view = view_of(path)
    assert [f["code"] for f in view["findings"]] == ["E003"] and view["findings"][0]["place"] is None
    assert view["blocks"] == []


def test_where_without_a_label_is_the_line():
    _, findings, _ = view_of(SEED)
    assert where(next(f for f in findings if f.code == "M008")) == "第 7 行第 29 列"
    assert where(next(f for f in findings if f.code == "S005")) == "第 69 行"


def test_an_explanation_has_the_sections_of_the_rule_documentation():
    rule = load_plugins().find_rule("T006")
    data = explanation(rule)
    assert data["code"] == "T006" and data["summary"] == rule.summary() and data["severity"] == "warning"
    assert [s["title"] for s in data["sections"]] == ["检查什么", "为什么", "示例", "依据"]
    example = data["sections"][2]["parts"]
    assert [p["kind"] for p in example] == ["p", "pre", "p", "pre"]
    assert example[0]["text"] == "错误：" and example[1]["tone"] == "wrong" and example[3]["tone"] == "right"
    assert "（一）予以公开" in example[1]["text"]
    what = data["sections"][0]["parts"][0]["text"]
    assert "\n" not in what and "T003 row-cell-count" in what  # lines joined, a space kept between words


def test_every_rule_has_an_explanation():
    for rule in load_plugins().rules:
        data = explanation(rule)
        assert data["summary"] and data["sections"], rule.code
        assert all(part["text"] for section in data["sections"] for part in section["parts"]), rule.code


def test_a_finding_inside_prose_marks_its_sentence():
    from govlint.findings import Finding
    from govlint.model import Severity
    from govlint.testing import read_report

    text = ("某某区2023年政府信息公开工作年度报告\n\n一、总体情况\n"
            "我区扎实推进公开工作。本年度共收到申请5件，均已答复。下一步将继续努力。\n")
    doc = read_report(text)
    column = text.splitlines()[3].index("5") + 1
    finding = Finding("r.txt", 4, column, "C001", "received-mismatch", Severity.ERROR, "…")
    place = Places(doc)(finding)
    block = doc.blocks[place["block"]]
    assert block.text[place["start"]:place["end"]] == "本年度共收到申请5件，均已答复。"
    at_start = Finding("r.txt", 4, 1, "M006", "signature-date-missing", Severity.INFO, "…")
    assert set(Places(doc)(at_start)) == {"block"}  # about the paragraph: marked whole


def test_examples_written_inline_are_toned_and_lose_their_backquotes():
    example = explanation(load_plugins().find_rule("S005"))["sections"][2]["parts"]
    assert [p["tone"] for p in example] == ["wrong", "right"]
    assert example[0]["text"].startswith("错误：四、因政府信息公开工作被申请行政复议、提起现在诉讼的情况；")


def test_bulleted_lists_of_the_documentation_are_items():
    parts = explanation(load_plugins().find_rule("M008"))["sections"][0]["parts"]
    items = [p["text"] for p in parts if p["kind"] == "li"]
    assert items == ["晚于报告年度的下一年，提示；",
                     "等于报告年度的下一年、只写年份（不是“2021年1月31日”这样的日期）时，提示这句回顾本年度工作的话可能写错了年份。"]
