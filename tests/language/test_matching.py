"""The matcher: whole words, any case, plurals, hyphens, the traps (quotes, legal titles, "users of the bus"),
Welsh, an organisation's own entries and switched-off entries, and what the phrase list's loader refuses."""

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coreflect import caches
from coreflect.language import lens, phrases
from coreflect.language.matching import Entry, Text, build_matcher
from coreflect.language.schema import PhraseListError, parse_phrase_list


def keys(text, **kwargs):
    return [match.entry.key for match in lens.check(text, **kwargs).matches]


def test_a_match_has_its_position_words_entry_theme_and_suggestions():
    text = "Sadly our Service-Users wait."
    (match,) = lens.check(text).matches
    assert (match.start, match.end, match.text) == (10, 23, "Service-Users")
    assert text[match.start : match.end] == "Service-Users"
    assert match.entry.key == "service-users" and match.entry.theme == "labels"
    assert "people who draw on care and support" in lens.suggestions(match.entry)
    assert lens.why(match.entry).startswith("It names people")


@pytest.mark.parametrize(
    "text",
    [
        "service user",
        "service users",
        "Service User",
        "service-user",
        "service  users",
        "service\nusers",
        "service user’s",
    ],
)
def test_spacing_hyphens_case_and_plurals_all_match(text):
    assert keys(text) == ["service-users"]


def test_the_longer_phrase_wins_where_two_start_together():
    assert keys("a service user representative") == ["token-representative"]


def test_a_word_inside_another_word_or_hyphenated_onto_one_does_not_match():
    assert keys("disservice users") == []
    assert keys("a service user-led group") == []
    assert keys("clientele") == []


def test_users_of_the_bus_and_bus_service_users_are_not_people_who_draw_on_care():
    assert keys("users of the bus") == []
    assert keys("Bus service users and rail service users") == []
    assert keys("Bus service users and our service users") == ["service-users"]


@pytest.mark.parametrize(
    "text",
    [
        'She wrote "our service users are vulnerable" on the board.',
        "She wrote “our service users are vulnerable” on the board.",
    ],
)
def test_a_phrase_inside_double_quotation_marks_is_a_quotation_not_a_use(text):
    assert keys(text) == []


def test_single_quotation_marks_are_apostrophes_too_so_they_are_not_skipped():
    assert keys("The slide said ‘our service users’ – and people winced.") == ["service-users"]


def test_a_known_legal_title_is_skipped_but_the_same_words_elsewhere_are_not():
    text = "Under the Safeguarding Vulnerable Groups Act 2006 we protect vulnerable adults."
    assert keys(text) == ["vulnerable-adults"]
    assert keys("The Chronically Sick and Disabled Persons Act 1970") == []


def test_welsh_phrases_match_with_their_mutations_and_only_when_asked_for():
    text = "Mae ein defnyddwyr gwasanaeth i gyd mor fregus, a’r ddefnyddwyr gwasanaeth eraill."
    assert keys(text) == ["service-users", "so-vulnerable", "service-users"]
    assert keys(text, language="cy") == keys(text)
    assert keys(text, language="en") == []
    assert keys("Our service users", language="cy") == []


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language must be one of"):
        lens.check("text", language="fr")


def test_notes_point_out_a_phrase_once_per_page():
    notes = lens.notes({"what": "Our service users decide.", "how": "Service users and clients.", "who": "Nobody"})
    assert [note.entry.key for note in notes["what"]] == ["service-users"]
    assert [note.entry.key for note in notes["how"]] == ["clients"]
    assert notes["who"] == ()
    again = lens.notes({"what": "Service users"}, already_noted=["service-users"])
    assert again["what"] == ()


def test_phrase_counts_add_up_across_texts_most_used_first():
    counts = lens.phrase_counts(["service users, service users", "clients", "", "the clients and service users"])
    assert [(entry.key, count) for entry, count in counts] == [("service-users", 3), ("clients", 2)]


def test_the_check_counts_matches_by_theme():
    check = lens.check("Our service users are so vulnerable, the elderly too; let them be.")
    assert [(theme.key, theme.count) for theme in check.by_theme()] == [("labels", 2), ("power", 1), ("risk", 1)]


def test_own_entries_and_switched_off_entries_change_what_is_found(riverside, alice):
    from coreflect.language import services

    text = "Our service users and our patients."
    assert keys(text, organisation=riverside) == ["service-users"]
    services.switch_off(riverside, "service-users", "We use it in contracts", by=alice)
    services.add_own_entry(
        riverside,
        {"theme": "labels", "words_en": "patient", "words_cy": "", "why_en": "They are not in hospital.",
         "why_cy": "", "instead_en": "people", "instead_cy": ""},
        by=alice,
    )  # fmt: skip
    assert keys(text, organisation=riverside) == [f"own-{riverside.language_entries.get().pk}"]
    assert keys(text) == ["service-users"]  # the built-in list, and other organisations, are as they were


def test_the_matcher_is_kept_frozen_and_rebuilt_when_an_organisation_changes_its_list(riverside, alice):
    from coreflect.language import services

    first = lens.matcher_for(riverside)
    assert lens.matcher_for(riverside) is first
    with pytest.raises(TypeError):
        first.index["new"] = {}
    with pytest.raises(AttributeError):
        first.legal_titles = None
    services.switch_off(riverside, "clients", "A reason", by=alice)
    assert lens.matcher_for(riverside) is not first
    caches.clear()
    assert lens.matcher_for(riverside) is not first


def test_the_phrase_list_is_about_150_entries_each_with_welsh_and_a_known_source():
    phrase_list = phrases.read()
    assert phrase_list.version >= 1
    assert len(phrase_list.phrases) >= 140
    assert all(entry.why.cy and all(text.cy for text in entry.instead) for entry in phrase_list.phrases)
    assert sum(1 for entry in phrase_list.phrases if entry.cy) >= 100


def test_each_builtin_entry_finds_its_own_words():
    phrase_list = phrases.builtin()
    for entry in phrase_list.entries:
        for words in entry.words_en:
            found = [match.entry.key for match in lens.matcher_for(language="en").find(f"Look: {words} here")]
            assert found, f"{entry.key}: {words!r} is not found"


def document(**changes):
    data = yaml.safe_load(phrases.PHRASE_FILE.read_text(encoding="utf-8"))
    data["phrases"] = data["phrases"][:2]
    for path, value in changes.items():
        data["phrases"][0][path] = value
    return data


def test_the_loader_names_each_problem_and_where_it_is():
    with pytest.raises(PhraseListError) as error:
        parse_phrase_list(document(theme="pity", source="nowhere"), "phrases.yaml")
    message = str(error.value)
    assert "phrases[0].theme: 'pity' is not one of the themes" in message
    assert "phrases[0].source: 'nowhere' is not one of the sources" in message
    with pytest.raises(PhraseListError, match=r"phrases\[0\]\.instead"):
        parse_phrase_list(document(instead=[]))
    with pytest.raises(PhraseListError, match=r"phrases\[1\]\.key: 'service-users' is already used"):
        data = document()
        data["phrases"][1]["key"] = "service-users"
        parse_phrase_list(data)
    with pytest.raises(PhraseListError, match="must hold a mapping"):
        parse_phrase_list(["not", "a", "mapping"])


def test_a_matcher_of_nothing_finds_nothing():
    assert build_matcher([], [], "all").find("service users") == ()
    entry = Entry("x", "labels", ("tiny",), (), Text("why"), (Text("instead"),), Text("us"))
    assert [m.text for m in build_matcher([entry], [], "cy").find("tiny")] == []


def test_suggestions_and_reasons_are_in_welsh_on_welsh_pages():
    from django.utils import translation

    (match,) = lens.check("our service users").matches
    with translation.override("cy"):
        assert lens.suggestions(match.entry)[0] == "pobl sy’n cael gofal a chymorth"
        assert lens.why(match.entry).startswith("Mae’n enwi pobl")
        assert lens.theme_label("labels") == "Labeli sy’n rhoi categori o flaen yr unigolyn"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab sevricusr-’'\"“”\nVULNERABLE")), max_size=200))
def test_any_text_gives_matches_whose_positions_hold_their_words(text):
    for match in lens.matcher_for().find(text):
        assert text[match.start : match.end] == match.text
        assert match.start < match.end


def test_asset_based_words_are_counted_beside_the_phrases_and_never_pointed_out():
    texts = [
        "People who draw on care and support co-produced it.",
        "Our service users",
        "lived experience, co-production",
    ]
    assert lens.asset_counts(texts) == [
        ("co-production", "co-production", 2),
        ("draw-on-care", "people who draw on care and support", 1),
        ("lived-experience", "lived experience", 1),
    ]
    assert [match.entry.key for match in lens.check(texts[0]).matches] == []
