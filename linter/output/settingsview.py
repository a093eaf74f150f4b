"""``govlint check --show-settings FILE``: the effective configuration for
one file and where each part of it came from (as ``ruff check
--show-settings``): the configuration file found (or given, or none),
whether the file is excluded and by which pattern, the rules that run,
severity overrides and per-file ignores that apply, the fail level and
budgets with their source (command line, configuration, default), the
rule paths and rules files, the other configuration values (a plugin's
default or the configuration's) and the cache directory.

:func:`describe` gives it as data (``--format json``), :func:`text` as
Chinese text.
"""

from __future__ import annotations

import json
import os
from typing import Any

from .. import limits
from ..run.cache import DIRECTORY, root_for
from ..run.config import Options, display_path
from ..run.engine import SettingsResolver
from ..run.plugins import Plugins


def _source(command_line: bool, configured: bool, config_name: str | None) -> str:
    if command_line:
        return "命令行"
    if configured:
        return config_name or "配置文件"
    return "默认"


def describe(file: str, options: Options, plugins: Plugins) -> dict[str, Any]:
    """The effective settings for ``file`` as data (see the module docstring)."""
    resolver = SettingsResolver(plugins, options)
    config = resolver.config_for(file)
    settings = resolver(file)
    name = display_path(config.path) if config is not None and config.path else None
    if not options.use_config:
        found = "不使用配置文件（--no-config）"
    elif options.config:
        found = f"{name}（--config 指定）"
    elif name:
        found = f"{name}（从文件所在目录向上查找到的最近配置）"
    else:
        found = "未找到配置文件（使用默认设置）"
    codes = sorted(r.code for r in plugins.rules)
    enabled = sorted(settings.enabled)
    ignored = sorted(settings.ignored_for(file))
    exclusion = settings.exclusion
    matched = exclusion.matching(file) if os.path.lexists(file) else None
    values = {}
    for key, value in sorted(settings.values.items()):
        from_config = config is not None and key in config.values
        values[key] = {"value": value, "source": name if from_config else "插件默认"}

    def budget(given: float | None, configured: float | None, default: float) -> dict[str, Any]:
        value = given if given is not None else configured if configured is not None else default
        return {"value": value, "source": _source(given is not None, configured is not None, name)}

    return {
        "file": display_path(file),
        "config": name,
        "config_found": found,
        "excluded": matched is not None,
        "excluded_by": None if matched is None else {"pattern": matched[1], "root": display_path(matched[0])},
        "exclude": list(exclusion.patterns),
        "force_exclude": options.force_exclude,
        "select": {"config": list(config.select) if config and config.select is not None else None,
                   "command_line": list(options.select) if options.select is not None else None},
        "extend_select": {"config": list(config.extend_select) if config else [],
                          "command_line": list(options.extend_select)},
        "ignore": {"config": list(config.ignore) if config else [], "command_line": list(options.ignore)},
        "enabled": enabled,
        "disabled": [code for code in codes if code not in settings.enabled],
        "per_file_ignores": ignored,
        "severity": {code: level.label for code, level in sorted(settings.severities.items())},
        "fail_level": {"value": settings.fail_level.label,
                       "source": _source(options.fail_level is not None,
                                         config is not None and config.fail_level is not None, name)},
        "time_limit": budget(options.time_limit, settings.time_limit, limits.TIME_LIMIT),
        "memory_limit": budget(options.memory_limit, settings.memory_limit, limits.MEMORY_LIMIT),
        "rule_paths": [display_path(p) for p in (config.rule_paths if config else ())] + list(options.rule_paths),
        "rules_files": [display_path(p) for p in (config.rules_files if config else ())],
        "values": values,
        "cache": display_path(os.path.join(root_for(options.config), DIRECTORY)) if options.cache else None,
    }


def _list(items: list[str]) -> str:
    return " ".join(items) if items else "（无）"


def text(data: dict[str, Any]) -> str:
    """``data`` of :func:`describe` as Chinese text, one setting a line."""
    excluded = "否"
    if data["excluded"]:
        by = data["excluded_by"]
        excluded = f"是（模式 \"{by['pattern']}\"，相对于 {by['root']}）"
        if not data["force_exclude"]:
            excluded += "；在命令行上直接指定此文件时仍会检查，加 --force-exclude 则不检查"
    lines = [
        f"文件：{data['file']}",
        f"配置文件：{data['config_found']}",
        f"排除：{excluded}",
        f"排除模式：{_list(data['exclude'])}",
    ]
    for key, label in (("select", "select"), ("extend_select", "extend-select"), ("ignore", "ignore")):
        parts = data[key]
        config = "未设置" if parts["config"] is None else _list(parts["config"])
        command_line = "未设置" if parts["command_line"] is None else _list(parts["command_line"])
        lines.append(f"{label}：配置文件 {config}；命令行 {command_line}")
    lines += [
        f"运行的规则（{len(data['enabled'])} 条）：{_list(data['enabled'])}",
        f"不运行的规则（{len(data['disabled'])} 条）：{_list(data['disabled'])}",
        f"此文件的 per-file-ignores：{_list(data['per_file_ignores'])}",
        "级别覆盖：" + _list([f"{code}={level}" for code, level in data["severity"].items()]),
        f"失败级别（fail-level）：{data['fail_level']['value']}（{data['fail_level']['source']}）",
        f"时间上限（time-limit）：{data['time_limit']['value']:g} 秒（{data['time_limit']['source']}）",
        f"内存上限（memory-limit）：{data['memory_limit']['value']:g} MB（{data['memory_limit']['source']}）",
        f"规则目录（rule-paths）：{_list(data['rule_paths'])}",
        f"规则文件（rules-files）：{_list(data['rules_files'])}",
    ]
    for key, item in data["values"].items():
        value = json.dumps(item["value"], ensure_ascii=False, default=str)
        lines.append(f"{key} = {value}（{item['source']}）")
    lines.append(f"结果缓存：{data['cache'] or '不使用（--no-cache）'}")
    return "\n".join(lines)

