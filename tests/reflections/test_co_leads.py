"""Co-leads: a facilitator invites someone to co-lead a round, they accept with a light account (or their own),
find their rounds, and are shown by name and role on the round, its results and its report; removing them
ends it at once. Who may do each is in the table; the whole URL map is tried in
tests/organisations/test_co_lead_access.py."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coreflect.accounts.models import User
from coreflect.audit.models import AuditEvent, Kind
from coreflect.reflections import co_leads
from coreflect.reflections.models import CoLead, CoLeadInvitation
from tests import co_leads as co_lead_fixtures
from tests.co_leads import invite, make_co_lead, send_now
from tests.conftest import PASSWORD, make_person
from tests.permissions import MATRIX_ARGUMENTS, NO_ORG, SIGN_IN, check_visit, matrix_rows
from tests.reflections.conftest import make_round

sam = co_lead_fixtures.sam
sams_round = co_lead_fixtures.sams_round

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NEW_PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def kims_invitation(sams_round, fran):
    return invite(sams_round, fran, email="kim@example.org", name="Kim Kaur", role="Carer and peer supporter")


def accept_url(token):
    return reverse("reflections:co-lead-accept", args=[token])


# --- Who may do what --------------------------------------------------------------------------------------

MANAGERS = {"anonymous": SIGN_IN, "dan": NO_ORG, "carol": 404, "bob": 403, "fran": 200, "alice": 200, "sam": 200}
MATRIX = [
    ("reflections:co-lead-invite", "round", "get", MANAGERS),
    ("reflections:co-lead-remove", "co-lead", "get", MANAGERS),
    ("reflections:co-lead-cancel", "invitation", "post", {**MANAGERS, "fran": 302, "alice": 302, "sam": 302}),
    ("reflections:co-led", None, "get", {"anonymous": SIGN_IN, "dan": 200, "carol": 200, "sam": 200}),
]


@pytest.mark.parametrize(MATRIX_ARGUMENTS, matrix_rows(MATRIX))
def test_permission_matrix(client_for, request, sams_round, fran, name, target, method, visitor, expected):
    people = {key: request.getfixturevalue(key) for key in ("dan", "carol", "bob", "fran", "alice", "sam")}
    ola = make_co_lead(sams_round, make_person("ola@example.org", "Ola Okafor"), invited_by=fran)
    invitation, _token = invite(sams_round, fran, email="kim@example.org", name="Kim Kaur")
    args = {
        "round": [sams_round.pk],
        "co-lead": [sams_round.pk, ola.pk],
        "invitation": [sams_round.pk, invitation.pk],
        None: [],
    }[target]
    client = client_for(people.get(visitor))
    check_visit(client, method, reverse(name, args=args), expected)


# --- Inviting -----------------------------------------------------------------------------------------------


def test_a_facilitator_invites_a_co_lead_from_the_round_page(client_for, fran, sams_round, settings):
    settings.TASKS = IMMEDIATE
    client = client_for(fran)
    page = client.get(reverse("reflections:detail", args=[sams_round.pk])).content.decode()
    assert 'id="co-leads"' in page and reverse("reflections:co-lead-invite", args=[sams_round.pk]) in page

    response = client.post(
        reverse("reflections:co-lead-invite", args=[sams_round.pk]),
        {"name": " Kim   Kaur ", "email": "Kim@Example.org", "role": "Carer and peer supporter"},
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#co-leads")
    (email,) = mail.outbox
    assert email.to == ["kim@example.org"]
    assert "Carers’ voices 2026" in email.subject and "Riverside Council" in email.subject
    assert "Hello Kim Kaur," in email.body and "as Carer and peer supporter" in email.body
    invitation = CoLeadInvitation.objects.get()
    token = email.body.split("/co-leads/invitations/")[1].split("/")[0]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    event = AuditEvent.objects.get(kind=Kind.CO_LEAD_INVITED)
    assert event.actor == fran and event.target_label == "kim@example.org"
    assert event.changes == {"round": [None, "Carers’ voices 2026"], "role": [None, "Carer and peer supporter"]}
    page = client.get(reverse("reflections:detail", args=[sams_round.pk])).content.decode()
    assert "Kim Kaur (Carer and peer supporter), kim@example.org" in page


def test_the_link_is_made_by_the_task_and_kept_nowhere_in_clear(client_for, fran, sams_round):
    client_for(fran).post(
        reverse("reflections:co-lead-invite", args=[sams_round.pk]),
        {"name": "Kim Kaur", "email": "kim@example.org", "role": "Expert by experience"},
    )
    invitation = CoLeadInvitation.objects.get()
    assert invitation.token_hash == "" and mail.outbox == []  # not sent yet: the worker sends it
    (task,) = DBTaskResult.objects.all()
    assert task.args_kwargs["kwargs"] == {"invitation_id": invitation.pk, "language": "en-gb"}

    token = send_now(invitation)
    invitation.refresh_from_db()
    assert token not in invitation.token_hash and len(token) >= 43  # 256 bits
    assert co_leads.find_invitation(token) == invitation


def test_bad_input_is_explained_and_kept(client_for, fran, sams_round):
    url = reverse("reflections:co-lead-invite", args=[sams_round.pk])
    response = client_for(fran).post(url, {"name": "  ", "email": "kim-at-example", "role": "x" * 101})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter their name" in page
    assert "Enter an email address in the correct format" in page
    assert "Their role must be 100 characters or fewer" in page
    assert 'value="kim-at-example"' in page
    assert CoLeadInvitation.objects.count() == 0


def test_someone_already_co_leading_or_invited_is_not_invited_twice(client_for, fran, sams_round, kims_invitation):
    url = reverse("reflections:co-lead-invite", args=[sams_round.pk])
    client = client_for(fran)
    page = client.post(url, {"name": "Sam", "email": "SAM@example.org", "role": "Expert"}).content.decode()
    assert "sam@example.org already co-leads this round" in page
    page = client.post(url, {"name": "Kim", "email": "kim@example.org", "role": "Expert"}).content.decode()
    assert "kim@example.org has already been invited" in page
    assert CoLeadInvitation.objects.count() == 1


def test_a_facilitator_cancels_an_invitation_and_its_link_stops_working(client, client_for, fran, kims_invitation):
    invitation, token = kims_invitation
    response = client_for(fran).post(reverse("reflections:co-lead-cancel", args=[invitation.round_id, invitation.pk]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(kind=Kind.INVITATION_CANCELLED, target_label="kim@example.org").exists()
    response = client.get(accept_url(token))
    assert response.status_code == 410 and "This invitation has been cancelled." in response.content.decode()


# --- Accepting ----------------------------------------------------------------------------------------------


def test_a_new_person_sets_a_name_and_password_and_lands_on_their_rounds(client, kims_invitation, sams_round):
    _invitation, token = kims_invitation
    page = client.get(accept_url(token)).content.decode()
    assert "Co-lead “Carers’ voices 2026”" in page and "Fran Fisher has invited you" in page
    assert 'value="Kim Kaur"' in page  # the name the facilitator typed, to keep or change

    response = client.post(
        accept_url(token), {"name": "Kim Kaur", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("reflections:co-led")
    page = response.content.decode()
    assert "You are now a co-lead of Carers’ voices 2026" in page
    assert "Carers’ voices 2026" in page and "Riverside Council" in page and "Carer and peer supporter" in page
    kim = User.objects.get(email="kim@example.org")
    assert kim.check_password(NEW_PASSWORD)
    assert not kim.memberships.exists()  # a light account: no organisation
    assert CoLead.objects.get(user=kim).round == sams_round
    # The dashboard takes a co-lead with no organisation to their rounds; the menu offers nothing else.
    response = client.get(reverse("organisations:dashboard"))
    assert response.status_code == 302 and response["Location"] == reverse("reflections:co-led")
    page = client.get(reverse("reflections:detail", args=[sams_round.pk])).content.decode()
    assert "Your rounds" in page
    assert f'href="{reverse("reflections:list")}"' not in page and f'href="{reverse("actions:plan")}"' not in page


def test_a_weak_password_is_explained_and_the_name_kept(client, kims_invitation):
    _invitation, token = kims_invitation
    response = client.post(accept_url(token), {"name": "Kim K", "password1": "short", "password2": "short"})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and 'value="Kim K"' in page
    assert not User.objects.filter(email="kim@example.org").exists()


def test_someone_with_an_account_signs_in_and_accepts(client, kims_invitation, sams_round):
    _invitation, token = kims_invitation
    kim = make_person("kim@example.org", "Kim Kaur")
    page = client.get(accept_url(token)).content.decode()
    assert "Sign in to accept" in page and 'name="password1"' not in page
    assert client.post(accept_url(token), {"name": "X", "password1": "y", "password2": "y"}).status_code == 200
    assert not CoLead.objects.filter(user=kim).exists()

    client.post(reverse("accounts:sign-in"), {"login": "kim@example.org", "password": PASSWORD})
    response = client.post(accept_url(token))
    assert response.status_code == 302 and response["Location"] == reverse("reflections:co-led")
    assert CoLead.objects.get(user=kim).role == "Carer and peer supporter"
    assert client.get(reverse("reflections:edit", args=[sams_round.pk])).status_code == 200


def test_the_link_works_once(client, client_for, kims_invitation):
    _invitation, token = kims_invitation
    client.post(accept_url(token), {"name": "Kim Kaur", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    again = client_for(User.objects.get(email="kim@example.org")).post(accept_url(token))
    assert again.status_code == 410 and "This invitation has already been used." in again.content.decode()
    assert CoLead.objects.filter(user__email="kim@example.org").count() == 1


def test_an_expired_or_unknown_link_is_refused(client, kims_invitation):
    invitation, token = kims_invitation
    CoLeadInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(accept_url(token))
    assert response.status_code == 410 and "This invitation has expired." in response.content.decode()
    response = client.get(accept_url("not-a-real-token"))
    assert response.status_code == 410 and "not recognised" in response.content.decode()


def test_an_invitation_for_someone_else_is_refused(client_for, bob, kims_invitation):
    _invitation, token = kims_invitation
    client = client_for(bob)
    page = client.get(accept_url(token))
    assert page.status_code == 403
    assert "This invitation is for someone else. You are signed in as bob@riverside.example." in page.content.decode()
    assert client.post(accept_url(token)).status_code == 403
    assert not CoLead.objects.filter(user=bob).exists()


# --- Removing -----------------------------------------------------------------------------------------------


def test_removing_a_co_lead_ends_their_access_at_once(client_for, fran, sam, sams_round):
    co_lead = sams_round.co_leads.get()
    sams_client = client_for(sam)
    assert sams_client.get(reverse("results:overview", args=[sams_round.pk])).status_code == 200
    url = reverse("reflections:co-lead-remove", args=[sams_round.pk, co_lead.pk])
    assert "Remove Sam Shah as a co-lead of Carers’ voices 2026?" in client_for(fran).get(url).content.decode()

    response = client_for(fran).post(url)

    assert response.status_code == 302
    event = AuditEvent.objects.get(kind=Kind.CO_LEAD_REMOVED)
    assert event.target_label == "sam@example.org" and event.actor == fran
    assert event.changes == {"round": ["Carers’ voices 2026", None], "role": ["Expert by experience", None]}
    assert sams_client.get(reverse("results:overview", args=[sams_round.pk])).status_code == 404
    assert "You do not co-lead any rounds" in sams_client.get(reverse("reflections:co-led")).content.decode()


# --- Shown as co-lead ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["reflections:detail", "results:overview", "results:gaps", "results:words", "exports:report"]
)
def test_the_co_leads_name_and_role_are_shown(client_for, bob, sams_round, name):
    page = client_for(bob).get(reverse(name, args=[sams_round.pk])).content.decode()
    assert "Sam Shah" in page and "Expert by experience" in page
    assert "Co-lead" in page or "co-lead" in page


def test_the_report_says_who_co_led_the_round(sams_round):
    from coreflect.exports import report

    cover = report.build(sams_round, ["cover"]).sections[0]
    rows = [row for block in cover.blocks for row in getattr(block, "rows", [])]
    assert any(row.header == "Co-lead" and row.cells == ["Sam Shah, Expert by experience"] for row in rows)


def test_your_rounds_lists_only_the_rounds_you_co_lead(client_for, sam, sams_round, hillside, carol, alice, riverside):
    make_co_lead(make_round(hillside, carol, title="Hillside homes"), sam, role="Peer researcher")
    make_round(riverside, alice, title="Not Sam’s round")
    page = client_for(sam).get(reverse("reflections:co-led")).content.decode()
    assert "Carers’ voices 2026" in page and "Hillside homes" in page and "Peer researcher" in page
    assert "Not Sam’s round" not in page


def test_pages_run_a_fixed_number_of_queries(client_for, sam, sams_round, fran, django_assert_max_num_queries):
    for n in range(6):
        make_co_lead(sams_round, make_person(f"person{n}@example.org", f"Person {n}"), invited_by=fran)
        make_co_lead(make_round(sams_round.organisation, fran, title=f"Round {n}"), sam)
        invite(sams_round, fran, email=f"invited{n}@example.org", name=f"Invited {n}")
    sams_client, frans_client = client_for(sam), client_for(fran)
    with django_assert_max_num_queries(5):
        assert sams_client.get(reverse("reflections:co-led")).status_code == 200
    with django_assert_max_num_queries(13):  # 12, and the checks of the framework's Welsh and Easy Read wording
        assert sams_client.get(reverse("reflections:detail", args=[sams_round.pk])).status_code == 200
    with django_assert_max_num_queries(14):  # 13, and the checks of the framework's Welsh and Easy Read wording
        assert frans_client.get(reverse("reflections:detail", args=[sams_round.pk])).status_code == 200


# --- Two-factor authentication ------------------------------------------------------------------------------


def test_an_organisation_asking_everyone_for_two_factor_asks_its_co_leads_too(client_for, sam, sams_round):
    riverside = sams_round.organisation
    riverside.requires_mfa = True
    riverside.save()
    client = client_for(sam)
    response = client.get(reverse("reflections:detail", args=[sams_round.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_index")
    page = client.get(reverse("mfa_index")).content.decode()
    assert "Riverside Council asks everyone who leads its rounds, co-leads too, to use two-factor" in page


# --- Leading the round --------------------------------------------------------------------------------------


def test_a_co_lead_closes_their_round_and_the_audit_trail_says_it_was_them(client_for, sam, sams_round):
    response = client_for(sam).post(reverse("reflections:status", args=[sams_round.pk]), {"status": "closed"})
    assert response.status_code == 302
    sams_round.refresh_from_db()
    assert sams_round.status == "closed"
    assert AuditEvent.objects.filter(actor=sam, organisation_id=sams_round.organisation_id).exists()


def test_a_co_lead_starts_a_workshop_in_their_round(client_for, sam, sams_round):
    response = client_for(sam).post(reverse("workshops:start", args=[sams_round.pk]), {"counting": "replace"})
    assert response.status_code == 302
    console = client_for(sam).get(response["Location"])
    assert console.status_code == 200 and "Carers’ voices 2026" in console.content.decode()


def test_a_co_lead_prints_the_paper_version_of_their_round_when_it_uses_the_organisations_own_copy(
    client_for, sam, sams_round, fran
):
    from coreflect.frameworks.services import copy_framework

    copy = copy_framework(
        sams_round.framework_version, organisation=sams_round.organisation, title="Riverside's own", created_by=fran
    )
    sams_round.framework_version = copy.current_version
    sams_round.save()
    client = client_for(sam)
    round_page = client.get(reverse("reflections:detail", args=[sams_round.pk])).content.decode()
    paper = reverse("reflections:printable", args=[sams_round.pk])
    assert f'href="{paper}"' in round_page
    assert client.get(reverse("frameworks:print", args=[copy.slug])).status_code == 404  # the organisation's pages
    page = client.get(paper)
    assert page.status_code == 200
    assert "Riverside&#x27;s own" in page.content.decode() or "Riverside's own" in page.content.decode()
    assert "Back to the round" in page.content.decode()
    pdf = client.get(reverse("reflections:printable-pdf", args=[sams_round.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
