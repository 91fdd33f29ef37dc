"""A round in outline, as the poster and the e-mails put it: how many parts, about how long each takes,
and when it closes.

Both `sharing.py` (the poster, the private link) and `tasks.py` (each invitation) say this, so it lives
below them both.
"""

from django.utils.formats import date_format

from .models import Round

MINUTES_PER_PART = 5


def part_count(round_: Round) -> int:
    return len(round_.framework_version.principles)


def closing_date(round_: Round) -> str:
    """The closing date as GOV.UK writes dates (e.g. 31 March 2026), or "" when there is none."""
    return date_format(round_.closes_on, "j F Y") if round_.closes_on else ""
