"""Sharing a round's link: the QR code, the invitation form's address list, and queueing the emails.

Invitation addresses are never saved in Coreflect's own tables: they are checked here, then each one
travels only as the argument of one background task (`tasks.send_round_invitation`) that sends one
email. A person's address is never linked to their answers.
"""

import re
from dataclasses import dataclass
from itertools import groupby

import qrcode
from django import forms
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import EmailValidator
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from coreflect import dates
from coreflect.forms import CoreflectForm

from .models import Round, RoundStatus
from .outline import MINUTES_PER_PART, closing_date, part_count
from .tasks import send_round_invitation

MAX_INVITATIONS = 500
MAX_MESSAGE_LENGTH = 1000
# Past this many characters of round title and organisation name together, the poster uses smaller
# type so that everything, QR code included, still fits one sheet of A4.
COMPACT_POSTER_NAMES = 110
# How many bad addresses an error message names before it just says how many more there are.
BAD_ADDRESSES_SHOWN = 10

SVG_NAMESPACE = "http://www.w3.org/2000/svg"


# --- The QR code ---------------------------------------------------------------------------------


def qr_svg(url: str, *, title: str, title_id: str = "qr-code-title", size_mm: int | None = None) -> SafeString:
    """An accessible SVG QR code for `url`: black squares on white, named by its <title>.

    Drawn here from the code's modules (one path, a run of dark modules at a time) rather than through
    the library's SVG image classes, so the markup is exactly what an HTML page and WeasyPrint need:
    no XML declaration, no fixed ids, `role="img"` labelled by the title. Medium error correction
    survives a creased or scuffed poster. `size_mm` gives a standalone file a printed size.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the quiet zone around the code
    side = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        for dark, cells in groupby(row):
            length = len(list(cells))
            if dark:
                runs.append(f"M{x},{y}h{length}v1h-{length}z")
            x += length
    size = format_html(' width="{}mm" height="{}mm"', size_mm, size_mm) if size_mm else ""
    return format_html(
        '<svg xmlns="{namespace}" viewBox="0 0 {side} {side}"{size} class="qr-code" role="img" '
        'aria-labelledby="{title_id}" shape-rendering="crispEdges"><title id="{title_id}">{title}</title>'
        '<rect width="{side}" height="{side}" fill="#ffffff"/><path d="{path}" fill="#000000"/></svg>',
        namespace=SVG_NAMESPACE,
        side=side,
        size=size,
        title_id=title_id,
        title=title,
        path="".join(runs),
    )


def qr_svg_document(url: str, *, title: str) -> str:
    """The QR code as a standalone SVG file, 50 mm square when printed."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + qr_svg(url, title=title, size_mm=50)


# --- What the poster and the email say about a round -------------------------------------------


def availability_warning(round_: Round) -> str:
    """Why people following the link could not take part today, or "" when they can."""
    if round_.status == RoundStatus.DRAFT:
        return _("This round is still a draft. People cannot take part until you open it.")
    if round_.status == RoundStatus.CLOSED:
        return _("This round is closed. People cannot take part until you open it again.")
    today = timezone.localdate()
    if round_.opens_on and today < round_.opens_on:
        return _("This round opens on %(date)s. People cannot take part before then.") % {
            "date": dates.day(round_.opens_on)
        }
    if round_.closes_on and today > round_.closes_on:
        return _("This round’s closing date has passed. People cannot take part unless you change the date.")
    return ""


def link_parts(participant_url: str) -> tuple[str, str]:
    """The link split before its code, e.g. ("https://…/r/", "Ab3-x_9…/").

    On paper the poster keeps the code on one line: codes can contain hyphens, and a line ending in
    one reads as a word break, not as part of the link to type.
    """
    start, slash, code = participant_url.rstrip("/").rpartition("/")
    return start + slash, code + participant_url[len(start + slash + code) :]


def poster_context(round_: Round, participant_url: str, *, for_pdf: bool) -> dict:
    """What `reflections/poster.html` shows, on screen and in the PDF."""
    return {
        "round": round_,
        "participant_url": participant_url,
        "link_parts": link_parts(participant_url),
        "qr_code": qr_svg(participant_url, title=_("QR code for the link below")),
        "parts": part_count(round_),
        "minutes": MINUTES_PER_PART,
        "closes_on": closing_date(round_),
        "warning": availability_warning(round_),
        "compact": len(round_.title) + len(round_.organisation.name) > COMPACT_POSTER_NAMES,
        "for_pdf": for_pdf,
    }


# --- The address list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressList:
    addresses: list[str]  # good ones, each once, in the order typed
    bad: list[str]  # as typed


# "Jo Bloggs <jo@example.org>", as email programs copy addresses.
NAMED_ADDRESS = re.compile(r"^[^<>]*<\s*([^<>]*?)\s*>$")
SEPARATORS = re.compile(r"[\n\r,;]+")


def parse_addresses(text: str) -> AddressList:
    """Split typed or pasted text into addresses: one a line, or separated by commas, semicolons or spaces.

    Duplicates are dropped whatever their capitals; the first spelling is kept.
    """
    validate = EmailValidator()
    addresses: dict[str, str] = {}  # lower case -> as first typed (dicts keep their order)
    bad: dict[str, None] = {}
    for piece in _pieces(text):
        match = NAMED_ADDRESS.match(piece)
        address = match.group(1) if match else piece
        if piece in bad or address.lower() in addresses:
            continue  # seen already: checking again could only slow a huge paste down
        try:
            validate(address)
        except ValidationError:
            bad.setdefault(piece)
            continue
        addresses.setdefault(address.lower(), address)
    return AddressList(addresses=list(addresses.values()), bad=list(bad))


def _pieces(text: str):
    for part in SEPARATORS.split(text):
        part = part.strip()
        if not part:
            continue
        if "<" in part:
            yield part
        else:
            yield from part.split()


def bad_addresses_message(bad: list[str]) -> str:
    shown = [Truncator(piece).chars(60) for piece in bad[:BAD_ADDRESSES_SHOWN]]
    listed = ", ".join(shown)
    if len(bad) > BAD_ADDRESSES_SHOWN:
        listed = _("%(listed)s and %(count)s more") % {"listed": listed, "count": len(bad) - BAD_ADDRESSES_SHOWN}
    return ngettext(
        "Check this address: %(listed)s (it should look like name@example.com)",
        "Check these addresses: %(listed)s (each should look like name@example.com)",
        len(bad),
    ) % {"listed": listed}


class InvitationForm(CoreflectForm):
    addresses = forms.CharField(
        label=gettext_lazy("Email addresses"),
        help_text=gettext_lazy(
            "One per line, or separated by commas. We send each person the link. Addresses are used only to send it and are never kept with anyone’s answers."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Enter at least one email address")},
    )
    message = forms.CharField(
        label=gettext_lazy("A short message to add to the email (optional)"),
        help_text=gettext_lazy("For example, why their views matter to you. You can write up to 1,000 characters."),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": gettext_lazy("Your message must be 1,000 characters or fewer")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The server checks the length and says so; a browser's maxlength would silently cut off pasted text.
        self.fields["message"].widget.attrs.pop("maxlength", None)

    def clean_addresses(self) -> list[str]:
        parsed = parse_addresses(self.cleaned_data["addresses"])
        if parsed.bad:
            raise ValidationError(bad_addresses_message(parsed.bad))
        if not parsed.addresses:
            raise ValidationError(_("Enter at least one email address"))
        if len(parsed.addresses) > MAX_INVITATIONS:
            raise ValidationError(
                _("You can send up to %(max)s invitations at once. You entered %(count)s: send them in smaller groups.")
                % {"max": MAX_INVITATIONS, "count": len(parsed.addresses)}
            )
        return parsed.addresses


# --- Sending -------------------------------------------------------------------------------------


def send_invitations(round_: Round, addresses: list[str], *, message: str, participant_url: str) -> int:
    """Queue one email per address; all are queued or, if queueing fails part way, none are."""
    language = get_language()
    with transaction.atomic():
        for address in addresses:
            send_round_invitation.enqueue(
                round_id=round_.pk,
                address=address,
                message=message,
                participant_url=participant_url,
                language=language,
            )
    return len(addresses)


def email_private_link(round_: Round, resume_url: str, address: str) -> None:
    """Send someone their private "come back later" link, now, in this request: not through the task
    queue, which would keep the address in its table until it is cleared."""
    context = {"round": round_, "url": resume_url, "closes_on": closing_date(round_)}
    subject = render_to_string("reflections/email/private_link_subject.txt", context)
    body = render_to_string("reflections/email/private_link.txt", context)
    send_mail(subject=" ".join(subject.split()), message=body, from_email=None, recipient_list=[address])
