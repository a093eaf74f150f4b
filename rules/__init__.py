"""govlint's built-in rules, one module per rule, in groups by category.

Each group package (``structure``, ``input``, …) is a plugin registered under
the ``govlint`` entry-point group exactly like a third-party plugin; its
``__init__`` maps the group's codes to modules in one table (``RULES``) and
implements the ``govlint_rules`` hook with :func:`collect`.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect

from govlint.findings import Finding
from govlint.model import Severity
from govlint.rule import Rule


def collect(package: str, codes: dict[str, str]) -> list[type[Rule]]:
    """Import ``package.<module>`` for each ``code → module`` and return the
    rule classes, checking that each module defines the rule its code names."""
    rules = []
    for code, module_name in codes.items():
        module = importlib.import_module(f"{package}.{module_name}")
        found = [obj for obj in vars(module).values()
                 if inspect.isclass(obj) and issubclass(obj, Rule) and obj.__module__ == module.__name__
                 and obj.code == code]
        if len(found) != 1:
            raise LookupError(f"{module.__name__} must define exactly one rule with code {code}")
        rules.append(found[0])
    return rules


def hint(finding: Finding) -> Finding:
    """``finding`` (made with its reason in ``uncertain``) as a hint: for a
    report the national format does not govern (one before 2019), what the
    format requires is said for reference only, whatever the rule's
    severity."""
    return dataclasses.replace(finding, severity=Severity.INFO, certain=False)
