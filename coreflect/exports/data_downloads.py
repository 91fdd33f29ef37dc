"""The record of a round's data taken out of Coreflect: every download is a `Download` row (who, when, what)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Contents, Download, Format

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from coreflect.accounts.models import User
    from coreflect.reflections.models import Round


def record(round_: Round, user: User, contents: Contents, format_: Format) -> Download:
    return Download.objects.create(round=round_, downloaded_by=user, contents=contents, format=format_)


def raw_exports(round_: Round, limit: int = 50) -> QuerySet[Download]:
    """The round's raw data downloads, newest first, with who made them."""
    return round_.downloads.filter(contents=Contents.RAW_DATA).select_related("downloaded_by")[:limit]
