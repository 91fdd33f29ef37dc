"""Reading frameworks: which ones a visitor may see, and a version as plain data.

Built-in frameworks are public. An organisation's copies are visible only while that organisation
is the visitor's current one; to anyone else they do not exist (404).
"""

import copy
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from .models import Framework, FrameworkVersion


def visible_frameworks(organisation=None):
    scope = Q(organisation__isnull=True)
    if organisation is not None:
        scope |= Q(organisation=organisation)
    return (
        Framework.objects.filter(scope)
        .filter(current_version__isnull=False)
        .select_related("current_version", "organisation", "copied_from__framework")
        .order_by("organisation_id", "slug")
    )


def get_visible_framework(slug: str, organisation=None) -> Framework:
    framework = visible_frameworks(organisation).filter(slug=slug).first()
    if framework is None:
        raise Http404
    return framework


def get_version(framework: Framework, number=None) -> FrameworkVersion:
    """The framework's current version, or the numbered one (404 if it has no such version)."""
    if number in (None, ""):
        return framework.current_version
    try:
        return framework.versions.get(number=int(number))
    except (FrameworkVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def plain(value) -> str:
    return value.get("en", "") if isinstance(value, dict) else (value or "")


def credit_line(version: FrameworkVersion) -> str:
    """e.g. "Co-production – how are you doing? by Samantha Clark and Tricia Nicoll, 2011"."""
    credit = version.document["credit"]
    line = plain(credit["tool"])
    if authors := credit.get("authors"):
        line += " by " + (authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1])
    for extra in (credit.get("publisher"), credit.get("year")):
        if extra:
            line += f", {extra}"
    return line


def version_as_json(framework: Framework, version: FrameworkVersion) -> dict:
    """The public machine-readable form of a framework version (see /frameworks/<slug>.json)."""
    document = version.document
    credit = document["credit"]
    return {
        "slug": framework.slug,
        "version": version.number,
        "title": plain(document["title"]),
        "credit": {
            "tool": plain(credit["tool"]),
            "authors": credit.get("authors", []),
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


def visible_versions(organisation=None):
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
    """A version's Principle, Stage and Indicator rows by key, for answers to point at."""

    principles: dict
    stages: dict
    indicators: dict  # principle key -> {indicator key -> Indicator}


_skeletons: dict[int, Skeleton] = {}
_versions: dict[int, FrameworkVersion] = {}


def forget_kept_versions() -> None:
    """Drop what this process keeps of framework versions (tests whose database reuses ids need this)."""
    _skeletons.clear()
    _versions.clear()


def kept_version(pk: int) -> FrameworkVersion:
    """A framework version read once per process – its document never changes, and decoding it is the
    dearest part of a participant's page. Each caller gets its own copy, so nothing it caches on the
    object (its framework, say, whose current version does change) outlives the request."""
    if pk not in _versions:
        _versions[pk] = FrameworkVersion.objects.get(pk=pk)
    return copy.copy(_versions[pk])


def skeleton(version: FrameworkVersion) -> Skeleton:
    """The version's rows, read once per process: versions never change, so neither do their rows."""
    if version.pk not in _skeletons:
        principles = {row.key: row for row in version.principle_rows.all()}
        indicators = {key: {} for key in principles}
        by_id = {row.pk: row.key for row in principles.values()}
        for row in version.indicator_rows.all():
            indicators[by_id[row.principle_id]][row.key] = row
        _skeletons[version.pk] = Skeleton(principles, {row.key: row for row in version.stage_rows.all()}, indicators)
    return _skeletons[version.pk]
