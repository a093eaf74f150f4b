"""The package's layering: no import cycle between modules, folders of a
reasonable size, each with a docstring, every package listed for the wheel.

Imports are read from the source (every ``import``/``from … import``, also
those inside functions and ``if TYPE_CHECKING:`` blocks: a lazy import is
still a dependency), resolved to modules of ``govlint`` (``linter/``) and
``govlint.rules`` (``rules/``).  Importing a package's ``__init__`` implicitly
is not counted; naming it is.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIRS = {"govlint": ROOT / "linter", "govlint.rules": ROOT / "rules"}


def modules() -> dict[str, Path]:
    """Every module of govlint by dotted name (packages by their ``__init__``)."""
    found: dict[str, Path] = {}
    for base, folder in PACKAGE_DIRS.items():
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((base, *parts)) if parts else base] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that module ``name`` (at ``path``) imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return components


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules():
    assert cycles(graph()) == []


def test_the_model_sits_at_the_bottom():
    """The model (and the finding it builds) import nothing of govlint but
    the text helpers and the standalone utilities (compiling patterns,
    reading data files, writing files), which import nothing of govlint but
    each other."""
    edges = graph()
    utilities = {"govlint.regexes", "govlint.data", "govlint.atomic"}
    for name in ("govlint.model", "govlint.findings", "govlint.normalize"):
        assert edges[name] <= {"govlint.model", "govlint.normalize"} | utilities, (name, edges[name])
    for name in utilities:
        assert edges[name] <= utilities, (name, edges[name])


def test_every_module_imports_in_a_fresh_process():
    names = sorted(modules())
    code = "import importlib, sys\nfor n in sys.argv[1:]:\n    importlib.import_module(n)\n"
    subprocess.run([sys.executable, "-c", code, *names], check=True)


def test_folders_are_small_and_say_what_they_hold():
    for folder in [ROOT / "linter", *(p.parent for p in (ROOT / "linter").rglob("__init__.py"))]:
        init = folder / "__init__.py"
        assert init.exists(), folder
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init}: no docstring"
        count = len([p for p in folder.glob("*.py") if p.name != "__init__.py"])
        assert count <= 10, f"{folder} holds {count} modules"


def test_every_package_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    packages = {name for name, path in modules().items() if path.name == "__init__.py"}
    assert listed == packages
