"""Reading frameworks: which ones a visitor may see, and a version as plain data.

Built-in frameworks are public. An organisation's copies are visible only while that organisation
is the visitor's current one; to anyone else they do not exist (404).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.text import get_text_list
from django.utils.translation import gettext

from coreflect import caches
from coreflect.organisations.models import Organisation

from . import wording
from .models import Framework, FrameworkVersion, Indicator, Principle, Stage


def visible_frameworks(organisation: Organisation | None = None) -> QuerySet[Framework]:
    scope = Q(organisation__isnull=True)
    if organisation is not None:
        scope |= Q(organisation=organisation)
    return (
        Framework.objects.filter(scope)
        .filter(current_version__isnull=False)
        .select_related("current_version", "organisation", "copied_from__framework")
        .order_by("organisation_id", "slug")
    )


def get_visible_framework(slug: str, organisation: Organisation | None = None) -> Framework:
    framework = visible_frameworks(organisation).filter(slug=slug).first()
    if framework is None:
        raise Http404
    return framework


def get_version(framework: Framework, number: int | str | None = None) -> FrameworkVersion:
    """The framework's current version, or the numbered one (404 if it has no such version)."""
    if number is None or number == "":
        if framework.current_version is None:
            raise Http404
        return framework.current_version
    try:
        return framework.versions.get(number=int(number))
    except (FrameworkVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def plain(value: Any) -> str:
    """A framework text field's English wording (a frozen document's fields are read-only mappings)."""
    return str(value.get("en", "")) if isinstance(value, Mapping) else str(value or "")


def credit_line(version: FrameworkVersion) -> str:
    """e.g. "Co-production – how are you doing? by Samantha Clark and Tricia Nicoll, 2011", in the reader's
    language (the tool's name as the framework gives it for that language)."""
    credit = version.document["credit"]
    line = wording.text(credit["tool"])
    if authors := credit.get("authors"):
        names = get_text_list(list(authors), gettext("and"))
        line = gettext("%(tool)s by %(authors)s") % {"tool": line, "authors": names}
    for extra in (credit.get("publisher"), credit.get("year")):
        if extra:
            line += f", {extra}"
    return line


def version_as_json(framework: Framework, version: FrameworkVersion) -> dict[str, Any]:
    """The public machine-readable form of a framework version (see /frameworks/<slug>.json)."""
    document = version.document
    credit = document["credit"]
    return {
        "slug": framework.slug,
        "version": version.number,
        "title": plain(document["title"]),
        "credit": {
            "tool": plain(credit["tool"]),
            "authors": list(credit.get("authors", [])),
            "publisher": credit.get("publisher"),
            "year": credit.get("year"),
            "note": plain(credit["note"]),
        },
        "stages": [{"key": stage["key"], "label": plain(stage["label"])} for stage in document["stages"]],
        "principles": [
            {
                "key": principle["key"],
                "title": plain(principle["title"]),
                "about": plain(principle["about"]),
                "indicators": [
                    {"key": indicator["key"], "stage": indicator["stage"], "text": plain(indicator["text"])}
                    for indicator in principle["indicators"]
                ],
            }
            for principle in document["principles"]
        ],
    }


def visible_versions(organisation: Organisation | None = None) -> QuerySet[FrameworkVersion]:
    """Every version of every framework the organisation may use, newest first within a framework."""
    scope = Q(framework__organisation__isnull=True)
    if organisation is not None:
        scope |= Q(framework__organisation=organisation)
    return (
        FrameworkVersion.objects.filter(scope)
        .select_related("framework")
        .order_by("framework__organisation_id", "framework__slug", "-number")
    )


@dataclass(frozen=True)
class Skeleton:
    """A version's Principle, Stage and Indicator rows by key, for answers to point at.

    The mappings are read-only. The rows are shared by every request in the process: read them and point
    at them, never change or save them."""

    principles: Mapping[str, Principle]
    stages: Mapping[str, Stage]
    indicators: Mapping[str, Mapping[str, Indicator]]  # principle key -> {indicator key -> Indicator}


# Every column of a version, in the order FrameworkVersion(*values) takes them.
_COLUMNS = tuple(field.attname for field in FrameworkVersion._meta.concrete_fields)


def kept_version(pk: int) -> FrameworkVersion:
    """A framework version read once per process – its document never changes, and decoding it is the
    dearest part of a participant's page. The document comes frozen (read-only mappings and tuples all the
    way down), and each caller gets its own instance, so nothing it caches on the object (its framework,
    say, whose current version does change) outlives the request. A kept version is for reading: it
    refuses to be saved."""
    values = caches.kept("framework version", pk, lambda: _columns(pk))
    return FrameworkVersion.from_db(DEFAULT_DB_ALIAS, _COLUMNS, values)


def _columns(pk: int) -> Sequence[Any]:
    return tuple(FrameworkVersion.objects.filter(pk=pk).values_list(*_COLUMNS).get())


def skeleton(version: FrameworkVersion) -> Skeleton:
    """The version's rows, read once per process: versions never change, so neither do their rows."""
    return caches.kept("framework skeleton", version.pk, lambda: _skeleton(version))


def _skeleton(version: FrameworkVersion) -> Skeleton:
    principles = {row.key: row for row in version.principle_rows.all()}
    indicators: dict[str, dict[str, Indicator]] = {key: {} for key in principles}
    by_id = {row.pk: row.key for row in principles.values()}
    for row in version.indicator_rows.all():
        indicators[by_id[row.principle_id]][row.key] = row
    stages = {row.key: row for row in version.stage_rows.all()}
    # A frozen dataclass passes through freeze() as it is, so its mappings are frozen here.
    return Skeleton(caches.freeze(principles), caches.freeze(stages), caches.freeze(indicators))
