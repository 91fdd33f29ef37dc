"""Language lens pages: the phrase list, an organisation's own entries, switching built-in entries off and on,
and "check a document".

The document a person checks is read in memory (`reading.InMemoryUpload`), checked, shown and forgotten: it
is never saved, never put in the session and never logged (`sensitive_post_parameters` keeps it out of error
reports too).
"""

import copy
from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import highlight, lens, queries, reading, services
from .forms import CheckForm, OwnEntryForm, SwitchOffForm


@member_required(Permission.VIEW_ORGANISATION)
@require_safe
def phrase_list(request):
    sections, own, switched_off = queries.phrase_list_page(request.organisation)
    context = {
        "sections": sections,
        "own": own,
        "switched_off": switched_off,
        "can_change": request.membership.allows(Permission.RUN_REFLECTIONS),
        "theme_label": lens.theme_label,
    }
    return render(request, "language/list.html", context)


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def own_entry_add(request):
    form = OwnEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_own_entry(request.organisation, form.cleaned_data, by=request.user)
        messages.success(request, _("Your entry is added. It is used wherever your organisation checks words."))
        return redirect("language:list")
    return render(request, "language/entry_form.html", {"form": form, "entry": None})


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def own_entry_edit(request, pk):
    entry = get_for_member(request, request.organisation.language_entries, pk)
    # The form changes the instance it is given as it validates: give it a copy, so the service sees the change.
    form = OwnEntryForm(request.POST if request.method == "POST" else None, instance=copy.copy(entry))
    if request.method == "POST" and form.is_valid():
        if services.change_own_entry(entry, form.cleaned_data, by=request.user):
            messages.success(request, _("Your entry is saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("language:list")
    return render(request, "language/entry_form.html", {"form": form, "entry": entry})


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def own_entry_remove(request, pk):
    entry = get_for_member(request, request.organisation.language_entries, pk)
    if request.method == "POST":
        services.remove_own_entry(entry, by=request.user)
        messages.success(request, _("Your entry is removed."))
        return redirect("language:list")
    return render(request, "language/remove.html", {"entry": entry})


def _builtin_or_404(key):
    entry = queries.builtin_entry(key)
    if entry is None:
        raise Http404
    return entry


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def switch_off(request, key):
    entry = _builtin_or_404(key)
    form = SwitchOffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.switch_off(request.organisation, key, form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("That entry is switched off for your organisation."))
        return redirect("language:list")
    context = {"form": form, "entry": entry, "why": lens.why(entry), "theme": lens.theme_label(entry.theme)}
    return render(request, "language/switch_off.html", context)


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def switch_on(request, key):
    _builtin_or_404(key)
    if services.switch_on(request.organisation, key, by=request.user):
        messages.success(request, _("That entry is switched back on."))
    return redirect("language:list")


# The upload handlers must be swapped before anything reads the request's body, and the CSRF check reads it:
# so the check is made inside, after the swap (as Django's documentation on upload handlers describes).
@csrf_exempt
@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def check_document(request):
    upload = reading.InMemoryUpload(request)
    request.upload_handlers = [upload]
    return _check_document(request, upload)


@sensitive_post_parameters("text")
@csrf_protect
def _check_document(request, upload):
    if request.method != "POST":
        return render(request, "language/check.html", {"form": CheckForm()})
    form = CheckForm(request.POST, request.FILES, too_big=upload.too_big)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        document = form.cleaned_data["document"]
        try:
            text = reading.docx_text(document.read()) if document is not None else form.cleaned_data["text"]
        except reading.UnreadableDocument as problem:
            form.add_error("document", str(problem))
        else:
            check = lens.check(text, request.organisation)
            context |= {
                "check": check,
                "checked_name": document.name if document is not None else "",
                "paragraphs": highlight.marked_paragraphs(check),
                "listed": highlight.listed_matches(check),
                "themes": check.by_theme(),
                "form": CheckForm(initial={"text": "" if document is not None else text}),
            }
    return render(request, "language/check.html", context)
