"""The ``govlint`` command line: a thin layer over :mod:`govlint.run.engine`.

Commands: ``check`` (lint files), ``report`` (a batch summary, optionally
as an HTML page), ``rules`` (list the rules), ``explain`` (one rule's
documentation), ``parse`` (the recognised structure as JSON), ``extract``
(the table data of reports as CSV or JSON), ``keys`` (the canonical keys),
``schema`` (the JSON Schemas of the configuration and rules files) and
``serve`` (a local web page, :mod:`govlint.output.serve`, imported only when
run).  Each command imports what it needs when it runs (a one-file
``check`` pays for no summary, baseline or HTML module).  Exit codes: 0 no finding at or above the fail level (or
``--exit-zero``), 1 findings, 2 usage, configuration or internal error.
Messages, help and usage errors are Chinese (:mod:`govlint.output.console`);
option names English.  Set ``GOVLINT_DEBUG=1`` to see tracebacks of internal
errors and of rules that crashed.

The command itself (the console script, ``python -m govlint``: both
through :mod:`govlint.__main__`) is :func:`run`, which ends the process without tearing the interpreter down:
freeing every module and object of a one-report run takes as long as a
fifth of the run (~17 ms).
"""

from __future__ import annotations

import os
import sys
from typing import Iterable

import click

from . import limits
from .atomic import unwritable, write_atomic
from .model import Severity
from .output.console import chinese_click, use_color
from .output.escape import visible
from .output.formatters import FORMATTERS, stream
from .output.progress import progress_bar
from .run.config import ConfigError, display_path
from .run.engine import BATCH_GC_THRESHOLDS, LintError, Options, lint
from .run.localrules import plugins_for
from .run.parallel import Interrupts, debug_traceback
from .run.pipeline import read_document
from .run.plugins import Plugins

chinese_click()


class Failure(click.ClickException):
    """A usage or configuration error: ``govlint: <message>`` on stderr, exit 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        _warn(self.message)


#: the exit code when the output's reader went away (128 + SIGPIPE, what a shell shows for such a process)
BROKEN_PIPE = 141


class _Group(click.Group):
    """Turns any unexpected exception into ``govlint: 内部错误：…`` and exit 2;
    tells the user's Ctrl-C from a KeyboardInterrupt of plugin code
    (:class:`~govlint.run.parallel.Interrupts`) from loading the plugins on."""

    def invoke(self, ctx: click.Context):
        try:
            with Interrupts.watching():
                return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (ConfigError, LintError) as exc:
            raise Failure(str(exc)) from None
        except BrokenPipeError:
            # the reader went away (``govlint check … | head``): stop quietly, as a
            # process killed by SIGPIPE would, and let nothing flush into the closed pipe
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(BROKEN_PIPE)
        except Exception as exc:
            debug_traceback("内部错误")
            _warn(f"内部错误：{type(exc).__name__}: {exc}")
            ctx.exit(2)


def run() -> None:
    """The ``govlint`` command: :func:`main`, then the exit handlers
    (:mod:`atexit`: the caches', the worker pool's, logging's), the standard
    streams flushed and the process ended at once with main's exit code.
    Should any of that fail, the interpreter ends the usual way.  What
    start-up made is frozen out of the garbage collector's sight (it lives
    as long as the process; forked workers then share it untouched), and
    the collector, off while :mod:`govlint.__main__` imported the command
    line, runs as seldom as in a batch
    (:data:`~govlint.run.engine.BATCH_GC_THRESHOLDS`)."""
    import gc

    gc.freeze()  # what start-up made (modules, classes, tables) lives as long as the process
    gc.set_threshold(*BATCH_GC_THRESHOLDS)
    gc.enable()
    try:
        main(prog_name="govlint")
    except SystemExit as exc:
        code = exc.code
    else:  # main() in standalone mode always exits
        code = 0
    import threading

    if (code is None or isinstance(code, int)) and threading.active_count() == 1:  # no thread left to wait for
        try:
            import atexit

            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            pass
        else:
            os._exit(code or 0)
    sys.exit(code)


def _warn(message: str) -> None:
    click.echo(f"govlint: {visible(message)}", err=True)


def _plugins(paths: Iterable[str] = (), options: Options = Options(), *, walk: bool = True) -> Plugins:
    """The plugins for ``paths`` (installed ones, rule paths, rules files of
    the configurations governing them); load warnings go to stderr."""
    plugins = plugins_for(paths, options, walk=walk)
    for warning in plugins.warnings:
        _warn(warning)
    return plugins


def _refs(values: tuple[str, ...]) -> tuple[str, ...]:
    """Comma-separated, repeatable option values as one tuple."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "-V", "--version", package_name="govlint", prog_name="govlint",
                      message="%(prog)s %(version)s", help="显示版本并退出")
def main() -> None:
    """检查政府信息公开工作年度报告的结构、表格与数据。"""


_REF_HELP = "规则代码、前缀、名称或 ALL，逗号分隔，可重复"

_config_option = click.option("--config", "config_file", metavar="FILE", help="使用此配置文件，不再自动查找")
_rule_path_option = click.option("--rule-path", "rule_paths", multiple=True, metavar="DIR",
                                 help="从此目录按文件路径加载规则模块（可重复）")


_PATTERN_HELP = "gitignore 格式的路径模式，逗号分隔，可重复，相对于当前目录"
_exclude_options = (
    click.option("--exclude", multiple=True, metavar="PATTERN",
                 help=f"不检查这些文件和目录，取代配置与默认的排除模式（{_PATTERN_HELP}）"),
    click.option("--extend-exclude", multiple=True, metavar="PATTERN",
                 help=f"在配置与默认的排除模式之外再排除这些（{_PATTERN_HELP}）"),
    click.option("--force-exclude", is_flag=True,
                 help="命令行上直接给出的文件也按排除模式过滤（pre-commit 钩子使用）"),
)


def _selection_options(command):
    """The options choosing rules and configuration (``check``, ``report``)."""
    for option in reversed([
        click.option("--select", multiple=True, metavar="RULES", help=f"只运行这些规则（{_REF_HELP}）"),
        click.option("--extend-select", multiple=True, metavar="RULES", help=f"在已选规则之外再运行这些规则（{_REF_HELP}）"),
        click.option("--ignore", multiple=True, metavar="RULES", help=f"不运行这些规则（{_REF_HELP}）"),
        _config_option,
        click.option("--no-config", is_flag=True, help="不使用任何配置文件"),
        _rule_path_option,
        *_exclude_options,
    ]):
        command = option(command)
    return command


def _run_options(command):
    """How a run goes (``check``, ``report``): processes, cache, the
    watchdog's budget per file; the values map onto :class:`Options`
    ``jobs``, ``cache``, ``time_limit`` and ``memory_limit``."""
    command = click.option("--memory-limit", type=click.FloatRange(min=0), metavar="MB",
                           help=f"检查每个文件可用的内存上限（MB，默认 {limits.MEMORY_LIMIT}；0 表示不限），"
                                "超出时报告 E009")(command)
    command = click.option("--time-limit", type=click.FloatRange(min=0), metavar="SECONDS",
                           help=f"检查每个文件的时间上限（秒，默认 {limits.TIME_LIMIT:g}；0 表示不限），"
                                "超出时报告 E009")(command)
    command = click.option("--no-cache", "cache", flag_value=False,
                           default=lambda: not os.environ.get("GOVLINT_NO_CACHE"),
                           help="不读取也不写入结果缓存（.govlint_cache/；环境变量 GOVLINT_NO_CACHE=1 同此）")(command)
    return click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
                        help="同时检查的进程数（默认：文件较多时用全部 CPU 核）")(command)


def _options(select, extend_select, ignore, config_file, no_config, rule_paths, exclude=(), extend_exclude=(),
             force_exclude=False, **more) -> Options:
    """Options from the values of :func:`_selection_options` (and ``more`` fields)."""
    if config_file and no_config:
        raise Failure("--config 与 --no-config 不能同时使用")
    return Options(
        select=_refs(select) if select else None,
        extend_select=_refs(extend_select),
        ignore=_refs(ignore),
        config=config_file,
        use_config=not no_config,
        rule_paths=tuple(rule_paths),
        exclude=_refs(exclude) if exclude else None,
        extend_exclude=_refs(extend_exclude),
        force_exclude=force_exclude,
        **more,
    )


def _output_options(command):
    """Where and how much ``check`` prints (the options of ruff and friends)."""
    for option in reversed([
        click.option("-o", "--output-file", metavar="FILE", help="把结果写入文件（原子写入），不输出到标准输出"),
        click.option("-q", "--quiet", is_flag=True, help="只输出问题，不输出汇总行、进度与提示"),
        click.option("--exit-zero", is_flag=True, help="发现问题时退出码仍为 0（内部错误仍为 2）"),
        click.option("--statistics", is_flag=True, help="只输出每条规则的问题个数"),
        click.option("--show-settings", metavar="FILE",
                     help="显示对文件 FILE 生效的配置及其来源，不做检查"),
    ]):
        command = option(command)
    return command


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text",
              show_default=True, help="输出格式")
@_selection_options
@click.option("--fail-level", type=click.Choice([s.label for s in Severity]),
              help="达到此级别的问题使退出码为 1（默认 error）")
@click.option("--stdin-filename", metavar="NAME", help="从标准输入（-）读取时使用的文件名，决定格式与配置")
@click.option("--baseline", "baseline_file", metavar="FILE", help="不报告基线文件中已记录的问题")
@click.option("--write-baseline", metavar="FILE",
              help="把当前的全部问题记入基线文件（之后只报告新问题；已有条目的 reason 保留）")
@_run_options
@_output_options
def check(paths, output_format, fail_level, stdin_filename, baseline_file, write_baseline, output_file, quiet,
          exit_zero, statistics, show_settings, **selection) -> None:
    """检查 PATHS 中的报告（文件或目录；- 表示标准输入）。"""
    options = _options(fail_level=Severity.parse(fail_level) if fail_level else None,
                       stdin_filename=stdin_filename, **selection)
    if show_settings is not None:
        return _show_settings(show_settings, output_format, options, output_file)
    if not paths:
        raise Failure("请给出要检查的文件或目录（- 表示标准输入）")
    if statistics and output_format not in ("text", "json"):
        raise Failure("--statistics 只能与 --format text 或 json 一起使用")
    _writable(write_baseline, "基线文件")
    if write_baseline or baseline_file:
        from .output import baseline
    if write_baseline:
        try:
            baseline.reasons(write_baseline)
        except ConfigError as exc:
            _warn(f"{exc}：将被覆盖，其中的 reason 无法保留")
    _writable(output_file, "输出文件")
    plugins = _plugins(paths, options)
    stdin = sys.stdin.buffer.read(limits.MAX_BYTES + 1) if "-" in paths else None  # more is E005 anyway
    result = lint(paths, options, plugins=plugins, stdin=stdin, warn=_warn,
                  progress=None if quiet else progress_bar())
    if not result.files and not quiet:
        _warn("没有找到可检查的报告文件")
    exit_code = None
    if write_baseline:
        try:
            written = baseline.write(write_baseline, result.findings)
            if not quiet:
                _warn(f"已将 {written} 个问题写入基线 {write_baseline}")
            baseline_file = write_baseline
        except OSError as exc:  # checked before the run; changed since
            _warn(f"无法写入基线文件 {write_baseline}：{exc.strerror or exc}（以下是全部问题）")
            exit_code = 2
    if baseline_file:
        result = baseline.apply(result, baseline_file)
    color = output_format == "text" and not output_file and use_color(sys.stdout)
    if statistics:
        from .output.formatters import statistics as stats

        text = stats.render(result, json_format=output_format == "json", quiet=quiet, rules=plugins.rules)
    else:
        text = stream(result, output_format, color=color, rules=plugins.rules, quiet=quiet)
    _emit(text, output_file, color)
    if exit_code is None and exit_zero:
        exit_code = 2 if result.errors else 0
    click.get_current_context().exit(exit_code if exit_code is not None else result.exit_code)


#: how much of a streamed output is written at once (one write, not one per finding)
_WRITE_CHUNK = 1 << 16


def _emit(text: str | Iterable[str], output_file: str | None, color: bool = False) -> None:
    """``text`` (and a line break) to standard output, or atomically to
    ``output_file``; ``text`` may come in pieces (:func:`~govlint.output.formatters.stream`),
    written to standard output as they come."""
    if output_file is None:
        pieces = [text] if isinstance(text, str) else text
        pending: list[str] = []
        size = 0
        for piece in pieces:
            pending.append(piece)
            size += len(piece)
            if size >= _WRITE_CHUNK:
                click.echo("".join(pending), nl=False, color=color)
                pending, size = [], 0
        click.echo("".join(pending), color=color)
        return
    if not isinstance(text, str):
        text = "".join(text)
    try:
        write_atomic(output_file, text + "\n", follow_symlinks=True)
    except OSError as exc:
        raise Failure(f"无法写入输出文件 {output_file}：{exc.strerror or exc}") from None


def _show_settings(file: str, output_format: str, options: Options, output_file: str | None) -> None:
    """``check --show-settings FILE``: the effective configuration of ``file`` and its sources."""
    import json

    from .output import settingsview

    if not os.path.lexists(file):
        raise Failure(f"路径不存在：{file}")
    _writable(output_file, "输出文件")
    data = settingsview.describe(file, options, _plugins([file], options))
    if output_format == "json":
        _emit(json.dumps(data, ensure_ascii=False, indent=2, default=str), output_file)
    elif output_format == "text":
        _emit(settingsview.text(data), output_file)
    else:
        raise Failure("--show-settings 只能与 --format text 或 json 一起使用")


def _writable(path: str | None, what: str) -> None:
    """Failure (before any work) when output file ``path`` cannot be written."""
    reason = unwritable(path) if path else None
    if reason is not None:
        raise Failure(f"无法写入{what} {path}：{reason}")


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--html", "html_file", metavar="FILE", help="把汇总写成一个独立的 HTML 页面（不联网即可打开）")
@click.option("--baseline", "baseline_file", metavar="FILE", help="不计入基线文件中已记录的问题")
@_selection_options
@_run_options
def report(paths, html_file, baseline_file, **selection) -> None:
    """汇总 PATHS 中各报告的检查结果：每份报告的机关、年度、模板与问题数，各规则违反的报告数。"""
    if not paths or "-" in paths:
        raise Failure("请给出要汇总的文件或目录（不支持标准输入）")
    from .output import baseline, htmlreport
    from .output.summary import summarise, text as summary_text

    options = _options(report_info=True, **selection)
    _writable(html_file, " HTML 页面")
    plugins = _plugins(paths, options)
    result = lint(paths, options, plugins=plugins, warn=_warn, progress=progress_bar())
    if baseline_file:
        result = baseline.apply(result, baseline_file)
    summary = summarise(result, plugins.rules)
    if html_file:
        try:
            write_atomic(html_file, htmlreport.render(summary), follow_symlinks=True)
        except OSError as exc:
            raise Failure(f"无法写入 HTML 页面 {html_file}：{exc.strerror or exc}") from None
    click.echo(summary_text(summary))
    click.get_current_context().exit(2 if result.errors else 0)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv", show_default=True,
              help="输出格式（CSV 为带 BOM 的 UTF-8，Excel 与 WPS 可直接打开）")
@click.option("--wide", is_flag=True, help="每份报告一行、每个规范键一列（默认：每份报告的每个值一行）")
@click.option("-o", "--output-file", metavar="FILE", help="写入文件（原子写入），不输出到标准输出")
@_config_option
@click.option("--no-config", is_flag=True, help="不使用任何配置文件（也不使用其中的排除模式）")
@click.option("--exclude", multiple=True, metavar="PATTERN", help=f"不读取这些文件和目录（{_PATTERN_HELP}）")
@click.option("--extend-exclude", multiple=True, metavar="PATTERN", help=f"再排除这些（{_PATTERN_HELP}）")
def extract(paths, output_format, wide, output_file, config_file, no_config, exclude, extend_exclude) -> None:
    """导出 PATHS 中各报告的表格数据：机关、年度、模板，以及表二、表三、表四中识别出的每个值（按规范键，含识别置信度与位置）。"""
    from .output import extract as extracting
    from .run.engine import SettingsResolver
    from .run.parallel import Budget, BudgetExceeded, watchdog
    from .run.paths import expand_paths

    if not paths or "-" in paths:
        raise Failure("请给出要导出的文件或目录（不支持标准输入）")
    _writable(output_file, "输出文件")
    options = _options((), (), (), config_file, no_config, (), exclude, extend_exclude)
    plugins = _plugins(paths, options)
    resolver = SettingsResolver(plugins, options)
    files = expand_paths(paths, plugins.extensions, excluded=resolver.excluded)
    reports = []
    for file in files:
        shown = display_path(file)
        try:
            with watchdog(Budget(limits.TIME_LIMIT, limits.MEMORY_LIMIT)):
                doc = read_document(file, readers=plugins.readers)
                reports.append(extracting.extract(doc, shown))
        except BudgetExceeded:
            reports.append(extracting.Extracted(shown, extracting.ReportInfo(None, None, None, "unknown"),
                                                "读取超过时间或内存上限，未导出", ()))
    if not reports:
        _warn("没有找到可读取的报告文件")
    _emit(extracting.render(reports, output_format, wide).removesuffix("\r\n"), output_file)


@main.command()
@click.option("--path", "show_path", is_flag=True, help="只输出此文档安装后的文件路径")
def keys(show_path) -> None:
    """列出表二、表三、表四的全部规范键（声明式规则的 formula、govlint extract 的列名使用它们）。"""
    from . import docs

    click.echo(str(docs.path("keys")) if show_path else docs.text("keys").rstrip("\n"))


@main.command()
@click.argument("name", type=click.Choice(["config", "rules"]))
@click.option("--path", "show_path", is_flag=True, help="只输出此模式安装后的文件路径")
def schema(name, show_path) -> None:
    """输出 JSON Schema：config 为 govlint.toml 与 [tool.govlint]，rules 为声明式规则文件；供编辑器校验。"""
    from . import docs

    document = "config-schema" if name == "config" else "rules-schema"
    click.echo(str(docs.path(document)) if show_path else docs.text(document).rstrip("\n"))


def _listing_plugins(config_file: str | None, rule_paths: tuple[str, ...]) -> Plugins:
    """The plugins ``rules`` and ``explain`` describe: installed ones, the
    rule paths given, and those of the configuration of the current
    directory (or ``--config``)."""
    return _plugins([os.curdir], Options(config=config_file, rule_paths=rule_paths), walk=False)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式")
@_config_option
@_rule_path_option
def rules(output_format, config_file, rule_paths) -> None:
    """列出所有规则：代码、名称、默认级别、来源插件、说明。"""
    import json

    from .output.texttable import table

    found = sorted(_listing_plugins(config_file, rule_paths).rules, key=lambda r: r.code)
    rows = [(r.code, r.name, r.severity.label, r.plugin, r.summary()) for r in found]
    if output_format == "json":
        keys = ("code", "name", "severity", "plugin", "summary")
        click.echo(json.dumps([dict(zip(keys, row)) for row in rows], ensure_ascii=False, indent=2))
    else:
        click.echo(table(("代码", "名称", "级别", "插件", "说明"), rows))


@main.command()
@click.argument("rule")
@_config_option
@_rule_path_option
def explain(rule, config_file, rule_paths) -> None:
    """显示规则 RULE（代码或名称）的说明文档。"""
    found = _listing_plugins(config_file, rule_paths).find_rule(rule)
    if found is None:
        raise Failure(f"未知的规则 '{rule}'（govlint rules 列出所有规则）")
    click.echo(f"{found.code} {found.name}")
    click.echo(f"级别：{found.severity.label}（{found.severity.chinese}）")
    click.echo(f"插件：{found.plugin}")
    click.echo()
    documentation = found.documentation()
    click.echo(documentation)
    if "DOMAIN.md" in documentation:
        from . import docs

        click.echo(f"DOMAIN.md（领域说明）随 govlint 安装：{docs.path('domain')}")


@main.command()
@click.argument("file")
def parse(file) -> None:
    """以 JSON 输出 FILE 被识别出的结构：标题、章节、子项、段落与表格。"""
    import json

    from .output.serialize import document_data

    if not os.path.lexists(file):
        raise Failure(f"路径不存在：{file}")
    doc = read_document(file, readers=_plugins().readers)
    click.echo(json.dumps(document_data(doc, display_path(file)), ensure_ascii=False, indent=2))


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="端口（默认：任一空闲端口）")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；不是本机地址时（局域网）须加 --password，或使用启动时显示的带令牌地址")
@click.option("--password", is_flag=False, flag_value="", default=None, envvar="GOVLINT_SERVE_PASSWORD",
              help="局域网访问者须输入的密码（只写 --password 则提示输入；也可用环境变量 GOVLINT_SERVE_PASSWORD）")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器")
@_config_option
def serve(port, host, password, no_browser, config_file) -> None:
    """在本机打开检查网页：把报告拖进去，即可看到每个问题在原文中的位置。"""
    from .output.serve.server import ServeError, ServeOptions, serve as run

    if password == "":
        password = click.prompt("密码", hide_input=True, confirmation_prompt=True)
    try:
        run(ServeOptions(host, port, password, config_file, not no_browser), echo=click.echo, warn=_warn)
    except ServeError as exc:
        raise Failure(str(exc)) from None
