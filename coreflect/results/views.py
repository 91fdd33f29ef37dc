"""Results pages for a round: overview, by perspective, perception gaps, statements, words, round to round.

Members who may view results (viewers too) read them; participants never see other people's answers.
Each page reads the round's figures once, from the gatekeeper (`reflections.disclosure`). The overview, the
by-perspective and what-people-wrote pages and the round-to-round comparison show the views groups agreed
in workshops beside them, read in one more query.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from coreflect.actions.queries import previous_round_actions
from coreflect.organisations.access import get_for_member, member_required
from coreflect.organisations.permissions import Permission
from coreflect.reflections import co_leads, disclosure

from . import comparison, figures, gaps, indicators, queries


def _round(request, pk):
    return get_for_member(
        request,
        co_leads.with_co_leads(
            request.organisation.rounds.select_related("framework_version__framework", "previous_round")
        ),
        pk,
        permission=Permission.VIEW_RESULTS,
    )


def _context(round_, section, **extra):
    return {"round": round_, "document": round_.framework_version.document, "section": section, **extra}


@member_required(Permission.VIEW_RESULTS)
@require_safe
def overview(request, pk):
    round_ = _round(request, pk)
    data = queries.overview(round_, disclosure.figures(round_))
    context = _context(
        round_,
        "overview",
        data=data,
        charts=figures.overview_charts(data),
        group_views=queries.group_views(round_)[round_.pk],
        # Read here, not only when the page shows it, so the page asks the database the same whatever its figures.
        easy_read=data.figures.easy_read,
    )
    return render(request, "results/overview.html", context)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def by_perspective(request, pk):
    round_ = _round(request, pk)
    data = queries.overview(round_, disclosure.figures(round_))
    perspectives, breakdowns = queries.by_perspective(round_, data.figures)
    context = _context(
        round_,
        "perspectives",
        data=data,
        perspectives=perspectives,
        breakdowns=breakdowns,
        charts=figures.perspective_charts(round_, perspectives, breakdowns, data.stages),
        group_views=queries.group_views(round_)[round_.pk],
    )
    return render(request, "results/by_perspective.html", context)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def perception_gaps(request, pk):
    round_ = _round(request, pk)
    data = queries.overview(round_, disclosure.figures(round_))
    found = gaps.perception_gaps(round_, data.figures)
    context = _context(round_, "gaps", data=data, gaps=found, chart=figures.gaps_chart(found, data.stages))
    return render(request, "results/gaps.html", context)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def statements(request, pk):
    round_ = _round(request, pk)
    data = queries.overview(round_, disclosure.figures(round_))
    perspectives, shares = indicators.indicator_shares(round_, data.figures)
    most, least = indicators.most_and_least(shares)
    context = _context(
        round_,
        "statements",
        data=data,
        perspectives=perspectives,
        shares=shares,
        most=most,
        least=least,
        differences=indicators.notable_differences(shares, perspectives),
    )
    return render(request, "results/statements.html", context)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def words(request, pk):
    round_ = _round(request, pk)
    data = queries.overview(round_, disclosure.figures(round_))
    principles = round_.framework_version.principles
    principle_key = request.GET.get("principle") or principles[0]["key"]
    if principle_key not in {p["key"] for p in principles}:
        raise Http404
    try:
        perspective = int(request.GET["perspective"]) if request.GET.get("perspective") else None
    except ValueError:
        raise Http404 from None
    stage = request.GET.get("stage") or None
    page = request.GET.get("page", "")
    page = (min(int(page), 100_000) if len(page) <= 6 else 100_000) if page.isascii() and page.isdigit() else 1
    texts = indicators.written_answers(round_, principle_key, perspective, stage, page, data.figures)
    context = _context(
        round_,
        "words",
        data=data,
        texts=texts,
        principle_key=principle_key,
        perspective=perspective,
        stage=stage,
        perspectives=data.figures.perspectives,
        views=queries.group_views(round_)[round_.pk].get(principle_key, []),
    )
    return render(request, "results/words.html", context, status=200)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def words_used(request, pk):
    """The words people used: how often the language lens's phrases, and the asset-based words it suggests,
    appear in what people wrote, by perspective – counts only."""
    round_ = _round(request, pk)
    data = queries.overview(round_, disclosure.figures(round_))
    context = _context(round_, "words-used", data=data, words=queries.words_used(data.figures))
    return render(request, "results/words_used.html", context)


@member_required(Permission.VIEW_RESULTS)
@require_safe
def round_to_round(request, pk):
    round_ = _round(request, pk)
    before, now, movements = comparison.compare(round_)
    context = _context(
        round_, "compare", data=now, before=before, movements=movements, carried=previous_round_actions(round_)
    )
    return render(request, "results/compare.html", context)
