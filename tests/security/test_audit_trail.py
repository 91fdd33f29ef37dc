"""The audit trail: what matters to trust is recorded (who, when, what changed), never participants'
answers; an organisation's admins read and filter their own organisation's trail; nothing in it changes,
and it lets events go after the retention period."""

import datetime
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from coreflect.actions import services as actions
from coreflect.audit import trail
from coreflect.audit.models import AuditEvent, Kind
from coreflect.frameworks import services as frameworks
from coreflect.organisations import services as organisations
from coreflect.reflections import groups
from coreflect.reflections import services as reflections
from coreflect.reflections.models import RoundStatus
from tests.conftest import PASSWORD
from tests.reflections.conftest import Visitor, make_round


def kinds(organisation) -> list[str]:
    return list(AuditEvent.objects.filter(organisation_id=organisation.pk).values_list("kind", flat=True))


def test_signing_in_and_out_and_failed_attempts_are_recorded(riverside, alice):
    client = Client()
    assert client.login(email=alice.email, password=PASSWORD)
    client.logout()
    assert authenticate(email=alice.email, password="not-the-password") is None
    assert authenticate(email="nobody@example.org", password="guess") is None
    recorded = kinds(riverside)
    assert {Kind.SIGNED_IN, Kind.SIGNED_OUT, Kind.SIGN_IN_FAILED} <= set(recorded)
    failed = AuditEvent.objects.get(organisation_id=riverside.pk, kind=Kind.SIGN_IN_FAILED)
    assert failed.target_label == alice.email and failed.actor is None
    # A guess at an address that is no account's is kept without the address.
    unknown = AuditEvent.objects.get(organisation_id=None, kind=Kind.SIGN_IN_FAILED)
    assert unknown.target_label == "" and "nobody" not in str(unknown.changes)


def test_members_and_roles_are_recorded_with_who_and_what_changed(riverside, alice, bob, dan):
    with trail.acting_as(alice):
        invitation, _token = organisations.invite(
            organisation=riverside, email="new@riverside.example", role="viewer", invited_by=alice
        )
        organisations.cancel_invitation(invitation)
        organisations.change_role(bob.memberships.get(), "facilitator")
        organisations.remove_member(bob.memberships.get())
    second, _token = organisations.invite(organisation=riverside, email=dan.email, role="viewer", invited_by=alice)
    organisations.accept_invitation(second, dan)
    role = AuditEvent.objects.get(kind=Kind.ROLE_CHANGED)
    assert (role.actor, role.target_label, role.changes) == (alice, bob.email, {"role": ["viewer", "facilitator"]})
    assert AuditEvent.objects.get(kind=Kind.MEMBER_REMOVED).changes == {"role": ["facilitator", None]}
    assert AuditEvent.objects.get(kind=Kind.MEMBER_ADDED).actor == dan
    assert {Kind.MEMBER_INVITED, Kind.INVITATION_CANCELLED} <= set(kinds(riverside))


def test_round_settings_frameworks_actions_and_group_views_are_recorded(riverside, alice, fran):
    with trail.acting_as(fran):
        round_ = make_round(riverside, fran, status=RoundStatus.DRAFT)
        reflections.update_round(round_, threshold=8, closes_on=datetime.date(2027, 3, 1))
        reflections.set_status(round_, RoundStatus.OPEN)
        action = actions.create_action(organisation=riverside, created_by=fran, round=round_, what="Pay for time")
        actions.update_action(action, seen_version=action.version, what="Pay people for their time")
        principle = round_.framework_version.principle_rows.first()
        groups.record_consensus(
            round_, principle, label="Room", stage=None, rag="amber", evidence="We said", recorded_by=fran
        )
        framework = frameworks.copy_framework(
            round_.framework_version, organisation=riverside, title="Our own words", created_by=fran
        )
    changed = AuditEvent.objects.get(kind=Kind.ROUND_CHANGED)
    assert changed.changes == {"threshold": [5, 8], "closes_on": [None, "2027-03-01"]}
    assert changed.actor == fran and changed.target_label == round_.title
    assert AuditEvent.objects.get(kind=Kind.ROUND_STATUS).changes == {"status": ["draft", "open"]}
    assert AuditEvent.objects.get(kind=Kind.ACTION_CHANGED).changes == {
        "what": ["Pay for time", "Pay people for their time"]
    }
    consensus = AuditEvent.objects.get(kind=Kind.CONSENSUS_RECORDED)
    assert consensus.changes == {"rag": [None, "amber"]} and "We said" not in str(consensus.changes)
    assert AuditEvent.objects.filter(kind=Kind.FRAMEWORK_EDITED, target_id=framework.pk).exists()
    assert {Kind.ROUND_CREATED, Kind.ACTION_CREATED} <= set(kinds(riverside))


def test_participants_answers_never_reach_the_trail(riverside, alice):
    round_ = make_round(riverside, alice)
    before = AuditEvent.objects.count()
    visitor = Visitor(round_)
    visitor.join()
    visitor.answer("valuing-work", stage="basics", rag="amber", evidence="Something only I would say")
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(changes__icontains="only I would say").exists()


def test_nothing_in_the_trail_can_be_changed_and_old_events_go(riverside, alice, settings):
    event = trail.record(Kind.ROUND_CREATED, organisation_id=riverside.pk, target_label="A round", actor=alice)
    event.target_label = "Another round"
    with pytest.raises(ValueError, match="never changed"):
        event.save()
    with pytest.raises(ValueError, match="retention"):
        event.delete()
    settings.AUDIT_RETENTION_DAYS = 30
    AuditEvent.objects.filter(pk=event.pk).update(at=timezone.now() - datetime.timedelta(days=31))
    kept = trail.record(Kind.ROUND_CREATED, organisation_id=riverside.pk, target_label="Newer", actor=alice)
    out = io.StringIO()
    call_command("prune_audit", stdout=out)
    assert "Removed 1 audit events older than 30 days" in out.getvalue()
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]


# The page ----------------------------------------------------------------------------------------


def test_admins_read_their_own_organisations_trail_and_filter_it(client_for, alice, bob, carol, riverside, hillside):
    with trail.acting_as(alice):
        organisations.change_role(bob.memberships.get(), "facilitator")
    trail.record(Kind.ROUND_CREATED, organisation_id=hillside.pk, target_label="Hillside secret", actor=carol)
    page = client_for(alice).get(reverse("organisations:audit-trail")).content.decode()
    assert "Role changed" in page and bob.email in page and "Viewer" not in page
    assert "viewer to facilitator" in page and "Hillside secret" not in page
    assert "Hillside secret" in client_for(carol).get(reverse("organisations:audit-trail")).content.decode()
    filtered = (
        client_for(alice).get(reverse("organisations:audit-trail"), {"kind": Kind.FRAMEWORK_EDITED}).content.decode()
    )
    assert "No events match" in filtered
    by_who = client_for(alice).get(reverse("organisations:audit-trail"), {"who": "alice@"}).content.decode()
    assert "Role changed" in by_who


def test_a_bad_filter_is_explained_and_keeps_what_was_typed(client_for, alice):
    response = client_for(alice).get(reverse("organisations:audit-trail"), {"since": "31/2/2026", "who": "fran"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and page.count("Enter the first day as day/month/year") == 2
    assert 'value="fran"' in page and 'value="31/2/2026"' in page
    backwards = client_for(alice).get(reverse("organisations:audit-trail"), {"since": "2/2/2026", "until": "1/2/2026"})
    assert "The last day must be the same as or after the first day" in backwards.content.decode()


def test_the_page_runs_a_fixed_number_of_queries_and_pages_the_events(
    client_for, alice, riverside, django_assert_max_num_queries
):
    for n in range(120):
        trail.record(Kind.ROUND_CREATED, organisation_id=riverside.pk, target_label=f"Round {n}", actor=alice)
    client = client_for(alice)  # signing in is an event too: the page filters to the rounds made
    with django_assert_max_num_queries(8):
        first = client.get(reverse("organisations:audit-trail"), {"kind": Kind.ROUND_CREATED}).content.decode()
    assert "120 events" in first and "Round 119" in first and "Round 69" not in first and "Older events" in first
    last = client.get(reverse("organisations:audit-trail"), {"kind": Kind.ROUND_CREATED, "page": 3}).content.decode()
    assert "Round 0<" in last and "Newer events" in last


def test_password_and_two_step_changes_and_organisation_settings_are_recorded(client_for, alice, riverside):
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals
    from allauth.mfa.models import Authenticator

    app = Authenticator.objects.get(user=alice, type=Authenticator.Type.TOTP)  # every admin has one (conftest)
    mfa_signals.authenticator_removed.send(sender=Authenticator, request=None, user=alice, authenticator=app)
    account_signals.password_reset.send(sender=type(alice), request=None, user=alice)
    response = client_for(alice).post(
        reverse("organisations:settings"), {"name": "Riverside Council", "kind": riverside.kind, "requires_mfa": "on"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(kind=Kind.MFA_CHANGED).changes == {"authenticator app": [None, "removed"]}
    assert AuditEvent.objects.get(kind=Kind.PASSWORD_CHANGED).changes == {"how": [None, "reset by email"]}
    assert AuditEvent.objects.get(kind=Kind.ORGANISATION_CHANGED).changes == {"requires_mfa": [False, True]}


def test_every_file_taken_out_is_recorded(riverside, alice, fran):
    from coreflect.exports import report_files, share
    from coreflect.exports.models import Contents, Format

    round_ = make_round(riverside, alice)
    link = share.create_link(round_, by=fran)
    report_files.record_download(round_, fran, Contents.REPORT, Format.WORD)
    report_files.record_download(round_, fran, Contents.DATA, Format.CSV)
    report_files.record_download(round_, alice, Contents.RAW_DATA, Format.EXCEL)
    report_files.record_download(round_, None, Contents.REPORT, Format.PDF, share_link=link)
    events = {event.kind: event for event in AuditEvent.objects.filter(target_type="round")}
    assert events[Kind.DATA_EXPORTED].changes == {"file": [None, "Data, CSV"]}
    assert events[Kind.RAW_DATA_EXPORTED].actor == alice
    through_link = AuditEvent.objects.filter(kind=Kind.REPORT_EXPORTED, actor=None).get()
    assert through_link.changes == {"file": [None, "Round report, PDF (through a share link)"]}
    assert AuditEvent.objects.filter(kind=Kind.SHARE_LINK_MADE, actor=fran).exists()
    share.withdraw_link(link, by=alice)
    assert AuditEvent.objects.filter(kind=Kind.SHARE_LINK_WITHDRAWN, actor=alice).exists()


def test_every_kind_of_event_is_recorded_by_a_test_here():
    """A new kind of event must come with a test, somewhere in the suite, that something records it."""
    from pathlib import Path

    tests = Path(__file__).parents[1]
    everywhere = "".join(path.read_text() for path in tests.rglob("test_*.py") if path != Path(__file__))
    here = Path(__file__).read_text().replace("Kind.{", "")
    missing = [kind.name for kind in Kind if f"Kind.{kind.name}" not in here + everywhere]
    assert missing == []
