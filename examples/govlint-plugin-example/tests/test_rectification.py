"""Tests of L001 with govlint's helpers for rule authors (govlint.testing)."""

from pathlib import Path

from govlint.testing import assert_findings, assert_fixture_findings
from govlint_plugin_example.rectification import LastYearRectification

FIXTURES = Path(__file__).parent / "fixtures"


def test_missing_rectification_is_reported_at_the_heading():
    assert_findings(LastYearRectification, """
        某某街道2023年政府信息公开工作年度报告
        一、总体情况
        本年度工作情况良好。
        五、存在的主要问题及改进情况 «L001»
        下一步将加强培训。
        """)


def test_a_rectification_statement_passes():
    assert_findings(LastYearRectification, """
        某某街道2023年政府信息公开工作年度报告
        一、总体情况
        本年度工作情况良好。
        五、存在的主要问题及改进情况
        针对上年度年报审查指出的数据不一致问题，已完成整改。
        """)


def test_reports_before_the_configured_year_are_not_checked():
    report = """
        某某街道2023年政府信息公开工作年度报告
        一、总体情况
        本年度工作情况良好。
        五、存在的主要问题及改进情况
        下一步将加强培训。
        """
    assert_findings(LastYearRectification, report, config={"rectification-since": 2024})


def test_the_installed_plugin_fires_on_the_fixture():
    # By code: the rule is looked up among the installed plugins, so this
    # also checks the entry point.
    assert_fixture_findings("L001", FIXTURES / "2023-no-rectification.txt",
                            [(11, "L001", "上年度问题的整改情况")])
