"""The ``govlint`` command line: a thin layer over :mod:`govlint.engine`.

Commands: ``check`` (lint files), ``rules`` (list the rules), ``explain``
(one rule's documentation), ``parse`` (the recognised structure as JSON).
Exit codes: 0 no finding at or above the fail level, 1 findings, 2 usage,
configuration or internal error.  Messages are Chinese; option names
English.  Set ``GOVLINT_DEBUG=1`` to see tracebacks of internal errors.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import unicodedata

import click

from . import __version__
from .config import ConfigError, display_path
from .engine import LintError, Options, lint
from .formatters import FORMATTERS, render
from .model import Severity
from .pipeline import read_document
from .plugins import Plugins, load_plugins
from .serialize import document_data


class Failure(click.ClickException):
    """A usage or configuration error: ``govlint: <message>`` on stderr, exit 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        _warn(self.message)


class _Group(click.Group):
    """Turns any unexpected exception into ``govlint: 内部错误：…`` and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (ConfigError, LintError) as exc:
            raise Failure(str(exc)) from None
        except Exception as exc:
            if os.environ.get("GOVLINT_DEBUG") == "1":
                traceback.print_exc()
            _warn(f"内部错误：{type(exc).__name__}: {exc}")
            ctx.exit(2)


def _warn(message: str) -> None:
    click.echo(f"govlint: {message}", err=True)


def _plugins() -> Plugins:
    plugins = load_plugins()
    for warning in plugins.warnings:
        _warn(warning)
    return plugins


def _refs(values: tuple[str, ...]) -> tuple[str, ...]:
    """Comma-separated, repeatable option values as one tuple."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="govlint", message="%(prog)s %(version)s")
def main() -> None:
    """检查政府信息公开工作年度报告的结构、表格与数据。"""


_REF_HELP = "规则代码、前缀、名称或 ALL，逗号分隔，可重复"


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text",
              show_default=True, help="输出格式")
@click.option("--select", multiple=True, help=f"只运行这些规则（{_REF_HELP}）")
@click.option("--extend-select", multiple=True, help=f"在已选规则之外再运行这些规则（{_REF_HELP}）")
@click.option("--ignore", multiple=True, help=f"不运行这些规则（{_REF_HELP}）")
@click.option("--fail-level", type=click.Choice([s.label for s in Severity]),
              help="达到此级别的问题使退出码为 1（默认 error）")
@click.option("--config", "config_file", metavar="FILE", help="使用此配置文件，不再自动查找")
@click.option("--no-config", is_flag=True, help="不使用任何配置文件")
@click.option("--stdin-filename", metavar="NAME", help="从标准输入（-）读取时使用的文件名，决定格式与配置")
def check(paths, output_format, select, extend_select, ignore, fail_level, config_file, no_config,
          stdin_filename) -> None:
    """检查 PATHS 中的报告（文件或目录；- 表示标准输入）。"""
    if not paths:
        raise Failure("请给出要检查的文件或目录（- 表示标准输入）")
    if config_file and no_config:
        raise Failure("--config 与 --no-config 不能同时使用")
    options = Options(
        select=_refs(select) if select else None,
        extend_select=_refs(extend_select),
        ignore=_refs(ignore),
        fail_level=Severity.parse(fail_level) if fail_level else None,
        config=config_file,
        use_config=not no_config,
        stdin_filename=stdin_filename,
    )
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    result = lint(paths, options, plugins=_plugins(), stdin=stdin, warn=_warn)
    if not result.files:
        _warn("没有找到可检查的报告文件")
    click.echo(render(result, output_format, color=output_format == "text" and sys.stdout.isatty()))
    click.get_current_context().exit(result.exit_code)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式")
def rules(output_format) -> None:
    """列出所有规则：代码、名称、默认级别、来源插件、说明。"""
    found = sorted(_plugins().rules, key=lambda r: r.code)
    rows = [(r.code, r.name, r.severity.label, r.plugin, r.summary()) for r in found]
    if output_format == "json":
        keys = ("code", "name", "severity", "plugin", "summary")
        click.echo(json.dumps([dict(zip(keys, row)) for row in rows], ensure_ascii=False, indent=2))
    else:
        click.echo(_table(("代码", "名称", "级别", "插件", "说明"), rows))


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell + " " * (width - _width(cell)) for cell, width in zip(row, widths)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


@main.command()
@click.argument("rule")
def explain(rule) -> None:
    """显示规则 RULE（代码或名称）的说明文档。"""
    found = _plugins().find_rule(rule)
    if found is None:
        raise Failure(f"未知的规则 '{rule}'（govlint rules 列出所有规则）")
    click.echo(f"{found.code} {found.name}")
    click.echo(f"级别：{found.severity.label}（{found.severity.chinese}）")
    click.echo(f"插件：{found.plugin}")
    click.echo()
    click.echo(found.documentation())


@main.command()
@click.argument("file")
def parse(file) -> None:
    """以 JSON 输出 FILE 被识别出的结构：标题、章节、子项、段落与表格。"""
    if not os.path.lexists(file):
        raise Failure(f"路径不存在：{file}")
    doc = read_document(file, readers=_plugins().readers)
    click.echo(json.dumps(document_data(doc, display_path(file)), ensure_ascii=False, indent=2))
