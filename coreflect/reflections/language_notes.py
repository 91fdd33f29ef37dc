"""The language lens beside what a participant wrote, in rounds whose facilitator switched it on.

Participants' words are theirs, so a round shows no notes unless `Round.language_lens` is on. When it is, a
principle page saved in full (not autosaved) comes back once with a gentle note beside each phrase of the
organisation's list found in the evidence, reflections or ideas: what was written, why it matters and
asset-based words to use instead. The answers are already saved and nothing is held up. Each phrase is
pointed out once on a page: the keys already noted come back with the next save, and a save that brings
up nothing new goes on as usual. Nothing about the notes is stored.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coreflect.language.written import ShownNote, field_notes

from .models import Round

FIELDS: dict[str, Promise] = {"evidence": _("Evidence"), "reflections": _("Reflections"), "ideas": _("Ideas")}
MOST_NOTED = 200  # keys carried from one save to the next: more than the list has, fewer than a forged page


@dataclass(frozen=True)
class Note:
    field: str  # the field's name, for a link to it
    field_label: str
    shown: ShownNote  # the words as the person wrote them, why they matter, what to say instead


@dataclass(frozen=True)
class Notes:
    notes: tuple[Note, ...]
    noted: tuple[str, ...]  # every entry key pointed out on the page so far, for the next save
    next_url: str  # where the person was going when they saved


def already_noted(data) -> list[str]:
    """The entry keys a page pointed out before this save (from its hidden fields)."""
    return [key[:100] for key in data.getlist("noted")[:MOST_NOTED]]


def after_save(round_: Round, cleaned_data: dict, noted: list[str], next_name: str) -> Notes | None:
    """The notes to show after a full save, or None when the round does not show them or there is nothing new
    to point out (then the page goes on to `next_name` as usual)."""
    if not round_.language_lens:
        return None
    written = {name: cleaned_data.get(name) or "" for name in FIELDS if name in cleaned_data}
    found = field_notes(written, round_.organisation, already_noted=noted)
    notes = tuple(Note(name, str(FIELDS[name]), shown) for name, shown_notes in found.items() for shown in shown_notes)
    if not notes:
        return None
    keys = tuple(dict.fromkeys([*noted, *(note.shown.key for note in notes)]))
    return Notes(notes, keys, reverse(next_name, args=[round_.link_code]))
