"""The page where a round's facilitators choose which things people wrote the report quotes, per principle.

The logic is in `chosen`; the texts are labelled as the results "What people wrote" page labels them.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coreflect.frameworks.wording import text
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission
from coreflect.reflections import disclosure

from . import chosen


@member_required(Permission.RUN_REFLECTIONS)
@require_http_methods(["GET", "POST"])
def report_words(request, pk):
    round_ = get_for_member(
        request,
        request.organisation.rounds.select_related("organisation", "framework_version__framework"),
        pk,
        permission=Permission.RUN_REFLECTIONS,
    )
    figures = disclosure.figures(round_)
    if request.method == "POST":
        return _save(request, round_, figures)
    context = {
        "round": round_,
        "enough_people": figures.enough_people,
        "threshold": figures.threshold,
        "choices": chosen.choices(round_, figures) if figures.enough_people else [],
        "recent_count": chosen.RECENT_COUNT,
    }
    return render(request, "exports/report_words.html", context)


def _save(request, round_, figures):
    principles = {p["key"]: p for p in round_.framework_version.document["principles"]}
    principle = principles.get(request.POST.get("principle", ""))
    if principle is None or not figures.enough_people:
        raise Http404
    title = text(principle["title"])
    keys = request.POST.getlist("key")
    kept: list[str] = []
    if request.POST.get("action") != "clear" and keys:
        offered = chosen.choice_of(round_, principle, chosen.chosen_keys(round_).get(principle["key"], []), figures)
        kept = chosen.choose(round_, principle["key"], keys, {row["key"] for row in offered.rows}, request.user)
    if kept:
        messages.success(
            request, _("Saved. The report now quotes what you chose for “%(principle)s”.") % {"principle": title}
        )
    else:
        chosen.clear(round_, principle["key"])
        messages.success(
            request,
            _("Saved. The report now quotes the %(n)s most recent things people wrote for “%(principle)s”.")
            % {"n": chosen.RECENT_COUNT, "principle": title},
        )
    return redirect(reverse("exports:report-words", args=[round_.pk]) + f"#principle-{principle['key']}")
