"""`make run`'s demo data: people to sign in as, rounds with answers, an action plan – loaded once."""

import pytest
from django.core.management import CommandError, call_command

from coreflect.actions.models import Action
from coreflect.organisations.models import Organisation
from coreflect.reflections.models import Consensus, Participant, Round
from coreflect.workshops.models import Dot, Workshop


@pytest.fixture(autouse=True)
def debug_on(settings):
    settings.DEBUG = True  # as `make run` has it


def test_demo_loads_once_and_prints_how_to_use_it(db, capsys):
    call_command("load_demo")
    first = capsys.readouterr().out

    def counts():
        return tuple(model.objects.count() for model in (Round, Participant, Action, Workshop, Consensus, Dot))

    first_counts = counts()
    call_command("load_demo")
    again = capsys.readouterr().out
    assert counts() == first_counts
    rounds, participants, actions, workshops, consensuses, dots = first_counts
    assert rounds == 3 and participants >= 105
    # Four actions of the plan, and one chosen at the demo's workshop: two principles' group views, 3 dots each.
    assert (actions, workshops, consensuses) == (5, 1, 2)
    assert dots == 3 * Workshop.objects.get().attendees.count()
    assert Action.objects.filter(idea__source="workshop").count() == 1
    assert Organisation.objects.count() == 1
    for output in (first, again):
        assert "alex.admin@example.org" in output and "reflect-together-demo" in output
        assert "Take part in a demo reflection, with no account: http://127.0.0.1:8000/r/" in output


def test_with_debug_off_the_demo_is_refused_unless_forced(db, settings, capsys):
    """Its accounts have a published password: on a live service they would be a way in."""
    settings.DEBUG = False
    with pytest.raises(CommandError, match="published password"):
        call_command("load_demo")
    assert Organisation.objects.count() == 0 and Round.objects.count() == 0
    call_command("load_demo", "--force")
    assert Organisation.objects.count() == 1
