"""The house rules of the package layout, read from the source (ast, nothing imported): no import circle
anywhere in extract/ (lazy imports inside functions and `if TYPE_CHECKING:` imports count too: a reader
follows them all the same), no module under 15 lines that only passes names on, no benchmark code inside
the package."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extract"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of extract/ that module `name` (at `path`) imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` the module mod
            targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in known else source for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in known:      # `import extract.x.y` of a name inside a module
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imported(name, path, set(mods)) for name, path in mods.items()}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(g.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return found


def test_the_walker_sees_a_circle():
    g = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(g) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_walker_reads_relative_and_lazy_imports(tmp_path):
    pkg = tmp_path / "p"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .leaf import x\n")
    (pkg / "sub" / "leaf.py").write_text("def f():\n    from ..top import y\n    from . import other\n")
    (pkg / "sub" / "other.py").write_text("")
    (pkg / "top.py").write_text("import p.sub.leaf\n")
    known = {"p", "p.sub", "p.sub.leaf", "p.sub.other", "p.top"}
    assert imported("p.sub", pkg / "sub" / "__init__.py", known) == {"p.sub.leaf"}
    assert imported("p.sub.leaf", pkg / "sub" / "leaf.py", known) == {"p.top", "p.sub.other"}
    assert imported("p.top", pkg / "top.py", known) == {"p.sub.leaf"}


def test_no_import_circle_in_extract():
    g = graph()
    assert len(g) > 50 and sum(map(len, g.values())) > 100, "the walker found too few modules or imports"
    assert cycles(g) == [], "modules that import each other in a circle (each group one circle)"


def only_passes_names_on(path: Path) -> bool:
    """Nothing but a docstring, imports and `__all__`: the module holds no code of its own."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    imports = [s for s in body if isinstance(s, (ast.Import, ast.ImportFrom)) and getattr(s, "module", "") != "__future__"]
    rest = [s for s in body if not isinstance(s, (ast.Import, ast.ImportFrom))
            and not (isinstance(s, ast.Assign) and [getattr(t, "id", None) for t in s.targets] == ["__all__"])]
    return bool(imports) and not rest


def test_no_near_empty_module():
    small = [module_name(p) for p in modules().values()
             if len(p.read_text(encoding="utf-8").splitlines()) < 15 and only_passes_names_on(p)]
    assert small == [], "modules under 15 lines that only pass names on: fold them into the module they serve"


def test_no_benchmark_inside_the_package():
    bench = [module_name(p) for p in modules().values() if "bench" in p.stem
             or any(isinstance(n, (ast.Import, ast.ImportFrom)) and "timeit" in ast.dump(n)
                    for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert bench == [], "benchmarks belong in bench/"


def test_the_pipeline_version_reads_every_rule_file():
    """A rule file moved where the fingerprint does not look would let a batch run keep stale records."""
    from extract.pipeline import rule_files
    read = set(rule_files())
    rules = [p for d in ("clean", "matchers", "assemble") for p in sorted((PACKAGE / d).iterdir())
             if p.suffix in (".py", ".json", ".tsv")]
    rules += [PACKAGE / "segment.py", PACKAGE / "doc.py", PACKAGE / "pipeline.py"]
    assert len(rules) > 20 and [p for p in rules if p not in read] == []


def reaches(g: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for m in g.get(todo.pop(), ()):
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def test_reconciliation_is_in_layers():
    """`results` (the shared types and orders) is below core, the checks and decisions; each check is a
    leaf that reaches no other check, nor core or decisions; `CHECKS` names every check module."""
    g = graph()
    rec = "extract.reconcile"
    checks = sorted(m for m in g if m.startswith(f"{rec}.checks."))
    assert len(checks) >= 5
    upper = {f"{rec}.core", f"{rec}.decisions", f"{rec}.checks", *checks}
    assert reaches(g, f"{rec}.results") & upper == set()
    for c in checks:
        assert reaches(g, c) & (upper - {c}) == set(), f"{c} is not a leaf"
    from extract.reconcile.checks import CHECKS
    assert sorted(f.__module__ for f in CHECKS) == checks
