"""What the phone's page and its polled fragment show at each step of the room: the principle, the vote
form, the spread (through queries.spread), the group's view with the reply form, ideas, and dots."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coreflect.frameworks.queries import kept_version, skeleton
from coreflect.reflections.disclosure import HANDS, Hidden

from . import ideas, live, phone_queries, queries
from .models import Step
from .phone_forms import IdeaForm, ReplyForm, VoteForm

PRINCIPLE_STEPS = (Step.VOTING, Step.REVEALED, Step.AGREEING)


def principle_of(workshop):
    """The framework version, the principle the room is on (its document and row), or Nones."""
    version = kept_version(workshop.round.framework_version_id)
    if workshop.principle_id is None:
        return version, None, None
    rows = skeleton(version)
    row = next((p for p in rows.principles.values() if p.pk == workshop.principle_id), None)
    document = next((p for p in version.principles if row is not None and p["key"] == row.key), None)
    return version, document, row


def spread_groups(workshop, principle_row, stage_labels):
    """The spread as a phone shows it: everyone, then each perspective in the room; each question's counts,
    or why they are hidden (reflections.disclosure.Hidden)."""
    spread = queries.spread(workshop, principle_row)
    perspectives = {p.pk: p for p in workshop.round.perspectives.all()}
    rag_labels = {"red": _("Red"), "amber": _("Amber"), "green": _("Green")}

    def shown(counter, why, labels):
        return why if counter is None else [(label, counter.get(key, 0)) for key, label in labels.items()]

    def as_rows(row, labels):
        return row if isinstance(row, Hidden) else [(label, row.get(key, 0)) for key, label in labels.items()]

    groups = [
        {
            "label": _("Everyone in the room"),
            "stages": shown(spread.stages.whole(), spread.stages.why_hidden, stage_labels),
            "rags": shown(spread.rags.whole(), spread.rags.why_hidden, rag_labels),
        }
    ]
    for pk in spread.stages.counts:
        if pk == HANDS or pk not in perspectives:
            continue
        groups.append(
            {
                "label": perspectives[pk].label,
                "stages": as_rows(spread.stages.row(pk), stage_labels),
                "rags": as_rows(spread.rags.row(pk), rag_labels),
            }
        )
    return {"people": spread.people, "groups": groups}


def page_response(request, attendee, *, vote_form=None, reply_form=None, idea_form=None, status=200):
    workshop = attendee.workshop
    if not workshop.is_running:
        return render(request, "workshops/phone/finished.html", {"workshop": workshop, "attendee": attendee})
    version, principle, principle_row = principle_of(workshop)
    document = version.document
    stage_labels = {s["key"]: s["label"] for s in document["stages"]}
    context = {
        "workshop": workshop,
        "attendee": attendee,
        "document": document,
        "principle": principle,
        "on_principle": workshop.step in PRINCIPLE_STEPS and principle is not None,
        "live_url": reverse("phone:live", args=[workshop.code])
        + "?state="
        + phone_queries.page_state(workshop)
        # A page shown in answer to a form (its errors) must not reload itself: the browser would send the
        # form again. Its fragment shows the link to the room's new step without the reload marker.
        + ("&sent=1" if request.method == "POST" else ""),
        "live_etag": live._etag(request, code=workshop.code),
        # The page's title says "Error:" when a form on it has errors (base.html reads `form`).
        "form": next((f for f in (vote_form, reply_form, idea_form) if f is not None and f.errors), None),
        "vote_form": None,
        "reply_form": None,
        "idea_form": None,
        # What the fragment shows is shown inside the page too, and read once for both.
        **fragment_context(workshop, attendee, principle_row, moved_on=False),
    }
    if workshop.step == Step.VOTING and principle is not None:
        vote = queries.vote_of(attendee, principle_row)
        initial = (
            {
                "stage": vote.stage.key if vote.stage else None,
                "rag": vote.rag,
                "ticked": [i.key for i in vote.ticked.all()],
            }
            if vote is not None
            else {}
        )
        context["vote"] = vote
        context["vote_form"] = vote_form or VoteForm(initial=initial, document=document, principle=principle)
    if workshop.step == Step.REVEALED and principle is not None:
        context["spread"] = spread_groups(workshop, principle_row, stage_labels)
    if workshop.step == Step.AGREEING and principle is not None:
        group_view, reply = context["group_view"], context["reply"]
        if group_view is not None:
            initial = {"stance": reply.stance, "reason": reply.reason} if reply is not None else {}
            context["reply_form"] = reply_form or ReplyForm(initial=initial)
    if context["on_principle"]:
        context["idea_form"] = idea_form or IdeaForm()
    elif idea_form is not None:
        context["kept_idea"] = idea_form.data.get("idea", "")
    if workshop.step == Step.DOTS:
        context["ideas"] = list(phone_queries.ideas_for_dots(workshop, attendee))
    return render(request, "workshops/phone/page.html", context, status=status)


def fragment_context(workshop, attendee, principle_row, *, moved_on, reload=True):
    """What the polled fragment shows (it holds no forms): counts, the group's view, dots left."""
    context = {
        "workshop": workshop,
        "moved_on": moved_on,
        "reload": reload,
        "page_url": reverse("phone:page", args=[workshop.code]),
    }
    if workshop.step == Step.WELCOME:
        joined = queries.taking_part(workshop)["total"]
        context["joined"] = joined
        context["announce"] = ngettext("%(n)s person has joined", "%(n)s people have joined", joined) % {"n": joined}
    elif workshop.step == Step.VOTING and principle_row is not None:
        voted = queries.votes_so_far(workshop, principle_row)
        context["voted"] = voted
        context["announce"] = ngettext("%(n)s person has voted so far", "%(n)s people have voted so far", voted) % {
            "n": voted
        }
    elif workshop.step == Step.AGREEING and principle_row is not None:
        group_view = queries.group_view(workshop, principle_row)
        context["group_view"] = group_view
        context["reply"] = queries.reply_of(group_view, attendee)
        context["announce"] = _("The group's view is ready: say what you think of it") if group_view else ""
    elif workshop.step == Step.DOTS:
        left = ideas.dots_left(attendee)
        context["dots_left"] = left
        context["announce"] = ngettext("You have %(n)s dot left", "You have %(n)s dots left", left) % {"n": left}
    if workshop.step in (Step.AGREEING,) and context.get("group_view") is not None:
        stage = context["group_view"].consensus.stage
        if stage is not None:
            labels = {
                s["key"]: s["label"] for s in kept_version(workshop.round.framework_version_id).document["stages"]
            }
            context["group_stage"] = labels.get(stage.key)
    if moved_on:
        context["announce"] = _("The room has moved on")
    return context
