"""What the audit trail calls each thing an event records as changed, in the reader's language.

An event keeps its changes under plain English keys (`{"role": [before, after]}`), fixed when it was written, so
that the trail reads the same whatever language it was written in. The page names each key through here; a key
with no label of its own is shown as it was written.
"""

from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {
    # Rounds, their settings and what deleting one took with it
    "title": _("Title"),
    "anonymous": _("Anonymous"),
    "threshold": _("Smallest group shown"),
    "opens_on": _("Opens on"),
    "closes_on": _("Closes on"),
    "framework_version": _("Framework"),
    "status": _("Status"),
    "publish_happened": _("What happened is public"),
    "personal_links_only": _("Personal invitations only"),
    "language_lens": _("Language lens for people taking part"),
    "count": _("How many"),
    "perspective": _("Perspective"),
    "round": _("Round"),
    "role": _("Role"),
    "people": _("People"),
    "workshops": _("Workshops"),
    "ideas": _("Ideas"),
    "group_views": _("Group views"),
    "share_links": _("Share links"),
    "personal_links": _("Personal invitation links"),
    "co_leads": _("Co-leads"),
    "report_files": _("Report files"),
    "stage": _("Stage"),
    "rag": _("Red, amber or green"),
    "file": _("File"),
    "works until": _("Works until"),
    # Organisations and people
    "name": _("Name"),
    "rounds": _("Rounds"),
    "actions": _("Actions"),
    "frameworks": _("Frameworks"),
    "members": _("Members"),
    "invitations": _("Invitations"),
    "how": _("How"),
    # Frameworks, their wording and pictures
    "copied from": _("Copied from"),
    "version": _("Version"),
    "section reworded": _("Part reworded"),
    "wording": _("Wording"),
    "checked by": _("Checked by"),
    "checked on": _("Checked on"),
    "licence": _("Licence"),
    "credit": _("Credit"),
    # Actions
    "what": _("What"),
    "owner": _("Who"),
    "owner_name": _("Who (name)"),
    "co_lead_name": _("Co-led by (name)"),
    "due_on": _("When"),
    "lens": _("SCIE lens"),
    "dropped_reason": _("Why it was dropped"),
    "we_asked": _("We asked"),
    "you_said": _("You said"),
    "we_did": _("We did"),
    "review_on": _("Review date"),
    # Removing free text after its retention period
    "kept for (months)": _("Kept for (months)"),
    "answers with words": _("Answers with words"),
    "ideas removed": _("Ideas removed"),
    "ideas kept for an action, without their words": _("Ideas kept for an action, without their words"),
    "objection reasons": _("Reasons for objecting"),
    "words chosen for the report": _("Words chosen for the report"),
    "report files waiting": _("Report files waiting"),
    # The language lens
    "theme": _("Theme"),
    "words": _("Words"),
    "why": _("Why it matters"),
    "instead": _("Instead"),
    "switched off": _("Switched off"),
    "reason": _("Reason"),
}


def field_label(key: str) -> str:
    """The name of a changed thing, e.g. "role" → "Role" (Welsh: "Rôl")."""
    label = FIELD_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ").capitalize()
