"""The words people used: how often the lens's deficit phrases and asset-based words appear in what people
wrote, by perspective – through the gatekeeper, so small groups are hidden (with enough others that everyone's
figure less those shown gives none away), nothing shows before it is released in anonymous rounds, named
rounds show live, and the organisation's switched-off entries are not counted."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from coreflect.language import services as language_services
from coreflect.reflections import disclosure, services
from coreflect.reflections.disclosure import Hidden
from coreflect.reflections.models import RoundStatus
from coreflect.results import queries
from tests.reflections.conftest import make_round

from .test_results import answer

PRINCIPLE = "people-as-assets"
WRITES = {
    # perspective: (people, stage of each in turn, what each wrote)
    "draws-on-support": (7, ["basics", "getting-there"], "The service users here run the garden club."),
    "frontline": (6, ["basics", "not-yet"], "People who draw on care and support lead it. Service users too."),
    "manager": (5, ["getting-there", "basics"], "We see challenging behaviour. Service users vote."),
    "commissioner": (2, ["not-yet", "basics"], "Service users, service users."),
}


def text(response) -> str:
    return html.unescape(response.content.decode())


def everyone_writes(round_):
    for key, (people, stages, written) in WRITES.items():
        for n in range(people):
            answer(round_, key, **{PRINCIPLE: {"stage": stages[n % 2], "evidence": written}})


@pytest.fixture
def written_round(riverside, alice):
    round_ = make_round(riverside, alice, perspectives=list(WRITES))
    everyone_writes(round_)
    services.set_status(round_, RoundStatus.CLOSED)  # everything sent is released
    return round_


def by_key(round_, cells):
    return {p.key: cells[p.pk] for p in round_.perspectives.all()}


def test_counts_by_perspective_with_a_small_group_hidden_and_one_more_to_protect_it(written_round):
    found = disclosure.words_used(disclosure.figures(written_round))
    (entry, everyone, cells), *others = found.phrases
    assert entry.key == "service-users" and everyone == 7 + 6 + 5 + 2 * 2
    shown = by_key(written_round, cells)
    assert (shown["draws-on-support"], shown["frontline"]) == (7, 6)
    assert shown["commissioner"].small and shown["manager"].protects
    assert [(e.key, n) for e, n, _cells in others] == [("challenging-behaviour", 5)]
    assert isinstance(by_key(written_round, others[0][2])["manager"], Hidden)
    _key, words, everyone, cells = found.assets[0]
    assert words == "people who draw on care and support" and everyone == 6
    assert by_key(written_round, cells)["frontline"] == 6


def test_everyone_less_the_perspectives_shown_is_never_one_hidden_group(written_round):
    found = disclosure.words_used(disclosure.figures(written_round))
    hidden = found.hidden
    figures = disclosure.figures(written_round)
    assert len(hidden) >= 2 and sum(figures.sent[pk] for pk in hidden) >= written_round.threshold


def test_a_perspective_small_beside_one_principle_is_hidden_too(riverside, alice):
    round_ = make_round(riverside, alice, perspectives=["draws-on-support", "frontline", "manager"])
    for key in ("draws-on-support", "frontline", "manager"):
        for n in range(6):
            answer(round_, key, **{PRINCIPLE: {"stage": ["basics", "not-yet"][n % 2], "evidence": "Service users."}})
    # Two frontline staff also answer a second principle: beside it they are a small group.
    for _ in range(2):
        answer(round_, "frontline", **{"reciprocity": {"stage": "basics", "evidence": "Service users."}})
    services.set_status(round_, RoundStatus.CLOSED)
    found = disclosure.words_used(disclosure.figures(round_))
    cells = by_key(round_, found.phrases[0][2])
    assert isinstance(cells["frontline"], Hidden) and len(found.hidden) >= 2
    assert found.phrases[0][1] == 20


def test_nothing_shows_before_it_is_released_in_an_anonymous_round(riverside, alice, client_for, bob):
    round_ = make_round(riverside, alice, perspectives=list(WRITES))
    for _ in range(4):
        answer(round_, "frontline", **{PRINCIPLE: {"stage": "basics", "evidence": "Service users."}})
    assert disclosure.words_used(disclosure.figures(round_)).phrases == []
    page = text(client_for(bob).get(reverse("results:words-used", args=[round_.pk])))
    assert "service users" not in page.lower() and "Results appear when at least 5 people" in page


def test_a_named_round_shows_every_perspective_live(riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False, perspectives=list(WRITES))
    answer(round_, "commissioner", **{PRINCIPLE: {"stage": "basics", "evidence": "Service users."}})
    found = disclosure.words_used(disclosure.figures(round_))
    assert by_key(round_, found.phrases[0][2])["commissioner"] == 1 and not found.hidden


def test_the_organisations_switched_off_entries_are_not_counted(written_round, riverside, alice):
    language_services.switch_off(riverside, "challenging-behaviour", "We use it with care", alice)
    found = disclosure.words_used(disclosure.figures(written_round))
    assert [entry.key for entry, _n, _cells in found.phrases] == ["service-users"]


def test_the_page_shows_counts_never_what_people_wrote(written_round, client_for, bob):
    page = text(client_for(bob).get(reverse("results:words-used", args=[written_round.pk])))
    assert "The words people used" in page and "service user" in page
    assert "Instead:" in page and "people who draw on care and support" in page
    assert "fewer than 5" in page and "hidden so that a smaller group cannot be worked out" in page
    assert "garden club" not in page and "vote" not in page


def test_the_page_arranges_rows_and_totals_in_the_perspectives_order(written_round):
    words = queries.words_used(disclosure.figures(written_round))
    phrases, assets = words.phrases, words.assets
    assert phrases[0].words == "service user" and phrases[0].everyone == 22
    assert [value for _p, value in phrases[0].cells[:2]] == [7, 6] and phrases[0].cells[2][1].protects
    assert assets[0].cells[1][1] == 6
    assert words.everyone == (27, 6)
    totals = {p.key: (deficit, asset) for p, deficit, asset in words.totals}
    assert totals["draws-on-support"] == (7, 0) and totals["frontline"] == (6, 6)
    assert totals["commissioner"][0].small and totals["manager"][0].protects


def test_the_page_in_welsh(written_round, client_for, bob):
    try:
        response = client_for(bob).get("/cy" + reverse("results:words-used", args=[written_round.pk]))
    finally:
        translation.deactivate()
    page = text(response)
    assert response.status_code == 200 and '<html lang="cy"' in page
    assert "defnyddiwr gwasanaeth" in page.lower() or "defnyddwyr gwasanaeth" in page.lower()
