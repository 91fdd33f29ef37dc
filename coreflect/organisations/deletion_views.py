"""Deleting the organisation (its admins, after their password again) and one's own account (with one's password),
each after a page that says what goes and what stays; and the page that says an account is gone."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import deletion
from .access import member_required
from .deletion_forms import ConfirmByTypingForm, DeleteAccountForm, same_text
from .permissions import Permission


def _name_typed(request) -> bool:
    return request.method == "POST" and same_text(request.POST.get("confirm", ""), request.organisation.name)


@member_required(Permission.DELETE_ORGANISATION)
@require_http_methods(["GET", "POST"])
# Once the name is typed right, allauth asks for the password again (unless it was given in the last few
# minutes), then carries on with the deletion; a mistyped name is simply shown as an error.
@reauthentication_required(enabled=_name_typed)
def organisation_delete(request):
    organisation = request.organisation
    form = ConfirmByTypingForm(
        request.POST if request.method == "POST" else None,
        expected=organisation.name,
        label=_("Type the organisation’s name to confirm"),
        hint=_("Type: %(name)s") % {"name": organisation.name},
        required=_("Type the organisation’s name to confirm you want to delete it"),
        mismatch=_("The name you typed does not match. Type it exactly as shown: %(name)s")
        % {"name": organisation.name},
    )
    if request.method == "POST" and form.is_valid():
        deletion.delete_organisation(organisation)
        messages.success(
            request,
            _("%(name)s has been deleted, with its rounds, answers and action plan.") % {"name": organisation.name},
        )
        return redirect("organisations:dashboard")
    context = {"organisation": organisation, "form": form, "gone": deletion.what_goes(organisation)}
    return render(request, "organisations/organisation_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    memberships, blockers = deletion.account_deletion(request.user)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            deletion.delete_account(request.user)
        except deletion.AccountDeletionRefused as refused:  # someone else left at the same moment
            blockers = refused.blockers
        else:
            # Signed out by hand: Django's logout() would record signing out for an account no longer there.
            request.session.flush()
            request.user = AnonymousUser()
            return redirect("organisations:account-deleted")
    context = {
        "form": form,
        "memberships": memberships,
        "blockers": blockers,
        "current": request.organisation,
        "can_delete_current": request.membership is not None
        and request.membership.allows(Permission.DELETE_ORGANISATION),
    }
    return render(request, "organisations/account_delete.html", context)


@require_safe
def account_deleted(request):
    return render(request, "organisations/account_deleted.html")
