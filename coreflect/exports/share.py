"""Share links: a read-only link to a round's report for people without an account, such as a board or
partners. A link expires (30 days unless the facilitator chooses otherwise), can be withdrawn at any time,
and shows exactly what a viewer of the organisation would see of the report – nothing more. Who made each
link and when it was last opened are kept, and shown to the round's facilitators.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils import timezone

from coreflect.audit.models import Kind
from coreflect.audit.trail import record
from coreflect.reflections.models import Round

from .models import ShareLink

DEFAULT_DAYS = 30
LONGEST_DAYS = 365
TOKEN_LENGTH = 64  # ShareLink.token's max_length: nothing longer can be a link


class LinkState:
    LIVE = "live"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Opened:
    """A share link as its visitor finds it: live (with its round), or why it no longer works."""

    link: ShareLink | None
    state: str | None  # None: no such link

    @property
    def live(self) -> bool:
        return self.state == LinkState.LIVE


def state_of(link: ShareLink, now: datetime.datetime | None = None) -> str:
    if link.revoked_at is not None:
        return LinkState.WITHDRAWN
    if (now or timezone.now()) >= link.expires_at:
        return LinkState.EXPIRED
    return LinkState.LIVE


def create_link(round_: Round, *, by, label: str = "", days: int = DEFAULT_DAYS, sections=()) -> ShareLink:
    days = max(1, min(int(days), LONGEST_DAYS))
    now = timezone.now()
    link = ShareLink.objects.create(
        round=round_,
        label=label.strip(),
        sections=list(sections),
        created_by=by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    record(
        Kind.SHARE_LINK_MADE,
        organisation_id=round_.organisation_id,
        target=link,
        target_label=f"{round_.title}: {link.label}" if link.label else round_.title,
        changed={"works until": [None, link.expires_at.date().isoformat()]},
        actor=by,
    )
    return link


def withdraw_link(link: ShareLink, *, by) -> bool:
    """Withdraws a live link (at once, for everyone who has it). False if it had already been withdrawn."""
    withdrawn = ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by
    )
    if withdrawn:
        record(
            Kind.SHARE_LINK_WITHDRAWN,
            organisation_id=link.round.organisation_id,
            target=link,
            target_label=f"{link.round.title}: {link.label}" if link.label else link.round.title,
            actor=by,
        )
    return bool(withdrawn)


def links_of(round_: Round) -> QuerySet[ShareLink]:
    return round_.share_links.select_related("created_by", "revoked_by").order_by("-created_at")


def link_of(round_: Round, pk) -> ShareLink | None:
    try:
        return round_.share_links.filter(pk=int(pk)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def open_link(token: str) -> Opened:
    """The link with this token, as a visitor finds it; a live link counts as used (when, and how often)."""
    if not token or len(token) > TOKEN_LENGTH or "\x00" in token:
        return Opened(None, None)
    link = (
        ShareLink.objects.filter(token=token)
        .select_related("round__organisation", "round__framework_version__framework")
        .first()
    )
    if link is None:
        return Opened(None, None)
    state = state_of(link)
    if state == LinkState.LIVE:
        now = timezone.now()
        ShareLink.objects.filter(pk=link.pk).update(last_used_at=now, times_used=F("times_used") + 1)
        link.last_used_at = now
    return Opened(link, state)
