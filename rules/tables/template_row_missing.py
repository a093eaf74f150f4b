"""T004 template-row-missing: a row or block of the template not found in a table."""

from govlint.model import Severity
from govlint.recognise.templates.labels import inner, quote
from govlint.recognise.templates.values import is_value
from govlint.rule import Rule

from .common import TABLE_NAMES, collapsed_groups, leaves, row_name, row_ref, tables, where


class TemplateRowMissing(Rule):
    """表格中缺少模板规定的行或整项。

    What it does
    ------------
    表格找到了，但模板规定的某些行找不到：表二某一项（如第二十条
    第（五）项“行政许可”“其他对外管理服务事项”），表三的某一行或
    某个子项（如“（四）无法提供”下的“2.没有现成信息需要另行制作”），
    表四只有表头、没有填了数的数据行。模板以报告年度对应的格式为准
    （格式用错由 T002 template-year-mismatch 报告）。

    同一项中连续缺失的行合并为一条，列出行名（多于 3 行时写起止行），
    位置在缺失处后面的那一行（缺在表尾时在前面的那一行）。
    子项被合并成一行的分组（如“（三）不予公开”只有一行数据）
    由 T003 row-cell-count 报告，其子项不在这里逐项重复。

    表格在转换中损坏时，“缺少”的行往往还在，只是不在表格里：
    行名作为一行文字出现在表格旁边（``2.其他法律行政法规禁`` /
    ``止公开``），或者缺失处正好有一行认不出行名（或只有数据）的行，
    或者整张表都没能作为表格读出、只从文字中读出了几行。
    这时不能断定报告缺行，降低一级报告（错误降为警告），并说明原因。

    Why
    ---
    模板的每一行都必须填报，没有发生的填 0。删掉行会让读者以为
    漏报，也使勾稽关系（如“（七）总计”等于各项之和）无法核对。
    删行常见于自制表格、只保留“有数”的行，或转换时丢行。

    Example
    -------
    错误（删去了数字为 0 的子项）::

        （四）无法提供
        1.本机关不掌握相关政府信息    2    0    0    0    0    0    2
        （五）不予处理

    正确::

        （四）无法提供
        1.本机关不掌握相关政府信息    2    0    0    0    0    0    2
        2.没有现成信息需要另行制作    0    0    0    0    0    0    0
        3.补正后申请内容仍不明确    0    0    0    0    0    0    0
        （五）不予处理

    References
    ----------
    DOMAIN.md §2.3–2.6（各表的行）、§3 T0.3、§5 E9。
    """

    code = "T004"
    name = "template-row-missing"
    severity = Severity.ERROR

    def check(self, doc):
        for table in tables(doc):
            spec = table.spec
            order = {r.prefix: i for i, r in enumerate(spec.rows)}
            covered = {p for g in collapsed_groups(table) for p in leaves(spec, g.prefix)}
            missing = [p for p in table.missing if p not in covered]
            runs: list[list] = []
            for prefix in missing:
                row = spec.rows[order[prefix]]
                if runs:
                    previous = spec.rows[order[runs[-1][-1]]]
                    if order[prefix] == order[previous.prefix] + 1 and row.block == previous.block:
                        runs[-1].append(prefix)
                        continue
                runs.append([prefix])
            for run in runs:
                yield self._run(table, order, run)

    def _run(self, table, order, run):
        spec = table.spec
        name = TABLE_NAMES[table.key]
        rows = [spec.rows[order[p]] for p in run]
        first = rows[0]
        # Where the rows should have been: at the next row found, else after the last one before.
        present = [r for r in table.rows if r.prefix in order]
        after = [r for r in present if order[r.prefix] > order[run[-1]]]
        before = [r for r in present if order[r.prefix] < order[run[0]]]
        if after:
            at, hint = where(min(after, key=lambda r: order[r.prefix])), "，应在本行之前"
        elif before:
            at, hint = where(max(before, key=lambda r: order[r.prefix])), "，应在本行之后"
        else:
            at = (table.headers[0].location if table.headers else table.tables[0].location)
            hint = ""
        if not first.label:
            return self.report(at, f"{name}只有表头，没有找到填了数的数据行；没有发生的请填 0")
        low = max(before, key=lambda r: order[r.prefix]).location.line if before else 0
        high = min(after, key=lambda r: order[r.prefix]).location.line if after else None
        return self.report(at, f"{name}中未找到{_rows(spec, rows)}{hint}", uncertain=_doubt(table, run, low, high))


def _doubt(table, run, low: int, high: int | None) -> str | None:
    """Why the rows may be there after all: the table was not read as a
    table at all (its rows found only as lines of text), a paragraph among
    the table's rows names one of them, or a row that could not be
    recognised sits where they are missing (between source lines ``low``
    and ``high``)."""
    if table.rows and all(r.guess == "text" for r in table.rows):
        return f"{TABLE_NAMES[table.key]}未能作为表格读出，只从表格之外的文字中读出了部分行"
    for prefix in run:
        written = table.written_as_text(prefix)
        if written is not None:
            return f"“{inner(quote(written.text))}”作为文字出现在表格之外，该行可能在转换中脱离了表格"
    for row in table.unknown:
        if low < row.location.line and (high is None or row.location.line < high):
            cells = [c.text.strip() for c in row.cells if not c.is_blank]
            text = inner(quote(" | ".join(cells)))
            if all(is_value(c) for c in cells):
                return f"缺失处有一行只有数据、没有行名（“{text}”），可能就是该行"
            return f"缺失处有一行无法识别的行（“{text}”），可能就是该行"
    return None


def _rows(spec, rows) -> str:
    """The missing rows named for a message."""
    if len(rows) == 1:
        return row_ref(spec, rows[0].prefix)
    parents = {r.parent for r in rows}
    group = next((g for g in spec.groups if g.prefix in parents), None) if len(parents) == 1 else None
    if group is not None and [r.prefix for r in rows] == list(leaves(spec, group.prefix)):
        whole = f"“{inner(group.label.text)}”下的全部 {len(rows)} 行"
        return f"{_block_caption(spec, rows[0])}{whole}"
    if len(rows) <= 3 and len(parents) == 1:
        context = _block_caption(spec, rows[0])
        if group is not None and group.parent is not None:
            context += f"“{inner(group.label.text)}”下的"
        return context + "".join(f"“{inner(r.label.text)}”" for r in rows) + f"共 {len(rows)} 行"
    if len(rows) <= 3:
        return "、".join(row_name(spec, r.prefix) for r in rows) + f"共 {len(rows)} 行"
    return f"从{row_name(spec, rows[0].prefix)}到{row_name(spec, rows[-1].prefix)}的 {len(rows)} 行"


def _block_caption(spec, row) -> str:
    block = next(b for b in spec.blocks if b.key == row.block)
    return block.caption.text if block.caption else ""
