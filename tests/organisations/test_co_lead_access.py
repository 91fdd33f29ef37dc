"""A co-lead of one round does what a facilitator does there, and nothing anywhere else.

Sam co-leads one Riverside round and belongs to no organisation. Every URL pattern in the project is
visited by Sam with another Riverside round's ids (the world of tests/test_fuzz_query_strings.py: its
round, workshop, action, idea, paper form, share link, member, invitation and framework copy) and without
ids for the organisation's own pages: every members' page answers 404, as for another organisation, and
no other page shows Riverside or its other round. On their own round's pages Sam gets what Fran, a
facilitator, gets – except the two that reach beyond the round.
"""

import pytest
from django.test import Client
from django.urls import reverse

from coreflect.actions import services as actions
from coreflect.exports import share
from coreflect.organisations.access import BEYOND_THE_ROUND, ROUND_ROUTES
from coreflect.reflections import paper
from coreflect.workshops import ideas as workshop_ideas
from coreflect.workshops import services as workshops
from tests import co_leads as co_lead_fixtures
from tests import test_fuzz_query_strings as fuzz
from tests.co_leads import make_co_lead
from tests.conftest import make_person
from tests.reflections.conftest import Visitor
from tests.test_fuzz_query_strings import FUZZED, path_arguments, url_names

sam = co_lead_fixtures.sam
sams_round = co_lead_fixtures.sams_round
world = fuzz.world  # the other round, and the organisation's ids

PATTERNS = dict(url_names())
# Members' pages: the views `member_required` guards (it marks them with the permission they need).
MEMBERS_PAGES = sorted(name for name in FUZZED if hasattr(PATTERNS[name].callback, "required_permission"))
OTHER_PAGES = sorted(set(FUZZED) - set(MEMBERS_PAGES))
# Pages anyone holding a link may open, whoever they are: a participant's, a phone's in a workshop, a shared
# report, and invitations (bearer links). They show the round they belong to by design.
LINK_PAGES = ("journey:", "phone:", "exports:shared-", "organisations:accept-invitation", "reflections:co-lead-accept")
ROUND_PAGES = sorted(
    name
    for name in MEMBERS_PAGES
    if any(str(PATTERNS[name].pattern).startswith(start) for start, source, _lookup in ROUND_ROUTES if source == "pk")
)


def test_the_table_covers_what_it_should():
    assert {"organisations:members", "organisations:settings", "organisations:audit-trail", "actions:plan"} <= set(
        MEMBERS_PAGES
    )
    assert {"frameworks:edit", "exports:data-raw", "reflections:list", "reflections:create"} <= set(MEMBERS_PAGES)
    assert {"reflections:detail", "workshops:console", "actions:detail", "exports:report"} <= set(ROUND_PAGES)
    assert "organisations:dashboard" in OTHER_PAGES and "reflections:co-led" in OTHER_PAGES


@pytest.fixture
def sam_client(sam, sams_round):
    client = Client()
    client.force_login(sam)
    return client


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", MEMBERS_PAGES)
def test_a_co_lead_is_refused_every_other_rounds_and_the_organisations_pages(sam_client, world, name, method):
    url = reverse(name, args=path_arguments(name, world))
    response = getattr(sam_client, method)(url)
    assert response.status_code == 404, f"{method.upper()} {url} gave {response.status_code}"


@pytest.mark.parametrize("name", [name for name in OTHER_PAGES if not name.startswith(LINK_PAGES)])
def test_no_other_page_shows_a_co_lead_the_organisation_or_its_other_rounds(sam_client, world, name):
    url = reverse(name, args=path_arguments(name, world))
    response = sam_client.get(url, follow=True)
    assert response.status_code in (200, 404, 405), f"GET {url} gave {response.status_code}"
    page = response.content.decode(errors="replace")  # a framework's PDF too
    assert "Day services 2026" not in page, url  # the other round's title
    assert "Riverside day services" not in page, url  # and its description


@pytest.fixture
def own_world(sams_round, fran, world):
    """Sam's round with one of everything a URL can name in it; the organisation's ids from the other world."""
    visitor = Visitor(sams_round)
    visitor.join()
    perspective = sams_round.perspectives.first()
    typed_in, _stored = paper.enter_paper_response(
        sams_round, perspective, name="", entered_by=fran, answers=[], key=paper.new_form_key()
    )
    principle = sams_round.framework_version.principle_rows.get(key="reciprocity")
    action = actions.create_action(
        organisation=sams_round.organisation, created_by=fran, principles=[principle], what="Easy Read leaflet",
        round=sams_round,
    )  # fmt: skip
    idea = actions.add_idea(sams_round, principle=principle, text="Meet in the library")
    workshop = workshops.start_workshop(sams_round, started_by=fran)
    posted = workshop_ideas.post_idea(workshop, principle, "Pay people for their time")
    link = share.create_link(sams_round, by=fran)
    other_co_lead = make_co_lead(sams_round, make_person("ola@example.org", "Ola Okafor"), invited_by=fran)
    return world | {
        "round": sams_round.pk,
        "paper": typed_in.pk,
        "action": action.pk,
        "idea": idea.pk,
        "workshop": workshop.pk,
        "posted_idea": posted.pk,
        "share_link": link.pk,
        "co_lead": other_co_lead.pk,
    }


@pytest.mark.parametrize("name", ROUND_PAGES)
def test_on_their_own_round_a_co_lead_gets_what_a_facilitator_gets(sam_client, client_for, fran, own_world, name):
    url = reverse(name, args=path_arguments(name, own_world))
    facilitator = client_for(fran).get(url).status_code
    co_lead = sam_client.get(url).status_code
    if name in BEYOND_THE_ROUND:
        assert co_lead == 404, url
    else:
        assert co_lead == facilitator, f"GET {url}: the co-lead got {co_lead}, a facilitator {facilitator}"


def test_a_co_lead_can_add_an_action_to_their_round_only(sam_client, own_world, world):
    create = reverse("actions:create")
    assert sam_client.get(f"{create}?round={own_world['round']}").status_code == 200
    assert sam_client.get(f"{create}?round={world['round']}").status_code == 404
    assert sam_client.get(f"{create}?round=99999999999999999999").status_code == 404
    assert sam_client.get(create).status_code == 404


def test_a_co_lead_who_is_also_a_viewer_runs_their_round_and_only_reads_the_others(client_for, bob, world, own_world):
    from coreflect.reflections.models import Round

    make_co_lead(Round.objects.get(pk=own_world["round"]), bob)
    client = client_for(bob)
    assert client.get(reverse("reflections:edit", args=[own_world["round"]])).status_code == 200
    assert client.get(reverse("reflections:edit", args=[world["round"]])).status_code == 403
    assert client.get(reverse("reflections:detail", args=[world["round"]])).status_code == 200
    assert client.get(reverse("organisations:members")).status_code == 403


def test_a_member_of_another_organisation_co_leads_a_riverside_round(client_for, carol, sams_round, world):
    make_co_lead(sams_round, carol)
    client = client_for(carol)
    page = client.get(reverse("reflections:detail", args=[sams_round.pk]))
    assert page.status_code == 200 and "Carers’ voices 2026" in page.content.decode()
    assert client.get(reverse("reflections:detail", args=[world["round"]])).status_code == 404
    # Her own organisation is untouched: Hillside is still the one she works in everywhere else.
    assert "Hillside Care" in client.get(reverse("organisations:dashboard")).content.decode()
