"""The phones' join pages: type the code (or scan the QR code, whose address holds it), pick a perspective, and
you are in – no account. Someone who answered the round on their own on this phone joins as themselves."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coreflect.reflections import queries as reflection_queries

from . import limits, services
from . import phone_access as access
from .phone_forms import CodeForm, PerspectiveForm


@require_http_methods(["GET", "POST"])
def join(request):
    """The join page: type the code (a QR code opens the code's own join page instead)."""
    if limits.too_many_wrong_codes(request):
        return access.too_many(request)
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            workshop, problem = access.try_code(request, form.cleaned_data["code"])
            if workshop is not None:
                return redirect("phone:join-code", code=workshop.code)
            form.add_error("code", problem)
        return access.join_page(request, form, status=400)
    return access.join_page(request, CodeForm(initial={"code": request.GET.get("code", "")[:20]}))


@require_http_methods(["GET", "POST"])
def join_code(request, code):
    """The join page for one code (the QR code's address): pick a perspective and you are in."""
    if limits.too_many_wrong_codes(request):
        return access.too_many(request)
    workshop, problem = access.try_code(request, code)
    if workshop is None:
        typed = CodeForm({"code": code[:20]})
        typed.is_valid()
        typed.add_error("code", problem)
        return access.join_page(request, typed, status=404)
    if workshop.code != code:
        return redirect("phone:join-code", code=workshop.code)
    if services.attendee_for(workshop, request.COOKIES.get(access.ATTENDEE_COOKIE)) is not None:
        return redirect("phone:page", code=workshop.code)
    form = PerspectiveForm(
        request.POST if request.method == "POST" else None, perspectives=workshop.round.perspectives.all()
    )
    if request.method == "POST" and form.is_valid():
        _attendee, token = services.join(workshop, form.cleaned_data["perspective"])
        return access.remember(redirect("phone:page", code=workshop.code), workshop, token)
    context = {"form": form, "workshop": workshop}
    return render(request, "workshops/phone/perspective.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def join_own(request, link_code):
    """Someone who answered the round on their own on this phone joins as themselves: their workshop votes
    replace their own answers, or sit beside them, as the workshop says."""
    token = request.COOKIES.get(reflection_queries.PARTICIPANT_COOKIE)
    round_, participant = reflection_queries.round_and_participant(link_code, token)
    if round_ is None:
        raise Http404
    if participant is None:
        return redirect("journey:start", code=link_code)
    if limits.too_many_wrong_codes(request):
        return access.too_many(request)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        workshop, problem = access.try_code(request, form.cleaned_data["code"])
        if workshop is not None and workshop.round_id != round_.pk:
            limits.count_wrong_code(request)  # a code of another round's workshop is no use here: a miss
            workshop, problem = None, _("There is no workshop for this reflection with that code")
        if workshop is not None:
            _attendee, attendee_token = services.join(workshop, participant.perspective, own=participant)
            return access.remember(redirect("phone:page", code=workshop.code), workshop, attendee_token)
        form.add_error("code", problem)
    context = {"form": form, "round": round_}
    return render(request, "workshops/phone/join_own.html", context, status=400 if form.errors else 200)
