"""A framework version with Easy Read text and pictures, for the Easy Read tests (the built-in frameworks gain
theirs in their YAML files; these tests must not depend on those words)."""

import copy

from coreflect import caches
from coreflect.frameworks.models import Framework, FrameworkVersion

STAGE_PICTURE = "1F331"  # seedling
STATEMENT_PICTURE = "1F91D"  # handshake


def easy(value: dict, words: str) -> dict:
    return {**value, "easy_read": words}


def add_easy_read(slug: str = "how-are-you-doing-2011") -> FrameworkVersion:
    """Give the framework's current version Easy Read text ("Easy: …") and a picture for every stage and
    statement, in place (a test database's built-in version is the tests' to change)."""
    version = Framework.objects.get(slug=slug).current_version
    document = copy.deepcopy(version.document)
    for number, stage in enumerate(document["stages"], start=1):
        stage["label"] = easy(stage["label"], f"Easy stage {number}")
        stage["picture"] = STAGE_PICTURE
    for principle in document["principles"]:
        principle["title"] = easy(principle["title"], f"Easy title of {principle['key']}")
        principle["about"] = easy(principle["about"], f"Easy about {principle['key']}. One idea at a time.")
        for indicator in principle["indicators"]:
            indicator["text"] = easy(indicator["text"], f"Easy statement {indicator['key']}")
            indicator["picture"] = STATEMENT_PICTURE
    FrameworkVersion.objects.filter(pk=version.pk).update(document=document)
    version.refresh_from_db()
    return version


def remove_easy_read(slug: str = "how-are-we-doing") -> FrameworkVersion:
    """Take the Easy Read text out of the framework's current version, in place: the tests of a framework that
    has none (the built-in ones all have theirs)."""
    version = Framework.objects.get(slug=slug).current_version

    def without(node):
        if isinstance(node, dict):
            return {key: without(value) for key, value in node.items() if key not in {"easy_read", "picture"}}
        if isinstance(node, list):
            return [without(item) for item in node]
        return node

    FrameworkVersion.objects.filter(pk=version.pk).update(document=without(copy.deepcopy(version.document)))
    caches.clear()  # what a process keeps of the version (whether it has Easy Read, its forms) is now stale
    version.refresh_from_db()
    return version


def joined_in_easy_read(organisation, person):
    """A participant who joined a round of `organisation`'s on a framework with Easy Read, and chose it."""
    from .conftest import Visitor, make_round

    add_easy_read()
    visitor = Visitor(make_round(organisation, person))
    visitor.join()
    visitor.client.post(visitor.url("wording"), {"wording": "easy-read", "next": visitor.url("tasks")})
    return visitor
