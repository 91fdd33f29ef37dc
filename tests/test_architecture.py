"""House rules that a reviewer would otherwise have to remember (see docs/architecture.md)."""

import ast
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parent.parent / "coreflect"
VIEW_MODULES = sorted(APP_ROOT.rglob("*views.py"))
PYTHON_MODULES = sorted(path for path in APP_ROOT.rglob("*.py") if "migrations" not in path.parts)


def model_manager_uses(path: Path) -> list[str]:
    """`Something.objects` in a module: views must reach tenant data through the tenant instead."""
    tree = ast.parse(path.read_text())
    return [
        f"{path.name}:{node.lineno} uses {ast.unparse(node)}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager", "_base_manager"}
    ]


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda path: str(path.relative_to(APP_ROOT)))
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
ANSWER_MODULES = {"tallies", "release"}
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
