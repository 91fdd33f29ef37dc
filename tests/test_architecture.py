"""House rules that a reviewer would otherwise have to remember (see docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parent.parent / "coreflect"
# The benchmark's floor views (bench/floors.py) are views too, though only the benchmark's server routes them.
VIEW_MODULES = sorted([*APP_ROOT.rglob("*views.py"), APP_ROOT.parent / "bench" / "floors.py"])
PYTHON_MODULES = sorted(path for path in APP_ROOT.rglob("*.py") if "migrations" not in path.parts)


def model_manager_uses(path: Path) -> list[str]:
    """`Something.objects` in a module: views must reach tenant data through the tenant instead."""
    tree = ast.parse(path.read_text())
    return [
        f"{path.name}:{node.lineno} uses {ast.unparse(node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager", "_base_manager"}
    ]


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda path: str(path.relative_to(APP_ROOT.parent)))
def test_views_reach_data_through_the_organisation_not_model_managers(path):
    assert model_manager_uses(path) == []


def test_the_check_catches_a_view_that_breaks_the_rule(tmp_path):
    offending = tmp_path / "views.py"
    offending.write_text("from x import Round\n\ndef view(request, pk):\n    return Round.objects.get(pk=pk)\n")
    assert len(model_manager_uses(offending)) == 1


@pytest.mark.parametrize("path", PYTHON_MODULES, ids=lambda path: str(path.relative_to(APP_ROOT)))
def test_every_module_says_what_lives_there(path):
    if path.name == "__init__.py" and path.parent.name in {"templatetags", "management", "commands", "migrations"}:
        return
    assert ast.get_docstring(ast.parse(path.read_text())), f"{path} needs a short module docstring"


@pytest.mark.parametrize("path", PYTHON_MODULES, ids=lambda path: str(path.relative_to(APP_ROOT)))
def test_modules_stay_small_enough_to_read(path):
    assert len(path.read_text().splitlines()) <= 400, f"{path} has grown past 400 lines: split it by topic"


# Every figure of a round's answers comes from the one gatekeeper, reflections/disclosure.py (see
# docs/decisions/0004-anonymity.md). Outside the reflections app, and in every views module, nothing may
# read answers or their running totals directly.
ANSWER_ATTRIBUTES = {"tallies", "tick_tallies", "responses", "submitted_count", "released_count"}
ANSWER_MODELS = {"Tally", "TickTally", "Response"}
ANSWER_MODULES = {"tallies", "release", "store"}
# The action plan's Idea keeps a link to the answer it came from: a foreign key, not a read.
MAY_NAME_ANSWERS = {APP_ROOT / "actions" / "models.py"}
FIGURE_MODULES = sorted(
    path
    for path in PYTHON_MODULES
    if path not in MAY_NAME_ANSWERS and (APP_ROOT / "reflections" not in path.parents or path.name.endswith("views.py"))
)


def answer_reads(path: Path) -> list[str]:
    """Places in a module that reach answers or running totals other than through the gatekeeper."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr in ANSWER_ATTRIBUTES:
            found.append(f"{path.name}:{node.lineno} reads .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coreflect.reflections"):
            names = {alias.name for alias in node.names}
            if node.module.endswith(".models") and names & ANSWER_MODELS:
                found.append(f"{path.name}:{node.lineno} imports {sorted(names & ANSWER_MODELS)}")
            if names & ANSWER_MODULES or node.module.rsplit(".", 1)[-1] in ANSWER_MODULES:
                found.append(f"{path.name}:{node.lineno} imports the running totals")
        elif isinstance(node, ast.ImportFrom) and node.level and {alias.name for alias in node.names} & ANSWER_MODULES:
            found.append(f"{path.name}:{node.lineno} imports the running totals")
    return found


@pytest.mark.parametrize("path", FIGURE_MODULES, ids=lambda path: str(path.relative_to(APP_ROOT)))
def test_figures_of_answers_come_only_from_the_gatekeeper(path):
    assert answer_reads(path) == []


@pytest.mark.parametrize(
    "source",
    [
        "def view(request, round_):\n    return round_.tallies.filter(n__gt=0)\n",
        "from coreflect.reflections.models import Response\n",
        "from coreflect.reflections import tallies\n",
        "def count(round_):\n    return round_.responses.count()\n",
    ],
)
def test_the_gatekeeper_check_catches_a_direct_read(tmp_path, source):
    offending = tmp_path / "views.py"
    offending.write_text(source)
    assert len(answer_reads(offending)) == 1


# Layers point down (docs/architecture.md, "The apps and their layers"). The apps, lowest first: a module
# imports only from its own app or a lower one. The project's own modules sit on top, wiring the apps
# together; every other module directly under coreflect/ (forms.py, caches.py, documents.py, templatetags/…)
# is shared, below every app, and imports no app.
LAYERS = [
    "accounts",
    "audit",
    "organisations",
    "language",
    "frameworks",
    "reflections",
    "actions",
    "results",
    "workshops",
    "exports",
    "demo",
    "backups",
]
PROJECT_MODULES = {"urls", "views", "settings", "wsgi"}
SHARED, TOP = "shared modules", "the project"


def dotted_name(path: Path, root: Path) -> str:
    """coreflect/reflections/sharing.py -> coreflect.reflections.sharing (a package is its __init__.py)."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, dotted name) for everything a module imports, anywhere in it, relative imports resolved.

    `from a.b import c` counts as a.b.c: c may be a module, and only the first two parts decide a layer.
    """
    name = dotted_name(path, root)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [node.module])])
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def place(module: str) -> tuple[str, int] | None:
    """Where a dotted module name sits: (what, height), or None outside Coreflect."""
    parts = module.split(".")
    if parts[0] != "coreflect":
        return None
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1], LAYERS.index(parts[1]) + 1
    if len(parts) > 1 and parts[1] in PROJECT_MODULES:
        return TOP, len(LAYERS) + 1
    return SHARED, 0


def layer_breaches(path: Path, root: Path = APP_ROOT) -> list[str]:
    """Imports in a module that point up the layers, or from a shared module into an app."""
    here, height = place(dotted_name(path, root))
    found = []
    for line, module in imports(path, root):
        there = place(module)
        if there is None or there[0] == here:
            continue
        if there[1] > height or (here == SHARED and there[0] != SHARED):
            found.append(f"{path.relative_to(root)}:{line} imports {module} ({there[0]}) from {here}")
    return found


@pytest.mark.parametrize("path", PYTHON_MODULES, ids=lambda path: str(path.relative_to(APP_ROOT)))
def test_imports_point_down_the_layers(path):
    assert layer_breaches(path) == []


def test_every_app_has_a_place_in_the_layers():
    apps = {path.parent.name for path in APP_ROOT.glob("*/apps.py")}
    assert apps - set(LAYERS) == set(), "add the new app to LAYERS here and to docs/architecture.md"


@pytest.mark.parametrize(
    ("module", "source", "breaches"),
    [
        ("frameworks/print_views.py", "from coreflect.exports.pdf import render_pdf\n", 1),
        ("reflections/sharing.py", "from ..results import figures\n", 1),
        ("reflections/views.py", "def view(request):\n    from coreflect.actions.models import Idea\n", 1),
        ("organisations/commands.py", "import coreflect.reflections.demo\n", 1),
        ("forms.py", "from coreflect.organisations.models import Organisation\n", 1),
        ("templatetags/govuk.py", "from coreflect.frameworks import wording\n", 1),
        ("results/figures.py", "from coreflect.frameworks.wording import text\nfrom coreflect import forms\n", 0),
        ("results/views.py", "from . import figures\nfrom ..reflections import disclosure\n", 0),
        ("urls.py", "from coreflect.demo import apps\n", 0),
    ],
)
def test_the_layer_check_catches_an_import_that_points_up(tmp_path, module, source, breaches):
    root = tmp_path / "coreflect"
    offending = root / module
    offending.parent.mkdir(parents=True)
    offending.write_text(source)
    assert len(layer_breaches(offending, root)) == breaches


def import_cycles(root: Path = APP_ROOT) -> list[str]:
    """Modules of one app that import each other, however indirectly: neither can be read on its own."""
    modules = {dotted_name(path, root): path for path in root.rglob("*.py") if "migrations" not in path.parts}
    within = {}
    for name, path in modules.items():
        app = name.split(".")[:2]
        within[name] = set()
        for _line, module in imports(path, root):
            parts = module.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()  # `from .models import Round` names the module coreflect.x.models
            if parts[:2] == app and len(parts) > 2 and ".".join(parts) != name:
                within[name].add(".".join(parts))
    cycles = []
    for start in sorted(within):
        seen, waiting = set(), list(within[start])
        while waiting:
            module = waiting.pop()
            if module not in seen:
                seen.add(module)
                waiting += within.get(module, ())
        if start in seen:
            cycles.append(f"{start} imports itself through {sorted(seen & {m for m in within if start in within[m]})}")
    return cycles


def test_no_two_modules_of_an_app_import_each_other():
    assert import_cycles() == []


def test_the_cycle_check_catches_two_modules_that_import_each_other(tmp_path):
    app = tmp_path / "coreflect" / "reflections"
    app.mkdir(parents=True)
    (app / "sharing.py").write_text("from .tasks import send_round_invitation\n")
    (app / "tasks.py").write_text("def send_round_invitation():\n    from .sharing import closing_date\n")
    (app / "outline.py").write_text("from .models import Round\n")
    (app / "models.py").write_text("Round = None\n")
    assert len(import_cycles(tmp_path / "coreflect")) == 2  # each of the two, seen from itself
