"""Co-leads' pages: inviting someone to co-lead a round, removing them, accepting an invitation, and a
co-lead's list of the rounds they lead.

Who may do what is decided by `member_required` and `get_for_member` (`coreflect.organisations.access`),
which also let a co-lead in on their own round's pages; the work is in `co_leads.py`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coreflect.accounts import limits
from coreflect.accounts import services as accounts
from coreflect.organisations.access import get_for_member, member_required, note_co_leading
from coreflect.organisations.forms import CreateAccountForm
from coreflect.organisations.permissions import Permission
from coreflect.organisations.services import InvitationUnusable, check_usable

from . import co_leads
from .co_lead_forms import CoLeadInviteForm


def _round(request, pk):
    return get_for_member(request, request.organisation.rounds, pk, permission=Permission.RUN_REFLECTIONS)


def _to_round(round_):
    return redirect(reverse("reflections:detail", args=[round_.pk]) + "#co-leads")


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def invite(request, pk):
    round_ = _round(request, pk)
    form = CoLeadInviteForm(request.POST if request.method == "POST" else None, round_=round_)
    if request.method == "POST" and form.is_valid():
        if until := limits.used_up(request, "invitations", limits.INVITATIONS):
            return limits.too_many(request, until)
        invitation = co_leads.invite(round_=round_, invited_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("We’re sending %(name)s an invitation to co-lead this round at %(email)s.")
            % {"name": invitation.name, "email": invitation.email},
        )
        return _to_round(round_)
    return render(request, "reflections/co_leads/invite.html", {"round": round_, "form": form})


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def remove(request, pk, co_lead_pk):
    round_ = _round(request, pk)
    co_lead = get_for_member(request, co_leads.co_leads_of(round_), co_lead_pk)
    if request.method == "POST":
        co_leads.remove(co_lead)
        messages.success(request, _("%(name)s no longer co-leads this round.") % {"name": co_lead.user})
        if co_lead.user_id == request.user.pk:
            return redirect("reflections:co-led")
        return _to_round(round_)
    return render(request, "reflections/co_leads/remove.html", {"round": round_, "co_lead": co_lead})


@member_required(Permission.RUN_REFLECTIONS)
@require_POST
def cancel(request, pk, invitation_pk):
    round_ = _round(request, pk)
    invitation = get_for_member(request, co_leads.pending_invitations(round_).select_related("round"), invitation_pk)
    co_leads.cancel_invitation(invitation)
    messages.success(request, _("The invitation to %(email)s has been cancelled.") % {"email": invitation.email})
    return _to_round(round_)


@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests
def accept(request, token):
    """The invited person's landing page: accept with this account, sign in first, or make a light account."""
    try:
        invitation = check_usable(co_leads.find_invitation(token))
    except InvitationUnusable as problem:
        return _unusable(request, problem.reason)

    signed_in = request.user.is_authenticated
    wrong_person = signed_in and not co_leads.is_for(invitation, request.user)
    existing_account = None if signed_in else accounts.find_account(invitation.email)
    form = None
    if not signed_in and existing_account is None:
        form = CreateAccountForm(
            request.POST if request.method == "POST" else None,
            email=invitation.email,
            initial={"name": invitation.name},
        )

    if request.method == "POST" and not wrong_person:
        if signed_in:
            return _accept(request, invitation, request.user)
        if form is not None and form.is_valid():
            user = accounts.create_account(
                email=invitation.email, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
            accounts.sign_in(request, user)
            return _accept(request, invitation, user)

    context = {
        "invitation": invitation,
        "form": form,
        "existing_account": existing_account,
        "wrong_person": wrong_person,
    }
    return render(request, "reflections/co_leads/accept.html", context, status=403 if wrong_person else 200)


def _unusable(request, reason):
    return render(request, "reflections/co_leads/unusable.html", {"reason": reason}, status=410)


def _accept(request, invitation, user):
    try:
        co_lead = co_leads.accept(invitation, user)
    except InvitationUnusable as problem:
        return _unusable(request, problem.reason)
    note_co_leading(request, user)
    messages.success(
        request, _("You are now a co-lead of %(round)s. Thank you for leading it.") % {"round": co_lead.round}
    )
    return redirect("reflections:co-led")


@login_required
@require_safe
def co_led(request):
    """Your rounds: what the signed-in person co-leads, in any organisation."""
    return render(
        request, "reflections/co_leads/your_rounds.html", {"co_leads": co_leads.rounds_co_led_by(request.user)}
    )
