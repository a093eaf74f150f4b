"""Report families: small repositories of synthetic reports for the rules
over report sets (fixtures/families/, tests/repository/test_crossreport.py).

Each family is a folder with a ``govlint.toml`` (``history = ["reports/"]``
and what else the family needs), its reports in ``reports/`` rendered by
:mod:`govlint.testing.synthetic`, and ``expected.txt``: the findings the whole
family gives, one ``path:line:column CODE`` per line with the reason after
``#``, checked by hand.  The prose of sections 一 and 五 comes from
``fixtures/families/prose.toml``; table values from
:func:`~govlint.testing.synthetic.consistent_values`, then linked from year to year
as the identities across years want (:func:`link_carry_over`,
:func:`roll_in_force`, :func:`roll_items`) before each family breaks what
it tests.  Regenerate with::

    python tests/families.py

(tests/repository/test_crossreport.py checks that the committed files are what this
module writes; ``expected.txt`` is not generated.)
"""

from __future__ import annotations

import random
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from govlint.testing.synthetic import ReportSpec, consistent_values, render

ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "families"
PROSE = tomllib.loads((ROOT / "prose.toml").read_text("utf-8"))
CONFIG = 'history = ["reports/"]\nfail-level = "warning"\n'

Values = dict[str, object]


@dataclass(frozen=True)
class Family:
    """``reports`` maps a file name under ``reports/`` to the report and its layout."""

    name: str
    config: str
    reports: Mapping[str, tuple[ReportSpec, str]]


# ---------------------------------------------------------------- linking years


def _columns(values: Mapping[str, object], row: str) -> list[str]:
    return [k.rsplit(".", 1)[1] for k in values if k.startswith(row + ".") and not k.endswith(".total")]


def link_carry_over(prev: Mapping[str, object], this: Mapping[str, object]) -> Values:
    """``prev`` with its 结转下年度 set to ``this``'s 上年结转 (T3.5), its
    本年新收 (and where needed its 上年结转) rebalanced so that table 三
    still adds up (T3.1, T3.3)."""
    out = dict(prev)
    for col in _columns(prev, "t3.carry_next"):
        out[f"t3.carry_next.{col}"] = this[f"t3.carried.{col}"]
        need = out[f"t3.results.total.{col}"] + out[f"t3.carry_next.{col}"]
        out[f"t3.carried.{col}"] = min(out[f"t3.carried.{col}"], need)
        out[f"t3.new.{col}"] = need - out[f"t3.carried.{col}"]
    for row in ("t3.new", "t3.carried", "t3.carry_next"):
        out[f"{row}.total"] = sum(out[f"{row}.{col}"] for col in _columns(prev, row))
    return out


def roll_in_force(prev: Mapping[str, object], this: Mapping[str, object]) -> Values:
    """``this`` with 现行有效件数 = last year's + 制发 − 废止 (T2.1)."""
    out = dict(this)
    for row in ("regulations", "normative_docs"):
        key = f"t2.art20_1.{row}"
        out[f"{key}.repealed"] = min(out[f"{key}.repealed"], prev[f"{key}.in_force"])
        out[f"{key}.in_force"] = prev[f"{key}.in_force"] + out[f"{key}.issued"] - out[f"{key}.repealed"]
    return out


def roll_items(prev: Mapping[str, object], this: Mapping[str, object]) -> Values:
    """``this`` with 上一年项目数量 = last year's + last year's 增/减 (T2'.4)."""
    out = dict(this)
    for key in [k.removesuffix(".previous") for k in this if k.endswith(".previous")]:
        out[f"{key}.previous"] = prev[f"{key}.previous"] + prev[f"{key}.change"]
        out[f"{key}.change"] = max(out[f"{key}.change"], -out[f"{key}.previous"])
    return out


def _shift(values: Mapping[str, object], changes: Mapping[str, int]) -> Values:
    return {**values, **{k: values[k] + d for k, d in changes.items()}}


def _spec(organ: str, year: int, values: Mapping[str, object], overview: str, problems: list[str]) -> ReportSpec:
    return ReportSpec(organ, year, values, prose={1: PROSE["overview"][overview], 5: problems})


def _values(seed: int, template: str) -> Values:
    return consistent_values(random.Random(seed), template, scale=30)


# ---------------------------------------------------------------- the families


def carry_over() -> Family:
    """Two years of one organ (名称 written with and without 淮安市).  2023's
    结转下年度 is raised by 2 (自然人) and 1 (商业企业), its 本年新收 with
    it, so each report adds up but 2024's 上年结转 differs in three
    columns (自然人, 商业企业, 总计)."""
    v24 = _values(2024, "2021")
    v23 = link_carry_over(_values(2023, "2021"), v24)
    v24 = roll_in_force(v23, v24)
    bump = {"natural_person": 2, "business": 1, "total": 3}
    v23 = _shift(v23, {f"{row}.{col}": d for row in ("t3.carry_next", "t3.new") for col, d in bump.items()})
    problems = PROSE["problems"]
    return Family("carry-over", CONFIG, {
        "2023.txt": (_spec("洪泽区岔河镇人民政府", 2023, v23, "huaian-2023", problems["huaian-2023"]), "word-cells"),
        "2024.txt": (_spec("淮安市洪泽区岔河镇人民政府", 2024, v24, "huaian-2024", problems["huaian-2024"]),
                     "tab-rows"),
    })


def four_years() -> Family:
    """One organ, 2019–2022, across the template change, its name written
    three ways (the third through ``organ-aliases``).  2020: 行政许可's
    上一年项目数量 is 2019's + 增/减 + 3, and 五 repeats 2019's; 2021 links
    to 2020 across the template change without a finding; 2022:
    行政规范性文件's 现行有效件数 is 4 above the roll-forward, and table 四
    repeats 2021's."""
    v22 = _values(2022, "2021")
    v21 = link_carry_over(_values(2021, "2021"), v22)
    v21.update({"t2.art20_1.normative_docs.issued": 6, "t2.art20_1.normative_docs.repealed": 1,
                "t2.art20_1.normative_docs.in_force": 25})
    v22 = roll_in_force(v21, v22)
    v20 = link_carry_over(_values(2020, "2019"), v21)
    v19 = link_carry_over(_values(2019, "2019"), v20)
    v20 = roll_items(v19, v20)
    v20 = _shift(v20, {"t2.art20_5.licensing.previous": 3})
    v22 = _shift(v22, {"t2.art20_1.normative_docs.in_force": 4})
    v22 = {**v22, **{k: v for k, v in v21.items() if k.startswith("t4.")}}
    problems = PROSE["problems"]
    config = CONFIG + '\n[organ-aliases]\n"安丘市兴安街道" = "安丘市兴安街道办事处"\n'
    return Family("four-years", config, {
        "2019.txt": (_spec("安丘市兴安街道办事处", 2019, v19, "xingan-2019", problems["xingan-2019"]), "word-cells"),
        "2020.txt": (_spec("兴安街道办事处", 2020, v20, "xingan-2020", problems["xingan-2019"]), "word-cells"),
        "2021.txt": (_spec("安丘市兴安街道办事处", 2021, v21, "xingan-2021", problems["xingan-2021"]), "tab-rows"),
        "2022.txt": (_spec("安丘市兴安街道", 2022, v22, "xingan-2022", problems["xingan-2022"]), "word-cells"),
    })


def same_year() -> Family:
    """Three organs, 2024: 新春街道's 五 is 城关镇's with one sentence added
    (each is flagged, naming the other); the 教育局 is unrelated."""
    problems = PROSE["problems"]
    copied = problems["chengguan-2024"] + problems["xinchun-2024-extra"]
    return Family("same-year", CONFIG, {
        "chengguan.txt": (_spec("淮安市洪泽区城关镇人民政府", 2024, _values(1, "2021"), "chengguan-2024",
                                problems["chengguan-2024"]), "word-cells"),
        "xinchun.txt": (_spec("淮安市洪泽区新春街道办事处", 2024, _values(2, "2021"), "xinchun-2024", copied),
                        "tab-rows"),
        "education.txt": (_spec("淮安市洪泽区教育局", 2024, _values(3, "2021"), "education-2024",
                                problems["education-2024"]), "word-cells"),
    })


def model_text() -> Family:
    """Seven organs, 2024.  Six write 五 in their superior's model text with
    a sentence of their own (each pair above the copy threshold, as with
    model text they would be); the model text is in six of the seven
    reports — at least a tenth of them and at least five — so it does not
    make two of them worth comparing.  东风村 and 新安 also share a sentence
    of their own: each is flagged, naming the other.  The 教育局 writes its
    own 五."""
    problems, overviews = PROSE["problems"], ("huaian-2023", "huaian-2024", "xingan-2021", "xingan-2022",
                                              "xinan-2024", "dongfeng-2024", "education-2024")
    names = ("淮安市洪泽区东风村村民委员会", "淮安市洪泽区新安街道办事处", "淮安市洪泽区岔河镇人民政府",
             "淮安市洪泽区高良涧街道办事处", "淮安市洪泽区朱坝街道办事处", "淮安市洪泽区黄集街道办事处",
             "淮安市洪泽区教育局")
    reports = {}
    for i, (organ, overview) in enumerate(zip(names, overviews)):
        if i < 6:
            five = problems["model-2024"] + [problems["model-2024-own"][i]]
            if i < 2:
                five += problems["model-2024-borrowed"]
        else:
            five = problems["education-2024"]
        reports[f"{i + 1}.txt"] = (_spec(organ, 2024, _values(100 + i, "2021"), overview, five),
                                   ("word-cells", "tab-rows")[i % 2])
    return Family("model-text", CONFIG, reports)


def _change(word_up: str, word_down: str, delta: int, amount: str) -> str:
    return f"{word_up if delta > 0 else word_down}{amount}"


def year_on_year() -> Family:
    """One organ, 2023 and 2024, and another organ's 2024 report alone.
    2024's 一 compares with 2023: its received count's change in 件 is
    right, its handled count's change in per cent is 3 points off; the
    other organ's report compares with a year the repository lacks."""
    v24 = _values(2024, "2021")
    v23 = link_carry_over(_values(2023, "2021"), v24)
    v24 = roll_in_force(v23, v24)
    new, done = "t3.new.total", "t3.results.total.total"
    received, handled = v24[new] - v23[new], v24[done] - v23[done]
    assert received and handled, "the seeds must give changes"
    share = abs(handled) * 100 / v23[done] + 3
    overview = [*PROSE["overview"]["huaian-2024"],
                f"全年共收到政府信息公开申请{v24[new]}件，同比{_change('增加', '减少', received, f'{abs(received)}件')}。",
                f"全年办结政府信息公开申请{v24[done]}件，同比{_change('增长', '下降', handled, f'{share:.1f}%')}。"]
    other = _values(5, "2021")
    alone = [*PROSE["overview"]["education-2024"], f"全年共收到政府信息公开申请{other[new]}件，同比增加2件。"]
    problems = PROSE["problems"]
    return Family("year-on-year", CONFIG, {
        "2023.txt": (_spec("淮安市洪泽区岔河镇人民政府", 2023, v23, "huaian-2023", problems["huaian-2023"]), "tab-rows"),
        "2024.txt": (ReportSpec("淮安市洪泽区岔河镇人民政府", 2024, v24, prose={1: overview, 5: problems["huaian-2024"]}),
                     "word-cells"),
        "education.txt": (ReportSpec("淮安市洪泽区教育局", 2024, other, prose={1: alone, 5: problems["education-2024"]}),
                          "tab-rows"),
    })


FAMILIES: tuple[Callable[[], Family], ...] = (carry_over, four_years, same_year, model_text, year_on_year)


def write(family: Family, root: Path = ROOT) -> list[Path]:
    """Write ``family``'s configuration and reports under ``root/<name>/``."""
    folder = root / family.name
    (folder / "reports").mkdir(parents=True, exist_ok=True)
    (folder / "govlint.toml").write_text(family.config, encoding="utf-8")
    written = [folder / "govlint.toml"]
    for name, (spec, layout) in family.reports.items():
        path = folder / "reports" / name
        path.write_text(render(spec, layout), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for make in FAMILIES:
        for path in write(make()):
            print(path.relative_to(ROOT.parent.parent), file=sys.stderr)
