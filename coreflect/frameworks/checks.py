"""Whether a framework version's Welsh and Easy Read wording has been checked by the people it is for.

Welsh wording is trusted once a fluent Welsh speaker has checked it, and Easy Read once people with learning
disabilities have. Until an organisation records that check (`record_check`), facilitators see the wording
marked "awaiting review" on the framework's pages, when choosing a framework for a round, on the round's page
and on the paper version. Participants never see the marker. A check belongs to one organisation and one
version: rewording a copy makes a new version, whose wording has not been checked yet.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coreflect import caches
from coreflect.audit.models import Kind
from coreflect.audit.trail import record
from coreflect.dates import day
from coreflect.organisations.permissions import Permission

from .models import FrameworkVersion, Variant, WordingReview

if TYPE_CHECKING:
    from coreflect.accounts.models import User
    from coreflect.organisations.models import Organisation


class AlreadyChecked(Exception):
    """The organisation has already recorded a check of this wording."""


@dataclass(frozen=True)
class WordingCheck:
    """One alternative text of a version (Welsh or Easy Read) and the organisation's check of it, if any."""

    variant: Variant
    review: WordingReview | None

    @property
    def awaiting_review(self) -> bool:
        return self.review is None

    @property
    def sentence(self) -> str:
        """e.g. "Welsh checked by Our Welsh language officer on 1 December 2026", or who it is waiting for."""
        if self.review is not None:
            return _("%(wording)s checked by %(who)s on %(day)s") % {
                "wording": self.variant.label,
                "who": self.review.checked_by,
                "day": day(self.review.checked_on),
            }
        if self.variant == Variant.WELSH:
            return _("Welsh wording not yet checked by a fluent Welsh speaker")
        return _("Easy Read wording not yet checked by people with learning disabilities")


def variants(version: FrameworkVersion) -> Sequence[Variant]:
    """The alternative texts the version actually has, in the order Welsh, Easy Read (kept per process:
    a version never changes)."""
    return caches.kept("framework variants", version.pk, lambda: _variants(version.document))


def _variants(document: Any) -> list[Variant]:
    found: set[str] = set()
    _collect(document, found)
    return [variant for variant in Variant if variant.value in found]


def _collect(node: Any, found: set[str]) -> None:
    if isinstance(node, Mapping):
        if "en" in node and isinstance(node.get("en"), str):
            found.update(key for key in (Variant.WELSH.value, Variant.EASY_READ.value) if node.get(key))
            return
        for value in node.values():
            _collect(value, found)
    elif isinstance(node, list | tuple):
        for value in node:
            _collect(value, found)


def checks_for(
    organisation: Organisation | None, versions: Iterable[FrameworkVersion]
) -> dict[int, list[WordingCheck]]:
    """{version id: its checks} for any number of versions, in one query (none when nothing needs checking)."""
    versions = list(versions)
    wanted = [version for version in versions if variants(version)]
    reviews: dict[tuple[int, str], WordingReview] = {}
    if wanted and organisation is not None:
        for review in WordingReview.objects.filter(
            organisation=organisation, version__in=[version.pk for version in wanted]
        ):
            reviews[(review.version_id, review.variant)] = review
    return {
        version.pk: [WordingCheck(variant, reviews.get((version.pk, variant.value))) for variant in variants(version)]
        for version in versions
    }


def checks(organisation: Organisation | None, version: FrameworkVersion) -> list[WordingCheck]:
    """The version's Welsh and Easy Read wording, each with the organisation's check of it (or None)."""
    return checks_for(organisation, [version])[version.pk]


def awaiting(organisation: Organisation | None, versions: Iterable[FrameworkVersion]) -> dict[int, list[Variant]]:
    """{version id: the variants still awaiting review}, for lists such as the choice of framework."""
    return {
        pk: [check.variant for check in found if check.awaiting_review]
        for pk, found in checks_for(organisation, versions).items()
    }


def record_check(
    organisation: Organisation,
    version: FrameworkVersion,
    variant: Variant | str,
    *,
    checked_by: str,
    checked_on: datetime.date,
    recorded_by: User | None,
) -> WordingReview:
    """Record that the version's Welsh or Easy Read wording was checked, by whom and when."""
    variant = Variant(variant)
    if variant not in variants(version):
        raise ValueError(f"{version} has no {variant.label} wording to check")
    try:
        with transaction.atomic():
            review = WordingReview.objects.create(
                organisation=organisation,
                version=version,
                variant=variant,
                checked_by=checked_by,
                checked_on=checked_on,
                recorded_by=recorded_by,
            )
    except IntegrityError:
        raise AlreadyChecked from None
    record(
        Kind.WORDING_CHECKED,
        organisation_id=organisation.pk,
        target=version,
        target_label=str(version),
        changed={
            "wording": [None, str(variant.label)],
            "checked by": [None, checked_by],
            "checked on": [None, checked_on.isoformat()],
        },
        actor=recorded_by,
    )
    return review


def shown_to(membership: Any, version: FrameworkVersion) -> list[WordingCheck]:
    """The checks a visitor sees marked on a page: facilitators and admins only, never participants or the
    public (who see no marker at all)."""
    if membership is None or not membership.allows(Permission.RUN_REFLECTIONS):
        return []
    return checks(membership.organisation, version)
