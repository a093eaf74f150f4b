"""The mechanism shared by the copy-detection rules (M009, M010): the
sections compared, the threshold, and one comparison of two reports'
sections (:mod:`govlint.repository.similarity`, on the sections' prints
in the reports' profiles: prepared once, where each report was read)."""

from __future__ import annotations

from typing import Any, Mapping

import msgspec

from govlint.recognise.outline import canonical_heading
from govlint.repository import THRESHOLD
from govlint.repository.reportset import Member, ReportSetRule
from govlint.repository.similarity import Passage
from govlint.rules.crossreport import DEFAULT_THRESHOLD


class Copy(msgspec.Struct, frozen=True):
    """Section ``section`` of a report repeats ``other``'s: their
    ``similarity`` and the first sentence of the report ``other`` repeats."""

    other: Member
    section: int
    similarity: float
    passage: Passage

    def describe(self, threshold: float, whose: str) -> str:
        """The message: section, similarity, the other file, the passage."""
        return (f"第{canonical_heading(self.section).replace('、', '部分“', 1)}”与{whose} "
                f"{self.other.describe()}的相似度为 {self.similarity:.0%}（阈值 {threshold:.0%}），"
                f"首个相同的句子：“{self.passage.quote()}”")


def _threshold(values: Mapping[str, Any]) -> float:
    value = values.get(THRESHOLD, DEFAULT_THRESHOLD)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise ValueError(f"配置项 {THRESHOLD} 应为 0 到 1 之间的数（如 0.8），而不是 {value!r}")
    return float(value)


class CopyRule(ReportSetRule):
    """Base class of the copy-detection rules (not a rule itself)."""

    def threshold(self) -> float:
        """``copy-threshold`` from the configuration (0 < t ≤ 1)."""
        return _threshold(self.config)

    @classmethod
    def check_config(cls, values: Mapping[str, Any]) -> None:
        _threshold(values)

    @staticmethod
    def compare(report: Member, other: Member, section: int, threshold: float) -> Copy | None:
        """The copy when ``report``'s ``section`` repeats ``other``'s at
        ``threshold`` or above, else None."""
        mine, theirs = report.profile.prose.get(section), other.profile.prose.get(section)
        if not (mine is not None and theirs is not None and mine.comparable and theirs.comparable):
            return None
        found = mine.compare(theirs)
        if found.similarity >= threshold and found.shared is not None:
            return Copy(other, section, found.similarity, found.shared)
        return None
