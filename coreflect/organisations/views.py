"""Dashboard, organisation settings, members, invitations and switching organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coreflect.accounts import limits
from coreflect.accounts import services as accounts

from . import services
from .access import get_for_member, is_co_lead, member_required
from .forms import CreateAccountForm, InviteForm, OrganisationForm, OrganisationSettingsForm, RoleForm, SwitchForm
from .permissions import Permission


@login_required
def dashboard(request):
    organisation = request.organisation
    if organisation is None and is_co_lead(request):
        return redirect("reflections:co-led")  # a co-lead with no organisation of their own: their rounds
    context = {"organisation": organisation}
    if organisation:
        context["rounds"] = organisation.rounds.select_related("framework_version__framework").annotate_counts()[:10]
        context["can_run"] = request.membership.allows(Permission.RUN_REFLECTIONS)
    if organisation and request.membership.allows(Permission.MANAGE_MEMBERS):
        context["members"] = organisation.memberships.select_related("user")
        context["pending_invitations"] = organisation.invitations.pending()
    return render(request, "organisations/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    form = OrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(creator=request.user, **form.cleaned_data)
        request.memberships = list(request.user.memberships.select_related("organisation"))
        services.switch_organisation(request, organisation.pk)
        messages.success(request, _("%(name)s is set up. You are its admin.") % {"name": organisation.name})
        return redirect("organisations:dashboard")
    return render(request, "organisations/organisation_create.html", {"form": form})


@login_required
@require_POST
def switch(request):
    form = SwitchForm(request.POST)
    membership = form.is_valid() and services.switch_organisation(request, form.cleaned_data["organisation"])
    if not membership:
        messages.error(request, _("You are not a member of that organisation."))
        return redirect("organisations:dashboard")
    messages.success(request, _("You are now working in %(name)s.") % {"name": membership.organisation.name})
    return redirect("organisations:dashboard")


@member_required(Permission.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def organisation_settings(request):
    form = OrganisationSettingsForm(request.POST if request.method == "POST" else None, instance=request.organisation)
    if request.method == "POST" and form.is_valid():
        services.save_settings(form)
        messages.success(request, _("Organisation details saved."))
        return redirect("organisations:dashboard")
    can_delete = request.membership.allows(Permission.DELETE_ORGANISATION)
    return render(request, "organisations/settings.html", {"form": form, "can_delete": can_delete})


@member_required(Permission.MANAGE_MEMBERS)
def members(request):
    organisation = request.organisation
    context = {
        "members": organisation.memberships.select_related("user"),
        "pending_invitations": organisation.invitations.pending().select_related("invited_by"),
    }
    return render(request, "organisations/members.html", context)


@member_required(Permission.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def invite(request):
    form = InviteForm(request.POST if request.method == "POST" else None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        if until := limits.used_up(request, "invitations", limits.INVITATIONS):
            return limits.too_many(request, until)
        invitation, token = services.invite(
            organisation=request.organisation, invited_by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("Invitation sent to %(email)s. You can also copy their link: %(url)s")
            % {"email": invitation.email, "url": services.invitation_url(token)},
        )
        return redirect("organisations:members")
    return render(request, "organisations/invite.html", {"form": form})


@member_required(Permission.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def member_role(request, pk):
    membership = get_for_member(request, request.organisation.memberships.select_related("user"), pk)
    form = RoleForm(request.POST if request.method == "POST" else None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(membership, form.cleaned_data["role"])
        except services.LastAdminError:
            form.add_error(
                "role", _("%(name)s is the only admin. Make someone else an admin first.") % {"name": membership.user}
            )
        else:
            messages.success(
                request,
                _("%(name)s is now a %(role)s.")
                % {"name": membership.user, "role": membership.get_role_display().lower()},
            )
            return redirect("organisations:members")
    return render(request, "organisations/member_role.html", {"form": form, "membership": membership})


@member_required(Permission.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def member_remove(request, pk):
    membership = get_for_member(request, request.organisation.memberships.select_related("user"), pk)
    error = None
    if request.method == "POST":
        try:
            services.remove_member(membership)
        except services.LastAdminError:
            error = _("%(name)s is the only admin. Make someone else an admin before removing them.") % {
                "name": membership.user
            }
        else:
            messages.success(
                request,
                _("%(name)s has been removed from %(organisation)s.")
                % {"name": membership.user, "organisation": request.organisation},
            )
            if membership.user_id == request.user.pk:
                return redirect("organisations:dashboard")
            return redirect("organisations:members")
    return render(request, "organisations/member_remove.html", {"membership": membership, "error": error})


@member_required(Permission.MANAGE_MEMBERS)
@require_POST
def invitation_cancel(request, pk):
    invitation = get_for_member(request, request.organisation.invitations.pending(), pk)
    services.cancel_invitation(invitation)
    messages.success(request, _("The invitation to %(email)s has been cancelled.") % {"email": invitation.email})
    return redirect("organisations:members")


@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests
def accept_invitation(request, token):
    """The invited person's landing page: join with this account, sign in, or create an account."""
    invitation = services.find_invitation(token)
    try:
        invitation = services.check_usable(invitation)
    except services.InvitationUnusable as problem:
        return render(request, "organisations/invitation_unusable.html", {"reason": problem.reason}, status=410)

    existing_account = None if request.user.is_authenticated else accounts.find_account(invitation.email)
    form = None
    if not request.user.is_authenticated and existing_account is None:
        form = CreateAccountForm(request.POST if request.method == "POST" else None, email=invitation.email)

    if request.method == "POST":
        if request.user.is_authenticated:
            return _join(request, invitation, request.user)
        if form is not None and form.is_valid():
            user = accounts.create_account(
                email=invitation.email, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
            accounts.sign_in(request, user)
            return _join(request, invitation, user)

    context = {"invitation": invitation, "form": form, "existing_account": existing_account}
    return render(request, "organisations/accept_invitation.html", context)


def _join(request, invitation, user):
    try:
        membership = services.accept_invitation(invitation, user)
    except services.InvitationUnusable as problem:
        return render(request, "organisations/invitation_unusable.html", {"reason": problem.reason}, status=410)
    request.memberships = list(user.memberships.select_related("organisation"))
    services.switch_organisation(request, membership.organisation_id)
    messages.success(request, _("Welcome to %(organisation)s.") % {"organisation": membership.organisation})
    return redirect("organisations:dashboard")
