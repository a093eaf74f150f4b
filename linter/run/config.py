"""Configuration: where it is found, what it may say, and which rules it
turns on for a file.

Configuration lives in ``.govlint.toml`` or ``govlint.toml`` (top-level
keys) or in the ``[tool.govlint]`` table of ``pyproject.toml``.  For each
linted file the nearest such file walking up from the file's directory wins
(in one directory: ``.govlint.toml``, then ``govlint.toml``, then a
``pyproject.toml`` that has ``[tool.govlint]``); files are not merged.

Keys (kebab-case)::

    select = ["ALL"]                 # rules to run (default: all)
    extend-select = ["S"]            # added to select
    ignore = ["S003", "heading-numbering"]
    fail-level = "error"             # lowest severity that fails the run
    [per-file-ignores]               # glob -> rules, see below
    "archive/*.txt" = ["S"]
    [severity]                       # rule reference -> error|warning|info
    S003 = "info"
    rule-paths = ["local-rules"]     # folders of rule modules (govlint.run.localrules)
    rules-files = ["rules.toml"]     # declarative rules (govlint.run.declarative)
    time-limit = 30                  # seconds per file (0: none), govlint.run.parallel.watchdog
    memory-limit = 512               # MB per file (0: none)
    exclude = ["drafts/"]            # gitignore-style; replaces govlint.run.paths.DEFAULT_EXCLUDE
    extend-exclude = ["说明.txt"]     # added to the defaults (or to exclude)

``rule-paths`` and ``rules-files`` are relative to the configuration file's
directory; the rules they add apply only to the files this configuration
governs (:func:`build_settings` leaves them out elsewhere).

``exclude``/``extend-exclude`` patterns are relative to the configuration
file's directory (:class:`govlint.run.paths.Exclusion`).

``per-file-ignores`` globs are matched (fnmatch, case-sensitive, ``*``
also matching ``/``) against the file's path relative to the configuration
file's directory, posix-style, and against its file name.  They stay
fnmatch, as ruff's do (a pattern picks files out, ``*`` across folders),
rather than pathspec's gitignore rules, which serve ``exclude`` (leaving
files and folders out, a pattern without ``/`` at any depth).

A *rule reference* is a full code (``S003``), a code prefix (``S``,
``S00``), a rule name (``heading-numbering``) or ``ALL``.  An unknown
reference is an error, never a silent no-op.

Selection works in layers, like ruff: the configuration file, then the
command line.  A layer that sets ``select`` starts afresh from it; one that
does not starts from the previous layer's rules.  Within a layer, when a
``select``/``extend-select`` and an ``ignore`` reference both match a rule
the more specific one wins (a code or name beats a prefix, a longer prefix
beats a shorter one, ``ALL`` is least specific; on a tie ``ignore`` wins).
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import msgspec

from ..model import Severity
from ..output.escape import unicode
from ..regexes import compile_re
from ..rule import Rule
from .paths import DEFAULT_EXCLUDE, Exclusion, parent, posix, relative, upwards

CONFIG_FILES = (".govlint.toml", "govlint.toml", "pyproject.toml")
ALL = "ALL"
_EXACT = 100
_PREFIX = compile_re(r"[A-Z]{1,3}\d{0,3}")
_TOML_POSITION = compile_re(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")
CORE_KEYS = frozenset({"select", "extend-select", "ignore", "per-file-ignores", "severity", "fail-level",
                       "rule-paths", "rules-files", "time-limit", "memory-limit", "exclude", "extend-exclude"})


class ConfigError(Exception):
    """Invalid configuration (or rule reference on the command line); the
    message is Chinese and names the file and key."""


class Config(msgspec.Struct, frozen=True):
    """One configuration source as written (references validated, not yet
    resolved).  ``path`` is ``None`` for the command line."""

    path: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_level: Severity | None = None
    values: Mapping[str, Any] = msgspec.field(default_factory=dict)
    rule_paths: tuple[str, ...] = ()
    rules_files: tuple[str, ...] = ()
    #: the watchdog's budget per file (None: the default of govlint.limits)
    time_limit: float | None = None
    memory_limit: float | None = None
    #: gitignore-style patterns (None: the defaults), and those added to them
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        """The directory ``per-file-ignores`` globs are relative to (absolute)."""
        return parent(self.path) if self.path else os.getcwd()


def resolve_ref(ref: str, rules: Sequence[type[Rule]]) -> tuple[int, frozenset[str]] | None:
    """``(specificity, codes)`` a rule reference stands for, or ``None``
    when it matches no rule."""
    if ref == ALL:
        return 0, frozenset(r.code for r in rules)
    by_name = [r.code for r in rules if r.name == ref]
    if by_name:
        return _EXACT, frozenset(by_name)
    prefix = ref.upper()
    if _PREFIX.fullmatch(prefix):
        codes = frozenset(r.code for r in rules if r.code.startswith(prefix))
        if codes:
            return (_EXACT if codes == {prefix} else len(prefix)), codes
    return None


def check_refs(refs: Iterable[str], rules: Sequence[type[Rule]], where: str, key: str) -> tuple[str, ...]:
    """``refs`` as a tuple; ConfigError for the first unknown one."""
    refs = tuple(refs)
    for ref in refs:
        if resolve_ref(ref, rules) is None:
            raise ConfigError(f"{where}: {key} 中的 '{ref}' 不是已知的规则代码、前缀或名称")
    return refs


def parse_config(data: Mapping[str, Any], path: str | None, rules: Sequence[type[Rule]],
                 extra_keys: Iterable[str] = ()) -> Config:
    """Validate a configuration table (``path`` names it in messages;
    ``extra_keys`` are the keys plugins' default configurations declare)."""
    where = display_path(path) if path else "命令行"
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: [tool.govlint] 应为表（table）")
    known = CORE_KEYS | set(extra_keys)
    for key in data:
        if key not in known:
            raise ConfigError(f"{where}: 未知的配置项 '{key}'（可用：{'、'.join(sorted(known))}）")

    def refs(key: str, value: Any) -> tuple[str, ...]:
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{where}: {key} 应为字符串列表")
        return check_refs(value, rules, where, key)

    def severity(key: str, value: Any) -> Severity:
        try:
            return Severity.parse(value)
        except ValueError as exc:
            raise ConfigError(f"{where}: {key}：{exc}") from None

    def amount(key: str, unit: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"{where}: {key} 应为非负数（{unit}；0 表示不限）")
        return float(value)

    def patterns(key: str) -> tuple[str, ...] | None:
        if key not in data:
            return None
        value = data[key]
        if not (isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)):
            raise ConfigError(f"{where}: {key} 应为字符串列表（gitignore 格式的路径模式）")
        return tuple(value)

    def table(key: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: {key} 应为表（table）")
        return value

    return Config(
        path=None if path is None else os.fspath(path),
        select=refs("select", data["select"]) if "select" in data else None,
        extend_select=refs("extend-select", data.get("extend-select", [])),
        ignore=refs("ignore", data.get("ignore", [])),
        per_file_ignores=tuple(
            (glob, refs(f"per-file-ignores.\"{glob}\"", codes)) for glob, codes in table("per-file-ignores").items()
        ),
        severity=tuple(
            (check_refs([ref], rules, where, "severity")[0], severity(f"severity.{ref}", level))
            for ref, level in table("severity").items()
        ),
        fail_level=severity("fail-level", data["fail-level"]) if "fail-level" in data else None,
        values={k: v for k, v in data.items() if k not in CORE_KEYS},
        rule_paths=rule_sources(data, path, "rule-paths"),
        rules_files=rule_sources(data, path, "rules-files"),
        time_limit=amount("time-limit", "秒"),
        memory_limit=amount("memory-limit", "MB"),
        exclude=patterns("exclude"),
        extend_exclude=patterns("extend-exclude") or (),
    )


def rule_sources(data: Mapping[str, Any], path: str | None, key: str) -> tuple[str, ...]:
    """The ``rule-paths`` or ``rules-files`` of a configuration table as
    absolute paths (relative ones are relative to the configuration file's
    directory); ConfigError unless a list of strings."""
    value = data.get(key, [])
    if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise ConfigError(f"{display_path(path) if path else '命令行'}: {key} 应为字符串列表")
    root = parent(path) if path else os.getcwd()
    return tuple(os.path.abspath(os.path.join(root, v)) for v in value)


def read_config(path: str, rules: Sequence[type[Rule]], extra_keys: Iterable[str] = ()) -> Config | None:
    """The configuration in ``path``; ``None`` for a ``pyproject.toml``
    without ``[tool.govlint]``.  ConfigError when unreadable or invalid."""
    data = load_table(path)
    return None if data is None else parse_config(data, path, rules, extra_keys)


def load_table(path: str) -> Any:
    """The govlint table of configuration file ``path`` as written (not
    validated); ``None`` for a ``pyproject.toml`` without ``[tool.govlint]``.
    ConfigError when unreadable or not TOML."""
    data = read_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool")
        return tool.get("govlint") if isinstance(tool, dict) else None
    return data


@lru_cache(maxsize=8)
def _parsed(text: str) -> dict[str, Any]:
    """``text`` parsed as TOML, once: finding the configuration and loading
    it read the same file several times in a run (the result is only read)."""
    import tomllib  # here and below: a run with no configuration file never needs it

    return tomllib.loads(text)


def read_toml(path: str | os.PathLike, what: str = "配置文件") -> dict[str, Any]:
    """The TOML file ``path`` (``what`` names it in messages); ConfigError
    with the file and line when unreadable, not UTF-8 or not TOML."""
    import tomllib

    where = display_path(path)
    try:
        with open(path, "rb") as file:
            text = file.read().decode("utf-8-sig")
        return _parsed(text)
    except OSError as exc:
        raise ConfigError(f"{where}: 无法读取{what}：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{where}: {what}不是 UTF-8 编码") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = position.group(1) if position and position.group(1) else text.count("\n") + 1
        raise ConfigError(f"{where}:{line}: TOML 语法错误：{_TOML_POSITION.sub('', message)}") from None


def config_file_in(directory: str) -> str | None:
    """The configuration file of ``directory`` itself (``.govlint.toml``,
    then ``govlint.toml``, then a ``pyproject.toml`` with ``[tool.govlint]``)."""
    for name in CONFIG_FILES:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate) and load_table(candidate) is not None:
            return candidate
    return None


def nearest_config_file(directory: str) -> str | None:
    """The configuration file of ``directory`` (absolute) or of the nearest
    directory above it that has one."""
    return next(filter(None, map(config_file_in, upwards(directory))), None)


class Options(msgspec.Struct, frozen=True):
    """What the command line can choose.  ``select``/``extend_select``/
    ``ignore``/``fail_level`` override the configuration files (see
    :mod:`govlint.run.config`); ``config`` names the one configuration file to
    use instead of discovery; ``use_config=False`` uses none at all."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_level: Severity | None = None
    config: str | None = None
    use_config: bool = True
    stdin_filename: str | None = None
    #: folders of rule modules for every file (``--rule-path``, :mod:`govlint.run.localrules`)
    rule_paths: tuple[str, ...] = ()
    #: record each file's :class:`~govlint.recognise.reportinfo.ReportInfo` (``govlint report``)
    report_info: bool = False
    #: processes checking files (None: every core when there are at least
    #: :data:`~govlint.run.engine.PARALLEL_MIN_FILES` files, else one); see :mod:`govlint.run.parallel`
    jobs: int | None = 1
    #: use the results cache (:mod:`govlint.run.cache`; the command line does by default)
    cache: bool = False
    #: the watchdog's budget per file, overriding the configuration's (``--time-limit``,
    #: ``--memory-limit``; None: the configuration's, else :data:`govlint.limits.TIME_LIMIT`…)
    time_limit: float | None = None
    memory_limit: float | None = None
    #: gitignore-style patterns of the command line (relative to the current directory):
    #: ``exclude`` replaces the configuration's, ``extend_exclude`` adds to it
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    #: apply the exclusions to the paths given too (``--force-exclude``; the pre-commit hook's)
    force_exclude: bool = False


class ConfigFinder:
    """Finds the configuration for files by walking up from their
    directories; caches the answer per directory."""

    def __init__(self, rules: Sequence[type[Rule]], extra_keys: Iterable[str] = ()):
        self._rules = rules
        self._extra_keys = frozenset(extra_keys)
        self._cache: dict[str, Config | None] = {}

    def for_file(self, path: str | os.PathLike) -> Config | None:
        return self.for_directory(parent(path))

    def for_directory(self, directory: str) -> Config | None:
        """The nearest configuration at or above ``directory`` (absolute)."""
        visited = []
        found = None
        for current in upwards(directory):
            if current in self._cache:
                found = self._cache[current]
                break
            visited.append(current)
            found = self._read_in(current)
            if found is not None:
                break
        for current in visited:
            self._cache[current] = found
        return found

    def _read_in(self, directory: str) -> Config | None:
        path = config_file_in(directory)
        return read_config(path, self._rules, self._extra_keys) if path else None


class Settings(msgspec.Struct, frozen=True):
    """What applies to one file: the enabled rule codes, severity
    overrides, per-file ignores, fail level and the other configuration
    values (plugin defaults overridden by the user's)."""

    enabled: frozenset[str]
    severities: Mapping[str, Severity] = msgspec.field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    root: str = msgspec.field(default_factory=os.getcwd)
    fail_level: Severity = Severity.ERROR
    values: Mapping[str, Any] = msgspec.field(default_factory=dict)
    #: the configuration's watchdog budget (None: not set there)
    time_limit: float | None = None
    memory_limit: float | None = None
    #: the files and folders a walk leaves out (:class:`govlint.run.paths.Exclusion`)
    exclusion: Exclusion = Exclusion()

    def ignored_for(self, path: str) -> frozenset[str]:
        """Codes ``per-file-ignores`` switches off for ``path`` (see the
        module docstring for how globs match)."""
        absolute = os.path.abspath(path)
        inside = relative(absolute, self.root)
        if inside is None:
            inside = posix(absolute)
        name = os.path.basename(absolute)
        ignored: frozenset[str] = frozenset()
        for glob, codes in self.per_file_ignores:
            if fnmatchcase(inside, glob) or fnmatchcase(name, glob):
                ignored |= codes
        return ignored


def build_settings(rules: Sequence[type[Rule]], config: Config | None = None,
                   command_line: Config | None = None, defaults: Mapping[str, Any] | None = None) -> Settings:
    """Resolve the file's configuration and the command line's choices
    against ``rules`` (see the module docstring for the layering).  Rules
    from a rule path or rules file (``Rule.origin`` set) are available only
    when ``config`` names their origin."""
    file_config = config or Config()
    origins = {*file_config.rule_paths, *file_config.rules_files}
    rules = [r for r in rules if r.origin is None or r.origin in origins]
    enabled = frozenset(r.code for r in rules)
    for layer in (config, command_line):
        if layer is not None:
            enabled = _apply_layer(layer, enabled, rules)
    return Settings(
        enabled=enabled,
        severities=_severities(file_config.severity, rules),
        per_file_ignores=tuple(
            (glob, _codes(refs, rules)) for glob, refs in file_config.per_file_ignores
        ),
        root=file_config.root,
        fail_level=(command_line and command_line.fail_level) or file_config.fail_level or Severity.ERROR,
        values={**(defaults or {}), **file_config.values},
        time_limit=file_config.time_limit,
        memory_limit=file_config.memory_limit,
        exclusion=exclusion(file_config, command_line),
    )


def exclusion(config: Config, command_line: Config | None = None) -> Exclusion:
    """The patterns that apply: the command line's ``exclude``, else the
    configuration's, else :data:`~govlint.run.paths.DEFAULT_EXCLUDE`; then
    each one's ``extend-exclude`` (each relative to its own root)."""
    command_line = command_line or Config()
    groups: list[tuple[str, tuple[str, ...]]] = []
    if command_line.exclude is not None:
        groups.append((command_line.root, command_line.exclude))
    elif config.exclude is not None:
        groups.append((config.root, config.exclude))
    else:
        groups.append((config.root, DEFAULT_EXCLUDE))
    groups += [(config.root, config.extend_exclude), (command_line.root, command_line.extend_exclude)]
    return Exclusion(tuple((root, patterns) for root, patterns in groups if patterns))


def _apply_layer(layer: Config, carried: frozenset[str], rules: Sequence[type[Rule]]) -> frozenset[str]:
    on = _specificities((layer.select or ()) + layer.extend_select, rules)
    off = _specificities(layer.ignore, rules)
    enabled = set()
    for rule in rules:
        selected, ignored = on.get(rule.code, -1), off.get(rule.code, -1)
        if selected < 0 and ignored < 0:
            keep = layer.select is None and rule.code in carried
        else:
            keep = selected > ignored
        if keep:
            enabled.add(rule.code)
    return frozenset(enabled)


def _matches(ref: str, rules: Sequence[type[Rule]]) -> tuple[int, frozenset[str]]:
    """``resolve_ref`` for a reference already checked (nothing if unknown)."""
    return resolve_ref(ref, rules) or (0, frozenset())


def _specificities(refs: Iterable[str], rules: Sequence[type[Rule]]) -> dict[str, int]:
    """Code -> specificity of the most specific reference matching it."""
    best: dict[str, int] = {}
    for ref in refs:
        specificity, codes = _matches(ref, rules)
        for code in codes:
            best[code] = max(best.get(code, -1), specificity)
    return best


def _severities(table: Iterable[tuple[str, Severity]], rules: Sequence[type[Rule]]) -> dict[str, Severity]:
    """Code -> severity of the most specific reference naming it (later wins ties)."""
    chosen: dict[str, tuple[int, Severity]] = {}
    for ref, level in table:
        specificity, codes = _matches(ref, rules)
        for code in codes:
            if code not in chosen or specificity >= chosen[code][0]:
                chosen[code] = (specificity, level)
    return {code: level for code, (_, level) in chosen.items()}


def _codes(refs: Iterable[str], rules: Sequence[type[Rule]]) -> frozenset[str]:
    return frozenset(code for ref in refs for code in _matches(ref, rules)[1])


def display_path(path: str | os.PathLike) -> str:
    """``path`` as shown to the user: posix-style and relative to the
    current directory when under it, else as given; bytes of the name that
    are not UTF-8 written as ``\xb1`` (:func:`govlint.output.escape.unicode`),
    so that every output format can carry it."""
    shown = relative(os.path.abspath(path), os.getcwd())
    if shown is None:
        shown = posix(os.path.normpath(path))
    return unicode(shown)
