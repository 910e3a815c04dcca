"""The project's packages import each other in one direction only: no cycles, and bot/domain at
the bottom imports nothing of the project. docs/ARCHITECTURE.md's layer table says the same."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from .conftest import REPO_ROOT

DOCS = REPO_ROOT / "docs" / "ARCHITECTURE.md"


def unit_of(module: str) -> str | None:
    """The unit a module belongs to: a package under bot/ (``bot.core``), a top-level module of
    bot (``bot.messages``), or ``cogs``; None for anything outside the project."""
    parts = module.split(".")
    if parts[0] == "cogs":
        return "cogs"
    if parts[0] != "bot":
        return None
    return ".".join(parts[:2]) if len(parts) > 1 else "bot"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, module: str) -> set[str]:
    """Every module ``path`` imports, relative imports resolved, including imports made inside
    functions and under TYPE_CHECKING (a cycle of types is still a cycle)."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def unit_graph(root: Path) -> dict[str, dict[str, list[str]]]:
    """unit -> imported unit -> the imports (``module -> module``) that make the edge."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for top in ("bot", "cogs"):
        for path in sorted((root / top).rglob("*.py")):
            module = module_name(path, root)
            source = unit_of(module)
            for imported in imports_of(path, module):
                target = unit_of(imported)
                if target and target != source and _is_module(root, imported):
                    graph[source][target].append(f"{module} -> {imported}")
    return graph


def _is_module(root: Path, name: str) -> bool:
    """``from bot.core import stats`` names a module; ``from bot.core.stats import X`` adds
    ``bot.core.stats.X``, which is not one (its module is seen on its own)."""
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The strongly connected components with more than one unit (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(unit: str) -> None:
        index[unit] = low[unit] = len(index)
        stack.append(unit)
        on_stack.add(unit)
        for target in graph.get(unit, {}):
            if target not in index:
                visit(target)
                low[unit] = min(low[unit], low[target])
            elif target in on_stack:
                low[unit] = min(low[unit], index[target])
        if low[unit] == index[unit]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == unit:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for unit in sorted(set(graph) | {t for edges in graph.values() for t in edges}):
        if unit not in index:
            visit(unit)
    return found


def _explain(graph: dict[str, dict[str, list[str]]], component: list[str]) -> str:
    lines = []
    for source in component:
        for target in component:
            for example in graph.get(source, {}).get(target, [])[:3]:
                lines.append(f"  {example}")
    return f"cycle among {', '.join(component)}:\n" + "\n".join(lines)


def test_no_import_cycles_between_packages() -> None:
    graph = unit_graph(REPO_ROOT)
    found = cycles(graph)
    assert not found, "\n".join(_explain(graph, c) for c in found)


def test_domain_imports_nothing_of_the_project() -> None:
    graph = unit_graph(REPO_ROOT)
    assert dict(graph.get("bot.domain", {})) == {}


def test_core_reaches_storage_only_through_ports() -> None:
    """The core names what it needs as Protocols (bot/core/ports); backends implement them."""
    graph = unit_graph(REPO_ROOT)
    core = graph.get("bot.core", {})
    assert not core.get("bot.storage") and not core.get("bot.scheduling"), dict(core)


def test_the_layer_table_is_true_to_the_imports() -> None:
    """Each row of docs/ARCHITECTURE.md's layer table lists every project unit the layer
    imports (a unit the table omits, or an import the table forbids, fails here)."""
    graph = unit_graph(REPO_ROOT)
    table = _layer_table(DOCS.read_text())
    every = set(graph) | {t for edges in graph.values() for t in edges}
    covered = {unit for where in table for unit in where}
    assert every - {"bot"} <= covered, f"not in the layer table: {sorted(every - covered)}"
    for where, allowed in table.items():
        for unit in where:
            imported = set(graph.get(unit, {}))
            extra = set() if EVERYTHING in allowed else imported - allowed - set(where)
            assert not extra, f"{unit} imports {sorted(extra)}, not in its row of the layer table"


_CODE = re.compile(r"`([^`]+)`")
EVERYTHING = "*"


def _layer_table(text: str) -> dict[tuple[str, ...], set[str]]:
    """Rows of the table: the units a row covers -> the units it may import."""
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rows: dict[tuple[str, ...], set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in {"layer", "---"} or set(cells[0]) <= {"-"}:
            continue
        where = tuple(u for u in (_unit_of_path(p) for p in _CODE.findall(cells[1])) if u)
        allowed = {u for u in (_unit_of_path(p) for p in _CODE.findall(cells[2])) if u}
        if cells[2].startswith("everything"):
            allowed.add(EVERYTHING)
        if where:
            rows[where] = allowed
    return rows


def _unit_of_path(text: str) -> str | None:
    """``bot/core/`` -> bot.core; ``bot/cogkit.py`` -> bot.cogkit; ``cogs/*.py`` -> cogs."""
    text = text.strip().rstrip("/")
    if text.startswith("cogs"):
        return "cogs"
    if not text.startswith("bot"):
        return None
    parts = text.removesuffix(".py").split("/")
    if "<" in text:  # bot/platforms/<name>/
        parts = parts[:2]
    return ".".join(parts[:2])


def test_the_checks_see_cycles_and_table_rows(tmp_path: Path) -> None:
    """The detector finds a cycle through a relative import (so the tests above can fail)."""
    for package in ("bot/a", "bot/b", "cogs"):
        (tmp_path / package).mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "bot" / "__init__.py").write_text("")
    (tmp_path / "bot" / "a" / "x.py").write_text("from ..b import y\n")
    (tmp_path / "bot" / "b" / "y.py").write_text("def f():\n    from bot.a.x import g\n")
    assert cycles(unit_graph(tmp_path)) == [["bot.a", "bot.b"]]
    table = "## Layers\n| layer | where | may import | job |\n|---|---|---|---|\n"
    table += "| a | `bot/a/` | `bot/b/`, stdlib | x |\n"
    assert _layer_table(table) == {("bot.a",): {"bot.b"}}
