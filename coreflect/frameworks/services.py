"""Changing frameworks: an organisation copies a framework and edits its wording.

Editing never changes structure – the same principles, stages and indicators with the same keys –
only the words. Every save writes a new version of the organisation's copy; old versions, and the
answers that point at them, stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.text import slugify

from coreflect import caches
from coreflect.audit.models import Kind
from coreflect.audit.trail import record

from .content import create_version
from .models import Framework, FrameworkVersion
from .schema import parse_document

if TYPE_CHECKING:
    from coreflect.accounts.models import User
    from coreflect.organisations.models import Organisation

SLUG_LIMIT = 60
# A framework document as stored (JSON), and the keys and indexes that lead to one piece of text in it.
Document = dict[str, Any]
Path = tuple[str | int, ...]


def _unique_slug(base: str) -> str:
    base = slugify(base)[:SLUG_LIMIT].strip("-") or "framework"
    slug, number = base, 2
    while Framework.objects.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = base[: SLUG_LIMIT - len(suffix)].strip("-") + suffix
        number += 1
    return slug


@transaction.atomic
def copy_framework(
    version: FrameworkVersion, *, organisation: Organisation, title: str, created_by: User | None
) -> Framework:
    """A new framework owned by `organisation`, starting from `version`'s content."""
    slug = _unique_slug(f"{organisation.name} {version.framework.slug}")
    stored = caches.thawed(version.document)
    stored["slug"] = slug
    stored["title"] = {**stored["title"], "en": title}
    framework = Framework.objects.create(slug=slug, organisation=organisation, copied_from=version)
    create_version(framework, parse_document(stored), created_by=created_by)
    record(
        Kind.FRAMEWORK_EDITED,
        organisation_id=organisation.pk,
        target=framework,
        target_label=title,
        changed={"copied from": [None, str(version)]},
        actor=created_by,
    )
    return framework


# What can be reworded, section by section: (path into the document, label for the field).
def _text_paths(document: Document, section: str) -> Iterator[tuple[Path, str]]:
    if section == "details":
        yield ("title",), "Title"
        yield ("summary",), "Summary"
        yield ("introduction",), "Introduction"
        for s, stage in enumerate(document["stages"]):
            label = stage["label"]["en"]
            yield ("stages", s, "label"), f"Stage {s + 1}: name"
            yield ("stages", s, "you_are_here_if"), f"Stage {s + 1} ({label}): you are here if"
        for p, prompt in enumerate(document["prompts"]):
            yield ("prompts", p, "text"), f"Question {p + 1} ({prompt['kind']})"
            if "hint" in prompt:
                yield ("prompts", p, "hint"), f"Question {p + 1}: hint"
        for i, _step in enumerate(document.get("planning", {}).get("idea_steps", [])):
            yield ("planning", "idea_steps", i), f"Planning step {i + 1}"
        return
    index = next(i for i, principle in enumerate(document["principles"]) if principle["key"] == section)
    principle = document["principles"][index]
    stage_labels = {stage["key"]: stage["label"]["en"] for stage in document["stages"]}
    yield ("principles", index, "title"), "Title"
    yield ("principles", index, "about"), "What this is about"
    if "story" in principle:
        yield ("principles", index, "story", "text"), f"{principle['story']['name']}’s story"
    for i, indicator in enumerate(principle["indicators"]):
        yield ("principles", index, "indicators", i, "text"), f"Statement {i + 1} ({stage_labels[indicator['stage']]})"
    for q, quote in enumerate(principle.get("quotes", [])):
        yield ("principles", index, "quotes", q, "text"), f"Quote {q + 1} ({stage_labels[quote['stage']]})"


def _get(document: Document, path: Path) -> Any:
    node: Any = document
    for part in path:
        node = node[part]
    return node


def wording_fields(document: Document, section: str) -> list[dict[str, Any]]:
    """The editable wording of one section: name, label, current English text, and whether it is long."""
    fields = []
    for path, label in _text_paths(document, section):
        value = _get(document, path)["en"]
        fields.append(
            {
                "name": "__".join(map(str, path)),
                "path": path,
                "label": label,
                "value": value,
                "long": len(value) > 90 or "\n" in value,
            }
        )
    return fields


def sections(document: Document) -> list[tuple[str, str]]:
    """(section key, heading) for each part of the framework that can be reworded."""
    return [("details", "Title, introduction, stages and questions")] + [
        (principle["key"], principle["title"]["en"]) for principle in document["principles"]
    ]


@transaction.atomic
def save_wording(
    framework: Framework, section: str, changes: dict[str, str], *, created_by: User | None
) -> FrameworkVersion | None:
    """Apply changed wording to the current version as a new version; None when nothing changed."""
    current = framework.current_version
    assert current is not None, "create_version gives every framework a current version"
    stored = caches.thawed(current.document)
    changed = False
    for field in wording_fields(stored, section):
        new_text = changes.get(field["name"])
        if new_text is not None and new_text != field["value"]:
            _get(stored, field["path"])["en"] = new_text
            changed = True
    if not changed:
        return None
    new_version = create_version(framework, parse_document(stored), created_by=created_by)
    record(
        Kind.FRAMEWORK_EDITED,
        organisation_id=framework.organisation_id,
        target=framework,
        target_label=str(new_version),
        changed={"version": [current.number, new_version.number], "section reworded": [None, section]},
        actor=created_by,
    )
    return new_version
