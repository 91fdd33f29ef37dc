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
from django.utils.translation import gettext as _

from coreflect import caches
from coreflect.audit.models import Kind
from coreflect.audit.trail import record

from . import wording
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
    # The copy's name is the organisation's own words: the original's Welsh and Easy Read titles would name
    # something else, so the copy starts with its English name only (the editor can add the others).
    stored["title"] = {"en": title}
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
        yield ("title",), _("Title")
        yield ("summary",), _("Summary")
        yield ("introduction",), _("Introduction")
        for s, stage in enumerate(document["stages"]):
            label = wording.text(stage["label"])
            yield ("stages", s, "label"), _("Stage %(number)s: name") % {"number": s + 1}
            yield (
                ("stages", s, "you_are_here_if"),
                _("Stage %(number)s (%(stage)s): you are here if")
                % {
                    "number": s + 1,
                    "stage": label,
                },
            )
        for p, prompt in enumerate(document["prompts"]):
            yield (
                ("prompts", p, "text"),
                _("Question %(number)s (%(kind)s)") % {"number": p + 1, "kind": prompt["kind"]},
            )
            if "hint" in prompt:
                yield ("prompts", p, "hint"), _("Question %(number)s: hint") % {"number": p + 1}
        for i, _step in enumerate(document.get("planning", {}).get("idea_steps", [])):
            yield ("planning", "idea_steps", i), _("Planning step %(number)s") % {"number": i + 1}
        return
    index = next(i for i, principle in enumerate(document["principles"]) if principle["key"] == section)
    principle = document["principles"][index]
    stage_labels = {stage["key"]: wording.text(stage["label"]) for stage in document["stages"]}
    yield ("principles", index, "title"), _("Title")
    yield ("principles", index, "about"), _("What this is about")
    if "story" in principle:
        yield ("principles", index, "story", "text"), _("%(name)s’s story") % {"name": principle["story"]["name"]}
    for i, indicator in enumerate(principle["indicators"]):
        yield (
            ("principles", index, "indicators", i, "text"),
            _("Statement %(number)s (%(stage)s)")
            % {
                "number": i + 1,
                "stage": stage_labels[indicator["stage"]],
            },
        )
    for q, quote in enumerate(principle.get("quotes", [])):
        yield (
            ("principles", index, "quotes", q, "text"),
            _("Quote %(number)s (%(stage)s)")
            % {
                "number": q + 1,
                "stage": stage_labels[quote["stage"]],
            },
        )


def _get(document: Document, path: Path) -> Any:
    node: Any = document
    for part in path:
        node = node[part]
    return node


def wording_fields(document: Document, section: str) -> list[dict[str, Any]]:
    """The editable wording of one section: name, label, current English, Welsh and Easy Read text (empty
    when the version has none), and whether it is long."""
    fields = []
    for path, label in _text_paths(document, section):
        node = _get(document, path)
        value = node["en"]
        fields.append(
            {
                "name": "__".join(map(str, path)),
                "path": path,
                "label": label,
                "value": value,
                "cy": node.get("cy", ""),
                "easy_read": node.get("easy_read", ""),
                "long": len(value) > 90 or "\n" in value,
            }
        )
    return fields


def _picture_paths(document: Document, section: str) -> Iterator[tuple[Path, str]]:
    """The stages (in the details) and statements (in a principle) that may have a picture beside them."""
    if section == "details":
        for s, stage in enumerate(document["stages"]):
            yield (
                ("stages", s),
                _("Stage %(number)s (%(stage)s)") % {"number": s + 1, "stage": wording.text(stage["label"])},
            )
        return
    index = next(i for i, principle in enumerate(document["principles"]) if principle["key"] == section)
    for i, _indicator in enumerate(document["principles"][index]["indicators"]):
        yield ("principles", index, "indicators", i), _("Statement %(number)s") % {"number": i + 1}


def picture_fields(document: Document, section: str) -> list[dict[str, Any]]:
    """The pictures of one section: name, path to the stage or statement, label and current code ("" if none)."""
    return [
        {
            "name": "__".join(map(str, (*path, "picture"))),
            "path": path,
            "label": label,
            "value": _get(document, path).get("picture", ""),
        }
        for path, label in _picture_paths(document, section)
    ]


def _set_or_drop(node: dict[str, Any], key: str, value: str) -> bool:
    """Put `value` at `key`, or take the key away when the value is empty; whether anything changed."""
    if value == node.get(key, ""):
        return False
    if value:
        node[key] = value
    else:
        node.pop(key, None)
    return True


def sections(document: Document) -> list[tuple[str, str]]:
    """(section key, heading) for each part of the framework that can be reworded."""
    return [("details", _("Title, introduction, stages and questions"))] + [
        (principle["key"], wording.text(principle["title"])) for principle in document["principles"]
    ]


@transaction.atomic
def save_wording(
    framework: Framework, section: str, changes: dict[str, str], *, created_by: User | None
) -> FrameworkVersion | None:
    """Apply changed wording (English, Welsh and Easy Read) and pictures to the current version as a new
    version; None when nothing changed. An empty Welsh or Easy Read text, or picture, is taken away."""
    current = framework.current_version
    assert current is not None, "create_version gives every framework a current version"
    stored = caches.thawed(current.document)
    changed = False
    for field in wording_fields(stored, section):
        node = _get(stored, field["path"])
        new_text = changes.get(field["name"])
        if new_text is not None and new_text != field["value"]:
            node["en"] = new_text
            changed = True
        for variant in ("cy", "easy_read"):
            alternative = changes.get(f"{field['name']}__{variant}")
            if alternative is not None:
                changed = _set_or_drop(node, variant, alternative) or changed
    for field in picture_fields(stored, section):
        code = changes.get(field["name"])
        if code is not None:
            changed = _set_or_drop(_get(stored, field["path"]), "picture", code) or changed
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
