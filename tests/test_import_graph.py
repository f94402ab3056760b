"""The import graph between loclint's parts (a part: a top-level module or subpackage of
src/loclint) has no cycles, and no part imports one of a higher layer.

Every import counts, at any depth: one inside a function "to avoid the cycle" is still a
dependency (ruleset/loader imported kinds that way until the rulebook moved above both)."""
import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src" / "loclint"

# Cycles still known between parts, as sorted tuples of the parts in one cycle. It must only
# shrink: kinds <-> ruleset and text <-> ruleset are gone, and no other cycle is left.
KNOWN_CYCLES: set[tuple[str, ...]] = set()

# From the top: a part may import its own layer's parts and those below, never one above.
LAYERS = (
    {"cli"},
    {"session", "api"},
    {"run"},
    {"engine"},
    {"rulebook"},  # the rulesets validated against the kinds: above both
    {"kinds"},
    {"readers", "ruleset", "text"},
    {"model"},
)


def _imports(path: Path, package: str) -> set[str]:
    """The loclint modules ``path`` imports, with relative imports resolved."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # "from . import kinds" imports the part kinds; "from .kinds import X" too
            found.update([module] if node.module else [f"{module}.{alias.name}" for alias in node.names])
    return {name for name in found if name.startswith("loclint.")}


def _part(module: str):
    names = module.split(".")
    return names[1] if len(names) > 1 else None  # None: the package itself (loclint.__version__)


def part_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        names = ("loclint",) + path.relative_to(SOURCE).with_suffix("").parts
        module = ".".join(names[:-1] if names[-1] == "__init__" else names)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        source = _part(module)
        for target in map(_part, _imports(path, package)):
            if source and target and target != source:
                graph.setdefault(source, set()).add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> set[tuple[str, ...]]:
    """The parts that reach each other, one sorted tuple per strongly connected group."""
    reach = {}
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            part = todo.pop()
            if part not in seen:
                seen.add(part)
                todo.extend(graph.get(part, ()))
        reach[start] = seen
    return {tuple(sorted({p} | {q for q in reach[p] if p in reach.get(q, ())})) for p in graph if p in reach[p]}


def test_the_graph_sees_function_level_and_relative_imports(tmp_path):
    pkg = tmp_path / "loclint" / "ruleset"
    pkg.mkdir(parents=True)
    (pkg / "loader.py").write_text("def load():\n    from ..kinds import KINDS\n    from . import rule\n")
    assert _imports(pkg / "loader.py", "loclint.ruleset") == {"loclint.kinds", "loclint.ruleset.rule"}
    assert cycles({"a": {"b"}, "b": {"c", "a"}, "c": set(), "d": {"d"}}) == {("a", "b"), ("d",)}


def test_no_import_cycles_between_parts():
    assert cycles(part_graph()) == KNOWN_CYCLES


def test_no_part_imports_a_higher_layer():
    layer_of = {part: depth for depth, parts in enumerate(LAYERS) for part in parts}
    upward = sorted(
        f"{source} -> {target}"
        for source, targets in part_graph().items() for target in targets
        if source in layer_of and target in layer_of and layer_of[target] < layer_of[source]
    )
    assert upward == []
