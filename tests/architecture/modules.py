"""The backend's modules read with ast, without importing them: names, sizes, imports and environment reads."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from backend.settings import REPO_ROOT

# Attributes of `os` that read (or change) the process environment.
ENVIRONMENT = frozenset({"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"})


@dataclass
class Module:
    name: str
    path: Path
    lines: int
    imports: set[str] = field(default_factory=set)  # every backend module named in an import, anywhere
    environment_reads: list[int] = field(default_factory=list)  # line numbers


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


class _Reader(ast.NodeVisitor):
    """Imports at any depth (inside functions too), except under `if TYPE_CHECKING:`, which never runs."""

    def __init__(self, module: Module, known: set[str], package: str, top: str) -> None:
        self.module, self.known, self.package, self.top = module, known, package, top

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            anchor = self.package.split(".")
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            if node.module == "os" and alias.name in ENVIRONMENT:
                self.module.environment_reads.append(node.lineno)
            submodule = f"{base}.{alias.name}"
            self._add(submodule if submodule in self.known else base)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Name) and node.value.id == "os" and node.attr in ENVIRONMENT:
            self.module.environment_reads.append(node.lineno)
        self.generic_visit(node)

    def _add(self, name: str) -> None:
        # `import backend.a.b` names backend.a.b; parent packages run first but are not counted (see tests).
        while name and name not in self.known:
            name = name.rpartition(".")[0]
        if name.split(".")[0] == self.top and name != self.module.name:
            self.module.imports.add(name)


def modules(root: Path = REPO_ROOT, top: str = "backend") -> dict[str, Module]:
    """Every module of the package `top` under `root`, by dotted name."""
    paths = sorted((root / top).rglob("*.py"))
    known = {module_name(path, root) for path in paths}
    found: dict[str, Module] = {}
    for path in paths:
        source = path.read_text(encoding="utf-8")
        module = Module(module_name(path, root), path, len(source.splitlines()))
        package = module.name if path.name == "__init__.py" else module.name.rpartition(".")[0]
        _Reader(module, known, package, top).visit(ast.parse(source, filename=str(path)))
        found[module.name] = module
    return found


def cycles(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    """Each group of modules that import one another, directly or around a loop (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    yield from groups
