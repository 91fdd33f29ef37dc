"""Facilitators set up, open, close and change rounds, and watch live counts."""

import pytest
from django.urls import reverse

from coreflect.frameworks.models import Framework
from coreflect.reflections.anonymity import suppress_small_counts
from coreflect.reflections.models import Round, RoundStatus
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows

from .conftest import Visitor, make_round


def round_form(**overrides):
    data = {
        "title": "Carers’ support 2026",
        "subject_kind": "service",
        "subject_description": "Support for unpaid carers across Riverside",
        "framework_version": Framework.objects.get(slug="how-are-you-doing-2011").current_version.pk,
        "perspectives": ["draws-on-support", "family-carer", "frontline"],
        "anonymous": "yes",
        "threshold": "5",
        "opens_on": "1/12/2026",
        "closes_on": "31/1/2027",
    }
    data.update(overrides)
    return data


def test_facilitator_sets_up_a_draft_round(client_for, fran, riverside):
    response = client_for(fran).post(reverse("reflections:create"), round_form(), follow=True)
    page = response.content.decode()
    assert "Your round is set up as a draft" in page
    round_ = Round.objects.get()
    assert round_.organisation == riverside and round_.status == RoundStatus.DRAFT and round_.anonymous
    assert [p.label for p in round_.perspectives.all()] == [
        "Person who draws on care and support",
        "Family member or unpaid carer",
        "Frontline worker",
    ]
    assert str(round_.opens_on) == "2026-12-01" and str(round_.closes_on) == "2027-01-31"
    assert f"/r/{round_.link_code}/" in page
    assert len(round_.link_code) >= 22  # 128 random bits


def test_the_form_defaults_to_anonymous_every_perspective_and_a_threshold_of_5(client_for, fran):
    page = client_for(fran).get(reverse("reflections:create")).content.decode()
    assert 'value="yes" checked' in page.replace("checked\n", "checked") or (
        'name="anonymous" value="yes"' in page and "checked" in page
    )
    assert page.count('name="perspectives"') == 7
    assert 'name="threshold" value="5"' in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Enter a title"),
        ({"perspectives": []}, "Select at least one perspective"),
        ({"opens_on": "31/02/2027"}, "Enter the opening date as day/month/year, like 27/3/2027"),
        ({"closes_on": "next tuesday"}, "Enter the closing date as day/month/year"),
        ({"opens_on": "1/3/2027", "closes_on": "1/2/2027"}, "The closing date must be on or after the opening date"),
        ({"threshold": "1"}, "The smallest group must be 2 or more"),
        ({"framework_version": "999999"}, "Select a framework from the list"),
    ],
)
def test_bad_round_details_are_explained_and_kept(client_for, fran, overrides, message):
    response = client_for(fran).post(reverse("reflections:create"), round_form(**overrides))
    page = response.content.decode()
    assert message in page and "There is a problem" in page
    assert "Support for unpaid carers across Riverside" in page
    assert not Round.objects.exists()


def test_another_organisations_framework_copy_cannot_be_chosen(client_for, fran, carol, hillside):
    from coreflect.frameworks.services import copy_framework

    version = Framework.objects.get(slug="scie-lens").current_version
    hillside_copy = copy_framework(version, organisation=hillside, title="Hillside lens", created_by=carol)
    response = client_for(fran).post(
        reverse("reflections:create"), round_form(framework_version=hillside_copy.current_version.pk)
    )
    assert "Select a framework from the list" in response.content.decode()


def test_open_close_and_reopen(client_for, fran, riverside, alice):
    round_ = make_round(riverside, alice, status=RoundStatus.DRAFT)
    client = client_for(fran)
    url = reverse("reflections:status", args=[round_.pk])
    assert "The round is open" in client.post(url, {"status": "open"}, follow=True).content.decode()
    assert "The round is closed" in client.post(url, {"status": "closed"}, follow=True).content.decode()
    client.post(url, {"status": "open"})
    round_.refresh_from_db()
    assert round_.status == RoundStatus.OPEN
    refused = client.post(url, {"status": "open"}, follow=True).content.decode()
    assert "That change is not possible" in refused


def test_framework_is_fixed_once_anyone_has_answered(client_for, fran, open_round):
    Visitor(open_round).join()
    client = client_for(fran)
    page = client.get(reverse("reflections:edit", args=[open_round.pk])).content.decode()
    assert "People have already answered, so the framework cannot change" in page
    other = Framework.objects.get(slug="scie-lens").current_version.pk
    data = round_form(framework_version=other, title="Renamed round")
    data.pop("perspectives")
    client.post(reverse("reflections:edit", args=[open_round.pk]), data)
    open_round.refresh_from_db()
    assert open_round.title == "Renamed round"
    assert open_round.framework_version.framework.slug == "how-are-you-doing-2011"


def test_perspective_wording_can_change(client_for, fran, open_round):
    first = open_round.perspectives.first()
    data = {f"label_{p.pk}": p.label for p in open_round.perspectives.all()}
    data |= {f"group_{p.pk}": p.group for p in open_round.perspectives.all()}
    data[f"label_{first.pk}"] = "Person who gets support"
    data[f"group_{first.pk}"] = "other"
    client_for(fran).post(reverse("reflections:perspectives", args=[open_round.pk]), data)
    first.refresh_from_db()
    assert first.label == "Person who gets support"
    assert first.group == "other"  # no longer on the lived-experience side of perception gaps


def test_live_counts_hide_small_groups_in_anonymous_rounds(client_for, bob, open_round):
    for _ in range(6):
        Visitor(open_round).join("frontline")
    for _ in range(5):
        Visitor(open_round).join("manager")
    Visitor(open_round).join("draws-on-support")
    page = client_for(bob).get(reverse("reflections:detail", args=[open_round.pk])).content.decode()
    cells = page.replace(" ", "").replace("\n", "")
    assert page.count("fewer than 5</span></td>") == 1  # the one person
    # and the managers hidden with them, honestly labelled: there are five of them
    assert page.count("hidden so that a smaller group cannot be worked out</span></td>") == 1
    assert ">6<" in cells  # frontline is big enough to show, and its 6 cannot reveal the others
    assert ">1<" not in cells and ">5<" not in cells


def test_named_rounds_show_every_count(client_for, bob, riverside, alice):
    round_ = make_round(riverside, alice, anonymous=False)
    Visitor(round_).join("frontline", name="Sam")
    page = client_for(bob).get(reverse("reflections:detail", args=[round_.pk])).content.decode()
    assert "fewer than" not in page


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"a": 10, "b": 7, "c": 0}, {"a": 10, "b": 7, "c": 0}),
        ({"a": 10, "b": 3, "c": 8}, {"a": 10, "b": None, "c": None}),  # one hidden: hide the next smallest too
        ({"a": 10, "b": 3, "c": 1, "d": 6}, {"a": 10, "b": None, "c": None, "d": None}),  # 3 + 1 is still too few
        ({"a": 10, "b": 3, "c": 2}, {"a": 10, "b": None, "c": None}),  # 3 + 2 reaches 5
        ({"a": 10, "b": 3, "c": 0}, {"a": None, "b": None, "c": 0}),  # a zero hides nobody, so hide the next
        ({"a": 4}, {"a": None}),
    ],
)
def test_small_counts_cannot_be_recovered_by_subtraction(counts, expected):
    assert suppress_small_counts(counts, 5) == expected


def test_rounds_list_and_detail_run_a_fixed_number_of_queries(
    client_for, bob, open_round, riverside, alice, django_assert_max_num_queries
):
    for number in range(5):
        make_round(riverside, alice, title=f"Round {number}")
    for _ in range(8):
        Visitor(open_round).join("frontline")
    client = client_for(bob)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("reflections:list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("reflections:detail", args=[open_round.pk])).status_code == 200


@pytest.fixture
def people(alice, bob, fran, carol, dan):
    return {"anonymous": None, "alice": alice, "bob": bob, "fran": fran, "carol": carol, "dan": dan}


MATRIX = [
    (
        "reflections:list",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 200, "bob": 200, "fran": 200, "alice": 200},
    ),
    (
        "reflections:create",
        None,
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 200, "bob": 403, "fran": 200, "alice": 200},
    ),
    (
        "reflections:detail",
        "round",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 200, "fran": 200, "alice": 200},
    ),
    (
        "reflections:edit",
        "round",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200},
    ),
    (
        "reflections:status",
        "round",
        "post",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 302},
    ),
    (
        "reflections:perspectives",
        "round",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200},
    ),
    (
        "reflections:paper",
        "round",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200},
    ),
    (
        "reflections:printable",
        "round",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 200, "fran": 200, "alice": 200},
    ),
    (
        "reflections:printable-pdf",
        "round",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 200, "fran": 200},
    ),
    (
        "reflections:next",
        "round",
        "get",
        {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200},
    ),
    # Posted with no title: the form comes back asking for one (tests/reflections/test_next_round.py posts it filled in).
    ("reflections:next", "round", "post", {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200}),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, people, open_round, name, target, method, visitor, expected):
    args = [open_round.pk] if target else []
    check_visit(client_for(people[visitor]), method, reverse(name, args=args), expected)


def test_the_lists_show_the_newest_round_first_with_their_counts(client_for, alice, riverside):
    import datetime

    from django.utils import timezone

    made = [make_round(riverside, alice, title=f"Round {n}") for n in range(3)]
    same_moment = timezone.now() - datetime.timedelta(days=1)
    Round.objects.filter(pk__in=[made[1].pk, made[2].pk]).update(created_at=same_moment)
    Round.objects.filter(pk=made[0].pk).update(created_at=timezone.now())
    Visitor(made[2]).join()
    for name in ("reflections:list", "organisations:dashboard"):
        page = client_for(alice).get(reverse(name)).content.decode()
        # The newest first; two made at one moment, the later-made first, whatever order the database keeps.
        assert [page.index(f"Round {n}<") for n in (0, 2, 1)] == sorted(page.index(f"Round {n}<") for n in range(3))


def test_another_organisation_cannot_see_riverside_rounds_in_its_list(client_for, carol, open_round):
    assert "Day services 2026" not in client_for(carol).get(reverse("reflections:list")).content.decode()


def test_every_facilitator_view_is_in_a_permission_table():
    from coreflect.reflections import urls

    sharing = {"poster", "poster-pdf", "qr", "invite"}  # tests/reflections/test_sharing.py
    paper = {"paper-list", "paper-change", "paper-delete"}  # tests/reflections/test_paper.py
    deletion = {"delete"}  # tests/security/test_deletion_pages.py
    personal = {"personal", "personal-only", "personal-email", "personal-print"}  # test_personal_links.py
    happened = {"publish-happened"}  # tests/reflections/test_what_happened.py
    co_leads = {"co-lead-invite", "co-lead-remove", "co-lead-cancel", "co-lead-accept", "co-led"}  # test_co_leads.py
    covered = {name.split(":")[1] for name, *_ in MATRIX} | sharing | paper | deletion | personal | happened | co_leads
    assert {pattern.name for pattern in urls.urlpatterns} <= covered
