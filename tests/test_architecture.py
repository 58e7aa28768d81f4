"""The house in one direction: which app may import which, checked on every module of the product.

The allowed arrows are written here, once; ``docs/architecture.md`` draws the same ones and a test below
keeps the two equal. A new import that points the wrong way — or one hidden inside a function to dodge
a circle — fails with both files named. Only the project package (settings, URLs, the API router, Celery)
may import every app: it is where they are put together.
"""

import ast
import importlib.util
import re
from pathlib import Path

import pytest

from api_human.core import registry

# app → the apps it may import (read: "initiatives builds on core and scoring").
ALLOWED = {
    "core": set(),
    "scoring": {"core"},
    "webhooks": {"core"},
    "initiatives": {"core", "scoring"},
    "stages": {"core", "scoring", "initiatives"},
    "tensions": {"core", "scoring", "initiatives"},
    "opportunities": {"core", "scoring", "initiatives", "webhooks"},
    "connections": {"core", "scoring", "initiatives", "stages"},
    "dashboards": {"core", "scoring", "initiatives", "stages", "tensions", "opportunities"},
}

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {  # dotted package → app; the longest match wins; "project" is api_human's own modules
    "api_human.core": "core",
    "api_human.scoring": "scoring",
    "api_human": "project",
    "webhooks": "webhooks",
    "initiatives": "initiatives",
    "stages": "stages",
    "tensions": "tensions",
    "opportunities": "opportunities",
    "connections": "connections",
    "dashboards": "dashboards",
}
LABELS = {  # Django app labels (for "label.Model" in relations) → app
    "core": "core",
    "scoring": "scoring",
    **{app: app for app in ALLOWED if app not in {"core", "scoring"}},
}
RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


def app_of(module: str | None) -> str | None:
    for package in sorted(PACKAGES, key=len, reverse=True):
        if module and (module == package or module.startswith(package + ".")):
            return PACKAGES[package]
    return None


def module_of(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def product_files() -> list[Path]:
    roots = [ROOT / "api_human", *(ROOT / package for package in PACKAGES if "." not in package)]
    return sorted(
        {path for root in roots for path in root.rglob("*.py")} - {ROOT / "api_human" / "__init__.py"}
    )


def file_of(module: str) -> str:
    """Where a module lives, for the message (the package's file when the name is a package's member)."""
    for candidate in (module, module.rpartition(".")[0]):
        try:
            spec = importlib.util.find_spec(candidate)
        except (ImportError, ValueError):
            continue
        if spec and spec.origin:
            return (
                str(Path(spec.origin).relative_to(ROOT)) if spec.origin.startswith(str(ROOT)) else spec.origin
            )
    return module


class Imports(ast.NodeVisitor):
    """Every import of one file: (line, imported module, whether it stands inside a function)."""

    def __init__(self, module: str, is_package: bool):
        self.module, self.is_package = module, is_package
        self.found: list[tuple[int, str, bool]] = []
        self.depth = 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        self.found += [(node.lineno, alias.name, self.depth > 0) for alias in node.names]

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.module.split(".")
            base = base[: len(base) - node.level + (1 if self.is_package else 0)]
            name = ".".join(base + ([node.module] if node.module else []))
        else:
            name = node.module
        # "from package import module" imports that module: name it, so the edge is to the right app
        self.found += [(node.lineno, f"{name}.{alias.name}", self.depth > 0) for alias in node.names]


def imports_of(path: Path, root: Path = ROOT) -> list[tuple[int, str, bool]]:
    visitor = Imports(module_of(path, root), path.name == "__init__.py")
    visitor.visit(ast.parse(path.read_text(), filename=str(path)))
    return visitor.found


def model_references(path: Path) -> list[tuple[int, str]]:
    """``"label.Model"`` targets of relation fields (a relation is a dependency as much as an import)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in RELATIONS
        ):
            target = node.args[0] if node.args else None
            if isinstance(target, ast.Constant) and isinstance(target.value, str) and "." in target.value:
                found.append((node.lineno, target.value))
    return found


def violations(path: Path, root: Path = ROOT) -> list[str]:
    """What is wrong with one file's dependencies, each naming both files."""
    source = app_of(module_of(path, root))
    where = path.relative_to(root)
    problems = []
    for line, name, in_function in imports_of(path, root):
        target = app_of(name)
        if target is None or target == source or source == "project":
            continue
        if target == "project" or target not in ALLOWED.get(source, set()):
            problems.append(
                f"{where}:{line} ({source}) imports {name} ({target}, {file_of(name)}): not allowed"
            )
        elif in_function:
            problems.append(
                f"{where}:{line} imports {name} ({file_of(name)}) inside a function: import it at the top"
            )
    for line, label in model_references(path):
        target = LABELS.get(label.split(".")[0])
        if target and target != source and target not in ALLOWED.get(source, set()):
            problems.append(f"{where}:{line} ({source}) relates to {label} ({target}): not allowed")
    return problems


FILES = product_files()


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_dependencies_point_one_way(path):
    assert not violations(path), "\n".join(violations(path))


def test_every_product_file_belongs_to_an_app():
    assert len(FILES) > 200
    assert all(app_of(module_of(path)) for path in FILES)


def test_the_allowed_arrows_have_no_circle():
    order, left = [], dict(ALLOWED)
    while left:
        ready = [app for app, needs in left.items() if needs <= set(order)]
        assert ready, f"a circle among {sorted(left)}"
        order += sorted(ready)
        for app in ready:
            del left[app]
    assert order[:2] == ["core", "scoring"] and order[-1] == "dashboards"


def test_the_check_sees_a_wrong_import_a_hidden_one_and_a_relation(tmp_path):
    (tmp_path / "stages").mkdir()
    (tmp_path / "api_human" / "core").mkdir(parents=True)
    wrong = tmp_path / "api_human" / "core" / "knot.py"
    wrong.write_text("from stages.models import StagePhase\n")
    hidden = tmp_path / "stages" / "hidden.py"
    hidden.write_text("def f():\n    from initiatives.models import Initiative\n    return Initiative\n")
    related = tmp_path / "stages" / "models.py"
    related.write_text(
        "from django.db import models\nx = models.ForeignKey('tensions.Tension', on_delete=None)\n"
    )
    knot = violations(wrong, tmp_path)
    assert knot and knot[0].startswith("api_human/core/knot.py:1 (core) imports stages.models.StagePhase")
    assert "stages/models.py" in knot[0]  # the imported file is named too
    assert "inside a function" in violations(hidden, tmp_path)[0]
    assert "relates to tensions.Tension (tensions)" in violations(related, tmp_path)[0]


# ------------------------------------------------------------------------------------------------
# The one page that tells it: docs/architecture.md
# ------------------------------------------------------------------------------------------------
DOC = ROOT / "docs" / "architecture.md"


def documented_arrows() -> dict[str, set[str]]:
    """The ``arrows`` block of the page: one line per app, ``app → what it may import``."""
    block = re.search(r"```text arrows\n(.*?)```", DOC.read_text(), re.S)
    assert block, "docs/architecture.md has no ```text arrows block"
    arrows = {}
    for line in block.group(1).strip().splitlines():
        app, _arrow, targets = line.partition("→")
        arrows[app.strip()] = {
            t.strip() for t in targets.split(",") if t.strip() and t.strip() != "(nothing)"
        }
    return arrows


def test_the_page_draws_the_same_arrows():
    assert documented_arrows() == ALLOWED


def test_the_page_names_every_extension_point_and_every_app():
    text = DOC.read_text()
    for point in registry.POINTS:
        assert f"`{point.name}`" in text, f"docs/architecture.md does not name the point {point.name!r}"
    for app in ALLOWED:
        assert f"`{app}`" in text


def test_no_app_keeps_a_list_for_other_apps_to_append_to():
    """The old way — ``ENGAGEMENT_PAGE_SECTIONS.append`` in another app's ``ready()`` — is gone: apps add
    to the core's extension points only."""
    for path in FILES:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"append", "insert", "update", "extend"}
                and isinstance(node.func.value, ast.Attribute)
                and isinstance(node.func.value.value, ast.Name)
                and node.func.value.attr.isupper()
            ):
                owner = node.func.value.value.id
                pytest.fail(
                    f"{path.relative_to(ROOT)}:{node.lineno} changes {owner}.{node.func.value.attr} "
                    "of another module: register with api_human.core.registry instead"
                )
