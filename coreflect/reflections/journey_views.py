"""The participant journey: no account, a private token in a cookie scoped to the round.

Start page → perspective → task list → one page per principle (save and continue, or save and come
back later) → check answers → submit → confirmation. The resume link carries the token and sets the
cookie again on another device or after cookies were cleared.

Where the framework has Easy Read text, the start page offers it and every page has a switch near the top.
The choice is kept on the participant (before they start, in the address: `?wording=easy-read`), and each
page is built and rendered inside `wording.easy_read(...)`, so the form's labels and every `|text` in the
templates read the chosen wording. The journey's own words have Easy Read versions too: `{% if easy_read %}`
in the templates, with the longer guidance in templates/reflections/journey/easy_read/ (one sentence a line,
a picture on the left of each block, `{% pictured %}`).
"""

import functools

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coreflect import caches, languages
from coreflect.frameworks import wording
from coreflect.frameworks.queries import skeleton

from . import hints, language_notes, queries, services, sharing
from .answer_forms import PrincipleAnswerForm
from .forms import FollowForm, PerspectiveChoiceForm, PrivateLinkEmailForm

COOKIE = queries.PARTICIPANT_COOKIE
COOKIE_DAYS = 366
EASY_READ = "easy-read"  # ?wording=easy-read, before someone has started


def in_chosen_wording(view):
    """Build and render the page in the wording the visitor chose (set by `_round_and_participant`), and
    leave the next request on this thread in the usual wording."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with wording.easy_read(False):
            return view(request, *args, **kwargs)

    return wrapped


def _round_and_participant(request, code, token=None):
    """The round behind the link (404 if none) and the visitor's participant in it (None until they start).
    From here on the page is in the wording they chose."""
    round_, participant = queries.round_and_participant(code, token or request.COOKIES.get(COOKIE))
    if round_ is None:
        raise Http404
    wording.choose_easy_read(_wants_easy_read(request, round_, participant))
    return round_, participant


def _offers_easy_read(round_) -> bool:
    return wording.has_easy_read(round_.framework_version.document)


def _wants_easy_read(request, round_, participant) -> bool:
    if participant is not None:
        return participant.easy_read and _offers_easy_read(round_)
    return request.GET.get("wording") == EASY_READ and _offers_easy_read(round_)


def _remember(response, round_, token):
    languages.set_cookie(  # at the round's pages in English and in Welsh, so switching language keeps it
        response,
        COOKIE,
        token,
        max_age=COOKIE_DAYS * 24 * 3600,
        page="journey:start",
        args=[round_.link_code],
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _resume_url(request, round_):
    return request.build_absolute_uri(reverse("journey:resume", args=[round_.link_code, request.COOKIES[COOKIE]]))


def _journey_path(name, code):
    """The path of one of the journey's pages for a round's link code, worked out once per process for each
    page and code: it never changes, and working it out again was a fortieth of saving a principle."""
    return caches.kept("journey paths", (name, code, get_script_prefix()), lambda: reverse(name, args=[code]))


def _journey_context(round_, **extra):
    return {
        "round": round_,
        "document": round_.framework_version.document,
        "offers_easy_read": _offers_easy_read(round_),
        "easy_read": wording.is_easy_read(),
        # Easy Read text is in English: on a Welsh page, its words say so (WCAG 3.1.2, language of parts).
        "easy_read_lang": "en" if wording.is_easy_read() and wording.in_welsh() else "",
        **extra,
    }


def _closed(request, round_):
    return render(request, "reflections/journey/closed.html", _journey_context(round_), status=403)


@require_safe
@in_chosen_wording
def start(request, code):
    round_, participant = _round_and_participant(request, code)
    minutes = 5 * len(round_.framework_version.principles)
    return render(
        request,
        "reflections/journey/start.html",
        _journey_context(round_, participant=participant, minutes=minutes, choosing_wording=True),
    )


@require_http_methods(["GET", "POST"])
@in_chosen_wording
def perspective(request, code):
    round_, participant = _round_and_participant(request, code)
    if not round_.is_accepting_answers:
        return _closed(request, round_)
    if participant:
        return redirect("journey:tasks", code=code)
    if round_.personal_links_only:
        context = _journey_context(round_)
        return render(request, "reflections/journey/invitation_only.html", context, status=403)
    form = PerspectiveChoiceForm(request.POST if request.method == "POST" else None, round_=round_)
    if request.method == "POST" and form.is_valid():
        _participant_row, token = services.start_participant(
            round_,
            form.cleaned_data["perspective"],
            name=form.cleaned_data.get("name", ""),
            easy_read=wording.is_easy_read(),
        )
        return _remember(redirect("journey:tasks", code=code), round_, token)
    return render(request, "reflections/journey/perspective.html", _journey_context(round_, form=form))


def _private(response):
    """A response to a URL holding a token: never cached, and its address never named in a Referer header."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _not_kept(response):
    """A page showing the private link (its own URL holds no token): never cached. It keeps the site's
    same-origin Referer policy, which its forms need: with no referrer at all, browsers send `Origin: null`
    and the CSRF check refuses the form."""
    add_never_cache_headers(response)
    return response


@require_safe
@in_chosen_wording
def resume(request, code, token):
    # The token is in this URL, so the answer is a redirect to one without it; every answer here is private.
    round_, participant = queries.round_and_participant(code, token)
    if round_ is None:
        return _private(render(request, "errors/404.html", status=404))
    if participant is None:
        wording.choose_easy_read(_wants_easy_read(request, round_, None))
        return _private(render(request, "reflections/journey/unknown_link.html", _journey_context(round_), status=404))
    return _private(_remember(redirect("journey:tasks", code=code), round_, token))


@require_safe
@in_chosen_wording
def tasks(request, code):
    round_, participant = _round_and_participant(request, code)
    if participant is None:
        return redirect("journey:start", code=code)
    responses = queries.responses_by_principle(participant)
    items = []
    document = round_.framework_version.document
    for principle in round_.framework_version.principles:
        response = responses.get(principle["key"])
        status = "completed" if response and response.completed else ("in_progress" if response else "not_started")
        hint = hints.for_response(document, principle, response)
        items.append({"principle": principle, "status": status, "stage_hint": hint})
    completed = sum(1 for item in items if item["status"] == "completed")
    context = _journey_context(round_, participant=participant, items=items, completed=completed)
    return render(request, "reflections/journey/tasks.html", context)


@require_http_methods(["GET", "POST"])
@in_chosen_wording
def principle(request, code, key):
    round_, participant = _round_and_participant(request, code)
    if participant is None:
        return redirect("journey:start", code=code)
    version = round_.framework_version
    position = next((i for i, p in enumerate(version.principles) if p["key"] == key), None)
    if position is None:
        raise Http404
    principle_doc = version.principles[position]
    rows = skeleton(version)
    principle_row = rows.principles[key]
    switching = request.method == "POST" and request.POST.get("wording") in ("standard", EASY_READ)
    if switching:
        # The wording switch sits above the answers and posts them: the page comes back in the other wording
        # with everything typed still in it, saved or not (nothing is saved, and nothing is checked, here).
        services.choose_wording(participant, request.POST["wording"] == EASY_READ and _offers_easy_read(round_))
        wording.choose_easy_read(participant.easy_read)
    posted = request.method == "POST" and not switching
    form = PrincipleAnswerForm(
        request.POST if posted else None,
        initial=_typed(request.POST) if switching else {} if posted else queries.saved_answer(participant, key),
        version=version,
        principle=principle_doc,
        stage_rows=rows.stages,
        indicator_rows=rows.indicators[key],
    )
    # Read from META: building request.headers for one header cost more than the rest of this line.
    autosave = request.META.get("HTTP_X_AUTOSAVE") == "1"
    problem = None
    if request.method == "POST" and autosave:
        return _autosave(participant, principle_row, form, key)
    noted = language_notes.already_noted(request.POST) if posted else []
    notes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_answer(participant, principle_row, form.answer(), asks_stage=form.asks_stage, finished=True)
        except services.RoundNotOpen:
            problem = (
                _("We could not save your answer. The time to answer has ended. What you typed is still below.")
                if wording.is_easy_read()
                else _("This round has closed, so your answer could not be saved. What you typed is still below.")
            )
        else:
            going = "journey:later" if request.POST.get("action") == "later" else "journey:tasks"
            # In a round with the language lens on, the page comes back once with notes beside the words.
            notes = language_notes.after_save(round_, form.cleaned_data, noted, going)
            if notes is None:
                return redirect(_journey_path(going, code))
    following = version.principles[position + 1] if position + 1 < len(version.principles) else None
    context = _journey_context(
        round_,
        participant=participant,
        principle=principle_doc,
        number=position + 1,
        form=form,
        problem=problem,
        following=following,
        stage_hint=hints.for_form(form),
        in_answers=True,
        language_notes=notes,
        noted=notes.noted if notes else noted,
    )
    return render(request, "reflections/journey/principle.html", context, status=200 if problem is None else 403)


def _typed(data) -> dict:
    """What was typed on a principle page, as the answer form's initial data."""
    return {"ticked": data.getlist("ticked"), **{name: data.get(name, "") for name in PrincipleAnswerForm.TYPED}}


def _autosave(participant, principle_row, form, key):
    """Save what can be saved as the person types: any field that fails its check keeps what was saved
    before, and the answer says which fields were not saved, and why, or why nothing could be."""
    # What was saved before is read only when some field needs it.
    keep = None if form.is_valid() else queries.saved_answer(participant, key)
    try:
        services.save_answer(
            participant,
            principle_row,
            form.answer(keep=keep),
            asks_stage=form.asks_stage,
            finished=False,
        )
    except services.RoundNotOpen:
        reason = (
            _("The time to answer has ended. We cannot save your answers now.")
            if wording.is_easy_read()
            else _("This round has closed, so your answers can no longer be saved.")
        )
        return JsonResponse({"saved": False, "reason": reason}, status=403)
    not_saved = {name: " ".join(errors) for name, errors in form.errors.items()}
    return JsonResponse({"saved": True, "not_saved": not_saved} if not_saved else {"saved": True})


@require_safe
@in_chosen_wording
def later(request, code):
    round_, participant = _round_and_participant(request, code)
    if participant is None:
        return redirect("journey:start", code=code)
    return _later_page(request, round_, participant, PrivateLinkEmailForm(), sent=request.GET.get("sent") == "1")


def _later_page(request, round_, participant, email_form, *, sent=False, status=200):
    resume_url = _resume_url(request, round_)
    context = _journey_context(round_, participant=participant, resume_url=resume_url, email_form=email_form, sent=sent)
    return _not_kept(render(request, "reflections/journey/later.html", context, status=status))


@require_POST
@in_chosen_wording
def email_link(request, code):
    """Email someone their private link. The address is used for this one email and kept nowhere."""
    round_, participant = _round_and_participant(request, code)
    if participant is None:
        return redirect("journey:start", code=code)
    form = PrivateLinkEmailForm(request.POST)
    if not form.is_valid():
        return _later_page(request, round_, participant, form, status=400)
    sharing.email_private_link(round_, _resume_url(request, round_), form.cleaned_data["email"])
    return redirect(reverse("journey:later", args=[code]) + "?sent=1")


@require_http_methods(["GET", "POST"])
@in_chosen_wording
def check(request, code):
    round_, participant = _round_and_participant(request, code)
    if participant is None:
        return redirect("journey:start", code=code)
    responses = queries.responses_by_principle(participant)
    problem = None
    if request.method == "POST":
        if not any(response.completed for response in responses.values()):
            problem = (
                _("Answer at least one part first. Then you can send your answers")
                if wording.is_easy_read()
                else _("Complete at least one part before you send your answers")
            )
        elif not round_.is_accepting_answers:
            return _closed(request, round_)
        else:
            services.submit(participant)
            return redirect("journey:submitted", code=code)
    document = round_.framework_version.document
    rows = [
        {
            "principle": p,
            "response": responses.get(p["key"]),
            "stage_hint": hints.for_response(document, p, responses.get(p["key"])),
            # In Easy Read, the statements themselves (each with its picture), not how many were ticked.
            "ticked": queries.ticked_statements(p, responses.get(p["key"])) if wording.is_easy_read() else None,
        }
        for p in round_.framework_version.principles
    ]
    context = _journey_context(round_, participant=participant, rows=rows, problem=problem)
    return render(request, "reflections/journey/check.html", context, status=200 if problem is None else 400)


@require_safe
@in_chosen_wording
def submitted(request, code):
    round_, participant = _round_and_participant(request, code)
    if participant is None or participant.submitted_at is None:
        return redirect("journey:start", code=code)
    context = _journey_context(
        round_,
        participant=participant,
        resume_url=_resume_url(request, round_),
        email_form=PrivateLinkEmailForm(),
        follow_form=FollowForm(),
    )
    return _not_kept(render(request, "reflections/journey/submitted.html", context))


@require_POST
@in_chosen_wording
def choose_wording(request, code):
    """The wording switch on the journey's pages (the principle page's posts its answers instead): back to the
    page it was on, in Easy Read or the usual wording."""
    round_, participant = _round_and_participant(request, code)
    start = reverse("journey:start", args=[code])
    back = request.POST.get("next", "")
    if not (back.startswith(start) and url_has_allowed_host_and_scheme(back, allowed_hosts=None)):
        back = start
    wanted = request.POST.get("wording") == EASY_READ and _offers_easy_read(round_)
    if participant is None:
        return redirect(f"{back}?wording={EASY_READ}" if wanted else back)
    services.choose_wording(participant, wanted)
    return redirect(back)


@require_http_methods(["GET", "POST"])
@in_chosen_wording
def delete(request, code):
    round_, participant = _round_and_participant(request, code)
    if participant is None:
        return redirect("journey:start", code=code)
    if request.method == "POST":
        services.delete_participant(participant)
        response = render(request, "reflections/journey/deleted.html", _journey_context(round_))
        languages.delete_cookie(response, COOKIE, page="journey:start", args=[code])
        return response
    return render(request, "reflections/journey/delete.html", _journey_context(round_, participant=participant))
