"""Arithmetic identities (勾稽关系) over canonical keys: data, expansion, evaluation.

The identities of tables 二, 三 and 四 (DOMAIN.md §3) are data, in
``govlint/data/identities.toml``; the A rules are thin classes that evaluate
one identity each.  The same machinery evaluates any formula over canonical
keys (:mod:`govlint.recognise.templates`), e.g. one a user writes in a configuration::

    from govlint.recognise.identities import Formula, Identity, identity

    outcomes = identity("T3.1").evaluate(doc.template)
    for o in outcomes:
        if o.status == "violated":
            print(o.location.line, o.describe())

    rule = Identity.from_formula("X1", "t3.results.total.total <= t3.new.total + t3.carried.total")
    rule.evaluate(doc.template)

A formula is ``LEFT OP RIGHT`` (``=``, ``<=``, ``>=``, ``<``, ``>``; also
``==``, ``≤``, ``≥``); each side is a sum of terms with ``+`` or ``-``: a
number, a ``{parameter}``, a canonical key, or the sum of every key a
pattern matches (``t3.results.**.total``, ``sum(t3.results.**.total except
t3.results.total.total)``).  In a key, ``*`` matches one segment, ``**``
one or more, and ``{name}`` one or more, binding a variable.  Formulas are
parsed by a small tokenizer, never evaluated as Python.

Expansion
=========

An identity's ``each`` pattern is matched against the keys of the template
the report's table was *matched* with (``TableMatch.spec``): every distinct
binding of its variables is one *instance* of the formula (T3.1: one per
column; T3.3: one per row, sub-rows included).  Glob terms expand over the
same keys, so 2019's single ``t3.results.other`` row and 2021's three
``t3.results.other.*`` rows are both summed by ``t3.results.**.{col}``.  An
instance whose plain keys are not all keys of the matched template does not
apply (a 2019-only column in a 2021 report); an instance over a table the
report lacks does not exist.

Evaluation
==========

Each key is read from the recognised table (:class:`Operand`): a cell that
holds a valid number is used; anything else makes the instance
**uncheckable** and is named in :attr:`Outcome.problems` — a blank cell
(``blank``, never taken as 0), a cell that is not a valid number
(``invalid``: ``/``, ``—``, ``无``, text, a negative count), a row whose
data-cell count is wrong so that no cell could be assigned to a column
(``row-cells``), a group written as one row instead of its sub-rows
(``collapsed``), a row not found (``missing``).  Otherwise the outcome is
``ok`` or ``violated`` with both sides' totals and the difference.

A cell whose row was recognised with low confidence (``Value.doubt``: its
label off the template, a line of text read as the row) is used, and the
outcome says so (:attr:`Outcome.doubt`): a finding resting on it is
reported one level lower, with the reason.
"""

from __future__ import annotations

import operator
import re
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any, Iterable, Mapping, Sequence

import msgspec

from ..data import read_toml
from ..model import Location
from ..normalize import norm
from ..regexes import compile_re
from .templates import TableMatch, TemplateTables, Value
from .templates.spec import ColumnSpec, RowSpec, TableSpec

Number = int | Decimal

__all__ = [
    "Formula", "FormulaError", "Identity", "Operand", "Outcome", "Term",
    "cell_labels", "fmt", "identities", "identity", "labels", "load_identities", "names", "problem_summary",
]

#: The comparison operators, by spelling, to their canonical form.
OPERATORS = {"=": "=", "==": "=", "<=": "<=", "≤": "<=", ">=": ">=", "≥": ">=", "<": "<", ">": ">"}
#: The canonical operators as functions.
_COMPARISONS = {"=": operator.eq, "<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}
#: Outcome statuses.
STATUSES = ("ok", "violated", "uncheckable")
#: Why a cell cannot be used, in the order messages list them.
PROBLEMS = ("blank", "invalid", "row-cells", "collapsed", "missing")


class FormulaError(ValueError):
    """A formula or identity definition that cannot be read (message in Chinese)."""


# ---------------------------------------------------------------- key patterns

_SEGMENT = compile_re(r"[a-z0-9_]+|\*\*|\*|\{[A-Za-z_][A-Za-z0-9_]*\}")
_VARIABLE = compile_re(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_MANY = r"[^.]+(?:\.[^.]+)*"


def check_pattern(pattern: str) -> str:
    """``pattern`` if it is a well-formed key pattern, else FormulaError."""
    segments = pattern.split(".")
    bad = [s for s in segments if not _SEGMENT.fullmatch(s)]
    if bad or not pattern:
        raise FormulaError(f"键“{pattern}”写法有误（每段应为小写字母、数字、下划线，或 *、**、{{变量}}）")
    return pattern


def is_glob(pattern: str) -> bool:
    return "*" in pattern


def variables(pattern: str) -> tuple[str, ...]:
    """The ``{variables}`` of ``pattern``, in order, each once."""
    return tuple(dict.fromkeys(_VARIABLE.findall(pattern)))


@lru_cache(maxsize=1024)
def _regex(pattern: str) -> re.Pattern:
    parts, seen = [], set()
    for segment in pattern.split("."):
        if segment == "**":
            parts.append(_MANY)
        elif segment == "*":
            parts.append(r"[^.]+")
        elif segment.startswith("{"):
            name = segment[1:-1]
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{_MANY})")
            seen.add(name)
        else:
            parts.append(re.escape(segment))
    return compile_re(r"\.".join(parts))


def match_key(pattern: str, key: str) -> dict[str, str] | None:
    """The variable binding under which ``pattern`` matches ``key``, or None.
    A variable matches one or more segments; earlier variables take as many
    as they can."""
    m = _regex(pattern).fullmatch(key)
    return m.groupdict() if m else None


def expand(pattern: str, keys: Iterable[str]) -> tuple[str, ...]:
    """The ``keys`` (in their order) that ``pattern`` matches."""
    matches = _regex(pattern).fullmatch
    return tuple(k for k in keys if matches(k))


def substitute(pattern: str, binding: Mapping[str, str]) -> str:
    """``pattern`` with its bound ``{variables}`` replaced."""
    return _VARIABLE.sub(lambda m: binding.get(m.group(1), m.group(0)), pattern)


# ---------------------------------------------------------------- formulas

_TOKEN = compile_re(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)(?![A-Za-z0-9_.{*])"
    r"|(?P<op><=|>=|==|=|<|>|≤|≥)"
    r"|(?P<sym>[-+(),−])"
    r"|(?P<word>[A-Za-z0-9_{}*.]+))"
)


class Term(msgspec.Struct, frozen=True):
    """One term of a side: ``sign`` (+1 or -1) and one of a key
    ``pattern`` (with ``exclude`` patterns when it is a sum), a
    ``constant`` or a ``param`` name.  ``summed`` is True for a sum over
    the matching keys (a pattern with ``*``/``**`` or written ``sum(…)``)."""

    sign: int = 1
    pattern: str | None = None
    exclude: tuple[str, ...] = ()
    summed: bool = False
    constant: Number | None = None
    param: str | None = None

    def bind(self, binding: Mapping[str, str]) -> "Term":
        if self.pattern is None:
            return self
        return Term(self.sign, substitute(self.pattern, binding),
                    tuple(substitute(p, binding) for p in self.exclude), self.summed)

    def __str__(self) -> str:
        if self.constant is not None:
            body = fmt(self.constant)
        elif self.param is not None:
            body = f"{{{self.param}}}"
        elif self.exclude:
            body = f"sum({self.pattern} except {', '.join(self.exclude)})"
        elif self.summed and not is_glob(self.pattern or ""):
            body = f"sum({self.pattern})"
        else:
            body = str(self.pattern)
        return body


class Formula(msgspec.Struct, frozen=True):
    """``left op right``; build with :meth:`parse`."""

    left: tuple[Term, ...]
    op: str
    right: tuple[Term, ...]
    text: str = ""

    @classmethod
    def parse(cls, text: str) -> "Formula":
        tokens = _tokenize(norm(text))
        parser = _Parser(tokens, text)
        left = parser.side()
        op = parser.take("op")
        if op is None:
            raise FormulaError(f"公式“{text}”缺少比较运算符（=、<=、>=、<、>）")
        right = parser.side()
        if parser.pos != len(tokens):
            raise FormulaError(f"公式“{text}”在“{tokens[parser.pos][1]}”处有多余内容")
        return cls(left, OPERATORS[op], right, text.strip())

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.left + self.right

    @property
    def variables(self) -> tuple[str, ...]:
        names: list[str] = []
        for t in self.terms:
            for p in (t.pattern, *t.exclude):
                names.extend(variables(p or ""))
        return tuple(dict.fromkeys(names))

    @property
    def params(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.param for t in self.terms if t.param))

    def bind(self, binding: Mapping[str, str]) -> "Formula":
        return Formula(tuple(t.bind(binding) for t in self.left), self.op,
                       tuple(t.bind(binding) for t in self.right), self.text)

    def holds(self, left: Number, right: Number) -> bool:
        """Whether ``left op right``."""
        return _COMPARISONS[self.op](left, right)

    def __str__(self) -> str:
        return f"{_side_str(self.left)} {self.op} {_side_str(self.right)}"


def _side_str(terms: Sequence[Term]) -> str:
    out = ""
    for i, t in enumerate(terms):
        sign = "-" if t.sign < 0 else "+"
        out += (f"{'-' if t.sign < 0 else ''}{t}" if i == 0 else f" {sign} {t}")
    return out


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"公式“{text}”第 {pos + 1} 个字符“{text[pos:pos + 1]}”无法识别")
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "sym" and value == "−":
            value = "-"
        tokens.append((kind, value))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], text: str):
        self.tokens, self.text, self.pos = tokens, text, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, kind: str, value: str | None = None) -> str | None:
        tok = self.peek()
        if tok and tok[0] == kind and (value is None or tok[1] == value):
            self.pos += 1
            return tok[1]
        return None

    def fail(self, what: str) -> FormulaError:
        tok = self.peek()
        where = f"“{tok[1]}”处" if tok else "末尾"
        return FormulaError(f"公式“{self.text}”在{where}应为{what}")

    def side(self) -> tuple[Term, ...]:
        terms = []
        sign = -1 if self.take("sym", "-") else 1
        terms.append(self.term(sign))
        while True:
            if self.take("sym", "+"):
                terms.append(self.term(1))
            elif self.take("sym", "-"):
                terms.append(self.term(-1))
            else:
                return tuple(terms)

    def term(self, sign: int) -> Term:
        num = self.take("num")
        if num is not None:
            return Term(sign, constant=Decimal(num) if "." in num else int(num))
        word = self.take("word")
        if word is None:
            raise self.fail("数字、键或 sum(…)")
        if word == "sum":
            if not self.take("sym", "("):
                raise self.fail("“(”")
            pattern = self.key()
            exclude = []
            if self.take("word", "except"):
                exclude.append(self.key())
                while self.take("sym", ","):
                    exclude.append(self.key())
            if not self.take("sym", ")"):
                raise self.fail("“)”")
            return Term(sign, pattern, tuple(exclude), summed=True)
        m = _VARIABLE.fullmatch(word)
        if m:
            return Term(sign, param=m.group(1))
        return Term(sign, check_pattern(word), summed=is_glob(word))

    def key(self) -> str:
        word = self.take("word")
        if word is None or word in ("sum", "except"):
            raise self.fail("键")
        return check_pattern(word)


# ---------------------------------------------------------------- identities


class Identity(msgspec.Struct, frozen=True, dict=True):
    """One identity of the data file (see ``identities.toml`` for the fields)."""

    id: str
    formula: Formula
    title: str = ""
    rule: str | None = None
    each: str | None = None
    where: Mapping[str, tuple[str, ...]] = msgspec.field(default_factory=dict)
    per: str = "项"
    at: str | None = None
    params: Mapping[str, Number] = msgspec.field(default_factory=dict)
    uncheckable: bool = True
    ref: str = ""

    @cached_property
    def _plans(self) -> dict:
        """Instances by the templates of the tables read (see :meth:`_instances`)."""
        return {}

    @classmethod
    def from_formula(cls, id: str, formula: str, **fields: Any) -> "Identity":
        """An identity from formula text; ``each`` defaults to the first
        plain key pattern that carries every variable of the formula."""
        parsed = Formula.parse(formula)
        if "each" not in fields and parsed.variables:
            wanted = set(parsed.variables)
            fields["each"] = next((t.pattern for t in parsed.terms
                                   if t.pattern and not t.summed and set(variables(t.pattern)) >= wanted), None)
        return cls._checked(id=id, formula=parsed, **fields)

    @classmethod
    def _checked(cls, **fields: Any) -> "Identity":
        made = cls(**fields)
        unbound = set(made.formula.variables) - set(variables(made.each or ""))
        if unbound:
            raise FormulaError(f"恒等式 {made.id}：变量 {', '.join(sorted(unbound))} 未由 each 绑定")
        missing = set(made.formula.params) - set(made.params)
        if missing:
            made = cls(**{**fields, "params": {**made.params, **{p: None for p in missing}}})
        if made.each:
            check_pattern(made.each)
        return made

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables (``t2``, ``t3``, ``t4``) the identity reads."""
        patterns = [self.each] + [p for t in self.formula.terms for p in (t.pattern, *t.exclude)]
        return tuple(dict.fromkeys(p.split(".")[0] for p in patterns if p))

    def evaluate(self, tables: TemplateTables, params: Mapping[str, Number] | None = None) -> tuple["Outcome", ...]:
        """One :class:`Outcome` per instance that applies to ``tables``
        (in template key order).  ``params`` override the defaults."""
        values = {**self.params, **(params or {})}
        unset = [p for p in self.formula.params if values.get(p) is None]
        if unset:
            raise FormulaError(f"恒等式 {self.id}：参数 {', '.join(unset)} 没有值")
        key = (id(self), tuple(sorted(values.items())))
        known = tables.memo.get(key)
        if known is not None and known[0] is self:  # A000 and the A rules evaluate the same identities
            return known[1]
        found = {name: tables.tables.get(name) for name in self.tables}
        outcomes = () if any(m is None for m in found.values()) else tuple(
            _evaluate(self, instance, found, values) for instance in self._instances(found))
        tables.memo[key] = (self, outcomes)
        return outcomes

    def _instances(self, found: Mapping[str, TableMatch]) -> tuple["_Instance", ...]:
        """The instances over the templates ``found`` was matched with:
        they depend on the templates only, so they are worked out once."""
        specs = tuple(m.spec for m in found.values())
        if specs not in self._plans:
            self._plans[specs] = tuple(
                instance for binding in self._bindings(found)
                if (instance := _instance(self, binding, found)) is not None
            )
        return self._plans[specs]

    def _bindings(self, found: Mapping[str, TableMatch]) -> list[dict[str, str]]:
        if not self.each:
            return [{}]
        keys = _keys(found, self.each)
        bindings: dict[tuple, dict[str, str]] = {}
        for key in keys:
            binding = match_key(self.each, key)
            if binding is None:
                continue
            if any(binding.get(var) not in allowed for var, allowed in self.where.items()):
                continue
            bindings.setdefault(tuple(sorted(binding.items())), binding)
        return list(bindings.values())


def _keys(found: Mapping[str, TableMatch], pattern: str) -> tuple[str, ...]:
    match = found.get(pattern.split(".")[0])
    return match.spec.keys if match else ()


class _Instance(msgspec.Struct, frozen=True):
    """One instance of an identity over given templates: the binding, the
    bound formula, per side its terms with the keys each one reads (None
    for a number or parameter), and the key ``at`` names (None: none)."""

    binding: Mapping[str, str]
    formula: Formula
    left: tuple[tuple[Term, tuple[str, ...] | None], ...]
    right: tuple[tuple[Term, tuple[str, ...] | None], ...]
    at: str | None


def _instance(identity: Identity, binding: Mapping[str, str], found: Mapping[str, TableMatch]) -> _Instance | None:
    """The instance of ``binding``; None when a plain key of the formula is
    not a key of the template (the instance does not apply)."""
    formula = identity.formula.bind(binding)
    sides = []
    for terms in (formula.left, formula.right):
        planned = []
        for term in terms:
            if term.constant is not None or term.param is not None:
                planned.append((term, None))
                continue
            keys = _keys(found, term.pattern)
            if term.summed:
                excluded = {k for p in term.exclude for k in expand(p, keys)}
                planned.append((term, tuple(k for k in expand(term.pattern, keys) if k not in excluded)))
            elif term.pattern in keys:
                planned.append((term, (term.pattern,)))
            else:
                return None
        sides.append(tuple(planned))
    at = substitute(identity.at, binding) if identity.at else None
    return _Instance(dict(binding), formula, sides[0], sides[1], at)


def _evaluate(identity: Identity, instance: _Instance, found: Mapping[str, TableMatch],
              params: Mapping[str, Number]) -> "Outcome":
    left = _operands(instance.left, found, params)
    right = _operands(instance.right, found, params)
    operands = left + right
    anchor = None
    at = instance.at
    if at:
        anchor = next((o for o in operands if o.key == at), None)
        if anchor is None and at in _keys(found, at):
            anchor = _operand(found[at.split(".")[0]], at, 1)
    formula = instance.formula
    binding = dict(instance.binding)
    if any(o.problem for o in operands):
        return Outcome(identity, binding, "uncheckable", formula.op, left, right, None, None, anchor)
    lt = sum([o.signed for o in left], 0)
    rt = sum([o.signed for o in right], 0)
    status = "ok" if formula.holds(lt, rt) else "violated"
    return Outcome(identity, binding, status, formula.op, left, right, lt, rt, anchor)


def _operands(side, found: Mapping[str, TableMatch], params: Mapping[str, Number]) -> tuple["Operand", ...]:
    operands: list[Operand] = []
    for term, keys in side:
        if keys is None:
            number = term.constant if term.constant is not None else params[term.param]
            operands.append(Operand(None, term.sign, None, number, None, None))
        elif keys:  # a term's keys are those of one table (see _instance)
            match, sign = found[term.pattern.partition(".")[0]], term.sign
            operands.extend(_operand(match, k, sign) for k in keys)
    return tuple(operands)


# ---------------------------------------------------------------- operands and outcomes


class Operand(msgspec.Struct, frozen=True):
    """One cell (or constant) of an instance.

    ``key`` is None for a constant.  ``value`` is the cell read (None when
    the row was not found or its cells could not be assigned to columns);
    ``number`` the number used (None when ``problem`` is set, one of
    :data:`PROBLEMS`); ``location`` where the cell, row or table is.
    ``row``, ``group`` and ``column`` are the labels as the template writes
    them (short forms from the data file's ``[labels]``).
    """

    key: str | None
    sign: int
    value: Value | None
    number: Number | None
    problem: str | None
    location: Location | None
    row: str = ""
    group: str = ""
    column: str = ""
    #: the key's position in the template (messages list cells in this order)
    order: int = 0

    @property
    def signed(self) -> Number:
        return self.sign * self.number if self.number is not None else 0

    @property
    def column_name(self) -> str:
        return f"{self.group}/{self.column}" if self.group else self.column

    @property
    def cell_name(self) -> str:
        """The cell in words: ``“（一）予以公开”行“商业企业”列``."""
        if self.key is None:
            return fmt(self.number) if self.number is not None else ""
        if self.row:
            return f"“{self.row}”行“{self.column_name}”列"
        return f"“{self.column_name}”"

    @property
    def raw(self) -> str:
        return self.value.raw.strip() if self.value is not None else ""

    @property
    def doubt(self) -> str | None:
        """Why the cell's row is uncertain (see ``Value.doubt``), None if it is not."""
        return self.value.doubt if self.value is not None else None


def _operand(match: TableMatch, key: str, sign: int) -> Operand:
    """The operand of ``key`` in ``match``; the same for every identity
    reading it, so it is read once per table (``TableMatch.memo``)."""
    memo = match.memo.get("operands")
    if memo is None:
        memo = match.memo["operands"] = {}
    found = memo.get((key, sign))
    if found is None:
        found = memo[key, sign] = _read_operand(match, key, sign)
    return found


def cell_labels(spec: TableSpec, key: str) -> dict[str, Any]:
    """The :class:`Operand` fields naming ``key``'s cell in table ``spec``:
    ``row``, ``group``, ``column`` labels and ``order``."""
    return dict(_cell_labels(spec, key))


@lru_cache(maxsize=4096)
def _cell_labels(spec: TableSpec, key: str) -> dict[str, Any]:
    """:func:`cell_labels`, worked out once per template cell (not to be changed)."""
    row_spec, column = _cells(spec).get(key, (None, None))
    row = row_label(row_spec) if row_spec else ""
    group = column.group.text if column and column.group else ""
    col = column.label.text if column else key.rsplit(".", 1)[-1]
    return dict(row=row, group=group, column=col, order=_order(spec).get(key, len(spec.keys)))


def _read_operand(match: TableMatch, key: str, sign: int) -> Operand:
    labels = _cell_labels(match.spec, key)
    value = match.values.get(key)
    if value is not None:  # the labels are the last fields, in order (row, group, column, order)
        if value.status == "number":
            return Operand(key, sign, value, value.number, None, value.cell.location, *labels.values())
        problem = "blank" if value.status == "blank" else "invalid"
        return Operand(key, sign, value, None, problem, value.cell.location, *labels.values())
    row_spec = _cells(match.spec).get(key, (None, None))[0]
    prefix = row_spec.prefix if row_spec else key.rsplit(".", 1)[0]
    rows = [r for r in match.rows if r.kind == "row" and r.prefix == prefix
            and any(f"{r.prefix}.{c.key}" == key for c in r.columns)]
    if rows:
        return Operand(key, sign, None, None, "row-cells", rows[0].location, **labels)
    groups = [r for r in match.rows if r.kind == "group" and prefix.startswith(r.prefix + ".")]
    if groups:
        return Operand(key, sign, None, None, "collapsed", groups[0].location, **labels)
    where = match.tables[0].location if match.tables else (match.rows[0].location if match.rows else None)
    return Operand(key, sign, None, None, "missing", where, **labels)


@lru_cache(maxsize=32)
def _order(spec: TableSpec) -> dict[str, int]:
    return {k: i for i, k in enumerate(spec.keys)}


@lru_cache(maxsize=32)
def _cells(spec: TableSpec) -> dict[str, tuple[RowSpec, ColumnSpec]]:
    return {f"{r.prefix}.{c.key}": (r, c) for r in spec.rows for c in r.columns}


def row_label(row: RowSpec) -> str:
    """A row's label for messages: the short form from ``[labels]``, else
    the template's, prefixed with its group's short label when it has one
    (``（三）不予公开 1.属于国家秘密``)."""
    short = labels()
    if row.prefix in short:
        return short[row.prefix]
    if row.parent and row.parent in short:
        return f"{short[row.parent]} {row.label.text}"
    return row.label.text


class Outcome(msgspec.Struct, frozen=True, dict=True):
    """The result of one instance of an identity.

    ``status`` is ``ok``, ``violated`` or ``uncheckable``; ``binding`` the
    variables of the instance (``{"col": "natural_person"}``); ``left`` and
    ``right`` the operands; ``left_total``/``right_total`` the sums (None
    when uncheckable); ``anchor`` the operand the identity's ``at`` names.
    """

    identity: Identity
    binding: Mapping[str, str]
    status: str
    op: str
    left: tuple[Operand, ...]
    right: tuple[Operand, ...]
    left_total: Number | None
    right_total: Number | None
    anchor: Operand | None = None

    @property
    def operands(self) -> tuple[Operand, ...]:
        return self.left + self.right

    @property
    def difference(self) -> Number | None:
        """``left_total - right_total`` (None when uncheckable)."""
        if self.left_total is None or self.right_total is None:
            return None
        return self.left_total - self.right_total

    @property
    def doubt(self) -> str | None:
        """Why the outcome rests on cells read with low confidence (the
        reasons of its operands, each once), None when it does not."""
        reasons = dict.fromkeys(o.doubt for o in self.operands if o.doubt)
        return "；".join(reasons) if reasons else None

    @property
    def problems(self) -> tuple[Operand, ...]:
        """The operands that made the instance uncheckable, each key once."""
        seen, out = set(), []
        for o in self.operands:
            if o.problem and o.key not in seen:
                seen.add(o.key)
                out.append(o)
        return tuple(out)

    @property
    def location(self) -> Location:
        """Where a finding about this instance points: the anchor cell, else
        the first problem (uncheckable), else the first cell."""
        candidates = [self.anchor] if self.anchor else []
        if self.status == "uncheckable":
            candidates = [o for o in self.problems] + candidates
        candidates += [o for o in self.operands if o.key]
        for o in candidates:
            if o is not None and o.location is not None:
                return o.location
        return Location(1)

    @cached_property
    def _scope(self) -> tuple[str, str, str]:
        """``(kind, name, what operands are labelled by)``."""
        cells = [o for o in self.operands if o.key]
        rows = {o.row for o in cells}
        columns = {o.column_name for o in cells}
        groups = {o.group for o in cells}
        if len(rows) == 1 and "" not in rows and (len(columns) > 1 or len(cells) == 1):
            return "行", next(iter(rows)), "column"
        if len(columns) == 1 and len(cells) > 1:
            return "列", next(iter(columns)), "row"
        if rows == {""} and len(groups) == 1 and "" not in groups:
            return "组", next(iter(groups)), "bare-column"
        return "", "", "cell"

    @property
    def scope_kind(self) -> str:
        """What the instance is about: ``列``, ``行``, ``组`` (a column group
        of table 四) or ``""`` (cells of several rows and columns)."""
        return self._scope[0]

    @property
    def scope_name(self) -> str:
        """The column, row or group the instance is about (``自然人``)."""
        return self._scope[1]

    @property
    def scope(self) -> str:
        """``“自然人”列``, ``“一、本年新收”行``, ``“行政复议”``, or ``""``."""
        kind, name, _ = self._scope
        if kind == "组":
            return f"“{name}”"
        return f"“{name}”{kind}" if kind else ""

    def label(self, operand: Operand) -> str:
        """``operand`` named within the scope (the scope's part left out)."""
        if operand.key is None:
            return fmt(operand.number) if operand.number is not None else ""
        by = self._scope[2]
        if by == "row":
            return operand.row
        if by == "column":
            return operand.column_name
        if by == "bare-column":
            return operand.column
        return f"{operand.row} {operand.column_name}".strip()

    def side_text(self, side: Sequence[Operand], total: Number | None = None) -> str:
        """``一、本年新收(2) + 二、上年结转(0) = 2``: a side's terms with their
        values and its total; a long side shows its non-zero terms only."""
        if len(side) == 1 and side[0].sign > 0:
            o = side[0]
            return self.label(o) if o.key is None else f"{self.label(o)}({_value_text(o)})"
        shown = list(side)
        hidden = 0
        if len(side) > 6:
            shown = [o for o in side if o.number != 0]
            hidden = len(side) - len(shown)
        parts = []
        for o in shown:
            term = self.label(o) if o.key is None else f"{self.label(o)}({_value_text(o)})"
            parts.append(("− " if o.sign < 0 else "+ ") + term if parts else ("−" if o.sign < 0 else "") + term)
        if hidden and not shown:
            text = f"{hidden} 项均为 0"
        else:
            text = " ".join(parts)
            if hidden:
                text += f" + 其余 {hidden} 项(均为 0)"
        if total is None and self.status != "uncheckable":
            total = sum((o.signed for o in side), 0)
        return f"{text} = {fmt(total)}" if total is not None else text

    def describe(self) -> str:
        """The instance in words:
        ``T3.1 “自然人”列：一、本年新收(2) + 二、上年结转(0) = 2，（七）总计(1) + 四、结转下年度继续办理(0) = 1，相差 1``."""
        head = f"{self.identity.id} {self.scope}：" if self.scope else f"{self.identity.id}："
        left = self.side_text(self.left, self.left_total)
        right = self.side_text(self.right, self.right_total)
        if self.status == "uncheckable":
            return f"{head}{left}，{right}：无法核对（{problem_summary([self])}）"
        tail = f"相差 {fmt(abs(self.difference))}" if self.difference else "相等"
        return f"{head}{left}，{right}，{tail}"


def _value_text(o: Operand) -> str:
    if o.number is not None:
        return fmt(o.number)
    return {"blank": "空白", "invalid": f"“{o.raw}”"}.get(o.problem or "", "缺失")


def fmt(n: Number | None) -> str:
    """A number as messages write it (``4068.208``, never ``4.068208E+3``)."""
    if n is None:
        return "?"
    if isinstance(n, Decimal):
        if n == n.to_integral_value():
            return str(int(n))
        return format(n.normalize(), "f")
    return str(n)


# ---------------------------------------------------------------- summaries

_PROBLEM_TEXT = {
    "blank": "为空白",
    "invalid": "不是有效数字",
    "row-cells": "数据单元格个数与模板不符，未能对应到各列",
    "collapsed": "的子项被合并为一行",
    "missing": "未能识别",
}


def names(items: Sequence[str], unit: str = "", limit: int = 3, many: str | None = None) -> str:
    """``“A”“B”行``, or ``“A”“B”“C”等 7 行`` beyond ``limit`` items
    (``many``: the unit after the count, default ``unit``)."""
    items = list(dict.fromkeys(items))
    quoted = "".join(f"“{i}”" for i in items[:limit])
    if len(items) > limit:
        return f"{quoted}等 {len(items)} {many if many is not None else unit}".rstrip()
    return quoted + unit


def problem_summary(outcomes: Sequence[Outcome]) -> str:
    """The cells that made ``outcomes`` uncheckable, briefly and by kind:
    ``“一、本年新收”“二、上年结转”“（七）总计”等 4 行的“自然人”“商业企业”“科研机构”等 6 列为空白``."""
    problems: dict[str, Operand] = {}
    for outcome in outcomes:
        for o in outcome.problems:
            problems.setdefault(o.key or "", o)
    parts = []
    ordered = sorted(problems.values(), key=lambda o: o.order)
    for kind in PROBLEMS:
        ops = [o for o in ordered if o.problem == kind]
        if not ops:
            continue
        if kind == "collapsed":
            groups = [o.row.split(" ")[0] for o in ops]
            parts.append(f"{names(groups)}{_PROBLEM_TEXT[kind]}")
        elif kind in ("row-cells", "missing"):
            rows = [o.row for o in ops if o.row]
            where = names(rows, "行") if rows else names([o.group or o.column for o in ops])
            parts.append(f"未能识别出{where}" if kind == "missing" else f"{where}{_PROBLEM_TEXT[kind]}")
        else:
            parts.append(_cells_text(ops) + _PROBLEM_TEXT[kind]
                         + (f"（{'、'.join(dict.fromkeys(f'“{o.raw}”' for o in ops))}）" if kind == "invalid" else ""))
    return "；".join(parts)


def _cells_text(ops: Sequence[Operand]) -> str:
    if len(ops) == 1:
        return ops[0].cell_name
    rows = list(dict.fromkeys(o.row for o in ops))
    columns = list(dict.fromkeys(o.column_name for o in ops))
    if rows == [""]:
        return names(columns, "", many="个单元格")
    if len(rows) == 1:
        return f"“{rows[0]}”行的{names(columns, '列')}"
    if len(columns) == 1:
        return f"{names(rows, '行')}的“{columns[0]}”列"
    if len(ops) == len(rows) * len(columns):
        return f"{names(rows, '行')}的{names(columns, '列')}"
    listed = "、".join(o.cell_name for o in ops[:3])
    return listed + (f"等 {len(ops)} 个单元格" if len(ops) > 3 else "")


# ---------------------------------------------------------------- loading


class _Data(msgspec.Struct, frozen=True):
    identities: Mapping[str, Identity]
    labels: Mapping[str, str]


def load_identities(text: str | Mapping[str, Any]) -> tuple[dict[str, Identity], dict[str, str]]:
    """The identities and short labels of an ``identities.toml`` text (or
    of the TOML it holds, parsed)."""
    if isinstance(text, str):  # govlint's own file comes parsed, from the data files' cache
        import tomllib

        text = tomllib.loads(text)
    found: dict[str, Identity] = {}
    for entry in text.get("identity", []):
        entry = dict(entry)
        try:
            ident = entry.pop("id")
            formula = Formula.parse(entry.pop("formula"))
        except KeyError as missing:
            raise FormulaError(f"恒等式定义缺少字段 {missing}") from None
        if ident in found:
            raise FormulaError(f"恒等式 {ident} 重复定义")
        where = {k: tuple(v) for k, v in entry.pop("where", {}).items()}
        unknown = set(entry) - {"title", "rule", "each", "per", "at", "params", "uncheckable", "ref"}
        if unknown:
            raise FormulaError(f"恒等式 {ident}：未知字段 {', '.join(sorted(unknown))}")
        params = {k: (Decimal(str(v)) if isinstance(v, float) else v) for k, v in entry.pop("params", {}).items()}
        found[ident] = Identity._checked(id=ident, formula=formula, where=where, params=params, **entry)
    return found, dict(text.get("labels", {}))


@lru_cache(maxsize=1)
def _data() -> _Data:
    found, short = load_identities(read_toml("govlint.data", "identities.toml"))
    return _Data(found, short)


def identities() -> Mapping[str, Identity]:
    """The built-in identities by id, in file order (loaded once)."""
    return _data().identities


def identity(ident: str) -> Identity:
    """One built-in identity (``"T3.1"``); KeyError if unknown."""
    return _data().identities[ident]


def labels() -> Mapping[str, str]:
    """The short row labels for messages (``t3.new`` → ``一、本年新收``)."""
    return _data().labels
