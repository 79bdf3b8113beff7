"""No import circles among the project's own modules (issue 13).

Every import statement counts, at module level or inside a function: a function-level import
hides a circle from Python's loader, not from the reader. Tests and migrations are left out.
The same rules as ../shared/tools/import_circles.py, kept here so the suite needs nothing outside
the repository.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]  # src/

# No app loop remains (issue 13): core asks `user.has_perm` instead of reading accounts,
# disputes asks fating.disputes.court_side (which cases plugs in) instead of reading cases, and
# analytics and warnings meet through audit events (fating.core.events) and a registered counter.
KNOWN_APP_LOOPS: list[set[str]] = []


def _modules() -> dict[str, Path]:
    mods = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        if "migrations" in parts or "tests" in parts or path.name.startswith("test_"):
            continue
        name = ".".join(path.relative_to(SRC).with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = path
    return mods


def _import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports anywhere in its body."""
    mods = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {m: set() for m in mods}
    for module, path in mods.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*up, base] if base else up)
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            else:
                continue
            for target in targets:
                found = resolve(target)
                if found and found != module:
                    graph[module].add(found)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected groups of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    out.append(group)
    return out


def _app(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_the_checker_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [{"a", "b", "c"}]


def test_no_two_files_import_each_other() -> None:
    circles = [" <-> ".join(sorted(c)) for c in _circles(_import_graph())]
    assert circles == []


def _app_graph() -> dict[str, set[str]]:
    apps: dict[str, set[str]] = {}
    for module, targets in _import_graph().items():
        apps.setdefault(_app(module), set()).update(
            _app(t) for t in targets if _app(t) != _app(module)
        )
    for targets in list(apps.values()):
        for target in targets:
            apps.setdefault(target, set())
    return apps


def test_no_new_loop_between_apps() -> None:
    loops = _circles(_app_graph())
    assert [sorted(loop) for loop in loops if loop not in KNOWN_APP_LOOPS] == []


def test_the_demo_is_on_top() -> None:
    """The demo seeds through every app's services; no app may depend on it."""
    apps = _app_graph()
    assert sorted(app for app, targets in apps.items() if "fating.demo" in targets) == []
