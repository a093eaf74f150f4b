"""Tests for govlint.recognise.templates: template data, label matching, cell values,
table recognition on literal grids, and recognition of the sample reports."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from govlint.model import Cell, Location, Paragraph, Row, Table
from govlint.recognise.templates import Level, for_year, load_templates, recognise, template, templates
from govlint.recognise.templates.labels import Label, form
from govlint.recognise.templates.values import classify

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
REAL = ROOT / "fixtures" / "real"
KEYS_MD = ROOT / "linter" / "recognise" / "templates" / "keys.md"

T3_HEADER = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
    ["", "自然人", "法人或其他组织", "总计"],
    ["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]
ZEROS = ["0"] * 7


class Grid:
    """Builds model blocks from literal grids; every cell and paragraph gets
    its own line number, counted from 1 in creation order."""

    def __init__(self) -> None:
        self.line = 0
        self.count = 0

    def _next(self) -> int:
        self.line += 1
        return self.line

    def table(self, rows: list[list[str]], layout: str = "word-cells") -> Table:
        self.count += 1
        built = []
        for texts in rows:
            cells = tuple(Cell(t, Location(self._next())) for t in texts)
            built.append(Row(cells, cells[0].location))
        return Table(tuple(built), built[0].location, layout, self.count)

    def paragraph(self, text: str) -> Paragraph:
        return Paragraph(text, Location(self._next()))


# ---------------------------------------------------------------- catalog


def test_builtin_templates_and_years():
    assert list(templates()) == ["2019", "2021"]
    assert template("2019").source == "国办公开办函〔2019〕60号"
    assert (template("2021").first_year, template("2021").last_year) == (2021, None)
    assert for_year(2019).id == for_year(2020).id == "2019"
    assert for_year(2021).id == for_year(2035).id == "2021"
    assert for_year(2018) is None and for_year(None) is None
    assert "本年制发件数" in template("2021").markers and "政府集中采购" in template("2019").markers


def test_2021_inherits_shared_tables_and_splits_other():
    old, new = template("2019").tables, template("2021").tables
    assert old["t4"].keys == new["t4"].keys and len(new["t4"].keys) == 15
    shared = [r.prefix for r in old["t3"].rows if r.prefix != "t3.results.other"]
    assert [r.prefix for r in new["t3"].rows if not r.prefix.startswith("t3.results.other")] == shared
    assert [r.label for r in old["t3"].rows if r.prefix in shared] == [
        r.label for r in new["t3"].rows if r.prefix in shared
    ]
    assert "t3.results.other.total" in old["t3"].keys
    assert "t3.results.other.late_fee.total" in new["t3"].keys
    assert "t3.results.other.total" not in new["t3"].keys
    assert "t2.art20_9.procurement.amount" not in new["t2"].keys
    fee = next(c for r in new["t2"].rows for c in r.columns if c.key == "amount")
    assert (fee.kind, fee.unit) == ("amount", "万元")


def test_keys_md_lists_every_key():
    text = KEYS_MD.read_text(encoding="utf-8")
    listed = set(re.findall(r"`(t[24]\.[a-z0-9_.]+)`", text))
    rows = set(re.findall(r"`(t3\.[a-z0-9_.]+)`", text))
    columns = re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M)
    listed |= {f"{r}.{c}" for r in rows for c in columns}
    every = {k for t in templates().values() for k in t.keys}
    assert listed == every


def test_dropped_in_template_extends_and_merges(tmp_path):
    data = resources.files("govlint.data")
    for name in ("template-2019.toml", "template-2021.toml"):
        shutil.copy(Path(str(data / name)), tmp_path / name)
    (tmp_path / "template-local.toml").write_text(
        'id = "local-2023"\nextends = "2021"\nname = "某省格式"\nfirst_year = 2023\n'
        'markers = ["本地标记"]\n'
        '[[tables.t2.blocks]]\nkey = "art20_6"\nremove = true\n'
        '[[tables.t3.rows]]\nkey = "extra"\nlabel = "五、本地增加的行"\nafter = "carried"\n',
        encoding="utf-8",
    )
    loaded = load_templates([tmp_path])
    assert list(loaded) == ["2019", "2021", "local-2023"]
    local = loaded["local-2023"]
    assert [r.prefix for r in local.tables["t3"].rows][:3] == ["t3.new", "t3.carried", "t3.extra"]
    assert not any(k.startswith("t2.art20_6") for k in local.keys)
    assert local.tables["t4"].keys == loaded["2021"].tables["t4"].keys
    assert local.markers == ("本地标记",)


def test_circular_extends_is_an_error(tmp_path):
    (tmp_path / "template-a.toml").write_text('extends = "b"\nfirst_year = 2000\n', encoding="utf-8")
    (tmp_path / "template-b.toml").write_text('extends = "a"\nfirst_year = 2000\n', encoding="utf-8")
    with pytest.raises(ValueError, match="circular"):
        load_templates([tmp_path])


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize("text", ["1.属于国家秘密", "1．属于国家秘密", "1、属于国家秘密", "1. 属于国家秘密", "１. 属于 国家秘密"])
def test_numbering_variants_match_exactly(text):
    assert Label("1.属于国家秘密").level(text) is Level.EXACT


@pytest.mark.parametrize(
    "text, label, aliases, level",
    [
        ("(一) 予以公开", "（一）予以公开", (), Level.EXACT),
        ("予以公开", "（一）予以公开", (), Level.VARIANT),
        ("总\n计", "总计", (), Level.EXACT),
        ("本年新\n公开数量", "本年新公开数量", (), Level.EXACT),
        ("3. 危及\"三安全一稳定\"", "3.危及“三安全一稳定”", (), Level.EXACT),
        ("1. 申请人无正当理由逾期不补正, 行政机关不再处理其政府信息公开申请",
         "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", (), Level.EXACT),
        ("社会公益", "社会公益组织", ("社会公益",), Level.VARIANT),
        ("科研", "科研机构", (), Level.PARTIAL),
        ("部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (), Level.PARTIAL),
        ("规范性文件", "行政规范性文件", ("规范性文件",), Level.VARIANT),
        ("### 第二十条第(一)项", "第二十条第（一）项", (), Level.EXACT),
        ("表二：主动公开政府信息情况", "主动公开政府信息情况", (), Level.EXACT),
        ("(六) 其他", "（六）其他处理", ("（六）其他",), Level.VARIANT),
        ("一、本年新收政府信息公开申请数", "一、本年新收政府信息公开申请数量", (), Level.PARTIAL),
        ("4.保护第三方合法权利", "4.保护第三方合法权益", (), Level.TYPO),
        ("因政府信息公开工作被申请行政复议、提起现在诉讼的情况",
         "因政府信息公开工作被申请行政复议、提起行政诉讼的情况", (), Level.TYPO),
    ],
)
def test_label_levels(text, label, aliases, level):
    assert Label(label, aliases).level(text) is level


@pytest.mark.parametrize(
    "text, label, aliases",
    [
        ("3.其他", "（六）其他处理", ("（六）其他",)),
        ("(六) 其他", "3.其他", ()),
        ("2.重复申请", "3.重复申请", ()),
        ("结果纠正", "结果维持", ()),
        ("本年新制作数量", "本年新公开数量", ()),
        ("二、上年结转政府信息公开申请数量", "一、本年新收政府信息公开申请数量", ()),
        ("其", "其他结果", ()),
        ("", "规章", ()),
    ],
)
def test_label_mismatches(text, label, aliases):
    assert Label(label, aliases).level(text) is None


def test_form_reads_numbering():
    assert form("（七）总计").number == 7 and form("（七）总计").core == "总计"
    assert form("十二、其他").number == 12
    assert form("2020年本行政区域").number is None
    # digits that make no numeral are text, not numbering (and no crash)
    assert form("一五、其他").number is None and form("一五、其他").core == "一五其他"
    assert form("（十十）总计").number is None and form("二十三十、其他").number is None


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    "text, kind, status, number, unit",
    [
        ("0", "count", "number", 0, None),
        ("\u30000", "count", "number", 0, None),
        ("0 ", "count", "number", 0, None),
        ("１２", "count", "number", 12, None),
        ("1,036", "count", "number", 1036, None),
        ("3件", "count", "number", 3, "件"),
        ("", "count", "blank", None, None),
        ("\u3000\u3000", "count", "blank", None, None),
        ("-", "count", "dash", None, None),
        ("——", "count", "dash", None, None),
        ("/", "count", "slash", None, None),
        ("无", "count", "none-word", None, None),
        ("未统计", "count", "text", None, None),
        ("-3", "count", "negative", -3, None),
        ("1.5", "count", "fraction", Decimal("1.5"), None),
        ("+1036", "signed", "number", 1036, None),
        ("-3", "signed", "number", -3, None),
        ("－3", "signed", "number", -3, None),
        ("251000元", "amount", "number", Decimal("251000"), "元"),
        ("4068.208", "amount", "number", Decimal("4068.208"), None),
        ("12.5万元", "amount", "number", Decimal("12.5"), "万元"),
        ("-5", "amount", "negative", Decimal("-5"), None),
        ("-0", "amount", "number", Decimal("-0"), None),
    ],
)
def test_classify(text, kind, status, number, unit):
    got = classify(text, kind)
    assert got == (status, number, unit)
    assert type(got[1]) is type(number)


# ---------------------------------------------------------------- recognition on grids


def test_word_cells_table_three_blank_is_not_zero():
    g = Grid()
    t3 = g.table(T3_HEADER + [
        ["一、本年新收政府信息公开申请数量", "2", "0", "0", "0", "0", "0", "2"],
        ["三、本年度办理结果", "（一）予以公开", "0", "", "", "", "", "", ""],
        ["", "（三）不予公开", "1．属于国家秘密", *ZEROS],
        ["", "（六）其他处理", *ZEROS],
    ])
    found = recognise([t3], 2020)
    assert found.t3.template == "2019" and found.expected == "2019"
    assert found.number("t3.new.total") == 2
    public = found.value("t3.results.public.natural_person")
    assert (public.status, public.number) == ("number", 0)
    blank = found.value("t3.results.public.business")
    assert (blank.status, blank.number, blank.location.line) == ("blank", None, public.location.line + 1)
    assert found.number("t3.results.public.business") is None
    assert found.number("t3.results.deny.state_secret.total") == 0
    assert found.number("t3.results.other.total") == 0
    assert len(found.t3.headers) == 3 and not found.t3.unknown
    assert "t3.carried" in found.t3.missing


def test_tab_rows_padding_gives_short_rows_never_shifted():
    g = Grid()
    t3 = g.table([
        ["一、本年新收政府信息公开申请数量", *ZEROS, ""],
        ["三、本年度办理结果", "(一) 予以公开", "0", "0", "0", "0", "0", "0", ""],
        ["5. 要求行政机关确认或重新出具已获取信息", "", "0", "0", "0", "0", "0", "0", ""],
    ], layout="tab-rows")
    found = recognise([t3], 2020)
    new, public, confirm = found.t3.rows
    assert new.complete and found.number("t3.new.total") == 0
    assert (public.found, public.expected, confirm.found, confirm.expected) == (6, 7, 6, 7)
    assert found.t3.incomplete == (public, confirm)
    assert all(v.key is None for v in public.data)
    assert found.value("t3.results.public.natural_person") is None
    assert "t3.results.public.total" in found.t3.absent_keys


def test_markdown_trailing_padding_and_real_blank():
    g = Grid()
    t3 = g.table([
        ["1.属于国家秘密", "4", "0", "0", "0", "0", "0", "4", ""],
        ["四、结转下年度继续办理", "1", "0", "0", "0", "0", "0", ""],
    ], layout="markdown")
    found = recognise([t3], 2024)
    assert found.number("t3.results.deny.state_secret.total") == 4
    assert found.value("t3.carry_next.total").status == "blank"


def test_collapsed_group_and_glued_rows():
    g = Grid()
    t3 = g.table(T3_HEADER + [
        ["", "（三）不予公开", *["0"] * 8, "（四）无法提供", "1．本机关不掌握相关政府信息", *ZEROS],
    ])
    found = recognise([t3], 2020)
    deny, not_held = found.t3.rows
    assert (deny.kind, deny.prefix, deny.found, deny.expected) == ("group", "t3.results.deny", 8, 7)
    assert deny.keys == () and all(v.key is None for v in deny.data)
    assert (not_held.prefix, not_held.complete) == ("t3.results.unable.not_held", True)
    assert "t3.results.deny.state_secret" in found.t3.missing


def test_typo_in_row_label_still_maps():
    g = Grid()
    found = recognise([g.table(T3_HEADER + [["", "（三）不予公开", "4. 保护第三方合法权利", *ZEROS]])], 2020)
    row = found.t3.row("t3.results.deny.third_party")
    assert row.level is Level.TYPO and row.label.text == "4. 保护第三方合法权利"
    assert found.number("t3.results.deny.third_party.total") == 0


def test_table_two_in_one_word_table_with_local_row():
    g = Grid()
    rows = []
    blocks = [
        ("第二十条第（一）项", ["本年新\n制作数量", "本年新\n公开数量", "对外公开总数量"], [["规章", "1", "1", "3"], ["规范性文件", "2", "1", "9"]]),
        ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"], [["行政许可", "10", "-3", "5"], ["其他对外管理服务事项", "0", "+2", "0"]]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"], [["政府集中采购", "2", "251000元"]]),
    ]
    for caption, columns, data in blocks:
        rows += [[caption], ["信息内容", *columns], *data]
    rows.append(["2020年本行政区域（或本部门）政府信息公开发布总数量（非新闻类、消息类）：2"])
    found = recognise([g.table(rows)], 2020)
    t2 = found.t2
    assert t2.template == "2019" and found.detected == "2019"
    assert found.number("t2.art20_1.normative_docs.total") == 9
    assert found.number("t2.art20_5.licensing.change") == -3
    assert found.number("t2.art20_5.other_services.change") == 2
    amount = found.value("t2.art20_9.procurement.amount")
    assert (amount.number, amount.unit) == (Decimal("251000"), "元")
    assert [r.cells[0].text[:4] for r in t2.unknown] == ["2020"]
    assert set(t2.missing) == {"t2.art20_6.penalty", "t2.art20_6.coercion", "t2.art20_8.fees"}


def test_markdown_tables_under_heading_paragraphs_2021_content_in_2020_report():
    g = Grid()
    blocks = [
        g.paragraph("二、主动公开政府信息情况"),
        g.paragraph("第二十条第（一）项"),
        g.table([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"], ["行政规范性文件", "6", "1", "32"]], "markdown"),
        g.paragraph("第二十条第（八）项"),
        g.table([["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "4068.208"]], "markdown"),
    ]
    found = recognise(blocks, 2020)
    assert (found.t2.template, found.detected, found.expected) == ("2021", "2021", "2019")
    assert [h.marker for h in found.markers] == ["本年制发件数", "现行有效件数", "本年收费金额"]
    assert found.number("t2.art20_1.normative_docs.issued") == 6
    fee = found.value("t2.art20_8.fees.amount")
    assert (fee.number, fee.kind) == (Decimal("4068.208"), "amount")
    assert len(found.t2.tables) == 2


def test_table_four_single_row_and_three_captioned_tables():
    g = Grid()
    one = g.table([
        ["行政复议", "行政诉讼"],
        ["结果维持", "结果纠正", "其他结果", "尚未审结", "总\n计", "未经复议直接起诉", "复议后起诉"],
        [str(i) for i in range(15)],
    ], "tab-rows")
    found = recognise([one], 2020)
    assert found.number("t4.review.upheld") == 0 and found.number("t4.litigation_after_review.total") == 14

    g = Grid()
    header = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    blocks = [g.paragraph("四、政府信息公开行政复议、行政诉讼情况")]
    for caption, values in [("行政复议", "27 10 9 15 61"), ("行政诉讼（未经复议直接起诉）", "3 0 0 0 3"), ("行政诉讼（复议后起诉）", "8 0 1 1 10")]:
        blocks += [g.paragraph(caption), g.table([header, values.split()], "markdown")]
    found = recognise(blocks, 2025)
    assert found.t4.template == "2021"
    assert found.number("t4.review.total") == 61
    assert found.number("t4.litigation_direct.upheld") == 3
    assert found.number("t4.litigation_after_review.pending") == 1
    assert not found.t4.absent_keys


def test_table_split_across_pages_and_caption_named_row():
    g = Grid()
    blocks = [
        g.paragraph("三、收到和处理政府信息公开申请情况"),
        g.table(T3_HEADER + [["一、本年新收政府信息公开申请数量", *ZEROS], ["二、上年结转政府信息公开申请数量", *ZEROS]]),
        g.paragraph("— 5 —"),
        g.table([["三、本年度办理结果", "（一）予以公开", *ZEROS]]),
        g.paragraph("（二）部分公开（区分处理的，只计这一情"),
        g.table([["2", "0", "0", "0", "0", "0", "2"], ["（七）总计", *ZEROS]], "markdown"),
    ]
    found = recognise(blocks, 2024)
    assert len(found.t3.tables) == 3
    partial = found.t3.row("t3.results.partial")
    assert partial.caption is blocks[4] and partial.label is None
    assert found.number("t3.results.partial.total") == 2


def test_caption_row_value_not_guessed_out_of_sequence():
    g = Grid()
    blocks = [
        g.table(T3_HEADER + [["4.保护第三方合法权益", *ZEROS]]),
        g.paragraph("5.属于三类内部事务信"),
        g.paragraph("1.本机关不掌握相关政"),
        g.table([["1", "0", "0", "0", "0", "0", "1"]], "markdown"),
    ]
    found = recognise(blocks, 2024)
    assert found.t3.row("t3.results.unable.not_held") is None
    assert [r.cells[0].text for r in found.t3.unknown] == ["1"]


def test_prose_ends_a_table_and_nothing_found_is_none():
    g = Grid()
    blocks = [
        g.table([["行政复议", "行政诉讼"], ZEROS * 2 + ["0"]]),
        g.paragraph("五、存在的主要问题及改进情况"),
        g.table([["1", "2", "3"]]),
    ]
    found = recognise(blocks, 2020)
    assert len(found.t4.tables) == 1
    empty = recognise([g.paragraph("一、总体情况")], 2020)
    assert empty.tables == {} and empty.t3 is None and empty.value("t3.new.total") is None


# ---------------------------------------------------------------- sample reports


def _read(path: Path):
    text = pytest.importorskip("govlint.read.formats.text")
    reader = text.read_markdown if path.suffix == ".md" else text.read_text
    return reader(path.read_bytes(), str(path)).blocks


def _seed(number: str):
    return _read(next(SEEDS.glob(f"{number}_*.txt")))


@pytest.mark.parametrize("seed, year, fmt", [("000", 2020, "2019"), ("001", 2020, "2019"), ("002", 2020, "2019"),
                                             ("003", 2024, "2021"), ("004", 2020, "2019")])
def test_seed_formats(seed, year, fmt):
    for given in (year, None):
        found = recognise(_seed(seed), given)
        assert {m.template for m in found.tables.values()} == {fmt}
    assert found.detected == (None if seed == "002" else fmt)


def test_seed_001_values_and_lines():
    found = recognise(_seed("001"), 2020)
    new = found.value("t3.new.total")
    assert (new.number, new.location.line) == (2, 131)
    public = found.value("t3.results.public.natural_person")
    assert (public.status, public.number, public.location.line) == ("number", 0, 144)
    blank = found.value("t3.results.public.business")
    assert (blank.status, blank.location.line) == ("blank", 145)
    assert found.number("t3.results.total.total") == 2
    assert found.value("t4.litigation_after_review.total").location.line == 413
    for m in found.tables.values():
        assert not m.missing and not m.unknown and not m.incomplete and not m.absent_keys


def test_seed_000_blanks_and_local_row():
    found = recognise(_seed("000"), 2020)
    assert found.value("t3.new.natural_person").status == "blank"
    assert found.number("t3.new.total") == 0
    t4 = [found.value(k) for k in template("2019").tables["t4"].keys]
    assert [v.status for v in t4] == ["blank"] * 14 + ["number"]
    assert [r.location.line for r in found.t2.unknown] == [91]


def test_seed_002_collapsed_group_and_missing_tables():
    found = recognise(_seed("002"), 2020)
    assert found.t2 is None and found.t4 is None
    deny = found.t3.row("t3.results.deny")
    assert (deny.kind, deny.found, deny.expected) == ("group", 8, 7)
    assert {p for p in found.t3.missing} == {r.prefix for r in template("2019").tables["t3"].rows if ".deny." in r.prefix}
    assert found.value("t3.results.public.total").status == "blank"
    assert found.number("t3.results.unable.not_held.total") == 0


def test_seed_003_2021_rows():
    found = recognise(_seed("003"), 2024)
    assert found.number("t3.results.other.late_fee.total") == 0
    assert found.number("t2.art20_8.fees.amount") == Decimal(0)
    assert not found.t3.absent_keys and not found.t2.absent_keys and not found.t4.absent_keys


def test_seed_004_short_result_rows():
    found = recognise(_seed("004"), 2020)
    short = {r.prefix for r in found.t3.incomplete}
    results = {r.prefix for r in template("2019").tables["t3"].rows if r.prefix.startswith("t3.results.")}
    assert short == results
    assert all((r.found, r.expected) == (6, 7) for r in found.t3.incomplete)
    assert found.t3.row("t3.new").complete and found.t3.row("t3.carry_next").complete
    assert found.number("t2.art20_8.fees.change") == 0 and not found.t2.incomplete
    assert not found.t4.absent_keys


def test_shuyang_markdown():
    found = recognise(_read(REAL / "shuyang-county-2025.md"), 2025)
    assert {m.template for m in found.tables.values()} == {"2021"}
    assert found.number("t2.art20_1.normative_docs.issued") == 6
    assert found.number("t2.art20_8.fees.amount") == Decimal("4068.208")
    assert found.number("t2.art20_5.licensing.decisions") == 517645
    assert found.number("t3.new.total") == 713
    assert found.number("t3.results.other.late_fee.total") == 7
    assert found.number("t3.carry_next.total") == 31
    assert (found.number("t4.review.total"), found.number("t4.litigation_after_review.total")) == (61, 10)
    assert not found.t3.absent_keys and not found.t4.absent_keys


def test_damaged_shanghai_markdown_maps_what_is_certain():
    office = recognise(_read(REAL / "shanghai-office-2025.md"), 2025)
    assert office.number("t3.new.total") == 1295
    assert office.number("t3.results.partial.total") == 2
    assert office.number("t4.litigation_after_review.total") == 22
    # Table 二's rows of items (五)(六)(八) are lines of text before the table
    # ("行政许可 0"): read as those rows, with the doubt said.
    assert [(r.prefix.split(".")[-1], r.found, r.expected, r.guess) for r in office.t2.rows] == [
        ("licensing", 1, 1, "text"), ("penalty", 1, 1, "text"), ("coercion", 1, 1, "text"),
        ("fees", 1, 1, "text"), ("regulations", 2, 3, None), ("normative_docs", 2, 3, None)]
    assert office.value("t2.art20_6.penalty.decisions").doubt == "“行政处罚 0”是表格之外的文字，按“行政处罚”行读取"

    stcsm = recognise(_read(REAL / "shanghai-stcsm-2024.md"), 2024)
    assert stcsm.t3.template == "2021"
    assert stcsm.t2.row("t2.art20_1.normative_docs").level is Level.VARIANT
    assert stcsm.number("t2.art20_1.normative_docs.issued") == 13
    assert stcsm.number("t2.art20_5.licensing.decisions") == 97 and not stcsm.t2.missing
    assert stcsm.value("t3.carry_next.total").status == "blank"
    # Labels and values are scrambled there: no value is guessed.
    assert stcsm.value("t3.results.unable.not_held.total") is None
    assert stcsm.t3.unknown


# ---------------------------------------------------------------- low confidence, position, lines of text


def test_radicals_and_compatibility_ideographs_are_normalised_for_matching_only():
    from govlint.normalize import compact, fold, norm

    # 一 行 人 文 日 as Kangxi radicals, 长 门 见 from the Radicals Supplement,
    # 既 as a compatibility ideograph: what pdfminer gives for some PDF fonts
    line = "⼀、总体情况　2023年⽂件⽇常⻓期在⻔户⽹站公开、⾏政⼈员⻅证既往"
    assert norm(line) == "一、总体情况2023年文件日常长期在门户网站公开、行政人员见证既往"
    assert len(fold(line)) == len(line)  # one character for one: offsets into the text stay valid
    assert compact("⻗⻘⻄") == "雨青西" and compact("\u2e9f") == "母"
    assert Label("一、本年新收政府信息公开申请数量").level("⼀、本年新收政府信息公开申请数量") is Level.EXACT


def test_every_radical_maps_to_a_unified_ideograph():
    from govlint.normalize import fold

    unmapped = []
    for cp in [*range(0x2E80, 0x2E9A), *range(0x2E9B, 0x2EF4), *range(0x2F00, 0x2FD6)]:
        mapped = fold(chr(cp))
        if mapped == chr(cp):
            unmapped.append(cp)
        else:
            assert len(mapped) == 1 and ("\u4e00" <= mapped <= "\u9fff" or "\u3400" <= mapped <= "\u4dbf"), hex(cp)
    # no unified ideograph of the Basic or A blocks stands for these three
    assert unmapped == [0x2E80, 0x2EB5, 0x2EB8]


def test_rows_named_by_position_when_their_labels_are_too_far_for_a_typo():
    # Two damaged labels in one gap (between 1. and 4.), as a PDF text layer
    # with a lost line gives them, pair with the missing rows in order.
    g = Grid()
    found = recognise([g.table(T3_HEADER + [
        ["", "（三）不予公开", "1.属于国家秘密", *ZEROS],
        ["", "", "2.其他法律禁止公开", "1", "0", "0", "0", "0", "0", "1"],
        ["", "", "3.危及三安全", *ZEROS],
        ["", "", "4.保护第三方合法权益", *ZEROS],
    ])], 2022)
    t3 = found.t3
    placed = {r.prefix: (r.guess, r.level) for r in t3.rows}
    assert placed["t3.results.deny.prohibited"] == ("position", Level.TYPO)
    assert placed["t3.results.deny.security"] == (None, Level.PARTIAL)  # the start of the label, quotes left out
    assert not t3.unknown and not {"t3.results.deny.prohibited", "t3.results.deny.security"} & set(t3.missing)
    value = found.value("t3.results.deny.prohibited.total")
    assert value.number == 1 and value.doubt == "表中“2.其他法律禁止公开”行的行名与模板不完全一致，按“2.其他法律行政法规禁止公开”核对"
    assert found.value("t3.results.deny.state_secret.total").doubt is None


def test_an_unknown_row_where_no_row_is_missing_stays_unknown():
    g = Grid()
    t3 = recognise([g.table(T3_HEADER + [
        ["", "（三）不予公开", "1.属于国家秘密", *ZEROS],
        ["", "", "其中：涉密信息", *ZEROS],
        ["", "", "2.其他法律行政法规禁止公开", *ZEROS],
    ])], 2022).t3
    assert next(c.text for c in t3.unknown[0].cells if c.text.strip()) == "其中：涉密信息"
    assert all(r.guess is None for r in t3.rows)


def test_a_group_label_with_a_garbled_first_row_is_not_a_collapsed_group():
    g = Grid()
    t3 = recognise([g.table(T3_HEADER + [
        ["", "（一）予以公开", *ZEROS],
        ["", "（二）部分公开", *ZEROS],
        ["", "（三）不予公开", "1.属于国秘", *ZEROS],
        ["", "", "2.其他法律行政法规禁止公开", *ZEROS],
    ])], 2022).t3
    assert [(r.prefix, r.kind, r.guess) for r in t3.rows][2] == ("t3.results.deny.state_secret", "row", "position")


def test_lines_of_text_in_a_table_region_are_its_rows():
    g = Grid()
    blocks = [g.paragraph("二、主动公开政府信息情况"), g.paragraph("第二十条第（五）项"),
              g.paragraph("信息内容本年处理决定数量"), g.paragraph("行政许可1436"),
              g.paragraph("第二十条第（六）项"), g.paragraph("信息内容本年处理决定数量"),
              g.paragraph("行政处罚"), g.paragraph("27"), g.paragraph("行政强制\u30000"),
              g.paragraph("第二十条第（八）项"), g.paragraph("信息内容本年收费金额（单位：万元）"),
              g.paragraph("行政事业性收费 12.5"),
              g.table([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"],
                       ["行政规范性文件", "1", "0", "8"]]),
              g.paragraph("三、收到和处理政府信息公开申请情况"),
              g.paragraph("本年度共办理行政许可 1436 件、行政处罚 27 件。")]
    found = recognise(blocks, 2023)
    t2 = found.t2
    assert not t2.missing and not t2.unknown
    assert [(r.prefix.rsplit(".", 1)[-1], r.guess) for r in t2.rows][:4] == [
        ("licensing", "text"), ("penalty", "text"), ("coercion", "text"), ("fees", "text")]
    assert (found.number("t2.art20_5.licensing.decisions"), found.number("t2.art20_6.penalty.decisions"),
            found.number("t2.art20_8.fees.amount")) == (1436, 27, Decimal("12.5"))
    licensing = found.value("t2.art20_5.licensing.decisions")
    assert licensing.location.line == 4 and licensing.location.column == 5  # in the paragraph, after the label
    assert found.value("t2.art20_6.penalty.decisions").doubt == "“行政处罚 27”是表格之外的文字，按“行政处罚”行读取"
    assert found.value("t2.art20_1.normative_docs.in_force").doubt is None
    assert found.t3 is None  # the prose sentence with numbers is no row


def test_a_missing_row_written_as_text_near_the_table():
    g = Grid()
    t3 = recognise([g.table(T3_HEADER + [["一、本年新收政府信息公开申请数量", *ZEROS]]),
                    g.paragraph("二、上年结转政府信"), g.paragraph("息公开申请数量"),
                    g.table([["三、本年度办理结果", "（一）予以公开", *ZEROS]])], 2022).t3
    assert "t3.carried" in t3.missing
    assert t3.written_as_text("t3.carried").text == "二、上年结转政府信"
    assert t3.written_as_text("t3.results.partial") is None


def _lines(*texts: str) -> list:
    """Blocks of a crawled page: every run of text a paragraph of its own."""
    g = Grid()
    return [g.paragraph(t) for t in texts]


def test_a_crawled_page_with_each_cell_on_a_line_gives_its_rows():
    # as the 三明/莆田 archives write a page: label pieces, values, headers, each on a line
    blocks = _lines(
        "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
        "规章", "0", "2", "5", "行政规范性文件", "487", "137", "2545",
        "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）行政事业性收费", "19167.08326",
        "三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "一、本年新收政府信息公开申请数量", "337", "5", "0", "1", "0", "4", "347",
        "(", "二", ")", "部分公开", "(", "区分处理的", ",", "只计这一情形", ",", "不计其他情形", ")",
        "11", "0", "0", "0", "0", "0", "11",
        "（三）不予公开", "1.", "属于国家秘密", "2", "1", "0", "0", "0", "0", "3",
        "2.其他法律行政法规禁止公开0",
        "四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "结果维持", "结果纠正",
        *["3", "0", "0", "1", "4"], *["0"] * 10,
        "五、存在的主要问题及改进情况")
    found = recognise(blocks, 2022)
    assert (found.number("t2.art20_1.normative_docs.in_force"), found.number("t2.art20_8.fees.amount")) == (
        2545, Decimal("19167.08326"))
    assert found.number("t3.new.total") == 347 and found.number("t3.results.partial.total") == 11
    assert found.number("t3.results.deny.state_secret.business") == 1
    partial = found.t3.row("t3.results.partial")
    assert partial.label.text == "(二)部分公开(区分处理的,只计这一情形,不计其他情形)" and partial.guess == "text"
    assert found.t3.row("t3.results.deny.prohibited").found == 1  # glued to its label: 1 of 7 cells
    assert (found.number("t4.review.upheld"), found.number("t4.review.total")) == (3, 4)


def test_a_label_and_a_number_in_prose_broken_line_by_line_are_no_row():
    # "…收取行政事业性收费41994万元。" broken by the crawler after "4"
    blocks = _lines("二、主动公开政府信息情况", "第二十条第（八）项", "行政事业性收费", "4", "1994万元。",
                    "三、收到和处理政府信息公开申请情况")
    found = recognise(blocks, 2021)
    assert found.t2 is None or found.t2.row("t2.art20_8.fees") is None


def _levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def test_within_says_whether_the_edit_distance_is_at_most_the_limit():
    """The typo level's distance test (with its shortcuts: common ends
    dropped, characters one side lacks counted first) against the plain
    dynamic programme, on label-like strings over a small alphabet."""
    from random import Random

    from govlint.recognise.templates.labels import within

    rng = Random(14)
    for _ in range(3000):
        a = "".join(rng.choice("申请公开予以部分不") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("申请公开予以部分不") for _ in range(rng.randint(0, 9)))
        limit = rng.randint(0, 3)
        assert within(a, b, limit) == (_levenshtein(a, b) <= limit), (a, b, limit)
