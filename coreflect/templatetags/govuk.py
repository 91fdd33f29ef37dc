"""Template tags for GOV.UK Design System components and GOV.UK style that every page uses.

The date and time filters are the template side of `coreflect/dates.py`: `{{ round.closes_on|day }}`,
`{{ value|day:"weekday" }}`, `{{ note.created_at|moment }}`, `{{ value|time_of_day }}`,
`{% days start end %}` and `{% today %}`. `{% language_navigation %}` is the header's "English | Cymraeg".
"""

from django import template
from django.utils import timezone

from coreflect import dates, documents
from coreflect.languages import in_welsh

register = template.Library()


@register.inclusion_tag("govuk/error_summary.html")
def error_summary(*forms):
    """The error summary for one or more forms; renders nothing when they have no errors."""
    errors = []
    for form in forms:
        if form is not None and form.is_bound and form.errors:
            errors.extend(form.error_list())
    return {"errors": errors}


@register.filter(expects_localtime=True)
def day(value, weekday=""):
    return dates.day(value, weekday=weekday == "weekday")


@register.filter(expects_localtime=True)
def time_of_day(value):
    return dates.time_of_day(value)


@register.filter(expects_localtime=True)
def moment(value):
    return dates.moment(value)


@register.simple_tag(name="days")
def days_tag(start, end):
    return dates.days(start, end)


@register.simple_tag
def today():
    return dates.day(timezone.localdate())


# Each language named in itself, in the order the switch shows them; the Welsh pages live under /cy/.
LANGUAGE_NAMES = (("en-gb", "en", "English"), ("cy", "cy", "Cymraeg"))
WELSH_PREFIX = "/cy"


def same_page_in(request, language: str) -> str:
    """This page's address in `language`: the same path without or with /cy/, and the same query string."""
    path = request.path_info
    if path == WELSH_PREFIX or path.startswith(WELSH_PREFIX + "/"):
        path = path[len(WELSH_PREFIX) :] or "/"
    if language == "cy":
        path = WELSH_PREFIX + path
    script_prefix = request.path[: len(request.path) - len(request.path_info)]  # where the service is mounted
    query = request.META.get("QUERY_STRING", "")
    return script_prefix + path + (f"?{query}" if query else "")


@register.inclusion_tag("govuk/language_navigation.html", takes_context=True)
def language_navigation(context):
    """GOV.UK's language navigation: the current language as text, the other as a link to this page in it."""
    request = context.get("request")
    if request is None:  # the 500 page is drawn without its request: no address to link to
        return {"languages": []}
    current = "cy" if in_welsh() else "en-gb"
    return {
        "languages": [
            {"lang": lang, "name": name, "current": code == current, "href": same_page_in(request, code)}
            for code, lang, name in LANGUAGE_NAMES
        ]
    }


@register.simple_tag(name="document_language")
def document_language_tag():
    """<html lang> for a printed document: "cy" when it is made in Welsh, else "en-GB"."""
    return documents.document_language()


@register.simple_tag
def script_messages():
    """The words Coreflect's own scripts say (autosave, copying a link), in the page's language, for them to read
    from <script id="coreflect-messages">: the scripts hold no text of their own."""
    from django.utils.html import json_script
    from django.utils.translation import gettext as _

    messages = {
        "saved": _("Saved at %(time)s"),
        "savedExcept": _("Saved at %(time)s, except: %(problems)s"),
        "stillHere": _("Your answers are still on this page."),
        "notSaved": _("Not saved automatically. Use a Save button below to save your answers."),
        "offline": _("Not saved automatically – check your connection. Your answers are still on this page."),
        "midnight": _("midnight"),
        "midday": _("midday"),
        "am": _("%(clock)sam"),
        "pm": _("%(clock)spm"),
        "copied": _("Your private link is copied. Paste it somewhere safe."),
        "notCopied": _("It could not be copied here: select the link and copy it yourself."),
    }
    return json_script(messages, "coreflect-messages")
