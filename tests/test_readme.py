"""The README and the contributor documents stay true to the repository, and the repository stands alone.

- Every environment variable the settings read (coreflect/settings.py, gunicorn.conf.py, coreflect/logs.py)
  has a row in the README's configuration table, and every row names a variable something reads.
- No tracked file points at folders outside the repository: they exist on the engineers' machines, not on
  the machines of the people who use Coreflect.
- The README, CONTRIBUTING.md and docs/architecture.md link only to files that exist.
"""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SETTINGS_SOURCES = [ROOT / "coreflect" / "settings.py", ROOT / "gunicorn.conf.py", ROOT / "coreflect" / "logs.py"]
# Variables only the test run reads (COREFLECT_REQUIRE_BROWSER) are in the table too.
OTHER_READERS = [ROOT / "tests" / "conftest.py"]
DOCUMENTS = [README, ROOT / "CONTRIBUTING.md", ROOT / "docs" / "architecture.md"]
VARIABLE = re.compile(r"[A-Z][A-Z0-9_]*")


# --- Environment variables -----------------------------------------------------------------------


def _is_os_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ" and _is_name(node.value, "os")


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _direct_read(node: ast.AST) -> ast.AST | None:
    """The name argument of `os.environ.get(X)`, `os.getenv(X)`, `os.environ[X]` or `X in os.environ`."""
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "get" and _is_os_environ(func.value):
            return node.args[0]
        if isinstance(func, ast.Attribute) and func.attr == "getenv" and _is_name(func.value, "os"):
            return node.args[0]
    if isinstance(node, ast.Subscript) and _is_os_environ(node.value):
        return node.slice
    if (
        isinstance(node, ast.Compare)
        and isinstance(node.ops[0], ast.In | ast.NotIn)
        and _is_os_environ(node.comparators[0])
    ):
        return node.left
    return None


def _reading_helpers(tree: ast.Module) -> set[str]:
    """Functions of the module that read the variable named by their first parameter, such as
    `envbool(name, default)` in settings.py or `_whole_number(name, default)` in gunicorn.conf.py."""
    helpers = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef) or not function.args.args:
            continue
        parameter = function.args.args[0].arg
        if any(_is_name(_direct_read(node), parameter) for node in ast.walk(function)):
            helpers.add(function.name)
    return helpers


def variables_read(source: str) -> set[str]:
    """Every environment variable a Python module reads by name."""
    tree = ast.parse(source)
    helpers = _reading_helpers(tree)
    names = set()
    for node in ast.walk(tree):
        argument = _direct_read(node)
        if argument is None and isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Name):
            argument = node.args[0] if node.func.id in helpers else None
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            names.add(argument.value)
    return names


def configuration_table(readme: str) -> set[str]:
    """The variables named (in backticks) in the first column of the README's "Configure it" table."""
    section = readme.split("## Configure it", 1)[1]
    section = re.split(r"\n#{2,3} ", section, maxsplit=1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("| ---"):
            first_cell = line.split("|")[1]
            names |= {word for word in re.findall(r"`([^`]+)`", first_cell) if VARIABLE.fullmatch(word)}
    return names


def test_every_variable_the_settings_read_is_in_the_readme():
    read = set().union(*(variables_read(path.read_text()) for path in SETTINGS_SOURCES))
    missing = read - configuration_table(README.read_text())
    assert not missing, f"add a row to the README's configuration table for: {', '.join(sorted(missing))}"


def test_every_variable_in_the_readme_is_read_by_something():
    read = set().union(*(variables_read(path.read_text()) for path in SETTINGS_SOURCES + OTHER_READERS))
    unread = configuration_table(README.read_text()) - read
    assert not unread, f"the README's configuration table names variables nothing reads: {', '.join(sorted(unread))}"


def test_the_settings_read_variables_in_the_expected_ways():
    """The check itself: each way of reading a variable is found, and nothing else is."""
    source = """
import os
def envflag(name, default):
    return os.environ.get(name, default)
A = os.environ.get("A_GET")
B = os.environ["B_SUBSCRIPT"]
C = os.getenv("C_GETENV")
D = envflag("D_HELPER", False)
E = "E_IN" in os.environ
F = {}.get("NOT_THE_ENVIRONMENT")
def atoms(environ):
    return environ.get("REQUEST_METHOD")
"""
    assert variables_read(source) == {"A_GET", "B_SUBSCRIPT", "C_GETENV", "D_HELPER", "E_IN"}


def test_the_table_reads_only_the_first_column():
    readme = (
        "## Configure it\n\n| variable | default | what it does |\n| --- | --- | --- |\n"
        "| `ONE`, `TWO` | `3` | Set `THREE=1` behind a proxy. |\n\n### Running it\n\n| `FOUR` | | |\n"
    )
    assert configuration_table(readme) == {"ONE", "TWO"}


# --- The repository stands alone ----------------------------------------------------------------

# Written in two parts so that this file does not mention them itself.
OUTSIDE_PATHS = ["../" + "shared", "shared/" + "seeds", "/" + "work/"]


# Folders a copy of the repository without git (an unpacked download) has that are not the project's own.
NOT_OURS = {".git", ".venv", "node_modules", "build", "var", "staticfiles", "__pycache__", ".hypothesis"}


def tracked_files() -> list[Path]:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        files = (path for path in ROOT.rglob("*") if path.is_file())
        return [path for path in files if not NOT_OURS & set(path.relative_to(ROOT).parts)]
    listed = subprocess.run([git, "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60)
    return [ROOT / name for name in listed.stdout.decode().split("\0") if name]


def mentions_outside_paths(path: Path) -> list[str]:
    """The places in a text file that point outside the repository ([] for binary files)."""
    try:
        content = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return []  # deleted in the working tree, or a submodule
    if b"\0" in content:
        return []
    try:
        text = content.decode()
    except UnicodeDecodeError:
        return []
    return [
        f"{path.relative_to(ROOT)}:{number}: {outside}"
        for number, line in enumerate(text.splitlines(), start=1)
        for outside in OUTSIDE_PATHS
        if outside in line
    ]


def test_no_tracked_file_points_outside_the_repository():
    found = [place for path in tracked_files() for place in mentions_outside_paths(path)]
    assert not found, "these point at folders outside the repository:\n" + "\n".join(found)


def test_the_outside_check_finds_a_mention_and_ignores_binary_files(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    text = tmp_path / "notes.md"
    text.write_text("See the rules in " + OUTSIDE_PATHS[0] + "/ENGINEERING.md.\n")
    binary = tmp_path / "picture.png"
    binary.write_bytes(b"\x89PNG\0" + OUTSIDE_PATHS[0].encode())
    assert mentions_outside_paths(text) == [f"notes.md:1: {OUTSIDE_PATHS[0]}"]
    assert mentions_outside_paths(binary) == []


# --- Links that work ------------------------------------------------------------------------------

MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
BACKTICKED_DOCS_PATH = re.compile(r"`(docs/[^`\s]+)`")


def broken_links(document: Path) -> list[str]:
    """Relative links (from the document's folder) and backticked `docs/...` paths (from the repository's
    root) that name no file or folder in the repository. Placeholders such as `NNNN` are left alone."""
    text = document.read_text()
    broken = []
    for target in MARKDOWN_LINK.findall(text):
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # http:, https:, mailto:, or a heading on the same page
        path = target.split("#", 1)[0]
        if not (document.parent / path).exists():
            broken.append(f"{document.name}: link to {target}")
    for path in BACKTICKED_DOCS_PATH.findall(text):
        if "NNNN" in path or "<" in path:
            continue
        if not (ROOT / path).exists():
            broken.append(f"{document.name}: `{path}`")
    return broken


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_documents_link_only_to_files_that_exist(document):
    assert broken_links(document) == []


def test_the_link_check_finds_a_missing_file(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "here.md").write_text("# Here\n")
    document = tmp_path / "README.md"
    document.write_text(
        "[here](docs/here.md#here) [gone](docs/gone.md) [web](https://example.org) [top](#top)\n"
        "`docs/here.md` `docs/missing.md` `docs/decisions/NNNN-title.md`\n"
    )
    assert broken_links(document) == ["README.md: link to docs/gone.md", "README.md: `docs/missing.md`"]


def test_without_git_the_outside_check_reads_the_files_themselves(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "README.md").write_text("See " + OUTSIDE_PATHS[0] + "/notes.\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "lib.py").write_text("# " + OUTSIDE_PATHS[0] + "\n")  # not the project's own
    assert [path.name for path in tracked_files()] == ["README.md"]
