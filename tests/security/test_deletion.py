"""Deleting a round, an organisation and one's own account, at the level of the services: what goes, what
stays (the action plan keeps its actions, marked), what the audit trail records, and that nothing belonging to
another organisation is touched. Runs on SQLite and PostgreSQL alike."""

import datetime
from dataclasses import asdict

import pytest
from django.utils import timezone

from coreflect.accounts.models import User
from coreflect.actions import services as actions
from coreflect.actions.models import Action, Contribution, Idea, ProgressNote
from coreflect.audit import trail
from coreflect.audit.models import AuditEvent, Kind
from coreflect.exports import share
from coreflect.exports.models import ChosenWords, Download, ReportJob, ShareLink
from coreflect.frameworks import services as frameworks
from coreflect.frameworks.models import Framework, FrameworkVersion
from coreflect.organisations import deletion as organisation_deletion
from coreflect.organisations import services as organisations
from coreflect.organisations.models import Invitation, Membership, Organisation
from coreflect.reflections import deletion, groups
from coreflect.reflections.models import Consensus, Participant, Response, Round, RoundStatus
from coreflect.workshops import ideas as workshop_ideas
from coreflect.workshops import services as workshops
from coreflect.workshops.models import Dot, PostedIdea, Step, Vote, Workshop
from tests.reflections.conftest import Visitor, make_round

TITLE = "Day services 2026"


def full_round(organisation, admin, facilitator, **overrides):
    """A round with something of everything: answers, a workshop with a vote, an idea and a dot, the group's
    view, a share link, a report file, chosen words, a download, and actions with notes and contributions."""
    round_ = make_round(organisation, admin, **overrides)
    for key in ["draws-on-support", "family-carer", "frontline"]:
        Visitor(round_).join(key)
    principle = round_.framework_version.principle_rows.order_by("position").first()
    stage = round_.framework_version.stage_rows.order_by("position").first()
    workshop = workshops.start_workshop(round_, started_by=facilitator)
    attendee, _token = workshops.join(workshop, round_.perspectives.get(key="manager"))
    workshops.go_to(workshop, Step.VOTING, principle)
    workshops.vote(attendee, principle, stage=stage, rag="amber")
    posted = workshop_ideas.post_idea(workshop, principle, "Pay people for their time", attendee=attendee)
    workshops.go_to(workshop, Step.DOTS)
    workshop_ideas.spend_dot(attendee, posted)
    from_workshop = workshop_ideas.make_action(posted, created_by=facilitator)
    actions.add_note(from_workshop, text="Budget agreed", author=facilitator)
    actions.add_contribution(from_workshop, name="Sam", role="Co-lead", hours=3)
    actions.create_action(organisation=organisation, created_by=facilitator, round=round_, what="Meet monthly")
    groups.record_consensus(
        round_, principle, label="Workshop", stage=stage, rag="amber", evidence="We agreed", recorded_by=facilitator
    )
    share.create_link(round_, by=admin, label="The board")
    ReportJob.objects.create(round=round_, requested_by=admin, format="pdf")
    ChosenWords.objects.create(round=round_, principle_key=principle.key, key="abc", position=1)
    Download.objects.create(round=round_, downloaded_by=admin, contents="data", format="csv")
    return round_


def test_deleting_a_round_takes_what_was_gathered_and_keeps_its_actions_marked(riverside, alice, fran, hillside, carol):
    round_ = full_round(riverside, alice, fran, title=TITLE)
    following = make_round(riverside, alice, title="Day services 2027", previous_round=round_)
    elsewhere = full_round(hillside, carol, carol, title="Hillside homes")
    before_elsewhere = {model: model.objects.count() for model in (Participant, Workshop, Vote, Idea, ShareLink)}
    versions = FrameworkVersion.objects.count()

    with trail.acting_as(alice):
        gone = deletion.delete_round(round_)

    assert asdict(gone) == {
        "people": 4,  # three on their own and one in the workshop
        "workshops": 1,
        "ideas": 1,
        "group_views": 1,
        "share_links": 1,
        "personal_links": 0,
        "co_leads": 0,
        "report_files": 1,
        "actions_kept": 2,
    }
    assert not Round.objects.filter(pk=round_.pk).exists()
    for model in (Participant, Response, Workshop, Idea, Consensus, ShareLink, ReportJob, ChosenWords, Download):
        assert not model.objects.filter(round__organisation=riverside).exists(), model.__name__
    assert not Vote.objects.filter(workshop__round__organisation=riverside).exists()
    assert not Dot.objects.filter(posted_idea__workshop__round__organisation=riverside).exists()
    assert not PostedIdea.objects.filter(workshop__round__organisation=riverside).exists()

    # The actions stay, with their notes and contributions, marked with the round they came from.
    kept = list(Action.objects.filter(organisation=riverside).order_by("pk"))
    assert [action.what for action in kept] == ["Pay people for their time", "Meet monthly"]
    assert {(action.round_id, action.deleted_round_title, action.idea_id) for action in kept} == {(None, TITLE, None)}
    assert ProgressNote.objects.get(action__organisation=riverside).text == "Budget agreed"
    assert Contribution.objects.get(action__organisation=riverside).name == "Sam"

    # The next round stays, no longer following anything; the frameworks are untouched.
    following.refresh_from_db()
    assert following.previous_round is None
    assert FrameworkVersion.objects.count() == versions

    # Hillside's round and everything in it is untouched.
    assert Round.objects.filter(pk=elsewhere.pk).exists()
    assert {model: model.objects.count() for model in before_elsewhere} == {
        model: before_elsewhere[model] - (4 if model is Participant else 1) for model in before_elsewhere
    }
    assert Action.objects.filter(round=elsewhere).count() == 2

    event = AuditEvent.objects.get(kind=Kind.ROUND_DELETED)
    assert (event.organisation_id, event.actor, event.target_label) == (riverside.pk, alice, TITLE)
    assert event.changes == {
        "title": [TITLE, None],
        "people": [4, 0],
        "workshops": [1, 0],
        "ideas": [1, 0],
        "group_views": [1, 0],
        "share_links": [1, 0],
        "report_files": [1, 0],
    }
    assert "Pay people" not in str(event.changes) and "We agreed" not in str(event.changes)


def test_every_table_that_points_at_a_round_is_accounted_for():
    """Deleting a round counts what it takes (reflections/deletion.py): a new table pointing at rounds must be
    either counted on the page that asks "are you sure?", part of something counted, or kept on purpose."""
    counted = {
        "participant",
        "workshop",
        "idea",
        "consensus",
        "sharelink",
        "reportjob",
        "action",
        "personallink",
        "colead",
    }
    part_of_the_answers = {"perspective", "response", "tally", "ticktally"}
    part_of_the_report = {"chosenwords", "download"}
    part_of_the_co_leads = {"coleadinvitation"}  # invitations not yet accepted stop working
    kept_on_purpose = {"round"}  # the next round: it stays, no longer following the deleted one
    pointing = {relation.related_model._meta.model_name for relation in Round._meta.related_objects}
    assert pointing == counted | part_of_the_answers | part_of_the_report | part_of_the_co_leads | kept_on_purpose


def test_a_deleted_round_can_have_no_actions_and_no_answers(riverside, alice):
    round_ = make_round(riverside, alice, status=RoundStatus.DRAFT, title="Never used")
    gone = deletion.delete_round(round_)
    assert gone.people == 0 and gone.actions_kept == 0
    assert AuditEvent.objects.get(kind=Kind.ROUND_DELETED).changes == {"title": ["Never used", None]}


def test_deleting_an_organisation_takes_everything_its_own_and_keeps_accounts(
    riverside, alice, fran, bob, hillside, carol
):
    copy = frameworks.copy_framework(
        Framework.objects.get(slug="how-are-you-doing-2011").current_version,
        organisation=riverside,
        title="Our own words",
        created_by=alice,
    )
    full_round(riverside, alice, fran, title=TITLE, framework_version=copy.current_version)
    full_round(riverside, alice, fran, title="Older people 2026")
    organisations.invite(organisation=riverside, email="new@riverside.example", role="viewer", invited_by=alice)
    elsewhere = full_round(hillside, carol, carol, title="Hillside homes")
    built_in = Framework.objects.filter(organisation=None).count()
    riverside_id = riverside.pk

    with trail.acting_as(alice):
        gone = organisation_deletion.delete_organisation(riverside)

    assert asdict(gone) == {"rounds": 2, "people": 8, "actions": 4, "frameworks": 1, "members": 3, "invitations": 1}
    assert not Organisation.objects.filter(pk=riverside_id).exists()
    assert not Round.objects.filter(organisation_id=riverside_id).exists()
    assert not Action.objects.filter(organisation_id=riverside_id).exists()
    assert not Framework.objects.filter(organisation_id=riverside_id).exists()
    assert not Membership.objects.filter(organisation_id=riverside_id).exists()
    assert not Invitation.objects.filter(organisation_id=riverside_id).exists()
    # People's accounts stay: they may belong elsewhere.
    assert set(User.objects.values_list("email", flat=True)) >= {alice.email, fran.email, bob.email}
    # Nothing of Hillside's, nor the built-in frameworks, is touched.
    assert Round.objects.get(pk=elsewhere.pk).participants.count() == 4
    assert Action.objects.filter(organisation=hillside).count() == 2
    assert Membership.objects.filter(organisation=hillside).count() == 1
    assert Framework.objects.filter(organisation=None).count() == built_in

    # The trail keeps the organisation's id, so the event is still found by it.
    event = trail.events_for(riverside_id, kind=Kind.ORGANISATION_DELETED).get()
    assert (event.actor, event.target_label) == (alice, "Riverside Council")
    assert event.changes["name"] == ["Riverside Council", None]
    assert event.changes["rounds"] == [2, 0] and event.changes["members"] == [3, 0]


def test_deleting_ones_account_ends_memberships_and_keeps_their_actions_for_someone_else(riverside, alice, bob):
    round_ = make_round(riverside, alice)
    action = actions.create_action(
        organisation=riverside, created_by=alice, round=round_, what="Pay for time", owner=bob, due_on=None
    )
    with trail.acting_as(bob):
        trail.record(Kind.DATA_EXPORTED, organisation_id=riverside.pk, target=round_)
        organisation_deletion.delete_account(bob)

    assert not User.objects.filter(email="bob@riverside.example").exists()
    assert not Membership.objects.filter(user_id=bob.pk).exists()
    action.refresh_from_db()
    assert (action.owner, action.former_owner_name, action.needs_new_owner) == (None, "Bob Brown", True)
    # Giving it to someone else clears the mark.
    actions.update_action(action, seen_version=action.version, owner=alice)
    assert not Action.objects.get(pk=action.pk).needs_new_owner

    deleted = AuditEvent.objects.get(kind=Kind.ACCOUNT_DELETED)
    assert (deleted.organisation_id, deleted.actor) == (riverside.pk, None)
    assert deleted.actor_label == "bob@riverside.example"
    assert deleted.changes == {"role": ["viewer", None]}
    # What they did before stays in the trail under the email they had.
    assert AuditEvent.objects.get(kind=Kind.DATA_EXPORTED).actor_label == "bob@riverside.example"


def test_an_account_in_no_organisation_is_deleted_with_an_event_of_its_own(dan):
    organisation_deletion.delete_account(dan)
    assert not User.objects.filter(pk=dan.pk).exists()
    event = AuditEvent.objects.get(kind=Kind.ACCOUNT_DELETED)
    assert (event.organisation_id, event.actor_label) == (None, "dan@nowhere.example")


def test_the_only_admin_and_the_only_member_cannot_delete_their_accounts(riverside, alice, bob, carol):
    with pytest.raises(organisation_deletion.AccountDeletionRefused) as refused:
        organisation_deletion.delete_account(alice)
    assert [(b.organisation, b.only_member) for b in refused.value.blockers] == [(riverside, False)]
    with pytest.raises(organisation_deletion.AccountDeletionRefused) as refused:
        organisation_deletion.delete_account(carol)
    assert [b.only_member for b in refused.value.blockers] == [True]
    assert User.objects.filter(pk__in=[alice.pk, carol.pk]).count() == 2
    assert not AuditEvent.objects.filter(kind=Kind.ACCOUNT_DELETED).exists()

    # With another admin, alice may go.
    organisations.change_role(bob.memberships.get(), "admin")
    organisation_deletion.delete_account(alice)
    assert not User.objects.filter(pk=alice.pk).exists()


def test_deleted_rounds_leave_old_actions_of_other_rounds_alone(riverside, alice):
    kept_round = make_round(riverside, alice, title="Kept")
    gone_round = make_round(riverside, alice, title="Gone")
    due = timezone.localdate() + datetime.timedelta(days=3)
    kept = actions.create_action(organisation=riverside, created_by=alice, round=kept_round, what="A", due_on=due)
    deletion.delete_round(gone_round)
    kept.refresh_from_db()
    assert (kept.round, kept.deleted_round_title) == (kept_round, "")


def test_an_action_keeps_its_principles_when_its_round_goes(riverside, alice):
    from coreflect.actions import queries

    round_ = make_round(riverside, alice)
    principles = list(round_.framework_version.principle_rows.order_by("position")[:2])
    action = actions.create_action(
        organisation=riverside, created_by=alice, round=round_, what="Pay for time", principles=principles
    )
    before = queries.principle_titles(action)
    assert len(before) == 2
    deletion.delete_round(round_)
    action = Action.objects.get(pk=action.pk)
    assert action.round is None
    assert queries.principle_titles(action) == before
