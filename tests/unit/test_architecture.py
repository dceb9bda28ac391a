"""The shape of the house, checked: the import-linter contracts in pyproject.toml hold (the
layers of the data flow among them), no two modules import each other (not even through an
import inside a function), the package's top level is a short list of rooms, no module is too
long to read in one sitting, and an import kept inside a function says why."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "fleksjob_tui"
MAX_LINES = 600
#: Modules over MAX_LINES today, each being split by its owner in this round (issue 12).
TOO_LONG_TODAY: set[str] = set()
#: Modules whose in-function imports have no comment yet; their owners change them in this round
#: (issue 12: the case view, the host protocol, the outputs). Remove a name once it is done.
INNER_IMPORTS_UNEXPLAINED = {
    "wizard/app.py", "cli/__init__.py",
    "wizard/screens/base.py", "wizard/screens/editor.py", "wizard/screens/measures.py",
    "wizard/screens/meetings.py", "wizard/screens/start.py", "wizard/screens/wizard.py",
    "wizard/widgets/fields.py",
}
#: The rooms of the house, in the order data flows through them (docs/architecture.md).
ROOMS = ["cli", "wizard", "plain", "web", "documents", "view", "rules", "case", "content"]


def _lint_imports() -> list[str]:
    here = Path(sys.executable).parent / "lint-imports"
    found = str(here) if here.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    return [found]


def test_import_contracts_hold():
    result = subprocess.run([*_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    kept = int(result.stdout.split("Contracts: ")[1].split(" kept")[0])
    assert kept >= 4, result.stdout
    assert "Data flows one way" in result.stdout  # the layers contract of the whole package


def _module_name(path: Path) -> tuple[str, bool]:
    """``fleksjob_tui/case/model.py`` → (``fleksjob_tui.case.model``, False); a package's
    ``__init__.py`` → (the package, True)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _is_type_checking(test: ast.expr) -> bool:
    return ((isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _imports(tree: ast.AST):
    """Every import statement of a module, those inside functions included, those under
    ``if TYPE_CHECKING:`` left out (they never run)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for other in node.orelse:
                yield from _imports_in(other)
            continue
        yield from _imports_in(node)


def _imports_in(node: ast.AST):
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    yield from _imports(node)


def import_graph() -> dict[str, set[str]]:
    """module → the package's modules it imports (by AST: no module is run)."""
    modules = {_module_name(path)[0]: path for _, path in _modules()}
    modules[PACKAGE.name] = PACKAGE / "__init__.py"
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    prefix = ".".join(base + ([node.module] if node.module else []))
                else:
                    prefix = node.module or ""
                # `from pkg import mod` imports the module; `from mod import name` the module
                wanted = [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in modules else prefix
                          for a in node.names]
            for target in wanted:
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target in modules and target != name:
                    targets.add(target)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle_through_an_import_inside_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_imports_inside_functions_and_skips_type_checking(tmp_path):
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import x\n"
                     "def f():\n    import y\n")
    assert [n.names[0].name for n in _imports(tree) if isinstance(n, ast.Import)] == ["y"]


def test_no_two_modules_import_each_other():
    """No import circle between any modules of the package, imports inside functions counted
    (a late import hides a circle; it does not remove it)."""
    graph = import_graph()
    assert "fleksjob_tui.documents.output" in graph["fleksjob_tui.cli"]  # the graph is real
    assert cycles(graph) == []


def test_the_top_level_is_the_data_flow():
    """At most ten rooms besides __init__ and __main__, each a package named in ROOMS."""
    top = sorted(p.name.removesuffix(".py") for p in PACKAGE.iterdir()
                 if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))
                 and p.name not in ("__init__.py", "__main__.py"))
    assert len(top) <= 10, top
    assert sorted(ROOMS) == top


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), path


def test_no_module_over_600_lines():
    too_long = {rel: n for rel, path in _modules()
                if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert set(too_long) <= TOO_LONG_TODAY, too_long


def _unexplained_inner_imports(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    found = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.Import | ast.ImportFrom):
                line, above = lines[node.lineno - 1], lines[node.lineno - 2].strip()
                if "#" not in line and not above.startswith("#"):
                    found.append(f"{node.lineno}: {line.strip()}")
    return found


def test_an_import_inside_a_function_says_why():
    """Start-up speed, or keeping Textual out of the command line: one comment on the line (or
    the line above) for each import that is not at the top of its module."""
    missing = {rel: found for rel, path in _modules()
               if rel not in INNER_IMPORTS_UNEXPLAINED
               and (found := _unexplained_inner_imports(path))}
    assert missing == {}
