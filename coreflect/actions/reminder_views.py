"""A member's choice about reminder emails, for the organisation they are working in now."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from coreflect.forms import CoreflectForm
from coreflect.organisations.access import member_required
from coreflect.organisations.permissions import Permission

from . import reminders


class ReminderForm(CoreflectForm):
    receives_reminders = forms.BooleanField(
        label=gettext_lazy(
            "Email me about actions I lead that are due within a week or overdue, and when their review date comes"
        ),
        required=False,
    )


@member_required(Permission.VIEW_ORGANISATION)
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    membership = request.membership
    if request.method == "POST":
        form = ReminderForm(request.POST)
        if form.is_valid():
            receives = form.cleaned_data["receives_reminders"]
            reminders.set_receives_reminders(membership, receives)
            name = request.organisation.name
            if receives:
                messages.success(request, _("Reminder emails are on for %(name)s.") % {"name": name})
            else:
                messages.success(request, _("Reminder emails are off for %(name)s.") % {"name": name})
            return redirect("actions:reminders")
    else:
        form = ReminderForm(initial={"receives_reminders": membership.receives_reminders})
    return render(request, "actions/reminders.html", {"form": form})
