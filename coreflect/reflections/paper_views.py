"""Facilitators' paper pages: type in a completed paper form, list those typed in, change or delete one.

The work is done in `paper.py`; these views only check who may do it and show the forms.
"""

from contextlib import suppress

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from coreflect.frameworks.queries import skeleton
from coreflect.frameworks.wording import text
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission

from . import hints, paper, services
from .answer_forms import PrincipleAnswerForm
from .forms import PerspectiveChoiceForm


def _round(request, pk):
    rounds = request.organisation.rounds.select_related("framework_version__framework")
    return get_for_member(request, rounds, pk, permission=Permission.RUN_REFLECTIONS)


def _paper_response(request, round_, participant_pk):
    responses = paper.paper_responses(round_).select_related("perspective")
    participant = get_for_member(request, responses, participant_pk)
    participant.round = round_
    return participant


def _forms(request, round_, *, who_initial=None, saved=None):
    """The perspective question and every principle's questions, filled in from what was posted, or from
    what was saved before."""
    version = round_.framework_version
    data = request.POST if request.method == "POST" else None
    who = PerspectiveChoiceForm(data, round_=round_, initial=who_initial)
    who.fields["perspective"].label = _("Perspective written on the form")
    who.fields["perspective"].help_text = ""
    if "name" in who.fields:
        who.fields["name"].label = _("Name written on the form")
        who.fields["name"].help_text = ""
    rows = skeleton(version)
    parts = [
        (
            principle,
            PrincipleAnswerForm(
                data,
                prefix=principle["key"],
                initial=(saved or {}).get(principle["key"], {}),
                version=version,
                principle=principle,
                stage_rows=rows.stages,
                indicator_rows=rows.indicators[principle["key"]],
            ),
        )
        for principle in version.principles
    ]
    valid = data is not None and all([who.is_valid(), *(form.is_valid() for _p, form in parts)])
    answers = [(rows.principles[p["key"]], form.answer(), form.asks_stage) for p, form in parts] if valid else None
    return who, parts, answers


def _hinted(parts) -> list:
    """The parts whose stage is two or more above the statements ticked (hints.py), for a second look."""
    return [principle["key"] for principle, form in parts if hints.for_form(form)]


def _form_page(request, round_, who, parts, key, **context):
    context |= {"round": round_, "who": who, "parts": parts, "forms": [who] + [f for _p, f in parts], "form_key": key}
    context["hinted"] = _hinted(parts)
    return render(request, "reflections/paper_entry.html", context)


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def paper_entry(request, pk):
    """Type in a completed paper form on someone's behalf, all principles on one page."""
    round_ = _round(request, pk)
    key = paper.form_key(request.POST.get("form_key")) if request.method == "POST" else paper.new_form_key()
    who, parts, answers = _forms(request, round_)
    if answers is not None:
        _participant, stored = paper.enter_paper_response(
            round_,
            who.cleaned_data["perspective"],
            name=who.cleaned_data.get("name", ""),
            entered_by=request.user,
            answers=answers,
            key=key,
        )
        if stored:
            messages.success(request, _("Paper response saved. You can type in the next one."))
        else:
            messages.success(
                request,
                _("This paper response was already saved, so it was not saved again. You can type in the next one."),
            )
        if hinted := _hinted(parts):
            messages.info(request, _stage_hint_message([p for p, _form in parts if p["key"] in hinted]))
        return redirect("reflections:paper", pk=round_.pk)
    return _form_page(
        request,
        round_,
        who,
        parts,
        key,
        heading=_("Type in a paper response"),
        button=_("Save paper response"),
        back=reverse("reflections:detail", args=[round_.pk]),
        back_label=_("Back to the round"),
    )


@member_required(Permission.RUN_REFLECTIONS)
@require_safe
def paper_list(request, pk):
    """The paper responses typed in for a round, each with links to change or delete it."""
    round_ = _round(request, pk)
    return render(request, "reflections/paper_list.html", {"round": round_, "rows": paper.listing(round_)})


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def paper_change(request, pk, participant_pk):
    """The paper form again, filled in with what was saved: saving replaces the answers."""
    round_ = _round(request, pk)
    key = paper.form_key(request.POST.get("form_key")) if request.method == "POST" else paper.new_form_key()
    try:
        participant = _paper_response(request, round_, participant_pk)
    except Http404:
        # A change that moved the person to another perspective replaced this response: the same form
        # posted again finds the replacement by the form's key.
        if request.method == "POST" and paper.stored_with_key(round_, key) is not None:
            messages.success(request, _("These changes were already saved."))
            return redirect("reflections:paper-list", pk=round_.pk)
        raise
    number = paper.number_of(participant)
    who_initial = {"perspective": str(participant.perspective_id), "name": participant.name}
    saved = paper.saved_answers(participant) if request.method == "GET" else None
    who, parts, answers = _forms(request, round_, who_initial=who_initial, saved=saved)
    cleared = set(request.POST.getlist("clear"))  # parts whose answer goes: a chosen radio cannot be unchosen
    if answers is not None:
        answers = [(row, services.Answer() if row.key in cleared else answer, asks) for row, answer, asks in answers]
        try:
            changed = paper.change_paper_response(
                participant,
                who.cleaned_data["perspective"],
                name=who.cleaned_data.get("name", ""),
                answers=answers,
                changed_by=request.user,
                key=key,
            )
        except paper.PaperResponseGone:
            messages.error(request, _("Someone else deleted paper response %(number)s meanwhile.") % {"number": number})
        else:
            messages.success(request, _changed_message(number, paper.number_of(changed)))
        return redirect("reflections:paper-list", pk=round_.pk)
    return _form_page(
        request,
        round_,
        who,
        parts,
        key,
        heading=_("Change paper response %(number)s") % {"number": number},
        button=_("Save changes"),
        back=reverse("reflections:paper-list", args=[round_.pk]),
        back_label=_("Back to paper responses"),
        changing=True,
        cleared=cleared,
    )


def _stage_hint_message(principles) -> str:
    titles = ", ".join(text(principle["title"]) for principle in principles)
    return _(
        "In the response just saved, the stage chosen for %(parts)s is two or more stages above the statements "
        "ticked. If that is not what the paper form says, change it in the paper responses typed in."
    ) % {"parts": titles}


def _changed_message(number: int, now: int) -> str:
    if now == number:
        return _("Paper response %(number)s changed.") % {"number": number}
    # A new perspective stores the response anew, after others typed in the same day.
    return _("Paper response %(number)s changed. It moved to another perspective and is now number %(now)s.") % {
        "number": number,
        "now": now,
    }


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def paper_delete(request, pk, participant_pk):
    """Ask, then delete a paper response typed in by mistake."""
    round_ = _round(request, pk)
    try:
        participant = _paper_response(request, round_, participant_pk)
    except Http404:
        # Pressed twice: the first press deleted it. Only someone who took part online is refused here.
        if request.method == "POST" and not round_.participants.filter(pk=participant_pk).exists():
            messages.success(request, _("That paper response was already deleted."))
            return redirect("reflections:paper-list", pk=round_.pk)
        raise
    number = paper.number_of(participant)
    if request.method == "POST":
        with suppress(paper.PaperResponseGone):  # someone else deleted it a moment earlier: the same outcome
            paper.delete_paper_response(participant)
        messages.success(request, _("Paper response %(number)s deleted.") % {"number": number})
        return redirect("reflections:paper-list", pk=round_.pk)
    context = {
        "round": round_,
        "participant": participant,
        "number": number,
        "parts": paper.parts_answered(participant),
    }
    return render(request, "reflections/paper_delete.html", context)
