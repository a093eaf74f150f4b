"""The text format: the source line under a finding, cut to a window
around the column when it is too long for a terminal."""

from __future__ import annotations

from govlint.output.formatters.text import CONTEXT_WIDTH, context
from govlint.output.texttable import width


def test_a_line_that_fits_is_shown_whole():
    line = "四、政府信息公开行政复议、行政诉讼情况"
    assert context(line + "  ", 1) == line


def test_a_long_line_is_cut_around_the_column_with_ellipses():
    before, heading, after = "本机关认真贯彻落实条例。" * 30, "五、存在的主要问题及改进措施", "下一步，我们将加强培训。" * 30
    line = before + heading + after
    shown = context(line, len(before) + 1)
    assert shown.startswith("…") and shown.endswith("…")
    assert heading in shown
    assert width(shown) <= CONTEXT_WIDTH
    assert shown.index(heading) < len(shown) // 2  # more is shown after the column than before


def test_the_cut_keeps_the_window_full_at_either_end():
    line = "甲" * 400
    assert context(line, 1) == "甲" * ((CONTEXT_WIDTH - 2) // 2) + "…"
    end = context(line, 400)
    assert end.startswith("…") and width(end) >= CONTEXT_WIDTH - 2


def test_the_cli_prints_a_window_of_a_one_line_web_page(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from govlint.cli import main

    monkeypatch.chdir(tmp_path)
    text = ("某某区人民政府2023年政府信息公开工作年度报告" + "本年度，我区持续推进政务公开工作，取得新的进展。" * 200)
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "page.txt"])
    context_lines = [line for line in result.output.splitlines() if line.startswith("    ")]
    assert context_lines, result.output
    assert all(width(line) <= CONTEXT_WIDTH + 4 for line in context_lines)
