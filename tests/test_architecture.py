"""House rules that a reviewer would otherwise have to remember (see ENGINEERING.md and STYLE.md)."""

import ast
from pathlib import Path

import pytest

APP_ROOT = Path(__file__).resolve().parent.parent / "coreflect"
VIEW_MODULES = sorted(APP_ROOT.rglob("views.py"))
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
