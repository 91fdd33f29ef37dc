"""The Welsh catalogues: every entry translated and none fuzzy, each compiles with its placeholders intact,
and none is missing a string the source has (makemessages run on a copy of the code finds nothing new)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.i18n.po import ROOT, catalogues, messages, read

CATALOGUES = catalogues()
APPS_WITH_TEXT = sorted(path.parents[3].name for path in CATALOGUES if path.parents[3].name != "coreflect")
NOT_SCANNED = ["demo", "backups"]  # no text anyone reads in Welsh: the Makefile's `messages` leaves them out


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_app_with_text_has_a_catalogue():
    assert relative(CATALOGUES[0]) == "coreflect/locale/cy/LC_MESSAGES/django.po"
    assert {"accounts", "reflections", "workshops", "exports"} <= set(APPS_WITH_TEXT)


@pytest.mark.parametrize("path", CATALOGUES, ids=relative)
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    header = read(path)[0]
    assert "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;" in header.msgstr[""]
    entries = messages(path)
    empty = [entry.msgid for entry in entries if entry.untranslated]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    plurals = [entry.msgid for entry in entries if entry.msgid_plural and sorted(entry.msgstr) != ["0", "1", "2", "3"]]
    assert not empty, f"{len(empty)} entries of {relative(path)} have no Welsh, e.g.:\n" + "\n".join(empty[:20])
    assert not fuzzy, f"{len(fuzzy)} entries of {relative(path)} are marked fuzzy:\n" + "\n".join(fuzzy[:20])
    assert not plurals, f"{relative(path)}: plural entries without all four Welsh forms:\n" + "\n".join(plurals)


@pytest.mark.parametrize("path", CATALOGUES, ids=relative)
def test_every_catalogue_compiles_with_its_placeholders_intact(path, tmp_path):
    compiled = subprocess.run(
        [shutil.which("msgfmt") or "msgfmt", "--check-format", "--output-file", str(tmp_path / "django.mo"), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stderr


def test_the_reader_notices_an_empty_or_fuzzy_entry(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: cy\\n"\n\nmsgid "Save"\nmsgstr ""\n\n#, fuzzy\nmsgid "Back"\nmsgstr "Yn ôl"\n\n'
        'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s diwrnod"\nmsgstr[1] ""\n'
        'msgstr[2] "%(n)s diwrnod"\nmsgstr[3] "%(n)s diwrnod"\n',
        encoding="utf-8",
    )
    entries = {entry.msgid: entry for entry in messages(po)}
    assert entries["Save"].untranslated and not entries["Back"].untranslated
    assert "fuzzy" in entries["Back"].flags and entries["%(n)s day"].untranslated


def makemessages(folder: Path, *extra: str) -> None:
    subprocess.run(
        [sys.executable, str(folder.parents[0] / "manage.py") if folder.name == "coreflect" else str(folder.parents[1] / "manage.py"),
         "makemessages", "--locale=cy", "--no-location", "--no-obsolete", *extra],
        cwd=folder,
        check=True,
        capture_output=True,
    )  # fmt: skip


def test_no_string_in_the_source_is_missing_from_the_catalogues(tmp_path):
    """makemessages (as `make messages` runs it) on a copy of the code: every msgid it finds must already be
    in the committed catalogue, or someone tagged text and did not add it."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "coreflect", copy / "coreflect", ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    for app in APPS_WITH_TEXT:
        makemessages(copy / "coreflect" / app)
    makemessages(copy / "coreflect", *(f"--ignore={app}/*" for app in [*APPS_WITH_TEXT, *NOT_SCANNED]))
    missing = []
    for path in CATALOGUES:
        fresh = copy / path.relative_to(ROOT)
        committed = {(entry.msgctxt, entry.msgid) for entry in messages(path)}
        missing += [
            f"{relative(path)}: {entry.msgid!r}"
            for entry in messages(fresh)
            if (entry.msgctxt, entry.msgid) not in committed
        ]
    assert not missing, "Strings in the source missing from the catalogues (run `make messages`):\n" + "\n".join(
        missing
    )
