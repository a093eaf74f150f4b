"""Realistic prose that looks like section headings, inserted into reports.

What real reports put around their six headings and a line-by-line heading
detector takes for one (issue 12, class 1): sentences in 一、总体情况 that
name another section's subject, sub-items of 总体情况 titled like sections,
table captions and table row labels written as loose lines, lead-in lines
before a table.  :func:`insert_prose` inserts a random choice of them at
places where a report has prose (never inside a table) and returns the new
text; the outline must still find exactly the report's own headings.  The
passages follow the style of the seeds and of fixtures/real (pingtan-zone,
shuyang-county, shanghai-office).
"""

from __future__ import annotations

import random
import re

#: Sentences naming another section's subject, written as reports write them.
SENTENCES = (
    "三是加强行政复议、行政诉讼案件的处理工作，联合法律顾问规范办结案件，本年度相关案件均已结案。",
    "依法做好政府信息公开行政复议、行政诉讼案件的应诉工作，有力维护了群众合法权益与政府公信力。",
    "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
    "主动公开方面，围绕中心工作及时发布政策文件、规划计划和财政预决算信息。",
    "依申请公开方面，严格按照法定程序和时限办理政府信息公开申请，做到依法答复、规范答复。",
    "针对上年度年报评估中存在的主要问题，逐项制定改进措施并落实整改。",
    "对照存在的主要问题及改进情况，逐条梳理整改台账。",
    "收到和处理政府信息公开申请情况详见下表。",
    "主动公开政府信息情况如下：",
    "政府信息公开行政复议、行政诉讼情况如下",
    "其他需要报告的事项见本报告第六部分",
    "本机关本年度未收取信息处理费，无其他需要报告的事项。",
)

#: Sub-items of 总体情况 titled like sections (a series, as reports number them).
SUBITEM_SERIES = (
    ("（一）主动公开政府信息情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）政府信息公开平台建设情况"),
    ("（一）主动公开方面", "（二）收到和处理政府信息公开申请情况", "（三）政府信息管理", "（四）监督保障"),
    ("1.主动公开政府信息情况", "2.政府信息公开平台建设", "3.监督保障情况"),
    ("（一）总体概况", "（二）主动公开政府信息情况", "（三）依申请公开情况"),
)
#: What follows each sub-item title.
SUBITEM_TEXT = "围绕年度工作要点，细化任务分工，明确责任单位和完成时限，确保各项工作落到实处。"

#: Captions and loose table labels that sit under the heading of their section.
CAPTIONS = {
    2: ("主动公开政府信息情况", "表二：主动公开政府信息情况", "二、主动公开政府信息情况"),
    3: ("收到和处理政府信息公开申请情况", "表三：收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请情况"),
    4: ("政府信息公开行政复议、行政诉讼情况", "表四：政府信息公开行政复议、行政诉讼情况"),
}
#: Table row labels written as loose lines (a table the extraction broke up).
ROW_LABELS = ("三、本年度办理结果", "四、结转下年度继续办理 0 0 0 0 0 0 0", "一、本年新收政府信息公开申请数量")

_TABLE_LINE = re.compile(r"\t|^\s*\|")


def _prose_slots(lines: list[str]) -> list[int]:
    """Indexes before which a prose line may go: never inside a table (a
    tab or pipe line, or a line continuing a cell)."""
    slots = []
    for i, line in enumerate(lines):
        if not line.strip() or _TABLE_LINE.search(line):
            continue
        if i > 0 and _TABLE_LINE.search(lines[i - 1]):
            continue  # may continue a cell
        slots.append(i)
    return slots


def insert_prose(text: str, headings: dict[int, int], rng: random.Random, count: int = 4) -> str:
    """``text`` with ``count`` realistic heading-like passages inserted.

    ``headings`` maps section numbers to their heading's 1-based line (from
    the report's own outline or :class:`~govlint.testing.synthetic.Rendered`).
    Sub-item series go after the heading of 一, captions (one a section)
    right under the heading of their section, sentences and loose row labels before any
    prose line after the first heading."""
    lines = text.split("\n")
    first = min(headings.values())
    inserts: list[tuple[int, list[str]]] = []
    slots = [i for i in _prose_slots(lines) if i >= first]
    captioned: set[int] = set()
    for _ in range(count):
        kind = rng.choice(("sentence", "sentence", "series", "caption", "label"))
        if kind == "series" and 1 in headings:
            series = rng.choice(SUBITEM_SERIES)
            body = [part for title in series for part in (title, SUBITEM_TEXT)]
            inserts.append((headings[1], body))  # right after the heading line (1-based → index)
        elif kind == "caption" and any(n in headings and n not in captioned for n in CAPTIONS):
            number = rng.choice([n for n in CAPTIONS if n in headings and n not in captioned])
            captioned.add(number)  # one caption under a heading
            inserts.append((headings[number], [rng.choice(CAPTIONS[number])]))
        elif kind == "label" and slots:
            inserts.append((rng.choice(slots), [rng.choice(ROW_LABELS)]))
        elif slots:
            inserts.append((rng.choice(slots), [rng.choice(SENTENCES)]))
    for index, body in sorted(inserts, key=lambda item: item[0], reverse=True):
        lines[index:index] = body
    return "\n".join(lines)
