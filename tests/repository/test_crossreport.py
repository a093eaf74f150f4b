"""Rules over report sets: the report families of fixtures/families/ (their
findings written down in each family's expected.txt), the engine phase
that runs the rules (history folders, caching, --jobs, configuration),
organ names, similarity, and the two 洪泽区 PDFs."""

from __future__ import annotations

import json
import shutil
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from families import FAMILIES, ROOT, write

from govlint import hookimpl
from govlint.cli import main
from govlint.model import Location, Paragraph, Piece
from govlint.recognise.organs import OrganNames
from govlint.repository.profile import ReportProfile
from govlint.repository.reportset import ReportSetRule, set_rules
from govlint.repository.similarity import SectionPrint, normalise
from govlint.run.engine import Options, lint
from govlint.run.plugins import load_plugins
from govlint.testing import read_fixture

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real"
PLUGINS = load_plugins()
SET_RULES = {r.code for r in set_rules(PLUGINS.rules)}
NAMES = [make.__name__.replace("_", "-") for make in FAMILIES]


def expected(family: str) -> list[tuple[str, int, int, str]]:
    rows = []
    for line in (ROOT / family / "expected.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            where, code = line.split()
            path, row, col = where.rsplit(":", 2)
            rows.append((path, int(row), int(col), code))
    return sorted(rows)


def check(*args: str) -> tuple[int, list[dict], str]:
    """``govlint check --format json ARGS`` in the current directory.  S009
    is left out: the families' 五 are real reports' (fixtures/families/prose.toml),
    which do not report last year's rectification — true, and not what the
    families are about."""
    result = CliRunner().invoke(main, ["check", "--format", "json", "--ignore", "S009", *args])
    findings = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, findings, result.stderr


def located(findings: list[dict]) -> list[tuple[str, int, int, str]]:
    return sorted((f["path"], f["line"], f["column"], f["code"]) for f in findings)


@pytest.fixture
def family(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the family named by the test's parameter, as the current directory."""
    folder = tmp_path / request.param
    shutil.copytree(ROOT / request.param, folder)
    monkeypatch.chdir(folder)
    return folder


# ---------------------------------------------------------------- the families


def test_committed_families_are_what_the_generator_writes(tmp_path: Path):
    for make in FAMILIES:
        for path in write(make(), tmp_path):
            committed = ROOT / path.relative_to(tmp_path)
            assert committed.read_text("utf-8") == path.read_text("utf-8"), f"{committed}: run tests/families.py"


@pytest.mark.parametrize("family", NAMES, indirect=True)
def test_family_gives_the_expected_findings(family: Path):
    code, findings, stderr = check("reports/")
    assert located(findings) == expected(family.name), stderr
    assert code == (1 if findings else 0)


@pytest.mark.parametrize("family", NAMES, indirect=True)
def test_each_report_checked_alone_finds_the_others_in_history(family: Path):
    """What pre-commit does: only the changed file is passed; findings go
    on it only, never on the history files it is compared with."""
    found = []
    for report in sorted((family / "reports").iterdir()):
        shown = f"reports/{report.name}"
        _, findings, stderr = check(shown)
        assert {f["path"] for f in findings} <= {shown}, stderr
        found += located(findings)
    assert sorted(found) == expected(family.name)


@pytest.mark.parametrize("family", NAMES, indirect=True)
def test_parallel_and_cached_runs_give_the_same_output(family: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("GOVLINT_NO_CACHE")
    serial = check("--no-cache", "--jobs", "1", "reports/")
    assert check("--jobs", "2", "reports/") == serial  # fills the caches
    assert check("--jobs", "2", "reports/") == serial  # results and profiles from the caches
    assert (family / ".govlint_cache" / "profiles").is_dir()


def test_every_rule_over_report_sets_fails_and_passes_in_the_families():
    codes = {row[3] for name in NAMES for row in expected(name)}
    # M013 needs an organ list, which no family configures: tests/repository/test_completeness.py
    assert SET_RULES - {"M013"} <= codes
    assert SET_RULES == {"A010", "A011", "A012", "A013", "C017", "M009", "M010", "M013"}
    # ... and each family has reports these rules pass: every file with no line in expected.txt
    assert all(len({row[0] for row in expected(name)}) < len(list((ROOT / name / "reports").iterdir()))
               for name in NAMES)


@pytest.mark.parametrize("family", ["carry-over"], indirect=True)
def test_without_history_a_lone_report_is_not_compared(family: Path):
    (family / "govlint.toml").write_text('fail-level = "warning"\n', encoding="utf-8")
    assert check("reports/2024.txt")[:2] == (0, [])


@pytest.mark.parametrize("family", ["year-on-year"], indirect=True)
def test_without_history_changes_against_last_year_get_one_hint_saying_so(family: Path):
    (family / "govlint.toml").write_text('fail-level = "warning"\n', encoding="utf-8")
    code, findings, _ = check("reports/2024.txt")
    assert code == 0 and [(f["line"], f["code"], f["severity"]) for f in findings] == [(15, "C017", "info")]
    assert "正文有 2 处与上年比较的说法" in findings[0]["message"] and "未配置报告库（history）" in findings[0]["message"]
    # with both years in the run, they are compared as with history
    assert located(check("reports/2023.txt", "reports/2024.txt")[1]) == [("reports/2024.txt", 17, 21, "C017")]


@pytest.mark.parametrize("family", ["carry-over"], indirect=True)
def test_selection_severity_and_per_file_ignores_apply(family: Path):
    config = 'history = ["reports/"]\n[severity]\nA010 = "error"\n'
    (family / "govlint.toml").write_text(config, encoding="utf-8")
    code, findings, _ = check("reports/2024.txt")
    assert code == 1 and {f["severity"] for f in findings} == {"error"}
    assert check("--ignore", "A010", "reports/2024.txt")[:2] == (0, [])
    (family / "govlint.toml").write_text(config + '[per-file-ignores]\n"2024.txt" = ["A"]\n', encoding="utf-8")
    assert check("reports/2024.txt")[:2] == (0, [])


@pytest.mark.parametrize("family", ["carry-over"], indirect=True)
@pytest.mark.parametrize("config, message", [
    ('history = ["archive/"]', "history 中的路径不存在"),
    ('history = "reports/"', "history 应为字符串列表"),
    ('history = ["reports/"]\norgan-aliases = ["x"]', "organ-aliases 应为表"),
    ('history = ["reports/"]\ncopy-threshold = 2', "copy-threshold 应为 0 到 1 之间的数"),
    ('history = ["reports/"]\ncopy-threshold = "0.8"', "copy-threshold 应为 0 到 1 之间的数"),
    ('history = ["/"]', "history 中的路径 / 不在本项目"),
    ('history = ["../"]', "history 中的路径 ../ 不在本项目"),
    ('history = ["/proc/self"]', "不在本项目"),
])
def test_bad_configuration_is_an_error_before_any_report_is_read(family: Path, config: str, message: str):
    (family / "govlint.toml").write_text(config + "\n", encoding="utf-8")
    code, findings, stderr = check("reports/2024.txt")
    assert code == 2 and message in stderr
    assert findings == [] and "出错" not in stderr  # a configuration error, not a rule crash per file


@pytest.mark.parametrize("family", ["carry-over"], indirect=True)
def test_a_history_folder_may_lie_anywhere_in_the_project(family: Path):
    """A configuration in a sub-folder names the project's report folder
    with ``..``: the project is the outermost folder holding a configuration
    or a checkout."""
    (family / "units").mkdir()
    (family / "units" / "govlint.toml").write_text('history = ["../reports/"]\n', encoding="utf-8")
    shutil.copy(family / "reports" / "2024.txt", family / "units" / "2024.txt")
    code, findings, stderr = check("units/2024.txt")
    assert stderr == "" and {f["code"] for f in findings} == {f["code"] for f in check("reports/2024.txt")[1]}


@pytest.mark.parametrize("family", ["carry-over"], indirect=True)
def test_a_history_file_over_its_budget_is_named_and_the_run_goes_on(family: Path):
    (family / "govlint.toml").write_text('history = ["reports/"]\ntime-limit = 0.000001\n', encoding="utf-8")
    code, findings, stderr = check("--no-cache", "--time-limit", "30", "reports/2024.txt")
    assert "读取超出时间限制，未用于跨报告比对" in stderr


@pytest.mark.parametrize("family", ["same-year"], indirect=True)
def test_copy_threshold_is_configurable(family: Path):
    (family / "govlint.toml").write_text('history = ["reports/"]\ncopy-threshold = 0.95\n', encoding="utf-8")
    assert check("reports/")[:2] == (0, [])


# ---------------------------------------------------------------- the history cache


@pytest.mark.parametrize("family", ["four-years"], indirect=True)
def test_history_is_read_once_per_run_and_then_from_the_cache(family: Path, monkeypatch: pytest.MonkeyPatch):
    import govlint.repository.profilecache as profilecache

    monkeypatch.delenv("GOVLINT_NO_CACHE")
    reads = []
    original = profilecache.read_document

    def counted(path, *args, **kwargs):
        reads.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(profilecache, "read_document", counted)
    (family / "nested").mkdir()
    (family / "nested" / "govlint.toml").write_text('history = ["../reports/"]\n', encoding="utf-8")
    shutil.copy(family / "reports" / "2022.txt", family / "nested" / "2022.txt")
    check("--no-cache", "reports/2022.txt", "nested/2022.txt")
    assert sorted(reads) == sorted(str(family / "reports" / f) for f in ("2019.txt", "2020.txt", "2021.txt"))

    reads.clear()
    check("reports/2022.txt")  # fills the cache
    entries = list((family / ".govlint_cache" / "profiles").rglob("*.json"))
    assert len(entries) == 4 and reads  # the history's three and the run's file
    reads.clear()
    assert located(check("reports/2022.txt")[1]) == [r for r in expected("four-years") if "2022" in r[0]]
    assert reads == []  # every history profile came from the cache

    for entry in entries:
        entry.write_text("{damaged", encoding="utf-8")
    (family / "reports" / "2021.txt").write_text(
        (family / "reports" / "2021.txt").read_text("utf-8") + "\n", encoding="utf-8")
    assert located(check("reports/2022.txt")[1]) == [r for r in expected("four-years") if "2022" in r[0]]
    assert len(reads) == 4  # the files of the damaged entries (the edited one included) read again


def test_profile_survives_its_json_form():
    doc = read_fixture(ROOT / "four-years" / "reports" / "2020.txt")
    profile = ReportProfile.of(doc)
    again = ReportProfile.from_data(json.loads(json.dumps(profile.to_data(), ensure_ascii=False)))
    assert again == profile
    assert again.figure("t2.art20_5.licensing.previous").location.line == 46
    assert again.source_line(46) == "\t42"
    with pytest.raises(ValueError):
        ReportProfile.from_data({**profile.to_data(), "format": 0})


# ---------------------------------------------------------------- organ names


@pytest.mark.parametrize("a, b", [
    ("兴安街道办事处", "安丘市兴安街道办事处"),
    ("洪泽区人民政府", "淮安市洪泽区人民政府"),
    ("安丘市兴安街道办事处", "山东省安丘市兴安街道办事处"),
    ("兴安街道办事处", "山东省安丘市兴安街道办事处"),
    ("洪泽区 人民政府", "淮安市洪泽区人民政府"),
])
def test_same_organ(a: str, b: str):
    assert OrganNames().same(a, b) and OrganNames().same(b, a)


@pytest.mark.parametrize("a, b", [
    ("教育局", "安丘市教育局"),             # no place name: any county's
    ("人民政府", "淮安市洪泽区人民政府"),
    ("淮安市人民政府", "淮安市洪泽区人民政府"),
    ("安丘市城市管理局", "潍坊市城市管理局"),
    ("兴安街道办事处", "新安街道办事处"),
    (None, "兴安街道办事处"),
])
def test_different_organs(a, b):
    assert not OrganNames().same(a, b)


def test_aliases_come_first():
    names = OrganNames({"安丘市兴安街道": "安丘市兴安街道办事处", "教育局": "安丘市教育局"})
    assert names.same("安丘市兴安街道", "兴安街道办事处")
    assert names.same("教育局", "安丘市教育局")
    assert names.canonical(" 教育局 ") == "安丘市教育局"


def test_place_names_and_short_forms():
    assert OrganNames.place_names("淮安市洪泽区岔河镇人民政府") == ("淮安市", "洪泽区", "岔河镇")
    assert OrganNames().short_forms("淮安市洪泽区岔河镇人民政府") == (
        "淮安市洪泽区岔河镇人民政府", "洪泽区岔河镇人民政府", "岔河镇人民政府")


# ---------------------------------------------------------------- similarity


def section(organ: str, *paragraphs: str) -> SectionPrint:
    return SectionPrint.of([Paragraph(p, Location(i + 1), (Piece(0, i + 1, 1),)) for i, p in enumerate(paragraphs)],
                           organ)


PROBLEMS = ("（一）存在的主要问题。重点项目信息公开不够及时，项目进展更新存在滞后。",
            "基层工作人员对条例的学习不够深入，公开属性认定把握不准。",
            "（二）改进情况。下一步，{organ}将建立重点项目信息公开台账，2025年起按月更新。")


def test_copies_with_other_names_and_numbers_are_the_same_text():
    a = section("甲县城关镇人民政府", *(p.format(organ="城关镇") for p in PROBLEMS))
    b = section("乙县新春街道办事处", *(p.format(organ="新春街道").replace("2025", "2026") for p in PROBLEMS))
    found = a.compare(b)
    assert found.similarity == 1.0
    assert found.shared.quote() == "重点项目信息公开不够及时，项目进展更新存在滞后。"
    assert found.shared.location == Location(1, 12)
    assert b.compare(a).similarity == 1.0
    assert normalise("2025年，城关镇将……（一）", ["城关镇"]) == "#年〇将一"


def test_unrelated_sections_are_not_alike():
    a = section("甲县城关镇人民政府", *PROBLEMS)
    b = section("乙县教育局", "学校信息公开的统一要求落实不够，部分学校网站更新迟缓。",
                "招生入学政策的咨询答复渠道分散，家长反映电话难以接通。")
    found = a.compare(b)
    assert found.similarity < 0.1 and found.shared is None


def test_short_sections_are_not_compared():
    assert not section("某街道", "无。").comparable
    assert section("某街道", *PROBLEMS).comparable


def test_a_section_print_keeps_sentences_not_paragraphs():
    """Normalised sentences, where each starts and its quote (at most
    thirty characters): what the comparison and a finding need."""
    long = "按照上级关于政务公开标准化规范化建设的统一部署要求，逐项梳理公开事项目录并在门户网站集中公开。"
    printed = section("甲县城关镇人民政府", "无。", "（一）主动公开。" + long)
    assert len(printed) == 1 and list(printed.sentences()) == [normalise(long)]
    assert printed.passage(0).location == Location(2, 9)
    assert printed.passage(0).quote() == long[:30] + "……"
    assert SectionPrint.from_data(printed.to_data()) == printed


# ---------------------------------------------------------------- the 洪泽区 reports


def test_hongze_reports_pair_across_name_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """洪泽区人民政府 (2023) and 淮安市洪泽区人民政府 (2024): the carry-over
    (0 → 0) and the 行政规范性文件 roll-forward (5 + 3 − 0 = 8) hold, and their
    prose is not alike at the default threshold; at 0.25 一 and 五 are."""
    for year in (2023, 2024):
        shutil.copy(REAL / f"huaian-hongze-{year}.pdf", tmp_path / f"{year}.pdf")
    monkeypatch.chdir(tmp_path)
    select = ("--select", ",".join(sorted(SET_RULES)))
    assert check(*select, ".")[:2] == (0, [])
    (tmp_path / "govlint.toml").write_text('history = ["."]\ncopy-threshold = 0.25\n', encoding="utf-8")
    _, findings, _ = check(*select, "2024.pdf")
    assert [(f["code"], f["page"]) for f in findings] == [("M009", 1), ("M009", 4)]
    assert "第一部分“总体情况”与上年报告 2023.pdf（2023 年）的相似度为 35%（阈值 25%）" in findings[0]["message"]
    assert "第五部分“存在的主要问题及改进情况”与上年报告 2023.pdf（2023 年）的相似度为 29%" in findings[1]["message"]


def test_hongze_checks_are_evaluated_not_skipped():
    from govlint.repository.reportset import Member
    from govlint.rules.crossreport.crossyear import checks

    profiles = [ReportProfile.of(read_fixture(REAL / f"huaian-hongze-{y}.pdf")) for y in (2023, 2024)]
    last, this = (Member(p, p.path, True, p.organ) for p in profiles)
    outcomes = {cid: list(checks()[cid].evaluate(this, last)) for cid in ("T3.5", "T2.1")}
    assert len(outcomes["T3.5"]) == 7 and len(outcomes["T2.1"]) == 2
    assert all(o.holds for found in outcomes.values() for o in found)
    assert [o.totals for o in outcomes["T2.1"]] == [(0, 0), (8, 8)]


# ---------------------------------------------------------------- the API for plugins


def test_a_plugin_rule_over_report_sets(tmp_path: Path):
    """A third-party rule sees the run's reports and the history, pairs them,
    and reports on the run's files only."""

    class LastYearMissing(ReportSetRule):
        """No report of the year before.

        What it does
        ------------
        x
        """

        code = "X901"
        name = "last-year-missing"

        def check_set(self, reports):
            for report in reports.targets:
                if reports.previous(report) is None:
                    yield self.report_on(report, Location(1), f"{len(reports.same_organ(report))} 份同机关报告")

    module = types.ModuleType("setrules")
    module.govlint_rules = hookimpl(lambda: [LastYearMissing])
    plugins = load_plugins([module])
    for name in ("2019.txt", "2020.txt", "2022.txt"):
        shutil.copy(ROOT / "four-years" / "reports" / name, tmp_path / name)
    (tmp_path / "govlint.toml").write_text('history = ["."]\nselect = ["X901"]\n'
                                           '[organ-aliases]\n"安丘市兴安街道" = "兴安街道办事处"\n', encoding="utf-8")
    result = lint([str(tmp_path / "2020.txt"), str(tmp_path / "2022.txt")], Options(), plugins=plugins)
    found = [(Path(f.path).name, f.message) for f in result.findings]
    assert found == [("2022.txt", "2 份同机关报告")]  # 2021 is missing; 2019 is history, never reported on
