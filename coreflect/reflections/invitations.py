"""Personal invitations: single-use links, each starting one participant, sent by email or printed as slips.

A link's token is shown once – in the email, or on the printed slip – and only its hash is kept (as for
every token: decision 3). Using a link marks it used and starts a participant with their own private
token, as the open link does. Nothing joins the two: the link keeps no participant and no time, and the
participant row does not point back at the link, so once used an invitation says only that it was used.
The person comes back through their own token, in their cookie or their "come back later" link.

Emails go out now, in the request, like the private "come back later" link: a queued task would keep the
address and a working link together in the task table until it is cleared. Addresses are kept nowhere.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from coreflect.audit.models import Kind
from coreflect.audit.trail import changes, record

from . import disclosure, services
from .models import PersonalLink, hash_token, new_token
from .outline import MINUTES_PER_PART, closing_date, part_count
from .sharing import link_parts, qr_svg

if TYPE_CHECKING:
    from .models import Participant, Perspective, Round

logger = logging.getLogger(__name__)

# At most this many links at once, by email or on paper: a batch is sent, or printed, in one request.
MAX_PERSONAL_LINKS = 200
SLIPS_PER_PAGE = 8  # two across, four down, on A4


class LinkUsed(Exception):
    """The personal link has started someone already."""


class NotSent(Exception):
    """The email server refused part way: `sent` emails went, the links for the rest were taken back."""

    def __init__(self, sent: int):
        super().__init__(sent)
        self.sent = sent


@dataclass(frozen=True)
class Rate:
    """How many people of one perspective were invited, and how many have answered, as it may be shown."""

    perspective: Perspective
    invited: int
    answered: int | disclosure.Hidden


# --- Making and using links ------------------------------------------------------------------------


@transaction.atomic
def make_links(round_: Round, perspective: Perspective, count: int) -> list[str]:
    """`count` new single-use links for one perspective of the round: their tokens, to show once."""
    tokens = [new_token() for _ in range(count)]
    PersonalLink.objects.bulk_create(
        PersonalLink(round=round_, perspective=perspective, token_hash=hash_token(token)) for token in tokens
    )
    record(
        Kind.PERSONAL_LINKS_MADE,
        organisation_id=round_.organisation_id,
        target=round_,
        changed=changes({}, {"count": count, "perspective": perspective.label}),
    )
    return tokens


def find(round_: Round, token: str | None) -> PersonalLink | None:
    """The round's personal link with this token, with its perspective, or None."""
    if not token:
        return None
    return round_.personal_links.select_related("perspective").filter(token_hash=hash_token(token)).first()


@transaction.atomic
def use(link: PersonalLink, *, name: str = "", easy_read: bool = False) -> tuple[Participant, str]:
    """Start the one participant a personal link is for: (participant, their private token), reading in Easy
    Read if they chose it on the invitation page. Only the first of two browsers using the same link at once
    gets past the update; the other gets LinkUsed."""
    round_ = link.round
    if not round_.is_accepting_answers:
        raise services.RoundNotOpen
    if not PersonalLink.objects.filter(pk=link.pk, used=False).update(used=True):
        raise LinkUsed
    link.used = True
    return services.start_participant(round_, link.perspective, name=name, easy_read=easy_read)


@transaction.atomic
def set_personal_links_only(round_: Round, only: bool) -> None:
    """Accept personal links only (the open link refused), or the open link as well."""
    if only == round_.personal_links_only:
        return
    record(
        Kind.ROUND_CHANGED,
        organisation_id=round_.organisation_id,
        target=round_,
        changed=changes({"personal_links_only": round_.personal_links_only}, {"personal_links_only": only}),
    )
    round_.personal_links_only = only
    round_.save(update_fields=["personal_links_only"])


# --- Sending and printing ------------------------------------------------------------------------


def email_links(
    round_: Round,
    perspective: Perspective,
    addresses: Sequence[str],
    *,
    message: str,
    link_for: Callable[[str], str],
) -> int:
    """Email each address its own personal link, now; the addresses are used for this and kept nowhere.
    If the email server fails part way, the links not sent are taken back and NotSent says how many went."""
    tokens = make_links(round_, perspective, len(addresses))
    context = {
        "round": round_,
        "organisation": round_.organisation.name,
        "message": message.strip(),
        "parts": part_count(round_),
        "minutes": MINUTES_PER_PART,
        "closes_on": closing_date(round_),
    }
    subject = " ".join(render_to_string("reflections/email/personal_invitation_subject.txt", context).split())
    sent = 0
    try:
        with get_connection() as connection:
            for address, token in zip(addresses, tokens, strict=True):
                body = render_to_string("reflections/email/personal_invitation.txt", context | {"url": link_for(token)})
                EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address], connection=connection).send()
                sent += 1
    except OSError:
        logger.exception("Sending personal invitations stopped after %s of %s", sent, len(tokens))
        PersonalLink.objects.filter(token_hash__in=[hash_token(token) for token in tokens[sent:]]).delete()
        raise NotSent(sent) from None
    return sent


@dataclass(frozen=True)
class Slip:
    url: str
    link_parts: tuple[str, str]
    qr_code: SafeString


def slips(urls: Sequence[str]) -> list[list[Slip]]:
    """The slips to print, a page of SLIPS_PER_PAGE at a time, each with its link and its QR code."""
    made = [
        Slip(url, link_parts(url), qr_svg(url, title=_("QR code for your personal link"), title_id=f"qr-{n}"))
        for n, url in enumerate(urls)
    ]
    return [made[start : start + SLIPS_PER_PAGE] for start in range(0, len(made), SLIPS_PER_PAGE)]


def slips_context(round_: Round, perspective: Perspective, urls: Sequence[str]) -> dict:
    return {
        "round": round_,
        "perspective": perspective,
        "pages": slips(urls),
        "closes_on": closing_date(round_),
    }


# --- Response rates ------------------------------------------------------------------------------


def response_rates(round_: Round) -> list[Rate]:
    """For each perspective personal links were made for: how many, and how many people of that perspective
    have answered, read through the gatekeeper (so in anonymous rounds it moves in batches, with small
    groups hidden). Used links are not counted here: nothing says who used one, nor whether they sent."""
    invited = dict(
        round_.personal_links.order_by().values("perspective").annotate(n=Count("pk")).values_list("perspective", "n")
    )
    if not invited:
        return []
    return [
        Rate(perspective, invited[perspective.pk], answered)
        for perspective, answered in disclosure.answered(round_)
        if perspective.pk in invited
    ]
