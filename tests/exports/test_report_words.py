"""Choosing what the report quotes: the chosen texts, in the order chosen, in the page, the PDF and the Word
document with a caption saying so; clearing goes back to the most recent; labels stay as the words page
gives them; permissions and a fixed number of queries."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from coreflect.exports import chosen, report
from coreflect.exports.models import ChosenWords
from coreflect.exports.report_blocks import Paragraph, Words
from coreflect.reflections.models import Response
from coreflect.results import indicators
from tests.exports import report_fixtures
from tests.exports.report_fixtures import PRINCIPLE, fill, read_word, word_text
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import make_round

small_groups_round = report_fixtures.small_groups_round

SMALL_GROUP = "Perspective not shown (small group)"


def rows_by_note(round_) -> dict[str, dict]:
    """The principle's texts by the "note N" each one ends with."""
    rows = indicators.written_answers(round_, PRINCIPLE).rows
    return {re.search(r"note \d+", row["evidence"]).group(): row for row in rows}


def page_url(round_):
    return reverse("exports:report-words", args=[round_.pk])


def choose(client, round_, keys, action="save"):
    return client.post(page_url(round_), {"principle": PRINCIPLE, "key": keys, "action": action}, follow=True)


def principle_words(the_report) -> tuple[list[str], list[Words]]:
    """The captions and the people's words under the principle's "What people wrote"."""
    section = next(s for s in the_report.sections if s.key == "principles")
    title = next(p["title"]["en"] for p in the_report.round.framework_version.principles if p["key"] == PRINCIPLE)
    start = next(i for i, b in enumerate(section.blocks) if getattr(b, "text", None) == title)
    blocks = section.blocks[start + 1 :]
    end = next((i for i, b in enumerate(blocks) if getattr(b, "level", None) == 3), len(blocks))
    wrote = next(i for i, b in enumerate(blocks[:end]) if getattr(b, "text", None) == "What people wrote")
    mine = blocks[wrote + 1 : end]
    captions = [b.text for b in mine if isinstance(b, Paragraph) and b.kind == "caption"]
    return captions, [b for b in mine if isinstance(b, Words)]


def notes(words: list[Words]) -> list[str]:
    return [re.search(r"note \d+", b.parts[0][1]).group() for b in words]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_chosen_texts_replace_the_most_recent_in_every_format(small_groups_round, client_for, fran):
    client = client_for(fran)
    rows = rows_by_note(small_groups_round)
    response = choose(client, small_groups_round, [rows["note 12"]["key"], rows["note 15"]["key"]])
    assert "The report now quotes what you chose" in response.content.decode()

    captions, words = principle_words(report.build(small_groups_round))
    assert captions == ["Chosen by the facilitator"]
    assert notes(words) == ["note 12", "note 15"]  # in the order chosen, not newest first

    page = client.get(reverse("exports:report", args=[small_groups_round.pk])).content.decode()
    pdf = pdf_text(client.get(reverse("exports:report-pdf", args=[small_groups_round.pk])).content)
    word = word_text(read_word(client.get(reverse("exports:report-word", args=[small_groups_round.pk])).content))
    for name, shown in (("page", page), ("pdf", pdf), ("word", word)):
        assert "Chosen by the facilitator" in shown, name
        assert "note 12" in shown and "note 15" in shown, name
        assert "note 20" not in shown and "note 19" not in shown, name  # the most recent are not quoted


def test_clearing_goes_back_to_the_five_most_recent(small_groups_round, client_for, fran):
    client = client_for(fran)
    rows = rows_by_note(small_groups_round)
    choose(client, small_groups_round, [rows["note 3"]["key"]])
    page = client.get(page_url(small_groups_round)).content.decode()
    assert "The report quotes: chosen by the facilitator." in page

    response = choose(client, small_groups_round, [], action="clear")
    assert "The report now quotes the 5 most recent things people wrote" in response.content.decode()
    assert not ChosenWords.objects.filter(round=small_groups_round).exists()
    captions, words = principle_words(report.build(small_groups_round))
    assert captions == ["The 5 most recent"]
    assert notes(words) == ["note 20", "note 19", "note 18", "note 17", "note 16"]
    word = word_text(read_word(client.get(reverse("exports:report-word", args=[small_groups_round.pk])).content))
    assert "The 5 most recent" in word and "note 3" not in word


def test_saving_with_nothing_ticked_also_goes_back_to_the_most_recent(small_groups_round, client_for, fran):
    client = client_for(fran)
    rows = rows_by_note(small_groups_round)
    choose(client, small_groups_round, [rows["note 3"]["key"]])
    choose(client, small_groups_round, [])
    assert principle_words(report.build(small_groups_round))[0] == ["The 5 most recent"]


def test_a_chosen_text_of_a_small_group_keeps_the_words_page_label(small_groups_round, client_for, fran):
    client = client_for(fran)
    carer = rows_by_note(small_groups_round)["note 7"]  # a family carer: a group smaller than 5
    assert carer["perspective"] == ""
    page = client.get(page_url(small_groups_round)).content.decode()
    label = re.search(rf'value="{carer["key"]}".*?<label[^>]*>(.*?)</label>', page, re.S).group(1)
    assert label == SMALL_GROUP
    choose(client, small_groups_round, [carer["key"]])
    words = principle_words(report.build(small_groups_round))[1]
    assert [b.title.split(" · ")[0] for b in words] == [SMALL_GROUP]
    assert "Family member or unpaid carer" not in words[0].title


def test_keys_are_opaque_and_stable_and_unknown_ones_are_ignored(small_groups_round, client_for, fran):
    row = rows_by_note(small_groups_round)["note 5"]
    assert re.fullmatch(r"[0-9a-f]{16}", row["key"])
    assert rows_by_note(small_groups_round)["note 5"]["key"] == row["key"]
    assert "pk" not in row
    choose(client_for(fran), small_groups_round, ["0123456789abcdef", row["key"], row["key"]])
    assert list(ChosenWords.objects.values_list("key", flat=True)) == [row["key"]]


def test_a_chosen_text_no_longer_shown_drops_out(small_groups_round, client_for, fran):
    rows = rows_by_note(small_groups_round)
    choose(client_for(fran), small_groups_round, [rows["note 4"]["key"], rows["note 9"]["key"]])
    # Keep only "note 9" among the principle's shown texts: as if "note 4"'s writer deleted their words.
    assert chosen.chosen_keys(small_groups_round)[PRINCIPLE] == [rows["note 4"]["key"], rows["note 9"]["key"]]
    gone = Response.objects.filter(participant__round=small_groups_round, evidence__endswith="note 4")
    assert gone.update(evidence="") == 1
    captions, words = principle_words(report.build(small_groups_round))
    assert captions == ["Chosen by the facilitator"] and notes(words) == ["note 9"]


def test_an_unknown_principle_is_not_found(small_groups_round, client_for, fran):
    response = client_for(fran).post(page_url(small_groups_round), {"principle": "nope", "key": []})
    assert response.status_code == 404


@pytest.mark.parametrize("people_count", [5, 60])
def test_a_fixed_number_of_queries_whatever_the_size(
    riverside, alice, client_for, fran, django_assert_max_num_queries, people_count
):
    round_ = make_round(riverside, alice, title="Round")
    fill(round_, [("manager", people_count, "basics", "green")])
    client = client_for(fran)
    # Two queries per principle (its row, then its words) and a few for the person and the round's figures.
    with django_assert_max_num_queries(30):
        page = client.get(page_url(round_))
    assert page.status_code == 200
    # More than a page of texts: the first page is offered, and the page says so.
    assert ("Only the most recent are listed" in page.content.decode()) == (people_count > indicators.PAGE_SIZE)
    keys = [row["key"] for row in indicators.written_answers(round_, PRINCIPLE).rows[:3]]
    assert len(keys) == 3
    with django_assert_max_num_queries(15):
        response = client.post(page_url(round_), {"principle": PRINCIPLE, "key": keys, "action": "save"})
        assert response.status_code == 302
    assert ChosenWords.objects.filter(round=round_).count() == len(keys)
    with django_assert_max_num_queries(30):
        assert client.get(page_url(round_)).status_code == 200


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


@pytest.fixture
def targets(riverside, alice):
    return {"round": [make_round(riverside, alice).pk]}


FACILITATORS_ONLY = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200}
MATRIX = [
    ("exports:report-words", "round", "get", FACILITATORS_ONLY),
    # A post without a principle is refused once the person is let in.
    ("exports:report-words", "round", "post", {**FACILITATORS_ONLY, "fran": 404, "alice": 404}),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, targets, name, target, method, visitor, expected):
    check_visit(client_for(people[visitor]), method, reverse(name, args=targets[target]), expected)


def test_the_report_links_to_the_choice_for_facilitators_only(small_groups_round, client_for, fran, bob):
    link = page_url(small_groups_round)
    assert link in client_for(fran).get(reverse("exports:report", args=[small_groups_round.pk])).content.decode()
    assert link not in client_for(bob).get(reverse("exports:report", args=[small_groups_round.pk])).content.decode()
