"""`{% lens_notes lens_notes "field" %}` (or `{% lens_notes lens_notes "note-" note.pk %}`): the language lens's notes for one field, next to it
(`language/_notes.html`; nothing when there are none)."""

from django import template

register = template.Library()


@register.inclusion_tag("language/_notes.html")
def lens_notes(notes, *name):
    """The notes for the field named by `name`'s parts joined (`"note-" note.pk` names "note-12")."""
    return {"notes": (notes or {}).get("".join(str(part) for part in name), ())}
