"""Declarative rules: rules written as data in a TOML file, for reviewers
who do not write Python.  A configuration names such files in
``rules-files``; each ``[[rule]]`` becomes a normal rule class (listed by
``govlint rules``, selectable, its severity overridable, documented by
``govlint explain``)::

    [[rule]]
    code = "L001"                      # letters + 3 digits, unique
    name = "fee-statement-local"       # kebab-case, unique
    message = "第六部分应说明信息处理费收取情况"
    severity = "warning"               # error | warning (default) | info
    scope = "section:6"                # report (default) | title | section:1…6 | t2 | t3 | t4
    required = "信息处理费"             # exactly one kind, see below
    description = "本省要求……"          # optional: Why (govlint explain)
    example = "……"                     # optional: Example
    references = "……"                  # optional: References

Kinds:

* ``required = "短语"``: the phrase must occur in the scope (one finding at
  the scope's heading when it does not; a scope the report lacks is left
  to the structure and table rules);
* ``forbidden = "XX街道"``: every occurrence in the scope is a finding;
* ``substitution = { wrong = "提起现在诉讼", right = "提起行政诉讼" }``:
  every ``wrong`` not inside a ``right`` is a finding;
* ``formula = "t3.results.total.total <= t3.new.total + t3.carried.total"``:
  an arithmetic relation over canonical table keys
  (:mod:`govlint.recognise.identities` parses and evaluates it; no scope).

With ``regex = true`` the phrase (or ``wrong``) is a Python regular
expression, compiled with the ``regex`` module (the syntax of ``re``) and
matched under a time budget: a pattern that backtracks catastrophically
(``(a|aa)+$``) stops after :data:`govlint.limits.REGEX_SECONDS` per file
and is reported as an error of the rule that declares it, naming the rule,
the pattern and the file (exit 2); the other rules and files are checked
as usual.  Phrases and text are compared in matching form
(:func:`govlint.normalize.norm`: full-width to half-width, spaces around
Chinese dropped).  ``{match}`` in a message is replaced by the text found,
``{right}`` by a substitution's right form (any other ``{placeholder}`` is
an error of the rules file); a formula finding's message is followed by
the relation it breaks and the values that break it
(:func:`relation_failed`).  Nothing in the file is evaluated as
Python.

Every problem in a file is a :class:`RulesFileError` naming the file, the
rule and the field.
"""

from __future__ import annotations

import difflib
import os
import re
import time
from typing import Any, Callable, ClassVar, Iterator

import msgspec
import regex as guarded_re

from .. import limits
from ..findings import Finding
from ..model import Cell, Location, Paragraph, Severity, Title
from ..normalize import norm
from ..read.numerals import int_to_chinese
from ..recognise.identities import Formula, FormulaError, Identity, expand
from ..recognise.report import Report
from ..regexes import compile_re
from ..rule import CODE_PATTERN, NAME_PATTERN, Rule
from .config import ConfigError, display_path, read_toml

KINDS = ("required", "forbidden", "substitution", "formula")
FIELDS = frozenset({"code", "name", "message", "severity", "scope", "regex", "description", "example",
                    "references", *KINDS})
TABLES = {"t2": "表二", "t3": "表三", "t4": "表四"}
_SECTION = compile_re(r"section:([1-6])")
#: a ``{placeholder}`` in a message
_PLACEHOLDER = compile_re(r"\{([^{}\s]*)\}")


class RulesFileError(ConfigError):
    """An invalid rules file; the message names the file, rule and field."""


# ---------------------------------------------------------------- scopes


class Unit(msgspec.Struct, frozen=True):
    """A stretch of text to search, and where each of its characters is."""

    text: str
    locate: Callable[[int], Location]


def _paragraph(p: Paragraph) -> Unit:
    return Unit(p.text, p.location_at)


def _fixed(element: Cell | Title) -> Unit:
    return Unit(element.text, lambda offset, loc=element.location: loc)


class Scope(msgspec.Struct, frozen=True):
    """Where a rule looks: ``report``, ``title``, ``section:N`` or a table."""

    key: str

    @classmethod
    def parse(cls, value: Any) -> "Scope":
        if not isinstance(value, str) or not (value in ("report", "title", *TABLES) or _SECTION.fullmatch(value)):
            raise ValueError(f"未知的范围 {value!r}（可用：report、title、section:1 至 section:6、t2、t3、t4）")
        return cls(value)

    @property
    def chinese(self) -> str:
        """``全文``, ``标题``, ``第六部分``, ``表三``."""
        if self.key == "report":
            return "全文"
        if self.key == "title":
            return "标题"
        if self.key in TABLES:
            return TABLES[self.key]
        return f"第{int_to_chinese(int(self.key.split(':')[1]))}部分"

    def find(self, doc: Report) -> tuple[Location, list[Unit]] | None:
        """Where the scope starts and its text, or None when the report lacks it."""
        if self.key == "report":
            units = [_paragraph(p) for p in doc.paragraphs] + [_fixed(c) for _, _, c in doc.walk_cells()]
            return Location(1), units
        if self.key == "title":
            return (doc.title.location, [_fixed(doc.title)]) if doc.title else None
        if self.key in TABLES:
            match = doc.template.tables.get(self.key)
            if match is None or not match.tables:
                return None
            cells = [_fixed(c) for t in match.tables for row in t.rows for c in row.cells]
            return match.tables[0].location, cells
        section = doc.section(int(self.key.split(":")[1]))
        if section is None:
            return None
        units = [_paragraph(section.heading), *(_paragraph(p) for p in section.paragraphs)]
        units += [_fixed(c) for t in section.tables for row in t.rows for c in row.cells]
        return section.location, units


# ---------------------------------------------------------------- rules


def fill_message(message: str, **values: str) -> str:
    """``message`` with its ``{placeholders}`` replaced (plain text
    replacement: no format mini-language, no attribute access)."""
    for key, value in values.items():
        message = message.replace(f"{{{key}}}", value)
    return message


class DeclarativeRule(Rule):
    """Base class of the rules a rules file declares (not a rule itself)."""

    message: ClassVar[str] = ""
    scope: ClassVar[Scope] = Scope("report")

    def fill(self, **values: str) -> str:
        return fill_message(self.message, **values)


class RegexTimeout(RuntimeError):
    """A declared regular expression took longer than its budget."""


class _PatternRule(DeclarativeRule):
    pattern: ClassVar[re.Pattern] = compile_re("")
    #: a user's regular expression (``regex = true``): matched under a time budget
    guarded: ClassVar[bool] = False

    def matches(self, doc: Report) -> Iterator[tuple[Location, str]]:
        """Each occurrence of ``pattern`` in the scope: where, and the text."""
        found = self.scope.find(doc)
        return self.occurrences(found[1] if found else [])

    def _finditer(self, text: str, deadline: float | None) -> Iterator:
        if deadline is None:
            return self.pattern.finditer(text)
        return self._timed(text, deadline)

    def _timed(self, text: str, deadline: float) -> Iterator:
        try:
            yield from self.pattern.finditer(text, timeout=max(deadline - time.monotonic(), 0.001))
        except TimeoutError:
            raise RegexTimeout(f"正则表达式 {self.pattern.pattern!r} 在此文件上匹配超过 {limits.REGEX_SECONDS:g} 秒"
                               "（上限），已停止：请简化此规则的正则表达式（避免 (a|aa)+ 这类嵌套重复）") from None

    def occurrences(self, units: list[Unit]) -> Iterator[tuple[Location, str]]:
        deadline = time.monotonic() + limits.REGEX_SECONDS if self.guarded else None
        for unit in units:
            normal = norm(unit.text)
            skip = self.skipped(normal)
            raw_from = 0
            for m in self._finditer(normal, deadline):
                if not m.group() or any(a <= m.start() and m.end() <= b for a, b in skip):
                    continue
                offset = unit.text.find(m.group(), raw_from)
                if offset >= 0:
                    raw_from = offset + len(m.group())
                yield unit.locate(max(offset, 0)), m.group()

    def skipped(self, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` where a match does not count."""
        return []


class RequiredRule(_PatternRule):
    """Base of ``required`` rules."""

    phrase: ClassVar[str] = ""

    def check(self, doc: Report) -> Iterator[Finding]:
        found = self.scope.find(doc)
        if found and next(self.occurrences(found[1]), None) is None:
            yield self.report(found[0], self.fill(match=self.phrase))


class ForbiddenRule(_PatternRule):
    """Base of ``forbidden`` rules."""

    def check(self, doc: Report) -> Iterator[Finding]:
        for where, text in self.matches(doc):
            yield self.report(where, self.fill(match=text))


class SubstitutionRule(_PatternRule):
    """Base of ``substitution`` rules."""

    right: ClassVar[str] = ""

    def skipped(self, text: str) -> list[tuple[int, int]]:
        right = norm(self.right)
        return [(m.start(), m.end()) for m in re.finditer(re.escape(right), text)] if right else []

    def check(self, doc: Report) -> Iterator[Finding]:
        for where, text in self.matches(doc):
            yield self.report(where, self.fill(match=text, right=self.right))


class FormulaRule(DeclarativeRule):
    """Base of ``formula`` rules."""

    identity: ClassVar[Identity]

    def check(self, doc: Report) -> Iterator[Finding]:
        for outcome in self.identity.evaluate(doc.template):
            if outcome.status == "violated":
                yield self.report(outcome.location, f"{self.fill()}（{relation_failed(self.identity, outcome)}）")


#: how two totals compare, in words
_COMPARED = {-1: "小于", 0: "等于", 1: "大于"}


def relation_failed(identity: Identity, outcome: Any) -> str:
    """Which relation a violated formula instance breaks, and with what:
    ``不满足“A <= B”（“自然人”列）：左边 一、本年新收(5) = 5，大于右边 （七）总计(3) = 3``."""
    formula = identity.formula
    where = f"（{outcome.scope}）" if outcome.scope else ""
    left = outcome.side_text(outcome.left, outcome.left_total)
    right = outcome.side_text(outcome.right, outcome.right_total)
    compared = _COMPARED[(outcome.left_total > outcome.right_total) - (outcome.left_total < outcome.right_total)]
    return f"不满足“{formula.text}”{where}：左边 {left}，{compared}右边 {right}"


# ---------------------------------------------------------------- loading


class _Checker:
    """Validates one ``[[rule]]`` table; every error names file, rule, field."""

    def __init__(self, where: str, index: int, entry: Any):
        self.where = where
        self.entry = entry if isinstance(entry, dict) else {}
        code = self.entry.get("code")
        self.label = f"第 {index} 条规则" + (f"（{code}）" if isinstance(code, str) else "")
        if not isinstance(entry, dict):
            raise self.error(None, "应为表（[[rule]]）")

    def error(self, field: str | None, problem: str) -> RulesFileError:
        at = f" 字段 {field}" if field else ""
        return RulesFileError(f"{self.where}: {self.label}{at}：{problem}")

    def text(self, field: str, required: bool = False, pattern: re.Pattern | None = None) -> str:
        value = self.entry.get(field)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.error(field, "缺少或不是非空字符串" if required else "应为非空字符串")
        if pattern is not None and not pattern.match(value):
            raise self.error(field, f"“{value}”格式不对（代码如 L001，名称如 fee-statement-local）")
        return value.strip()

    def choice(self, field: str, parse: Callable[[Any], Any], default: Any) -> Any:
        if field not in self.entry:
            return default
        try:
            return parse(self.entry[field])
        except ValueError as exc:
            raise self.error(field, str(exc)) from None

    def kind(self) -> str:
        unknown = sorted(set(self.entry) - FIELDS)
        if unknown:
            raise self.error(unknown[0], f"未知字段（可用：{'、'.join(sorted(FIELDS))}）")
        kinds = [k for k in KINDS if k in self.entry]
        if len(kinds) != 1:
            raise self.error(None, f"应当且只能有 {'、'.join(KINDS)} 之一（现有：{'、'.join(kinds) or '无'}）")
        return kinds[0]

    def regex(self, field: str, value: str) -> re.Pattern:
        if self.choice("regex", _boolean, False):
            try:
                return guarded_re.compile(value)
            except (guarded_re.error, ValueError, OverflowError, RecursionError) as exc:
                raise self.error(field, f"正则表达式有误：{exc}") from None
        return re.compile(re.escape(norm(value)))


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("应为 true 或 false")
    return value


def _keys() -> tuple[str, ...]:
    from ..recognise.templates import templates

    return tuple(dict.fromkeys(k for t in templates().values() for k in t.keys))


def check_formula_keys(formula: Formula) -> None:
    """FormulaError naming the first key or pattern that is no canonical key."""
    keys = _keys()
    for term in formula.terms:
        for pattern in filter(None, (term.pattern, *term.exclude)):
            if not expand(pattern, keys):
                close = difflib.get_close_matches(pattern, keys, n=1)
                hint = f"（是否应为“{close[0]}”？）" if close else ""
                raise FormulaError(f"“{pattern}”不是已知的规范键{hint}；govlint keys 列出全部规范键")


class _Kind(msgspec.Struct, frozen=True):
    """What a rule's kind contributes: its base class, class attributes,
    a sentence for What it does, and the summary's placeholders."""

    base: type[DeclarativeRule]
    attrs: dict[str, Any]
    what: str
    placeholders: dict[str, str]


def _formula(checker: _Checker, code: str, value: Any) -> _Kind:
    for field in ("scope", "regex"):
        if field in checker.entry:
            raise checker.error(field, "formula 规则不使用此字段（公式中的键已指明表格）")
    if not isinstance(value, str):
        raise checker.error("formula", "应为字符串")
    try:
        identity = Identity.from_formula(code, value)
        check_formula_keys(identity.formula)
        if identity.formula.params:
            raise FormulaError(f"不支持参数 {{{identity.formula.params[0]}}}")
    except FormulaError as exc:
        raise checker.error("formula", str(exc)) from None
    return _Kind(FormulaRule, {"identity": identity}, f"表格数据须满足：{identity.formula.text}。", {})


def _pattern(checker: _Checker, kind: str, value: Any) -> _Kind:
    scope = checker.choice("scope", Scope.parse, Scope("report"))
    attrs: dict[str, Any] = {"scope": scope}
    if kind == "substitution":
        if not isinstance(value, dict) or set(value) != {"wrong", "right"}:
            raise checker.error(kind, "应为 { wrong = \"错误写法\", right = \"正确写法\" }")
        if not all(isinstance(v, str) and v for v in value.values()):
            raise checker.error(kind, "wrong 与 right 应为非空字符串")
        phrase, attrs["right"] = value["wrong"], value["right"]
        attrs["pattern"] = checker.regex("substitution.wrong", phrase)
        attrs["guarded"] = checker.choice("regex", _boolean, False)
        return _Kind(SubstitutionRule, attrs, f"{scope.chinese}中的“{phrase}”应写作“{value['right']}”。",
                     {"match": phrase, "right": value["right"]})
    if not isinstance(value, str) or not value:
        raise checker.error(kind, "应为非空字符串")
    attrs["pattern"] = checker.regex(kind, value)
    attrs["guarded"] = checker.choice("regex", _boolean, False)
    if kind == "required":
        attrs["phrase"] = value
        return _Kind(RequiredRule, attrs, f"{scope.chinese}必须出现“{value}”。", {"match": value})
    return _Kind(ForbiddenRule, attrs, f"{scope.chinese}不得出现“{value}”。", {"match": value})


def _rule_class(checker: _Checker, path: str, origin: str | None) -> type[Rule]:
    kind = checker.kind()
    attrs: dict[str, Any] = {
        "code": checker.text("code", True, CODE_PATTERN),
        "name": checker.text("name", True, NAME_PATTERN),
        "message": checker.text("message", True),
        "severity": checker.choice("severity", Severity.parse, Severity.WARNING),
        "origin": origin,
        "__module__": __name__,
    }
    value = checker.entry[kind]
    made = _formula(checker, attrs["code"], value) if kind == "formula" else _pattern(checker, kind, value)
    unknown = [name for name in _PLACEHOLDER.findall(attrs["message"]) if name not in made.placeholders]
    if unknown:
        usable = "、".join(f"{{{name}}}" for name in made.placeholders) or "无"
        raise checker.error("message", f"未知的占位符 {{{unknown[0]}}}（{kind} 规则可用：{usable}）")
    summary = fill_message(attrs["message"], **made.placeholders)
    attrs.update(made.attrs, __doc__=_documentation(checker, summary, made.what, path))
    return type(f"Declared{attrs['code']}", (made.base,), attrs)


def _documentation(checker: _Checker, summary: str, what: str, path: str) -> str:
    sections = [
        ("What it does", f"{what}\n\n由规则文件 {display_path(path)} 声明。"),
        ("Why", checker.text("description") or "（规则文件未说明理由。）"),
        ("Example", checker.text("example") or "（规则文件未给出示例。）"),
        ("References", checker.text("references") or display_path(path)),
    ]
    body = "\n\n".join(f"{title}\n{'-' * len(title)}\n{text}" for title, text in sections)
    return f"{summary}\n\n{body}\n"


def load_rules_file(path: str | os.PathLike, origin: str | None = None) -> list[type[Rule]]:
    """The rule classes a rules file declares, each with ``origin``.
    RulesFileError (a ConfigError) for anything wrong in the file."""
    path = os.fspath(path)
    where = display_path(path)
    data = read_toml(path, "规则文件")
    unknown = sorted(set(data) - {"rule"})
    if unknown:
        raise RulesFileError(f"{where}: 未知的顶层项 '{unknown[0]}'（规则写在 [[rule]] 表中）")
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise RulesFileError(f"{where}: rule 应为表的数组（[[rule]]）")
    rules: list[type[Rule]] = []
    for index, entry in enumerate(entries, start=1):
        checker = _Checker(where, index, entry)
        rule = _rule_class(checker, path, origin)
        for field in ("code", "name"):
            if any(getattr(other, field) == getattr(rule, field) for other in rules):
                raise checker.error(field, f"“{getattr(rule, field)}”与本文件中前面的规则重复")
        rules.append(rule)
    return rules
