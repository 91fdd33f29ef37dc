"""A small reader for gettext catalogues (.po): enough to check every entry is translated and not fuzzy.

polib is not a dependency; the catalogues are plain text in the shape makemessages writes.
"""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[str, str] = field(default_factory=dict)  # "" for a singular entry, "0".."3" for plural forms
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def untranslated(self) -> bool:
        return not self.msgstr or any(not text for text in self.msgstr.values())


def catalogues() -> list[Path]:
    """Every Welsh catalogue in the repository: the project's own and each app's."""
    return sorted(ROOT.glob("coreflect/locale/cy/LC_MESSAGES/django.po")) + sorted(
        ROOT.glob("coreflect/*/locale/cy/LC_MESSAGES/django.po")
    )


def read(path: Path) -> list[Entry]:
    """The entries of a catalogue, header (msgid "") included, in file order."""
    entries: list[Entry] = []
    entry, last = Entry(), None
    started = False

    def finish():
        nonlocal entry, started
        if started:
            entries.append(entry)
        entry, started = Entry(), False

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
            last = None
            continue
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#,"):
            if started and last is not None:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if match := KEYWORD.match(line):
            keyword, text = match.group(1), ast.literal_eval(match.group(2))
            if keyword == "msgid" and started and last is not None and last.startswith("msgstr"):
                finish()
            started, last, continued = True, keyword, False
        elif line.startswith('"') and last:
            keyword, text, continued = last, ast.literal_eval(line), True
        else:
            raise ValueError(f"{path}: cannot read {line!r}")
        if keyword == "msgid":
            entry.msgid = entry.msgid + text if continued else text
        elif keyword == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + text if continued else text
        elif keyword == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + text if continued else text
        else:
            form = keyword[7:-1] if "[" in keyword else ""
            entry.msgstr[form] = entry.msgstr.get(form, "") + text if continued else text
    finish()
    return entries


def messages(path: Path) -> list[Entry]:
    """The translatable entries: the header and obsolete entries left out."""
    return [entry for entry in read(path) if entry.msgid and not entry.obsolete]
