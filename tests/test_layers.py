"""Imports point left: a stage imports only model/errors/embed/nlp and stages to its left."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "newsfold"
STAGES = ["read", "clean", "dedup", "cluster", "compare", "brief"]
SHARED = {"model", "errors", "embed", "nlp"}
TOP = {"store", "serve", "scale", "pipeline", "cli", "export", "__main__", "__init__"}


def _unit(module: str) -> str:
    """The layer a dotted module name under newsfold belongs to ("newsfold.dedup.x" -> "dedup")."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path, root: Path = PACKAGE) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every newsfold module `path` imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if base == "newsfold")
    return {name for name in found if name == "newsfold" or name.startswith("newsfold.")}


def _violations(path: Path, root: Path = PACKAGE) -> list[str]:
    unit = _unit(_module_name(path, root))
    if unit in TOP:
        return []
    bad = []
    for target in sorted(_imports(path, root)):
        other = _unit(target)
        if other in SHARED or other == unit or (other == "__init__" and target == "newsfold"):
            continue
        if unit in SHARED:
            allowed = False  # shared modules sit under every stage
        elif other in STAGES:
            allowed = STAGES.index(other) < STAGES.index(unit)
        else:
            allowed = False  # a stage never reaches up into store/serve/scale/pipeline/cli/export
        if not allowed:
            bad.append(f"{path.relative_to(root.parent)}: {unit} imports {target}")
    return bad


def _sqlite_users(path: Path) -> bool:
    return "sqlite3" in {n.split(".")[0] for n in _imports_all(path)}


def _imports_all(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return names | {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and not n.level}


def test_every_module_belongs_to_a_known_layer() -> None:
    units = {_unit(_module_name(p)) for p in PACKAGE.rglob("*.py")}
    assert units <= set(STAGES) | SHARED | TOP, units - (set(STAGES) | SHARED | TOP)


def test_no_stage_imports_a_stage_to_its_right() -> None:
    bad = [v for path in sorted(PACKAGE.rglob("*.py")) for v in _violations(path)]
    assert not bad, "\n".join(bad)


def test_only_store_touches_sqlite() -> None:
    users = [p for p in PACKAGE.rglob("*.py") if _sqlite_users(p)]
    assert users and all(_unit(_module_name(p)) == "store" for p in users), users


def test_the_checker_catches_a_rightward_import(tmp_path: Path) -> None:
    root = tmp_path / "newsfold"
    (root / "clean").mkdir(parents=True)
    bad = root / "clean" / "bad.py"
    bad.write_text("from newsfold.model import Article\nfrom ..dedup import x\nimport newsfold.store\n")
    assert len(_violations(bad, root)) == 2
    good = root / "clean" / "good.py"
    good.write_text("from newsfold.read import read_paths\nfrom . import config\nfrom newsfold import nlp\n")
    assert _violations(good, root) == []
    shared = root / "model.py"
    shared.write_text("from newsfold import read\n")
    assert _violations(shared, root) == ["newsfold/model.py: model imports newsfold.read"]
