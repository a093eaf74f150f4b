"""The terminal conventions of the command line: when to use colour, and
click's own texts in Chinese.

Colour (:func:`use_color`) follows the conventions of ruff and friends: a
non-empty ``NO_COLOR`` turns it off (https://no-color.org), else a
non-empty ``FORCE_COLOR`` turns it on even when the output is not a
terminal, else it is on only when the output is a terminal (never in a
file, a pipe or a CI log).

Messages of govlint are Chinese; so are click's (usage lines, section
headings of ``--help``, usage errors such as an unknown option):
:func:`chinese_click` installs :data:`CLICK_TEXTS` as the translation of
the click modules' ``gettext`` calls (click looks its messages up through
``gettext`` at the time it prints them, so this is what a translation
catalogue would do, without one).  Texts not listed stay English.
"""

from __future__ import annotations

import os
from typing import IO, Callable

#: click's message ids (as in its source) → Chinese; placeholders kept
CLICK_TEXTS: dict[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示此帮助并退出",
    "Show the version and exit.": "显示版本并退出",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "float": "数",
    "Did you mean {possibility}?": "是否应为 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否应为其中之一：{possibilities}？）",
    "default: {default}": "默认：{default}",
    "Aborted!": "已中止。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
}

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")


def _gettext(message: str) -> str:
    return CLICK_TEXTS.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def chinese_click() -> None:
    """Make click print its texts in Chinese (see the module docstring)."""
    import importlib

    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # a click without this module: nothing of it to translate
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext


def use_color(stream: IO | None = None, environ: dict[str, str] | None = None,
              isatty: Callable[[], bool] | None = None) -> bool:
    """Whether output to ``stream`` (default: standard output) is coloured
    (see the module docstring)."""
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if isatty is None:
        import sys

        stream = stream if stream is not None else sys.stdout
        isatty = getattr(stream, "isatty", lambda: False)
    try:
        return bool(isatty())
    except (OSError, ValueError):  # a closed or detached stream
        return False
