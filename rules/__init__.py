"""govlint's built-in rules, one module per rule, in groups by category.

Each group package (``structure``, ``input``, …) is a plugin registered under
the ``govlint`` entry-point group exactly like a third-party plugin; its
``__init__`` implements the ``govlint_rules`` hook with :func:`collect`,
which returns stand-ins made from the static table of every built-in rule
(:mod:`govlint.rules.table`): a rule's module is imported only when the
rule runs or its documentation is read.
"""

from __future__ import annotations

import importlib

import msgspec

from govlint.findings import Finding
from govlint.model import Severity
from govlint.rule import Rule


def collect(package: str) -> list[type[Rule]]:
    """The rules of the group ``package`` (``govlint.rules.<group>``) as
    stand-ins made from :data:`govlint.rules.table.TABLE`: each imports its
    rule's module on first use (:func:`deferred`)."""
    from .table import TABLE

    group = package.rpartition(".")[2]
    return [deferred(package, *entry) for entry in TABLE if entry[3] == group]


def deferred(package: str, code: str, name: str, severity: str, group: str, target: str,
             over_sets: bool, alone: bool) -> type[Rule]:
    """A stand-in for the rule class ``package.<target>`` (``module:Class``)
    that knows its code, name, severity and whether it runs over report sets
    (and on a lone report) without importing its module (a subclass of
    :class:`_Deferred`, which says how the rest comes from the real class)."""
    attributes = {
        "code": code, "name": name, "severity": Severity[severity], "over_report_sets": over_sets, "alone": alone,
        "__module__": package, "__qualname__": target.partition(":")[2], "_target": f"{package}.{target}",
    }
    return _StandIn(attributes["__qualname__"], (_Deferred,), attributes)


class _StandIn(type):
    """The type of the stand-ins: what a stand-in does not know itself (a
    rule's own class attributes) it reads from the real class."""

    def __getattr__(cls, name: str):
        if "_target" not in cls.__dict__:  # _Deferred itself
            raise AttributeError(name)
        return getattr(cls.real(), name)


class _Deferred(Rule, metaclass=_StandIn):
    """The stand-ins' base: its documentation, its instances, its
    configuration check and any other class attribute come from the real
    class, imported on first use; the plugin manager's ``plugin`` and
    ``origin`` are passed on to it."""

    #: ``package.module:Class`` of the real class
    _target = ""

    def __new__(cls, *args, **kwargs):
        return cls.real()(*args, **kwargs)

    @classmethod
    def real(cls) -> type[Rule]:
        loaded = cls.__dict__.get("_real")
        if loaded is None:
            module, _, attribute = cls._target.partition(":")
            loaded = getattr(importlib.import_module(module), attribute)
            cls._real = loaded
        loaded.plugin, loaded.origin = cls.plugin, cls.origin
        return loaded

    @classmethod
    def documentation(cls) -> str:
        return cls.real().documentation()

    @classmethod
    def check_config(cls, values):
        return cls.real().check_config(values)

    @classmethod
    def validate(cls) -> None:
        """Nothing: the table is checked against the real classes (tests/rules/test_table.py)."""


def hint(finding: Finding) -> Finding:
    """``finding`` (made with its reason in ``uncertain``) as a hint: for a
    report the national format does not govern (one before 2019), what the
    format requires is said for reference only, whatever the rule's
    severity."""
    return msgspec.structs.replace(finding, severity=Severity.INFO, certain=False)
