"""No two modules of gongkai import each other, directly or round a longer ring.

Every import counts, a function-level one too: a lazy import that dodges a cycle at load time is still
a cycle in the design. (import-linter's contracts in pyproject.toml check the layers; this checks the
modules, with grimp, the graph library import-linter is built on.)
"""

from __future__ import annotations

import itertools

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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


def _ring(graph: grimp.ImportGraph, component: list[str]) -> str:
    """One ring through the component's first module, as ``a -> b -> a``, with the lines that import."""
    start = component[0]
    members = set(component)
    for nxt in sorted(graph.find_modules_directly_imported_by(start) & members):
        path = graph.find_shortest_chain(importer=nxt, imported=start)
        if path:
            ring = [start, *path]
            steps = []
            for a, b in itertools.pairwise(ring):
                lines = graph.get_import_details(importer=a, imported=b)
                where = ", ".join(f"l.{d['line_number']}" for d in lines)
                steps.append(f"{a} -> {b} ({where})")
            return "\n    ".join(steps)
    return " <-> ".join(component)


def test_no_module_imports_itself_round_a_ring() -> None:
    graph = grimp.build_graph("gongkai", cache_dir=None)
    rings = [_ring(graph, c) for c in _cycles(graph)]
    assert not rings, "import cycles (move the shared piece to where it belongs):\n  " + "\n  ".join(rings)
