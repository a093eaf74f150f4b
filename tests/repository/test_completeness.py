"""Repository completeness: the organ list (``organs``, ``organs-file``),
the missing reports per year in ``govlint report``, M013 on reports of
organs not listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govlint.cli import main
from govlint.recognise.organs import OrganNames
from govlint.repository.completeness import Entry, OrgansError, completeness, listed_organs

TITLE = "{organ}{year}年政府信息公开工作年度报告\n一、总体情况\n本年度我单位认真做好政府信息公开工作。\n"


def test_listed_organs_from_the_list_and_the_file(tmp_path: Path):
    (tmp_path / "名单.txt").write_text("\ufeff# 安丘市\n安丘市教育局\n\n安丘市民政局  # 新设\n安丘市教育局\n", "utf-8")
    found = listed_organs({"organs": ["安丘市财政局"], "organs-file": "名单.txt"}, tmp_path)
    assert found == ("安丘市财政局", "安丘市教育局", "安丘市民政局")
    assert listed_organs({"organs": [], "organs-file": ""}, tmp_path) is None


@pytest.mark.parametrize("values, message", [
    ({"organs": "安丘市教育局"}, "organs 应为字符串列表"),
    ({"organs-file": "没有这个文件.txt"}, "无法读取"),
    ({"organs-file": 3}, "organs-file 应为文件路径"),
])
def test_a_bad_organ_list_is_refused(tmp_path: Path, values, message):
    with pytest.raises(OrgansError, match=message):
        listed_organs(values, tmp_path)


def test_missing_per_year_and_unlisted_with_short_forms_and_aliases():
    names = OrganNames({"安丘市教育和体育局": "安丘市教育局"})
    reports = [Entry("a", "安丘市教育局", 2022), Entry("b", names.canonical("安丘市教育和体育局"), 2023),
               Entry("c", "兴安街道办事处", 2023), Entry("d", "安丘市兴安街道办事处", 2022),
               Entry("e", "安丘市财政局", 2023), Entry("f", None, 2023)]
    found = completeness("govlint.toml", ["安丘市教育局", "安丘市兴安街道办事处", "安丘市民政局"], reports, names)
    assert found.missing == ((2022, ("安丘市民政局",)), (2023, ("安丘市民政局",)))
    assert [r.path for r in found.unlisted] == ["e"]
    assert not found.complete


def test_a_name_without_its_place_is_not_a_listed_organ():
    """``教育局`` could be any county's: not taken for the listed ``安丘市教育局``."""
    names = OrganNames()
    found = completeness("c", ["安丘市教育局"], [Entry("a", "教育局", 2023)], names)
    assert found.missing == ((2023, ("安丘市教育局",)),)
    assert [r.path for r in found.unlisted] == ["a"]


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    reports = tmp_path / "reports"
    reports.mkdir()
    for organ, year in [("安丘市教育局", 2022), ("安丘市教育局", 2023), ("安丘市兴安街道办事处", 2022),
                        ("兴安街道办事处", 2023), ("安丘市卫生健康局", 2022), ("安丘市财政局", 2023)]:
        (reports / f"{organ}-{year}.txt").write_text(TITLE.format(organ=organ, year=year), "utf-8")
    (tmp_path / "机关名单.txt").write_text("安丘市教育局\n安丘市兴安街道办事处\n安丘市卫生健康局\n", "utf-8")
    (tmp_path / "govlint.toml").write_text('history = ["reports"]\norgans-file = "机关名单.txt"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_report_lists_missing_organs_per_year_and_unlisted_reports(repository: Path):
    result = CliRunner().invoke(main, ["report", "--no-cache", "reports/", "--html", "summary.html"])
    assert result.exit_code == 0, result.stderr
    tail = result.stdout.split("报告库完整性", 1)[1].splitlines()
    assert tail[0] == "（govlint.toml，名单 3 个机关）："
    assert tail[2].split() == ["2022", "0", "—"]
    assert tail[3].split() == ["2023", "1", "安丘市卫生健康局"]
    assert tail[4] == "不在名单中的机关的报告："
    assert tail[6].split() == ["reports/安丘市财政局-2023.txt", "安丘市财政局", "2023"]
    page = (repository / "summary.html").read_text("utf-8")
    assert '<tr class="missing" data-year="2023"><td>2023</td><td class="n">1</td><td>安丘市卫生健康局</td>' in page


def test_history_reports_count_for_completeness(repository: Path):
    """Checking one file: the others are found through history."""
    result = CliRunner().invoke(main, ["report", "--no-cache", "reports/安丘市教育局-2023.txt"])
    assert "2023  1                 安丘市卫生健康局" in result.stdout


def test_m013_on_the_run_files_only(repository: Path):
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", "M013", "reports/"])
    found = [(f["path"], f["line"], f["code"]) for f in json.loads(result.stdout)]
    assert found == [("reports/安丘市财政局-2023.txt", 1, "M013")]
    assert "机关“安丘市财政局”不在报告库的机关名单中" in json.loads(result.stdout)[0]["message"]


def test_without_a_list_nothing_is_said(repository: Path):
    (repository / "govlint.toml").write_text('history = ["reports"]\n', "utf-8")
    result = CliRunner().invoke(main, ["report", "--no-cache", "reports/"])
    assert "报告库完整性" not in result.stdout
    check = CliRunner().invoke(main, ["check", "--no-cache", "--select", "M013", "reports/"])
    assert check.exit_code == 0


def test_an_unreadable_list_file_is_a_configuration_error(repository: Path):
    (repository / "govlint.toml").write_text('history = ["reports"]\norgans-file = "没有.txt"\n', "utf-8")
    result = CliRunner().invoke(main, ["report", "--no-cache", "reports/"])
    assert result.exit_code == 2
    assert "organs-file 指定的机关名单 没有.txt 无法读取" in result.stderr
